"""The `kg` command: a thin layer over the Python API (kg.build, kg.explain, kg.rules).

Exit codes: 0 success; 1 the command ran but found problems (failing rule examples, a graph that
does not validate); 2 bad input (a file that cannot be read, invalid rules, a bad option).
"""
from __future__ import annotations

import gc
import sys
from pathlib import Path
from typing import Any, Callable

# Reading the code cache and importing click make ~100k objects and no garbage: without the
# collector they take ~25 fewer collections, each scanning what the ones before kept (`run`
# holds it off from here on as well; a library user's process gets it back below).
_GC_WAS = gc.isenabled()
gc.disable()
try:
    from .. import codecache

    codecache.install()  # before the command's modules make their classes and patterns (kg/codecache.py says why)

    import click

    from ..errors import KgError
finally:
    if _GC_WAS:
        gc.enable()


# Commands that live in their own modules, imported only when used, so that `kg build` does not
# pay for servers, stores or plotting at start-up. name -> "module:attribute".
LAZY_COMMANDS: dict[str, str] = {
    "query": "kg.cli.query:query",
    "validate": "kg.cli.validate:validate",
    "network": "kg.cli.network:network_cmd",
    "stats": "kg.cli.network:stats_cmd",
    "serve": "kg.cli.query:serve",
    "push": "kg.cli.push:push",
    "gazetteer": "kg.cli.gazetteer:gazetteer",
    "events": "kg.cli.events:events",
}


# The same for `kg rules` subcommands (`kg build` need not make their click commands).
LAZY_RULES_COMMANDS: dict[str, str] = {
    "import": "kg.cli.cameo:rules_import",
    "suggest": "kg.cli.authoring:rules_suggest",
    "coverage": "kg.cli.authoring:rules_coverage",
}


class _LazyGroup(click.Group):
    """A group some of whose commands are imported only when used (`lazy`: name -> "module:attribute")."""

    lazy: dict[str, str] = {}

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *self.lazy})

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name in self.lazy and name not in self.commands:
            import importlib

            mod, _, attr = self.lazy[name].partition(":")
            self.add_command(getattr(importlib.import_module(mod), attr), name)
        return super().get_command(ctx, name)


class _RulesGroup(_LazyGroup):
    lazy = LAZY_RULES_COMMANDS


def _short_first(parser_type: type) -> type | None:
    """click's option parser with one step less: click tries every argument that starts with "-"
    as a long option first, and a short one ("-o", "-q") fails that try with a NoSuchOption whose
    making imports difflib and ranks the long options for a "did you mean" (~3 M instructions of
    a one-article `kg build`, the exception then dropped). An argument without "=" that no long
    option is and that is not a long one ("--x") goes to the short options at once, as click's
    own step does after the failed try. None (click's own parser) where click's parser differs."""
    from click import parser as cp

    norm = getattr(cp, "_normalize_opt", None)
    if norm is None or not all(hasattr(parser_type, n) for n in ("_process_opts", "_match_short_opt")):
        return None

    class ShortFirst(parser_type):  # type: ignore[misc, valid-type]
        def _process_opts(self, arg: str, state: Any) -> None:
            if "=" not in arg and arg[:2] not in self._opt_prefixes and norm(arg, self.ctx) not in self._long_opt:
                self._match_short_opt(arg, state)
                return
            super()._process_opts(arg, state)

    return ShortFirst


_SHORT_FIRST: dict[type, type | None] = {}


class _Command(click.Command):
    def make_parser(self, ctx: click.Context) -> Any:
        parser = super().make_parser(ctx)
        t = type(parser)
        fast = _SHORT_FIRST[t] if t in _SHORT_FIRST else _SHORT_FIRST.setdefault(t, _short_first(t))
        if fast is not None and hasattr(parser, "_opt_prefixes") and hasattr(parser, "_long_opt"):
            parser.__class__ = fast
        return parser


class _Group(_LazyGroup):
    lazy = LAZY_COMMANDS
    command_class = _Command

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except KgError as e:
            click.echo(f"kg: error: {e}", err=True)
            sys.exit(2)


