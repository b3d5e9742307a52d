"""`kg validate`: check a graph against kg's SHACL shapes."""
from __future__ import annotations

import sys
from pathlib import Path

import click


@click.command()
@click.argument("graph", type=click.Path(path_type=Path))
@click.option("--ontology", "ontology_dir", type=click.Path(path_type=Path),
              help="Folder with the ontology and shapes.ttl (default: the one shipped with kg).")
@click.option("--max", "max_shown", type=int, default=50, show_default=True, help="Violations to list.")
@click.option("--safe", is_flag=True, help="For a graph file from elsewhere: no network (no remote JSON-LD contexts).")
def validate(graph: Path, ontology_dir: Path | None, max_shown: int, safe: bool = False) -> None:
    """Validate GRAPH with SHACL (pySHACL) against kg's shapes; exit 1 if it does not conform.

    \b
    Example:
        kg validate seed.ttl
    """
    from ..graph.graphio import load_graph
    from ..rules.pack import default_ontology_dir
    from ..graph.validate import validate as run

    from contextlib import nullcontext

    from ..graph.validate import offline
    with offline() if safe else nullcontext():
        conforms, violations = run(load_graph(graph), ontology_dir or default_ontology_dir())
    if conforms:
        click.echo(f"{graph}: conforms to kg's shapes")
        return
    click.echo(f"{graph}: does not conform: {len(violations)} violation(s)")
    for v in violations[:max_shown]:
        click.echo(f"  {v}")
    if len(violations) > max_shown:
        click.echo(f"  ... and {len(violations) - max_shown} more (use --max)")
    sys.exit(1)
