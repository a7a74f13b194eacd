"""The actors under construction for one article, and the state the stage's passes share.

``Builder`` holds the article's ``Names``, its actors by key (in order of creation) and the country
references found in it. The passes are functions of a builder in ``coding`` (phrases to actors),
``coref`` (titles, pronouns, appositions, group expressions) and ``context`` (countries from the
rest of the article); ``stage.build`` runs them in order.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..record import Actor
from ..syntax import paragraph_of
from .lexicon import SPEECH_VERBS
from .names import Names


@dataclass
class Built(Actor):
    """An actor under construction: the record's ``Actor`` (its ``id`` the builder's key, "P:3" or
    "C:FRA", until the stage numbers the actors) with what the passes need to know of it; ``kind``
    is person | org | country | group (kept for evaluation)."""

    kind: str = field(kw_only=True)
    # token ranges [start, end), in place of the record's Spans, which the stage makes at the end
    mentions: list[tuple[int, int]] = field(default_factory=list)
    name_parts: set[str] = field(default_factory=set)
    roles: set[str] = field(default_factory=set)  # role terms it has been given
    last: int = -1  # token index of the latest mention
    speech: list[int] = field(default_factory=list)  # token indices where it is a speech verb's subject
    gender: str | None = None  # "m" / "f" once a pronoun or a gendered title says so
    gender_seen: int = 0  # mentions already read for a gendered title
    title_places: set[str] = field(default_factory=set)  # places in its titles: "Florida" of "Florida Sen. X"
    people: str | None = None  # a minority's own people's country, if context gives it none ("ethnic Albanians")
    minority: bool = False  # a group of a people without a state of ours ("Tamil refugees"): coded where it lives

    @property
    def key(self) -> str:
        return self.id

    def code(self, iso: str | None, source: str) -> None:
        """Give the actor country iso, from source, unless it has one."""
        if iso and not self.country:
            self.country, self.country_from = iso, source


class Builder:
    def __init__(self, d: Names):
        self.d = d
        self.doc = d.doc
        self.actors: dict[str, Built] = {}
        self.order: list[str] = []
        self.country_refs: list[tuple[int, str]] = []  # (token index, iso3) of every country reference
        self.main: str | None | bool = False  # the article's main country, once computed
        self.text = d.text
        self.owners: dict[int, list[Built]] | None = None  # token -> actors mentioned there (context pass)
        self.subject_of: dict[tuple[int, int], int] = {}  # mention -> its root if a main clause's subject
        self.para_of = None  # character offset -> paragraph index, once asked for

    # ---- actors ----
    def get(self, key: str, kind: str, name: str, country_from: str = "mention", **kw) -> Built:
        """The actor of this key, created or completed: a country given here came from country_from."""
        a = self.actors.get(key)
        if a is None:
            a = self.actors[key] = Built(key, name, kind=kind, **kw)
            self.order.append(key)
            if a.country:
                a.country_from = country_from
        else:
            if kw.get("country") and not a.country:
                a.country_from = country_from
            for k, v in kw.items():
                if v and not getattr(a, k):
                    setattr(a, k, v)
        return a

    def mention(self, a: Built, s: int, e: int) -> None:
        if (s, e) not in a.mentions:
            a.mentions.append((s, e))
        a.last = max(a.last, e - 1)
        for j in range(s, e):
            t = self.d.toks[j]
            if t.dep_ == "nsubj" and t.head.lemma_ in SPEECH_VERBS and j not in a.speech:
                a.speech.append(j)

    def country_actor(self, iso: str) -> Built:
        return self.get(f"C:{iso}", "country", self.d.lex.countries.get(iso, iso), country=iso)

    def government(self, iso: str) -> Built:
        return self.get(f"G:{iso}:GOV", "group", f"government of {self.d.lex.countries.get(iso, iso)}",
                        country=iso, sector="GOV")

    def paragraph(self, i: int) -> int:
        """Index of the paragraph (non-empty line, ``dateline.syntax.paragraphs``) token i is in."""
        if self.para_of is None:
            self.para_of = paragraph_of(self.text)
        return self.para_of(self.d.toks[i].idx)

    def places_in(self, s: int, e: int) -> set[str]:
        """Place names (GPE) among the modifiers of a title: a state, a province, a city."""
        return {t.lower_ for t in self.d.toks[s:e] if t.ent_type_ == "GPE"}

    def mentioned(self) -> set[int]:
        """Token indices inside some actor's mention."""
        return {j for a in self.actors.values() for s, e in a.mentions for j in range(s, e)}

    def merge(self, keep: Built, gone: Built) -> None:
        for s, e in gone.mentions:
            self.mention(keep, s, e)
        keep.code(gone.country, gone.country_from)
        if not keep.sector or keep.sector == "ELI":
            keep.sector = gone.sector or keep.sector
        keep.role = keep.role or gone.role
        keep.roles |= gone.roles
        keep.speech += gone.speech
        del self.actors[gone.key]
        self.order.remove(gone.key)
