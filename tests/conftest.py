"""Shared fixtures: one spaCy model per test session, and helpers to run stages on our own texts."""

from __future__ import annotations

import inspect
import os
import re
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


def find_actor(rec, phrase: str, nth: int = 0):
    """The actor mentioned by the nth occurrence of ``phrase`` in the record's text."""
    from dateline.actors import actor_at

    i = -1
    for _ in range(nth + 1):
        i = rec.article.text.index(phrase, i + 1)
    return actor_at(rec, i, i + len(phrase))


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


_SCHEMAS: dict[str, dict] = {}


@pytest.fixture
def run_actors(analyse, request):
    """run_actors(text, date=DATE, config=None, stages=("actors",)) -> Record: the actors stage on a text
    of ours; DATE is the test module's ``DATE`` (an article date its texts are written for)."""
    default = getattr(request.module, "DATE", "2024-05-02")

    def go(text, date=default, config=None, stages=("actors",)):
        return analyse(text, date, stages=stages, config=config)

    return go


# What makes a test slow or dependent on the datasets, read from its code: the fixtures that load
# spaCy, and the calls that load it or read ../shared. `make test-fast` runs the others.
_SPACY_FIXTURES = {"nlp", "analyse", "run", "run_actors", "events", "quotes", "pipe", "pipeline", "places"}
_SPACY_CALLS = re.compile(r"\b(Pipeline\(|load_spacy|default_pipeline|dateline\.extract|\.extract\(|evaluate\(|"
                          r"run\(\s*\"(extract|ingest|eval|spark)\"|main\(|subprocess|analyse\b)")
_DATASET_CALLS = re.compile(r"\b(need_shared|DATASETS|SEED|SHARED)\b")
# modules whose every test takes seconds without spaCy: many store merges, plots, generated inputs
_SLOW_MODULES = {"test_corpus.py", "test_plot.py", "test_properties.py"}


def pytest_collection_modifyitems(config, items):
    for item in items:
        fn = getattr(item, "function", None)
        try:
            src = inspect.getsource(fn) if fn is not None else ""
        except (OSError, TypeError):
            src = ""
        if _DATASET_CALLS.search(src):
            item.add_marker(pytest.mark.datasets)
        if _SPACY_FIXTURES & set(getattr(item, "fixturenames", ())) or _SPACY_CALLS.search(src) \
                or item.path.name in _SLOW_MODULES:
            item.add_marker(pytest.mark.slow)


def validate_record(d: dict) -> None:
    """Validate a record dict against the shipped JSON Schema of its own version."""
    import json
    from importlib import resources

    import jsonschema

    version = d.get("schema", "dateline.article/3").rsplit("/", 1)[-1]
    if version not in _SCHEMAS:
        _SCHEMAS[version] = json.loads((resources.files("dateline") / "schema" / f"article-{version}.json").read_text())
        jsonschema.Draft202012Validator.check_schema(_SCHEMAS[version])
    jsonschema.validate(d, _SCHEMAS[version], cls=jsonschema.Draft202012Validator)


@pytest.fixture(autouse=True, scope="session")
def _every_record_is_checked():
    """Every record any test produces through the pipeline must keep the offset invariant
    (article.text[start:end] == text) and validate against the JSON Schema."""
    from dateline.pipeline import Pipeline
    from dateline.record import Record

    original = Pipeline.analyse

    def checked(self, article, doc):
        out = original(self, article, doc)
        if isinstance(out, Record):
            bad = out.check_spans()
            assert not bad, f"spans break the offset invariant in {article.id}: {bad}"
            validate_record(out.to_dict())
        return out

    Pipeline.analyse = checked
    yield
    Pipeline.analyse = original
