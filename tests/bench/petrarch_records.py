"""PETRARCH's unit-test records coded by kg: exact-match rate overall and per category, and
every record kg gets wrong with what is missing and what is extra.

    python tests/bench/petrarch_records.py [DICTIONARIES_DIR] [--records FILE] [--quiet]

DICTIONARIES_DIR holds PETR.Validate.{verbs,actors,agents,discards}.txt (default: the copy in
../shared/third-party/petrarch2/dictionaries next to the checkout, or $KG_PETRARCH_DIR); the
records default to ../text/PETR.UnitTest.records.xml beside it.
"""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))


def default_dir() -> Path:
    env = os.environ.get("KG_PETRARCH_DIR")
    if env:
        return Path(env)
    return ROOT.parent / "shared" / "third-party" / "petrarch2" / "dictionaries"


def main() -> int:
    from kg.errors import KgError
    from kg.rules.cameo.records import run

    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("dictionaries", nargs="?", type=Path, default=None)
    ap.add_argument("--records", type=Path, default=None)
    ap.add_argument("-q", "--quiet", action="store_true", help="only the rates, not the wrong records")
    a = ap.parse_args()
    dd = a.dictionaries or default_dir()
    recs = a.records or dd.parent / "text" / "PETR.UnitTest.records.xml"
    try:
        rep = run(recs, dd)
    except KgError as e:
        print(f"petrarch_records: error: {e}", file=sys.stderr)
        return 2
    try:
        print(rep.render(wrong=not a.quiet))
    except BrokenPipeError:  # | head
        pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
