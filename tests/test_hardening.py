"""Attacks on `kg serve`, `kg query` and `kg build -o` (issue 18), each reproduced for real.

The endpoint tests that matter for deployments run the server as a non-root user (uid 65534
with no capabilities, so no network namespace can be made): that is where the algebra check
and the worker's own socket ban are all that stand between a query and the network. Every
probe of the outside world is aimed at a loopback canary that must receive nothing.
"""
from __future__ import annotations

import json
import os
import re
import select
import socket
import stat
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path

import pytest

from tests.conftest import ROOT, SEED, stop
from tests.test_serve import Canary, http, kg_server, select as sparql_select

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="the sandbox and the tests' probes are Linux's")

CAP_NET_ADMIN, CAP_SYS_ADMIN = 12, 21


# -- running as a non-root user -------------------------------------------------------------------

def _setpriv(read_all: bool) -> list[str]:
    caps = "+dac_read_search" if read_all else ""
    cmd = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups",
           f"--inh-caps=-all{',' + caps if caps else ''}", f"--bounding-set=-all{',' + caps if caps else ''}"]
    return cmd + (["--ambient-caps=" + caps] if caps else [])


_PREFIX: list[str] | None = None


def unprivileged() -> list[str]:
    """The command prefix that runs a program as uid/gid 65534 with no capabilities ([] when the
    tests already run as non-root). Where the Python installation or the checkout sits in a folder
    only root may enter (pyenv under /root), the user keeps one capability, reading files
    (CAP_DAC_READ_SEARCH): no network, namespace or write rights."""
    global _PREFIX
    if _PREFIX is None:
        if os.geteuid() != 0:
            _PREFIX = []
        else:
            plain = _setpriv(False)
            probe = subprocess.run(plain + [sys.executable, "-c", "import kg.sparql.serve, rdflib, pyoxigraph"],
                                   cwd=ROOT, capture_output=True, timeout=120)
            _PREFIX = plain if probe.returncode == 0 else _setpriv(True)
    return _PREFIX


def readable_dir() -> Path:
    """A temporary folder the unprivileged user can read (pytest's tmp_path is root's alone)."""
    d = Path(tempfile.mkdtemp(prefix="kg-hardening-"))
    d.chmod(0o755)
    return d


def assert_unprivileged(pid: int) -> None:
    status = Path(f"/proc/{pid}/status").read_text()
    uid = int(re.search(r"^Uid:\s+(\d+)", status, re.M).group(1))
    eff = int(re.search(r"^CapEff:\s+([0-9a-f]+)", status, re.M).group(1), 16)
    assert uid != 0 and not eff & (1 << CAP_SYS_ADMIN) and not eff & (1 << CAP_NET_ADMIN), (uid, hex(eff))


def children(pid: int) -> set[int]:
    out = set()
    for d in os.listdir("/proc"):
        if d.isdigit():
            try:
                st = Path(f"/proc/{d}/stat").read_text()
            except OSError:
                continue
            if int(st.rsplit(")", 1)[1].split()[1]) == pid:
                out.add(int(d))
    return out


@pytest.fixture(scope="module")
def shared_data(seed_result):
    """The seed as TriG and as an on-disk Oxigraph store, in a folder the non-root user can read."""
    import shutil

    from kg.graph.export import serialize
    from kg.sparql.store import open_store
    d = readable_dir()
    b = seed_result.builder
    (d / "seed.trig").write_text(serialize(b.triples, "trig", b.prefixes(), b.by_article), encoding="utf-8")
    with open_store(f"oxigraph:{d / 'db'}") as st:
        st.replace_graphs(b.by_article, b.prefixes())
    for p in [d, *d.rglob("*")]:
        p.chmod(0o755 if p.is_dir() else 0o644)
    yield d
    shutil.rmtree(d, ignore_errors=True)


@pytest.fixture
def canary():
    c = Canary()
    yield c
    c.close()


def _served(shared_data: Path, backend: str) -> list[str]:
    return [str(shared_data / "seed.trig")] if backend == "memory" else ["--store", f"oxigraph:{shared_data / 'db'}"]


