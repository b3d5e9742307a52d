"""`kg serve`: the SPARQL 1.1 Protocol, the query page in real Chromium, and the safety rules.

Every server here is a real `kg serve` process on 127.0.0.1 with a short time limit; every probe
of the outside world (SERVICE, FROM, LOAD) is aimed at a canary listener on loopback that counts
connections. After each attack the server must still answer the competency queries.
"""
from __future__ import annotations

import csv
import io
import json
import os
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import xml.etree.ElementTree as ET
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

import pytest

from tests.conftest import ROOT, SEED, stop
from kg.sparql.store import QueryResult
from tests.test_store import DESCRIBE, OWN, QUERIES, answer, is_ordered

TIMEOUT = 2  # seconds per query on the test servers


@contextmanager
def kg_server(*args: str, startup: float = 60, prefix: list[str] | None = None) -> Iterator[tuple[str, subprocess.Popen]]:
    """A `kg serve` process on a free loopback port; yields (base URL, process). `prefix` runs it
    through another program (setpriv, for a non-root user)."""
    proc = subprocess.Popen([*(prefix or []), sys.executable, "-m", "kg.cli", "serve", "--port", "0", *args],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, cwd=ROOT)
    try:
        line = ""
        deadline = time.monotonic() + startup
        while time.monotonic() < deadline:
            line = proc.stderr.readline()
            if "serving" in line or not line:
                break
        assert "serving" in line, f"kg serve did not start: {line}{proc.stderr.read() if proc.poll() is not None else ''}"
        url = line.split(" at ")[1].split()[0]
        proc.log = []  # type: ignore[attr-defined]  # what it writes on stderr from now on
        drain = threading.Thread(target=lambda: proc.log.extend(iter(proc.stderr.readline, "")), daemon=True)
        drain.start()
        yield url, proc
    finally:
        stop(proc, 10)
        proc.stderr.close() if proc.stderr and 'drain' not in locals() else None
        if 'drain' in locals():
            drain.join(5)
            if not drain.is_alive():  # closing under a blocked reader would deadlock (a process kept the pipe)
                proc.stderr.close()


def http(url: str, *, method: str = "GET", params: dict | None = None, data: bytes | None = None,
         headers: dict | None = None, timeout: float = 60) -> tuple[int, str, bytes]:
    """(status, content type, body) of one request; HTTP errors are answers, not exceptions."""
    if params:
        url += ("&" if "?" in url else "?") + urllib.parse.urlencode(params)
    req = urllib.request.Request(url, data=data, method=method, headers=headers or {})
    try:
        with urllib.request.urlopen(req, timeout=timeout) as r:
            return r.status, r.headers.get("Content-Type", ""), r.read()
    except urllib.error.HTTPError as e:
        return e.code, e.headers.get("Content-Type", ""), e.read()


def select(url: str, query: str, **kw) -> tuple[int, str, bytes]:
    return http(url + "sparql", params={"query": query}, headers={"Accept": "application/sparql-results+json"}, **kw)


def json_answer(body: bytes, ordered: bool):
    """A SPARQL JSON result in the comparable form of tests.test_store.answer."""
    from rdflib import BNode, Literal, URIRef

    from kg.sparql.store import QueryResult
    j = json.loads(body)
    if "boolean" in j:
        return answer(QueryResult("ASK", boolean=j["boolean"]), ordered)

    def term(b):
        if b is None:
            return None
        if b["type"] == "uri":
            return URIRef(b["value"])
        if b["type"] == "bnode":
            return BNode(b["value"])
        return Literal(b["value"], lang=b.get("xml:lang"), datatype=b.get("datatype"))
    vars_ = j["head"]["vars"]
    rows = [tuple(term(r.get(v)) for v in vars_) for r in j["results"]["bindings"]]
    return answer(QueryResult("SELECT", vars=vars_, rows=rows), ordered)


def graph_answer(body: bytes, fmt: str):
    from rdflib import Graph

    from kg.sparql.store import QueryResult
    g = Graph().parse(data=body.decode("utf-8"), format=fmt)
    return answer(QueryResult("GRAPH", triples=list(g)), False)


@pytest.fixture(scope="module")
def expected(seed_result):
    """What the competency and own queries answer in kg's memory store."""
    from kg.sparql.store import open_store
    st = open_store("memory")
    st.replace_graphs(seed_result.builder.by_article, seed_result.builder.prefixes())
    queries = {q.stem: q.read_text(encoding="utf-8") for q in QUERIES} | OWN
    return {name: (text, st.query(text)) for name, text in queries.items()}


