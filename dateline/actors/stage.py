"""The actors stage: who is who in an article, coded by country and PLOVER sector.

How it works, in order (docs/actors.md has the long form), one module each:
1. ``names``: dictionary matches over the tokens (countries, adjectives, demonyms, capitals,
   organisations, leaders, titles) and spaCy's entities, corrected.
2. ``coding``: every noun phrase coded from its head and its left modifiers.
3. ``coref``: group expressions, appositions, ages, titles and pronouns joined to their actors.
4. ``context``: countries from the rest of the article for state actors whose phrase names none.
"""

from __future__ import annotations

from ..datelines import Dateline
from ..pipeline import Option, stage
from ..record import Actor, Span
from .builder import Builder, Built
from .coding import code_tokens
from .context import collect_country_refs, context_countries
from .coref import resolve
from .lexicon import Lexicon, load
from .names import Names


def build(doc, date: str | None, lex: Lexicon, dateline: Dateline | None = None) -> list[Built]:
    """The actors of one parsed article, in order of first mention (``dateline``: the pipeline's
    ``analysis.dateline``, found from the text when not given)."""
    st = Builder(Names(doc, lex, date, dateline))
    collect_country_refs(st)
    groups, pronouns = code_tokens(st)
    resolve(st, groups, pronouns)
    context_countries(st)
    out = [a for a in (st.actors[k] for k in st.order) if a.mentions]
    out.sort(key=lambda a: min(s for s, _ in a.mentions))
    return out


def to_actors(doc, built: list[Built]) -> list[Actor]:
    out = []
    for n, a in enumerate(built, 1):
        spans = []
        for s, e in sorted(a.mentions):
            sp = doc[s:e]
            spans.append(Span(sp.start_char, sp.end_char, sp.text))
        out.append(Actor(id=f"actor{n}", name=a.name, country=a.country, sector=a.sector, role=a.role,
                         mentions=spans, country_from=a.country_from if a.country else None))
    return out


@stage("actors", requires=("doc",), provides=("actors",), default_config={"extra": ()},
       options=(Option("--actors", "extra", "Extra actor dictionary file (repeatable)."),))
def actors_stage(config: dict):
    extra = tuple(str(p) for p in (config.get("extra") or ()))
    lex = load(extra)

    def run(analysis) -> None:
        built = build(analysis.doc, analysis.record.article.date, lex, analysis.dateline)
        analysis.record.actors = to_actors(analysis.doc, built)

    return run
