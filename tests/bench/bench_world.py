"""Benchmark: the world gazetteer's cost. Prints figures; asserts nothing.

    python tests/bench/bench_world.py [--rounds 5]

1. Loading: the rule pack from its cache (a new process each time), with and without the world
   files (a copy of data/ without data/gazetteer/world/*.yaml and the curated files that point to
   world entities: bodies.yaml, parties-and-groups.yaml, leaders.yaml, regions.yaml), wall time and
   peak RSS.
2. Matching: the world's longest-match lookup (WorldStore.longest) run over every token of the
   seed article, per token and per sentence; and the same with the world replicated 4x and 16x
   (every entity copied under new names), to show that lookup time does not grow with the
   gazetteer: it hashes token sequences, it never loops over entries.
"""
from __future__ import annotations

import argparse
import dataclasses
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "data" / "articles" / "rferl-2006-03-03-hamas-moscow.txt"
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
LOAD = ("import resource, sys, time; t = time.perf_counter(); sys.path.insert(0, {root!r});"
        "from kg.rules.pack import Pack; p = Pack.load({data!r}); g = p.gazetteer;"
        "print(time.perf_counter() - t, len(g), resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)")


def load_times(data: Path, rounds: int, cache: Path) -> tuple[float, float, int, float]:
    env = dict(ENV, KG_CACHE_DIR=str(cache))
    cmd = [sys.executable, "-c", LOAD.format(root=str(ROOT), data=str(data))]
    subprocess.run(cmd, check=True, env=env, capture_output=True)  # writes the cache
    walls, rss, n = [], 0.0, 0
    for _ in range(rounds):
        out = subprocess.run(cmd, check=True, env=env, capture_output=True, text=True).stdout.split()
        walls.append(float(out[0]))
        n, rss = int(out[1]), max(rss, int(out[2]) / 1024)
    return statistics.median(walls), min(walls), n, rss


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rounds", type=int, default=5)
    a = ap.parse_args()
    sys.path.insert(0, str(ROOT))
    from kg.knowing.gazetteer import WorldStore
    from kg.reading.document import read_article
    from kg.reading.text import tokenize
    from kg.rules.pack import Pack

    tmp = Path(tempfile.mkdtemp(prefix="kg-bench-world-"))
    bare = tmp / "data"
    shutil.copytree(ROOT / "data", bare, ignore=shutil.ignore_patterns("articles", "figures"))
    for f in (bare / "gazetteer" / "world").glob("*.yaml"):
        f.unlink()
    for name in ("bodies.yaml", "parties-and-groups.yaml", "leaders.yaml", "regions.yaml"):  # curated, pointing to world
        (bare / "gazetteer" / name).unlink(missing_ok=True)                  # entities (states, ministries' states)
    print(f"{'pack load from its cache (new process)':<44} {'median s':>9} {'min s':>7} {'entities':>9} {'peak RSS MiB':>13}")
    for what, data in (("with the world", ROOT / "data"), ("without the world", bare)):
        med, lo, n, rss = load_times(data, a.rounds, tmp / f"cache-{what[:4]}")
        print(f"{what:<44} {med:>9.3f} {lo:>7.3f} {n:>9,} {rss:>13.1f}")

    pack = Pack.load()
    gaz = pack.gazetteer
    art = read_article(SEED, layout=pack.layout)
    sents = [tokenize(s.text) for s in art.sentences]
    toks = [(([t.norm for t in ts]), [t.folded for t in ts]) for ts in sents]
    ntok = sum(len(n) for n, _ in toks)
    base = list(gaz.world)
    print(f"\nworld name lookup over the seed ({len(sents)} sentences, {ntok} tokens), best of {a.rounds} rounds")
    print(f"{'world size':<20} {'entities':>9} {'build s':>8} {'us/token':>9} {'sentences/s':>12} {'names found':>12}")
    for factor in (1, 4, 16):
        ents = base if factor == 1 else [
            dataclasses.replace(e, id=f"{e.id}-x{k}", label=f"{e.label} X{k}" if k else e.label,
                                aliases=tuple(f"{x} X{k}" for x in e.aliases) if k else e.aliases)
            for k in range(factor) for e in base]
        t = time.perf_counter()
        store = gaz.world if factor == 1 else WorldStore(ents)
        built = time.perf_counter() - t
        best, found = float("inf"), 0
        for _ in range(a.rounds):
            store._memo.clear()
            t = time.perf_counter()
            found = 0
            for norms, folded in toks:
                i = 0
                while i < len(norms):
                    hit = store.longest(norms, folded, i)
                    if hit:
                        found += 1
                        i = hit[0]
                    else:
                        i += 1
            best = min(best, time.perf_counter() - t)
        print(f"{f'{factor}x':<20} {len(ents):>9,} {built:>8.2f} {best / ntok * 1e6:>9.2f} {len(sents) / best:>12,.0f} {found:>12}")
    print(f"load average {os.getloadavg()[0]:.1f}; figures on a shared machine are noisy: re-run on a quiet one")
    shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
