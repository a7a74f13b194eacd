"""The time grammar: word classes and rules read from data files, compiled to regular expressions.

Rules live in ``data/rules.json`` and word classes in ``data/lexicon.json`` (format in
docs/time.md). Users may pass extra files with the same layout; their classes extend ours
and their rules are tried alongside ours. Matching runs over the raw text, so every match is
a character span of the article, and the longest match wins.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from ..lexicon import read_json

DATA = Path(__file__).parent / "data"
_REF = re.compile(r"<(\w+)(?::(\w+))?>")
_WORD = re.compile(r"[^\W_]+")


@dataclass
class Rule:
    id: str
    regex: re.Pattern
    type: str
    norm: str
    groups: dict[str, tuple[str, str]]  # regex group -> (class or macro, slot)
    fixed: dict = field(default_factory=dict)
    before: re.Pattern | None = None
    after: re.Pattern | None = None
    check: tuple[str, ...] = ()
    index: int = 0
    key: str | None = None  # a class or macro every match must contain, used to skip text fast


@dataclass
class Match:
    start: int
    end: int
    rule: Rule
    slots: dict


class Grammar:
    def __init__(self, lexicon: dict[str, dict], macros: dict[str, str], rules: list[dict]):
        # Surface forms are compared lower-cased with single spaces.
        self.lexicon = {name: {_norm(k): v for k, v in cls.items()}
                        for name, cls in lexicon.items() if not name.startswith("_")}
        self.macros = macros
        self.rules = [self._compile(r, i) for i, r in enumerate(rules)]
        # Keys that are word classes are found by their first words (a set lookup per word of
        # the text); macro keys by their regex.
        self._word_keys: dict[str, list[str]] = {}
        for name in {r.key for r in self.rules if r.key in self.lexicon}:
            for first in {_WORD.search(f).group() for f in self.lexicon[name] if _WORD.search(f)}:
                self._word_keys.setdefault(first, []).append(name)
        for r in rules:  # a rule may name words one of which every match contains
            for w in r.get("keywords", ()):
                self._word_keys.setdefault(w.lower(), []).append(f"@{r['id']}")
        self._keys = {r.key: re.compile(rf"(?<!\w)(?:{self._expand(f'<{r.key}>', None)})(?!\w)", re.IGNORECASE)
                      for r in self.rules if r.key and r.key not in self.lexicon and not r.key.startswith("@")}

    def _alternation(self, name: str) -> str:
        forms = sorted(self.lexicon[name], key=len, reverse=True)
        return "|".join(re.sub(r"(\\ | )", r"[\\s-]+", re.escape(f)) for f in forms)

    def _expand(self, pattern: str, groups: dict | None, depth: int = 0) -> str:
        """Replace <name> / <name:slot> by the class's or macro's regex (captured when groups is given)."""
        if depth > 5:
            raise ValueError(f"macros nest too deep in {pattern!r}")

        def sub(m):
            name, slot = m.group(1), m.group(2) or m.group(1)
            if name in self.lexicon:
                body = self._alternation(name)
            elif name in self.macros:
                body = self._expand(_spaces(self.macros[name]), None, depth + 1)
            else:
                raise ValueError(f"unknown class or macro <{name}> in time grammar")
            if groups is None:
                return f"(?:{body})"
            gname = f"g{len(groups)}"
            groups[gname] = (name, slot)
            return f"(?P<{gname}>{body})"

        return _REF.sub(sub, pattern)

    def _compile(self, r: dict, index: int) -> Rule:
        groups: dict[str, tuple[str, str]] = {}
        body = self._expand(re.sub(r"_(?![^<]*>)", r"[\\s-]+", _spaces(r["pattern"])), groups)
        flags = re.IGNORECASE
        rx = re.compile(rf"(?<!\w)(?:{body})(?!\w)", flags)
        return Rule(id=r["id"], regex=rx, type=r["type"], norm=r["norm"], groups=groups,
                    fixed=dict(r.get("with", {})),
                    before=re.compile(r["before"], flags) if r.get("before") else None,
                    after=re.compile(r["after"], flags) if r.get("after") else None,
                    check=tuple(r.get("check", ())), index=index,
                    key=f"@{r['id']}" if r.get("keywords") else _key(r["pattern"], self.lexicon))

    def slot_value(self, name: str, text: str):
        cls = self.lexicon.get(name)
        if cls is not None:
            return cls.get(_norm(text))
        return text

    def matches(self, text: str) -> list[Match]:
        """Every rule match with its context satisfied (overlaps not yet resolved)."""
        out = []
        found: dict[str, list[tuple[int, int]]] = {}
        for rule in self.rules:
            if rule.key is None:
                it = rule.regex.finditer(text)
            else:
                # Try the rule only near occurrences of its key: the full patterns are slow to
                # try at every position, a single class is fast.
                if not found:  # class keys: one pass over the words of the text
                    wk = self._word_keys
                    for m in _WORD.finditer(text):
                        for name in wk.get(m.group().lower(), ()):
                            found.setdefault(name, []).append(m.span())
                if rule.key not in found:
                    rx = self._keys.get(rule.key)
                    found[rule.key] = [m.span() for m in rx.finditer(text)] if rx else []
                occ = found[rule.key]
                if not occ:
                    continue
                it = _near(rule.regex, text, occ)
            for m in it:
                s, e = m.span()
                if s == e:
                    continue
                if not _context_ok(rule, text, s, e):
                    continue
                out.append(self._match(rule, m))
        return out

    def _match(self, rule: Rule, m: re.Match) -> Match:
        slots = dict(rule.fixed)
        for g, (name, slot) in rule.groups.items():
            v = m.group(g)
            if v is not None and slot not in slots:
                slots[slot] = self.slot_value(name, v)
                slots[f"{slot}_text"] = v
        return Match(m.start(), m.end(), rule, slots)

    def match_at(self, rule: Rule, text: str, pos: int) -> Match | None:
        """The rule matched again from ``pos`` (context checks included), e.g. past a word that
        turned out not to belong to the expression."""
        m = rule.regex.match(text, pos)
        if m is None or m.end() == pos or not _context_ok(rule, text, pos, m.end()):
            return None
        return self._match(rule, m)


def _context_ok(rule: Rule, text: str, s: int, e: int) -> bool:
    """The rule's ``before`` pattern ends within 40 characters before s, its ``after`` starts at e."""
    return (rule.before is None or bool(rule.before.search(text[max(0, s - 40):s]))) and \
        (rule.after is None or bool(rule.after.match(text, e)))


