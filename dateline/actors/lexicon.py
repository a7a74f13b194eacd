"""The actor dictionaries: loading the data files and finding their entries in a parsed text.

Every name is indexed by a tokenizer-free key (lower case, whitespace removed, curly apostrophes
straightened), so a run of spaCy tokens is looked up by joining its tokens' texts. Files are read
once per process (``load``); user files given with ``extra`` are merged on top of ours.
"""

from __future__ import annotations

import copy
import csv
import json
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from ..lexicon import LIST_SEP, cities, countries, split_list, tsv_rows
from ..lexicon import words as english

DATA = Path(__file__).resolve().parent / "data"
MAX_TOKENS = 8  # the longest name we look up, in spaCy tokens
CITY_PEOPLE = 20_000  # the cities of the shared city table the actors know by name
HOMONYM_PEOPLE = 50_000  # cities this big in several countries make their name ambiguous


@dataclass(frozen=True)
class Office:
    country: str | None
    sector: str | None
    role: str | None
    start: str | None  # ISO date, None = open
    end: str | None

    def holds(self, date: str | None) -> bool:
        if not date:
            return self.end is None  # undated article: only current offices count
        d = date[:10]
        return (not self.start or self.start <= d) and (not self.end or d < self.end)


@dataclass
class Entry:
    """One dictionary entry. kind: country | adjective | demonym | capital | contextual | org | leader | role."""

    kind: str
    name: str  # canonical name (country's name, organisation's or person's full name, the role term)
    country: str | None = None
    sector: str | None = None
    role_kind: str | None = None  # for roles: person | group | org
    offices: list[Office] = field(default_factory=list)
    wikidata: str | None = None
    # how the surface form must be written: "any" case, "cap" (first letter upper) or "exact"
    case: str = "any"
    surface: str = ""

    def office_at(self, date: str | None) -> Office | None:
        for o in self.offices:
            if o.holds(date):
                return o
        return None


@lru_cache(maxsize=1 << 16)  # called on every token of every article; words repeat
def norm(s: str) -> str:
    return "".join(s.replace("\u2019", "'").replace("\u2018", "'").lower().split())


def _case_rule(surface: str) -> str:
    if len(surface) <= 12:  # five letters at most, with dots and spaces
        letters = "".join(c for c in surface if c.isalpha())
        if letters and letters.isupper() and len(letters) <= 5:
            return "exact"  # "US", "UN", "AP": never the ordinary words "us", "un", "ap"
    if surface[:1].isupper():
        return "cap"
    return "any"




def _plural(adj: str) -> str | None:
    # "Chinese", "French", "Swiss" are their own plurals; "Israeli" -> "Israelis"
    if adj.endswith(("ese", "ch", "sh", "ss", "s")):
        return None
    return adj + "s"


def _noun_plural(term: str) -> str:
    head, _, last = term.rpartition(" ")
    if last.endswith("man"):
        p = last[:-3] + "men"
    elif last.endswith("y") and last[-2:-1] not in "aeiou":
        p = last[:-1] + "ies"
    elif last.endswith(("s", "sh", "ch", "x")):
        p = last + "es"
    else:
        p = last + "s"
    return f"{head} {p}" if head else p


