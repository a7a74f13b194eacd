"""Near-duplicate articles: MinHash signatures over word shingles, found by LSH banding.

A wire story syndicated by many outlets, or lightly rewritten, shares most of its five-word
shingles with the original; two articles written apart about the same event share almost none
(a quoted sentence or two). The Jaccard similarity of the shingle sets tells them apart, and
MinHash estimates it from 128 numbers per article. LSH (32 bands of 4 rows) turns "which stored
articles might be copies of this one" into an equality join on band buckets, so a new batch is
compared with the candidates only, not with the whole store.

Copies form clusters (connected components of the "similarity >= threshold" graph); every
article of a cluster but its first (by date, then id) has a row in ``duplicates`` pointing to
the first. Edges depend only on the two texts, so the clusters, and the rows, do not depend on
the order articles were ingested in.

Our own small numpy MinHash rather than ``datasketch``: the part that costs is hashing the
shingles, which numpy does in one pass, and the store needs signatures as bytes anyway;
datasketch would add scipy to the install for the same arithmetic.
"""

from __future__ import annotations

import re
import zlib

import numpy as np
import pyarrow as pa

NUM_PERM = 128
BANDS, ROWS = 32, 4  # candidate threshold (1/32)^(1/4) = 0.42: pairs at 0.5 are candidates 87% of the time
SHINGLE = 5  # words per shingle
# Estimated Jaccard similarity of five-word shingles at or above which two articles are copies.
# A wire copy with a new headline, a changed sentence and a dropped paragraph keeps 0.6-0.9;
# independent reports of the same event stay under 0.1 (measured on our test corpus and the
# synthetic benchmark, docs/corpus.md). 0.5 sits between with room on both sides.
DEFAULT_THRESHOLD = 0.5

_WORD = re.compile(r"\w+")
_MASK32 = np.uint64(0xFFFFFFFF)
_rng = np.random.default_rng(20261201)  # fixed: signatures are stored and must mean the same tomorrow
_A = _rng.integers(1, 2**63, NUM_PERM, dtype=np.uint64) | np.uint64(1)  # odd multipliers
_B = _rng.integers(0, 2**63, NUM_PERM, dtype=np.uint64)
_MIX = _rng.integers(1, 2**63, ROWS, dtype=np.uint64) | np.uint64(1)
_SHINGLE_MULT = np.array([0x9E3779B97F4A7C15 ** (i + 1) % 2**64 for i in range(SHINGLE)], dtype=np.uint64)


def content(text: str, segments=()) -> str:
    """The words two copies share: the text without the page's furniture (bylines, captions,
    related links, boilerplate) where the reader marked it ((kind, start, end) segments), so a
    shared footer does not make two stories copies."""
    from ..record import FURNITURE

    kept = [text[s:e] for kind, s, e in sorted(segments, key=lambda g: g[1]) if kind not in FURNITURE]
    return "\n".join(kept) if segments and kept else text


def shingle_hashes(text: str) -> np.ndarray:
    """64-bit hashes of the text's lower-cased word shingles (the whole text if it is shorter)."""
    words = _WORD.findall(text.lower())
    if not words:
        return np.zeros(1, dtype=np.uint64)
    h = np.fromiter((zlib.crc32(w.encode()) for w in words), dtype=np.uint64, count=len(words))
    k = min(SHINGLE, len(h))
    n = len(h) - k + 1
    out = np.zeros(n, dtype=np.uint64)
    with np.errstate(over="ignore"):
        for i in range(k):  # position-weighted sum, wrapping: a hash of the word sequence
            out += h[i:i + n] * _SHINGLE_MULT[i]
    return np.unique(out)


def signature(text: str) -> np.ndarray:
    """NUM_PERM uint32 minima of multiply-shift hashes of the shingles."""
    x = shingle_hashes(text)
    with np.errstate(over="ignore"):
        hv = (_A[:, None] * x[None, :] + _B[:, None]) >> np.uint64(32)
    return (hv & _MASK32).min(axis=1).astype(np.uint32)


def bands(sig: np.ndarray) -> list[int]:
    """One signed 64-bit bucket per band (rows of the signature mixed together)."""
    rows = sig.astype(np.uint64).reshape(BANDS, ROWS)
    with np.errstate(over="ignore"):
        mixed = (rows * _MIX).sum(axis=1) + np.arange(BANDS, dtype=np.uint64)
    return mixed.view(np.int64).tolist()


def similarity(a: bytes, b: bytes) -> float:
    """Estimated Jaccard similarity of two stored signatures."""
    return float(np.mean(np.frombuffer(a, dtype=np.uint32) == np.frombuffer(b, dtype=np.uint32)))


