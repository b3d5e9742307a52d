"""`kg query`, `kg serve` and `kg push`: SPARQL over graph files or stores, an endpoint, loading
into graph databases. Imported only when one of these commands runs (see kg.cli.LAZY_COMMANDS)."""
from __future__ import annotations

from pathlib import Path

import click

from ..sparql.store import STORE_HELP


def _open(graphs: tuple[Path, ...], store_spec: str | None):
    """The store to query: the given files loaded into memory (or into an in-memory Oxigraph), or an
    existing on-disk store (opened read-only; files cannot be added to it from here)."""
    from ..errors import InputError
    from ..sparql.store import open_store, parse_store_spec

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
@click.option("--iris", is_flag=True, help="In a table, show each term's IRI after its label.")
@click.option("--safe", is_flag=True, help="For a query or graph file from elsewhere: the endpoint's policy (no SERVICE, "
              "FROM outside the loaded graphs, or updates) and no network while loading (no remote JSON-LD contexts).")
def query(args: tuple[str, ...], fmt: str, store_spec: str | None, iris: bool, safe: bool = False) -> None:
    """Run a SPARQL QUERY (inline text or a .rq file) over GRAPH files or a store.

    A table reads as people do: labels, fact records as "Hamas - recognizes - Israel (claimed
    by Khalid Mish'al, negated)", prefixed names for the rest (--iris adds IRIs); csv, tsv and
    json keep the plain RDF terms, for programs.

    \b
    Examples:
        kg query seed.ttl data/queries/01-who-leads-hamas.rq
        kg query seed.ttl "SELECT ?p ?o WHERE { ?p <http://www.w3.org/ns/org#headOf> ?o }" -f csv
        kg query --store oxigraph:kgdb data/queries/01-who-leads-hamas.rq
    """
    from rdflib import Graph

    from ..sparql.query import Reader, format_results, read_query, readable_table

    from contextlib import nullcontext

    from ..errors import KgError
    from ..graph.validate import offline
    from ..sparql.protocol import Refused, check_query, engine_text
    from ..sparql.store import QueryError

    *graphs, q = args
    try:
        text, source = read_query(q)
    except UnicodeDecodeError as e:
        raise KgError(f"{q}: not a UTF-8 text file (byte {e.start})") from None
    with offline() if safe else nullcontext(), _open(tuple(Path(g) for g in graphs), store_spec) as st:
        try:  # escapes expanded once, as SPARQL says: both engines read the same query (see engine_text)
            text = check_query(text, set(st.graph_names())).text if safe else engine_text(text)
            res = st.query(text)
        except Refused as e:
            raise KgError(f"{source}: refused (--safe): {e}") from None
        except QueryError as e:
            raise KgError(f"{source}: {e}") from None
        names = Graph(bind_namespaces="none")
        for p, ns in st.prefixes().items():
            names.bind(p, ns, override=True, replace=True)
        if fmt == "json" and res.kind != "GRAPH":  # standard SPARQL JSON results, ASK included
            from ..sparql.protocol import serialize_result
            click.echo(serialize_result(res, "json").decode("utf-8"))
            return
        vars_, rows = res.table()
        if fmt == "table":
            reader = Reader(lambda q: st.query(q).table()[1], st.prefixes(), iris=iris)
            click.echo(readable_table(vars_, rows, reader), nl=False)
            return
        click.echo(format_results(vars_, rows, fmt, names), nl=False)


@click.command()
@click.argument("graphs", nargs=-1, type=click.Path(path_type=Path))
@click.option("--store", "store_spec", default=None, help=f"What to serve: {STORE_HELP}.")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to bind (anything but loopback belongs behind a proxy with auth).")
@click.option("--port", default=8000, show_default=True, type=int, help="Port (0: any free port, printed at start).")
@click.option("--timeout", default=10.0, show_default=True, type=float, help="Seconds per query; then its worker is killed.")
@click.option("--max-rows", default=100_000, show_default=True, type=int, help="Largest result (rows or triples); more is an error.")
@click.option("--max-body", default=100_000, show_default=True, type=int, help="Largest request body in bytes.")
@click.option("--workers", default=2, show_default=True, type=int, help="Worker processes (queries running at once).")
@click.option("--max-memory", default=2048, show_default=True, type=int,
              help="Megabytes a worker may allocate beyond the loaded data (Linux; 0: no cap).")
@click.option("--client-timeout", default=30.0, show_default=True, type=float,
              help="Seconds a client may take to send a request or read a reply; idle connections close.")
@click.option("--max-connections", default=256, show_default=True, type=int, help="Open client connections at once.")
@click.option("--queries", "queries_dir", type=click.Path(path_type=Path), default=None,
              help="Folder of named .rq queries for the query page (default: the pack's queries/).")
@click.option("-v", "--verbose", is_flag=True, help="Log every request on standard error.")
def serve(graphs: tuple[Path, ...], store_spec: str | None, host: str, port: int, timeout: float, max_rows: int,
          max_body: int, workers: int, max_memory: int, client_timeout: float, max_connections: int,
          queries_dir: Path | None, verbose: bool) -> None:
    """Serve GRAPH files (or a store) as a read-only SPARQL 1.1 endpoint, with a query page at /.

    Queries are checked before they run (no updates, LOAD, SERVICE, or FROM outside the served
    graphs) and run in worker processes killed at the time limit.

    \b
    Examples:
        kg serve seed.ttl                         # http://127.0.0.1:8000/
        kg serve --store oxigraph:kgdb --port 7000 --timeout 5
        curl -G http://127.0.0.1:8000/sparql --data-urlencode 'query=ASK { ?s ?p ?o }'
    """
    from ..errors import InputError
    from ..rules.pack import default_data_dir
    from ..sparql.serve import Limits
    from ..sparql.serve import serve as run
    from ..sparql.store import open_store, parse_store_spec

    for name, v in (("--timeout", timeout), ("--max-rows", max_rows), ("--max-body", max_body), ("--workers", workers),
                    ("--max-memory", max_memory + 1), ("--client-timeout", client_timeout),
                    ("--max-connections", max_connections)):
        if v <= 0:
            raise click.BadParameter("must be positive" if name != "--max-memory" else "must be 0 or more", param_hint=name)
    kind, path = parse_store_spec(store_spec)
    if path is not None:
        if graphs:
            raise InputError(graphs[0], f"give graph files or --store {store_spec}, not both")
        open_store(store_spec, read_only=True).close()  # fail here, with a clear message, not in a worker

        def opener():
            return open_store(store_spec, read_only=True)
    else:
        st = _open(graphs, store_spec)  # loaded once; workers inherit it

        def opener():
            return st
    if queries_dir is None:
        queries_dir = default_data_dir() / "queries"
    elif not queries_dir.is_dir():
        raise InputError(queries_dir, "no such folder of queries")
    limits = Limits(timeout=timeout, max_rows=max_rows, max_body=max_body, workers=workers, queue_wait=max(timeout, 5.0),
                    max_memory_mb=max_memory, client_timeout=client_timeout, max_connections=max_connections)
    run(opener, host=host, port=port, limits=limits, queries=queries_dir,
        announce=lambda s: click.echo(s, err=True), verbose=verbose)
