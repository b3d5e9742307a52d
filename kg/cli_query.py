"""`kg query`, `kg serve` and `kg push`: SPARQL over graph files or stores, an endpoint, loading
into graph databases. Imported only when one of these commands runs (see kg.cli.LAZY_COMMANDS)."""
from __future__ import annotations

from pathlib import Path

import click

from .store import STORE_HELP


def _open(graphs: tuple[Path, ...], store_spec: str | None):
    """The store to query: the given files loaded into memory (or into an in-memory Oxigraph), or an
    existing on-disk store (opened read-only; files cannot be added to it from here)."""
    from .errors import InputError
    from .store import open_store, parse_store_spec

    kind, path = parse_store_spec(store_spec)
    if path is not None:
        if graphs:
            raise InputError(graphs[0], f"give graph files or --store {store_spec}, not both (kg build --store adds to a store)")
        return open_store(store_spec, read_only=True)
    if not graphs:
        raise click.UsageError("give a GRAPH file (or --store oxigraph:PATH)")
    st = open_store(store_spec)
    for g in graphs:
        st.load_file(g)
    return st


@click.command()
@click.argument("args", nargs=-1, required=True, metavar="[GRAPH]... QUERY")
@click.option("-f", "--format", "fmt", type=click.Choice(["table", "csv", "tsv", "json"]), default="table",
              help="Result format (default: a table).")
@click.option("--store", "store_spec", default=None, help=f"Where to query: {STORE_HELP}.")
def query(args: tuple[str, ...], fmt: str, store_spec: str | None) -> None:
    """Run a SPARQL QUERY (inline text or a .rq file) over GRAPH files or a store.

    \b
    Examples:
        kg query seed.ttl data/queries/01-who-leads-hamas.rq
        kg query seed.ttl "SELECT ?p ?o WHERE { ?p <http://www.w3.org/ns/org#headOf> ?o }" -f csv
        kg query --store oxigraph:kgdb data/queries/01-who-leads-hamas.rq
    """
    from rdflib import Graph

    from .query import format_results, read_query

    *graphs, q = args
    text, source = read_query(q)
    from .errors import KgError
    from .store import QueryError

    with _open(tuple(Path(g) for g in graphs), store_spec) as st:
        try:
            res = st.query(text)
        except QueryError as e:
            raise KgError(f"{source}: {e}") from None
        names = Graph(bind_namespaces="none")
        for p, ns in st.prefixes().items():
            names.bind(p, ns, override=True, replace=True)
        vars_, rows = res.table()
        click.echo(format_results(vars_, rows, fmt, names), nl=False)