def threshold(con, wanted: float | None = None) -> float:
    """The store's duplicate threshold; setting a new one re-clusters every article (``rebuild``)."""
    row = next(iter(con.execute("SELECT value FROM corpus_settings WHERE name = 'dup_threshold'").fetchall()), None)
    have = float(row[0]) if row else None
    if wanted is None:
        wanted = DEFAULT_THRESHOLD if have is None else have
    if not 0 < wanted <= 1:
        raise ValueError(f"duplicate threshold must be in (0, 1], not {wanted}")
    if have != wanted:
        con.execute("INSERT OR REPLACE INTO corpus_settings VALUES ('dup_threshold', ?)", [str(wanted)])
        if have is not None:
            con.execute("DELETE FROM duplicates")
            recluster(con, [r[0] for r in con.execute("SELECT article_id FROM article_signatures").fetchall()],
                      wanted)
    return wanted


def add(con, articles: list[tuple[str, str]], thr: float) -> set[str]:
    """Sign new (id, text) articles, find their copies among all stored ones, and rewrite the
    clusters they touch. Returns every article whose duplicate row may have changed."""
    if not articles:
        return set()
    ids, sigs, band_ids, band_no, buckets = [], [], [], [], []
    for aid, text in articles:
        sig = signature(text)
        ids.append(aid)
        sigs.append(sig.tobytes())
        band_ids += [aid] * BANDS
        band_no += range(BANDS)
        buckets += bands(sig)
    # through Arrow: DuckDB's executemany costs a round trip per row
    con.register("_sigs", pa.table({"a": ids, "s": pa.array(sigs, type=pa.binary())}))
    con.execute("INSERT INTO article_signatures SELECT a, s FROM _sigs")
    con.unregister("_sigs")
    con.register("_bands", pa.table({"a": band_ids, "b": pa.array(band_no, type=pa.int16()),
                                     "k": pa.array(buckets, type=pa.int64())}))
    con.execute("INSERT INTO article_bands SELECT a, b, k FROM _bands")
    con.unregister("_bands")
    return recluster(con, [a for a, _ in articles], thr)


def recluster(con, ids: list[str], thr: float) -> set[str]:
    """Union the given articles with every stored article they are copies of, together with those
    articles' whole clusters, and rewrite the duplicate rows of the merged clusters."""
    if not ids:
        return set()
    pairs = con.execute(
        "SELECT DISTINCT n.article_id, o.article_id FROM article_bands n JOIN article_bands o "
        "ON n.band = o.band AND n.bucket = o.bucket AND n.article_id <> o.article_id "
        "WHERE n.article_id IN (SELECT unnest(?))", [ids]).fetchall()
    touched = set(ids) | {b for _, b in pairs}
    sigs = _signatures(con, touched)
    parent = {a: a for a in touched}

    def find(a):
        while parent[a] != a:
            parent[a] = parent[parent[a]]
            a = parent[a]
        return a

    for a, b in pairs:
        if similarity(sigs[a], sigs[b]) >= thr:
            parent[find(a)] = find(b)
    # The clusters the touched articles already belonged to join in whole.
    roots = {r for (r,) in con.execute("SELECT duplicate_of FROM duplicates WHERE article_id IN (SELECT unnest(?))",
                                       [list(touched)]).fetchall()} | touched
    old = con.execute("SELECT article_id, duplicate_of FROM duplicates WHERE duplicate_of IN (SELECT unnest(?))",
                      [list(roots)]).fetchall()
    members = ({x for row in old for x in row} | roots) - touched
    if members:
        sigs.update(_signatures(con, members))
        parent.update({m: m for m in members})
    for a, root in old:
        parent[find(a)] = find(root)
    clusters: dict[str, list[str]] = {}
    for a in parent:
        clusters.setdefault(find(a), []).append(a)
    order = dict(con.execute("SELECT id, coalesce(CAST(date AS VARCHAR), '9999') FROM articles "
                             "WHERE id IN (SELECT unnest(?))", [list(parent)]).fetchall())
    rows = []
    for group in clusters.values():
        first = min(group, key=lambda a: (order.get(a, "9999"), a))
        rows += [(a, first, similarity(sigs[a], sigs[first])) for a in group if a != first]
    everyone = list(parent)
    con.execute("DELETE FROM duplicates WHERE article_id IN (SELECT unnest(?))", [everyone])
    if rows:
        con.register("_dups", pa.table({"a": [r[0] for r in rows], "d": [r[1] for r in rows],
                                        "s": pa.array([r[2] for r in rows], type=pa.float64())}))
        con.execute("INSERT INTO duplicates SELECT a, d, s FROM _dups")
        con.unregister("_dups")
    return set(everyone)


def _signatures(con, ids) -> dict[str, bytes]:
    return dict(con.execute("SELECT article_id, signature FROM article_signatures "
                            "WHERE article_id IN (SELECT unnest(?))", [list(ids)]).fetchall())
