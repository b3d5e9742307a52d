"""Benchmark `kg build` on synthetic corpora: articles/s, sentences/s, triples/s and peak memory.

For each N, a synthetic JSON Lines corpus (gen_corpus.py) is built into N-Quads with -j 1 and
-j 2 (as real `kg` processes, --force so nothing is reused), next to the floor: reading the same
file and laying out + sentence-splitting every article in one process (kg.reading.document), no rules.

Peak RSS is sampled every 50 ms over the whole process tree (main process + workers, summed), and
the largest single process is read from the kernel (wait4). Writes a Markdown table to stdout
and the raw figures to OUT/bench.json.

    python tests/bench/bench_corpus.py                       # N = 1,000 10,000 100,000
    python tests/bench/bench_corpus.py -n 1000 -j 1 -j 2 --out /tmp/kgbench
"""
from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(ROOT))


def tree_rss(pid: int) -> int:
    """Resident bytes of a process and all its descendants (Linux /proc)."""
    total, todo = 0, [pid]
    while todo:
        p = todo.pop()
        try:
            with open(f"/proc/{p}/status") as f:
                for line in f:
                    if line.startswith("VmRSS:"):
                        total += int(line.split()[1]) * 1024
                        break
            for t in os.listdir(f"/proc/{p}/task"):
                with open(f"/proc/{p}/task/{t}/children") as f:
                    todo += [int(x) for x in f.read().split()]
        except (OSError, ValueError):
            continue
    return total


def run_build(corpus: Path, out: Path, jobs: int) -> dict[str, float]:
    cmd = [sys.executable, "-m", "kg.cli", "build", str(corpus), "-o", str(out), "-j", str(jobs), "--force"]
    load0 = os.getloadavg()[0]
    t0 = time.perf_counter()
    p = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    peak, main_cpu = [0], [0.0]
    done = threading.Event()
    tick = os.sysconf("SC_CLK_TCK")

    def sample() -> None:
        while not done.is_set():
            peak[0] = max(peak[0], tree_rss(p.pid))
            try:  # the main process's own CPU time (utime + stime), without its workers
                with open(f"/proc/{p.pid}/stat") as f:
                    fields = f.read().rsplit(")", 1)[1].split()
                main_cpu[0] = (int(fields[11]) + int(fields[12])) / tick
            except (OSError, ValueError, IndexError):
                pass
            time.sleep(0.05)

    th = threading.Thread(target=sample, daemon=True)
    th.start()
    err = p.stderr.read() if p.stderr else ""
    _, status, usage = os.wait4(p.pid, 0)
    secs = time.perf_counter() - t0
    done.set()
    th.join()
    p.returncode = os.waitstatus_to_exitcode(status)
    if p.returncode != 0:
        sys.exit(f"bench: kg build failed ({p.returncode}): {err[-2000:]}")
    m = re.search(r"(\d+) article\(s\):.* (\d+) rule firings, (\d+) quads", err)
    assert m, err
    return {"seconds": secs, "articles": int(m.group(1)), "firings": int(m.group(2)), "quads": int(m.group(3)),
            "peak_tree_mb": peak[0] / 2**20, "peak_process_mb": usage.ru_maxrss / 1024,
            "cpu_seconds": usage.ru_utime + usage.ru_stime, "main_cpu_seconds": main_cpu[0], "load": (load0, os.getloadavg()[0])}


def floor(corpus: Path) -> dict[str, float]:
    """Reading the JSON Lines file and laying out + sentence-splitting every article, one process."""
    code = f"""
import json, sys, time, resource
sys.path.insert(0, {str(ROOT)!r})
t0 = time.perf_counter()
from kg.rules.pack import Pack
from kg.reading.document import parse_article
lay = Pack.load().layout
n = s = 0
with open({str(corpus)!r}, encoding='utf-8') as f:
    for line in f:
        rec = json.loads(line)
        a = parse_article(rec['text'], source='x', layout=lay, default_id=rec['id'])
        n += 1; s += len(a.sentences)
ru = resource.getrusage(resource.RUSAGE_SELF)
print(json.dumps({{'seconds': time.perf_counter() - t0, 'articles': n, 'sentences': s, 'cpu_seconds': ru.ru_utime + ru.ru_stime,
                  'peak_process_mb': resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}}))
"""
    load0 = os.getloadavg()[0]
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return json.loads(r.stdout) | {"load": (load0, os.getloadavg()[0])}


