"""Mention finding speed with the pack's gazetteer (the world one when it is loaded): prints the
gazetteer size, the time to compile the finder, and sentences per second of MentionFinder.analyse
on real article text (the seed and the public-domain articles of the names dev set, tests/data/names-dev).

    python tests/bench/bench_names.py [--rounds 20]

Figures only (no assertion): timings on a shared machine are noisy; re-run on a quiet one.
"""
from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from kg.knowing.mentions import MentionFinder  # noqa: E402
from kg.reading.document import read_article  # noqa: E402
from kg.rules.pack import Pack  # noqa: E402


def main() -> None:
    rounds = int(sys.argv[sys.argv.index("--rounds") + 1]) if "--rounds" in sys.argv else 20
    pack = Pack.load()
    t0 = time.perf_counter()
    finder = MentionFinder(pack.gazetteer, pack.vocabulary)
    build = time.perf_counter() - t0
    files = sorted((ROOT / "data" / "articles").glob("*.txt")) + sorted((ROOT / "tests" / "data" / "names-dev").glob("*.txt"))
    arts = [read_article(p, layout=pack.layout) for p in files]  # the seed and the names dev set's VOA articles
    n = sum(len(finder.analyse(a)) for a in arts)
    best = float("inf")
    for _ in range(rounds):
        t = time.perf_counter()
        for a in arts:
            finder.analyse(a)
        best = min(best, time.perf_counter() - t)
    print(f"gazetteer entities: {len(pack.gazetteer)}  finder compiled in {build:.2f} s")
    print(f"articles: {len(arts)}  sentences: {n}  best of {rounds}: {best * 1000:.1f} ms  ->  {n / best:,.0f} sentences/s")


if __name__ == "__main__":
    main()
