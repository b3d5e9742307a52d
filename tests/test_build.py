"""`kg build` on the seed: output formats, determinism, provenance of every fact, IRIs."""
from __future__ import annotations

import json

import pyoxigraph as ox
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib import Graph, URIRef
from rdflib.compare import isomorphic

from kg.graph.build import build_result
from kg.graph.export import serialize

from .conftest import SEED, run_kg

OX_FORMATS = {"turtle": ox.RdfFormat.TURTLE, "nt": ox.RdfFormat.N_TRIPLES, "trig": ox.RdfFormat.TRIG,
              "nquads": ox.RdfFormat.N_QUADS, "json-ld": ox.RdfFormat.JSON_LD}


def test_seed_builds_core_facts(seed_result):
    g = seed_result.graph
    E = "https://w3id.org/kg-news/id/entity/"
    ORG = "http://www.w3.org/ns/org#"
    assert (URIRef(E + "khalid-mishal"), URIRef(ORG + "headOf"), URIRef(E + "hamas")) in g
    members = {str(o).rsplit("/", 1)[-1] for o in g.objects(URIRef(E + "middle-east-quartet"), URIRef(ORG + "hasMember"))}
    assert members == {"russia", "united-states", "european-union", "united-nations"}
    q = """PREFIX kgo: <https://w3id.org/kg-news/ontology#>
           SELECT ?m WHERE { ?m a kgo:Meeting ; kgo:participant <%ssergei-lavrov> ; kgo:factuality kgo:Asserted }""" % E
    assert len(list(g.query(q))) >= 1, "the delegation's meeting with Lavrov"


@pytest.mark.parametrize("fmt", ["turtle", "nt", "trig", "nquads", "json-ld"])
def test_outputs_parse_with_an_independent_parser(seed_result, fmt):
    b = seed_result.builder
    text = serialize(b.triples, fmt, b.prefixes(), b.by_article)
    quads = list(ox.parse(text.encode("utf-8"), format=OX_FORMATS[fmt]))
    assert len({(q.subject, q.predicate, q.object) for q in quads}) == len(b.triples)


def test_turtle_round_trips_to_the_same_graph(seed_result, seed_turtle):
    g = Graph().parse(data=seed_turtle, format="turtle")
    assert isomorphic(g, seed_result.graph)


def test_no_blank_nodes(seed_result):
    from rdflib import BNode
    assert not any(isinstance(t, BNode) for tr in seed_result.graph for t in tr)


def test_byte_identical_across_runs_and_hash_seeds(tmp_path):
    outs = []
    for seed in ("0", "12345"):
        for fmt in ("ttl", "nq", "jsonld"):
            out = tmp_path / f"{seed}.{fmt}"
            r = run_kg("build", SEED, "-o", out, env={"PYTHONHASHSEED": seed})
            assert r.returncode == 0, r.stderr
            outs.append((fmt, out.read_bytes()))
    for fmt in ("ttl", "nq", "jsonld"):
        assert len({b for f, b in outs if f == fmt}) == 1, f"{fmt} differs between runs"


PROV_GAPS = """
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX kgo: <https://w3id.org/kg-news/ontology#>
PREFIX nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#>
PREFIX dcterms: <http://purl.org/dc/terms/>
SELECT ?s ?p ?o WHERE {
  ?s ?p ?o .
  FILTER(STRSTARTS(STR(?s), "https://w3id.org/kg-news/id/entity/") || STRSTARTS(STR(?s), "https://w3id.org/kg-news/id/node/"))
  FILTER(?p NOT IN (rdf:type, <http://www.w3.org/2000/01/rdf-schema#label>, <http://www.w3.org/2004/02/skos/core#altLabel>,
                    <http://www.w3.org/2002/07/owl#sameAs>, kgo:actorCode, <http://schema.org/containedInPlace>,
                    <http://www.w3.org/ns/org#subOrganizationOf>)  # the gazetteer's
                || STRSTARTS(STR(?s), "https://w3id.org/kg-news/id/node/"))
  FILTER NOT EXISTS {          # an asserted fact: its record names a firing with a rule and a sentence
    ?rec rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ; kgo:factuality kgo:Asserted ; prov:wasGeneratedBy ?f .
    ?f kgo:rule/dcterms:identifier ?rid ; kgo:evidence/nif:anchorOf ?t .
  }
  FILTER NOT EXISTS {          # a triple describing an event, statement or post node: the node has a firing
    { ?s prov:wasGeneratedBy ?f } UNION { ?o prov:wasGeneratedBy ?f }
    ?f kgo:rule/dcterms:identifier ?rid ; kgo:evidence/nif:anchorOf ?t .
  }
}"""


