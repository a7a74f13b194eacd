"""The export tests build their stores from the corpus tests' hand-built records."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "store"))
