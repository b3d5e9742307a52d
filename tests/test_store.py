"""Both stores (rdflib in memory, Oxigraph on disk) hold the same graph and give the same answers.

The competency queries in data/queries/ are run on both; so are a few queries of our own that
exercise joins, aggregates, OPTIONAL, FILTER, paths, GRAPH, ASK, CONSTRUCT and DESCRIBE.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import ROOT, SEED, run_kg

QUERIES = sorted((ROOT / "data" / "queries").glob("*.rq"))
# plain texts of the competency queries that are shaped for Oxigraph: the benchmark times rdflib
# on both and takes the faster, which is a fair comparison only if both give the same answers
PLAIN = sorted((ROOT / "tests" / "bench" / "plain").glob("*.rq"))

P = """PREFIX org: <http://www.w3.org/ns/org#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX schema: <https://schema.org/>
PREFIX kgo: <https://w3id.org/kg-news/ontology#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
"""
OWN = {
    "count": "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }",
    "heads": P + "SELECT ?who ?org WHERE { ?who org:headOf ?org } ORDER BY ?who ?org",
    "labels": P + "SELECT ?e ?l WHERE { ?e a ?t ; rdfs:label ?l FILTER(LANG(?l) = '' || LANGMATCHES(LANG(?l), 'en')) } ORDER BY ?e ?l",
    "types": P + "SELECT ?t (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s a ?t } GROUP BY ?t ORDER BY DESC(?n) ?t",
    "optional": P + "SELECT ?f ?rule WHERE { ?f kgo:factuality ?x OPTIONAL { ?f prov:wasGeneratedBy/kgo:rule ?rule } }",
    "regex": P + "SELECT ?s ?l WHERE { ?s rdfs:label ?l FILTER(REGEX(STR(?l), '^ha', 'i')) }",
    "path": P + "SELECT DISTINCT ?sent WHERE { ?firing kgo:evidence/nif:anchorOf ?sent }",
    "graphs": "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g ORDER BY ?g",
    "ask": P + "ASK { ?who org:headOf ?org }",
    "ask-no": P + "ASK { ?who org:headOf ?who }",
    "construct": P + "CONSTRUCT { ?org org:hasHead ?who } WHERE { ?who org:headOf ?org }",
}
# DESCRIBE's answer is left to each engine by the standard (rdflib adds more than Oxigraph), so it
# is checked for what both must include, not for equality.
DESCRIBE = P + "DESCRIBE <https://w3id.org/kg-news/id/entity/hamas>"


def term_key(t):
    """A backend-neutral key for a result term (blank nodes compare by kind only)."""
    from rdflib import BNode, Literal, URIRef
    if t is None:
        return None
    if isinstance(t, URIRef):
        return ("uri", str(t))
    if isinstance(t, BNode):
        return ("bnode",)
    assert isinstance(t, Literal)
    return ("literal", str(t), t.language or "", str(t.datatype or ""))


def answer(res, ordered: bool):
    """Comparable form of a QueryResult: ordered rows when the query orders, else a sorted bag."""
    if res.kind == "ASK":
        return ("ASK", res.boolean)
    if res.kind == "GRAPH":
        return ("GRAPH", sorted(tuple(map(term_key, t)) for t in res.triples))
    rows = [tuple(term_key(x) for x in r) for r in res.rows]
    return ("SELECT", res.vars, rows if ordered else sorted(rows, key=repr))


def is_ordered(text: str) -> bool:
    return "ORDER BY" in text.upper()


@pytest.fixture(scope="module")
def two_articles(pack):
    """The seed article twice, under two ids: two named graphs that share their entities."""
    from kg.graph.build import build_articles
    from kg.reading.document import parse_article
    text = SEED.read_text(encoding="utf-8")
    arts = [parse_article(text, source=str(SEED), layout=pack.layout, meta={"id": i}) for i in ("seed-a", "seed-b")]
    return build_articles(arts, pack)


@pytest.fixture(scope="module")
def stores(seed_result, two_articles, tmp_path_factory):
    from kg.sparql.store import open_store
    path = tmp_path_factory.mktemp("oxi") / "db"
    out = {}
    for name, res in (("seed", seed_result), ("two", two_articles)):
        mem = open_store("memory")
        mem.replace_graphs(res.builder.by_article, res.builder.prefixes())
        ox = open_store(f"oxigraph:{path}-{name}")
        ox.replace_graphs(res.builder.by_article, res.builder.prefixes())
        out[name] = (mem, ox, res)
    yield out
    for mem, ox, _ in out.values():
        ox.close()


def test_competency_queries_are_all_compared(stores):
    """Every competency question of data/queries/ is compared on both stores (none silently
    dropped from the parity test), and each finds something on the seed, so equal means equal."""
    assert len(QUERIES) >= 12 and {q.name[:2] for q in QUERIES} >= {f"{i:02d}" for i in range(1, 13)}
    mem, ox, _ = stores["seed"]
    for q in QUERIES:
        res = ox.query(q.read_text(encoding="utf-8"))
        assert res.rows or res.boolean, f"{q.name} finds nothing on the seed"


@pytest.mark.parametrize("qfile", QUERIES, ids=[q.stem for q in QUERIES])
@pytest.mark.parametrize("data", ["seed", "two"])
def test_competency_query_same_on_both_stores(stores, qfile: Path, data: str):
    mem, ox, _ = stores[data]
    text = qfile.read_text(encoding="utf-8")
    a, b = mem.query(text), ox.query(text)
    assert answer(a, is_ordered(text)) == answer(b, is_ordered(text)), qfile.name


@pytest.mark.parametrize("plain", PLAIN, ids=[q.stem for q in PLAIN])
@pytest.mark.parametrize("data", ["seed", "two"])
def test_plain_benchmark_text_gives_the_same_answers(stores, plain: Path, data: str):
    shaped = ROOT / "data" / "queries" / plain.name
    assert shaped.is_file(), f"{plain.name}: no competency query of that name"
    for st in stores[data][:2]:  # compared as bags: ties may sort either way
        a = st.query(plain.read_text(encoding="utf-8"))
        assert a.rows, f"{plain.name} finds nothing on the seed: the comparison would be empty"
        b = st.query(shaped.read_text(encoding="utf-8"))
        assert answer(a, ordered=False) == answer(b, ordered=False), (plain.name, st.kind)


@pytest.mark.parametrize("name", sorted(OWN))
@pytest.mark.parametrize("data", ["seed", "two"])
def test_own_query_same_on_both_stores(stores, name: str, data: str):
    mem, ox, _ = stores[data]
    text = OWN[name]
    a, b = mem.query(text), ox.query(text)
    assert answer(a, is_ordered(text)) == answer(b, is_ordered(text))
    if name in ("heads", "types", "labels", "count", "graphs", "construct"):
        assert a.rows or a.triples, f"{name} found nothing: the parity would be empty"


def test_describe_includes_the_resource_on_both_stores(stores):
    from rdflib import URIRef
    mem, ox, res = stores["seed"]
    hamas = URIRef("https://w3id.org/kg-news/id/entity/hamas")
    own = {t for t in res.builder.triples if t[0] == hamas}
    assert own
    for st in (mem, ox):
        r = st.query(DESCRIBE)
        assert r.kind == "GRAPH" and own <= set(r.triples)


def test_union_is_a_set_and_counts_agree(stores):
    """Two articles share entity triples; the default graph counts each triple once in both stores,
    as many as the builder's own union."""
    for data in ("seed", "two"):
        mem, ox, res = stores[data]
        assert mem.triple_count() == ox.triple_count() == len(res.builder.triples)
        n = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
        assert int(mem.query(n).rows[0][0]) == int(ox.query(n).rows[0][0]) == len(res.builder.triples)
    mem, ox, res = stores["two"]
    assert len(mem.graph_names()) == len(ox.graph_names()) == 2
    assert sum(len(ts) for ts in res.builder.by_article.values()) > len(res.builder.triples)  # really shared