def pack_options(fn: Callable[..., Any]) -> Callable[..., Any]:
    """--data / --ontology / --rules, shared by every command that extracts."""
    fn = click.option("--rules", "rules_path", type=click.Path(path_type=Path),
                      help="Rules folder or file to use instead of DATA/rules.")(fn)
    fn = click.option("--ontology", "ontology_dir", type=click.Path(path_type=Path),
                      help="Ontology folder (default: the one shipped with kg).")(fn)
    fn = click.option("--data", "data_dir", type=click.Path(path_type=Path), envvar="KG_DATA",
                      help="Rule pack folder: vocabulary.yaml, layout.yaml, gazetteer/, rules/ (default: shipped; env KG_DATA).")(fn)
    return fn


def _pack(data_dir: Path | None, ontology_dir: Path | None, rules_path: Path | None) -> Any:
    from ..rules.pack import Pack
    return Pack.load(data_dir, ontology_dir, rules_path)


_RUN = {"console": False, "exit_fast": False}


def run() -> None:
    """The `kg` console script: `main`, with the garbage collector held off while kg's modules
    and rule pack load, and, after a `kg build` whose output is written and closed, an exit that
    skips tearing down the heap object by object (the system frees it at once). Together they
    take about a fifth off a one-article build's start-up and shut-down (docs/performance.md)."""
    import gc
    import os

    _RUN["console"] = True
    gc.disable()
    try:
        main()
    except SystemExit as e:
        # not under a profiler, tracer or coverage, which write their results at exit
        if _RUN["exit_fast"] and (e.code is None or isinstance(e.code, int)) \
                and sys.getprofile() is None and sys.gettrace() is None:
            from .. import codecache

            codecache.save()  # what atexit would have written (only on the first run after an install)
            sys.stdout.flush()
            sys.stderr.flush()
            os._exit(e.code or 0)
        raise
    finally:
        gc.enable()


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="kg-news", prog_name="kg")
def main() -> None:
    """kg: news articles to an RDF knowledge graph, with hand-curated rules."""


@main.command()
@click.argument("articles", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("-o", "--output", type=click.Path(path_type=Path), help="Output file (default: standard output).")
@click.option("-f", "--format", "fmt", help="turtle (default), trig, nt, nquads or json-ld; else taken from the -o extension.")
@click.option("--base", default=None, help="Base namespace of minted IRIs (default: https://w3id.org/kg-news/id/).")
@click.option("--max-bytes", type=int, default=None, help="Largest article file accepted (default: 5,000,000).")
@click.option("-q", "--quiet", is_flag=True, help="No summary line on standard error.")
@click.option("--store", "store_spec", default=None, metavar="oxigraph:PATH",
              help="Also write into a store, one named graph per article (replaced on rebuild).")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=None,
              help="Worker processes (default: all cores).")
@click.option("--force", is_flag=True, help="Redo every article, even those unchanged since the last build.")
@click.option("--article-timeout", type=click.FloatRange(min=0), default=120, show_default=True,
              help="Seconds one article may take; a slower one is reported and skipped (0: no limit).")
@click.option("--dask", "dask_address", default=None, metavar="tcp://HOST:8786|local",
              help="Run the articles on a Dask cluster (pip install 'kg-news[dask]').")
@pack_options
def build(articles: tuple[Path, ...], output: Path | None, fmt: str | None, base: str | None, max_bytes: int | None,
          quiet: bool, data_dir: Path | None, ontology_dir: Path | None, rules_path: Path | None,
          store_spec: str | None = None, jobs: int | None = None, force: bool = False,
          dask_address: str | None = None, article_timeout: float = 120) -> None:
    """Build the knowledge graph of ARTICLES: text files, saved web pages, RSS/Atom feeds, WARC archives,
    folders, globs, JSON Lines files (one article a line: id, text, optional date, url, title,
    publisher) or - (JSON Lines on stdin). See docs/inputs.md.

    Each article is its own named graph in TriG / N-Quads; N-Quads and TriG are streamed and
    incremental (.kg/OUTPUT.manifest.jsonl records what was built). Exit 1 when some articles failed.

    \b
    Examples:
        kg build data/articles/rferl-2006-03-03-hamas-moscow.txt -o seed.ttl
        kg build news/ 'archive/**/*.txt' feed.jsonl -o corpus.nq -j 4
    """
    from ..graph.export import format_for
    from ..graph.builder import DEFAULT_BASE

    fmt = format_for(output, fmt)
    if base is not None and not base.startswith(("http://", "https://", "urn:")) or base and (base[-1] not in "/:" or "#" in base):
        raise click.BadParameter("must be an absolute IRI ending in '/' or ':', without '#' (sentence IRIs add "
                                 "#char=... to article IRIs)", param_hint="--base")
    if output is not None:
        _check_writable(output)
    _build_corpus(articles, output, fmt, base or DEFAULT_BASE, max_bytes, quiet, data_dir, ontology_dir,
                  rules_path, jobs, force, dask_address, store_spec, article_timeout)


