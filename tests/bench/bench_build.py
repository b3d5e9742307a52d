"""Benchmark: `kg build` on the seed article, cold (a whole process) and warm (in-process), with
peak memory, next to the floor: a Python process that imports rdflib and click and writes a
one-triple Turtle file. Prints a table; asserts nothing.

    python tests/bench/bench_build.py [--runs 15]
    python tests/bench/bench_build.py --instructions   # also count instructions (valgrind)

With `--instructions`, the floor and a cold build are also run once each under valgrind
(`--tool=cachegrind --cache-sim=no`, PYTHONHASHSEED=0, caches written beforehand) and their
instructions are printed with their ratio: on a shared machine, where load moves times by a
third between minutes, instructions are what a start-up change can be judged by (they weigh
the floor's file reading less than wall time does, so the ratio is not the wall-time one).
"""
from __future__ import annotations

import argparse
import os
import re
import resource
import shutil
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


# Children run as an installed kg does: with bytecode caches (pip compiles them at install time;
# a PYTHONDONTWRITEBYTECODE in the environment would make every run recompile kg's sources).
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def run(cmd: list[str]) -> tuple[float, float]:
    """Wall time and CPU time (user + system) of one child process. CPU time is what the process
    itself costs: it hardly moves when other jobs share the machine, wall time does."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT, env=ENV)
    dt = time.perf_counter() - t
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return dt, (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)


def instructions(cmd: list[str]) -> int | None:
    """Instructions one run of `cmd` executes, counted by valgrind (None without valgrind). The
    interpreter itself is run, not a shim that starts it (pyenv's would be counted instead)."""
    if shutil.which("valgrind") is None:
        return None
    env = {**ENV, "PYTHONHASHSEED": "0"}  # the same hash seed each time: set and dict orders move counts
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT, env=env)
    r = subprocess.run(["valgrind", "--tool=cachegrind", "--cache-sim=no", "--cachegrind-out-file=/dev/null",
                        os.path.realpath(cmd[0]), *cmd[1:]], capture_output=True, text=True, cwd=ROOT, env=env)
    m = re.search(r"I\s+refs:\s+([\d,]+)", r.stderr)
    return int(m.group(1).replace(",", "")) if m else None


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=15)
    ap.add_argument("--instructions", action="store_true", help="also count instructions with valgrind")
    a = ap.parse_args()
    tmp = Path(tempfile.mkdtemp())
    # kg's caches (rule pack, code) in a folder of the benchmark's own, made by its first run, as
    # a user's are after a first build: the shared folder's code cache holds what every checkout
    # and test process compiled (its size is read at every start), and other checkouts building
    # meanwhile could evict this one's pack
    ENV["KG_CACHE_DIR"] = os.environ["KG_CACHE_DIR"] = str(tmp / "cache")
    floor_cmd = [sys.executable, "-c", FLOOR.format(out=str(tmp / "floor.ttl"))]
    build_cmd = [sys.executable, "-m", "kg.cli", "build", str(SEED), "-o", str(tmp / "seed.ttl"), "-q"]
    floor, cold, floor_cpu, cold_cpu = [], [], [], []
    run(floor_cmd), run(build_cmd)  # bytecode and the rule pack cache, as after installing and a first run
    for _ in range(a.runs):  # interleaved, so load on the machine hits both alike
        for cmd, wall, cpu in ((floor_cmd, floor, floor_cpu), (build_cmd, cold, cold_cpu)):
            w, c = run(cmd)
            wall.append(w)
            cpu.append(c)
    # peak RSS of one cold build, measured alone (RUSAGE_CHILDREN keeps the max of all children)
    rss = subprocess.run([sys.executable, "-c", "import resource,subprocess,sys;"
                          f"subprocess.run({build_cmd!r});"
                          "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"],
                         capture_output=True, text=True, cwd=ROOT, env=ENV).stdout.strip()
    floor_rss = subprocess.run([sys.executable, "-c", "import resource,subprocess,sys;"
                                f"subprocess.run({floor_cmd!r});"
                                "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"],
                               capture_output=True, text=True, cwd=ROOT, env=ENV).stdout.strip()
    sys.path.insert(0, str(ROOT))
    from kg.graph.build import build_result
    from kg.graph.export import serialize
    from kg.rules.pack import Pack

    t = time.perf_counter()
    pack = Pack.load()
    load = time.perf_counter() - t
    warm = []
    for _ in range(a.runs):
        t = time.perf_counter()
        res = build_result([SEED], pack=pack)
        serialize(res.builder.kg_triples, "turtle", res.builder.prefixes(), res.builder.kg_graphs)
        warm.append(time.perf_counter() - t)
    med = statistics.median
    print(f"kg build on the seed ({res.counts['triples']} triples, {len(res.extractions[0].article.sentences)} sentences), "
          f"median of {a.runs} runs, {os.cpu_count()} cores")
    print(f"{'what':<44} {'median s':>9} {'min s':>7} {'CPU s':>7} {'peak RSS MiB':>13}")
    print(f"{'floor: python + rdflib + click, 1 triple':<44} {med(floor):>9.3f} {min(floor):>7.3f} "
          f"{med(floor_cpu):>7.3f} {int(floor_rss) / 1024:>13.1f}")
    print(f"{'cold: kg build (whole process)':<44} {med(cold):>9.3f} {min(cold):>7.3f} "
          f"{med(cold_cpu):>7.3f} {int(rss) / 1024:>13.1f}")
    print(f"{'warm: build_result + Turtle (in-process)':<44} {med(warm):>9.3f} {min(warm):>7.3f}")
    print(f"{'rule pack load (once per process)':<44} {load:>9.3f}")
    print(f"cold / floor = {med(cold) / med(floor):.2f} wall (median), {min(cold) / min(floor):.2f} wall (min), "
          f"{med(cold_cpu) / med(floor_cpu):.2f} CPU (median); target <= 1.5; load average {os.getloadavg()[0]:.1f}")
    if a.instructions:
        fi, ci = instructions(floor_cmd), instructions(build_cmd)
        if fi and ci:
            print(f"instructions (valgrind): floor {fi / 1e6:,.1f} M, cold kg build {ci / 1e6:,.1f} M: "
                  f"cold / floor = {ci / fi:.2f}")
        else:
            print("instructions: valgrind not found or it failed")


if __name__ == "__main__":
    main()
