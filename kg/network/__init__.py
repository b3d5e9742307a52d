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

`kg.network(graph)` calls `network` (this package is callable, see the end of the file).
The package is split by job: project (RDF to networkx), stats, formats (files), draw (the
picture), page (the interactive HTML).
"""
from __future__ import annotations

import sys
import types
from typing import Any

import networkx as nx
from rdflib import Graph

from .draw import MAX_EDGE_LABELS, PALETTE, colours, draw, layout  # noqa: F401
from .formats import FORMATS, flat, format_for, node_link, to_text, write  # noqa: F401
from .page import WEB, page_data, render_page  # noqa: F401
from .project import EDGE_STYLES, add_centrality, edge_mark, fold, local_name, network  # noqa: F401
from .stats import KNOWN_PREFIXES, format_stats, stats  # noqa: F401


class _CallableModule(types.ModuleType):
    """`kg.network` is both this module and the function: Python binds the submodule to the
    package attribute whenever it is imported, so the module itself forwards calls."""

    def __call__(self, graph: Graph, **options: Any) -> nx.MultiDiGraph:
        return network(graph, **options)


sys.modules[__name__].__class__ = _CallableModule
