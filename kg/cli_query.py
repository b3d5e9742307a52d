"""`kg query`: SPARQL over a graph file."""
from __future__ import annotations

from pathlib import Path

import click


@click.command()
@click.argument("graph", type=click.Path(path_type=Path))
@click.argument("query")
@click.option("-f", "--format", "fmt", type=click.Choice(["table", "csv", "tsv", "json"]), default="table",
              help="Result format (default: a table).")
def query(graph: Path, query: str, fmt: str) -> None:
    """Run a SPARQL QUERY (inline text or a .rq file) over GRAPH.

    \b
    Examples:
        kg query seed.ttl data/queries/01-who-leads-hamas.rq
        kg query seed.ttl "SELECT ?p ?o WHERE { ?p <http://www.w3.org/ns/org#headOf> ?o }" -f csv
    """
    from .graphio import load_graph
    from .query import format_results, read_query, run_query

    text, source = read_query(query)
    g = load_graph(graph)
    vars_, rows = run_query(g, text, source)
    click.echo(format_results(vars_, rows, fmt, g), nl=False)
