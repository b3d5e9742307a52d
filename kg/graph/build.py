"""The main job: articles in, one RDF graph out (the API behind `kg build`)."""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Iterable

from ..reading.document import Article, parse_article, read_article
from .builder import DEFAULT_BASE, GraphBuilder, Minter
from ..rules.pack import Pack
from ..rules.engine import Extraction, extract

if TYPE_CHECKING:
    from rdflib import Graph


@dataclass
class BuildResult:
    """What a build made: each article's extraction (for explanations and tests) and the graph builder."""

    extractions: list[Extraction]
    builder: GraphBuilder
    counts: dict[str, int] = field(default_factory=dict)

    @cached_property
    def graph(self) -> Graph:
        """The union graph as rdflib (made on first use: writing files needs only the builder)."""
        return self.builder.graph()

    def summary(self) -> str:
        c = self.counts
        return (f"{c['articles']} article(s): {c['entities']} entities, {c['facts']} facts, {c['events']} events, "
                f"{c['statements']} statements, {c['claims']} claims, {c.get('roles', 0)} roles, "
                f"{c['firings']} rule firings, {c['triples']} triples")


def analyse(article: Article, pack: Pack) -> Extraction:
    """Mentions, times and rule firings of one article, and its CAMEO-coded events (kg.graph.events)."""
    ex = extract(article, pack.finder.analyse(article), pack.rules, pack.vocabulary)
    from .events import code_article
    ex.cameo = code_article(ex, pack)  # type: ignore[attr-defined]
    return ex


def build_articles(articles: Iterable[Article], pack: Pack | None = None, base: str = DEFAULT_BASE) -> BuildResult:
    pack = pack or Pack.load()
    gb = GraphBuilder(pack.vocabulary, pack.gazetteer, Minter(base))
    exs = []
    for art in articles:
        ex = analyse(art, pack)
        gb.add_extraction(ex)
        exs.append(ex)
    counts = dict(gb.counts, articles=len(exs), triples=len(gb.kg_triples), entities=len(gb._entities),
                  firings=sum(len(e.firings) for e in exs) + gb.counts["joins"])
    return BuildResult(exs, gb, counts)


def build(paths: Iterable[str | Path] = (), *, texts: Iterable[str] = (), pack: Pack | None = None,
          base: str = DEFAULT_BASE, max_bytes: int | None = None) -> Graph:
    """Build the knowledge graph of article files (and/or article texts) with a rule pack.

    >>> import kg
    >>> g = kg.build(["data/articles/rferl-2006-03-03-hamas-moscow.txt"])   # doctest: +SKIP
    """
    return build_result(paths, texts=texts, pack=pack, base=base, max_bytes=max_bytes).graph


def build_result(paths: Iterable[str | Path] = (), *, texts: Iterable[str] = (), pack: Pack | None = None,
                 base: str = DEFAULT_BASE, max_bytes: int | None = None) -> BuildResult:
    pack = pack or Pack.load()
    kw = {"max_bytes": max_bytes} if max_bytes else {}
    arts = [read_article(p, layout=pack.layout, **kw) for p in paths]
    arts += [parse_article(t, source=f"<text {i + 1}>", layout=pack.layout, default_id=f"text-{i + 1}")
             for i, t in enumerate(texts)]
    ids = [a.id for a in arts]
    dup = sorted({i for i in ids if ids.count(i) > 1})
    if dup:
        from ..errors import InputError
        raise InputError(next(a.source for a in arts if a.id == dup[0]), f"two articles have the id {dup[0]!r}; give each a unique id")
    return build_articles(arts, pack, base)
