"""Who is connected to whom: kg's RDF graph projected into a networkx MultiDiGraph.

Analysts look at the network of actors before they read triples, in Gephi, Cytoscape or a page.
rdflib's own networkx converters turn every literal into a node and lose the predicate, so the
projection is our own and reads only the graph's structure, never particular rules:

* actors are typed IRIs that are neither provenance (rule firings, rules, NIF strings), documents
  (articles, images), ontology terms, fact records nor n-ary nodes;
* n-ary events and statements are the nodes with a `kgo:factuality` that are not fact records
  (or are typed as a `sem:Event`); their roles are the object properties from them to actors;
* facts are the `rdf:subject/predicate/object` records (plain triples between actors that have no
  record are kept too, with no evidence).

Folded (the default), every event or statement becomes actor-to-actor edges (speaker -> addressee,
participant -- participant); unfolded, events are nodes joined to their actors by role edges.
Whatever is claimed, negated or conditional stays marked on its edge (`factuality`, `negated`,
`claimed_by`, `condition`, and a label such as "claim: killed" or "not recognize").

`kg.network(graph)` calls `network` (this module is callable, see the end of the file).
"""
from __future__ import annotations

import json
import math
import re
import sys
import types
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import combinations
from pathlib import Path
from typing import Any

import networkx as nx
from rdflib import Graph, Literal, URIRef
from rdflib.term import Node

from ..errors import InputError, KgError

RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
OWL = "http://www.w3.org/2002/07/owl#"
XSD = "http://www.w3.org/2001/XMLSchema#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
KGO = "https://w3id.org/kg-news/ontology#"
CAMEO = "https://w3id.org/kg-news/cameo#"
NIF = "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#"
PROV = "http://www.w3.org/ns/prov#"
SCHEMA = "http://schema.org/"
ORG = "http://www.w3.org/ns/org#"
SEM = "http://semanticweb.cs.vu.nl/2009/11/sem/"
DCT = "http://purl.org/dc/terms/"
FOAF = "http://xmlns.com/foaf/0.1/"

A = URIRef(RDF + "type")

# Classes whose instances are never actors: provenance, documents, ontology and vocabulary terms.
NON_ACTOR_CLASSES = frozenset({
    KGO + "Rule", KGO + "RuleFiring", KGO + "Factuality", KGO + "Polarity", PROV + "Activity", PROV + "Plan",
    PROV + "Entity", SCHEMA + "NewsArticle", SCHEMA + "Article", SCHEMA + "CreativeWork", SCHEMA + "ImageObject",
    SCHEMA + "MediaObject", SKOS + "Concept", SKOS + "ConceptScheme", RDF + "Statement", RDF + "Property",
    RDFS + "Class", RDFS + "Datatype",
})
NON_ACTOR_NAMESPACES = (NIF, OWL, RDFS, RDF + "", SKOS)
EVENT_ROOTS = (SEM + "Event",)
# Predicates that describe a node's provenance, factuality or text, never a relation between actors.
META_PREDICATES = frozenset({
    RDF + "type", RDF + "subject", RDF + "predicate", RDF + "object", PROV + "wasGeneratedBy", KGO + "factuality",
    KGO + "polarity", KGO + "claimedBy", KGO + "reportedIn", KGO + "cameoCode", KGO + "evidence", KGO + "rule",
    OWL + "sameAs", SCHEMA + "mentions", RDFS + "seeAlso", RDFS + "isDefinedBy",
})
# Broad categories, most specific first (a GovernmentOrganization is a body before an organisation).
CATEGORIES = (
    (KGO + "SpeechAct", "statement"), (SEM + "Event", "event"), (SCHEMA + "Person", "person"),
    (FOAF + "Person", "person"), (KGO + "Group", "group"), (SCHEMA + "GovernmentOrganization", "body"),
    (SCHEMA + "Organization", "organisation"), (ORG + "Organization", "organisation"), (SCHEMA + "Country", "state"),
    (SCHEMA + "Place", "place"), (PROV + "Agent", "agent"),
)
# Links that put two participants of one event on the same side (a leader and his delegation).
SAME_SIDE = (ORG + "headOf", ORG + "hasMember", ORG + "memberOf", KGO + "delegationOf", ORG + "subOrganizationOf")
ACTOR_CATEGORIES = frozenset({"person", "group", "body", "organisation", "state", "place", "agent"})
# How a role of an event or statement is folded, by the local name of the property or of a
# property above it: from sources to targets; places become an attribute of the edge.
SOURCE_ROLES = frozenset({"speaker", "agent", "hasagent", "initiator", "inviter", "sender", "author", "designator",
                          "holder", "claimant", "performer", "requester", "perpetrator", "visitor", "announcedby",
                          "winner", "actor1", "subjectactor"})
TARGET_ROLES = frozenset({"addressee", "target", "hastarget", "recipient", "patient", "invitee", "guest", "designee",
                          "beneficiary", "victim", "affected", "about", "object", "host", "postin", "actor2",
                          "objectactor"})
PLACE_ROLES = frozenset({"hasplace", "place", "location", "destination", "origin", "venue"})
DATE_TYPES = frozenset({XSD + t for t in ("date", "dateTime", "gYear", "gYearMonth", "dateTimeStamp")})
TIME_PREDICATES = (SEM + "hasTimeStamp", SEM + "hasBeginTimeStamp", SEM + "hasEarliestBeginTimeStamp")

# Edge and node attributes every export carries (missing values are "" so tables have no holes).
EDGE_FIELDS = ("label", "relation", "predicate", "event_type", "kind", "factuality", "negated", "claimed_by", "claimed_by_iri",
               "condition", "status", "date", "published", "place", "quote", "cameo", "event", "source_role", "target_role",
               "directed", "evidence", "sentences", "rules", "weight")


def local_name(iri: str) -> str:
    return re.split(r"[#/]", iri.rstrip("/#"))[-1]


def _words(name: str) -> str:
    """headOf -> head of; GovernmentOrganization -> government organization."""
    return re.sub(r"(?<=[a-z0-9])(?=[A-Z])", " ", name).replace("_", " ").lower()


def fold(text: str) -> str:
    """Case, accents and typography folded, for search (Mish’al = mish'al = MISH'AL)."""
    t = unicodedata.normalize("NFKD", text).translate({0x2019: "'", 0x2018: "'", 0x02BC: "'", 0x201C: '"', 0x201D: '"'})
    return "".join(c for c in t if not unicodedata.combining(c)).casefold()


@lru_cache(maxsize=1)
def _shipped_ontology() -> Graph:
    """kg's own ontology (labels, class and property hierarchy), parsed once per process."""
    from ..rules.pack import default_ontology_dir

    g = Graph(bind_namespaces="none")
    for f in sorted(default_ontology_dir().glob("*.ttl")):
        g.parse(str(f), format="turtle")
    return g


