"""Query and load benchmark (not a test: it prints figures for the README's "Query and load").

Makes a graph of at least --triples triples as N-Quads, one named graph per article: by default
synthetic articles from the corpus generator (tests/bench/gen_corpus.py) built with `kg build`;
with --corpus seed, the seed article repeated under distinct IRIs (article-specific IRIs get a
copy prefix, entities stay shared). Then, for both backends (rdflib in memory, Oxigraph on disk):

* load time (kg.sparql.store load_file, as `kg query FILE` / a store load do);
* each query's median latency (the competency queries in data/queries/ plus the parity queries
  of tests/test_store.py), in rounds, each query in a new process on each backend, one backend
  right after the other; rdflib also runs the plain texts of tests/bench/plain/ and its faster
  text counts; Oxigraph's speed-up is the median of the rounds' ratios (and the ratio of the
  backends' fastest rounds);
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
    from kg.graph.build import build_result
    from kg.graph.export import _nt_term
    from kg.graph.builder import DEFAULT_BASE

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


class Backend:
    """One backend's query processes: a template process holds the backend's data (an rdflib
    graph it loads itself; nothing for Oxigraph on disk, which each child opens read-only, as a
    store is never used across a fork) and forks one child per query and round, which runs its
    texts once per `go`. The template is spawned, so it inherits nothing from this process:
    Oxigraph's children forked from a process holding the rdflib graph ran 1.3-1.6x slower
    (8f1cb49). Messages go over the template's pipe: the template waits on its child while the
    child talks."""

    def __init__(self, kind: str, spec: str, nq: Path):
        import multiprocessing
        ctx = multiprocessing.get_context("spawn")
        self.conn, child = ctx.Pipe()
        self.proc = ctx.Process(target=_template, args=(kind, spec, str(nq), child), daemon=True)
        self.proc.start()
        self.pid: int | None = None
        self.figures: dict = self.conn.recv()  # after the load: load_s, triples

    def start(self, texts: list[str], cap: float) -> list[int | None]:
        """A new child for these texts; their row counts after one warm-up run each (caches, not
        timed), None from the first that took over `cap` seconds (the child is then killed)."""
        self.conn.send(texts)
        self.pid = self.conn.recv()
        rows: list[int | None] = []
        for _ in texts:
            if not self.conn.poll(cap):
                self.stop(kill=True)
                return rows + [None] * (len(texts) - len(rows))
            rows.append(self.conn.recv())
        return rows

    def run(self, cap: float) -> list[float] | None:
        """One timed run of each text (seconds), or None if they took over `cap` (killed)."""
        self.conn.send("go")
        if not self.conn.poll(cap):
            self.stop(kill=True)
            return None
        return self.conn.recv()

    def stop(self, kill: bool = False) -> None:
        if self.pid is None:
            return
        if kill:
            os.kill(self.pid, 9)
        else:
            self.conn.send("end")
        assert self.conn.recv() == "exited"
        self.pid = None

    def close(self) -> None:
        self.stop()
        self.conn.send(None)
        self.proc.join(60)


def _template(kind: str, spec: str, nq: str, conn) -> None:
    from kg.sparql.store import open_store
    if kind == "oxigraph":  # loaded by the parent, opened read-only by each child
        st = None
        conn.send({})
    else:
        t0 = time.perf_counter()
        st = open_store(spec)
        st.load_file(nq)
        conn.send({"load_s": time.perf_counter() - t0, "triples": st.triple_count()})
    while (texts := conn.recv()) is not None:
        pid = os.fork()
        if pid == 0:
            try:
                _child(st if st is not None else open_store(spec, read_only=True), texts, conn)
            finally:
                os._exit(0)
        os.waitpid(pid, 0)
        conn.send("exited")


def _child(st, texts: list[str], conn) -> None:
    conn.send(os.getpid())
    for q in texts:
        r = st.query(q)  # warm-up; the answer's size is compared across backends
        conn.send(len(r.rows) if r.kind == "SELECT" else len(r.triples) if r.kind == "GRAPH" else int(bool(r.boolean)))
    while conn.recv() == "go":
        ts = []
        for q in texts:
            t0 = time.perf_counter()
            st.query(q)
            ts.append(time.perf_counter() - t0)
        conn.send(ts)


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


def load_oxigraph(spec: str, nq: Path) -> dict:
    from kg.sparql.store import open_store
    t0 = time.perf_counter()
    with open_store(spec) as st:
        st.load_file(nq)
        return {"load_s": time.perf_counter() - t0, "triples": st.triple_count()}


def time_queries(backends: dict[str, Backend], reps: int, cap: float, rounds: int) -> dict[str, dict]:
    """Each query's median latency on every backend, and Oxigraph's speed-up over rdflib.

    `rounds` rounds over all the queries. In each, a query gets a new process on each backend,
    one backend right after the other (which goes first alternates), and the median of `reps`
    warm runs (within `cap` / 3 s). A figure is the median of the rounds' medians; the speed-up
    is the median of the rounds' ratios, and also the ratio of each backend's fastest round.
    On this machine a query of a few milliseconds switches between two speeds about 1.7x apart,
    for seconds at a time, on either backend and not on both at once: rounds spread each query's
    samples over the run. The runs of a query are not interleaved between backends one by one:
    an rdflib run between two Oxigraph runs empties the CPU caches and made Oxigraph's runs
    up to 2x slower. rdflib also runs the plain texts of the shaped queries (PLAIN_DIR) and its
    faster text counts."""
    plain = {p.stem: p.read_text(encoding="utf-8") for p in sorted(PLAIN_DIR.glob("*.rq")) if (QUERY_DIR / p.name).is_file()}
    keys = {kind: ["queries_ms", "plain_ms"] if kind == "memory" else ["queries_ms"] for kind in backends}
    out: dict[str, dict] = {kind: {"backend": kind, **b.figures, "rows": {}} | {k: {} for k in keys[kind]}
                            for kind, b in backends.items()}
    # per (query, backend, key): the rounds' medians; None once it took over `cap`
    meds: dict[tuple[str, str, str], list[float] | None] = {}
    ratios: dict[str, list[float]] = {}
    qs = queries()  # read once: every round runs the same texts
    for rnd in range(1, rounds + 1):
        for name, q in qs.items():
            runs: dict[tuple[str, str], list[float]] = {}
            for kind in (list(backends) if rnd % 2 else list(backends)[::-1]):  # each backend goes first in turn
                b = backends[kind]
                texts = {"queries_ms": q, "plain_ms": plain.get(name)}
                ks = [k for k in keys[kind] if texts[k] and meds.get((name, kind, k), []) is not None]
                while ks:
                    rows = b.start([texts[k] for k in ks], cap)
                    if None not in rows:
                        for r in rows:
                            out[kind]["rows"].setdefault(name, set()).add(r)
                        break
                    meds[(name, kind, ks.pop(rows.index(None)))] = None  # over `cap`: the others again
                t0 = time.perf_counter()
                for _ in range(reps if ks else 0):
                    ts = b.run(cap)
                    for k, t in zip(ks, ts or []):
                        runs.setdefault((kind, k), []).append(t)
                    if ts is None or time.perf_counter() - t0 > cap / 3:
                        break
                b.stop()
            line = []
            for (kind, k), ts in runs.items():
                if ts:
                    meds.setdefault((name, kind, k), []).append(statistics.median(ts))  # type: ignore[union-attr]
                    line.append(f"{kind}{' plain' if k == 'plain_ms' else ''} {1000 * statistics.median(ts):.1f}")
            ox = runs.get(("oxigraph", "queries_ms"))
            mem = [statistics.median(ts) for (kind, _), ts in runs.items() if kind == "memory" and ts]
            if ox and mem:
                ratios.setdefault(name, []).append(min(mem) / statistics.median(ox))
                line.append(f"speed-up {ratios[name][-1]:.1f}x")
            print(f"  round {rnd}/{rounds} {name:33} " + ", ".join(line), file=sys.stderr, flush=True)
    best = {key: min(m) for key, m in meds.items() if m}  # each one's fastest round
    for (name, kind, k), m in meds.items():
        out[kind][k][name] = round(1000 * statistics.median(m), 1) if m else None
    for kind, o in out.items():
        for name in qs:
            o["queries_ms"].setdefault(name, None)
        o["rows"] = {n: sorted(v) for n, v in o["rows"].items()}
        o["best_ms"] = {f"{n}{' plain' if k == 'plain_ms' else ''}": round(1000 * v, 1)
                        for (n, kd, k), v in best.items() if kd == kind}
    if "oxigraph" in out and ratios:
        out["oxigraph"]["speedup_over_rdflib"] = {n: round(statistics.median(r), 1) for n, r in ratios.items()}
        out["oxigraph"]["speedup_rounds"] = {n: [round(x, 1) for x in r] for n, r in ratios.items()}
        # each backend's fastest round against the other's: the machine's quietest moments
        out["oxigraph"]["speedup_best_rounds"] = {
            n: round(min(v for (n2, kd, _), v in best.items() if n2 == n and kd == "memory") / best[(n, "oxigraph", "queries_ms")], 1)
            for n in ratios}
    return out


def bench_endpoint(out: dict, kind: str, spec: str, nq: Path, clients: int, seconds: float, timeout: float) -> None:
    """kg serve over the backend under concurrent clients, a cheap query during an expensive one,
    and the CPU after a timeout, into the backend's figures."""
    args = [str(nq)] if kind == "memory" else [str(nq), "--store", spec] if kind == "oxigraph-memory" else ["--store", spec]
    proc, url = start_server([*args, "--timeout", str(timeout), "--workers", "2", "--max-rows", "1000000"])
    try:
        named = queries()
        qs = list(named.values())
        out["endpoint_all"] = load_concurrent(url, qs, clients, seconds)
        fast = [q for n, q in named.items() if (out["queries_ms"][n] or 1e9) < 100]
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
        specs = {kind: {"memory": "memory", "oxigraph-memory": "oxigraph"}.get(kind, f"oxigraph:{work / 'db'}")
                 for kind in a.backends.split(",")}  # oxigraph: on disk; oxigraph-memory: in memory
        load_before = [round(x, 2) for x in os.getloadavg()]
        backends: dict[str, Backend] = {}
        for kind, spec in specs.items():
            loaded = load_oxigraph(spec, nq) if kind == "oxigraph" else {}
            backends[kind] = Backend(kind, spec, nq)
            backends[kind].figures |= loaded
            print(f"  {kind}: {backends[kind].figures['triples']} triples loaded in "
                  f"{backends[kind].figures['load_s']:.1f} s", file=sys.stderr, flush=True)
        try:
            figures = time_queries(backends, a.reps, a.cap, a.rounds)
        finally:
            for bk in backends.values():  # the in-memory data goes before a server loads its own
                bk.close()
        # the machine's load (1, 5, 15 min) before and after: the figures are only as quiet as it
        after = [round(x, 2) for x in os.getloadavg()]
        results = [r | {"load_average": {"before": load_before, "after": after}} for r in figures.values()]
        if not a.no_endpoint:
            for r in results:
                before = [round(x, 2) for x in os.getloadavg()]
                bench_endpoint(r, r["backend"], specs[r["backend"]], nq, a.clients, a.seconds, a.timeout)
                r["endpoint_load_average"] = {"before": before, "after": [round(x, 2) for x in os.getloadavg()]}
        for r in results:
            print(json.dumps(r, indent=1), flush=True)
        if len(results) == 2:
            ox, mem = (r for r in sorted(results, key=lambda r: r["backend"] != "oxigraph"))
            for q in ox["rows"]:  # the same answers' sizes, or the comparison is void
                if len(set(ox["rows"][q]) | set(mem["rows"].get(q, ox["rows"][q]))) > 1:
                    print(f"WARNING: {q}: row counts differ: Oxigraph {ox['rows'][q]}, rdflib {mem['rows'].get(q, 'none')}", flush=True)
            other = "rdflib" if mem["backend"] == "memory" else mem["backend"]
            print(f"\n| query (median, ms) | Oxigraph | {other}, same text | {other}, plain text "
                  "| speed-up: median of rounds (lowest-highest) | speed-up: fastest rounds |\n|---|---:|---:|---:|---:|---:|")

            def ms(v: float | None) -> str:
                return f"{v:,.1f}" if v is not None else f"> {a.cap * 1000:,.0f}"
            for q, v in ox["queries_ms"].items():
                same, plain = mem["queries_ms"].get(q), mem.get("plain_ms", {}).get(q)
                paired = ox.get("speedup_rounds", {}).get(q)  # against rdflib (not oxigraph-memory)
                best = min((x for x in (same, plain) if x is not None), default=None)
                ratio = (f"{statistics.median(paired):.1f}x ({min(paired):.1f}-{max(paired):.1f})" if paired
                         else f"{best / v:.1f}x" if v and best else f"> {a.cap * 1000 / v:.0f}x" if v else "-")
                fast = ox.get("speedup_best_rounds", {}).get(q)
                print(f"| {q} | {ms(v)} | {ms(same)} | {ms(plain) if q in mem.get('plain_ms', {}) else ''} | {ratio} "
                      f"| {f'{fast:.1f}x' if fast else ''} |")
        if a.json:
            a.json.write_text(json.dumps(results, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
