"""`kg push` into real graph databases started here on loopback, with throwaway folders:
the Oxigraph server (PyPI `oxigraph`) and Virtuoso 7 (Debian `virtuoso-opensource`).

After the push, the competency queries sent to each server's own SPARQL endpoint answer as
`kg query` does, the triple counts match, pushing again duplicates nothing, and no IRI in the store
contains a backslash (Virtuoso 7.2 keeps escaped prefixed names verbatim). In CI these tests never
skip; elsewhere a missing server binary skips them with the reason.
"""
from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import time
import urllib.parse
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

import pytest

from tests.conftest import run_kg, stop
from tests.test_serve import http, json_answer
from tests.test_store import OWN, QUERIES, answer, is_ordered, two_articles  # noqa: F401 (a fixture)

VIRTUOSO_INI = """[Database]
DatabaseFile = {d}/virtuoso.db
ErrorLogFile = {d}/virtuoso.log
LockFile = {d}/virtuoso.lck
TransactionFile = {d}/virtuoso.trx
xa_persistent_file = {d}/virtuoso.pxa
ErrorLogLevel = 7
FileExtend = 200
MaxCheckpointRemap = 2000
Striping = 0
TempStorage = TempDatabase
[TempDatabase]
DatabaseFile = {d}/virtuoso-temp.db
TransactionFile = {d}/virtuoso-temp.trx
MaxCheckpointRemap = 2000
Striping = 0
[Parameters]
ServerPort = 127.0.0.1:{sql}
DisableUnixSocket = 1
DisableTcpSocket = 0
MaxClientConnections = 10
CheckpointInterval = 60
CaseMode = 2
AllowOSCalls = 0
DirsAllowed = .
VADInstallDir = /usr/share/virtuoso-opensource-7/vad/
NumberOfBuffers = 10000
MaxDirtyBuffers = 6000
ThreadsPerQuery = 2
MaxQueryMem = 1G
[HTTPServer]
ServerPort = 127.0.0.1:{http}
ServerRoot = /var/lib/virtuoso-opensource-7/vsp
MaxClientConnections = 10
EnabledDavVSP = 0
HTTPProxyEnabled = 0
ServerThreads = 10
MaxKeepAlives = 10
KeepAliveTimeout = 10
HTTPThreadSize = 280000
Charset = UTF-8
[URIQA]
DynamicLocal = 0
DefaultHost = localhost:{http}
[SPARQL]
ResultSetMaxRows = 100000
MaxQueryCostEstimationTime = 400
MaxQueryExecutionTime = 60
"""


