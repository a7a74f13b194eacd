"""Evaluation against outside benchmarks, one module per stage.

Each module ``dateline.eval.<name>`` offers ``evaluate(paths, *, baseline=True, limit=None) -> dict``
(the figures, JSON-ready, with the baseline's beside dateline's) and ``report(result) -> str``
(a Markdown summary). ``dateline eval <name>`` calls them.
"""