# -- 1. SERVICE hidden from the check by \\u escapes -------------------------------------------------

def _smuggled(port: int) -> str:
    # rdflib expands \u000A everywhere, so for it the comment ends and a BIND of a long string
    # follows; Oxigraph expands escapes only in strings and IRIs, so for it the whole first line
    # is a comment and the SERVICE below runs
    return ("SELECT ?who ?label WHERE { # \\u000A BIND(\"\"\"\n"
            f"SERVICE <http://127.0.0.1:{port}/sparql> {{ ?who <http://www.w3.org/2000/01/rdf-schema#label> ?label }}\n"
            "# \"\"\" AS ?x)\n}")


@pytest.mark.parametrize("backend", ["oxigraph", "memory"])
def test_service_smuggled_in_unicode_escapes_reaches_nothing_as_non_root(shared_data, canary, backend):
    with kg_server(*_served(shared_data, backend), "--timeout", "5", prefix=unprivileged()) as (url, proc):
        assert_unprivileged(proc.pid)
        for w in children(proc.pid):
            assert_unprivileged(w)
        for q in (_smuggled(canary.port), _smuggled(canary.port).replace("\\u000A", "\\U0000000a")):
            st, _, body = sparql_select(url, q)
            # run as the check read it: a BIND of an unprojected string, nothing fetched (Oxigraph
            # gives one empty row, rdflib none)
            assert st == 200, (st, body[:300])
            rows = json.loads(body)["results"]["bindings"]
            assert len(rows) <= 1 and all(r == {} for r in rows), rows
        time.sleep(0.5)
        assert canary.hits == [], "the smuggled SERVICE reached the canary"
        st, _, body = sparql_select(url, "ASK { ?s ?p ?o }")
        assert st == 200 and json.loads(body)["boolean"] is True


def test_check_reads_the_query_as_the_engine_does():
    """The policy on its own: whatever rdflib and Oxigraph would read differently is refused, and
    the text the engine runs is the one that was judged."""
    from kg.sparql.protocol import Refused, check_query
    from kg.sparql.store import QueryError
    g = "https://w3id.org/kg-news/id/article/a"
    smuggled = check_query(_smuggled(9), {g})
    assert smuggled.text.startswith("SELECT ?who ?label WHERE { # \n BIND(")  # the comment ends where rdflib ends it
    assert not [n for n in _names(smuggled.algebra) if "service" in n.lower()]
    for q in ("SELECT * WHERE { BIND(\"\\u0022\" AS ?x) }",
              "SELECT * WHERE { ?s ?p \"\\u005Cu0022\" }", "SELECT (\"\\uD800\" AS ?x) WHERE {}"):
        with pytest.raises((Refused, QueryError)):
            check_query(q, {g})
    ok = check_query("SELECT ?x WHERE { BIND(\"caf\\u00E9\" AS ?x) }", {g})
    assert "\\u" not in ok.text and "café" in ok.text


def _names(node, seen=None) -> list[str]:
    from rdflib.plugins.sparql.parserutils import CompValue
    seen = seen if seen is not None else set()
    if id(node) in seen:
        return []
    seen.add(id(node))
    if isinstance(node, CompValue):
        return [node.name] + [n for v in node.values() for n in _names(v, seen)]
    if isinstance(node, (list, tuple)):
        return [n for v in node for n in _names(v, seen)]
    return []


_PROBE = """
import json, socket, sys
import pyoxigraph
from kg.sparql.sandbox import _library_roots, _sandbox
port = int(sys.argv[1])
out = {"netns": bool(_sandbox(_library_roots()))}
try:
    list(pyoxigraph.Store().query(f"SELECT * WHERE {{ SERVICE <http://127.0.0.1:{port}/s> {{ ?s ?p ?o }} }}"))
    out["service"] = "ran"
except Exception as e:
    out["service"] = "failed: " + type(e).__name__ + ": " + str(e)[:200]
try:
    socket.create_connection(("127.0.0.1", port), timeout=2).close()
    out["socket"] = "connected"
except OSError as e:
    out["socket"] = type(e).__name__
print(json.dumps(out))
"""


