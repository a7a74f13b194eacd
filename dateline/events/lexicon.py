"""The event predicate lexicon and status cues, read from ``data/`` (and user files) once per process."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from dateline.lexicon import read_json
from dateline.ontology import EVENT_TYPES, cameo_for, valid_mode

from .slots import check_slot

DATA = Path(__file__).parent / "data"
VERB_SOURCE = ("subj",)
# "talks between Armenia and Azerbaijan": with no other source, both sides are the actors
NOUN_SOURCE = ("poss", "compound", "amod", "prep:by", "verb:subj", "prep:between")
VERB_TARGET = ("dobj", "dative", "prep:with", "prep:against", "prep:to", "prep:on")
NOUN_TARGET = ("prep:on", "prep:against", "prep:to", "prep:with", "prep:for", "prep:of")


@dataclass(frozen=True)
class Entry:
    lemma: str  # head lemma (a verb, or the last word of a multiword noun)
    words: tuple[str, ...]  # all lemmas: ("lay", "down"), ("hunger", "strike")
    pos: str  # verb | noun
    type: str
    mode: str | None = None
    cameo: str | None = None
    contexts: tuple[str, ...] = ()
    object: frozenset[str] | None = None  # the direct object must have one of these lemmas
    transitive: bool | None = None
    source: tuple[str, ...] = ()
    target: tuple[str, ...] = ()
    status: str | None = None
    requires_verb: bool = False  # a noun that is an event only as the object of a verb ("provide aid")
    requires_mod: frozenset[str] | None = None
    requires_prep: frozenset[str] | None = None
    requires_target: bool = False  # no event without a recipient ("defend the victories" is none)
    # a recipient, or several actors together ("Putin and Xi met"); "plural": a plural subject will do
    # ("the leaders met"), where the verb is rarely used of anything else
    reciprocal: bool | str = False
    plural: bool = False  # a noun that is an event only in the plural ("talks", "exchanges")
    host: bool = False  # a visit: a destination target is the host country, a named capital its government


@dataclass
class Lexicon:
    verbs: dict[str, list[Entry]] = field(default_factory=dict)  # by verb lemma
    nouns: dict[str, list[Entry]] = field(default_factory=dict)  # by head lemma (single word)
    multi_nouns: dict[str, list[Entry]] = field(default_factory=dict)  # by first lemma
    cues: dict = field(default_factory=dict)

    def add(self, raw: dict, where: str = "") -> None:
        type_ = raw["type"].upper()
        if type_ not in EVENT_TYPES:
            raise ValueError(f"{where}: unknown PLOVER type {raw['type']!r} for {raw.get('lemma')!r}")
        mode = raw.get("mode") or None
        if not valid_mode(type_, mode):
            raise ValueError(f"{where}: mode {mode!r} is not a PLOVER mode of {type_}")
        for slot in (*(raw.get("source") or ()), *(raw.get("target") or ())):
            try:
                check_slot(slot)
            except ValueError as exc:
                raise ValueError(f"{where}: {exc} in the entry for {raw.get('lemma')!r}") from None
        words = tuple(raw["lemma"].lower().split())
        pos = raw.get("pos", "verb")
        noun = pos == "noun"
        obj = raw.get("object")
        e = Entry(
            lemma=words[-1] if noun else words[0], words=words, pos=pos, type=type_, mode=mode,
            cameo=raw.get("cameo") or cameo_for(type_, mode), contexts=tuple(raw.get("contexts", ())),
            object=frozenset(obj) if obj else None, transitive=raw.get("transitive"),
            source=tuple(raw.get("source") or (NOUN_SOURCE if noun else VERB_SOURCE)),
            target=tuple(raw["target"] if "target" in raw else (NOUN_TARGET if noun else VERB_TARGET)),
            status=raw.get("status"), requires_verb=bool(raw.get("requires_verb")),
            requires_mod=frozenset(raw["requires_mod"]) if raw.get("requires_mod") else None,
            requires_prep=frozenset(raw["requires_prep"]) if raw.get("requires_prep") else None,  # nouns and verbs
            requires_target=bool(raw.get("requires_target")), reciprocal=raw.get("reciprocal") or False,
            plural=bool(raw.get("plural")), host=bool(raw.get("host")),
        )
        if not noun:
            self.verbs.setdefault(e.lemma, []).insert(0, e) if raw.get("_user") else \
                self.verbs.setdefault(e.lemma, []).append(e)
        elif len(words) > 1:
            self.multi_nouns.setdefault(words[0], []).append(e)
        else:
            lst = self.nouns.setdefault(e.lemma, [])
            lst.insert(0, e) if raw.get("_user") else lst.append(e)

    def load(self, path: Path | str, user: bool = False) -> None:
        data = read_json(path)
        for raw in data.get("entries", []):
            self.add({**raw, "_user": user}, str(path))
        for key, value in data.get("cues", {}).items():
            if isinstance(value, list):
                self.cues[key] = sorted(set(self.cues.get(key, [])) | set(value))
            elif isinstance(value, dict):
                self.cues[key] = {**self.cues.get(key, {}), **value}


def _cue_sets(cues: dict) -> dict:
    return {k: (frozenset(v) if isinstance(v, list) else v) for k, v in cues.items()}


@lru_cache(maxsize=16)
def load_lexicon(extra: tuple[str, ...] = ()) -> Lexicon:
    """The built-in lexicon plus user files (same format; user entries are tried first)."""
    lex = Lexicon()
    lex.cues = read_json(DATA / "cues.json")
    lex.load(DATA / "lexicon.json")
    for path in extra:
        lex.load(path, user=True)
    lex.cues = _cue_sets(lex.cues)
    return lex
