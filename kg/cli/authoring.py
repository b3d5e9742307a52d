"""`kg rules suggest` and `kg rules coverage`: help for rule authors (see docs/rules.md)."""
from __future__ import annotations

from pathlib import Path

import click


def _pack_opts(fn):  # the same --data / --ontology / --rules as every command that extracts
    from . import pack_options
    return pack_options(fn)


@click.command("suggest")
@click.argument("corpus", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option("--top", default=30, show_default=True, help="How many phrasings to show.")
@click.option("--min-count", default=1, show_default=True, help="Show phrasings seen at least this often.")
@_pack_opts
def rules_suggest(corpus: tuple[Path, ...], top: int, min_count: int, data_dir: Path | None,
                  ontology_dir: Path | None, rules_path: Path | None) -> None:
    """Phrasings the rules miss: pairs of entities named in one sentence with no rule firing that
    covers both, grouped by the words between them (verb lemma first), most frequent first.
    CORPUS: article files or folders (searched for *.txt)."""
    from . import _pack
    from ..rules.suggest import articles, suggest

    pack = _pack(data_dir, ontology_dir, rules_path)
    files = articles(list(corpus))
    found = suggest(files, pack, lambda m: click.echo(f"kg: {m}", err=True), min_count)
    for ph in found[:top]:
        click.echo(f"{ph.count:5d}  {ph.key}")
        for ex in ph.examples:
            click.echo(f"         e.g. {ex}")
    click.echo(f"{len(found)} phrasings in {len(files)} articles (showing {min(top, len(found))})", err=True)


@click.command("coverage")
@click.argument("corpus", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@_pack_opts
def rules_coverage(corpus: tuple[Path, ...], data_dir: Path | None, ontology_dir: Path | None,
                   rules_path: Path | None) -> None:
    """How often each rule fired on CORPUS (firings, sentences), and the rules that never fired."""
    from . import _pack
    from ..rules.suggest import articles, coverage

    pack = _pack(data_dir, ontology_dir, rules_path)
    files = articles(list(corpus))
    rows = coverage(files, pack, lambda m: click.echo(f"kg: {m}", err=True))
    click.echo("firings  sentences  rule  (file:line)")
    for rid, n, s, where in rows:
        click.echo(f"{n:7d}  {s:9d}  {rid}  ({where})")
    never = sum(1 for r in rows if r[1] == 0)
    click.echo(f"{len(rows) - never} of {len(rows)} rules fired on {len(files)} articles; {never} never did", err=True)
