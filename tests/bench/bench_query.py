"""Query and load benchmark (not a test: it prints figures for the README's "Query and load").

Makes a graph of at least --triples triples as N-Quads, one named graph per article: by default
synthetic articles from the corpus generator (tests/bench/gen_corpus.py) built with `kg build`;
with --corpus seed, the seed article repeated under distinct IRIs (article-specific IRIs get a
copy prefix, entities stay shared). Then, for both backends (rdflib in memory, Oxigraph on disk):

* load time (kg.store load_file, as `kg query FILE` / a store load do);
* each query's median latency (the competency queries in data/queries/ plus the parity queries
  of tests/test_store.py), in rounds, each query in a new process; rdflib also runs the plain
  texts of tests/bench/plain/ and its faster text counts;
* `kg serve` under 8 concurrent loopback clients: throughput, p50 and p99 latency;
* a cheap query's latency while an expensive one runs, and how soon after a timeout the
  server's processes are idle again.

    python tests/bench/bench_query.py                  # 1M triples, both backends (~25 min here)
    python tests/bench/bench_query.py --triples 100000 --backends oxigraph
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

EXPENSIVE = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
CHEAP = "ASK { <https://w3id.org/kg-news/id/entity/hamas> ?p ?o }"


def make_nquads(target: int, out: Path) -> tuple[int, int]:
    """Write >= target triples as N-Quads; returns (distinct triples, copies)."""
    from kg.build import build_result
    from kg.export import _nt_term
    from kg.graph import DEFAULT_BASE

    res = build_result([ROOT / "data" / "articles" / "rferl-2006-03-03-hamas-moscow.txt"])
    (art, triples), = res.builder.by_article.items()
    shared = DEFAULT_BASE + "entity/"

    def tpl(t) -> str:
        s = _nt_term(t)
        if s.startswith("<" + DEFAULT_BASE) and not s.startswith("<" + shared):
            return "<" + DEFAULT_BASE + "\x00" + s[1 + len(DEFAULT_BASE):]
        return s
    lines = [f"{tpl(s)} {tpl(p)} {tpl(o)} {tpl(art)} .\n" for s, p, o in sorted(triples)]
    entity_lines = [ln for ln in lines if "\x00" not in ln.rsplit(" <", 1)[0]]  # shared in every copy
    per_copy = len(lines) - len(entity_lines)
    copies = 1
    while len(entity_lines) + copies * per_copy < target:
        copies += 1
    with open(out, "w", encoding="utf-8") as f:
        for i in range(copies):
            c = f"copy{i}/"
            f.write("".join(ln.replace("\x00", c) for ln in lines))
    return len(entity_lines) + copies * per_copy, copies


def make_synthetic(target: int, out: Path, work: Path) -> tuple[int, int]:
    """Write >= target distinct triples as N-Quads by building articles of the corpus generator
    (tests/bench/gen_corpus.py: varied actors and sentences) with `kg build`; returns
    (distinct triples, articles)."""
    import pyoxigraph as ox
    n = max(10, target // 450)
    while True:
        folder = work / f"synthetic-{n}"
        subprocess.run([sys.executable, str(ROOT / "tests" / "bench" / "gen_corpus.py"), str(n), "--dir", str(folder)],
                       check=True, cwd=ROOT)
        subprocess.run([sys.executable, "-m", "kg.cli", "build", str(folder), "-o", str(out), "-q"], check=True, cwd=ROOT)
        distinct = len({(q.subject, q.predicate, q.object) for q in ox.parse(path=str(out), format=ox.RdfFormat.N_QUADS)})
        if distinct >= target:
            return distinct, n
        n = int(n * target / distinct * 1.05) + 1


QUERY_DIR = ROOT / "data" / "queries"  # --queries: another folder, e.g. an earlier version to compare
# plain texts of the queries shaped for Oxigraph's planner: some shapes are slow in rdflib, so
# rdflib runs both texts and its figure is the faster one (tests/test_store.py: same answers)
PLAIN_DIR = ROOT / "tests" / "bench" / "plain"


def queries() -> dict[str, str]:
    from tests.test_store import OWN
    qs = {p.stem: p.read_text(encoding="utf-8") for p in sorted(QUERY_DIR.glob("*.rq"))}
    own = {f"own:{k}": v for k, v in OWN.items() if k not in ("regex", "optional")}  # (unselective scans)
    return qs | own


def timed(opener, q: str, reps: int, cap: float) -> tuple[float | None, int | None]:
    """(median seconds of `reps` warm runs, rows) of q, in a forked child that opens the store
    itself (the in-memory one is inherited; an on-disk Oxigraph store is opened read-only, never
    used across a fork) and is killed after `cap` seconds in all: (None, None) then."""
    import multiprocessing
    ctx = multiprocessing.get_context("fork")
    parent, child = ctx.Pipe()

    def run(conn) -> None:
        st = opener()
        r = st.query(q)  # warm-up (caches), not timed; the answer's size is checked across backends
        rows = len(r.rows) if r.kind == "SELECT" else len(r.triples) if r.kind == "GRAPH" else int(bool(r.boolean))
        ts: list[float] = []
        start = time.perf_counter()
        for _ in range(reps):
            t0 = time.perf_counter()
            st.query(q)
            ts.append(time.perf_counter() - t0)
            if time.perf_counter() - start > cap / 3:
                break
        conn.send((statistics.median(ts), rows))
    p = ctx.Process(target=run, args=(child,))
    p.start()
    got = parent.recv() if parent.poll(cap) else None
    if p.is_alive():
        p.kill()
    p.join()
    return got if got is not None else (None, None)


def tree_cpu(pid: int) -> float:
    """CPU seconds used so far by pid and its children (Linux /proc)."""
    total = 0.0
    tick = os.sysconf("SC_CLK_TCK")
    pids = [pid]
    try:
        kids = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
        pids += [int(k) for k in kids]
    except OSError:
        pass
    for p in pids:
        try:
            f = Path(f"/proc/{p}/stat").read_text().rsplit(")", 1)[1].split()
            total += (int(f[11]) + int(f[12])) / tick
        except (OSError, IndexError):
            pass
    return total


def http_query(url: str, q: str, timeout: float = 120) -> tuple[int, float]:
    data = urllib.parse.urlencode({"query": q}).encode()
    req = urllib.request.Request(url, data=data, headers={"Accept": "application/sparql-results+json, text/turtle;q=0.9",
                                                          "Content-Type": "application/x-www-form-urlencoded"})
    t0 = time.perf_counter()
    try:
        with urllib.request.urlopen(req, timeout=timeout) as r:
            r.read()
            st = r.status
    except urllib.error.HTTPError as e:
        e.read()
        st = e.code
    return st, time.perf_counter() - t0


def start_server(args: list[str]) -> tuple[subprocess.Popen, str]:
    proc = subprocess.Popen([sys.executable, "-m", "kg.cli", "serve", "--port", "0", *args],
                            stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True, cwd=ROOT)
    line = ""
    for _ in range(1000):
        line = proc.stderr.readline()
        if "serving" in line or not line:
            break
    if "serving" not in line:
        raise SystemExit(f"kg serve did not start: {line}")
    threading.Thread(target=proc.stderr.read, daemon=True).start()
    return proc, line.split("SPARQL endpoint ")[1].split(")")[0]


def load_concurrent(url: str, qs: list[str], clients: int, seconds: float) -> dict[str, float]:
    lat: list[float] = []
    errors = [0]
    stop = time.monotonic() + seconds
    lock = threading.Lock()

    def client(k: int) -> None:
        i = k
        while time.monotonic() < stop:
            st, t = http_query(url, qs[i % len(qs)])
            i += 1
            with lock:
                lat.append(t)
                errors[0] += st != 200
    ths = [threading.Thread(target=client, args=(k,)) for k in range(clients)]
    t0 = time.perf_counter()
    for t in ths:
        t.start()
    for t in ths:
        t.join()
    wall = time.perf_counter() - t0
    lat.sort()
    return {"requests": len(lat), "errors": errors[0], "qps": len(lat) / wall,
            "p50_ms": 1000 * lat[len(lat) // 2] if lat else float("nan"),
            "p99_ms": 1000 * lat[min(len(lat) - 1, int(len(lat) * 0.99))] if lat else float("nan")}


def bench_backend(kind: str, nq: Path, work: Path, reps: int, clients: int, seconds: float, timeout: float,
                  cap: float, endpoint: bool = True, rounds: int = 5) -> dict:
    from kg.store import open_store
    out: dict = {"backend": kind}
    # memory: rdflib in memory; oxigraph: Oxigraph on disk; oxigraph-memory: Oxigraph in memory
    spec = {"memory": "memory", "oxigraph-memory": "oxigraph"}.get(kind, f"oxigraph:{work / 'db'}")
    t0 = time.perf_counter()
    st = open_store(spec)
    st.load_file(nq)
    out["load_s"] = time.perf_counter() - t0
    out["triples"] = st.triple_count()
    out["queries_ms"] = {}
    if kind == "oxigraph":
        st.close()
        del st

        def opener():
            return open_store(spec, read_only=True)
    else:
        def opener():
            return st
    out["rows"] = {}
    todo = [(name, q, "queries_ms") for name, q in queries().items()]
    if kind == "memory":  # rdflib also runs the plain texts of the shaped queries (see PLAIN_DIR)
        out["plain_ms"] = {}
        todo += [(p.stem, p.read_text(encoding="utf-8"), "plain_ms") for p in sorted(PLAIN_DIR.glob("*.rq"))
                 if (QUERY_DIR / p.name).is_file()]
    # `rounds` rounds over all the queries, each query in a new process every round, and the median
    # of the rounds: a query of a few milliseconds runs up to 1.5x slower in one process, or one
    # minute, than in the next on this machine, and rounds spread each query's samples over the run
    meds: dict[tuple[str, str], list[float] | None] = {(name, key): [] for name, _, key in todo}
    for rnd in range(1, rounds + 1):
        for name, q, key in todo:
            if meds[(name, key)] is None:  # cut off at --cap in an earlier round
                continue
            med, rows = timed(opener, q, reps, cap)
            if med is None:
                meds[(name, key)] = None
            else:
                meds[(name, key)].append(med)  # type: ignore[union-attr]
                out["rows"].setdefault(name, set()).add(rows)
            print(f"  {kind:8} round {rnd}/{rounds} {name:28} {'plain ' if key == 'plain_ms' else ''}"
                  + (f"{1000 * med:10.1f} ms, {rows} rows" if med is not None else f"> {cap:.0f} s"),
                  file=sys.stderr, flush=True)
    for (name, key), m in meds.items():
        out[key][name] = round(1000 * statistics.median(m), 1) if m else None
    out["rows"] = {k: sorted(v) for k, v in out["rows"].items()}
    opener = st = None  # noqa: F841 - drop the in-memory data before the server loads its own
    if not endpoint:
        return out
    # the endpoint
    args = [str(nq)] if kind == "memory" else [str(nq), "--store", spec] if kind == "oxigraph-memory" else ["--store", spec]
    proc, url = start_server([*args, "--timeout", str(timeout), "--workers", "2", "--max-rows", "1000000"])
    try:
        qs = list(queries().values())
        out["endpoint_all"] = load_concurrent(url, qs, clients, seconds)
        fast = [q for n, q in queries().items() if (out["queries_ms"][n] or 1e9) < 100]
        if fast:  # the selective queries only, which is what interactive use looks like
            out["endpoint_fast"] = load_concurrent(url, fast, clients, seconds) | {"queries": len(fast)}
        # cheap query latency while an expensive one runs
        slow = threading.Thread(target=http_query, args=(url, EXPENSIVE))
        slow.start()
        time.sleep(0.5)
        cheap = []
        while slow.is_alive() and len(cheap) < 50:
            st_, t = http_query(url, CHEAP)
            cheap.append(t)
            time.sleep(0.05)
        slow.join()
        time.sleep(timeout + 1)  # let the killed worker be replaced before the next measure
        out["cheap_during_expensive_ms"] = {"n": len(cheap), "median": round(1000 * statistics.median(cheap), 1) if cheap else None,
                                            "max": round(1000 * max(cheap), 1) if cheap else None}
        # CPU after a timeout: time from the 503 until the server's processes use no CPU
        st_, t = http_query(url, EXPENSIVE)
        t_reply = time.perf_counter()
        idle_after = None
        prev = tree_cpu(proc.pid)
        for _ in range(100):
            time.sleep(0.1)
            cur = tree_cpu(proc.pid)
            if cur - prev < 0.02:  # under 20% of one core over 100 ms
                idle_after = time.perf_counter() - t_reply
                break
            prev = cur
        out["timeout"] = {"status": st_, "reply_s": round(t, 2), "idle_after_reply_s": round(idle_after, 2) if idle_after is not None else None}
    finally:
        proc.terminate()
        proc.wait(30)
    return out


def main() -> None:
    global QUERY_DIR
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--triples", type=int, default=1_000_000)
    ap.add_argument("--backends", default="oxigraph,memory", help="comma-separated: oxigraph (on disk), "
                    "oxigraph-memory, memory (rdflib)")
    ap.add_argument("--corpus", choices=["synthetic", "seed"], default="synthetic",
                    help="synthetic: articles from tests/bench/gen_corpus.py built by kg build; "
                         "seed: the seed article repeated under distinct IRIs (every query then matches every copy)")
    ap.add_argument("--reps", type=int, default=5, help="runs per query and process (median), within --cap / 3 s")
    ap.add_argument("--rounds", type=int, default=5, help="rounds over all the queries, each query in a new process "
                    "every round (the median of the rounds)")
    ap.add_argument("--clients", type=int, default=8)
    ap.add_argument("--seconds", type=float, default=20, help="duration of the concurrent-clients run")
    ap.add_argument("--timeout", type=float, default=5, help="kg serve --timeout for the endpoint runs")
    ap.add_argument("--cap", type=float, default=120, help="seconds per query (all its runs) before giving up")
    ap.add_argument("--json", type=Path, help="also write the figures here")
    ap.add_argument("--queries", type=Path, default=QUERY_DIR, help="folder of .rq files (default data/queries)")
    ap.add_argument("--no-endpoint", action="store_true", help="in-process query latencies only")
    a = ap.parse_args()
    QUERY_DIR = a.queries
    with tempfile.TemporaryDirectory(prefix="kg-bench-") as tmp:
        work = Path(tmp)
        nq = work / "corpus.nq"
        t0 = time.perf_counter()
        if a.corpus == "seed":
            n, copies = make_nquads(a.triples, nq)
            what = f"{copies} copies of the seed"
        else:
            n, arts = make_synthetic(a.triples, nq, work)
            what = f"{arts} synthetic articles built with kg build"
        print(f"corpus: {n} triples ({what}), {nq.stat().st_size / 1e6:.0f} MB N-Quads, "
              f"made in {time.perf_counter() - t0:.1f} s", flush=True)
        results = []
        for kind in a.backends.split(","):
            load_before = os.getloadavg()
            r = bench_backend(kind, nq, work, a.reps, a.clients, a.seconds, a.timeout, a.cap, not a.no_endpoint, a.rounds)
            # the machine's load (1, 5, 15 min) before and after: the figures are only as quiet as it
            r["load_average"] = {"before": [round(x, 2) for x in load_before], "after": [round(x, 2) for x in os.getloadavg()]}
            results.append(r)
            print(json.dumps(r, indent=1), flush=True)
        if len(results) == 2:
            ox, mem = (r for r in sorted(results, key=lambda r: r["backend"] != "oxigraph"))
            for q in ox["rows"]:  # the same answers' sizes, or the comparison is void
                if len(set(ox["rows"][q]) | set(mem["rows"].get(q, ox["rows"][q]))) > 1:
                    print(f"WARNING: {q}: row counts differ: Oxigraph {ox['rows'][q]}, rdflib {mem['rows'].get(q, 'none')}", flush=True)
            print("\n| query (median, ms) | Oxigraph | rdflib, same text | rdflib, plain text | speed-up |\n"
                  "|---|---:|---:|---:|---:|")

            def ms(v: float | None) -> str:
                return f"{v:,.1f}" if v is not None else f"> {a.cap * 1000:,.0f}"
            for q, v in ox["queries_ms"].items():
                same, plain = mem["queries_ms"][q], mem.get("plain_ms", {}).get(q)
                best = min((x for x in (same, plain) if x is not None), default=None)
                ratio = f"{best / v:.1f}x" if v and best else (f"> {a.cap * 1000 / v:.0f}x" if v else "-")
                print(f"| {q} | {ms(v)} | {ms(same)} | {ms(plain) if q in mem.get('plain_ms', {}) else ''} | {ratio} |")
        if a.json:
            a.json.write_text(json.dumps(results, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