_MARGIN = 64  # longer than any match reaches beyond its key (checked by the tests)


def _near(rx: re.Pattern, text: str, occ: list[tuple[int, int]]):
    """Matches of rx that overlap an occurrence of its key, scanning only windows around them."""
    windows: list[list[int]] = []
    for s, e in occ:
        ws, we = max(0, s - _MARGIN), min(len(text), e + _MARGIN)
        if windows and ws <= windows[-1][1]:
            windows[-1][1] = we
        else:
            windows.append([ws, we])
    seen = set()
    for ws, we in windows:
        for m in rx.finditer(text, ws, we):
            s, e = m.span()
            if (s, e) in seen or not any(s < oe and os_ < e for os_, oe in occ):
                continue
            if e == we < len(text):  # maybe cut short by the window: match again on the whole text
                m = rx.match(text, s)
                if m is None:
                    continue
            seen.add(m.span())
            yield m


def _key(pattern: str, classes) -> str | None:
    """A <name> at the top level of a pattern (not inside an optional group): the last word
    class if any (they are found fastest), else the last macro."""
    depth, last, last_class, i = 0, None, None, 0
    while i < len(pattern):
        c = pattern[i]
        if c == "\\":
            i += 2
            continue
        if c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
        elif c == "<" and depth == 0:
            m = _REF.match(pattern, i)
            if m:
                if pattern[m.end():m.end() + 1] not in ("?", "*"):
                    last = m.group(1)
                    if last in classes:
                        last_class = last
                i = m.end()
                continue
        i += 1
    return last_class or last


def select(matches: list[Match]) -> list[Match]:
    """Longest match first, then earlier rule; keep those not overlapping a kept one."""
    kept: list[Match] = []
    taken: list[tuple[int, int]] = []
    for m in sorted(matches, key=lambda m: (-(m.end - m.start), m.rule.index, m.start)):
        if all(m.end <= s or m.start >= e for s, e in taken):
            kept.append(m)
            taken.append((m.start, m.end))
    return sorted(kept, key=lambda m: m.start)


def _norm(s: str) -> str:
    return re.sub(r"[\s-]+", " ", s.strip().lower())


def _spaces(p: str) -> str:
    # A literal space in a pattern stands for any run of whitespace; escaped spaces too.
    return re.sub(r"(\\ | )+", r"\\s+", p)


@lru_cache(maxsize=8)
def load(extra: tuple[str, ...] = ()) -> Grammar:
    """Our grammar plus any extra files (each a lexicon and/or rules file); cached per process."""
    lex = {k: dict(v) for k, v in read_json(DATA / "lexicon.json").items()}
    spec = read_json(DATA / "rules.json")
    macros, rules = dict(spec["macros"]), list(spec["rules"])
    for p in extra:
        d = read_json(Path(p))
        for name, cls in d.get("lexicon", {}).items():
            lex.setdefault(name, {}).update(cls)
        macros.update(d.get("macros", {}))
        # User rules go first so that, at equal length, they win.
        rules = list(d.get("rules", [])) + rules
    return Grammar(lex, macros, rules)
