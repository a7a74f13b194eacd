"""A base install (no extras) reads every kind of input: checked three ways, from cheapest to most
honest. (1) Every input is read here. (2) Every distribution the readers import while reading is
required by the base dependencies in pyproject.toml, following requirements but no extras of
them (pip did not install lxml's html-clean extra that justext asks for). (3) A fresh virtual
environment, without the system's packages, gets `pip install .` and reads every input: the
only check that sees what pip really installs; slow, so marked, and skipped without PyPI."""

from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import EXAMPLES, ROOT

CHECK = Path(__file__).with_name("install_check.py")


def test_every_kind_of_input_is_read_here(tmp_path):
    out = subprocess.run([sys.executable, str(CHECK), str(EXAMPLES), str(tmp_path)], capture_output=True,
                         text=True, cwd=ROOT, timeout=300)
    assert out.returncode == 0, out.stdout + out.stderr
    report = json.loads(out.stdout)
    assert {".txt", ".jsonl", ".html", ".xml", ".gz", ".json"} <= {Path(k).suffix for k in report}


def _name(requirement: str) -> str:
    return re.split(r"[\s\[<>=!~;(]", requirement.strip(), maxsplit=1)[0].lower().replace("_", "-")


def _closure(requirements: list[str]) -> set[str]:
    """The distributions these requirements install (markers evaluated, no extras followed)."""
    from importlib import metadata

    from packaging.requirements import Requirement

    seen: set[str] = set()
    todo = list(requirements)
    while todo:
        req = Requirement(todo.pop())
        if req.marker is not None and not req.marker.evaluate({"extra": ""}):
            continue
        name = req.name.lower().replace("_", "-")
        if name in seen:
            continue
        seen.add(name)
        try:
            todo.extend(metadata.requires(req.name) or [])
        except metadata.PackageNotFoundError:
            pass
    return seen


def test_the_base_dependencies_cover_what_reading_imports(tmp_path):
    pytest.importorskip("packaging")
    tomllib = pytest.importorskip("tomllib")
    base = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["dependencies"]
    script = ("import json, runpy, sys; sys.argv = sys.argv[1:]; before = set(sys.modules)\n"
              "try:\n    runpy.run_path(sys.argv[0], run_name='__main__')\nexcept SystemExit:\n    pass\n"
              "print(json.dumps(sorted({m.split('.')[0] for m in set(sys.modules) - before})))")
    out = subprocess.run([sys.executable, "-c", script, str(CHECK), str(EXAMPLES), str(tmp_path)],
                         capture_output=True, text=True, cwd=ROOT, timeout=300)
    modules = json.loads(out.stdout.strip().splitlines()[-1])
    from importlib import metadata

    owners = metadata.packages_distributions()
    imported = {d.lower().replace("_", "-") for m in modules for d in owners.get(m, [])} - {"dateline"}
    missing = imported - _closure(base)
    assert not missing, f"reading imports {sorted(missing)}, which no base dependency installs"


def _pypi_reachable() -> bool:
    try:
        socket.create_connection(("pypi.org", 443), timeout=5).close()
        return True
    except OSError:
        return False


@pytest.mark.slow
def test_a_fresh_environment_with_the_base_package_reads_every_input(tmp_path):
    if not _pypi_reachable():
        pytest.skip("PyPI is not reachable: a fresh install cannot be made here")
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=120)
    python = venv / "bin" / "python"
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    install = subprocess.run([str(python), "-m", "pip", "install", "-q", str(ROOT)], capture_output=True,
                             text=True, timeout=1200, env=env)
    if install.returncode != 0 and re.search(r"(?i)connection|timed out|temporary failure", install.stderr):
        pytest.skip(f"pip could not reach its index: {install.stderr.strip().splitlines()[-1]}")
    assert install.returncode == 0, install.stderr[-3000:]
    # run outside the source tree, so that the installed package is the one imported
    out = subprocess.run([str(python), str(CHECK), str(EXAMPLES), str(tmp_path / "scratch")], capture_output=True,
                         text=True, cwd=tmp_path, timeout=300, env=env)
    assert out.returncode == 0, out.stdout + out.stderr[-3000:]
    where = subprocess.run([str(python), "-c", "import dateline; print(dateline.__file__)"], capture_output=True,
                           text=True, cwd=tmp_path, env=env)
    assert str(venv) in where.stdout
