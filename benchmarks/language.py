"""Language identification libraries compared on our own pages and short lines, in one run.

    .venv/bin/python benchmarks/language.py [--lib lingua|py3langid|fasttext|dateline ...]

Texts: the test pages of ``dateline eval pages`` (whole pages, and each headline and body line of
them), and ``short_lines_en.txt`` (short English news lines). For each library that is installed:
the time to load, milliseconds per page, the installed size, the growth of the process's memory,
and right / all on pages, on pages of 50 words or more and on the lines. ``dateline`` is what the
pipeline uses (py3langid with ISO 639-1 codes only and a prior for English, dateline/language.py).
fasttext-langdetect downloads its model on first use: offline it fails, and that is reported.
"""

from __future__ import annotations

import argparse
import importlib.util
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from dateline.eval.pages import LONG_PAGE, read_pages  # noqa: E402
from dateline.readers.segments import segment  # noqa: E402


def rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def size_mib(module: str) -> float:
    spec = importlib.util.find_spec(module)
    folder = Path(spec.origin).parent
    return sum(f.stat().st_size for f in folder.rglob("*") if f.is_file()) / 2**20


def load(lib: str):
    """(detect function, module whose folder is the installed size)."""
    if lib == "lingua":
        from lingua import LanguageDetectorBuilder

        det = LanguageDetectorBuilder.from_all_languages().with_preloaded_language_models().build()
        return (lambda s: (lambda x: x.iso_code_639_1.name.lower() if x else None)(det.detect_language_of(s))), "lingua"
    if lib == "py3langid":
        import py3langid

        return (lambda s: py3langid.classify(s)[0]), "py3langid"
    if lib == "fasttext":
        from ftlangdetect import detect

        detect("warm up", low_memory=True)  # fetches the model: fails offline
        return (lambda s: detect(s.replace("\n", " "), low_memory=True)["lang"]), "ftlangdetect"
    from dateline.language import detect

    return detect, "py3langid"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--lib", action="append", choices=["lingua", "py3langid", "fasttext", "dateline"])
    args = ap.parse_args()
    pages = read_pages([])
    lines = [(p.language, p.text[g.start:g.end]) for p in pages for g in segment(p.text)
             if g.kind in ("headline", "body")]
    lines = [(lang, s.strip()) for lang, block in lines for s in block.splitlines() if s.strip()]
    own = (Path(__file__).parent / "short_lines_en.txt").read_text(encoding="utf-8").splitlines()
    lines += [("en", s) for s in own if s.strip() and not s.startswith("#")]
    print(f"{len(pages)} pages ({sum(p.words >= LONG_PAGE for p in pages)} of {LONG_PAGE}+ words), "
          f"{len(lines)} lines")
    for lib in args.lib or ["dateline", "py3langid", "lingua", "fasttext"]:
        before = rss_mib()
        t0 = time.perf_counter()
        try:
            detect, module = load(lib)
            detect("warm up the model")
        except Exception as exc:  # a missing library or a model it cannot fetch
            print(f"{lib:10s} unavailable: {type(exc).__name__}: {str(exc)[:120]}")
            continue
        load_s = time.perf_counter() - t0
        t0 = time.perf_counter()
        found = [detect(p.text) for p in pages]
        per_page = 1000 * (time.perf_counter() - t0) / len(pages)
        right = sum(f == p.language for f, p in zip(found, pages, strict=True))
        right_long = sum(f == p.language for f, p in zip(found, pages, strict=True) if p.words >= LONG_PAGE)
        wrong_lines = [(g, detect(s), s) for g, s in lines if detect(s) != g]
        print(f"{lib:10s} load {load_s:5.2f} s, {per_page:6.2f} ms/page, {size_mib(module):5.1f} MiB installed, "
              f"+{rss_mib() - before:4.0f} MiB memory; pages {right}/{len(pages)}, long pages "
              f"{right_long}/{sum(p.words >= LONG_PAGE for p in pages)}, lines {len(lines) - len(wrong_lines)}/{len(lines)}")
        for g, f, s in wrong_lines:
            print(f"    {g} read as {f}: {s[:70]!r}")


if __name__ == "__main__":
    main()
