"""Fuzz the readers and the pipeline for a fixed time with the property tests of
tests/test_properties.py (hypothesis), many more examples per round, a fresh seed each round.

    .venv/bin/python benchmarks/fuzz.py [--minutes 10] [--factor 25]

Prints each round and, at the end, every distinct failure found (test, error, falsifying
example) and the rounds, examples and minutes spent. Not part of `make test`.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TESTS = "tests/test_properties.py"


def one_round(factor: int, seed: int, budget: float) -> tuple[int | None, list[tuple[str, str]]]:
    """Run the properties once; (exit code, None when cut at the time limit; [(test, failure)])."""
    env = {**os.environ, "DATELINE_FUZZ": str(factor), "HF_HUB_OFFLINE": "1"}
    cmd = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", f"--hypothesis-seed={seed}",
           "-k", "not linear", TESTS]
    try:
        out = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, timeout=max(60, budget))
    except subprocess.TimeoutExpired:
        return None, []
    names = re.findall(r"\n_{5,} (test_\w+)[^\n]* _{5,}\n", out.stdout)
    bodies = re.split(r"\n_{5,} test_\w+[^\n]* _{5,}\n", out.stdout)[1:]
    found = []
    for name, body in zip(names, bodies, strict=False):
        error = next((line for line in body.splitlines() if line.startswith("E ")), "?")
        example = body[body.find("Falsifying example"):][:600] if "Falsifying example" in body else ""
        found.append((name, f"{error}\n{example}".strip()))
    return out.returncode, found


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--minutes", type=float, default=10.0)
    ap.add_argument("--factor", type=int, default=25, help="examples per property: this many times the test's")
    args = ap.parse_args()
    end = time.monotonic() + args.minutes * 60
    started = time.monotonic()
    rounds, crashes = 0, {}
    while time.monotonic() < end:
        seed = random.randrange(2**32)
        code, found = one_round(args.factor, seed, end - time.monotonic())
        rounds += 1
        for name, text in found:
            crashes.setdefault((name, text.splitlines()[0]), (seed, text))
        state = "cut at the time limit" if code is None else "clean" if code == 0 else f"{len(found)} failing"
        print(f"round {rounds} seed {seed}: {state}", flush=True)
    print(f"\n{rounds} rounds of {TESTS} at {args.factor}x examples in {(time.monotonic() - started) / 60:.1f} min: "
          f"{len(crashes)} distinct failures")
    for (name, _), (seed, text) in crashes.items():
        print(f"\n{name} (seed {seed}):\n{text}")


if __name__ == "__main__":
    main()