def assert_still_answers(url: str, expected) -> None:
    """The server answers every competency (and own) query exactly as kg's store does."""
    for name, (text, res) in expected.items():
        if res.kind == "GRAPH":
            st, ct, body = http(url + "sparql", params={"query": text}, headers={"Accept": "application/n-triples"})
            assert st == 200, (name, body[:300])
            assert graph_answer(body, "nt") == answer(res, False), name
        else:
            st, ct, body = select(url, text)
            assert st == 200, (name, body[:300])
            assert json_answer(body, is_ordered(text)) == answer(res, is_ordered(text)), name


@pytest.fixture(scope="module")
def seed_files(seed_result, tmp_path_factory):
    from kg.graph.export import serialize
    d = tmp_path_factory.mktemp("serve")
    b = seed_result.builder
    (d / "seed.trig").write_text(serialize(b.triples, "trig", b.prefixes(), b.by_article), encoding="utf-8")
    db = d / "db"
    from kg.sparql.store import open_store
    with open_store(f"oxigraph:{db}") as st:
        st.replace_graphs(b.by_article, b.prefixes())
    return d / "seed.trig", db


@pytest.fixture(scope="module")
def memory_server(seed_files):
    with kg_server(str(seed_files[0]), "--timeout", str(TIMEOUT), "--max-body", "20000") as (url, proc):
        yield url


@pytest.fixture(scope="module")
def oxigraph_server(seed_files):
    with kg_server("--store", f"oxigraph:{seed_files[1]}", "--timeout", str(TIMEOUT), "--max-rows", "5000") as (url, proc):
        yield url


@pytest.fixture(params=["memory", "oxigraph"])
def server(request):
    return request.getfixturevalue(f"{request.param}_server")


class Canary:
    """A TCP listener on loopback that records every connection (it should get none)."""

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.sock.settimeout(0.2)
        self.port = self.sock.getsockname()[1]
        self.hits: list[tuple] = []
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def _run(self) -> None:
        while not self.stop.is_set():
            try:
                c, addr = self.sock.accept()
            except (socket.timeout, OSError):
                continue
            self.hits.append(addr)
            c.close()

    def close(self) -> None:
        self.stop.set()
        self.thread.join(5)
        self.sock.close()


@pytest.fixture
def canary():
    c = Canary()
    yield c
    c.close()


# -- protocol -----------------------------------------------------------------------------------

def test_serves_competency_queries_like_kg_query(server, expected):
    assert_still_answers(server, expected)


def test_get_post_form_and_post_query_agree(server):
    q = OWN["heads"]
    a = select(server, q)
    b = http(server + "sparql", method="POST", data=urllib.parse.urlencode({"query": q}).encode(),
             headers={"Content-Type": "application/x-www-form-urlencoded", "Accept": "application/sparql-results+json"})
    c = http(server + "sparql", method="POST", data=q.encode(),
             headers={"Content-Type": "application/sparql-query", "Accept": "application/sparql-results+json"})
    assert a[0] == b[0] == c[0] == 200
    assert json.loads(a[2]) == json.loads(b[2]) == json.loads(c[2])
    assert "khalid-mishal" in a[2].decode()


@pytest.mark.parametrize("accept,fmt,ctype", [
    ("application/sparql-results+json", None, "application/sparql-results+json"),
    ("application/sparql-results+xml", None, "application/sparql-results+xml"),
    ("text/csv", None, "text/csv"),
    ("text/tab-separated-values", None, "text/tab-separated-values"),
    ("*/*", None, "application/sparql-results+json"),
    ("text/turtle;q=0.9, application/sparql-results+json", None, "application/sparql-results+json"),
    ("application/sparql-results+json", "csv", "text/csv"),
    (None, "tsv", "text/tab-separated-values"),
    (None, "xml", "application/sparql-results+xml"),
])
def test_select_result_formats(server, expected, accept, fmt, ctype):
    params = {"query": OWN["heads"]} | ({"format": fmt} if fmt else {})
    st, ct, body = http(server + "sparql", params=params, headers={"Accept": accept} if accept else {})
    assert st == 200 and ct.startswith(ctype), (st, ct, body[:200])
    text = body.decode("utf-8")
    rows = [[str(x) for x in r] for r in expected["heads"][1].rows]  # ORDER BY ?who ?org
    assert rows and any(r[0].endswith("/khalid-mishal") for r in rows)
    if "json" in ctype:
        assert [[b["who"]["value"], b["org"]["value"]] for b in json.loads(text)["results"]["bindings"]] == rows
    elif "xml" in ctype:
        ns = {"r": "http://www.w3.org/2005/sparql-results#"}
        root = ET.fromstring(body)
        assert [v.get("name") for v in root.findall("r:head/r:variable", ns)] == ["who", "org"]
        assert [[b.find("r:uri", ns).text for b in r.findall("r:binding", ns)]
                for r in root.findall("r:results/r:result", ns)] == rows
    elif ctype == "text/csv":
        assert list(csv.reader(io.StringIO(text))) == [["who", "org"], *rows]
    else:
        assert text.splitlines() == ["?who\t?org", *[f"<{a}>\t<{b}>" for a, b in rows]]


