"""`kg explain`: the evidence behind an entity or a fact in a built graph, found by SPARQL over
the provenance kg writes (fact records, rule firings, NIF sentences)."""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..errors import KgError

if TYPE_CHECKING:  # rdflib is imported when a graph is explained, not when kg is imported
    from rdflib import Graph, URIRef

RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
SKOS_ALT_LABEL = "http://www.w3.org/2004/02/skos/core#altLabel"

PREFIXES = """PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#>
PREFIX kgo: <https://w3id.org/kg-news/ontology#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX schema: <http://schema.org/>
"""

EVIDENCE = PREFIXES + """
SELECT ?what ?s ?p ?o ?fact ?rule ?file ?b ?e ?text WHERE {
  { ?what rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o . FILTER(?s = ?x || ?o = ?x) }
  UNION
  { ?what ?p ?x ; prov:wasGeneratedBy [] . FILTER NOT EXISTS { ?what rdf:subject [] } BIND(?what AS ?s) BIND(?x AS ?o) }
  ?what prov:wasGeneratedBy ?firing .
  OPTIONAL { ?what kgo:factuality ?fact }
  ?firing kgo:rule [ dcterms:identifier ?rule ; kgo:ruleFile ?file ] ;
          kgo:evidence [ nif:beginIndex ?b ; nif:endIndex ?e ; nif:anchorOf ?text ] .
} ORDER BY ?b ?rule ?what
"""

MENTIONS = PREFIXES + """
SELECT ?b ?e ?text WHERE { ?sent schema:mentions ?x ; nif:beginIndex ?b ; nif:endIndex ?e ; nif:anchorOf ?text } ORDER BY ?b
"""

# How a node or fact record itself was made: its firings' rules and sentences.
OWN = PREFIXES + """
SELECT ?rule ?file ?b ?e ?text WHERE {
  ?x prov:wasGeneratedBy ?firing .
  ?firing kgo:rule [ dcterms:identifier ?rule ; kgo:ruleFile ?file ] ;
          kgo:evidence [ nif:beginIndex ?b ; nif:endIndex ?e ; nif:anchorOf ?text ] .
} ORDER BY ?b ?rule
"""


@dataclass
class Evidence:
    """One fact or node statement with the rule and sentence that produced it."""

    subject: str
    predicate: str
    object: str
    record: str
    factuality: str
    rule: str
    rule_file: str
    begin: int
    end: int
    sentence: str


def find_entities(g: Graph, name: str) -> list[URIRef]:
    """Entities whose IRI, id (last IRI segment), label or alias equals `name` (case-insensitive)."""
    from rdflib import Literal, URIRef

    key = name.casefold().strip()
    hits = set()
    labels = (URIRef(RDFS_LABEL), URIRef(SKOS_ALT_LABEL))
    for s, p, o in g.triples((None, None, None)):
        if not isinstance(s, URIRef):
            continue
        if p in labels and isinstance(o, Literal) and str(o).casefold() == key:
            hits.add(s)
        elif str(s) == name or "/entity/" in str(s) and str(s).rsplit("/", 1)[-1].casefold() == key:
            hits.add(s)
    return sorted(hits)


def evidence(g: Graph, iri: URIRef) -> list[Evidence]:
    from rdflib import URIRef

    rows = g.query(EVIDENCE, initBindings={"x": iri})
    return [Evidence(*(g.namespace_manager.normalizeUri(t) if isinstance(t, URIRef) else str(t)
                       for t in (r.s, r.p, r.o, r.what)),
                     str(r.fact).rsplit("#", 1)[-1] if r.fact else "", str(r.rule), str(r.file), int(r.b), int(r.e),
                     str(r.text)) for r in rows]


def mentions(g: Graph, iri: URIRef) -> list[tuple[int, int, str]]:
    return [(int(r.b), int(r.e), str(r.text)) for r in g.query(MENTIONS, initBindings={"x": iri})]


def explain(g: Graph, name: str) -> str:
    """A readable report: for an entity (name, id or IRI) its facts, events and mentions with their
    sentences and rules; for a fact written `s p o` the records of that fact."""
    parts = name.split()
    if len(parts) == 3 and ":" in parts[1]:
        return _explain_fact(g, *parts)
    from rdflib import URIRef

    labels = (URIRef(RDFS_LABEL),)
    ents = find_entities(g, name)
    if not ents:
        raise KgError(f"no entity named {name!r} in the graph (try its id, label or an alias)")
    out = []
    for iri in ents:
        label = g.value(iri, labels[0])
        out.append(f"{label or iri} <{iri}>")
        ev = evidence(g, iri)
        if not ev:
            out.append("  no facts, events or statements")
        out += _report(ev, "  ", with_record=False)
        ms = mentions(g, iri)
        out.append(f"  mentioned in {len(ms)} sentence(s)" + (":" if ms else ""))
        out += [f"    {b}-{e}: {t}" for b, e, t in ms]
    return "\n".join(out)


def _explain_fact(g: Graph, s: str, p: str, o: str) -> str:
    from rdflib import URIRef

    nm = g.namespace_manager

    def resolve(x: str) -> list[URIRef]:
        if ":" in x and not x.startswith("http"):
            try:
                return [URIRef(nm.expand_curie(x))]
            except ValueError:
                pass
        return find_entities(g, x) or [URIRef(x)]

    found = []
    for si in resolve(s):
        for pi in resolve(p):
            for oi in resolve(o):
                found += [e for e in evidence(g, si) if e.predicate == nm.normalizeUri(pi) and
                          e.object == nm.normalizeUri(oi) and e.subject == nm.normalizeUri(si)]
    out = _report(found, "", with_record=True)
    if not out:
        raise KgError(f"no fact {s} {p} {o} in the graph")
    return "\n".join(out)


def _report(evs: list[Evidence], indent: str, with_record: bool) -> list[str]:
    """One block per fact and rule, with every sentence it rests on (a join rule's fact rests on
    the sentences it joined)."""
    blocks: dict[tuple[str, ...], list[Evidence]] = {}
    for e in evs:
        blocks.setdefault((e.subject, e.predicate, e.object, e.record, e.factuality, e.rule, e.rule_file), []).append(e)
    out = []
    for (s, p, o, rec, fact, rule, rfile), es in blocks.items():
        out.append(f"{indent}{s} {p} {o}  [{fact or 'asserted'}]" + (f"  {rec}" if with_record else ""))
        out.append(f"    rule {rule} ({rfile})")
        spans = dict.fromkeys((e.begin, e.end, e.sentence) for e in es)  # one line per sentence, however many firings
        out += [f"    sentence {b}-{e}: {s}" for b, e, s in spans]
    return out


def explain_page() -> bytes:
    """The evidence page that `kg serve` offers at /explain?iri=IRI: the view of `kg explain`,
    made in the browser from these same queries sent to the endpoint (so every query still goes
    through the endpoint's checks and limits)."""
    import json
    from pathlib import Path

    tpl = (Path(__file__).resolve().parent.parent / "web" / "explain.html").read_text(encoding="utf-8")
    for name, q in (("EVIDENCE", EVIDENCE), ("MENTIONS", MENTIONS), ("OWN", OWN)):
        tpl = tpl.replace(f'/*KG_{name}*/""', json.dumps(q).replace("</", "<\\/"), 1)
    return tpl.encode("utf-8")