@dataclass
class _Schema:
    """Labels and hierarchies from the ontology and from the graph itself (which may carry its own)."""

    labels: dict[str, str] = field(default_factory=dict)
    supers: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    notations: dict[str, str] = field(default_factory=dict)

    def add(self, g: Graph) -> None:
        for p in (RDFS + "subClassOf", RDFS + "subPropertyOf"):
            for s, o in g.subject_objects(URIRef(p)):
                if isinstance(s, URIRef) and isinstance(o, URIRef):
                    self.supers[str(s)].add(str(o))
        for p in (SKOS + "prefLabel", RDFS + "label"):  # rdfs:label wins over skos:prefLabel
            for s, o in sorted(g.subject_objects(URIRef(p))):
                if isinstance(o, Literal) and (o.language in (None, "en") or str(s) not in self.labels):
                    self.labels[str(s)] = str(o)
        for s, o in g.subject_objects(URIRef(SKOS + "notation")):
            self.notations[str(s)] = str(o)

    def ancestors(self, iri: str) -> set[str]:
        out, todo = set(), [iri]
        while todo:
            c = todo.pop()
            if c not in out:
                out.add(c)
                todo.extend(self.supers.get(c, ()))
        return out

    def label(self, iri: str) -> str:
        return self.labels.get(iri) or _words(local_name(iri))


@dataclass(frozen=True)
class _Evidence:
    sentence: str
    text: str
    begin: int | None
    end: int | None
    rule: str
    rule_file: str
    published: str

    def as_dict(self) -> dict[str, Any]:
        return {"sentence": self.sentence, "text": self.text, "begin": self.begin, "end": self.end,
                "rule": self.rule, "rule_file": self.rule_file, "published": self.published}


class _Reader:
    """Reads the graph's structure once: which IRIs are actors, records, n-ary nodes; evidence."""

    def __init__(self, g: Graph, schema: _Schema):
        self.g, self.schema = g, schema
        self._firings: dict[str, tuple[_Evidence, ...]] = {}
        # one pass over the graph into plain dicts: rdflib's per-pattern lookups cost ~10 us each
        self.spo: dict[str, dict[str, list[Node]]] = defaultdict(lambda: defaultdict(list))
        self.incoming: dict[str, list[tuple[str, str]]] = defaultdict(list)  # object IRI -> (subject, property)
        self.mentions: Counter[str] = Counter()
        for s_, p_, o_ in g:
            self.spo[str(s_)][str(p_)].append(o_)
            if isinstance(o_, URIRef):
                self.incoming[str(o_)].append((str(s_), str(p_)))
                if str(p_) == SCHEMA + "mentions":
                    self.mentions[str(o_)] += 1
        self.types: dict[str, set[str]] = defaultdict(set)
        for s, o in g.subject_objects(A):
            if isinstance(s, URIRef) and isinstance(o, URIRef):
                self.types[str(s)].add(str(o))
        self.records = {str(s) for s in g.subjects(URIRef(RDF + "subject")) if isinstance(s, URIRef)}
        nary = {str(s) for s in g.subjects(URIRef(KGO + "factuality")) if isinstance(s, URIRef)}
        nary |= {s for s, ts in self.types.items() if any(self._is(t, EVENT_ROOTS) for t in ts)}
        # a rule may mint an actor as a node (a delegation): its class decides, not its factuality
        self.nary = {n for n in nary - self.records if self.category(n) not in ACTOR_CATEGORIES}
        self.actors = {s for s, ts in self.types.items()
                       if s not in self.records and s not in self.nary and not self._excluded(s, ts)}

    def _is(self, cls: str, roots: Iterable[str]) -> bool:
        anc = self.schema.ancestors(cls)
        return any(r in anc for r in roots)

    def _excluded(self, iri: str, types_: set[str]) -> bool:
        if iri.startswith((KGO, CAMEO, OWL, RDFS, RDF, SKOS, NIF, PROV)):
            return True  # ontology terms and individuals (kgo:Asserted), never actors
        for t in types_:
            if t in NON_ACTOR_CLASSES or t.startswith(NON_ACTOR_NAMESPACES):
                return True
            if self.schema.ancestors(t) & NON_ACTOR_CLASSES:
                return True
        return False

    def objs(self, s: str, p: str) -> list[Node]:
        d = self.spo.get(s)
        return sorted(d.get(p, ())) if d else []

    def pos(self, s: str) -> list[tuple[str, Node]]:
        d = self.spo.get(s)
        return sorted((p, o) for p, os_ in d.items() for o in os_) if d else []

    def one(self, s: str, p: str) -> Node | None:
        vals = self.objs(s, p)
        return vals[0] if vals else None

    def literals(self, s: str, p: str) -> list[str]:
        return sorted(str(o) for o in self.objs(s, p) if isinstance(o, Literal))

    def label(self, iri: str) -> str:
        lab = [o for o in self.objs(iri, RDFS + "label") if isinstance(o, Literal)]
        if lab:
            return str(min(lab, key=lambda o: (o.language not in (None, "en"), str(o))))
        if iri in self.schema.labels:
            return self.schema.labels[iri]
        cls = self.main_type(iri)
        if cls and iri not in self.records:  # a minted node without a name: "delegation (Hamas)"
            near = sorted({self.label(str(o)) for p, o in self.pos(iri)
                           if str(o) in self.actors and str(p) not in META_PREDICATES and str(o) != iri})
            return self.schema.label(cls) + (f" ({', '.join(near)})" if near else "")
        return local_name(iri).replace("-", " ")

    def main_type(self, iri: str) -> str:
        """The most specific class of a node (one that no other of its classes is below)."""
        ts = sorted(self.types.get(iri, ()))
        if not ts:
            return ""
        below = [t for t in ts if not any(o != t and t in self.schema.ancestors(o) for o in ts)]
        return (below or ts)[0]

    def category(self, iri: str) -> str:
        anc = set().union(*(self.schema.ancestors(t) for t in self.types.get(iri, ()))) if self.types.get(iri) else set()
        return next((name for root, name in CATEGORIES if root in anc), "other")

    def _firing(self, firing: str) -> tuple[_Evidence, ...]:
        if firing not in self._firings:
            self._firings[firing] = self._read_firing(firing)
        return self._firings[firing]

    def _read_firing(self, firing: str) -> tuple[_Evidence, ...]:
        rule = self.one(firing, KGO + "rule")
        rid = str(self.one(str(rule), DCT + "identifier") or local_name(str(rule))) if rule is not None else ""
        rfile = str(self.one(str(rule), KGO + "ruleFile") or "") if rule is not None else ""
        out = []
        for sent in self.objs(firing, KGO + "evidence"):
            s = str(sent)
            b, e = self.one(s, NIF + "beginIndex"), self.one(s, NIF + "endIndex")
            ctx = self.one(s, NIF + "referenceContext")
            art = self.one(str(ctx), NIF + "sourceUrl") if ctx is not None else None
            pub = self.one(str(art), SCHEMA + "datePublished") if art is not None else None
            out.append(_Evidence(s, str(self.one(s, NIF + "anchorOf") or ""), int(b) if b is not None else None,
                                 int(e) if e is not None else None, rid, rfile, str(pub or "")))
        if not out:
            out.append(_Evidence("", "", None, None, rid, rfile, ""))
        return tuple(out)

    def evidence(self, iri: str) -> list[_Evidence]:
        ev = [e for f in self.objs(iri, PROV + "wasGeneratedBy") for e in self._firing(str(f))]
        return sorted(set(ev), key=lambda e: (e.published, e.sentence, e.begin or 0, e.rule))

    def status(self, iri: str) -> dict[str, Any]:
        """Factuality, polarity, holder and condition of a fact record or an n-ary node."""
        fact = self.one(iri, KGO + "factuality")
        holder = self.one(iri, KGO + "claimedBy")
        return {
            "factuality": _words(local_name(str(fact))) if fact is not None else "asserted",
            "negated": self.one(iri, KGO + "polarity") == URIRef(KGO + "Negative"),
            "claimed_by": self.label(str(holder)) if holder is not None else "",
            "claimed_by_iri": str(holder) if holder is not None else "",
            "condition": " | ".join(self.literals(iri, KGO + "condition")),
        }

    def dates(self, iri: str) -> list[str]:
        vals = [str(o) for p in TIME_PREDICATES for o in self.objs(iri, p)]
        vals += [str(o) for _, o in self.pos(iri)
                 if isinstance(o, Literal) and o.datatype is not None and str(o.datatype) in DATE_TYPES]
        return sorted(set(vals))