def _build_corpus(articles: tuple[Path, ...], output: Path | None, fmt: str, base: str, max_bytes: int | None,
                  quiet: bool, data_dir: Path | None, ontology_dir: Path | None, rules_path: Path | None,
                  jobs: int | None, force: bool, dask_address: str | None, store: str | None = None,
                  time_limit: float = 0) -> None:
    """`kg build`: kg.corpus streams, parallelises and skips unchanged articles, into a file and/or a store."""
    import gc

    from ..corpus import build_corpus

    pack = _pack(data_dir, ontology_dir, rules_path)
    if _RUN["console"]:
        # The pack lives as long as the process: moved out of the collector's sight, it is not
        # scanned again by every collection a long build makes (the console script held
        # collections off until here: imports and unpickling make no garbage worth collecting).
        gc.freeze()
        # A young generation of 200,000 objects instead of 700: an article's objects mostly die
        # young by reference counting (which takes them off the count), so what the count grows
        # by is what lives on (the first article's matchers and plans, made once per process) or
        # cyclic garbage. With 50,000, a one-article build made 2 young collections that scanned
        # ~100,000 live objects and found nothing (26 M instructions, 3% of the build, valgrind);
        # with Python's default it scanned them again and again (docs/performance.md). Cyclic
        # garbage still goes, every 200,000 objects (a 78-article build peaked no higher).
        gc.set_threshold(200_000, 20, 20)
        gc.enable()
    res = build_corpus(articles, output, fmt=fmt, base=base, data_dir=data_dir, ontology_dir=ontology_dir,
                       rules_path=rules_path, max_bytes=max_bytes, jobs=jobs, dask=dask_address, force=force,
                       progress=None if not quiet else False, store=store, time_limit=time_limit,
                       on_failure=lambda f: click.echo(f"kg: skipped {f}", err=True), pack=pack)
    # the output is written and renamed into place and nothing else is open: the process may end
    # without tearing down its heap (see `run`)
    _RUN["exit_fast"] = store is None and dask_address is None
    if res.store_note and not quiet:
        click.echo(f"kg: {res.store_note}", err=True)
    if not quiet or res.failures:
        click.echo(f"kg: {res.summary()}" + (f" -> {output}" if output and res.articles else ""), err=True)
    if res.failures:
        sys.exit(1)


def _check_writable(path: Path) -> None:
    """Fail before the work, not after it, when the output cannot be written."""
    import os

    from ..errors import InputError
    folder = path.parent if str(path.parent) else Path(".")
    if path.is_dir():
        raise InputError(path, "cannot write: is a directory")
    if not folder.is_dir():
        raise InputError(path, f"cannot write: folder {folder} does not exist")
    if not os.access(folder, os.W_OK) or path.exists() and not os.access(path, os.W_OK):
        raise InputError(path, "cannot write: permission denied")


@main.command()
@click.argument("graph", type=click.Path(path_type=Path))
@click.argument("what")
def explain(graph: Path, what: str) -> None:
    """Show the evidence for an entity or a fact in GRAPH.

    WHAT is an entity's name, id or IRI, or a fact written "subject predicate object".

    \b
    Examples:
        kg explain seed.ttl "Mish'al"
        kg explain seed.ttl "khalid-mishal org:headOf hamas"
    """
    from ..graph.explain import explain as run
    from ..graph.graphio import load_graph

    click.echo(run(load_graph(graph), what))


@main.group(cls=_RulesGroup)
def rules() -> None:
    """Inspect and test the rule pack."""


