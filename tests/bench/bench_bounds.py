"""The most a faster design of one step could save: the warm phase loop with that step replayed.

Why: before building a new design of a step (an automaton for the mention finder's lookups, a
cheaper placement of a pattern's features), measure what the step costs in a warm pass. Here the
named methods answer from a memo of their own answers (filled on the first passes, keyed by the
sentence), so they cost a dict lookup and a list copy; passes with the real methods and with the
replay alternate in one process, and the fastest pass of each is printed, as bench_phases.py does.
The difference is an upper bound of any rewrite of those methods that keeps their output: a design
whose bound is under a target cannot reach it. The replay returns the same answers, and the script
checks that the N-Quads are the same with it.

    python tests/bench/bench_bounds.py --replay _known                     # the finder's name lookups
    python tests/bench/bench_bounds.py --replay _known,_metonymy,_roles    # with the role and seat lexicons
    python tests/bench/bench_bounds.py --replay ordered --passes 40        # the rules' placement of features

Names are methods of kg.knowing.mentions.MentionFinder that take a sentence's tokens first
(`_known`, `_metonymy`, `_roles`), or `ordered` (kg.rules.view.SentenceView.ordered, keyed by the
sentence, its mentions and the pattern's order). Sets as bench_real_text.py's (`seed`, `voa`).
"""
from __future__ import annotations

import argparse
import gc
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))


def _replays(names: list[str]) -> tuple[list[tuple[object, str, object, object]], dict]:
    """(class, name, real method, replaying method) for each name, and their memo."""
    from kg.knowing.mentions import MentionFinder
    from kg.rules.view import SentenceView

    memo: dict = {}
    out = []
    for n in names:
        if n == "ordered":
            real = SentenceView.ordered

            def ordered(self, options, real=real):  # type: ignore[no-untyped-def]
                sk = self.__dict__.get("_bench_key")  # the sentence and its mentions (the engine's second
                if sk is None:                         # pass matches a sentence again with its "we" resolved)
                    sk = self.__dict__["_bench_key"] = (self.sa.sentence.text, self.sa.sentence.begin, tuple(
                        (m.first, m.last, m.kind, getattr(m.entity, "id", None)) for m in self.sa.mentions))
                k = ("ordered", sk, options)
                r = memo.get(k)
                if r is None:
                    r = memo[k] = real(self, options)
                return r
            out.append((SentenceView, n, real, ordered))
            continue
        real = getattr(MentionFinder, n)

        def replay(self, toks, *a, real=real, n=n):  # type: ignore[no-untyped-def]
            # the sentence (its tokens' texts and place) and the arguments that are not objects
            k = (n, tuple(t.text for t in toks), toks[0].begin if toks else 0,
                 tuple(x if isinstance(x, (str, int, type(None))) or hasattr(x, "toordinal") else len(x) for x in a))
            r = memo.get(k)
            if r is None:
                r = memo[k] = real(self, toks, *a)
            return list(r)
        out.append((MentionFinder, n, real, replay))
    return out, memo


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--replay", required=True, help="comma-separated methods to replay (see above)")
    ap.add_argument("--set", choices=("seed", "voa", "both"), default="both")
    ap.add_argument("--passes", type=int, default=30, help="passes of each kind (default 30)")
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
    patches, _ = _replays(args.replay.split(","))
    gc.freeze()
    gc.set_threshold(50_000, 20, 20)  # as `kg build`
    clock = time.process_time
    phases = ("mentions", "rules+", "total")  # rules+: rules, CAMEO, graph and N-Quads
    for which in ("seed", "voa") if args.set == "both" else (args.set,):
        arts = texts(which)
        best = {m: dict.fromkeys(phases, float("inf")) for m in ("real", "replay")}
        first: dict[str, list[str]] = {}
        for k in range(2 * args.passes + 4):  # the first four fill the memo and warm the caches
            mode = ("real", "replay")[k % 2]
            for cls, n, real, rep in patches:
                setattr(cls, n, real if mode == "real" else rep)
            spent = dict.fromkeys(phases, 0.0)
            nqs = []
            for name, text in arts:
                t0 = clock()
                art = parse_article(text, source=name, layout=pack.layout, default_id=name)
                t1 = clock()
                analyses = pack.finder.analyse(art)
                t2 = clock()
                ex = extract(art, analyses, pack.rules, pack.vocabulary)
                ex.cameo = code_article(ex, pack)  # type: ignore[attr-defined]
                gb = GraphBuilder(pack.vocabulary, pack.gazetteer, Minter())
                gb.add_extraction(ex)
                nq = to_nquads(gb.kg_graphs)
                t3 = clock()
                spent["mentions"] += t2 - t1
                spent["rules+"] += t3 - t2
                spent["total"] += t3 - t0
                if k < 4:
                    nqs.append(nq)
            if k < 4:
                if first.setdefault(mode, nqs) != nqs:
                    sys.exit(f"{which}: the {mode} passes wrote different N-Quads")
                continue
            best[mode] = {p: min(best[mode][p], spent[p]) for p in phases}
        for cls, n, real, _ in patches:
            setattr(cls, n, real)
        if first["real"] != first["replay"]:
            sys.exit(f"{which}: the replay changed the N-Quads")
        r, p = best["real"], best["replay"]
        where = [x for x, on in (("mentions", any(n != "ordered" for _, n, _, _ in patches)),
                                 ("rules+", any(n == "ordered" for _, n, _, _ in patches))) if on]
        saved = sum(r[x] - p[x] for x in where)  # the phases the methods run in (the totals' minima are noisier)
        print(f"[{which}] fastest of {args.passes} passes each, load average {os.getloadavg()[0]:.2f}; "
              f"replayed: {args.replay}")
        print("  real:     " + "  ".join(f"{x} {r[x] * 1e3:.2f} ms" for x in phases))
        print("  replayed: " + "  ".join(f"{x} {p[x] * 1e3:.2f} ms" for x in phases))
        print(f"  at most {saved * 1e3:.2f} ms a pass to gain ({' and '.join(where)}), "
              f"{saved / r['total'] * 100:.1f}% of the real total")


if __name__ == "__main__":
    main()