def _load(r: dict) -> str:
    """The machine's 1-minute load average before and after a run (it is shared: say how busy)."""
    return f"{r['load'][0]:.1f}-{r['load'][1]:.1f}"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("-n", type=int, action="append", help="corpus sizes (default 1000 10000 100000)")
    ap.add_argument("-j", type=int, action="append", help="worker counts (default 1 2)")
    ap.add_argument("--out", type=Path, default=Path("/tmp/kg-bench"), help="work folder (corpora, outputs)")
    ap.add_argument("--keep", action="store_true", help="keep the N-Quads outputs")
    a = ap.parse_args()
    sizes, jobs = a.n or [1000, 10000, 100000], a.j or [1, 2]
    a.out.mkdir(parents=True, exist_ok=True)
    from gen_corpus import generate  # noqa: E402 - tests/bench is on sys.path when run as a script

    rows, raw = [], []
    for n in sizes:
        corpus = a.out / f"synthetic-{n}.jsonl"
        if not corpus.exists():
            tmp = corpus.with_suffix(".tmp")
            with open(tmp, "w", encoding="utf-8") as f:
                for art in generate(n):
                    f.write(json.dumps(art, ensure_ascii=False) + "\n")
            tmp.rename(corpus)
        fl = floor(corpus)
        sent = fl["sentences"]
        rows.append(f"| {n:,} | floor (read + split) | {fl['articles'] / fl['seconds']:,.0f} | "
                    f"{sent / fl['seconds']:,.0f} | {sent / fl['cpu_seconds']:,.0f} | – | {fl['peak_process_mb']:,.0f} | "
                    f"{fl['seconds']:,.1f} s | {_load(fl)} |")
        raw.append({"n": n, "what": "floor", **fl})
        print(rows[-1], file=sys.stderr, flush=True)
        base = None
        for j in jobs:
            out = a.out / f"out-{n}-j{j}.nq"
            r = run_build(corpus, out, j)
            if not a.keep:
                out.unlink(missing_ok=True)
                (out.parent / ".kg" / f"{out.name}.manifest.jsonl").unlink(missing_ok=True)  # kg.corpus keeps it in .kg/
            s = r["seconds"]
            base = base or s
            rows.append(f"| {n:,} | kg build -j {j} | {r['articles'] / s:,.0f} | {sent / s:,.0f} "
                        f"({sent / s / j:,.0f}/core) | {sent / r['cpu_seconds']:,.0f} | {r['quads'] / s:,.0f} | {r['peak_tree_mb']:,.0f} "
                        f"({r['peak_process_mb']:,.0f}) | {s:,.1f} s" + (f", {base / s:.2f}x -j 1" if j > 1 else "")
                        + f" | {_load(r)} |")
            raw.append({"n": n, "what": f"-j {j}", "sentences": sent, **r})
            print(rows[-1], file=sys.stderr, flush=True)
    (a.out / "bench.json").write_text(json.dumps(raw, indent=1), encoding="utf-8")
    print("| articles | run | articles/s | sentences/s (wall) | sentences per CPU-second | quads/s | "
          "peak RSS MB: all processes (largest) | time | load average (1 min) before-after |")
    print("|---:|---|---:|---:|---:|---:|---:|---|---|")
    print("\n".join(rows))
    load = os.getloadavg()[0]
    print(f"\n{os.cpu_count()} cores, load average {load:.1f} at the end; Python {sys.version.split()[0]}; "
          "corpus: tests/bench/gen_corpus.py (synthetic)")


if __name__ == "__main__":
    main()
