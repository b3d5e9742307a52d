"""Where `kg build`'s time goes on real text, phase by phase, in one process (warm).

Why: on this shared machine a whole-process figure moves by 30% with the load of other jobs, so
a speed-up of one phase hides in the noise. Each phase is timed with the process's CPU clock
on every article of a set, the set is run many times, and the fastest pass of each phase is
printed (the least disturbed one), in milliseconds per copy of the set and as sentences per
CPU-second. The phases are those of one article in `kg build` (kg.corpus.work): layout and
sentences, mentions and times, rule matching with its context (kg.rules.engine.extract), CAMEO
coding, the graph (with the joins and the CAMEO events), the N-Quads text.

    python tests/bench/bench_phases.py                 # both sets, 30 passes
    python tests/bench/bench_phases.py --set voa --passes 50
    python tests/bench/bench_phases.py --rules-split      # the rules phase's matching in three parts

With `--rules-split` the matching of the rules phase is split, on articles analysed beforehand:
building the sentence views, choosing the patterns to try (the matcher replaced by one that finds
nothing), and choosing and matching; the fastest pass of each.

The sets are those of bench_real_text.py (`seed`: data/articles/; `voa`: tests/bench/real/ and
the VOA page of tests/data/pages/).
"""
from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

PHASES = ("layout", "mentions", "rules", "cameo", "graph", "nquads")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--set", choices=("seed", "voa", "both"), default="both")
    ap.add_argument("--passes", type=int, default=30, help="passes over the set (default 30)")
    ap.add_argument("--rules-split", action="store_true", help="split rule matching into views, choice, tries")
    args = ap.parse_args()

    from bench_real_text import texts
    from kg.graph.build import analyse  # noqa: F401 - the same imports as a build
    from kg.graph.builder import GraphBuilder, Minter
    from kg.graph.events import code_article
    from kg.graph.export import to_nquads
    from kg.reading.document import parse_article
    from kg.rules.engine import extract
    from kg.rules.pack import Pack

    pack = Pack.load()
    clock = time.process_time
    for which in ("seed", "voa") if args.set == "both" else (args.set,):
        arts = texts(which)
        best = {p: float("inf") for p in (*PHASES, "total")}
        sentences = 0
        for k in range(args.passes + 2):  # two passes to warm up (compiled patterns, caches)
            spent = dict.fromkeys(best, 0.0)
            sentences = 0
            for i, (name, text) in enumerate(arts):
                t0 = clock()
                art = parse_article(text, source=name, layout=pack.layout, default_id=f"{name}-{k}")
                t1 = clock()
                analyses = pack.finder.analyse(art)
                t2 = clock()
                ex = extract(art, analyses, pack.rules, pack.vocabulary)
                t3 = clock()
                ex.cameo = code_article(ex, pack)  # type: ignore[attr-defined]
                t4 = clock()
                gb = GraphBuilder(pack.vocabulary, pack.gazetteer, Minter())
                gb.add_extraction(ex)
                t5 = clock()
                to_nquads(gb.kg_graphs)
                t6 = clock()
                for p, a, b in zip(PHASES, (t0, t1, t2, t3, t4, t5), (t1, t2, t3, t4, t5, t6)):
                    spent[p] += b - a
                spent["total"] += t6 - t0
                sentences += len(art.sentences)
            if k >= 2:
                best = {p: min(best[p], spent[p]) for p in best}
        print(f"[{which}] {len(arts)} article(s), {sentences} sentences, fastest of {args.passes} passes "
              f"(load average {os.getloadavg()[0]:.2f}):")
        print("  " + "  ".join(f"{p} {best[p] * 1000:.1f} ms" for p in (*PHASES, "total")))
        print(f"  {sentences / best['total']:.0f} sentences per CPU-second in these phases "
              f"(rules alone: {sentences / best['rules']:.0f})")
        if args.rules_split:
            _rules_split(pack, arts, args.passes)


def _rules_split(pack, arts, passes: int) -> None:  # type: ignore[no-untyped-def]
    """The views, the choice of patterns and the tries of `match_sentence`, fastest of `passes`."""
    import kg.rules.engine as engine
    from kg.reading.document import parse_article

    analysed = []
    for name, text in arts:
        art = parse_article(text, source=name, layout=pack.layout, default_id=name)
        analysed.append((art, pack.finder.analyse(art)))
    real, clock = engine.find_upto, time.process_time
    best = {"views": float("inf"), "choice": float("inf"), "choice+tries": float("inf")}
    try:
        for _ in range(passes + 2):
            for part in best:
                engine.find_upto = real if part == "choice+tries" else (lambda m, v, st, bound: [])
                t0 = clock()
                for art, analyses in analysed:
                    for sa in analyses:
                        v = engine.SentenceView(sa, art.text, art.quotes, pack.vocabulary, art.date)
                        if part != "views":
                            engine.match_sentence(pack.rules.rules, v)
                best[part] = min(best[part], clock() - t0)
    finally:
        engine.find_upto = real
    print("  rule matching split: " + "  ".join(f"{k} {x * 1000:.2f} ms" for k, x in best.items()))


if __name__ == "__main__":
    main()
