"""Benchmark: `kg build` on the seed article, cold (a whole process) and warm (in-process), with
peak memory, next to the floor: a Python process that imports rdflib and click and writes a
one-triple Turtle file. Prints a table; asserts nothing.

    python tests/bench/bench_build.py [--runs 15]
"""
from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "data" / "articles" / "rferl-2006-03-03-hamas-moscow.txt"
FLOOR = """
import click, rdflib
g = rdflib.Graph()
g.add((rdflib.URIRef("http://example.org/a"), rdflib.URIRef("http://example.org/b"), rdflib.Literal("c")))
g.serialize(destination={out!r}, format="turtle")
"""


def run(cmd: list[str]) -> tuple[float, int]:
    """Wall time and peak RSS (KiB) of one child process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    t = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT)
    dt = time.perf_counter() - t
    after = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return dt, max(after, before)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=15)
    a = ap.parse_args()
    tmp = Path(tempfile.mkdtemp())
    floor_cmd = [sys.executable, "-c", FLOOR.format(out=str(tmp / "floor.ttl"))]
    build_cmd = [sys.executable, "-m", "kg.cli", "build", str(SEED), "-o", str(tmp / "seed.ttl"), "-q"]
    floor, cold = [], []
    for _ in range(a.runs):  # interleaved, so load on the machine hits both alike
        floor.append(run(floor_cmd)[0])
        cold.append(run(build_cmd)[0])
    # peak RSS of one cold build, measured alone (RUSAGE_CHILDREN keeps the max of all children)
    rss = subprocess.run([sys.executable, "-c", "import resource,subprocess,sys;"
                          f"subprocess.run({build_cmd!r});"
                          "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"],
                         capture_output=True, text=True, cwd=ROOT).stdout.strip()
    floor_rss = subprocess.run([sys.executable, "-c", "import resource,subprocess,sys;"
                                f"subprocess.run({floor_cmd!r});"
                                "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"],
                               capture_output=True, text=True, cwd=ROOT).stdout.strip()
    sys.path.insert(0, str(ROOT))
    from kg.build import build_result
    from kg.export import serialize
    from kg.pack import Pack

    t = time.perf_counter()
    pack = Pack.load()
    load = time.perf_counter() - t
    warm = []
    for _ in range(a.runs):
        t = time.perf_counter()
        res = build_result([SEED], pack=pack)
        serialize(res.builder.triples, "turtle", res.builder.prefixes(), res.builder.by_article)
        warm.append(time.perf_counter() - t)
    med = statistics.median
    print(f"kg build on the seed ({res.counts['triples']} triples, {len(res.extractions[0].article.sentences)} sentences), "
          f"median of {a.runs} runs, {os.cpu_count()} cores")
    print(f"{'what':<44} {'median s':>9} {'min s':>7} {'peak RSS MiB':>13}")
    print(f"{'floor: python + rdflib + click, 1 triple':<44} {med(floor):>9.3f} {min(floor):>7.3f} {int(floor_rss) / 1024:>13.1f}")
    print(f"{'cold: kg build (whole process)':<44} {med(cold):>9.3f} {min(cold):>7.3f} {int(rss) / 1024:>13.1f}")
    print(f"{'warm: build_result + Turtle (in-process)':<44} {med(warm):>9.3f} {min(warm):>7.3f} {'':>13}")
    print(f"{'rule pack load (once per process)':<44} {load:>9.3f}")
    print(f"cold / floor = {med(cold) / med(floor):.2f} (target <= 1.5)")


if __name__ == "__main__":
    main()