class Lexicon:
    def __init__(self):
        self.index: dict[str, list[Entry]] = {}
        self.countries: dict[str, str] = {}  # iso3 -> name
        self.max_tokens = MAX_TOKENS
        self.cities: dict[str, str] = {}  # exact city name -> iso3
        self.homonyms: dict[str, tuple[str, ...]] = {}  # a city name several countries have -> their iso3s
        self._prefixes: set[str] | None = None
        self._prefix_size = 0

    def add(self, surface: str, entry: Entry) -> None:
        bucket = self.index.setdefault(norm(surface), [])
        if not any(x.kind == entry.kind and x.name == entry.name and x.country == entry.country for x in bucket):
            e = copy.copy(entry)  # the same entry under each of its names, each with its own case rule
            e.case, e.surface = _case_rule(surface), surface
            bucket.append(e)

    # --- loaders, one per documented file format ---
    def load_countries(self, path: Path) -> None:
        """A user's countries file, the columns of ``load_json``'s "countries" by position."""
        for r in tsv_rows(path):
            r += [""] * (6 - len(r))
            self.add_country(r[0], *(split_list(c) for c in r[1:6]))

    def add_country(self, iso: str, names: list[str], adjs: list[str], dems: list[str], caps: list[str],
                    ctx: list[str]) -> None:
        """A country under its names (the first its canonical one, unless a file before named it),
        adjectives with their plurals as demonyms, demonyms, capitals and contextual names."""
        if not names:
            return
        name = self.countries.setdefault(iso, names[0])
        for n in names:
            self.add(n, Entry("country", name, iso))
        for a in adjs:
            self.add(a, Entry("adjective", name, iso))
            p = _plural(a)
            if p:
                self.add(p, Entry("demonym", name, iso))
        for d in dems:
            self.add(d, Entry("demonym", name, iso))
        for c in caps:
            self.add(c, Entry("capital", name, iso))
        for c in ctx:
            self.add(c, Entry("contextual", name, iso))

    def load_orgs(self, path: Path) -> None:
        for r in tsv_rows(path):
            r += [""] * (4 - len(r))
            name, aliases, country, sector = r[:4]
            e = Entry("org", name, country or None, sector or None)
            for n in [name, *split_list(aliases)]:
                # "the UN" would swallow the "UN" of "the UN Security Council": names go without "the"
                self.add(n[4:] if n.lower().startswith("the ") else n, e)

    def load_roles(self, path: Path) -> None:
        for r in tsv_rows(path):
            r += [""] * (4 - len(r))
            term, sector, kind, same_as = r[:4]
            # an abbreviation or variant ("Sen.") is named by the term it stands for ("senator"), so
            # a later "the senator" finds the title given at "Sen. X"
            e = Entry("role", (same_as or term).lower(), None, sector or None, role_kind=kind or "person")
            self.add(term, e)
            if kind != "org" and not term.endswith("."):
                self.add(_noun_plural(term), e)

    def load_leaders(self, path: Path) -> None:
        people: dict[str, Entry] = {}
        aliases: dict[str, set[str]] = {}
        for r in tsv_rows(path):
            r += [""] * (8 - len(r))
            name, al, country, sector, role, start, end, qid = r[:8]
            e = people.setdefault(name, Entry("leader", name, country or None, sector or None, wikidata=qid or None))
            e.offices.append(Office(country or None, sector or None, role or None, start or None, end or None))
            aliases.setdefault(name, set()).update(split_list(al))
            if qid and not e.wikidata:
                e.wikidata = qid
        for name, e in people.items():
            for n in [name, *sorted(aliases[name])]:
                self.add(n, e)

    def add_cities(self, not_city: set[str], aliases: dict[str, str]) -> None:
        """The shared city table's cities of ``CITY_PEOPLE`` or more, each name the country of its
        most populous city; a name that cities of ``HOMONYM_PEOPLE`` or more in several countries
        share ("Tripoli") is a homonym too, with those countries, most populous first
        (``Names.city``). ``not_city``: names news means as something else (a US state: Virginia
        is no South African town), left out abroad; ``aliases``: a name news gives a city -> the
        table's name of it ("New York" -> "New York City")."""
        shared: dict[str, list[str]] = {}
        for name, iso, people in cities(CITY_PEOPLE):
            if iso is None or (name in not_city and iso != "USA"):
                continue
            self.cities.setdefault(name, iso)
            if people >= HOMONYM_PEOPLE and iso not in shared.setdefault(name, []):
                shared[name].append(iso)
        self.homonyms.update((name, tuple(isos)) for name, isos in shared.items() if len(isos) > 1)
        for alias, name in aliases.items():
            if name in self.cities:
                self.cities.setdefault(alias, self.cities[name])

    def load_cities(self, path: Path) -> None:
        for r in tsv_rows(path):
            if len(r) >= 2 and r[0] and r[1]:
                self.cities[r[0]] = r[1]

    def load_json(self, path: Path) -> None:
        """A user file: {"countries": [...], "orgs": [...], "roles": [...], "leaders": [...]},
        each a list of objects with the TSV columns as keys (lists for |-separated cells)."""
        data = json.loads(Path(path).read_text(encoding="utf-8"))

        def cell(v):
            return LIST_SEP.join(v) if isinstance(v, list) else ("" if v is None else str(v))

        cols = {"countries": ("iso3", "names", "adjectives", "demonyms", "capitals", "contextual"),
                "orgs": ("name", "aliases", "country", "sector"),
                "roles": ("term", "sector", "kind", "same_as"),
                "leaders": ("name", "aliases", "country", "sector", "role", "start", "end", "wikidata"),
                "cities": ("name", "country")}
        loaders = {"countries": self.load_countries, "orgs": self.load_orgs, "roles": self.load_roles,
                   "leaders": self.load_leaders, "cities": self.load_cities}
        import tempfile

        for key, items in data.items():
            if key not in cols:
                raise ValueError(f"{path}: unknown section {key!r}; expected one of {', '.join(cols)}")
            with tempfile.NamedTemporaryFile("w", suffix=".tsv", delete=False, encoding="utf-8") as tmp:
                w = csv.writer(tmp, delimiter="\t", lineterminator="\n")
                for it in items:
                    w.writerow([cell(it.get(c)) for c in cols[key]])
            loaders[key](Path(tmp.name))
            Path(tmp.name).unlink()

    def load_file(self, path: str | Path) -> None:
        """Load a user file: JSON (all sections) or a TSV whose name says its kind
        (``*countries*.tsv``, ``*orgs*.tsv``, ``*roles*.tsv``, ``*leaders*.tsv``, ``*cities*.tsv``)."""
        p = Path(path)
        if p.suffix == ".json":
            return self.load_json(p)
        for key, fn in (("countr", self.load_countries), ("org", self.load_orgs), ("role", self.load_roles),
                        ("leader", self.load_leaders), ("cit", self.load_cities)):
            if key in p.name.lower():
                return fn(p)
        raise ValueError(f"{p}: cannot tell the dictionary kind; name it *countries*, *orgs*, *roles*, "
                         f"*leaders* or *cities* .tsv, or use a .json file with those sections")

    def prefixes(self) -> set[str]:
        """Every prefix of every key, so that a scan stops as soon as no name can follow."""
        if self._prefixes is None or self._prefix_size != len(self.index):
            self._prefixes = {k[:i] for k in self.index for i in range(1, len(k) + 1)}
            self._prefix_size = len(self.index)
        return self._prefixes

    # --- matching ---
    def lookup(self, surface_tokens: list[str], key: str) -> list[Entry]:
        out = []
        first = surface_tokens[0]
        compact = "".join(surface_tokens).replace("\u2019", "'")
        for e in self.index.get(key, ()):
            if e.case == "exact" and compact != "".join(e.surface.split()):
                continue
            if e.case == "cap" and not first[:1].isupper():
                continue
            out.append(e)
        return out

    def matches(self, doc) -> list[tuple[int, int, list[Entry]]]:
        """Longest non-overlapping dictionary matches over the doc's tokens: (start, end, entries)."""
        toks = doc if isinstance(doc, list) else list(doc)
        prefixes = self.prefixes()
        texts = [t.text for t in toks]
        lows = [norm(t) for t in texts]
        stop = [t.is_space or "\n" in t.text for t in toks]
        starts = [bool(t.is_sent_start) for t in toks]
        out = []
        i, n = 0, len(texts)
        index = self.index

        def longest(i: int):
            key = ""
            keys = []
            for j in range(i, min(n, i + self.max_tokens)):
                if stop[j] or (j > i and starts[j]):
                    break
                key += lows[j]
                if key not in prefixes:
                    break
                keys.append((j + 1, key))
            for end, k in reversed(keys):
                if k in index:
                    entries = self.lookup(texts[i:end], k)
                    if entries:
                        return i, end, entries
            return None

        while i < n:
            if stop[i]:
                i += 1
                continue
            found = longest(i)
            if found and lows[i] == "the" and found[1] - i > 1 and i + 1 < n and not stop[i + 1]:
                after = longest(i + 1)  # "The South Korean minister": "South Korean", not "the South"
                if after and after[1] > found[1]:
                    found = after
            if found:
                out.append(found)
                i = found[1]
            else:
                i += 1
        return out


