"""`kg events`: the CAMEO-coded events of a graph as event data (one row per event)."""
from __future__ import annotations

import sys
from pathlib import Path

import click


@click.command()
@click.argument("graph", type=click.Path(path_type=Path))
@click.option("-f", "--format", "fmt", type=click.Choice(["tsv", "csv", "json"]), default="tsv",
              help="Output format (default: tsv).")
@click.option("-o", "--output", type=click.Path(path_type=Path), help="Output file (default: standard output).")
@click.option("--all", "everything", is_flag=True,
              help="Also events that are claimed, hypothetical or negated (with a factuality column).")
def events(graph: Path, fmt: str, output: Path | None, everything: bool) -> None:
    """Write the CAMEO-coded events of GRAPH, one row per asserted event: date, source code,
    target code, event code, root code, quad class, source and target labels, sentence id,
    sentence, article, rule.

    \b
    Example:
        kg build data/articles/rferl-2006-03-03-hamas-moscow.txt -o seed.ttl
        kg events seed.ttl -f csv -o seed-events.csv
    """
    from ..graph.events import event_rows, write_rows
    from ..graph.graphio import load_graph

    text = write_rows(event_rows(load_graph(graph), everything), fmt, everything)
    if output is None:
        sys.stdout.write(text)
        return
    import os
    import tempfile

    from ..errors import InputError
    if not output.parent.is_dir() and str(output.parent):
        raise InputError(output, f"cannot write: folder {output.parent} does not exist")
    fd, tmp = tempfile.mkstemp(dir=output.parent if str(output.parent) else ".", prefix=".events-", suffix=".tmp")
    with os.fdopen(fd, "w", encoding="utf-8", newline="") as f:
        f.write(text)
    os.replace(tmp, output)
