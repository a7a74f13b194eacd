"""The language of an article, and what the pipeline runs for it.

Detection uses py3langid (a maintained fork of langid.py: a naive Bayes model over byte n-grams,
4.5 MB, shipped in the wheel, no download at run time). It was chosen over lingua-language-detector
(as accurate on our pages, 96 MB, half a minute to preload its models, ten times slower per article)
and fasttext-langdetect (it downloads its model on first use, which fails offline); the comparison is
``benchmarks/language.py`` and docs/pages.md.

Codes are ISO 639-1 (``en``, ``fr``): the model's languages without one (``pcm``, ``fuv``) are left out.
News fed to dateline is mostly English, and on a sentence or two the model is unsure (it called
"Haiti gang leader offers truce." Danish): English gets a prior of ``ENGLISH_PRIOR`` to one against
each other language, so that a short text must be clearly in another language to be called so, while
a paragraph in Spanish is Spanish whatever the prior (its odds against English are billions to one).
``None`` means the text gave nothing to go on (no letters); the pipeline then runs as for English, as
it did before it knew languages.

Per-language models: a stage declares the languages it supports (``@stage(..., languages=...)``, ``"*"``
for any); the pipeline runs a stage only on articles in one of them. ``SPACY_MODELS`` is where a
language gets its own spaCy pipeline (``"fr": "fr_core_news_sm"``) once stages support it; every
other language is parsed with the pipeline's model.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

ENGLISH = "en"
ANY = "*"
ENGLISH_PRIOR = 10.0  # prior odds of English against each other language
MAX_CHARS = 400  # the first 60 words or so say the language as well as the whole text
SPACY_MODELS: dict[str, str] = {}  # language -> spaCy model name; none yet besides the default


@lru_cache(maxsize=1)
def _identifier():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    ident = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    ident.set_languages(sorted({code for code in ident.nb_classes if len(code) == 2}))
    return ident


def detect(text: str) -> str | None:
    """The language code of a text, or None when it has no letters."""
    sample = text[:MAX_CHARS]
    if not any(ch.isalpha() for ch in sample):
        return None
    ranked = _identifier().rank(sample)
    return max(ranked, key=lambda lp: lp[1] * (ENGLISH_PRIOR if lp[0] == ENGLISH else 1.0))[0]


def supports(languages: Iterable[str], language: str | None) -> bool:
    """Whether a stage declared for ``languages`` runs on an article in ``language``."""
    languages = tuple(languages)
    return ANY in languages or (language or ENGLISH) in languages


def spacy_model(language: str | None, default: str) -> str:
    """The spaCy pipeline to parse an article in ``language`` with."""
    return SPACY_MODELS.get(language or ENGLISH, default)


__all__ = ["ANY", "ENGLISH", "SPACY_MODELS", "detect", "spacy_model", "supports"]
