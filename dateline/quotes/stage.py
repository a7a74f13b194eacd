"""The quotes stage: fills ``record.quotes`` with who said what (see docs/quotes.md).

Config (all optional): ``extra`` — extra cue TSV files in the format of data/cues.tsv;
``classes`` — which cue classes count (default speech, belief and evidence).
"""

from __future__ import annotations

from ..pipeline import Analysis, Option, stage
from .extract import find_quotes
from .lexicon import CLASSES, cue_table, patterns

DEFAULT_CLASSES = ("speech", "belief", "evidence")


@stage("quotes", requires=("doc", "actors"), provides=("quotes",),
       default_config={"extra": (), "classes": DEFAULT_CLASSES},
       options=(Option("--cues", "extra", "Extra quote cue file (repeatable)."),))
def quotes_stage(config: dict):
    extra = config["extra"]
    extra = (extra,) if isinstance(extra, str) else tuple(extra)
    cues = cue_table(extra, tuple(config["classes"]))
    quote_cues = cue_table(extra, CLASSES)  # quoted words are someone's whatever the verb's class
    pats = patterns()

    def run(analysis: Analysis) -> None:
        rec = analysis.record
        rec.quotes = find_quotes(analysis.text, analysis.doc, cues, pats, rec, quote_cues)

    return run