def test_ask_formats(server):
    for accept, expect in (("application/sparql-results+json", b'"boolean": true'),
                           ("application/sparql-results+xml", b"<boolean>true</boolean>")):
        st, ct, body = http(server + "sparql", params={"query": OWN["ask"]}, headers={"Accept": accept})
        assert st == 200 and expect in body
    st, _, body = http(server + "sparql", params={"query": OWN["ask-no"]}, headers={"Accept": "application/sparql-results+json"})
    assert json.loads(body)["boolean"] is False


@pytest.mark.parametrize("accept,fmt,ctype,parse", [
    ("text/turtle", None, "text/turtle", "turtle"),
    ("application/n-triples", None, "application/n-triples", "nt"),
    ("application/ld+json", None, "application/ld+json", "json-ld"),
    (None, "jsonld", "application/ld+json", "json-ld"),
    ("*/*", None, "text/turtle", "turtle"),
])
def test_construct_and_describe_formats(server, expected, seed_result, accept, fmt, ctype, parse):
    from rdflib import URIRef
    hamas = URIRef("https://w3id.org/kg-news/id/entity/hamas")
    own = answer(QueryResult("GRAPH", triples=[t for t in seed_result.builder.triples if t[0] == hamas]), False)[1]
    for text in (OWN["construct"], DESCRIBE):
        params = {"query": text} | ({"format": fmt} if fmt else {})
        st, ct, body = http(server + "sparql", params=params, headers={"Accept": accept} if accept else {})
        assert st == 200 and ct.startswith(ctype), (st, ct, body[:200])
        got = graph_answer(body, parse)
        if text == DESCRIBE:  # what DESCRIBE adds beyond the resource's own triples is up to the engine
            assert set(own) <= set(got[1])
        else:
            assert got == answer(expected["construct"][1], False)


def test_bad_requests_get_clear_errors(server, expected):
    cases = [
        (dict(params={"query": "SELEC ?x WHERE {"}), 400, "syntax error"),
        (dict(params={"query": OWN["heads"]}, headers={"Accept": "image/png"}), 406, "acceptable"),
        (dict(params={"query": OWN["heads"], "format": "pdf"}), 406, "unknown format"),
        (dict(params={"query": OWN["heads"]}, headers={"Accept": "text/turtle"}), 406, "cannot give a SELECT"),
        (dict(params={"query": OWN["construct"]}, headers={"Accept": "text/csv"}), 406, "CONSTRUCT"),
        (dict(params={}), 400, "query"),
        (dict(params={"query": ""}), 400, "query"),
        (dict(method="POST", data=b"query=ASK{}", headers={"Content-Type": "text/plain"}), 415, "Content-Type"),
        (dict(method="POST", data=b"\xff\xfe", headers={"Content-Type": "application/sparql-query"}), 400, "UTF-8"),
        (dict(method="POST", data=b"x" * 200_001, headers={"Content-Type": "application/sparql-query"}), 413, "over the limit"),
        (dict(method="POST", data=b"ASK {}", headers={"Content-Type": "application/sparql-update"}), 403, "read-only"),
    ]
    for kw, status, words in cases:
        st, ct, body = http(server + "sparql", **kw)
        assert st == status and words.encode() in body, (kw, st, body[:300])
        assert b"Traceback" not in body
    st, _, body = http(server + "sparql?query=ASK%7B%7D&query=ASK%7B%7D")
    assert st == 400 and b"exactly one" in body
    st, _, body = http(server + "nowhere")
    assert st == 404
    # raw garbage and a lying Content-Length on a bare socket
    host, port = urllib.parse.urlsplit(server).hostname, urllib.parse.urlsplit(server).port
    for raw in (b"\x16\x03\x01\x02\x00garbage\r\n\r\n", b"GET /sparql HTTP/1.1\r\nHost: x\r\nX: " + b"y" * 70000 + b"\r\n\r\n",
                b"POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Type: application/sparql-query\r\nContent-Length: 10\r\n\r\nASK",
                b"POST /sparql HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nASK\r\n0\r\n\r\n"):
        with socket.create_connection((host, port), timeout=10) as s:
            s.sendall(raw)
            s.shutdown(socket.SHUT_WR)
            s.settimeout(10)
            reply = b""
            for _ in range(100):  # bounded read
                chunk = s.recv(65536)
                if not chunk:
                    break
                reply += chunk
        assert not reply.startswith(b"HTTP/1.1 200") and not reply.startswith(b"HTTP/1.0 200"), (raw[:40], reply[:200])
    assert_still_answers(server, expected)


