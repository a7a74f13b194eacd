"""The corpus layer kept up to date at each ingest: near-duplicates, then occurrences.

Both steps run inside the batch's transaction, so a store never holds articles whose copies or
occurrences are not decided yet (a batch that fails leaves neither behind).
"""

from __future__ import annotations

from . import dedup, occurrences


def update(con, articles: list[tuple[str, str]]) -> None:
    """Add newly stored articles, (id, ``dedup.content`` of the text), to the duplicate clusters
    and the occurrences."""
    if not articles:
        return
    changed = dedup.add(con, articles, dedup.threshold(con))
    occurrences.add(con, [a for a, _ in articles], changed)


def catch_up(con, dup_threshold: float | None = None) -> int:
    """Bring the corpus tables up to the article tables: a new threshold re-clusters every article,
    and articles stored without the corpus layer (before migration 0004, or by an ingest that
    turned it off) are added. Returns how many articles were added."""
    before = dedup.threshold(con)
    thr = dedup.threshold(con, dup_threshold)
    missing = _contents(con, "WHERE id NOT IN (SELECT article_id FROM article_signatures)")
    update(con, missing)
    if thr != before:
        occurrences.aggregate(con, {r[0] for r in con.execute("SELECT id FROM occurrences").fetchall()})
    return len(missing)


def rebuild(con, dup_threshold: float | None = None) -> None:
    """Every corpus table from scratch: the result an ingest of all the articles at once gives."""
    for table in ("article_signatures", "article_bands", "duplicates", "occurrence_mentions", "occurrences",
                  "dyad_months"):
        con.execute(f"DELETE FROM {table}")
    dedup.threshold(con, dup_threshold)
    update(con, _contents(con, ""))


def _contents(con, where: str) -> list[tuple[str, str]]:
    """(id, content) of the stored articles the WHERE clause picks, segments from the store."""
    rows = con.execute(f"SELECT id, text FROM articles {where} ORDER BY id").fetchall()
    segments: dict[str, list] = {}
    if rows:
        for aid, kind, start, end in con.execute(
                'SELECT article_id, kind, start, "end" FROM segments WHERE article_id IN (SELECT unnest(?))',
                [[r[0] for r in rows]]).fetchall():
            segments.setdefault(aid, []).append((kind, start, end))
    return [(aid, dedup.content(text, segments.get(aid, ()))) for aid, text in rows]
