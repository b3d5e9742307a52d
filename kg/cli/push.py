"""`kg push`: graphs (TriG / N-Quads files or a store) into a SPARQL 1.1 Graph Store endpoint."""
from __future__ import annotations

from pathlib import Path

import click

from ..sparql.store import STORE_HELP


@click.command()
@click.argument("graphs", nargs=-1, type=click.Path(path_type=Path))
@click.option("--to", "endpoint", required=True, metavar="URL",
              help="Graph Store Protocol endpoint, e.g. http://127.0.0.1:7878/store (Oxigraph), "
                   "http://127.0.0.1:8890/sparql-graph-crud-auth (Virtuoso), http://127.0.0.1:3030/ds/data (Fuseki).")
@click.option("--store", "store_spec", default=None, help=f"Push a store's graphs instead of files: {STORE_HELP}.")
@click.option("--graph", "graph_iri", default=None, metavar="IRI",
              help="Graph for triple files (.ttl, .nt, .jsonld), which carry no graph names (default: each article's).")
@click.option("--user", default=None, help="User name for the endpoint.")
@click.option("--password", default=None, envvar="KG_PUSH_PASSWORD", help="Password (better: env KG_PUSH_PASSWORD).")
@click.option("--auth", type=click.Choice(["basic", "digest"]), default="basic", show_default=True,
              help="HTTP authentication scheme (Virtuoso's -auth endpoints use digest).")
@click.option("--graph-param", default="graph", show_default=True,
              help="Name of the graph parameter (Virtuoso also accepts graph-uri).")
@click.option("--union", "union", default=None, metavar="IRI|default",
              help="Also put the set union of the pushed graphs into this graph (or the server's default graph): "
                   "queries over it count a triple shared by articles once, as kg query does. Replaces that graph, "
                   "so push the whole corpus with it.")
def push(graphs: tuple[Path, ...], endpoint: str, store_spec: str | None, graph_iri: str | None, user: str | None,
         password: str | None, auth: str, graph_param: str, union: str | None) -> None:
    """Load GRAPHS (or a store) into a graph database, one named graph per article.

    Each graph is sent with an HTTP PUT, which replaces it: pushing again after a rebuild
    replaces the articles' graphs and duplicates nothing.

    \b
    Examples:
        kg build data/articles/*.txt -o kg.trig
        kg push kg.trig --to http://127.0.0.1:7878/store
        kg push kg.trig --to http://127.0.0.1:7878/store --union default
        KG_PUSH_PASSWORD=... kg push kg.trig --to http://127.0.0.1:8890/sparql-graph-crud-auth --user dba --auth digest
        kg push --store oxigraph:kgdb --to http://127.0.0.1:3030/ds/data --user admin
    """
    from ..errors import InputError
    from ..sparql.push import UNION_DEFAULT, push_graphs
    from ..sparql.store import graph_format, open_store, parse_store_spec

    todo: list[tuple[str | None, list]] = []
    if store_spec:
        if graphs:
            raise InputError(graphs[0], f"give graph files or --store {store_spec}, not both")
        kind, path = parse_store_spec(store_spec)
        if path is None:
            raise InputError(store_spec, "an in-memory store is empty here; give oxigraph:PATH or graph files")
        with open_store(store_spec, read_only=True) as st:
            todo = [(g, st.graph_triples(g)) for g in st.graph_names()]
    else:
        if not graphs:
            raise click.UsageError("give GRAPH files (TriG or N-Quads keep one graph per article) or --store")
        for path in graphs:
            fmt = graph_format(path)
            if fmt not in ("trig", "nquads") and not graph_iri:
                raise InputError(path, f"a {fmt} file has no graph names: use TriG or N-Quads (kg build -f trig), or --graph IRI")
            st = open_store("memory")
            st.load_file(path)
            if fmt in ("trig", "nquads"):
                todo += [(g, st.graph_triples(g)) for g in st.graph_names()]
            else:
                todo.append((graph_iri, list(st.ds.default_graph)))
    if not todo:
        raise InputError(store_spec or graphs[0], "no named graphs to push")
    if union is not None and union != UNION_DEFAULT and (":" not in union or union in {g for g, _ in todo}):
        raise InputError(union, "--union takes an absolute IRI that is no article's graph, or default")
    done = push_graphs(todo, endpoint, user=user, password=password, auth=auth, graph_param=graph_param, union=union)
    if union is not None:
        u = done.pop()
        click.echo(f"kg: pushed {len(done)} graph(s), {sum(d.triples for d in done)} triples to {endpoint}, "
                   f"and their union ({u.triples} triples) to {u.graph}", err=True)
    else:
        click.echo(f"kg: pushed {len(done)} graph(s), {sum(d.triples for d in done)} triples to {endpoint}", err=True)
