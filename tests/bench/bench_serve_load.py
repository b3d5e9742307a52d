"""Load on `kg serve`: how cheap queries fare while some clients send expensive ones.

50 clients on loopback, each a thread with one keep-alive connection, in a closed loop (a client
sends its next query when the last one is answered). Cheap clients ask a competency query that
answers in milliseconds; attackers ask a four-way cross product that runs until the time limit.
For 0, 2 and 5 attackers, prints the cheap queries' p50/p95/max latency, their throughput and
their failures (503), and what the attackers got. Bounded: each round lasts --seconds, every
request has a client-side timeout, and the server is stopped at the end.

    python tests/bench/bench_serve_load.py                     # oxigraph store built from the seed
    python tests/bench/bench_serve_load.py --store memory --seconds 20 --attackers 0,2,5

Figures taken on a shared machine are noisy; re-run on a quiet one before quoting them.
"""
from __future__ import annotations

import argparse
import http.client
import json
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "data" / "articles" / "rferl-2006-03-03-hamas-moscow.txt"
CHEAP = (ROOT / "data" / "queries" / "01-who-leads-hamas.rq").read_text(encoding="utf-8")
EXPENSIVE = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"


def start(data: list[str], timeout: float, workers: int) -> tuple[subprocess.Popen, str]:
    proc = subprocess.Popen([sys.executable, "-m", "kg.cli", "serve", "--port", "0", "--timeout", str(timeout),
                             "--workers", str(workers), *data], cwd=ROOT, stderr=subprocess.PIPE, text=True)
    line = proc.stderr.readline()
    if "serving" not in line:
        proc.kill()
        raise SystemExit(f"kg serve did not start: {line}{proc.stderr.read()}")
    threading.Thread(target=proc.stderr.read, daemon=True).start()
    return proc, line.split(" at ")[1].split()[0]


def _why(body: bytes) -> str:
    """A 503 by its reason: timed out, stopped as a long query, or queued too long."""
    t = body.decode("utf-8", "replace")
    return "503 timeout" if "timed out" in t else "503 long" if "long queries" in t else "503 busy" if "busy" in t else "503"


def client(url: str, query: str, stop: float, out: list, timeout: float) -> None:
    """Send `query` until `stop`; record (latency seconds, status) of each request."""
    u = urllib.parse.urlsplit(url)
    path = "/sparql?" + urllib.parse.urlencode({"query": query})
    conn = None
    while time.monotonic() < stop:
        if conn is None:
            conn = http.client.HTTPConnection(u.hostname, u.port, timeout=timeout)
        t0 = time.monotonic()
        try:
            conn.request("GET", path, headers={"Accept": "application/sparql-results+json"})
            r = conn.getresponse()
            body = r.read()
            out.append((time.monotonic() - t0, r.status if r.status != 503 else _why(body)))
            if r.getheader("Connection", "").lower() == "close":
                conn.close()
                conn = None
        except (OSError, http.client.HTTPException):
            out.append((time.monotonic() - t0, 0))  # refused, reset or timed out on the client side
            conn.close()
            conn = None
            time.sleep(0.05)
    if conn is not None:
        conn.close()


def round_(url: str, clients: int, attackers: int, seconds: float, timeout: float) -> dict:
    stop = time.monotonic() + seconds
    cheap: list = []
    attack: list = []
    threads = [threading.Thread(target=client, args=(url, EXPENSIVE if i < attackers else CHEAP, stop,
                                                     attack if i < attackers else cheap, timeout))
               for i in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(seconds + timeout + 30)
    ok = sorted(lat for lat, st in cheap if st == 200)
    pct = (lambda p: ok[min(len(ok) - 1, int(p * len(ok)))] * 1000 if ok else float("nan"))
    return {"attackers": attackers, "cheap_ok": len(ok), "cheap_failed": len(cheap) - len(ok),
            "cheap_ok_per_s": round(len(ok) / seconds, 1),
            "cheap_p50_ms": round(pct(0.50), 1), "cheap_p95_ms": round(pct(0.95), 1),
            "cheap_max_ms": round(max(ok) * 1000, 1) if ok else None,
            "cheap_mean_ms": round(statistics.mean(ok) * 1000, 1) if ok else None,
            "attack_requests": len(attack), "attack_statuses": {s: sum(1 for _, x in attack if str(x) == s)
                                                               for s in sorted({str(x) for _, x in attack})}}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--store", default="oxigraph", choices=["oxigraph", "memory"])
    ap.add_argument("--clients", type=int, default=50)
    ap.add_argument("--attackers", default="0,2,5")
    ap.add_argument("--seconds", type=float, default=15.0, help="length of each round")
    ap.add_argument("--timeout", type=float, default=5.0, help="kg serve --timeout")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--json", action="store_true", help="one JSON object per round")
    a = ap.parse_args()
    with tempfile.TemporaryDirectory() as d:
        trig = Path(d) / "seed.trig"
        subprocess.run([sys.executable, "-m", "kg.cli", "build", str(SEED), "-q", "-o", str(trig)], cwd=ROOT, check=True)
        if a.store == "oxigraph":
            subprocess.run([sys.executable, "-m", "kg.cli", "build", str(SEED), "-q", "--store", f"oxigraph:{Path(d) / 'db'}"],
                           cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
            data = ["--store", f"oxigraph:{Path(d) / 'db'}"]
        else:
            data = [str(trig)]
        proc, url = start(data, a.timeout, a.workers)
        try:
            print(f"# kg serve --store {a.store}, {a.workers} workers, --timeout {a.timeout:g}; {a.clients} clients, "
                  f"{a.seconds:g} s per round, closed loop on loopback")
            if not a.json:
                print(f"{'attackers':>9} {'cheap ok/s':>10} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8} {'cheap 503/err':>13}  attackers got")
            for n in (int(x) for x in a.attackers.split(",")):
                r = round_(url, a.clients, n, a.seconds, a.timeout + 15)
                if a.json:
                    print(json.dumps(r))
                else:
                    print(f"{n:>9} {r['cheap_ok_per_s']:>10} {r['cheap_p50_ms']:>8} {r['cheap_p95_ms']:>8} "
                          f"{r['cheap_max_ms']!s:>8} {r['cheap_failed']:>13}  {r['attack_statuses']}")
                sys.stdout.flush()
                time.sleep(a.timeout)  # let the last expensive queries end before the next round
        finally:
            proc.terminate()
            try:
                proc.wait(15)
            except subprocess.TimeoutExpired:
                proc.kill()


if __name__ == "__main__":
    main()
