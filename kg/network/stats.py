"""Statistics of a graph and of its network: classes, predicates, rule firings, central actors."""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Mapping
from typing import Any

import networkx as nx
from rdflib import Graph, URIRef

from .project import A, CAMEO, DCT, FOAF, KGO, NIF, ORG, OWL, PROV, RDF, RDFS, SCHEMA, SEM, SKOS, XSD, local_name, network


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
