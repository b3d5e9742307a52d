"""`kg network` and `kg stats`: the graph's actors as a network for Gephi, Cytoscape, a browser or a
picture, and its figures. Imported only when one of these commands runs (kg.cli.LAZY_COMMANDS), so
`kg build` never loads networkx's readers or matplotlib."""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import click


def projection_options(fn: Callable[..., Any]) -> Callable[..., Any]:
    """The choices of kg.network(), shared by both commands."""
    fn = click.option("--isolated", is_flag=True, help="Keep actors that have no relation.")(fn)
    fn = click.option("--asserted-only", is_flag=True, help="Drop claimed, conditional and negated relations.")(fn)
    fn = click.option("-p", "--predicate", "predicates", multiple=True,
                      help="Keep only relations with this predicate or event class (repeatable; IRI, "
                           "prefixed or local name: org:headOf, headOf, Meeting).")(fn)
    fn = click.option("-t", "--type", "types", multiple=True,
                      help="Keep only nodes of this class or a class below it (repeatable: Person, "
                           "schema:Organization, ...).")(fn)
    fn = click.option("--events", is_flag=True,
                      help="Keep events and statements as nodes (default: fold them into actor-to-actor relations).")(fn)
    return fn


def _project(graph_path: Path, events: bool, types: tuple[str, ...], predicates: tuple[str, ...],
             asserted_only: bool, isolated: bool) -> tuple[Any, Any]:
    from ..graph.graphio import load_graph
    from ..network import network

    g = load_graph(graph_path)
    G = network(g, fold=not events, types=types or None, predicates=predicates or None,
                asserted_only=asserted_only, isolated=isolated)
    return g, G


@click.command("network")
@click.argument("graph", type=click.Path(path_type=Path))
@click.option("-o", "--output", type=click.Path(path_type=Path),
              help="Output file: .graphml, .gexf (Gephi, Cytoscape), .json (node-link), .cyjs (Cytoscape.js), "
                   ".html (interactive page), .png or .svg (picture). Default: node-link JSON on standard output.")
@click.option("-f", "--format", "fmt", help="graphml, gexf, json, cyjs, html, png or svg (default: from the -o extension).")
@click.option("--title", default=None, help="Title of the page or picture (default: the graph file's name).")
@projection_options
def network_cmd(graph: Path, output: Path | None, fmt: str | None, title: str | None, events: bool,
                types: tuple[str, ...], predicates: tuple[str, ...], asserted_only: bool, isolated: bool) -> None:
    """Export the network of actors in GRAPH (a graph file from kg build).

    Nodes are persons, organisations, states, bodies and places; relations are facts and the
    events and statements between them, each with its evidence sentences and rules. Claims,
    conditions and negations stay marked (attributes factuality, negated, claimed_by).

    \b
    Examples:
        kg network seed.ttl -o seed.graphml        # open in Gephi or Cytoscape
        kg network seed.ttl -o seed.html           # offline page: search, filter, click for evidence
        kg network seed.ttl -o seed.png            # a picture (needs kg-news[viz])
        kg network seed.ttl -t Person -t Organization --asserted-only -o people.gexf
    """
    from . import _check_writable
    from ..network import format_for, to_text, write

    fmt = format_for(output, fmt)
    if output is not None:
        _check_writable(output)
    elif fmt in ("png", "svg"):
        raise click.UsageError(f"{fmt} needs an output file (-o FILE.{fmt})")
    _, G = _project(graph, events, types, predicates, asserted_only, isolated)
    title = title or f"kg network of {graph.name}"
    if output is None:
        click.echo(to_text(G, fmt, title), nl=False)
        return
    write(G, output, fmt, title)
    click.echo(f"kg: {G.number_of_nodes()} nodes, {G.number_of_edges()} relations -> {output} ({fmt})", err=True)


@click.command("stats")
@click.argument("graph", type=click.Path(path_type=Path))
@click.option("--top", type=click.IntRange(min=1), default=10, show_default=True, help="How many central actors to list.")
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
@projection_options
def stats_cmd(graph: Path, top: int, as_json: bool, events: bool, types: tuple[str, ...],
              predicates: tuple[str, ...], asserted_only: bool, isolated: bool) -> None:
    """Figures of GRAPH: triples per class and per predicate, rule firings, the most central actors
    (degree, betweenness) and the communities of its network.

    \b
    Example:
        kg stats seed.ttl --top 5
    """
    import json

    from ..network import format_stats, stats

    g, G = _project(graph, events, types, predicates, asserted_only, isolated)
    st = stats(g, G, top=top)
    click.echo(json.dumps(st, ensure_ascii=False, indent=1) if as_json else format_stats(st), nl=as_json)