def test_replacing_an_article_graph_keeps_shared_triples(two_articles, tmp_path):
    """Rebuilding one article replaces its graph; triples the other article also has stay."""
    from kg.sparql.store import open_store
    by = two_articles.builder.by_article
    a, b = sorted(by)
    with open_store(f"oxigraph:{tmp_path / 'db'}") as ox:
        ox.replace_graphs(by)
        ox.replace_graphs({a: set()})
        assert ox.triple_count() == len(by[b])
        ox.replace_graphs({a: by[a]})
        assert ox.triple_count() == len(two_articles.builder.triples)


def test_result_limit_raises_instead_of_truncating(stores):
    from kg.sparql.store import ResultTooLarge
    for st in stores["seed"][:2]:
        with pytest.raises(ResultTooLarge, match="more than 10 rows"):
            st.query("SELECT * WHERE { ?s ?p ?o }", max_rows=10)


def test_cli_build_into_store_then_query(tmp_path):
    """kg build --store writes one named graph per article; re-running replaces it (no duplicates);
    kg query --store gives the same answer as kg query over the Turtle file."""
    db, ttl = tmp_path / "db", tmp_path / "seed.ttl"
    for _ in range(2):
        r = run_kg("build", SEED, "--store", f"oxigraph:{db}", "-o", ttl)
        assert r.returncode == 0, r.stderr
    assert "1 graph(s) into" in r.stderr
    q = OWN["heads"]
    a = run_kg("query", "--store", f"oxigraph:{db}", q, "-f", "csv")
    b = run_kg("query", ttl, q, "-f", "csv")
    assert a.returncode == b.returncode == 0, a.stderr + b.stderr
    assert a.stdout == b.stdout and "khalid-mishal" in a.stdout
    n = run_kg("query", "--store", f"oxigraph:{db}", OWN["count"], "-f", "tsv")
    m = run_kg("query", ttl, OWN["count"], "-f", "tsv")
    assert n.stdout.splitlines()[1] == m.stdout.splitlines()[1]


def test_cli_store_errors_are_one_line(tmp_path):
    r = run_kg("query", "--store", "bogus", "ASK {}")
    assert r.returncode == 2 and r.stderr.startswith("kg: error: bogus: unknown store") and "Traceback" not in r.stderr
    r = run_kg("query", "--store", f"oxigraph:{tmp_path / 'none'}", "ASK {}")
    assert r.returncode == 2 and "no Oxigraph store here" in r.stderr
    r = run_kg("build", SEED, "--store", "memory")
    assert r.returncode == 2 and "keeps nothing" in r.stderr
    r = run_kg("query", ROOT / "data" / "articles" / SEED.name, "ASK {}")
    assert r.returncode == 2 and "unknown graph format" in r.stderr
    r = run_kg("query", "--store", "oxigraph", "SELEC")
    assert r.returncode == 2
