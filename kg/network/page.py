"""The interactive page: one offline HTML file, Cytoscape.js inlined, positions precomputed."""
from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import networkx as nx

from ..errors import InputError
from .draw import colours, layout
from .project import EDGE_STYLES, _words, edge_mark, fold


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
