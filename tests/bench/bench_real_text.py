"""Corpus speed on real text: the articles of data/articles/ (the seed), each repeated N times
under distinct ids, built into N-Quads by a real `kg build -j 1 --force` process.

Why: the corpus benchmark (bench_corpus.py) builds synthetic sentences taken from the rules' own
examples, which are shorter and simpler than news sentences, so its sentences per CPU-second
overstate what kg does on real articles. This prints the real-text figure next to it.

    python tests/bench/bench_real_text.py -n 200 --runs 3

Prints articles, sentences, wall and CPU seconds of the child (user + system), and sentences per
CPU-second for each run, then the median. CPU time is reported because the machine is shared.
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


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("-n", type=int, default=200, help="copies of each article (default 200)")
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()

    from kg import Pack, read_article

    layout = Pack.load().layout
    articles = sorted((ROOT / "data" / "articles").glob("*.txt"))
    per_copy = sum(len(read_article(a, layout=layout).sentences) for a in articles)
    with tempfile.TemporaryDirectory() as tmp:
        feed = Path(tmp) / "real.jsonl"
        with feed.open("w", encoding="utf-8") as f:
            for i in range(args.n):
                for a in articles:
                    f.write(json.dumps({"id": f"{a.stem}-{i}", "text": a.read_text(encoding="utf-8")}) + "\n")
        sentences = per_copy * args.n
        rates = []
        print(f"{len(articles) * args.n} articles ({len(articles)} real article(s) x {args.n}), {sentences} sentences; "
              f"load average {os.getloadavg()[0]:.2f}")
        for run in range(args.runs):
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            t0 = time.perf_counter()
            subprocess.run([sys.executable, "-m", "kg.cli", "build", str(feed), "-o", str(Path(tmp) / "out.nq"),
                            "-j", "1", "--force", "-q"], check=True, cwd=ROOT)
            wall = time.perf_counter() - t0
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
            rates.append(sentences / cpu)
            print(f"run {run + 1}: wall {wall:.1f} s, CPU {cpu:.1f} s, {sentences / wall:.0f} sentences/s (wall), "
                  f"{sentences / cpu:.0f} sentences per CPU-second")
        print(f"median: {statistics.median(rates):.0f} sentences per CPU-second; load average {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