def _oxigraph(turtle: str) -> ox.Store:
    store = ox.Store()
    store.load(turtle.encode("utf-8"), format=ox.RdfFormat.TURTLE)
    return store


def test_every_world_triple_has_evidence_and_a_rule(seed_turtle):
    # run by Oxigraph's SPARQL engine: the same query takes ~20 s in rdflib's
    gaps = list(_oxigraph(seed_turtle).query(PROV_GAPS))
    assert gaps == [], f"{len(gaps)} triples without provenance, e.g. {gaps[:3]}"
    # and the check itself is not vacuous: a triple added by hand is caught
    E = "https://w3id.org/kg-news/id/entity/"
    extra = f"<{E}hamas> <http://www.w3.org/ns/org#headOf> <{E}israel> .\n"
    assert len(list(_oxigraph(seed_turtle + extra).query(PROV_GAPS))) == 1


def test_cited_spans_equal_the_article_text(seed_result):
    q = """PREFIX nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#>
           SELECT ?b ?e ?a ?text WHERE { ?s nif:beginIndex ?b ; nif:endIndex ?e ; nif:anchorOf ?a ;
                                          nif:referenceContext/nif:isString ?text }"""
    rows = list(seed_result.graph.query(q))
    assert len(rows) > 20
    article = SEED.read_text(encoding="utf-8")
    for b, e, a, text in rows:
        assert str(text) == article
        assert article[int(b):int(e)] == str(a)


def test_rdf_graph_has_article_metadata(seed_result):
    g = seed_result.graph
    q = """PREFIX schema: <http://schema.org/>
           SELECT ?h ?d ?pub ?place ?cap ?credit WHERE { ?a a schema:NewsArticle ; schema:headline ?h ; schema:datePublished ?d ;
             schema:publisher ?pub ; schema:locationCreated ?place ; schema:image [ schema:caption ?cap ; schema:creditText ?credit ] }"""
    (h, d, pub, place, cap, credit), = list(g.query(q))
    assert str(h) == "Russia: Hamas Retains Hard Line During Moscow Visit" and str(d) == "2006-03-03"
    assert str(pub).endswith("/entity/rferl") and str(place).endswith("/entity/moscow") and str(credit) == "epa"


def test_base_namespace_is_configurable(pack):
    res = build_result([SEED], pack=pack, base="http://example.org/news/")
    minted = {str(s) for s in res.graph.subjects() if str(s).startswith("http://example.org/news/")}
    kinds = {s[len("http://example.org/news/"):].split("/")[0] for s in minted}
    assert {"entity", "node", "fact", "firing", "article"} <= kinds, kinds  # every kind of minted IRI moved
    assert not any("w3id.org/kg-news/id/" in str(t) for tr in res.graph for t in tr)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(article_id=st.text(min_size=1, max_size=30), body=st.text(min_size=1, max_size=200))
def test_any_unicode_text_gives_valid_iris_and_output(pack, article_id, body):
    from kg.reading.document import parse_article
    from kg.graph.build import build_articles
    if not body.strip():
        return
    art = parse_article("Meshaal met Lavrov in Moscow. " + body, source="t", layout=pack.layout,
                        meta={"id": article_id})
    res = build_articles([art], pack)
    b = res.builder
    for fmt in ("turtle", "nquads"):
        text = serialize(b.triples, fmt, b.prefixes(), b.by_article)
        quads = list(ox.parse(text.encode("utf-8"), format=OX_FORMATS[fmt]))
        assert len({(q.subject, q.predicate, q.object) for q in quads}) == len(b.triples)


def test_summary_line_on_stderr(tmp_path):
    r = run_kg("build", SEED, "-o", tmp_path / "o.ttl")
    assert r.returncode == 0
    line = r.stderr.strip()
    assert line.startswith("kg: 1 article(s): ") and "entities" in line and "triples" in line and "\n" not in line


def test_jsonld_is_json(seed_result):
    b = seed_result.builder
    doc = json.loads(serialize(b.triples, "json-ld", b.prefixes(), b.by_article))
    assert "@context" in doc and "@graph" in doc