def test_worker_sandbox_stops_oxigraph_service_as_non_root(canary):
    """Behind the check: in a locked-down worker run by a non-root user (no network namespace
    possible), even Oxigraph's own SERVICE client, called directly, cannot open a socket."""
    r = subprocess.run(unprivileged() + [sys.executable, "-c", _PROBE, str(canary.port)], cwd=ROOT,
                       capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr[-2000:]
    out = json.loads(r.stdout.strip().splitlines()[-1])
    assert out["netns"] is False, out  # the point: no namespace to hide behind
    assert out["service"].startswith("failed") and out["socket"] == "PermissionError", out
    time.sleep(0.3)
    assert canary.hits == []


# -- 2. --max-memory --------------------------------------------------------------------------------

def _address_limit(pid: int) -> int | None:
    for line in Path(f"/proc/{pid}/limits").read_text().splitlines():
        if line.startswith("Max address space"):
            soft = line.split()[3]
            return None if soft == "unlimited" else int(soft)
    raise AssertionError("no address-space line")


# REPLACE amplification: 10 -> 100 -> 10^4 -> 10^8 characters, then ten times that (~1 GB)
AMPLIFY = ('SELECT (STRLEN(?e) AS ?n) WHERE { BIND("aaaaaaaaaa" AS ?a) BIND(REPLACE(?a, "a", ?a) AS ?b) '
           'BIND(REPLACE(?b, "a", ?b) AS ?c) BIND(REPLACE(?c, "a", ?c) AS ?d) '
           'BIND(REPLACE(?d, "a", "aaaaaaaaaa") AS ?e) }')


@pytest.mark.parametrize("backend", ["oxigraph", "memory"])
def test_max_memory_is_applied_and_a_query_over_it_gets_503(shared_data, backend):
    with kg_server(*_served(shared_data, backend), "--timeout", "60", "--max-memory", "256",
                   prefix=unprivileged()) as (url, proc):
        workers = children(proc.pid)
        assert len(workers) == 2
        for w in workers:
            limit = _address_limit(w)
            assert limit is not None, "the worker's address space is not capped"
            vm = int(re.search(r"^VmSize:\s+(\d+)", Path(f"/proc/{w}/status").read_text(), re.M).group(1)) * 1024
            assert limit <= vm + 256 * 2**20, (limit, vm)
        st, _, body = sparql_select(url, AMPLIFY, timeout=120)
        assert st == 503 and b"memory" in body, (st, body[:300])
        deadline = time.monotonic() + 30  # the replacement starts in the background: wait for its cap
        while time.monotonic() < deadline:
            now = children(proc.pid)
            if len(now) == 2 and now != workers and all(_address_limit(w) is not None for w in now):
                break
            time.sleep(0.1)
        assert len(now) == 2 and now != workers, (workers, now)  # the worker that ran it was replaced
        assert all(_address_limit(w) is not None for w in now)
        st, _, body = sparql_select(url, "ASK { ?s ?p ?o }")
        assert st == 200 and json.loads(body)["boolean"] is True


def test_max_memory_that_cannot_be_applied_stops_start_up(shared_data):
    """A hard limit below the cap asked for cannot be raised by a non-root user: kg serve says so and
    exits, rather than serving without the cap."""
    cmd = unprivileged() + ["prlimit", "--as=4000000000", "--", sys.executable, "-m", "kg.cli", "serve", "--port", "0",
                            str(shared_data / "seed.trig"), "--max-memory", "8000"]
    r = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert r.returncode != 0 and "memory" in r.stderr and "Traceback" not in r.stderr, r.stderr[-1000:]


# -- 3. kg build -o onto things that are not regular files -----------------------------------------

def _kg(*args: str, **kw) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "kg.cli", *args], cwd=ROOT, capture_output=True, timeout=120, **kw)


@pytest.fixture(scope="module")
def built() -> dict[str, bytes]:
    out = {}
    for fmt in ("turtle", "nquads"):
        r = _kg("build", str(SEED), "-q", "-f", fmt)
        assert r.returncode == 0, r.stderr
        out[fmt] = r.stdout
    return out


