"""The stage contract: what a stage declares, what building a pipeline checks, and how stages
are found (the ``dateline.stages`` entry points, with the example third-party stage of
docs/pipeline.md installed for real into a temporary path)."""

from __future__ import annotations

import importlib
import re
import sys
from pathlib import Path

import pytest

from dateline.pipeline import (
    DEFAULT_STAGES,
    REGISTRY,
    Pipeline,
    PipelineError,
    available_stages,
    get_stage,
    known_stages,
    stage,
    stage_modules,
)

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize("name", DEFAULT_STAGES)
def test_every_stage_module_imports_and_registers_its_stage(name):
    module = stage_modules()[name]
    importlib.import_module(module)  # a broken import fails here, it is never taken for a missing stage
    spec = get_stage(name)
    assert spec.module == module and spec.languages  # ("en",) unless a stage says more
    assert spec.provides and all(isinstance(k, str) for k in spec.default_config)


def test_our_stages_are_known_in_order():
    assert known_stages()[:5] == list(DEFAULT_STAGES)
    assert available_stages()[:5] == list(DEFAULT_STAGES)


def test_events_declares_what_it_reads_when_present():
    spec = get_stage("events")
    assert set(spec.optional) == {"places", "quotes"}
    p = Pipeline(["time", "actors", "events"])
    assert p.missing_optional == [("events", "places"), ("events", "quotes")]
    assert Pipeline(list(DEFAULT_STAGES)).missing_optional == []


def test_unknown_config_keys_are_refused():
    with pytest.raises(PipelineError, match=r"stage 'quotes' has no config key 'cuess'; its keys: classes, extra"):
        Pipeline(["actors", "quotes"], config={"quotes": {"cuess": ["x.tsv"]}})
    with pytest.raises(PipelineError, match=r"config for 'places', which is not among the stages"):
        Pipeline(["time"], config={"places": {"geonames": "x"}})


def test_defaults_fill_the_config_a_factory_receives():
    seen = {}

    @stage("_cfg", requires=("doc",), default_config={"a": 1, "b": (2,)})
    def make(config):
        seen.update(config)
        return lambda analysis: None

    try:
        Pipeline(["_cfg"], config={"_cfg": {"b": [3]}})
    finally:
        REGISTRY.pop("_cfg")
    assert seen == {"a": 1, "b": [3]}


def test_stage_listed_twice_and_unknown_names_are_refused():
    with pytest.raises(PipelineError, match="'time' is listed twice"):
        Pipeline(["time", "time"])
    with pytest.raises(PipelineError, match="unknown stage 'tiem'; known: time, actors"):
        Pipeline(["tiem"])
    with pytest.raises(PipelineError, match="requires timexes, actors"):
        Pipeline(["events"])

    @stage("_typo", requires=("doc", "timexs"))
    def make(config):
        return lambda analysis: None

    try:
        with pytest.raises(PipelineError, match="names 'timexs', which no stage provides"):
            Pipeline(["time", "_typo"])
    finally:
        REGISTRY.pop("_typo")


def test_two_modules_cannot_register_one_name():
    def other(config):
        return lambda analysis: None

    other.__module__ = "somebody.else"
    with pytest.raises(PipelineError, match="stage 'time' is registered twice"):
        stage("time", requires=("doc",))(other)
    assert REGISTRY["time"].module == "dateline.time.stage"


def _example_stage() -> str:
    doc = (ROOT / "docs" / "pipeline.md").read_text(encoding="utf-8")
    m = re.search(r"<!-- example-stage[^>]*-->\s*```python\n(.*?)```", doc, re.S)
    assert m, "docs/pipeline.md lost its example stage"
    return m.group(1)


def install_stage(folder: Path, monkeypatch, name: str, source: str) -> None:
    """A module ``dateline_NAME`` holding ``source``, installed in ``folder`` as a package whose
    entry point registers it in the ``dateline.stages`` group, as pip would leave it."""
    (folder / f"dateline_{name}.py").write_text(source, encoding="utf-8")
    info = folder / f"dateline_{name}-0.1.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: dateline-{name}\nVersion: 0.1\n")
    (info / "entry_points.txt").write_text(f"[dateline.stages]\n{name} = dateline_{name}\n")
    monkeypatch.syspath_prepend(str(folder))
    importlib.invalidate_caches()


@pytest.fixture
def installed_example(tmp_path, monkeypatch):
    """The example stage as an installed package: its module and a dist-info with the entry point."""
    install_stage(tmp_path, monkeypatch, "fiscal", _example_stage())
    yield
    REGISTRY.pop("fiscal", None)
    sys.modules.pop("dateline_fiscal", None)


def test_the_documented_third_party_stage_is_found_and_runs(installed_example, nlp):
    assert stage_modules()["fiscal"] == "dateline_fiscal"
    assert "fiscal" in known_stages() and known_stages()[-1] == "fiscal"
    pipe = Pipeline(["time", "fiscal"], config={"fiscal": {"words": ["FY"]}})
    pipe._nlp = nlp
    rec = pipe.extract("Revenue rose in FY2025 and fell on March 3, 2026.", "2026-03-10")
    fy = [t for t in rec.timexes if t.text == "FY2025"]
    assert fy and fy[0].value == "2025"
    assert any(t.value == "2026-03-03" for t in rec.timexes)  # the time stage's own still there


def test_a_stage_module_that_fails_to_import_is_an_error(tmp_path, monkeypatch):
    install_stage(tmp_path, monkeypatch, "broken", "import no_such_module_anywhere\n")
    with pytest.raises(ModuleNotFoundError, match="no_such_module_anywhere"):
        get_stage("broken")
