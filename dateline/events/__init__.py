"""Events: PLOVER event coding over the dependency parse (the ``events`` stage)."""

from dateline.ontology import to_plover

from .lexicon import load_lexicon

__all__ = ["load_lexicon", "to_plover"]