@pytest.mark.parametrize("fmt", ["turtle", "nquads"])
def test_build_output_into_a_fifo_streams(tmp_path, built, fmt):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    fd = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)  # a reader is there, so the writer's open does not wait
    got = b""
    try:
        proc = subprocess.Popen([sys.executable, "-m", "kg.cli", "build", str(SEED), "-q", "-f", fmt, "-o", str(fifo)],
                                cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            select.select([fd], [], [], 0.2)
            try:
                chunk = os.read(fd, 1 << 20)
            except BlockingIOError:  # a writer is there, with nothing written yet
                continue
            got += chunk
            if not chunk and proc.poll() is not None:
                break
        _, err = proc.communicate(timeout=60)
    finally:
        os.close(fd)
    assert proc.returncode == 0, err
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode), "the FIFO was replaced by a file"
    assert got == built[fmt]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pipe"]  # no manifest or temporary file beside it


@pytest.mark.parametrize("fmt,ext", [("turtle", ".ttl"), ("nquads", ".nq")])
def test_build_output_through_a_symlink_writes_its_target(tmp_path, built, fmt, ext):
    (tmp_path / "real").mkdir()
    target = tmp_path / "real" / f"graph{ext}"
    target.write_bytes(b"old\n")
    link = tmp_path / f"link{ext}"
    link.symlink_to(Path("real") / target.name)
    r = _kg("build", str(SEED), "-q", "-o", str(link))
    assert r.returncode == 0, r.stderr
    assert link.is_symlink() and os.readlink(link) == str(Path("real") / target.name), "the symlink was replaced"
    assert target.read_bytes() == built[fmt]


def test_build_output_to_dev_fd_streams_into_stdout(built):
    r = _kg("build", str(SEED), "-q", "-f", "turtle", "-o", "/dev/fd/1")
    assert r.returncode == 0, r.stderr
    assert r.stdout == built["turtle"]


@pytest.mark.skipif(os.geteuid() != 0, reason="making a device node needs root")
def test_build_output_onto_a_device_node_never_replaces_it(tmp_path, built):
    null = tmp_path / "null"
    os.mknod(null, 0o666 | stat.S_IFCHR, os.makedev(1, 3))  # a second /dev/null
    r = _kg("build", str(SEED), "-q", "-f", "turtle", "-o", str(null))
    assert stat.S_ISCHR(os.lstat(null).st_mode), "the device node was replaced by a file"
    assert r.returncode == 0, r.stderr


# -- 5. kill -9 of kg serve -------------------------------------------------------------------------

def test_kill_9_of_the_server_leaves_no_worker_holding_its_port(shared_data):
    """A replacement worker is forked while the server listens (a query is timed out first); after
    `kill -9` of the server, its workers die too and the port is free for a restart."""
    import signal
    with kg_server(str(shared_data / "seed.trig"), "--timeout", "1") as (url, proc):
        slow = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
        st, _, body = sparql_select(url, slow)
        assert st == 503, body[:200]
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and len(children(proc.pid)) < 2:
            time.sleep(0.1)
        workers = children(proc.pid)
        assert len(workers) == 2
        port = urllib.parse.urlsplit(url).port
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(10)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and any(Path(f"/proc/{w}").exists() and "Z" not in _state(w) for w in workers):
            time.sleep(0.1)
        alive = [w for w in workers if Path(f"/proc/{w}").exists() and "Z" not in _state(w)]
        for w in alive:  # clean up before failing
            os.kill(w, signal.SIGKILL)
        assert alive == [], "workers outlived the server"
        with socket.socket() as s:
            s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            s.bind(("127.0.0.1", port))  # "Address already in use" while an orphan holds the socket
            s.listen(1)