def test_build_path_imports_nothing_heavy(tmp_path):
    """SHACL, plotting, networkx, servers, browsers and Dask stay off `kg build`'s path; so do
    rdflib (kg writes its own terms) and, once the rule pack is cached, PyYAML."""
    # kg.cli.main, not the console script, whose quick exit after a build would end the process
    # before the check below prints (that exit is tested in test_console_build_exits_with_output_complete)
    code = ("import sys; sys.argv = ['kg', 'build', %r, '-o', %r, '-q'];\n"
            "from kg.cli import main\ntry:\n    main()\nexcept SystemExit:\n    pass\n"
            "heavy = sorted(m for m in sys.modules if m.split('.')[0] in "
            "{'pyshacl', 'owlrl', 'matplotlib', 'networkx', 'selenium', 'dask', 'distributed', 'pyld', 'socketserver', "
            "'rdflib', 'yaml', 'pyoxigraph'} "
            "or m in {'http.server', 'kg.sparql.serve', 'kg.network', 'kg.graph.validate', 'kg.sparql.push', 'kg.sparql.store'})\n"
            "print(','.join(heavy))") % (str(SEED), str(tmp_path / "o.ttl"))
    import os
    import subprocess
    import sys
    env = dict(os.environ, KG_CACHE_DIR=str(tmp_path / "cache"))
    first = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, env=env)
    assert first.returncode == 0, first.stderr
    assert "yaml" in first.stdout  # the first run parses the pack (so the check below can fail)
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, env=env)
    assert r.returncode == 0, r.stderr
    assert (tmp_path / "o.ttl").stat().st_size > 10000
    assert r.stdout.strip() == "", f"heavy modules imported by kg build: {r.stdout}"


def test_console_build_exits_with_output_complete(tmp_path):
    """The console script (`python -m kg.cli`, the `kg` command) ends a build without tearing down
    its heap: the output must be whole and renamed into place, the summary and every skipped
    article printed, and the exit code kept (0; 1 when an article failed)."""
    import os
    import subprocess
    import sys

    from kg.graph.build import build_result
    from kg.graph.export import serialize

    env = dict(os.environ, KG_CACHE_DIR=str(tmp_path / "cache"))
    out = tmp_path / "seed.ttl"
    r = subprocess.run([sys.executable, "-m", "kg.cli", "build", str(SEED), "-o", str(out)],
                       capture_output=True, text=True, timeout=300, env=env)
    assert r.returncode == 0, r.stderr
    assert "1 article(s)" in r.stderr and str(out) in r.stderr  # the summary line got out before the exit
    res = build_result([SEED])
    assert out.read_bytes() == serialize(res.builder.kg_triples, "turtle", res.builder.prefixes(),
                                         res.builder.kg_graphs).encode()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]  # no temporary file left beside it
    feed = tmp_path / "feed.jsonl"  # its second article has no text: it fails alone
    feed.write_text('{"id": "a", "text": "Sergei Lavrov met Khaled Meshaal in Moscow."}\n{"id": "b"}\n', encoding="utf-8")
    r = subprocess.run([sys.executable, "-m", "kg.cli", "build", str(feed), "-o", str(tmp_path / "two.ttl")],
                       capture_output=True, text=True, timeout=300, env=env)
    assert r.returncode == 1, r.stderr
    assert "skipped" in r.stderr and "feed.jsonl:2" in r.stderr and "1 failed" in r.stderr
    assert "Meshaal" in (tmp_path / "two.ttl").read_text(encoding="utf-8")


def test_kg_terms_follow_rdf_equality():
    """kg's own terms: an IRI never equals a literal of the same text; literals compare lexical
    form, datatype and language; Python values get rdflib's datatypes and lexical forms."""
    from rdflib import Literal as RLiteral
    from rdflib import URIRef

    from kg.graph.terms import IRI, XSD, Literal, from_rdflib, to_rdflib

    assert IRI("http://x/a") != Literal("http://x/a") and len({IRI("http://x/a"), Literal("http://x/a")}) == 2
    assert Literal("1", XSD + "integer") == Literal(1) and Literal("+01", XSD + "integer") == Literal(1)
    assert Literal("a", lang="en") != Literal("a") != Literal("a", XSD + "string")
    assert Literal(True) == Literal("true", XSD + "boolean")
    for ours, theirs in [(IRI("http://x/é"), URIRef("http://x/é")), (Literal(7), RLiteral(7)),
                         (Literal("a", lang="en"), RLiteral("a", lang="en")), (Literal("x"), RLiteral("x")),
                         (Literal("2006-03-03", XSD + "date"), RLiteral("2006-03-03", datatype=URIRef(XSD + "date")))]:
        assert to_rdflib(ours) == theirs and from_rdflib(theirs) == ours
        assert str(to_rdflib(ours)) == str(ours)