def _matcher(wanted: Iterable[str] | None, g: Graph) -> set[str] | None:
    """User terms (full IRIs, prefixed names or local names, any case) as a set to test against
    each IRI's full form and local name."""
    if wanted is None:
        return None
    out = set()
    for w in wanted:
        w = w.strip()
        if not w:
            continue
        out.add(w.casefold())
        if ":" in w and "://" not in w:
            prefix, _, rest = w.partition(":")
            for p, ns in g.namespaces():
                if p == prefix:
                    out.add((str(ns) + rest).casefold())
    return out


def _hit(iris: Iterable[str], wanted: set[str] | None) -> bool:
    return wanted is None or any(i.casefold() in wanted or local_name(i).casefold() in wanted for i in iris)


def _role_kind(schema: _Schema, prop: str, roles: Mapping[str, str]) -> str:
    for p in sorted(schema.ancestors(prop), key=lambda x: x != prop):
        for key in (p, local_name(p)):
            if key in roles:
                return roles[key]
        name = local_name(p).casefold()
        if name in SOURCE_ROLES:
            return "source"
        if name in TARGET_ROLES:
            return "target"
        if name in PLACE_ROLES:
            return "place"
    return "participant"


def _marked(relation: str, st: Mapping[str, Any]) -> str:
    """The edge's display label: never a plain relation for a claim, a negation or a condition."""
    label = f"not {relation}" if st["negated"] else relation
    if st["factuality"] == "claimed":
        label = f"claim: {label}"
    elif st["factuality"] == "hypothetical":
        label = f"if: {label}"
    return label