def _state(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return "gone"


def test_sigterm_ends_every_worker_replacements_included(shared_data):
    import signal
    with kg_server(str(shared_data / "seed.trig"), "--timeout", "1") as (url, proc):
        slow = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
        assert sparql_select(url, slow)[0] == 503  # its worker is replaced by one forked while serving
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and len(children(proc.pid)) < 2:
            time.sleep(0.1)
        workers = children(proc.pid)
        for w in workers:
            os.kill(w, signal.SIGTERM)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and any(_state(w) not in ("Z", "gone") for w in workers):
            time.sleep(0.1)
        assert all(_state(w) in ("Z", "gone") for w in workers), "a worker ignored SIGTERM"


# -- 6. HTTP framing --------------------------------------------------------------------------------

def _raw(url: str, data: bytes, *, half_close: bool = True, wait: float = 30) -> bytes:
    """Everything the server sends back for `data` on one connection, until it closes (bounded)."""
    u = urllib.parse.urlsplit(url)
    with socket.create_connection((u.hostname, u.port), timeout=wait) as s:
        s.sendall(data)
        if half_close:
            s.shutdown(socket.SHUT_WR)
        out = b""
        while True:
            try:
                chunk = s.recv(65536)
            except socket.timeout:
                raise AssertionError(f"no close within {wait} s; got {out[:300]!r}") from None
            if not chunk:
                return out
            out += chunk


@pytest.fixture(scope="module")
def http_server(shared_data):
    with kg_server(str(shared_data / "seed.trig"), "--client-timeout", "2") as (url, proc):
        yield url


def test_a_body_is_never_read_as_the_next_request(http_server):
    inner = b"GET /sparql?query=ASK%7B%3Fs%20%3Fp%20%3Fo%7D HTTP/1.1\r\nHost: x\r\n\r\n"
    for head in (b"GET /sparql?query=ASK%7B%7D HTTP/1.1\r\nHost: x\r\n",
                 b"HEAD / HTTP/1.1\r\nHost: x\r\n",
                 b"POST /elsewhere HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\n"):
        for extra in (b"", b"Connection: keep-alive\r\n"):
            reply = _raw(http_server, head + extra + b"Content-Length: %d\r\n\r\n" % len(inner) + inner)
            assert reply.count(b"HTTP/1.1 ") == 1, (head, reply[:500])


@pytest.mark.parametrize("lengths", [["1_6"], ["+16"], ["-1"], ["0x10"], ["16", "3"], ["3", "16"], ["16 16"]])
def test_content_length_is_parsed_strictly(http_server, lengths):
    q = b"ASK {?s ?p ?o } "  # 16 bytes: a lax reading of the length runs it
    head = b"POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Type: application/sparql-query\r\n"
    head += b"".join(b"Content-Length: %s\r\n" % v.encode() for v in lengths)
    reply = _raw(http_server, head + b"\r\n" + q)
    assert reply.startswith((b"HTTP/1.1 400 ", b"HTTP/1.1 411 ")), reply[:300]
    assert reply.count(b"HTTP/1.1 ") == 1


def test_a_client_that_sends_less_than_it_announced_is_cut_off(http_server):
    head = (b"POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Type: application/sparql-query\r\n"
            b"Content-Length: 100\r\n\r\nASK {}")
    t0 = time.monotonic()
    reply = _raw(http_server, head, half_close=False, wait=30)  # raises if the server waits forever
    assert b"HTTP/1.1 200" not in reply
    assert time.monotonic() - t0 < 30
    st, _, body = sparql_select(http_server, "ASK { ?s ?p ?o }")
    assert st == 200


def test_idle_connections_are_closed_and_capped(shared_data):
    with kg_server(str(shared_data / "seed.trig"), "--client-timeout", "2", "--max-connections", "20") as (url, proc):
        u = urllib.parse.urlsplit(url)
        idle = [socket.create_connection((u.hostname, u.port), timeout=30) for _ in range(40)]
        try:
            st, _, body = sparql_select(url, "ASK { ?s ?p ?o }")  # over the cap: a quick 503, not a hang
            assert st in (200, 503), st
            for s in idle:  # the server closes every idle connection (over the cap: after a 503)
                data = b""
                while True:
                    chunk = s.recv(4096)  # socket timeout 30 s: raises if the server keeps it open
                    if not chunk:
                        break
                    data += chunk
                assert data == b"" or data.startswith(b"HTTP/1.1 503 "), data[:200]
        finally:
            for s in idle:
                s.close()
        st, _, body = sparql_select(url, "ASK { ?s ?p ?o }")
        assert st == 200
        assert not [ln for ln in proc.log if "Traceback" in ln], proc.log[:20]


# -- 8. queries that crash the engines ----------------------------------------------------------------

def _alternatives(n: int) -> str:
    return "PREFIX e: <http://example.org/> SELECT * WHERE { ?s " + "|".join(f"e:{i}" for i in range(n)) + " ?o }"


def test_endpoint_refuses_a_query_too_complex_for_the_engine(shared_data):
    q = _alternatives(12_000)  # passed the check, then crashed an Oxigraph worker (SIGSEGV)
    assert len(q) < 100_000
    with kg_server("--store", f"oxigraph:{shared_data / 'db'}", "--timeout", "30") as (url, proc):
        workers = children(proc.pid)
        st, _, body = http(url + "sparql", method="POST", data=q.encode(), headers={"Content-Type": "application/sparql-query"})
        assert st == 400 and b"too complex" in body, (st, body[:300])
        assert children(proc.pid) == workers  # no worker died
        st, _, body = sparql_select(url, "ASK { ?s ?p ?o }")
        assert st == 200


@pytest.mark.parametrize("query", [
    "SELECT (" + "(" * 5000 + "1" + ")" * 5000 + " AS ?x) WHERE {}",
    "SELECT (" + "+".join(["1"] * 20_000) + " AS ?x) WHERE {}",
    _alternatives(12_000),
], ids=["5000-nested", "20000-term-sum", "12000-alternatives"])
@pytest.mark.parametrize("store", ["oxigraph", "memory"])
def test_kg_query_refuses_a_query_too_complex_for_the_engine(shared_data, tmp_path, query, store):
    rq = tmp_path / "q.rq"
    rq.write_text(query, encoding="utf-8")
    args = ["--store", f"oxigraph:{shared_data / 'db'}"] if store == "oxigraph" else [str(shared_data / "seed.trig")]
    r = _kg("query", *args, str(rq), text=True)
    assert r.returncode == 2 and "too complex" in r.stderr and len(r.stderr.strip().splitlines()) == 1, (r.returncode, r.stderr[-500:])


# -- 10. a base namespace with '#' ------------------------------------------------------------------

def test_build_refuses_a_base_with_a_fragment(tmp_path):
    r = _kg("build", str(SEED), "-q", "--base", "http://example.org/ns#", "--store", f"oxigraph:{tmp_path / 'db'}",
            text=True)
    assert r.returncode == 2 and "--base" in r.stderr and "'#'" in r.stderr and "Traceback" not in r.stderr, r.stderr[-800:]
    r = _kg("build", str(SEED), "-q", "--base", "http://example.org/ns/", "--store", f"oxigraph:{tmp_path / 'db'}",
            text=True)
    assert r.returncode == 0, r.stderr[-800:]


# -- 11. one line, never a traceback ----------------------------------------------------------------

BIG = "9" * 4400
NASTY = {
    "service": "SELECT * WHERE { SERVICE <http://127.0.0.1:{port}/sparql> { ?s ?p ?o } }",
    "integer": "SELECT * WHERE { ?s ?p ?o FILTER(?o = " + BIG + ") } LIMIT 1",
    "surrogate": 'SELECT ("\\uD800" AS ?x) WHERE {}',
    "ill-typed": 'SELECT ?x WHERE { BIND("abc"^^<http://www.w3.org/2001/XMLSchema#integer> + 1 AS ?x) }',
}


@pytest.mark.parametrize("name", sorted(NASTY))
@pytest.mark.parametrize("store", ["memory", "oxigraph"])
def test_kg_query_errors_are_one_line(shared_data, tmp_path, canary, name, store):
    rq = tmp_path / "q.rq"
    rq.write_text(NASTY[name].replace("{port}", str(canary.port)), encoding="utf-8")
    args = ["--store", f"oxigraph:{shared_data / 'db'}"] if store == "oxigraph" else [str(shared_data / "seed.trig")]
    r = _kg("query", *args, str(rq), text=True)
    assert "Traceback" not in r.stderr and len(r.stderr.strip().splitlines()) <= 1, r.stderr[-1500:]
    assert r.returncode in (0, 2), r.returncode


def test_kg_query_of_a_binary_file_is_one_line(shared_data, tmp_path):
    rq = tmp_path / "q.rq"
    rq.write_bytes(b"\xff\xfe\x00S\x00E")
    r = _kg("query", str(shared_data / "seed.trig"), str(rq), text=True)
    assert r.returncode == 2 and "UTF-8" in r.stderr and len(r.stderr.strip().splitlines()) == 1, r.stderr[-800:]


def test_endpoint_answers_nasty_queries_with_400_and_logs_no_traceback(shared_data, canary):
    for backend in ("memory", "oxigraph"):
        with kg_server(*_served(shared_data, backend)) as (url, proc):
            for name in ("integer", "surrogate", "ill-typed"):
                st, _, body = sparql_select(url, NASTY[name])
                assert st in (200, 400), (backend, name, st, body[:300])
            # clients that go away mid-request or mid-reply
            u = urllib.parse.urlsplit(url)
            for raw in (b"GET /sparql?query=ASK%7B%7D HTTP/1.1\r\nHost: x\r\n\r\n", b"POST /sparql HTTP/1.1\r\nContent-Length: 50\r\n\r\nASK"):
                s = socket.create_connection((u.hostname, u.port))
                s.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00")  # RST on close
                s.sendall(raw)
                s.close()
            time.sleep(0.5)
            st, _, body = sparql_select(url, "ASK { ?s ?p ?o }")
            assert st == 200
            time.sleep(0.3)
            assert not [ln for ln in proc.log if "Traceback" in ln], "".join(proc.log)[-2000:]


# -- 13. --safe for files from elsewhere ------------------------------------------------------------

def test_kg_query_safe_refuses_service_and_files(shared_data, tmp_path, canary):
    for q, word in ((f"SELECT * WHERE {{ SERVICE <http://127.0.0.1:{canary.port}/s> {{ ?s ?p ?o }} }}", "SERVICE"),
                    ("SELECT * FROM <file:///etc/passwd> WHERE { ?s ?p ?o }", "FROM"),
                    (f"SELECT * FROM <http://127.0.0.1:{canary.port}/g.ttl> WHERE {{ ?s ?p ?o }}", "FROM")):
        rq = tmp_path / "shared.rq"
        rq.write_text(q, encoding="utf-8")
        r = _kg("query", "--safe", str(shared_data / "seed.trig"), str(rq), text=True)
        assert r.returncode == 2 and "refused" in r.stderr and word in r.stderr, r.stderr[-800:]
        assert "root:" not in r.stdout
    time.sleep(0.3)
    assert canary.hits == []
    r = _kg("query", "--safe", str(shared_data / "seed.trig"), "ASK { ?s ?p ?o }", text=True)
    assert r.returncode == 0 and "true" in r.stdout.lower()


@pytest.mark.parametrize("command", ["validate", "query"])
def test_safe_loads_json_ld_without_fetching_its_context(tmp_path, canary, command):
    doc = tmp_path / "shared.jsonld"
    doc.write_text(json.dumps({"@context": f"http://127.0.0.1:{canary.port}/context.jsonld",
                               "@id": "http://example.org/a", "name": "A"}), encoding="utf-8")
    args = ["validate", "--safe", str(doc)] if command == "validate" else ["query", "--safe", str(doc), "ASK { ?s ?p ?o }"]
    r = _kg(*args, text=True)
    time.sleep(0.3)
    assert canary.hits == [], "the remote @context was fetched"
    assert r.returncode == 2 and "no network access with --safe" in r.stderr, r.stderr[-1500:]
    assert len(r.stderr.strip().splitlines()) == 1