def need(binary: str, package: str) -> str:
    """The binary's path; skip outside CI (fail in CI) when it is missing."""
    path = shutil.which(binary)
    if path is None:
        why = f"{binary} not found (install {package})"
        if os.environ.get("CI"):
            pytest.fail(why)
        pytest.skip(why)
    return path


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_http(url: str, proc: subprocess.Popen, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise AssertionError(f"server exited with {proc.returncode}")
        try:
            st, _, _ = http(url, timeout=2)
            if st < 500:
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise AssertionError(f"{url} did not answer within {seconds} s")


@contextmanager
def running(cmd: list[str], url: str, log: Path, seconds: float = 60) -> Iterator[subprocess.Popen]:
    with open(log, "wb") as out:
        proc = subprocess.Popen(cmd, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
        try:
            wait_http(url, proc, seconds)
            yield proc
        finally:
            stop(proc)


def _write_trig(result, path: Path) -> Path:
    """A build's graphs as TriG, one named graph per article."""
    from kg.graph.export import serialize
    b = result.builder
    path.write_text(serialize(b.kg_triples, "trig", b.prefixes(), b.kg_graphs), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def trig(seed_result, tmp_path_factory) -> Path:
    return _write_trig(seed_result, tmp_path_factory.mktemp("push") / "seed.trig")


@pytest.fixture(scope="module")
def oxigraph_server(tmp_path_factory):
    binary = need("oxigraph", "pip install oxigraph")
    d = tmp_path_factory.mktemp("oxigraph")
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    with running([binary, "serve", "--location", str(d / "db"), "--bind", f"127.0.0.1:{port}"], base + "/", d / "log"):
        yield {"store": base + "/store", "sparql": base + "/query", "push": []}


@pytest.fixture(scope="module")
def virtuoso_server(tmp_path_factory):
    binary = need("virtuoso-t", "Debian package virtuoso-opensource")
    d = tmp_path_factory.mktemp("virtuoso")
    sql, port = free_port(), free_port()
    ini = d / "virtuoso.ini"
    ini.write_text(VIRTUOSO_INI.format(d=d, sql=sql, http=port), encoding="utf-8")
    base = f"http://127.0.0.1:{port}"
    with running([binary, "+foreground", "+configfile", str(ini)], base + "/sparql", d / "log", seconds=120):
        # the -auth endpoint wants digest; dba/dba is the fresh database's default (loopback only)
        yield {"store": base + "/sparql-graph-crud-auth", "sparql": base + "/sparql",
               "push": ["--user", "dba", "--auth", "digest"], "env": {"KG_PUSH_PASSWORD": "dba"},
               "quirks": {"boolean-as-integer"}}


@pytest.fixture(params=["oxigraph", "virtuoso"])
def server(request):
    return request.getfixturevalue(f"{request.param}_server")


def server_select(srv: dict, query: str, graphs: list[str]) -> tuple[int, bytes]:
    """A query to the server's own endpoint, its dataset set to the article graphs by the
    protocol's default-graph-uri / named-graph-uri (the servers' own graphs stay out)."""
    params = [("query", query)] + [("default-graph-uri", g) for g in graphs] + [("named-graph-uri", g) for g in graphs]
    st, _, body = http(srv["sparql"] + "?" + urllib.parse.urlencode(params), headers={"Accept": "application/sparql-results+json"})
    return st, body


XSD = "http://www.w3.org/2001/XMLSchema#"


def normal(ans, quirks: frozenset = frozenset()):
    """Servers may return xsd:string literals typed or plain; kg's stores leave them plain.
    Virtuoso 7.2 gives a boolean expression's value (BIND(EXISTS ...)) as the integer 1 or 0."""
    kind, *rest = ans
    if kind != "SELECT":
        return ans
    vars_, rows = rest

    def fix(k):
        if k and k[0] == "literal":
            if k[3] == XSD + "string":
                return k[:3] + ("",)
            if "boolean-as-integer" in quirks and k[3] == XSD + "boolean":
                return ("literal", "1" if k[1] == "true" else "0", "", XSD + "integer")
        return k
    return (kind, vars_, [tuple(fix(k) for k in r) for r in rows])


def test_push_then_query_gives_kg_query_answers(server, trig, seed_result):
    from rdflib import URIRef
    by = seed_result.builder.by_article
    for _ in range(2):  # twice: PUT replaces, nothing is duplicated
        r = run_kg("push", trig, "--to", server["store"], *server["push"], env=server.get("env"))
        assert r.returncode == 0, r.stderr
        assert f"pushed {len(by)} graph(s), {sum(len(t) for t in by.values())} triples" in r.stderr
    graphs = sorted(map(str, by))
    # same triple count, per graph and in all
    for g in graphs:
        st, body = server_select(server, f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{g}> {{ ?s ?p ?o }} }}", graphs)
        assert st == 200, body[:300]
        assert int(json.loads(body)["results"]["bindings"][0]["n"]["value"]) == len(by[URIRef(g)])
    st, body = server_select(server, OWN["count"], graphs)
    assert int(json.loads(body)["results"]["bindings"][0]["n"]["value"]) == len(seed_result.builder.triples)
    # no IRI with a backslash (Virtuoso 7.2 stores escaped prefixed names verbatim)
    bs = ('SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } FILTER(CONTAINS(STR(?s), "\\\\") || '
          'CONTAINS(STR(?p), "\\\\") || (isIRI(?o) && CONTAINS(STR(?o), "\\\\"))) }')
    st, body = server_select(server, bs, graphs)
    assert st == 200 and int(json.loads(body)["results"]["bindings"][0]["n"]["value"]) == 0
    # every competency query (and our own) answers as kg query over the TriG file
    queries = {q.stem: q.read_text(encoding="utf-8") for q in QUERIES} | {k: v for k, v in OWN.items() if k != "construct"}
    for name, text in queries.items():
        local = run_kg("query", trig, text, "-f", "json")
        assert local.returncode == 0, local.stderr
        st, body = server_select(server, text, graphs)
        assert st == 200, (name, body[:300])
        ordered = is_ordered(text)
        q = frozenset(server.get("quirks", ()))
        assert normal(json_answer(body, ordered), q) == normal(json_answer(local.stdout.encode(), ordered), q), name


@pytest.fixture(scope="module")
def two_trig(two_articles, tmp_path_factory) -> Path:
    """Two articles (the seed under two ids) whose graphs share their entity triples, as TriG."""
    return _write_trig(two_articles, tmp_path_factory.mktemp("push2") / "two.trig")


def test_servers_count_a_shared_triple_once_per_article(server, two_trig, two_articles):
    """What the README says of corpora on a server: each article graph keeps its own copy of the
    entity triples (so PUT can replace one article), and the servers' default graph over several
    graphs is a bag, not kg's set union: COUNT(*) gives the sum of the article graphs, COUNT(DISTINCT)
    kg's count, and every competency query gives kg query's answers once duplicates are dropped."""
    from kg.sparql.store import open_store
    b = two_articles.builder
    r = run_kg("push", two_trig, "--to", server["store"], *server["push"], env=server.get("env"))
    assert r.returncode == 0, r.stderr
    graphs = sorted(map(str, b.by_article))
    per_article = sum(len(t) for t in b.by_article.values())
    assert per_article > len(b.triples)  # they really share triples

    def count(q: str) -> int:
        st, body = server_select(server, q, graphs)
        assert st == 200, body[:300]
        return int(json.loads(body)["results"]["bindings"][0]["n"]["value"])
    assert count(OWN["count"]) == per_article
    assert count("SELECT (COUNT(DISTINCT *) AS ?n) WHERE { ?s ?p ?o }") == len(b.triples)
    mem = open_store("memory")
    mem.load_file(two_trig)
    assert mem.triple_count() == len(b.triples)
    q = frozenset(server.get("quirks", ()))
    for f in QUERIES:
        text = f.read_text(encoding="utf-8")
        st, body = server_select(server, text, graphs)
        assert st == 200, (f.name, body[:300])
        _, vars_, got = normal(json_answer(body, False), q)
        _, want_vars, want = normal(answer(mem.query(text), False), q)
        assert vars_ == want_vars and set(got) == set(want) and want, f.name


UNION = "https://w3id.org/kg-news/id/union"


def test_push_union_answers_as_kg_query(server, two_trig, two_articles):
    """kg push --union IRI also puts the set union of the article graphs in one graph: queries
    over it give kg query's answers exactly (same rows, same order, same counts)."""
    from kg.sparql.store import open_store
    b = two_articles.builder
    r = run_kg("push", two_trig, "--to", server["store"], "--union", UNION, *server["push"], env=server.get("env"))
    assert r.returncode == 0, r.stderr
    assert f"and their union ({len(b.triples)} triples) to {UNION}" in r.stderr
    st, body = server_select(server, OWN["count"], [UNION])
    assert st == 200 and int(json.loads(body)["results"]["bindings"][0]["n"]["value"]) == len(b.triples)
    mem = open_store("memory")
    mem.load_file(two_trig)
    q = frozenset(server.get("quirks", ()))
    for f in QUERIES:
        text = f.read_text(encoding="utf-8")
        st, body = server_select(server, text, [UNION])
        assert st == 200, (f.name, body[:300])
        ordered = is_ordered(text)
        assert normal(json_answer(body, ordered), q) == normal(answer(mem.query(text), ordered), q), f.name
    r = run_kg("push", two_trig, "--to", server["store"], "--union", str(sorted(b.by_article)[0]))
    assert r.returncode == 2 and "--union takes" in r.stderr


def test_push_union_into_the_oxigraph_default_graph(oxigraph_server, two_trig, two_articles):
    """--union default: the Oxigraph server's own default graph (served without
    --union-default-graph) then answers plain queries with kg's set union."""
    r = run_kg("push", two_trig, "--to", oxigraph_server["store"], "--union", "default")
    assert r.returncode == 0, r.stderr
    st, _, body = http(oxigraph_server["sparql"] + "?" + urllib.parse.urlencode({"query": OWN["count"]}),
                       headers={"Accept": "application/sparql-results+json"})
    assert st == 200 and int(json.loads(body)["results"]["bindings"][0]["n"]["value"]) == len(two_articles.builder.triples)


def test_push_reports_bad_credentials_and_unreachable_endpoints(virtuoso_server, oxigraph_server, trig, tmp_path):
    r = run_kg("push", trig, "--to", virtuoso_server["store"], "--user", "dba", "--auth", "digest",
               env={"KG_PUSH_PASSWORD": "wrong"})
    assert r.returncode == 2 and "HTTP 401" in r.stderr and "Traceback" not in r.stderr
    r = run_kg("push", trig, "--to", f"http://127.0.0.1:{free_port()}/store")
    assert r.returncode == 2 and "cannot reach" in r.stderr
    ttl = tmp_path / "seed.ttl"
    ttl.write_text(trig.read_text(encoding="utf-8").split("{", 1)[0], encoding="utf-8")
    r = run_kg("push", ttl, "--to", oxigraph_server["store"])
    assert r.returncode == 2 and "no graph names" in r.stderr


def test_push_from_an_oxigraph_store(oxigraph_server, seed_result, tmp_path):
    """kg build --store, then kg push --store: the store's article graphs go across unchanged."""
    from tests.conftest import SEED
    db = tmp_path / "db"
    assert run_kg("build", SEED, "--store", f"oxigraph:{db}", "-q").returncode == 0
    r = run_kg("push", "--store", f"oxigraph:{db}", "--to", oxigraph_server["store"])
    assert r.returncode == 0, r.stderr
    g = str(next(iter(seed_result.builder.by_article)))
    st, _, body = http(oxigraph_server["store"] + "?graph=" + urllib.parse.quote(g, safe=""),
                       headers={"Accept": "application/n-triples"})
    from rdflib import Graph
    got = Graph().parse(data=body.decode(), format="nt")
    assert st == 200 and set(got) == set(seed_result.builder.by_article[next(iter(seed_result.builder.by_article))])
