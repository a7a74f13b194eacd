"""Build ``data/petrarch_verbs.tsv`` from PETRARCH2's CAMEO verb dictionary (MIT licence,
``../shared/datasets/petrarch2/CAMEO.2.0.txt``, PETRARCH2 authors / Open Event Data Alliance).

Facts only, no code: for each verb of the dictionary, the PLOVER types (through our CAMEO
crosswalk, ``ontology/data/cameo.tsv``) of its verb block's code, and the words of its patterns
with the type each pattern codes ("RUSH * AID" -> aid: AID). The classifier uses them as features
(``classify.features``), so a verb neither our lexicon nor the training data has seen still says
what kind of event it usually is. Run: ``python -m dateline.events.build_verbs``.
"""

from __future__ import annotations

import re
import sys
from collections import defaultdict
from pathlib import Path

from dateline.ontology import cameo_info

SRC = Path(__file__).resolve().parents[2].parent / "shared" / "datasets" / "petrarch2" / "CAMEO.2.0.txt"
OUT = Path(__file__).parent / "data" / "petrarch_verbs.tsv"
_HEADER = re.compile(r"^---\s+(\S+)\s+\[([^\]]*)\]")
_CODE = re.compile(r"\[([0-9]{2,4})[^\]]*\]")


def _type(code: str | None) -> str | None:
    info = cameo_info(code) if code and code != "---" else None
    return info.plover if info is not None and info.plover else None


def _verb(word: str) -> str:
    return word.lstrip("+").split("{")[0].strip().lower().replace("_", " ")


def parse(path: Path = SRC) -> dict[str, dict]:
    verbs: dict[str, dict] = defaultdict(lambda: {"types": set(), "objects": defaultdict(set)})
    block: list[str] = []
    block_type = None
    in_patterns = False
    for raw in path.read_text(errors="replace").splitlines():
        line = raw.split("#", 1)[0].rstrip()
        if "VERB PATTERNS" in raw:
            in_patterns = True
            continue
        if not in_patterns or not line.strip() or line.startswith("~"):
            continue
        m = _HEADER.match(line)
        if m:
            block, block_type = [], _type(m.group(2))
            continue
        if line.startswith("-"):
            code = _CODE.search(line)
            t = _type(code.group(1) if code else None)
            if t is None:
                continue
            words = [w.lower() for w in re.findall(r"(?<![&$+\w])[A-Za-z][A-Za-z']+", line.split("[", 1)[0])]
            for v in block:
                for w in words:
                    verbs[v]["objects"][w].add(t)
            continue
        word = line.split("[", 1)[0]
        v = _verb(word)
        if not v or not re.match(r"^[a-z][a-z' -]*$", v):
            continue
        block.append(v)
        own = _CODE.search(line)
        t = _type(own.group(1)) if own else block_type
        if t:
            verbs[v]["types"].add(t)
    return verbs


def write(verbs: dict[str, dict], out: Path = OUT) -> None:
    lines = ["# verb\ttypes\tpattern words (word:TYPE|TYPE;...)",
             "# Derived from PETRARCH2's CAMEO.2.0.txt (MIT licence) by dateline/events/build_verbs.py; CAMEO codes "
             "mapped to PLOVER by ontology/data/cameo.tsv."]
    for v in sorted(verbs):
        d = verbs[v]
        objs = ";".join(f"{w}:{'|'.join(sorted(ts))}" for w, ts in sorted(d["objects"].items()))
        if d["types"] or objs:
            lines.append(f"{v}\t{'|'.join(sorted(d['types']))}\t{objs}")
    out.write_text("\n".join(lines) + "\n")


if __name__ == "__main__":
    src = Path(sys.argv[1]) if len(sys.argv) > 1 else SRC
    table = parse(src)
    write(table)
    print(f"{len(table)} verbs -> {OUT}")
