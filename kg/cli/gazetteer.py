"""`kg gazetteer`: build gazetteer files from published dictionaries (the world gazetteer)."""
from __future__ import annotations

import sys
from pathlib import Path

import click


@click.group("gazetteer")
def gazetteer() -> None:
    """Build gazetteer files from published dictionaries."""


@gazetteer.group("import")
def import_() -> None:
    """Import a dictionary format into gazetteer YAML."""


@import_.command("phoenix")
@click.argument("dictionaries", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("-o", "--output", "out_dir", required=True, type=click.Path(path_type=Path, file_okay=False),
              help="Folder to write states.yaml, places.yaml, persons.yaml, organisations.yaml, groups.yaml and NOTICE into.")
@click.option("--profile", type=click.Path(path_type=Path, dir_okay=False), default=None,
              help="Import choices (capitals, title and organisation words); default: the shipped import-phoenix.yml.")
@click.option("--curated", type=click.Path(path_type=Path, file_okay=False), default=None,
              help="Folder of curated gazetteer files to merge into (default: the shipped data/gazetteer).")
@click.option("-q", "--quiet", is_flag=True, help="Only errors; no report of merges and warnings.")
def phoenix(dictionaries: tuple[Path, ...], out_dir: Path, profile: Path | None, curated: Path | None, quiet: bool) -> None:
    """Convert Phoenix (PETRARCH) actor dictionaries into kg gazetteer files.

    Curated entities matched by name and type keep their ids and gain the imported names, codes
    and affiliations (as `extends` entries); every merge is reported on standard error."""
    from ..errors import InputError
    from ..knowing.phoenix import import_phoenix
    from ..rules.pack import default_data_dir

    data = default_data_dir()
    profile = profile or data / "gazetteer" / "world" / "import-phoenix.yml"
    cur_dir = curated or data / "gazetteer"
    for p in (*dictionaries, profile):
        if not p.is_file():
            raise InputError(p, "file not found")
    report = import_phoenix(list(dictionaries), out_dir, profile, sorted(cur_dir.glob("*.yaml")))
    if not quiet:
        for line in report:
            click.echo(line, err=True)
    sys.stdout.flush()
