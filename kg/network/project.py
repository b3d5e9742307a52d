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

`kg.network(graph)` calls `network` (the kg.network package is callable).
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import combinations
from typing import Any

import networkx as nx
from rdflib import Graph, Literal, URIRef
from rdflib.term import Node

from ..errors import KgError

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
TIME = "http://www.w3.org/2006/time#"

A = URIRef(RDF + "type")

# Classes whose instances are never actors: provenance, documents, ontology and vocabulary terms.
NON_ACTOR_CLASSES = frozenset({
    KGO + "Rule", KGO + "RuleFiring", KGO + "Factuality", KGO + "Polarity", PROV + "Activity", PROV + "Plan",
    PROV + "Entity", SCHEMA + "NewsArticle", SCHEMA + "Article", SCHEMA + "CreativeWork", SCHEMA + "ImageObject",
    SCHEMA + "MediaObject", SKOS + "Concept", SKOS + "ConceptScheme", RDF + "Statement", RDF + "Property",
    RDFS + "Class", RDFS + "Datatype", ORG + "Membership",
})
NON_ACTOR_NAMESPACES = (NIF, OWL, RDFS, RDF + "", SKOS, TIME)  # time: instants and intervals (a membership's dates)
# Events that restate others: the CAMEO coding of events the rules made. Left out unless asked for
# by name (`predicates`), so each event is drawn once.
RESTATING_EVENTS = frozenset({KGO + "CodedEvent"})
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

    if want_preds is None or not any(_hit([c], want_preds) for c in RESTATING_EVENTS):
        rd.nary = {n for n in rd.nary if not rd.types.get(n, set()) & RESTATING_EVENTS}
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


EDGE_STYLES = {"asserted": ("#555555", "solid"), "claimed": ("#7B3294", "dashed"),
               "hypothetical": ("#1B7837", "dotted"), "negated": ("#C0392B", "solid")}


def edge_mark(d: Mapping[str, Any]) -> str:
    """asserted, claimed, hypothetical or negated: how an edge is drawn."""
    if d.get("negated"):
        return "negated"
    return d.get("factuality", "asserted") if d.get("factuality") in EDGE_STYLES else "asserted"