@rules.command("list")
@click.option("--frames", is_flag=True, help="Also show each rule's patterns: a frame's forms as derived patterns.")
@pack_options
def rules_list(frames: bool, data_dir: Path | None, ontology_dir: Path | None, rules_path: Path | None) -> None:
    """List every rule with its file, group, priority and description."""
    pack = _pack(data_dir, ontology_dir, rules_path)
    for r in pack.rules.rules:
        if r.parent is not None:
            continue  # a frame rule's variant (emits that differ by form): listed with its rule
        click.echo(f"{r.id}\t{r.file}:{r.line}\tgroup={r.group}\tpriority={r.priority}\t{r.description}")
        for v in [r, *r.variants] if frames else ():
            for i, src in enumerate(v.sources):
                click.echo(f"    {v.form_of(i):<18} {src}")
    for j in pack.rules.joins:
        click.echo(f"{j.id}\t{j.file}:{j.line}\tjoin\t\t{j.description}")
    click.echo(f"{len(pack.rules)} rules ({len(pack.rules.joins)} join rules) in {len(pack.rules.files)} files", err=True)


@rules.command("test")
@click.option("-v", "--verbose", is_flag=True, help="Also list the examples that pass.")
@pack_options
def rules_test(verbose: bool, data_dir: Path | None, ontology_dir: Path | None, rules_path: Path | None) -> None:
    """Run every rule's own examples (sentences it must and must not match)."""
    from ..graph.joincheck import check_join_examples
    from ..rules.check import check_examples

    pack = _pack(data_dir, ontology_dir, rules_path)
    results = check_examples(pack.rules, pack.finder, pack.layout, pack.vocabulary)
    results += check_join_examples(pack.rules, pack.finder, pack.gazetteer, pack.layout, pack.vocabulary)
    failed = [r for r in results if not r.ok]
    for r in results:
        if not r.ok:
            click.echo(f"FAIL {r}")
        elif verbose:
            click.echo(f"ok   {r.rule.id}: {r.text!r}")
    click.echo(f"{len(results) - len(failed)} passed, {len(failed)} failed")
    sys.exit(1 if failed else 0)


@rules.command("explain")
@click.argument("text")
@click.option("--date", help="Article date for relative times (YYYY-MM-DD).")
@pack_options
def rules_explain(text: str, date: str | None, data_dir: Path | None, ontology_dir: Path | None,
                  rules_path: Path | None) -> None:
    """Show the mentions, times and rule firings on TEXT (one or more sentences), then what the
    join rules link across its sentences."""
    from ..reading.dates import parse_dateline_date
    from ..graph.joincheck import run_joins
    from ..rules.check import explain_text, render

    pack = _pack(data_dir, ontology_dir, rules_path)
    d = parse_dateline_date(date) if date else None
    if date and d is None:
        raise click.BadParameter("use YYYY-MM-DD", param_hint="--date")
    reports, full = explain_text(text, pack.rules, pack.finder, pack.layout, pack.vocabulary, d)
    if d is None:  # a sentence alone has no date: say what that leaves out (docs/names.md)
        click.echo("note: no --date: names resolved by the article's date (a leader's surname alone, \"President "
                   "Bush\", two people of one name) stay unlinked and relative times unresolved; add --date YYYY-MM-DD",
                   err=True)
    for rep in reports:
        s = rep.analysis.sentence
        click.echo(f"sentence {s.index} [{s.begin}-{s.end}]: {s.text}")
        for m in rep.analysis.mentions:
            who = ", ".join(x.entity.id for x in m.members) if m.members else m.entity.id  # a group: its members
            click.echo(f"  mention {m.text!r} -> {who} ({m.entity.type}, {m.kind})")
        for _, _, t in rep.analysis.times:
            click.echo(f"  time {t.phrase!r} -> {t.value} (xsd:{t.datatype}, {t.relation})")
        for f in rep.fired:
            click.echo(f"  FIRED {f.rule.id} ({f.form}) on {full[f.begin:f.end]!r}")
            for line in render(f, pack.vocabulary, full, d):
                click.echo(f"      {line}")
        for f in rep.suppressed:
            click.echo(f"  lost overlap: {f.rule.id} on {full[f.begin:f.end]!r} (group {f.rule.group})")
        if not rep.fired and not rep.suppressed:
            click.echo("  no rule fired")
    for j in run_joins(text, pack.rules, pack.finder, pack.gazetteer, pack.layout, pack.vocabulary, d):
        click.echo(f"JOINED {j.rule.id} on {len(j.evidence)} sentence(s)")
        for line in j.triples:
            click.echo(f"      {line}")