# -- safety -------------------------------------------------------------------------------------

def test_refuses_update_load_service_and_outside_datasets(server, expected, canary):
    c = f"http://127.0.0.1:{canary.port}"
    refused = [
        ("query", f"SELECT * WHERE {{ SERVICE <{c}/sparql> {{ ?s ?p ?o }} }}", "SERVICE"),
        ("query", f"SELECT * WHERE {{ ?x ?y ?z OPTIONAL {{ SERVICE SILENT <{c}/sparql> {{ ?s ?p ?o }} }} }}", "SERVICE"),
        ("query", f"SELECT * WHERE {{ ?s ?p ?o FILTER EXISTS {{ SERVICE <{c}/s> {{ ?s ?p ?o }} }} }}", "SERVICE"),
        ("query", f"SELECT * FROM <{c}/data.ttl> WHERE {{ ?s ?p ?o }}", "FROM"),
        ("query", f"SELECT * FROM NAMED <{c}/data.ttl> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}", "FROM NAMED"),
        ("query", "SELECT * FROM <file:///etc/passwd> WHERE { ?s ?p ?o }", "FROM"),
        ("query", "ASK FROM NAMED <file:///etc/passwd> { GRAPH ?g { ?s ?p ?o } }", "FROM NAMED"),
        ("query", f"LOAD <{c}/data.ttl>", "read-only"),
        ("query", "LOAD <file:///etc/passwd>", "read-only"),
        ("query", "INSERT DATA { <urn:a> <urn:b> <urn:c> }", "read-only"),
        ("query", "CLEAR ALL", "read-only"),
        ("update", f"LOAD <{c}/data.ttl>", "read-only"),
        ("update", "DROP ALL", "read-only"),
    ]
    for param, q, words in refused:
        for method in ("GET", "POST"):
            if method == "GET":
                st, _, body = http(server + "sparql", params={param: q})
            else:
                st, _, body = http(server + "sparql", method="POST", data=urllib.parse.urlencode({param: q}).encode(),
                                   headers={"Content-Type": "application/x-www-form-urlencoded"})
            assert st == 403 and words.encode() in body, (q, st, body[:300])
            assert b"root:" not in body
    # a GRAPH pattern naming a file only looks in the served graphs: nothing is read
    st, _, body = select(server, "SELECT * WHERE { GRAPH <file:///etc/passwd> { ?s ?p ?o } }")
    assert st == 200 and json.loads(body)["results"]["bindings"] == []
    time.sleep(0.5)  # let any (wrong) connection attempt land before counting
    assert canary.hits == [], "a query made the server connect to the canary"
    assert_still_answers(server, expected)
    st, _, body = select(server, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
    assert int(json.loads(body)["results"]["bindings"][0]["n"]["value"]) == int(expected["count"][1].rows[0][0])


def test_query_that_runs_for_minutes_is_cut_off_and_others_are_served(server, expected):
    slow = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
    result: dict = {}

    def run_slow():
        result["slow"] = select(server, slow)
    t = threading.Thread(target=run_slow)
    t.start()
    # while the slow query holds one worker, the other keeps answering (bounded loop)
    answered = 0
    for _ in range(20):
        if not t.is_alive():
            break
        st, _, body = select(server, OWN["heads"])
        assert st == 200 and b"khalid-mishal" in body
        answered += 1
        time.sleep(0.05)
    t.join(60)
    assert answered >= 1
    st, _, body = result["slow"]
    assert st == 503 and b"timed out" in body, (st, body[:200])
    assert_still_answers(server, expected)


def test_millions_of_rows_are_refused_not_truncated(server, expected):
    huge = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"  # 500^3 rows
    st, ct, body = select(server, huge)
    assert st in (400, 503), (st, body[:200])
    assert b"too large" in body or b"timed out" in body
    assert not ct.startswith("application/sparql-results")
    assert_still_answers(server, expected)


def test_result_limit_on_oxigraph_is_reported(oxigraph_server, expected):
    """Oxigraph streams fast enough to reach the row limit before the deadline: a clear 400."""
    st, _, body = select(oxigraph_server, "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f }")
    assert st == 400 and b"more than 5000 rows" in body, body[:200]
    assert_still_answers(oxigraph_server, expected)


def test_several_slow_queries_at_once_do_not_stop_the_server(oxigraph_server, expected):
    slow = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
    replies: list = []
    threads = [threading.Thread(target=lambda: replies.append(select(oxigraph_server, slow))) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    assert len(replies) == 4 and all(r[0] == 503 for r in replies), [r[:2] for r in replies]
    assert_still_answers(oxigraph_server, expected)


def test_binds_loopback_by_default_and_refuses_bad_options(seed_files, tmp_path):
    with kg_server(str(seed_files[0])) as (url, proc):
        assert urllib.parse.urlsplit(url).hostname == "127.0.0.1"
        out = subprocess.run(["ss", "-ltnp"], capture_output=True, text=True).stdout if os.path.exists("/usr/bin/ss") else ""
        if out:
            port = urllib.parse.urlsplit(url).port
            lines = [ln for ln in out.splitlines() if f":{port} " in ln]
            assert lines and all("127.0.0.1:" in ln for ln in lines), lines
    r = subprocess.run([sys.executable, "-m", "kg.cli", "serve", "--store", f"oxigraph:{tmp_path / 'none'}"],
                       capture_output=True, text=True, timeout=60, cwd=ROOT)
    assert r.returncode == 2 and "no Oxigraph store here" in r.stderr and "Traceback" not in r.stderr
    r = subprocess.run([sys.executable, "-m", "kg.cli", "serve", str(SEED)], capture_output=True, text=True, timeout=60, cwd=ROOT)
    assert r.returncode == 2 and "unknown graph format" in r.stderr
    r = subprocess.run([sys.executable, "-m", "kg.cli", "serve", str(seed_files[0]), "--timeout", "0"],
                       capture_output=True, text=True, timeout=60, cwd=ROOT)
    assert r.returncode == 2 and "--timeout" in r.stderr


def test_check_query_inspects_the_algebra():
    """The policy itself, on parsed queries: nested SERVICE, sub-selects and dataset clauses."""
    from kg.sparql.protocol import Refused, check_query
    from kg.sparql.store import QueryError
    g = "https://w3id.org/kg-news/id/article/a"
    check_query(f"SELECT * FROM <{g}> WHERE {{ ?s ?p ?o }}", {g})
    check_query(f"SELECT * FROM NAMED <{g}> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}", {g})
    for q in ("SELECT * WHERE { { SELECT ?s WHERE { SERVICE <http://127.0.0.1:1/> { ?s ?p ?o } } } }",
              "SELECT * WHERE { ?s ?p ?o MINUS { SERVICE ?x { ?s ?p ?o } } }",
              "CONSTRUCT { ?s ?p ?o } WHERE { SERVICE <http://127.0.0.1:1/> { ?s ?p ?o } }",
              f"SELECT * FROM <{g}> FROM <http://127.0.0.1:1/x> WHERE {{ ?s ?p ?o }}",
              "DESCRIBE ?s FROM <file:///etc/passwd> WHERE { ?s ?p ?o }",
              "WITH <urn:g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }"):
        with pytest.raises(Refused):
            check_query(q, {g})
    with pytest.raises(QueryError):
        check_query("SELECT * WHERE { ?s ?p }", {g})


# -- the query page -----------------------------------------------------------------------------

def test_query_page_in_chromium(memory_server, expected, tmp_path):
    """Type a query into the page, run it, read the table; then pick a named query if there are any."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as EC
    from selenium.webdriver.support.ui import Select, WebDriverWait

    from tests.browser import chromium, console_errors
    with chromium(tmp_path, offline=False) as d:  # the page is on loopback; Chromium's own traffic is off
        d.get(memory_server)
        d.execute_script("kgEditor.setValue(arguments[0])", OWN["heads"])  # the page's editor (CodeMirror)
        d.find_element(By.ID, "iris").click()  # raw IRIs, to compare with the store's rows
        d.find_element(By.ID, "run").click()
        WebDriverWait(d, 30).until(EC.presence_of_element_located((By.ID, "results")))
        rows = [[c.text for c in tr.find_elements(By.CSS_SELECTOR, "th,td")]
                for tr in d.find_elements(By.CSS_SELECTOR, "#results tr")]
        want = [[str(x) for x in r] for r in expected["heads"][1].rows]
        assert rows == [["who", "org"], *want]
        assert f"{len(want)} row" in d.find_element(By.ID, "status").text
        # an error is shown, not a table
        d.execute_script("kgEditor.setValue(arguments[0])", "SELECT * WHERE { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }")
        d.find_element(By.ID, "run").click()
        WebDriverWait(d, 30).until(EC.presence_of_element_located((By.ID, "error")))
        assert "SERVICE" in d.find_element(By.ID, "error").text
        options = [o.get_attribute("value") for o in Select(d.find_element(By.ID, "named")).options if o.get_attribute("value")]
        assert options == [q.stem for q in QUERIES]
        if options:
            name = options[0]
            Select(d.find_element(By.ID, "named")).select_by_value(name)
            assert d.find_element(By.ID, "query").get_attribute("value") == expected[name][0]
            d.find_element(By.ID, "run").click()
            WebDriverWait(d, 30).until(lambda drv: drv.find_elements(By.ID, "results") or drv.find_elements(By.ID, "graph"))
            res = expected[name][1]
            if res.kind == "SELECT":
                n = len(d.find_elements(By.CSS_SELECTOR, "#results tr")) - 1
                assert n == len(res.rows)
        assert not [e for e in console_errors(d) if "favicon" not in e and "status of 403" not in e]


def _probe_sandbox(conn, port: int) -> None:
    from kg.sparql.sandbox import _library_roots, _sandbox
    out: dict = {"netns": _sandbox(_library_roots())}
    try:
        with open("/etc/passwd", encoding="utf-8") as f:
            out["file"] = "read " + f.read(10)
    except PermissionError:
        out["file"] = "refused"
    try:
        socket.create_connection(("127.0.0.1", port), timeout=2).close()
        out["socket"] = "connected"
    except OSError as e:  # PermissionError from the audit hook
        out["socket"] = type(e).__name__
    if out["netns"]:
        import pyoxigraph
        try:
            list(pyoxigraph.Store().query(f"SELECT * WHERE {{ SERVICE <http://127.0.0.1:{port}/s> {{ ?s ?p ?o }} }}"))
            out["service"] = "ran"
        except Exception as e:  # noqa: BLE001 - any failure is the point
            out["service"] = "failed: " + type(e).__name__
    conn.send(out)


def test_worker_sandbox_blocks_files_and_network_even_without_the_check(canary):
    """Defence in depth behind the algebra check: in a sandboxed worker, Python cannot read
    /etc/passwd or open a socket, and (where a network namespace can be made, e.g. as root in CI)
    even Oxigraph's own SERVICE client, run directly, reaches nothing."""
    import multiprocessing
    ctx = multiprocessing.get_context("fork")
    parent, child = ctx.Pipe()
    p = ctx.Process(target=_probe_sandbox, args=(child, canary.port))
    p.start()
    assert parent.poll(60), "sandbox probe did not answer"
    out = parent.recv()
    p.join(10)
    parent.close()
    child.close()
    assert out["file"] == "refused" and out["socket"] == "PermissionError", out
    if out["netns"]:
        assert out["service"].startswith("failed"), out
    time.sleep(0.3)
    assert canary.hits == []


def test_from_a_served_article_graph_works(server, seed_result):
    """FROM and FROM NAMED naming an article graph that is served are allowed, and scope the query."""
    (g, triples), = seed_result.builder.by_article.items()
    st, _, body = select(server, f"SELECT (COUNT(*) AS ?n) FROM <{g}> WHERE {{ ?s ?p ?o }}")
    assert st == 200, body[:300]
    assert int(json.loads(body)["results"]["bindings"][0]["n"]["value"]) == len(triples)
    st, _, body = select(server, f"SELECT ?g (COUNT(*) AS ?n) FROM NAMED <{g}> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }} GROUP BY ?g")
    assert st == 200, body[:300]
    (row,) = json.loads(body)["results"]["bindings"]
    assert row["g"]["value"] == str(g) and int(row["n"]["value"]) == len(triples)