def network(graph: Graph, *, fold: bool = True, types: Iterable[str] | None = None,
            predicates: Iterable[str] | None = None, asserted_only: bool = False, isolated: bool = False,
            roles: Mapping[str, str] | None = None, ontology: Graph | None = None,
            analyse: bool = True) -> nx.MultiDiGraph:
    """Project a kg graph into a networkx MultiDiGraph of actors (and, unfolded, events).

    fold: turn each event or statement into actor-to-actor edges (else keep it as a node).
    types: keep only nodes with one of these classes (IRI, prefixed name or local name; classes
        above a node's class count, so "Organization" keeps GovernmentOrganizations).
    predicates: keep only edges with one of these predicates (for folded edges: event classes).
    asserted_only: drop claimed, hypothetical and negated edges.
    isolated: keep actors with no edge.
    roles: role property (IRI or local name) -> "source" | "target" | "participant" | "place",
        for roles the built-in names do not cover.
    ontology: classes and labels to use besides the graph's own (default: kg's shipped ontology).
    analyse: add degree, betweenness and community to every node.
    """
    schema = _Schema()
    schema.add(_shipped_ontology() if ontology is None else ontology)
    schema.add(graph)
    rd = _Reader(graph, schema)
    want_types, want_preds = _matcher(types, graph), _matcher(predicates, graph)
    known = set(schema.labels) | set(schema.supers) | {t for ts in rd.types.values() for t in ts}
    known |= {str(p) for p in graph.predicates()}
    for what, wanted in (("type", types), ("predicate", predicates)):
        for w in wanted or ():  # a typo should say so, not give an empty network
            if not _hit(known, _matcher([w], graph)):
                raise KgError(f"{what} {w!r} is not a class or property of the graph or of kg's ontology")
    roles = dict(roles or {})

    def keep_node(iri: str) -> bool:
        anc = set().union(*(schema.ancestors(t) for t in rd.types.get(iri, ()))) if rd.types.get(iri) else set()
        return _hit(anc, want_types)

    nodes = {a for a in rd.actors if keep_node(a)}
    if not fold:
        nodes |= {n for n in rd.nary if keep_node(n)}
    edges: list[tuple[str, str, dict[str, Any]]] = []
    solo: dict[str, list[dict[str, Any]]] = defaultdict(list)

    def add_edge(s: str, o: str, attrs: dict[str, Any], ev: list[_Evidence]) -> None:
        if asserted_only and (attrs["factuality"] != "asserted" or attrs["negated"]):
            return
        if not _hit([attrs["predicate"]], want_preds):
            return
        attrs = {k: attrs.get(k, "") for k in EDGE_FIELDS} | {"_evidence": [e.as_dict() for e in ev]}
        attrs["negated"] = bool(attrs["negated"])
        attrs["directed"] = attrs["directed"] is not False  # False only for participant -- participant
        attrs["evidence"] = " ".join(e.sentence for e in ev if e.sentence)
        attrs["sentences"] = "\n".join(dict.fromkeys(e.text for e in ev if e.text))
        attrs["rules"] = " ".join(dict.fromkeys(e.rule for e in ev if e.rule))
        attrs["published"] = min((e.published for e in ev if e.published), default="")
        attrs["weight"] = float(max(1, len({e.sentence for e in ev})))
        edges.append((s, o, attrs))

    # Facts: one edge per record, plus plain triples between kept nodes that no record covers.
    covered = set()
    for rec in sorted(rd.records):
        s, p, o = (rd.one(rec, RDF + x) for x in ("subject", "predicate", "object"))
        if not (isinstance(s, URIRef) and isinstance(p, URIRef) and isinstance(o, URIRef)):
            continue
        covered.add((str(s), str(p), str(o)))
        if str(s) not in nodes or str(o) not in nodes:
            continue
        st = rd.status(rec)
        rel = schema.label(str(p))
        add_edge(str(s), str(o), {**st, "relation": rel, "label": _marked(rel, st), "predicate": str(p),
                                  "kind": "fact", "event": rec}, rd.evidence(rec))
    for s in sorted(nodes - rd.nary):
        for p, obj in rd.pos(s):
            o = str(obj)
            if isinstance(obj, URIRef) and o in nodes and o not in rd.nary and p not in META_PREDICATES and (s, p, o) not in covered:
                rel = schema.label(p)
                add_edge(s, o, {"factuality": "asserted", "negated": False, "relation": rel, "label": rel,
                                "predicate": p, "kind": "fact"}, [])

    # Events and statements: folded into actor-to-actor edges, or role edges to and from the event node.
    def same_side(a: str, b: str) -> bool:
        return any(URIRef(y) in rd.objs(x, p) for x, y in ((a, b), (b, a)) for p in SAME_SIDE)

    incoming = {n: [(s, p) for s, p in rd.incoming.get(n, ()) if s in rd.actors and p not in META_PREDICATES]
                for n in rd.nary}  # node -> (actor, property): Lavrov org:holds post
    info: dict[str, dict[str, Any]] = {}
    for n in sorted(rd.nary):
        cls = rd.main_type(n)
        own = rd.literals(n, RDFS + "label")
        kind_txt = schema.label(cls) if cls else "event"
        # a speech act reads best as the text's own verb ("urged", "called on"); an event as its kind
        cue = rd.literals(n, KGO + "cue") if rd.category(n) == "statement" else []
        rel = min(own) if own else (cue[0] if cue else kind_txt)
        status = rd.one(n, KGO + "status")
        status_txt = schema.label(str(status)) if isinstance(status, URIRef) else ""
        qualifiers = sorted({schema.label(str(o)) for p, o in rd.pos(n)
                             if isinstance(o, URIRef) and p not in META_PREDICATES and p != KGO + "status"
                             and str(o) not in rd.actors and str(o) not in rd.nary and str(o) not in rd.records
                             and str(o) in schema.labels})  # concepts: post: foreign minister
        if qualifiers:
            rel = f"{rel} {', '.join(qualifiers)}" if cue and not own else f"{rel}: {', '.join(qualifiers)}"
        if status_txt and status_txt != "happened":
            rel = f"{status_txt} {rel}"
        st = rd.status(n)
        dates = rd.dates(n)
        cameo = rd.objs(n, KGO + "cameoCode")
        cameo_txt = "; ".join(f"{schema.notations.get(str(c), local_name(str(c)))} {schema.labels.get(str(c), '')}".strip()
                              for c in cameo)
        quote = " | ".join(rd.literals(n, KGO + "quote") or rd.literals(n, KGO + "content"))
        base = {**st, "relation": rel, "label": _marked(rel, st), "predicate": cls, "event": n, "status": status_txt,
                "event_type": kind_txt,
                "date": dates[0] if dates else "", "cameo": cameo_txt, "quote": quote}
        info[n] = base
        ev = rd.evidence(n)
        by_kind: dict[str, list[tuple[str, str]]] = defaultdict(list)
        outgoing = [(p, str(o)) for p, o in rd.pos(n) if isinstance(o, URIRef) and p not in META_PREDICATES]
        for p, o in outgoing:
            if o in rd.actors:
                by_kind[_role_kind(schema, p, roles)].append((o, p))
        for a, p in sorted(incoming.get(n, ())):
            kind = _role_kind(schema, p, roles)
            by_kind["source" if kind == "participant" else kind].append((a, p))
        places = by_kind.pop("place", [])
        if not fold:
            if n in nodes:
                for p, o in outgoing:
                    if o in nodes and o not in rd.records:
                        r = schema.label(p)
                        add_edge(n, o, {**base, "relation": r, "label": r, "predicate": p, "kind": "role",
                                        "target_role": p}, ev)
                for a, p in sorted(incoming.get(n, ())):
                    if a in nodes:
                        r = schema.label(p)
                        add_edge(a, n, {**base, "relation": r, "label": r, "predicate": p, "kind": "role",
                                        "source_role": p}, ev)
            continue
        src, tgt, par = by_kind["source"], by_kind["target"], by_kind["participant"]
        if src or tgt:
            froms = src + (par if src and tgt else []) if src else par
            tos = tgt if tgt else par
            pairs = [(a, b) for a in froms for b in tos if a[0] != b[0]]
        else:  # participants on an equal footing, except a member and its group, who are one side
            ordered = sorted(par, key=lambda x: (rd.label(x[0]).casefold(), x[0]))
            pairs = [(a, b) for a, b in combinations(ordered, 2) if a[0] != b[0] and not same_side(a[0], b[0])]
        pairs = list({(a[0], b[0]): (a, b) for a, b in reversed(pairs) if a[0] in nodes and b[0] in nodes}.values())[::-1]
        place_txt = ", ".join(sorted({rd.label(o) for o, _ in places}))
        for (a, pa), (b, pb) in dict.fromkeys(pairs):
            add_edge(a, b, {**base, "kind": "event", "place": place_txt, "source_role": pa, "target_role": pb,
                            "directed": bool(src or tgt)}, ev)
        if not pairs:
            actors = list(dict.fromkeys(x for x in src + tgt + par if x[0] in nodes))
            if len({a for a, _ in actors}) == 1 and places:
                a, pa = actors[0]
                for o, po in places:
                    if o in nodes:
                        add_edge(a, o, {**base, "kind": "event", "place": rd.label(o), "source_role": pa,
                                        "target_role": po}, ev)
            else:
                for a, pa in actors:  # a statement with one actor: shown with that actor's details
                    solo[a].append(dict(base) | {"role": schema.label(pa), "evidence": [e.as_dict() for e in ev],
                                                 "mark": edge_mark(base)})

    G = nx.MultiDiGraph(name="kg network", folded=fold)
    used = {x for s, o, _ in edges for x in (s, o)}
    for iri in sorted(nodes if isolated else nodes & (used | set(solo))):
        cls = rd.main_type(iri)
        label = rd.label(iri)
        if iri in info:  # an event or statement kept as a node: what it is, and when
            label = " ".join(x for x in (info[iri]["label"], info[iri]["date"]) if x)
        G.add_node(iri, label=label, name=label, type=local_name(cls) if cls else "Thing",
                   type_iri=cls, types=" ".join(sorted(local_name(t) for t in rd.types.get(iri, ()))),
                   category=rd.category(iri), iri=iri,
                   aliases=" | ".join(rd.literals(iri, SKOS + "altLabel")),
                   mentions=rd.mentions[iri],
                   date=(rd.dates(iri) or [""])[0], _solo=solo.get(iri, []))
    edges.sort(key=lambda e: (e[0], e[1], e[2]["label"], e[2]["event"], e[2]["source_role"], e[2]["target_role"]))
    for i, (s, o, attrs) in enumerate(edges):
        attrs["interaction"] = attrs["label"]  # Cytoscape's name for an edge's type
        G.add_edge(s, o, key=f"e{i}", **attrs)
    if analyse:
        add_centrality(G)
    return G


