"""What the evaluations share: precision/recall/F1, and MEANTIME's tokens rebuilt into a text."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

_NO_SPACE_BEFORE = {".", ",", ":", ";", "?", "!", ")", "]", "}", "'s", "n't", "'re", "'ve", "'ll", "'d", "'m", "%"}
_NO_SPACE_AFTER = {"(", "[", "{", "$", "#"}


def prf(tp_sys: int, n_sys: int, tp_gold: int, n_gold: int, digits: int = 4) -> dict:
    """Precision over system items, recall over gold items (each with its own true positives)."""
    p = tp_sys / n_sys if n_sys else 0.0
    r = tp_gold / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"p": round(p, digits), "r": round(r, digits), "f1": round(f, digits)}


@dataclass
class MeantimeText:
    root: object  # the XML root, for the markables
    text: str  # tokens joined, one line per sentence
    spans: dict[str, tuple[int, int]]  # token id -> character span in text
    sentence_of: dict[str, str]  # token id -> sentence number
    sentence_end: dict[str, int]  # sentence number -> end offset


def read_meantime_text(path: str | Path) -> MeantimeText:
    """MEANTIME stand-off XML gives tokens, not text: rebuild a text with spaces where English
    puts them, so that a pipeline can run on it and gold token spans map to characters."""
    import xml.etree.ElementTree as ET

    root = ET.parse(path).getroot()
    spans: dict[str, tuple[int, int]] = {}
    sentence_of: dict[str, str] = {}
    sentence_end: dict[str, int] = {}
    parts: list[str] = []
    length = 0
    prev_sent = prev_tok = None
    for tok in root.iter("token"):
        word, sent, tid = tok.text or "", tok.get("sentence"), tok.get("t_id")
        if prev_sent is not None:
            sep = "\n" if sent != prev_sent else (
                "" if word in _NO_SPACE_BEFORE or prev_tok in _NO_SPACE_AFTER else " ")
            parts.append(sep)
            length += len(sep)
        spans[tid] = (length, length + len(word))
        sentence_of[tid] = sent
        parts.append(word)
        length += len(word)
        sentence_end[sent] = length
        prev_sent, prev_tok = sent, word
    return MeantimeText(root, "".join(parts), spans, sentence_of, sentence_end)