WORD_LISTS = ("gendered_title", "affiliation_prep",
              "location_prep", "place_head", "group_head", "government_term", "compass", "venue_verb", "move_word",
              "former", "state_sector", "domestic_sector", "shared_sector", "home_sector", "definite_home_sector",
              "abroad_word", "based_verb", "sponsor_word", "address_verb", "plural_group", "while_mark", "minority_word",
              "stateless_people", "not_city", "city_alias")


def load_words(path: Path = DATA / "words.tsv") -> dict[str, dict[str, str]]:
    """The word lists of ``words.tsv``: list name -> {word: value} (value "" where the list is a set)."""
    out: dict[str, dict[str, str]] = {name: {} for name in WORD_LISTS}
    for r in tsv_rows(path):
        name, word, value = (r + ["", ""])[:3]
        if name not in out:
            raise ValueError(f"{path}: unknown word list {name!r}; expected one of {', '.join(WORD_LISTS)}")
        out[name][word] = value
    return out


WORDS = load_words()


def word_set(name: str) -> set[str]:
    return set(WORDS[name])


# the English word lists other stages share (dateline/data/english.json), in the shapes the stage reads
SPEECH_VERBS = set(english("speech_verbs"))
FUTURE_AUX = set(english("future_aux")) | {"would"}  # "would travel": not yet where it is going
PRONOUN_GENDER = {w: "m" for w in english("male_pronouns")} | {w: "f" for w in english("female_pronouns")}
PERSON_PRONOUNS = set(PRONOUN_GENDER)
# pronouns for organisations, countries and groups, and whether they are plural
THING_PRONOUNS = {w: False for w in english("singular_thing_pronouns")} | {w: True for w in english("plural_pronouns")}


@lru_cache(maxsize=8)
def load(extra: tuple[str, ...] = ()) -> Lexicon:
    """Our dictionaries plus the user's ``extra`` files, built once per process per combination."""
    lex = Lexicon()
    for c in countries("actors"):  # the shared table (dateline/data/countries.tsv)
        lex.add_country(c["iso3"], c["names"], c["adjectives"], c["demonyms"], c["capitals"], c["contextual"])
    lex.load_orgs(DATA / "orgs.tsv")
    lex.load_roles(DATA / "roles.tsv")
    lex.load_leaders(DATA / "leaders.tsv")
    lex.add_cities(word_set("not_city"), WORDS["city_alias"])  # the shared city table (dateline/data/cities.tsv.gz)
    # PETRARCH2's persons, bodies and role words (build_tables.py), after ours: ours win
    lex.load_leaders(DATA / "petrarch_people.tsv")
    lex.load_orgs(DATA / "petrarch_orgs.tsv")
    lex.load_roles(DATA / "petrarch_agents.tsv")
    for path in extra:
        lex.load_file(path)
    lex.prefixes()
    return lex
