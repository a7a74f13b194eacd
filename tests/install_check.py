"""Read every kind of input dateline supports with whatever dateline is importable, and print
what each file gave as JSON; exit 1 if a file gave no article. Run by tests/test_install.py in
this environment and in a fresh virtual environment holding only the base package.

    python tests/install_check.py EXAMPLES_DIR SCRATCH_DIR
"""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

STORY = ("The harbour of Klaipeda reopened on Monday after a week of storms, the port authority said. "
         "Ferries to Kiel will sail again from Tuesday.")


def warc(path: Path) -> Path:
    """A one-response WARC.gz file, written with warcio as a crawler would."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=True)
    html = f"<html><head><title>Klaipeda</title></head><body><article><p>{STORY}</p></article></body></html>"
    headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
    writer.write_record(writer.create_warc_record("https://example.org/klaipeda", "response",
                                                  payload=io.BytesIO(html.encode()), http_headers=headers))
    path.write_bytes(buf.getvalue())
    return path


def inputs(examples: Path, scratch: Path) -> list[Path]:
    scratch.mkdir(parents=True, exist_ok=True)
    (scratch / "one.json").write_text(json.dumps([{"text": STORY, "date": "2026-02-02"}]))
    return sorted(p for p in examples.iterdir() if p.is_file()) + [warc(scratch / "crawl.warc.gz"),
                                                                    scratch / "one.json"]


def main() -> int:
    from dateline.readers import Input, read_paths

    examples, scratch = Path(sys.argv[1]), Path(sys.argv[2])
    report = {}
    for path in inputs(examples, scratch):
        items = list(read_paths([str(path)], "2026-01-01"))
        report[path.name] = {"articles": sum(isinstance(i, Input) for i in items),
                             "errors": [str(i) for i in items if not isinstance(i, Input)]}
    print(json.dumps(report))
    return 0 if all(r["articles"] and not r["errors"] for r in report.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
