"""`kg rules import cameo`: convert the TABARI / PETRARCH CAMEO dictionaries into a kg pack."""
from __future__ import annotations

from pathlib import Path

import click


@click.group("import")
def rules_import() -> None:
    """Convert rule dictionaries of other tools into kg packs."""


@rules_import.command("cameo")
@click.argument("verbs", type=click.Path(path_type=Path))
@click.option("--agents", type=click.Path(path_type=Path), help="Agents dictionary (Phoenix.agents.txt).")
@click.option("--discards", type=click.Path(path_type=Path), help="Discard list (Phoenix.discards.txt).")
@click.option("--ontology", "ontology_out", type=click.Path(path_type=Path),
              help="Also (re)generate the SKOS file of CAMEO codes (ontology/cameo.ttl) from DIR/codebook.tsv.")
@click.option("-o", "--output", type=click.Path(path_type=Path), required=True, help="Pack folder to write (e.g. data/cameo).")
def cameo(verbs: Path, agents: Path | None, discards: Path | None, output: Path, ontology_out: Path | None) -> None:
    """Convert a CAMEO verb dictionary (CAMEO.2.0.txt) and optionally the agents and discards
    into a pack folder: verbs.jsonl, agents.jsonl, discards.jsonl, untranslated.txt, LICENSE.

    \b
    Example:
        kg rules import cameo CAMEO.2.0.txt --agents Phoenix.agents.txt \\
            --discards Phoenix.discards.txt -o data/cameo --ontology ontology/cameo.ttl
    """
    from ..rules.cameo.importer import convert, summary, write_pack

    files = convert(verbs, agents, discards)
    ttl = None
    if ontology_out is not None:
        from ..rules.cameo.codebook import codes_in_rules, ontology, read_codebook
        from ..rules.cameo.importer import codes_of

        book = output / "codebook.tsv"
        if not book.is_file():
            from ..errors import InputError
            raise InputError(book, "no codebook (CODE<TAB>LABEL lines) for --ontology")
        rules_dir = output.parent / "rules"
        used = codes_of(files) | codes_in_rules(sorted(rules_dir.glob("*.yaml")) if rules_dir.is_dir() else [])
        ttl = ontology(read_codebook(book), used)
    write_pack(files, output)
    if ttl is not None:
        write_pack({ontology_out.name: ttl}, ontology_out.parent)
    click.echo(f"kg: {summary(files)} -> {output}" + (f"; {ontology_out}" if ttl else ""), err=True)
