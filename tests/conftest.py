"""Shared fixtures: one spaCy model per test session, and helpers to run stages on our own texts."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
DATASETS = SHARED / "datasets"
SEED = SHARED / "seed" / "000_232c41328f53cf4f.txt"
EXAMPLES = ROOT / "examples"


def need_shared(path: Path) -> Path:
    """Skip the test, saying why, when ../shared (the datasets beside the project) is absent."""
    if not path.exists():
        pytest.skip(f"{path} is absent: the shared datasets are not beside the project")
    return path


@pytest.fixture(scope="session")
def nlp():
    from dateline.pipeline import load_spacy

    return load_spacy()


@pytest.fixture(scope="session")
def analyse(nlp):
    """analyse(text, date, stages=[...]) -> Record, running the named stages in order."""
    from dateline.pipeline import Pipeline

    cache: dict[tuple, Pipeline] = {}

    def run(text: str, date: str | None = "2025-08-28", stages=("time",), config=None):
        key = (tuple(stages), repr(config))
        if key not in cache:
            p = Pipeline(list(stages), config=config or {})
            p._nlp = nlp
            cache[key] = p
        rec = cache[key].extract(text, date)
        assert rec.check_spans() == [], rec.check_spans()
        return rec

    return run