def test_rdflib_view_is_the_same_graph(seed_result):
    """The builder's rdflib view (the Python API) holds the same triples as kg's own terms, and kg's
    writers give the same bytes from either."""
    from kg.graph.terms import from_rdflib

    b = seed_result.builder
    assert {tuple(map(from_rdflib, t)) for t in b.triples} == b.kg_triples
    assert {from_rdflib(g) for g in b.by_article} == set(b.kg_graphs)
    for fmt in ("turtle", "nquads", "json-ld"):
        assert serialize(b.triples, fmt, b.prefixes(), b.by_article) == serialize(b.kg_triples, fmt, b.prefixes(), b.kg_graphs)


def test_world_scoped_nodes_are_shared_across_articles(pack):
    """A post (scope: world) is one node in a corpus; a meeting (article scope) is one per article."""
    from kg.graph.build import build_articles
    from kg.reading.document import parse_article
    arts = [parse_article(t, source=f"t{i}", layout=pack.layout, meta={"id": f"a{i}", "date": "2006-03-03"})
            for i, t in enumerate(["Foreign Minister Sergei Lavrov met Khaled Meshaal in Moscow.",
                                   "Foreign Minister Sergey Lavrov met Khaled Meshaal again."])]
    g = build_articles(arts, pack).graph
    ORG = "http://www.w3.org/ns/org#"
    K = "https://w3id.org/kg-news/ontology#"
    posts = set(g.objects(URIRef("https://w3id.org/kg-news/id/entity/sergei-lavrov"), URIRef(ORG + "holds")))
    meetings = set(g.subjects(URIRef(K + "participant"), URIRef("https://w3id.org/kg-news/id/entity/sergei-lavrov")))
    assert len(posts) == 1 and len(meetings) == 2


def test_the_graph_says_where_the_date_came_from_and_keeps_unresolved_times():
    """Issue 16: a date read from the text is recorded with where it came from; an undated article's
    relative times stay unresolved but recorded."""
    import kg
    from rdflib import Literal, URIRef

    K = "https://w3id.org/kg-news/ontology#"
    dated = kg.build_result(texts=["Talks in Moscow\n\nMOSCOW, March 3, 2006 (RFE/RL) -- Lavrov met Meshaal on Friday.\n"]).graph
    assert set(dated.objects(None, URIRef(K + "dateSource"))) == {Literal("dateline")}
    assert set(dated.objects(None, URIRef(K + "dateText"))) == {Literal("March 3, 2006")}
    assert not set(dated.objects(None, URIRef(K + "unresolvedTime")))
    undated = kg.build_result(texts=["Talks in Moscow\n\nLavrov met Meshaal on Friday, as he did last year.\n"]).graph
    assert not set(undated.objects(None, URIRef(K + "dateSource")))
    assert {str(x) for x in undated.objects(None, URIRef(K + "unresolvedTime"))} == {"on Friday", "last year"}


def test_an_articles_graph_is_the_same_alone_or_after_others(pack):
    """The builder keeps what recurs (an entity's description, rule and sentence IRIs, per-rule
    plans): an article built after others in one builder, or built again, gets exactly the
    triples it gets alone, and the N-Quads of a builder are the same however often written."""
    from kg.graph.build import analyse
    from kg.graph.builder import GraphBuilder, Minter
    from kg.graph.export import to_nquads
    from kg.reading.document import parse_article, read_article

    real = SEED.parent.parent.parent / "tests" / "bench" / "real"
    arts = [read_article(SEED, layout=pack.layout),
            *(parse_article(p.read_text(encoding="utf-8"), source=p.name, layout=pack.layout, default_id=p.stem)
              for p in sorted(real.glob("voa-2007-*.txt"))[:2])]
    exs = [analyse(a, pack) for a in arts]
    together = GraphBuilder(pack.vocabulary, pack.gazetteer, Minter())
    for ex in exs:
        together.add_extraction(ex)
    for ex in reversed(exs):
        alone = GraphBuilder(pack.vocabulary, pack.gazetteer, Minter())
        alone.add_extraction(ex)
        (g, ts), = alone.kg_graphs.items()
        assert ts == together.kg_graphs[g]
        assert to_nquads(alone.kg_graphs) == to_nquads({g: together.kg_graphs[g]}) == to_nquads(alone.kg_graphs)
    assert len(together.kg_graphs) == 3 and together.kg_triples == set().union(*together.kg_graphs.values())