def add_centrality(G: nx.MultiDiGraph) -> None:
    """degree, in/out degree, betweenness and community as node attributes (so exports and the
    page can size and group nodes by them). Communities: greedy modularity on the undirected
    graph, numbered by size then by their first label, so the numbering is stable."""
    simple = nx.Graph()
    simple.add_nodes_from(G.nodes)
    for s, o in G.edges():
        if s != o:
            w = simple.get_edge_data(s, o, {"weight": 0})["weight"]
            simple.add_edge(s, o, weight=w + 1)
    k = None if len(simple) <= 1000 else 500
    bc = nx.betweenness_centrality(simple, k=k, seed=0) if len(simple) > 2 else {n: 0.0 for n in simple}
    comms: list[set[str]] = []
    if simple.number_of_edges():
        comms = [set(c) for c in nx.community.greedy_modularity_communities(simple, weight="weight")]
    done = set().union(*comms) if comms else set()
    comms += [{n} for n in simple if n not in done]
    comms.sort(key=lambda c: (-len(c), min(G.nodes[n]["label"].casefold() for n in c)))
    community = {n: i for i, c in enumerate(comms) for n in c}
    for n in G.nodes:
        G.nodes[n].update(degree=G.degree(n), in_degree=G.in_degree(n), out_degree=G.out_degree(n),
                          betweenness=round(bc.get(n, 0.0), 6), community=community[n])


# -- statistics -------------------------------------------------------------------------------

KNOWN_PREFIXES = {"kgo": KGO, "cameo": CAMEO, "schema": SCHEMA, "org": ORG, "sem": SEM, "prov": PROV, "nif": NIF,
                  "skos": SKOS, "rdf": RDF, "rdfs": RDFS, "owl": OWL, "xsd": XSD, "dcterms": DCT, "foaf": FOAF}


def _prefixes(g: Graph) -> list[tuple[str, str]]:
    """kg's usual prefixes first (rdflib renames a file's schema: to schema1: because it binds
    https://schema.org/ itself), then the graph's own; longest namespace first."""
    names = list(KNOWN_PREFIXES.items()) + sorted((p, str(ns)) for p, ns in g.namespaces())
    return sorted(names, key=lambda x: -len(x[1]))


def _curie(names: list[tuple[str, str]], iri: str) -> str:
    for p, ns in names:
        if p and iri.startswith(str(ns)) and re.fullmatch(r"[\w.-]*", iri[len(str(ns)):]):
            return f"{p}:{iri[len(str(ns)):]}"
    return f"<{iri}>"


def stats(graph: Graph, G: nx.MultiDiGraph | None = None, top: int = 10) -> dict[str, Any]:
    """What the graph holds (classes, predicates, rule firings) and who is central in its network."""
    G = network(graph) if G is None else G
    names = _prefixes(graph)
    classes = Counter(str(o) for o in graph.objects(None, A))
    classes = Counter({_curie(names, k): n for k, n in classes.items()})
    preds = Counter(str(p) for _, p, _ in graph)
    preds = Counter({_curie(names, k): n for k, n in preds.items()})
    firings = Counter()
    for f in graph.subjects(A, URIRef(KGO + "RuleFiring")):
        for r in graph.objects(f, URIRef(KGO + "rule")):
            ident = graph.value(r, URIRef(DCT + "identifier"))
            firings[str(ident) if ident is not None else local_name(str(r))] += 1
    nodes = sorted(G.nodes, key=lambda n: (-G.nodes[n].get("degree", 0), -G.nodes[n].get("betweenness", 0.0),
                                           G.nodes[n]["label"].casefold()))
    central = [{"label": G.nodes[n]["label"], "type": G.nodes[n]["type"], "iri": n,
                "degree": G.nodes[n].get("degree", 0), "betweenness": G.nodes[n].get("betweenness", 0.0)}
               for n in nodes[:top]]
    comm: dict[int, list[str]] = defaultdict(list)
    for n in sorted(G.nodes, key=lambda n: G.nodes[n]["label"].casefold()):
        comm[G.nodes[n].get("community", 0)].append(G.nodes[n]["label"])
    marks = Counter("negated" if d.get("negated") else d.get("factuality", "asserted") for _, _, d in G.edges(data=True))

    def ordered(c: Counter) -> dict[str, int]:
        return dict(sorted(c.items(), key=lambda kv: (-kv[1], kv[0])))

    return {"triples": len(graph), "classes": ordered(classes), "predicates": ordered(preds),
            "rule_firings": ordered(firings),
            "network": {"nodes": G.number_of_nodes(), "edges": G.number_of_edges(), "folded": G.graph.get("folded", True),
                        "edges_by_factuality": ordered(marks)},
            "central": central, "communities": [comm[k] for k in sorted(comm)]}


def format_stats(st: Mapping[str, Any]) -> str:
    """The figures of `stats` as plain text for a terminal."""
    out = [f"{st['triples']} triples"]
    for title, key in (("classes", "classes"), ("predicates", "predicates"), ("rule firings", "rule_firings")):
        out.append(f"\n{title} ({len(st[key])}):")
        out += [f"  {n:6d}  {k}" for k, n in st[key].items()]
    net = st["network"]
    marks = ", ".join(f"{n} {k}" for k, n in net["edges_by_factuality"].items()) or "none"
    out.append(f"\nnetwork ({'folded' if net['folded'] else 'with events'}): {net['nodes']} actors, "
               f"{net['edges']} relations ({marks})")
    out.append("\nmost central actors:")
    out.append(f"  {'degree':>6}  {'betweenness':>11}  actor")
    out += [f"  {c['degree']:6d}  {c['betweenness']:11.4f}  {c['label']} ({c['type']})" for c in st["central"]]
    out.append(f"\ncommunities ({len(st['communities'])}):")
    out += [f"  {i}: {', '.join(c[:12])}" + (f" (+{len(c) - 12} more)" if len(c) > 12 else "")
            for i, c in enumerate(st["communities"])]
    return "\n".join(out) + "\n"


# -- exports ------------------------------------------------------------------------------------

FORMATS = {".graphml": "graphml", ".gexf": "gexf", ".json": "json", ".cyjs": "cyjs", ".html": "html", ".htm": "html",
           ".png": "png", ".svg": "svg"}


def format_for(path: str | Path | None, fmt: str | None) -> str:
    if fmt:
        if fmt.lower() not in set(FORMATS.values()):
            raise KgError(f"unknown network format {fmt!r} (use {', '.join(sorted(set(FORMATS.values())))})")
        return fmt.lower()
    if path is None:
        return "json"
    ext = Path(path).suffix.lower()
    if ext not in FORMATS:
        raise InputError(path, f"unknown network format {ext or '(no extension)'!r} "
                               f"(use {', '.join(sorted(FORMATS))})")
    return FORMATS[ext]


