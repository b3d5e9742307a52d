"""The static picture (PNG, SVG): a layout that keeps labels apart, drawn with matplotlib."""
from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import networkx as nx

from ..errors import KgError
from .project import EDGE_STYLES, _words, edge_mark


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


def colours(G: nx.MultiDiGraph) -> dict[str, str]:
    """type -> colour, the same in the picture and the page."""
    names = sorted({d.get("type", "Thing") for _, d in G.nodes(data=True)}, key=str.casefold)
    return {t: PALETTE[i % len(PALETTE)] for i, t in enumerate(names)}


def draw(G: nx.MultiDiGraph, fmt: str = "png", title: str = "kg network") -> bytes:
    """A static picture (PNG or SVG) with matplotlib: nodes coloured by type and sized by degree,
    labels on white boxes, edge labels where they fit, dashed claims, dotted conditions, red
    negations, a legend. Deterministic: fixed layout seed, no dates or versions in the file."""
    import io

    fig, _ = figure(G, title)
    buf = io.BytesIO()
    meta = {"Software": None} if fmt == "png" else {"Date": None, "Creator": None}
    import matplotlib

    with matplotlib.rc_context({"svg.fonttype": "none", "svg.hashsalt": "kg", "font.family": "DejaVu Sans"}):
        fig.savefig(buf, format=fmt, metadata=meta, facecolor="white", bbox_inches="tight", pad_inches=0.25)
    return buf.getvalue()


@dataclass
class Labels:
    """The texts of a picture: node labels, the edge labels drawn, and how many did not fit."""
    nodes: list[Any] = field(default_factory=list)
    edges: list[Any] = field(default_factory=list)
    hidden: int = 0

    def boxes(self, renderer: Any) -> list[tuple[str, tuple[float, float, float, float]]]:
        """(text, (x0, y0, x1, y1)) in pixels, white box included, for every label drawn."""
        return [(a.get_text(), _extent(a, renderer)) for a in self.nodes + self.edges]


def _extent(artist: Any, renderer: Any, pad: float = 1.0) -> tuple[float, float, float, float]:
    patch = artist.get_bbox_patch()
    if patch is not None:
        artist.update_bbox_position_size(renderer)
        b = patch.get_window_extent(renderer)
    else:
        b = artist.get_window_extent(renderer)
    return (b.x0 - pad, b.y0 - pad, b.x1 + pad, b.y1 + pad)


def _overlap(a: tuple[float, float, float, float], b: tuple[float, float, float, float]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def figure(G: nx.MultiDiGraph, title: str = "kg network") -> tuple[Any, Labels]:
    """The matplotlib Figure of `draw`, and its labels. Edge labels are placed last, each at the
    first point along its edge (middle first) where its box touches no node, node label or edge
    label already placed; one that fits nowhere is left out (the exports and the page keep it),
    so no two labels of the picture overlap (tests/test_network.py checks the boxes)."""
    try:
        import matplotlib
        from matplotlib.backends.backend_agg import FigureCanvasAgg
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
    labels = Labels()
    with matplotlib.rc_context({"svg.fonttype": "none", "svg.hashsalt": "kg", "font.family": "DejaVu Sans"}):
        fig = Figure(figsize=(w_in + legend_in, h_in + title_in), dpi=110)
        renderer = FigureCanvasAgg(fig).get_renderer()
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
        taken: list[tuple[float, float, float, float]] = []
        for v in sorted(G.nodes):
            x, y = pos[v]
            d = G.nodes[v]
            ax.scatter([x], [y], s=size[v], c=cols[d.get("type", "Thing")], edgecolors="#333333", linewidths=0.8,
                       zorder=2)
            label = ax.text(x, y - (math.sqrt(size[v]) / 2 + 2) / 72 / unit, d["label"], fontsize=10.5, ha="center",
                            va="top", zorder=4, bbox={"boxstyle": "round,pad=0.2", "fc": "white", "ec": "#cccccc", "alpha": 0.9})
            labels.nodes.append(label)
            px, py = ax.transData.transform((x, y))
            r = math.sqrt(size[v]) / 2 * fig.dpi / 72
            taken += [(px - r, py - r, px + r, py + r), _extent(label, renderer)]
        # parallel edges (either direction) get their own arcs; equal labels on one pair are drawn once
        groups: dict[tuple[str, str], list[tuple[str, str, dict[str, Any]]]] = defaultdict(list)
        for s, o, d in G.edges(data=True):
            groups[tuple(sorted((s, o)))].append((s, o, d))
        marks_seen = set()
        pending = []
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
                (ax1, ay1), (ax2, ay2) = pos[s], pos[o]
                ax.add_patch(FancyArrowPatch((ax1, ay1), (ax2, ay2), connectionstyle=f"arc3,rad={rad}",
                                             arrowstyle="-|>" if d.get("directed", True) else "-", mutation_scale=14,
                                             color=colour, linestyle=style, linewidth=1.4,
                                             shrinkA=math.sqrt(size[s]) / 2 + 2, shrinkB=math.sqrt(size[o]) / 2 + 2, zorder=1))
                text = label if count == 1 else f"{label} (\u00d7{count})"
                pending.append((text, colour, (ax1, ay1), (ax2, ay2), rad))
        if G.number_of_edges() <= MAX_EDGE_LABELS:  # a hairball's edge labels hide its nodes; the exports keep them
            # short labels first: more of them fit; then by text, so the result does not depend on edge order
            for text, colour, (ax1, ay1), (ax2, ay2), rad in sorted(pending, key=lambda e: (len(e[0]), e[0], e[2], e[3])):
                cx, cy = (ax1 + ax2) / 2 + rad * (ay2 - ay1), (ay1 + ay2) / 2 - rad * (ax2 - ax1)  # arc3's control point
                art = ax.text(0, 0, text, fontsize=8, color=colour, ha="center", va="center", zorder=1.5,
                              bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none", "alpha": 0.85})
                for tt in (0.5, 0.4, 0.6, 0.3, 0.7, 0.2, 0.8):
                    u = 1 - tt  # a point of the quadratic Bezier curve arc3 draws
                    art.set_position((u * u * ax1 + 2 * u * tt * cx + tt * tt * ax2, u * u * ay1 + 2 * u * tt * cy + tt * tt * ay2))
                    box = _extent(art, renderer)
                    if not any(_overlap(box, b) for b in taken):
                        taken.append(box)
                        labels.edges.append(art)
                        break
                else:
                    art.remove()
                    labels.hidden += 1
        handles = [Line2D([], [], marker="o", linestyle="", markersize=10, markerfacecolor=c, markeredgecolor="#333333",
                          label=_words(t)) for t, c in cols.items()]
        for mark in ("asserted", "claimed", "hypothetical", "negated"):
            if mark in marks_seen:
                colour, style = EDGE_STYLES[mark]
                handles.append(Line2D([], [], color=colour, linestyle=style, linewidth=1.6, label=f"{mark} relation"))
        if labels.hidden:
            handles.append(Line2D([], [], linestyle="", label=f"{labels.hidden} relation label(s) left out: no room"))
        if handles:
            fig.legend(handles=handles, loc="upper left", bbox_to_anchor=(w_in / W + 0.1 / W, 1 - title_in / H), fontsize=11,
                       frameon=True, title="actor types and relations", title_fontsize=11)
    return fig, labels
