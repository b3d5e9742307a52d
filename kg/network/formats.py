"""Writing a network to a file: GraphML, GEXF, node-link JSON, Cytoscape.js JSON, the page, a picture."""
from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import networkx as nx

from ..errors import InputError, KgError
from .draw import draw
from .page import render_page


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
