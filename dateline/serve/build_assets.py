"""Fetch the web page's third-party assets from the npm registry and vendor them into the package.

    python -m dateline.serve.build_assets

The page works offline: nothing is fetched when it is served. This script (run by a developer, never
at install or run time) packs pinned npm packages with `npm pack`, keeps the one file of each the page
loads and its licence, and writes them under ``dateline/serve/static/vendor/`` with a VENDOR.txt
that names each package, its version and licence.
"""

from __future__ import annotations

import shutil
import subprocess
import tarfile
import tempfile
from pathlib import Path

VENDOR = Path(__file__).resolve().parent / "static" / "vendor"
# npm package@version -> (file inside the package to keep, name to keep it under, licence)
ASSETS = {
    "d3@7.9.2": ("dist/d3.min.js", "d3.min.js", "ISC"),
    "topojson-client@3.1.0": ("dist/topojson-client.min.js", "topojson-client.min.js", "ISC"),
    "world-atlas@2.0.2": ("countries-110m.json", "countries-110m.json", "ISC (data: Natural Earth, public domain)"),
}


def main() -> None:
    VENDOR.mkdir(parents=True, exist_ok=True)
    lines = ["Third-party assets of the dateline web page, fetched from the npm registry by",
             "dateline/serve/build_assets.py and served from the package (no CDN, nothing fetched at run time).", ""]
    with tempfile.TemporaryDirectory() as tmp:
        for spec, (inner, name, licence) in ASSETS.items():
            out = subprocess.run(["npm", "pack", spec, "--silent"], cwd=tmp, check=True, capture_output=True,
                                 text=True).stdout.strip().splitlines()[-1]
            with tarfile.open(Path(tmp) / out) as tar:
                for member, target in ((f"package/{inner}", name), ("package/LICENSE", f"{name}.LICENSE")):
                    src = tar.extractfile(member)
                    with open(VENDOR / target, "wb") as dst:
                        shutil.copyfileobj(src, dst)
            lines.append(f"{name}: npm {spec}, licence {licence} ({name}.LICENSE)")
    (VENDOR / "VENDOR.txt").write_text("\n".join(lines) + "\n")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
