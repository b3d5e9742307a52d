"""Corpus speed on real text: real articles, each repeated N times under distinct ids, built into
N-Quads by a real `kg build -j 1 --force` process, with the world gazetteer and the CAMEO pack
loaded (as shipped).

Why: the corpus benchmark (bench_corpus.py) builds synthetic sentences taken from the rules' own
examples, which are shorter and simpler than news sentences, so its sentences per CPU-second
overstate what kg does on real articles. This prints the real-text figures next to it, for two
sets, because one article is not a corpus:

* `seed`: the articles of data/articles/ (the seed, the article the rules were written on);
* `voa`: Voice of America reports the rules were not written on (public domain): the texts in
  tests/bench/real/ (see its README.md for their addresses) and the VOA page of
  tests/data/pages/, whose main text is extracted as `kg build` extracts it.

    python tests/bench/bench_real_text.py -n 200 --runs 3
    python tests/bench/bench_real_text.py -n 200 --runs 3 --set voa

Prints articles, sentences, wall and CPU seconds of the child (user + system), and sentences per
CPU-second for each run, then the median, and the child's peak RSS. CPU time is reported because
the machine is shared. One untimed build comes first, so that the rule pack is parsed and cached
before the timing (a user's pack is cached after its first build), in a cache folder of the
benchmark's own (KG_CACHE_DIR), which other kg processes on the machine cannot evict.
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))


def texts(which: str) -> list[tuple[str, str]]:
    """(name, text) of the articles of a set."""
    if which == "seed":
        return [(a.stem, a.read_text(encoding="utf-8")) for a in sorted((ROOT / "data" / "articles").glob("*.txt"))]
    from kg.reading.html import extract_page

    out = [(a.stem, a.read_text(encoding="utf-8")) for a in sorted((ROOT / "tests" / "bench" / "real").glob("*.txt"))]
    for page in sorted((ROOT / "tests" / "data" / "pages").glob("voa-*.html")):
        out.append((page.stem, extract_page(page.read_bytes(), str(page)).text))
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("-n", type=int, default=200, help="copies of each article (default 200)")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--set", choices=("seed", "voa", "both"), default="both",
                    help="which articles: the seed, the VOA reports, or both, one after the other (default)")
    args = ap.parse_args()
    for which in ("seed", "voa") if args.set == "both" else (args.set,):
        bench(which, args.n, args.runs)


def bench(which: str, n: int, runs: int) -> None:
    from kg import Pack
    from kg.reading.document import parse_article

    layout = Pack.load().layout
    arts = texts(which)
    per_copy = sum(len(parse_article(t, source=name, layout=layout).sentences) for name, t in arts)
    with tempfile.TemporaryDirectory() as tmp:
        feed = Path(tmp) / "real.jsonl"
        with feed.open("w", encoding="utf-8") as f:
            for i in range(n):
                for name, t in arts:
                    f.write(json.dumps({"id": f"{name}-{i}", "text": t}) + "\n")
        one = Path(tmp) / "one.jsonl"
        one.write_text(json.dumps({"id": "warm-up", "text": arts[0][1]}) + "\n", encoding="utf-8")
        cmd = [sys.executable, "-m", "kg.cli", "build", "-j", "1", "--force", "-q"]
        # kg's caches in a folder of this run's own: the shared one keeps the last 8 rule packs, so
        # other checkouts building meanwhile could evict this one's and a timed run would parse it
        env = {**os.environ, "KG_CACHE_DIR": str(Path(tmp) / "cache")}
        subprocess.run([*cmd, str(one), "-o", str(Path(tmp) / "one.nq")], check=True, cwd=ROOT, env=env)  # untimed
        sentences = per_copy * n
        rates = []
        print(f"[{which}] {len(arts) * n} articles ({len(arts)} real article(s) x {n}), {sentences} sentences; "
              f"load average {os.getloadavg()[0]:.2f}")
        for run in range(runs):
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            t0 = time.perf_counter()
            subprocess.run([*cmd, str(feed), "-o", str(Path(tmp) / "out.nq")], check=True, cwd=ROOT, env=env)
            wall = time.perf_counter() - t0
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
            rates.append(sentences / cpu)
            print(f"run {run + 1}: wall {wall:.1f} s, CPU {cpu:.1f} s, {sentences / wall:.0f} sentences/s (wall), "
                  f"{sentences / cpu:.0f} sentences per CPU-second")
        peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        print(f"[{which}] median: {statistics.median(rates):.0f} sentences per CPU-second; peak RSS of a build "
              f"{peak:.0f} MiB; load average {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