def flat(G: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy with only the scalar attributes that GraphML and GEXF can hold (no `_` internals)."""
    H = nx.MultiDiGraph()
    H.graph.update({k: v for k, v in G.graph.items() if isinstance(v, (str, int, float, bool))})
    for n, d in G.nodes(data=True):
        H.add_node(n, **{k: v for k, v in d.items() if not k.startswith("_") and isinstance(v, (str, int, float, bool))})
    for s, o, k, d in G.edges(keys=True, data=True):
        H.add_edge(s, o, key=k, **{a: v for a, v in d.items()
                                   if not a.startswith("_") and isinstance(v, (str, int, float, bool))})
    return H


def node_link(G: nx.MultiDiGraph) -> dict[str, Any]:
    """networkx node-link data (edges under "edges"), structured evidence included."""
    data = nx.node_link_data(G, edges="edges")
    for n in data["nodes"]:
        n["solo"] = n.pop("_solo", [])
    for e in data["edges"]:
        e["evidence_detail"] = e.pop("_evidence", [])
    return data


def to_text(G: nx.MultiDiGraph, fmt: str, title: str = "kg network") -> str:
    """GraphML, GEXF, node-link JSON, Cytoscape.js JSON or the interactive page, as text."""
    import io

    if fmt == "graphml":
        buf = io.BytesIO()
        nx.write_graphml(flat(G), buf, encoding="utf-8", prettyprint=True)  # key ids d0, d1...: unique, as the schema wants
        return buf.getvalue().decode("utf-8")
    if fmt == "gexf":
        buf = io.BytesIO()
        nx.write_gexf(flat(G), buf, encoding="utf-8", prettyprint=True)
        # networkx stamps the writing date into <meta>: drop it so the same graph gives the same file
        return re.sub(r' lastmodifieddate="[^"]*"', "", buf.getvalue().decode("utf-8"), count=1)
    if fmt == "json":
        return json.dumps(node_link(G), ensure_ascii=False, indent=1, sort_keys=True) + "\n"
    if fmt == "cyjs":
        data = nx.cytoscape_data(flat(G))
        return json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
    if fmt == "html":
        return render_page(G, title)
    raise KgError(f"{fmt} is not a text format")


def write(G: nx.MultiDiGraph, path: str | Path, fmt: str | None = None, title: str = "kg network") -> str:
    """Write the network to `path` in the format its extension names (or `fmt`); returns the format.
    The file appears whole or not at all."""
    path = Path(path)
    fmt = format_for(path, fmt)
    if fmt in ("png", "svg"):
        data = draw(G, fmt, title)
    else:
        data = to_text(G, fmt, title).encode("utf-8")
    from ..graph.export import write_atomic

    write_atomic(path, data)
    return fmt


MAX_EDGE_LABELS = 150  # above this many relations the picture shows no relation labels
# The picture's scale: one layout unit is UNIT_IN inches; a label character is about CHAR_IN inches
# wide and a node with its label LINE_IN high. Layout works in these units so labels can be kept apart.
UNIT_IN, CHAR_IN, LINE_IN = 1.2, 0.085, 0.6
EDGE_CLEARANCE = 0.3  # layout units between a node and an edge that passes it by


def _box(label: str) -> tuple[float, float]:
    """Half width and half height, in layout units, of a node with its label under it."""
    return max(0.45, len(label) * CHAR_IN / UNIT_IN / 2 + 0.2), LINE_IN / UNIT_IN / 2 + 0.25  # room for edge labels


def _declutter(pos: dict[str, list[float]], boxes: dict[str, tuple[float, float]],
               links: Mapping[tuple[str, str], float] | None = None, rounds: int = 80) -> None:
    """Push apart nodes whose label boxes overlap, along the axis where they overlap least, and
    linked nodes closer than their edge labels need, so every name stays legible. Quadratic per
    round: only for graphs that can be read as a picture."""
    names = sorted(pos)
    if len(names) > 400:
        return
    for _ in range(rounds):
        moved = False
        if len(names) * len(links or ()) <= 100_000:  # nodes off edges that do not end at them
            for (u, v) in sorted(links or ()):
                (ax_, ay), (bx, by) = pos[u], pos[v]
                ux, uy = bx - ax_, by - ay
                seg = ux * ux + uy * uy
                if seg < 1e-12:
                    continue
                for w in names:
                    if w in (u, v):
                        continue
                    t = ((pos[w][0] - ax_) * ux + (pos[w][1] - ay) * uy) / seg
                    if not 0.05 < t < 0.95:
                        continue
                    cx, cy = ax_ + t * ux, ay + t * uy
                    dx, dy = pos[w][0] - cx, pos[w][1] - cy
                    dist = math.hypot(dx, dy)
                    if dist < EDGE_CLEARANCE:
                        moved = True
                        if dist < 1e-9:
                            dx, dy, dist = -uy, ux, math.sqrt(seg)
                        pos[w][0] += dx / dist * (EDGE_CLEARANCE - min(dist, EDGE_CLEARANCE) + 0.01)
                        pos[w][1] += dy / dist * (EDGE_CLEARANCE - min(dist, EDGE_CLEARANCE) + 0.01)
        for (u, v), need in sorted((links or {}).items()):
            dx, dy = pos[v][0] - pos[u][0], pos[v][1] - pos[u][1]
            dist = math.hypot(dx, dy)
            if dist < need:
                moved = True
                if dist < 1e-9:
                    dx, dy, dist = 1.0, 0.0, 1.0
                push = (need - dist) / 2 + 0.01
                pos[u][0] -= dx / dist * push
                pos[u][1] -= dy / dist * push
                pos[v][0] += dx / dist * push
                pos[v][1] += dy / dist * push
        for i, u in enumerate(names):
            for v in names[i + 1:]:
                dx, dy = pos[v][0] - pos[u][0], pos[v][1] - pos[u][1]
                ox = boxes[u][0] + boxes[v][0] - abs(dx)
                oy = boxes[u][1] + boxes[v][1] - abs(dy)
                if ox <= 0 or oy <= 0:
                    continue
                moved = True
                if oy < ox:
                    shift = (oy / 2 + 0.01) * (1 if dy >= 0 else -1)
                    pos[u][1] -= shift
                    pos[v][1] += shift
                else:
                    shift = (ox / 2 + 0.01) * (1 if dx >= 0 else -1)
                    pos[u][0] -= shift
                    pos[v][0] += shift
        if not moved:
            return


def layout(G: nx.MultiDiGraph, seed: int = 7) -> tuple[dict[str, tuple[float, float]], str]:
    """Node positions (in layout units, see UNIT_IN) and how they were made. Each connected
    component gets its own spring layout (fixed seed), its labels are pushed apart, and the
    components are packed in rows, biggest first, so small groups neither drift to the corners
    nor pile up. Without numpy (networkx's layouts need it; kg does not require it) a circle,
    which the page refines in the browser."""
    nodes = sorted(G.nodes)
    if not nodes:
        return {}, "empty"
    label = {v: str(G.nodes[v].get("label", v)) for v in nodes}
    try:
        import numpy  # noqa: F401
    except ImportError:
        n = len(nodes)
        r = max(1.0, n * 0.35)
        return {v: (round(r * math.cos(2 * math.pi * i / n), 4), round(r * math.sin(2 * math.pi * i / n), 4))
                for i, v in enumerate(nodes)}, "circle"
    simple = nx.Graph()
    simple.add_nodes_from(nodes)
    simple.add_edges_from((s, o) for s, o in sorted(G.edges()) if s != o)
    comps = sorted((sorted(c) for c in nx.connected_components(simple)),
                   key=lambda c: (-len(c), min(label[v].casefold() for v in c)))
    size = {v: _box(label[v]) for v in nodes}
    links: dict[tuple[str, str], float] = {}
    for s, o, d in G.edges(data=True):  # an edge must be long enough to show its labels side by side
        if s != o:
            key = (min(s, o), max(s, o))
            links[key] = max(links.get(key, 0.0), len(str(d.get("label", ""))) * CHAR_IN * 0.8 / UNIT_IN + 0.9)
    packed = []  # (width, height, positions relative to the box's top-left corner)
    for comp in comps:
        if len(comp) == 1:
            local = {comp[0]: [0.0, 0.0]}
        else:
            raw = nx.spring_layout(simple.subgraph(comp), k=1.6 / math.sqrt(len(comp)), seed=seed, iterations=300)
            xs, ys = [raw[v][0] for v in comp], [raw[v][1] for v in comp]
            span = max(max(xs) - min(xs), max(ys) - min(ys)) or 1.0
            scale = 2.2 * math.sqrt(len(comp)) / span
            local = {v: [float(raw[v][0]) * scale, float(raw[v][1]) * scale] for v in comp}
            _declutter(local, size, {k: v for k, v in links.items() if k[0] in local})
        x0 = min(p[0] - size[v][0] for v, p in local.items())
        x1 = max(p[0] + size[v][0] for v, p in local.items())
        y0 = min(p[1] - size[v][1] for v, p in local.items())
        y1 = max(p[1] + size[v][1] for v, p in local.items())
        packed.append((x1 - x0 + 0.5, y1 - y0 + 0.5, {v: (p[0] - x0 + 0.25, p[1] - y1 - 0.25) for v, p in local.items()}))
    width = max(max(w for w, _, _ in packed), math.sqrt(sum(w * h for w, h, _ in packed) * 1.4))
    pos: dict[str, tuple[float, float]] = {}
    x = y = row = 0.0
    for w, h, local in packed:
        if x > 0 and x + w > width:
            x, y, row = 0.0, y - row, 0.0
        for v, (px, py) in local.items():
            pos[v] = (round(x + px, 4), round(y + py, 4))
        x += w
        row = max(row, h)
    return dict(sorted(pos.items())), "spring"


# Colours by type, in the order of the sorted type names (Tableau 10, red last: red marks negations;
# then Okabe-Ito for graphs with more types).
PALETTE = ("#4E79A7", "#F28E2B", "#59A14F", "#B07AA1", "#76B7B2", "#EDC948", "#9C755F", "#FF9DA7", "#BAB0AC",
           "#E15759", "#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00")
EDGE_STYLES = {"asserted": ("#555555", "solid"), "claimed": ("#7B3294", "dashed"),
               "hypothetical": ("#1B7837", "dotted"), "negated": ("#C0392B", "solid")}


def colours(G: nx.MultiDiGraph) -> dict[str, str]:
    """type -> colour, the same in the picture and the page."""
    names = sorted({d.get("type", "Thing") for _, d in G.nodes(data=True)}, key=str.casefold)
    return {t: PALETTE[i % len(PALETTE)] for i, t in enumerate(names)}


def edge_mark(d: Mapping[str, Any]) -> str:
    """asserted, claimed, hypothetical or negated: how an edge is drawn."""
    if d.get("negated"):
        return "negated"
    return d.get("factuality", "asserted") if d.get("factuality") in EDGE_STYLES else "asserted"


def draw(G: nx.MultiDiGraph, fmt: str = "png", title: str = "kg network") -> bytes:
    """A static picture (PNG or SVG) with matplotlib: nodes coloured by type and sized by degree,
    labels on white boxes, edge labels, dashed claims, dotted conditions, red negations, a legend.
    Deterministic: fixed layout seed, no dates or versions in the file."""
    try:
        import matplotlib
        from matplotlib.figure import Figure
        from matplotlib.lines import Line2D
        from matplotlib.patches import FancyArrowPatch
    except ImportError:
        raise KgError("PNG and SVG need matplotlib: pip install 'kg-news[viz]'") from None
    pos, _ = layout(G)
    cols = colours(G)
    xs = [p[0] for p in pos.values()] or [0.0]
    ys = [p[1] for p in pos.values()] or [0.0]
    pad = 0.9
    x0, x1, y0, y1 = min(xs) - pad, max(xs) + pad, min(ys) - pad, max(ys) + pad
    w_in, h_in = (x1 - x0) * UNIT_IN, (y1 - y0) * UNIT_IN
    shrink = min(1.0, 26.0 / w_in, 20.0 / h_in)  # very large networks: smaller, labels may touch
    w_in, h_in = max(w_in * shrink, 4.0), max(h_in * shrink, 3.0)
    legend_in, title_in = 3.4, 0.7
    unit = UNIT_IN * shrink  # inches per layout unit
    with matplotlib.rc_context({"svg.fonttype": "none", "svg.hashsalt": "kg", "font.family": "DejaVu Sans"}):
        fig = Figure(figsize=(w_in + legend_in, h_in + title_in), dpi=110)
        W, H = w_in + legend_in, h_in + title_in
        ax = fig.add_axes((0.0, 0.0, w_in / W, h_in / H))
        ax.set_axis_off()
        fig.suptitle(f"{title}: {G.number_of_nodes()} actors, {G.number_of_edges()} relations", fontsize=15,
                     x=w_in / W / 2, y=1 - 0.25 / H)
        if not pos:
            ax.text(0.5, 0.5, "no actors", ha="center", va="center", fontsize=14, transform=ax.transAxes)
        ax.set_xlim((x0 + x1) / 2 - w_in / unit / 2, (x0 + x1) / 2 + w_in / unit / 2)
        ax.set_ylim((y0 + y1) / 2 - h_in / unit / 2, (y0 + y1) / 2 + h_in / unit / 2)
        size = {v: 260 + 140 * math.sqrt(min(G.degree(v), 40)) for v in G.nodes}  # hubs stay readable
        # parallel edges (either direction) get their own arcs; equal labels on one pair are drawn once
        groups: dict[tuple[str, str], list[tuple[str, str, dict[str, Any]]]] = defaultdict(list)
        for s, o, d in G.edges(data=True):
            groups[tuple(sorted((s, o)))].append((s, o, d))
        marks_seen = set()
        for pair in sorted(groups):
            seen: dict[tuple[str, str, str], int] = {}
            for s, o, d in groups[pair]:
                seen[(s, o, d["label"])] = seen.get((s, o, d["label"]), 0) + 1
            for i, ((s, o, label), count) in enumerate(seen.items()):
                d = next(d for s2, o2, d in groups[pair] if (s2, o2, d["label"]) == (s, o, label))
                mark = edge_mark(d)
                marks_seen.add(mark)
                colour, style = EDGE_STYLES[mark]
                rad = 0.0 if len(seen) == 1 else 0.3 * (i - (len(seen) - 1) / 2)
                if (s, o) != pair:
                    rad = -rad  # arc3 bends relative to the edge's own direction
                if s == o:
                    continue
                (x1, y1), (x2, y2) = pos[s], pos[o]
                ax.add_patch(FancyArrowPatch((x1, y1), (x2, y2), connectionstyle=f"arc3,rad={rad}",
                                             arrowstyle="-|>" if d.get("directed", True) else "-", mutation_scale=14, color=colour, linestyle=style,
                                             linewidth=1.4, shrinkA=math.sqrt(size[s]) / 2 + 2,
                                             shrinkB=math.sqrt(size[o]) / 2 + 2, zorder=1))
                mx, my = (x1 + x2) / 2, (y1 + y2) / 2
                mx, my = mx + rad * (y2 - y1) / 2, my - rad * (x2 - x1) / 2  # on the arc's middle
                text = label if count == 1 else f"{label} (\u00d7{count})"
                if G.number_of_edges() > MAX_EDGE_LABELS:
                    continue  # a hairball's edge labels hide its nodes; the exports keep them
                ax.text(mx, my, text, fontsize=8, color=colour, ha="center", va="center", zorder=1.5,
                        bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none", "alpha": 0.8})
        for v in sorted(G.nodes):
            x, y = pos[v]
            d = G.nodes[v]
            ax.scatter([x], [y], s=size[v], c=cols[d.get("type", "Thing")], edgecolors="#333333", linewidths=0.8,
                       zorder=2)
            ax.text(x, y - (math.sqrt(size[v]) / 2 + 2) / 72 / unit, d["label"], fontsize=10.5, ha="center", va="top",
                    zorder=4, bbox={"boxstyle": "round,pad=0.2", "fc": "white", "ec": "#cccccc", "alpha": 0.9})
        handles = [Line2D([], [], marker="o", linestyle="", markersize=10, markerfacecolor=c, markeredgecolor="#333333",
                          label=_words(t)) for t, c in cols.items()]
        for mark in ("asserted", "claimed", "hypothetical", "negated"):
            if mark in marks_seen:
                colour, style = EDGE_STYLES[mark]
                handles.append(Line2D([], [], color=colour, linestyle=style, linewidth=1.6, label=f"{mark} relation"))
        if handles:
            fig.legend(handles=handles, loc="upper left", bbox_to_anchor=(w_in / W + 0.1 / W, 1 - title_in / H), fontsize=11,
                       frameon=True,
                       title="actor types and relations", title_fontsize=11)
        import io

        buf = io.BytesIO()
        meta = {"Software": None} if fmt == "png" else {"Date": None, "Creator": None}
        fig.savefig(buf, format=fmt, metadata=meta, facecolor="white", bbox_inches="tight", pad_inches=0.25)
    return buf.getvalue()


WEB = Path(__file__).resolve().parent.parent / "web"


def page_data(G: nx.MultiDiGraph, title: str) -> dict[str, Any]:
    """What the interactive page shows: Cytoscape.js elements with precomputed positions, the
    evidence of every edge, the colours, and the date range."""
    pos, kind = layout(G)
    cols = colours(G)
    scale = 105.0  # pixels per layout unit: the page's 12 px labels then keep the picture's spacing
    nodes, edges = [], []
    for v in sorted(G.nodes):
        d = G.nodes[v]
        data = {k: val for k, val in d.items() if not k.startswith("_")}
        data.update(id=v, colour=cols[d.get("type", "Thing")], size=round(22 + 9 * math.sqrt(min(d.get("degree", 0), 40)), 1),
                    solo=d.get("_solo", []), search=fold(" ".join([d["label"], d.get("aliases", ""), v])))
        x, y = pos.get(v, (0.0, 0.0))
        nodes.append({"data": data, "position": {"x": round(x * scale, 1), "y": round(-y * scale, 1)}})
    dates = []
    for s, o, k, d in G.edges(keys=True, data=True):
        data = {a: val for a, val in d.items() if not a.startswith("_")}
        data.update(id=k, source=s, target=o, mark=edge_mark(d), detail=d.get("_evidence", []))
        if d.get("date") or d.get("published"):
            dates.append(d.get("date") or d.get("published"))
        edges.append({"data": data})
    return {"title": title, "layout": kind, "types": [{"name": t, "label": _words(t), "colour": c} for t, c in cols.items()],
            "edgeStyles": {k: {"colour": c, "style": s} for k, (c, s) in EDGE_STYLES.items()},
            "nodes": nodes, "edges": edges, "dates": {"min": min(dates, default=""), "max": max(dates, default="")}}


def render_page(G: nx.MultiDiGraph, title: str = "kg network") -> str:
    """One self-contained HTML file: the template, Cytoscape.js inlined, the data as JSON. No URL
    is fetched when it opens, so it works offline and from an e-mail attachment."""
    try:
        template = (WEB / "network.html").read_text(encoding="utf-8")
        lib = (WEB / "cytoscape.min.js").read_text(encoding="utf-8")
    except OSError as e:
        raise InputError(WEB, f"kg's web files are missing from this installation: {e.strerror or e}") from None
    data = json.dumps(page_data(G, title), ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    safe = data.replace("<", "\\u003c")  # no "</script>" or "<!--" can end the data block early
    html = template.replace("{{title}}", _html_escape(title))
    html = html.replace("/*KG_CYTOSCAPE*/", lib.replace("</script", "<\\/script"), 1)
    return html.replace("/*KG_DATA*/", safe, 1)


def _html_escape(s: str) -> str:
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


class _CallableModule(types.ModuleType):
    """`kg.network` is both this module and the function: Python binds the submodule to the
    package attribute whenever it is imported, so the module itself forwards calls."""

    def __call__(self, graph: Graph, **options: Any) -> nx.MultiDiGraph:
        return network(graph, **options)


sys.modules[__name__].__class__ = _CallableModule
