"""Who is connected to whom: kg's RDF graph projected into a networkx MultiDiGraph (what counts as an
actor, an event and a fact, and how edges are folded, is in `project`).

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
