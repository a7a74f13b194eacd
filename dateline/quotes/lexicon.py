"""The quotes stage's knowledge: attribution cues and patterns, read from data files once per process."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..lexicon import read_json, split_list, tsv_rows

DATA = Path(__file__).parent / "data"
CLASSES = ("speech", "belief", "evidence", "intent", "stance")
COMPLEMENTS = frozenset({"ccomp", "xcomp", "dobj", "pobj"})


@dataclass(frozen=True)
class Cue:
    head: str  # the verb's lemma
    rest: tuple[str, ...]  # further words of a phrasal cue ("point out")
    cls: str
    complements: frozenset[str]
    addressee: bool


def read_cues(path: str | Path) -> list[Cue]:
    """Cues from a TSV file: cue, class, complements, addressee (see docs/quotes.md)."""
    out = []
    for n, cols in tsv_rows(path, numbered=True):
        if len(cols) < 2 or cols[1] not in CLASSES:
            raise ValueError(f"{path}:{n}: expected 'cue<TAB>class[<TAB>complements<TAB>addressee]' "
                             f"with class in {CLASSES}")
        words = cols[0].lower().split()
        comps = frozenset(split_list(cols[2] if len(cols) > 2 else "") or ["ccomp"])
        if comps - COMPLEMENTS:
            raise ValueError(f"{path}:{n}: complements {sorted(comps - COMPLEMENTS)} are not among "
                             f"{sorted(COMPLEMENTS)} (a list is |-separated)")
        out.append(Cue(words[0], tuple(words[1:]), cols[1], comps,
                       len(cols) > 3 and cols[3].lower() == "yes"))
    return out


@lru_cache(maxsize=8)
def cue_table(extra: tuple[str, ...] = (), classes: tuple[str, ...] = CLASSES) -> dict[str, list[Cue]]:
    """Cues by head lemma: ours, then the user's files (a user's line adds to ours)."""
    table: dict[str, list[Cue]] = {}
    for path in (DATA / "cues.tsv", *extra):
        for cue in read_cues(path):
            if cue.cls in classes:
                table.setdefault(cue.head, []).append(cue)
    # phrasal cues first, so "point out" wins over a bare "point"
    for cues in table.values():
        cues.sort(key=lambda c: -len(c.rest))
    return table


@lru_cache(maxsize=1)
def patterns() -> dict:
    """attribution.json, with its word lists as sets: the stage tests membership in them per token."""
    pats = read_json(DATA / "attribution.json")
    return {k: frozenset(v) if isinstance(v, list) else v for k, v in pats.items()}
