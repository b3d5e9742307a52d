"""Where built graphs live and are queried: rdflib in memory, or Oxigraph (pyoxigraph) on disk.

One small interface, two backends, so `kg build --store`, `kg query --store`, `kg serve` and the
benchmark treat them alike and a test can check that both give the same answers:

* ``memory`` (default): an rdflib ``Dataset`` in memory; fine for a few articles.
* ``oxigraph:PATH``: an embedded Oxigraph store (RocksDB folder), for corpora that outgrow
  memory and for fast queries; ``oxigraph`` alone is an in-memory Oxigraph store.

Each article is one named graph (its article IRI). The default graph a query sees is the *set*
union of the article graphs in both backends: rdflib's ``default_union`` merges as a set, while
Oxigraph's ``use_default_graph_as_union`` would count an entity triple once per article, so the
Oxigraph store keeps the union materialised in its default graph instead.
"""
from __future__ import annotations

import json
import re
from itertools import islice
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Iterator, Mapping

from rdflib import BNode, Literal, URIRef
from rdflib.term import Node

from ..errors import InputError, KgError

Triple = tuple[Node, Node, Node]
XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
PREFIX_FILE = "kg-prefixes.json"  # the store's prefixes (for readable tables), beside RocksDB's files
STORE_HELP = "memory (rdflib, default), oxigraph (in memory) or oxigraph:PATH (on disk)"
_FORMATS = {".ttl": "turtle", ".nt": "nt", ".trig": "trig", ".nq": "nquads", ".jsonld": "json-ld", ".json": "json-ld"}


class QueryError(KgError):
    """A query that cannot run: bad syntax, or refused (see kg.serve for the policy)."""


class ResultTooLarge(KgError):
    """The result has more rows or triples than the caller allows (never silently truncated)."""


@dataclass
class QueryResult:
    """A query's answer in rdflib terms, whichever backend ran it.

    kind is SELECT, ASK or GRAPH (CONSTRUCT and DESCRIBE)."""

    kind: str
    vars: list[str] = field(default_factory=list)
    rows: list[tuple[Node | None, ...]] = field(default_factory=list)
    boolean: bool | None = None
    triples: list[Triple] = field(default_factory=list)

    def table(self) -> tuple[list[str], list[tuple]]:
        """Variables and rows for kg.query.format_results (ASK: one boolean row; graph: s p o rows)."""
        if self.kind == "ASK":
            return ["ask"], [(Literal(bool(self.boolean)),)]
        if self.kind == "GRAPH":
            return ["s", "p", "o"], sorted(self.triples, key=lambda t: tuple(map(str, t)))
        return self.vars, self.rows


# How complex a query may be before any parser sees it. Both engines recurse on the query's
# structure: Oxigraph crashes the process (SIGSEGV) at ~5,000 nested brackets, 12,000 path
# alternatives or 20,000 terms of one sum, and takes minutes on 1,000 path steps; rdflib's parser
# gives up at ~50 nested brackets and takes 5 s for a 1,000-term sum. Queries people write stay far
# below these bounds.
MAX_DEPTH = 40         # nested ( [ {
MAX_OPERATORS = 500    # operators and path links: + - * / | || && ! ^ = != < > <= >=
MAX_TOKENS = 50_000
_TOKENS = re.compile(r'''
    "{3}(?:[^"\\]|\\.|"(?!""))*"{3} | '{3}(?:[^'\\]|\\.|'(?!''))*'{3}    # long strings
  | "(?:[^"\\\n\r]|\\.)*" | '(?:[^'\\\n\r]|\\.)*'                    # strings
  | <[^<>"{}|^`\\\x00-\x20]*>                                         # IRIs
  | \#[^\n\r]*                                                          # comments
  | (?P<open>[(\[{]) | (?P<close>[)\]}])
  | (?P<op>\|\||&&|!=|<=|>=|[-+*/|^!=<>])
  | [?$][\w\u00B7\u00C0-\uFFFF]* | [0-9][0-9.]*(?:[eE][+-]?[0-9]+)?
  | [\w\u00B7\u00C0-\uFFFF][\w.\-:\u00B7\u00C0-\uFFFF]*                   # names, keywords
  | \S''', re.X)


def check_complexity(text: str) -> None:
    """Refuse (QueryError) a query nested or chained beyond what the engines survive (see
    MAX_DEPTH): one regular-expression pass, before the text reaches a parser."""
    depth = deepest = ops = n = 0
    for m in _TOKENS.finditer(text):
        n += 1
        if m.lastgroup == "open":
            depth += 1
            deepest = max(deepest, depth)
        elif m.lastgroup == "close":
            depth -= 1
        elif m.lastgroup == "op":
            ops += 1
    for what, v, limit in (("nested brackets", deepest, MAX_DEPTH), ("operators and path links", ops, MAX_OPERATORS),
                           ("tokens", n, MAX_TOKENS)):
        if v > limit:
            raise QueryError(f"query too complex: {v} {what} (the limit is {limit})")


def parse_store_spec(spec: str | None) -> tuple[str, Path | None]:
    """("memory"|"oxigraph", path or None) from a --store value."""
    s = (spec or "memory").strip()
    if s in ("memory", "rdflib"):
        return "memory", None
    if s == "oxigraph":
        return "oxigraph", None
    if s.startswith("oxigraph:") and s[len("oxigraph:"):].strip():
        return "oxigraph", Path(s[len("oxigraph:"):].strip())
    raise InputError(s, f"unknown store (use {STORE_HELP})")


def open_store(spec: str | None = None, *, read_only: bool = False) -> "Store":
    """Open the store a --store value names (an on-disk Oxigraph folder is created if missing)."""
    kind, path = parse_store_spec(spec)
    if kind == "memory":
        return MemoryStore()
    return OxigraphStore(path, read_only=read_only)


def graph_format(path: Path) -> str:
    fmt = _FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise InputError(path, f"unknown graph format {path.suffix!r} (use .ttl, .nt, .trig, .nq or .jsonld)")
    return fmt


class Store:
    """What every backend offers. Writes are trusted code paths (kg build); queries come from users."""

    kind = "?"

    def replace_graphs(self, graphs: Mapping[URIRef, Iterable[Triple]], prefixes: Mapping[str, str] | None = None) -> None:
        """Put each article's triples in its named graph, replacing what that graph held."""
        raise NotImplementedError

    def load_file(self, path: str | Path) -> None:
        """Add a graph file: quads keep their graphs, plain triples go to the default graph."""
        raise NotImplementedError

    def query(self, text: str, *, max_rows: int | None = None) -> QueryResult:
        raise NotImplementedError

    def graph_names(self) -> list[str]:
        raise NotImplementedError

    def graph_triples(self, name: str) -> list[Triple]:
        raise NotImplementedError

    def triple_count(self) -> int:
        """Distinct triples in the default (union) graph."""
        raise NotImplementedError

    def prefixes(self) -> dict[str, str]:
        return {}

    def close(self) -> None:
        pass

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _one_line(e: BaseException) -> str:
    lines = str(e).strip().splitlines()
    return lines[0][:300] if lines else type(e).__name__


def _check_rows(n: int, max_rows: int | None, what: str = "rows") -> None:
    if max_rows is not None and n > max_rows:
        raise ResultTooLarge(f"the result has more than {max_rows} {what}; add a LIMIT or raise the limit")


class MemoryStore(Store):
    """rdflib Dataset whose default graph is the (set) union of the named graphs."""

    kind = "memory"

    def __init__(self) -> None:
        import logging

        from rdflib import Dataset

        # an ill-typed literal ("abc"^^xsd:integer) is data, not a fault: rdflib would log a traceback per term
        logging.getLogger("rdflib.term").setLevel(logging.ERROR)
        self.ds = Dataset(default_union=True)
        self._prefixes: dict[str, str] = {}

    def replace_graphs(self, graphs: Mapping[URIRef, Iterable[Triple]], prefixes: Mapping[str, str] | None = None) -> None:
        for name, triples in graphs.items():
            g = self.ds.graph(URIRef(name))
            g.remove((None, None, None))
            for t in triples:
                g.add(t)
        for p, ns in (prefixes or {}).items():
            self._prefixes[p] = ns
            self.ds.bind(p, ns, override=True, replace=True)

    def load_file(self, path: str | Path) -> None:
        path = Path(path)
        if not path.is_file():
            raise InputError(path, "no such file" if not path.exists() else "not a file")
        fmt = graph_format(path)
        try:
            if fmt in ("trig", "nquads"):
                self.ds.parse(str(path), format=fmt)
            else:
                self.ds.default_graph.parse(str(path), format=fmt)
        except Exception as e:  # rdflib raises many types for bad syntax
            raise InputError(path, f"not valid {fmt}: {str(e).splitlines()[0][:300]}") from None
        for p, ns in self.ds.namespaces():
            self._prefixes.setdefault(str(p), str(ns))

    def query(self, text: str, *, max_rows: int | None = None, parsed: Any = None) -> QueryResult:
        if parsed is None:
            check_complexity(text)
        try:  # rdflib evaluates lazily: errors (a SERVICE that fails, an ill-typed sum) surface while iterating
            res = self.ds.query(parsed if parsed is not None else text)
            if res.type == "ASK":
                return QueryResult("ASK", boolean=bool(res.askAnswer))
            if res.type in ("CONSTRUCT", "DESCRIBE"):
                triples = []
                for t in res.graph:
                    triples.append(t)
                    _check_rows(len(triples), max_rows, "triples")
                return QueryResult("GRAPH", triples=triples)
            rows = []
            for r in res:
                rows.append(tuple(r))
                _check_rows(len(rows), max_rows)
            return QueryResult("SELECT", vars=[str(v) for v in res.vars or []], rows=rows)
        except (KgError, MemoryError):
            raise
        except Exception as e:  # pyparsing, evaluation errors, RecursionError, URLError, JSONDecodeError
            raise QueryError(f"SPARQL error: {_one_line(e)}") from None

    def graph_names(self) -> list[str]:
        default = str(self.ds.default_graph.identifier)
        return sorted(str(g.identifier) for g in self.ds.graphs() if str(g.identifier) != default and len(g))

    def graph_triples(self, name: str) -> list[Triple]:
        return list(self.ds.graph(URIRef(name)).triples((None, None, None)))

    def triple_count(self) -> int:
        return len(set(self.ds.triples((None, None, None))))

    def prefixes(self) -> dict[str, str]:
        return dict(self._prefixes)


# -- Oxigraph ---------------------------------------------------------------------------------

def to_rdflib(t: Any) -> Node | None:
    """A pyoxigraph term as the equal rdflib term (xsd:string literals without a datatype, as rdflib)."""
    if t is None:
        return None
    name = type(t).__name__
    if name == "NamedNode":
        return URIRef(t.value)
    if name == "Literal":
        if t.language:
            return Literal(t.value, lang=t.language)
        dt = t.datatype.value
        return Literal(t.value, datatype=None if dt == XSD_STRING else URIRef(dt))
    if name == "BlankNode":
        return BNode(t.value)
    raise QueryError(f"unsupported term in result: {t!r}")


def to_oxigraph(t: Node) -> Any:
    import pyoxigraph as ox

    if isinstance(t, URIRef):
        return ox.NamedNode(str(t))
    if isinstance(t, BNode):
        return ox.BlankNode(str(t))
    if isinstance(t, Literal):
        if t.language:
            return ox.Literal(str(t), language=t.language)
        return ox.Literal(str(t), datatype=ox.NamedNode(str(t.datatype)) if t.datatype else None)
    raise ValueError(f"not an RDF term: {t!r}")


class OxigraphStore(Store):
    """pyoxigraph Store, on disk (a folder) or in memory. The default graph holds the set union of
    the named graphs, kept up to date on every replace (see the module docstring)."""

    kind = "oxigraph"

    def __init__(self, path: Path | None = None, *, read_only: bool = False) -> None:
        import pyoxigraph as ox

        self.path = Path(path) if path else None
        self.read_only = read_only
        try:
            if self.path is None:
                self.ox = ox.Store()
            elif read_only:
                if not (self.path / "CURRENT").is_file():
                    raise InputError(self.path, "no Oxigraph store here (build one with kg build --store oxigraph:PATH)")
                self.ox = ox.Store.read_only(str(self.path))
            else:
                if self.path.exists() and not self.path.is_dir():
                    raise InputError(self.path, "cannot open store: not a folder")
                self.ox = ox.Store(str(self.path))
        except OSError as e:
            raise InputError(self.path or "oxigraph", f"cannot open store: {str(e).splitlines()[0][:200]}") from None
        self._prefixes: dict[str, str] = {}
        if self.path and (self.path / PREFIX_FILE).is_file():
            try:
                self._prefixes = json.loads((self.path / PREFIX_FILE).read_text(encoding="utf-8"))
            except (OSError, ValueError):
                self._prefixes = {}

    def replace_graphs(self, graphs: Mapping[URIRef, Iterable[Triple]], prefixes: Mapping[str, str] | None = None) -> None:
        import pyoxigraph as ox

        dg = ox.DefaultGraph()
        for name, triples in graphs.items():
            g = ox.NamedNode(str(name))
            old = {(q.subject, q.predicate, q.object) for q in self.ox.quads_for_pattern(None, None, None, g)}
            new = {(to_oxigraph(s), to_oxigraph(p), to_oxigraph(o)) for s, p, o in triples}
            self.ox.remove_graph(g) if self.ox.contains_named_graph(g) else None
            self.ox.extend([ox.Quad(s, p, o, g) for s, p, o in new])
            self.ox.extend([ox.Quad(s, p, o, dg) for s, p, o in new - old])
            for s, p, o in old - new:  # gone from this article: keep it in the union if another has it
                if not any(q.graph_name != dg for q in self.ox.quads_for_pattern(s, p, o, None)):
                    self.ox.remove(ox.Quad(s, p, o, dg))
        self.ox.flush()
        if prefixes:
            self._prefixes.update(prefixes)
            if self.path:
                (self.path / PREFIX_FILE).write_text(json.dumps(self._prefixes, indent=1, sort_keys=True), encoding="utf-8")

    def load_file(self, path: str | Path) -> None:
        import pyoxigraph as ox

        path = Path(path)
        if not path.is_file():
            raise InputError(path, "no such file" if not path.exists() else "not a file")
        fmt = {"turtle": ox.RdfFormat.TURTLE, "nt": ox.RdfFormat.N_TRIPLES, "trig": ox.RdfFormat.TRIG,
               "nquads": ox.RdfFormat.N_QUADS, "json-ld": ox.RdfFormat.JSON_LD}[graph_format(path)]
        try:  # parsed and loaded in Rust (no Python object per quad)
            self.ox.bulk_load(path=str(path), format=fmt)
        except (SyntaxError, ValueError, OSError) as e:
            raise InputError(path, f"not valid {fmt.name}: {str(e).splitlines()[0][:300]}") from None
        if fmt.supports_datasets:  # the default graph is the union of the named graphs
            dg = ox.DefaultGraph()
            self.ox.bulk_extend(ox.Quad(q.subject, q.predicate, q.object, dg)
                                for q in ox.parse(path=str(path), format=fmt) if q.graph_name != dg)
        if self.path is not None:  # compacting the bulk-loaded files makes reads ~30% faster (1M triples: 6 s)
            self.ox.flush()
            self.ox.optimize()

    def query(self, text: str, *, max_rows: int | None = None, parsed: Any = None) -> QueryResult:
        import pyoxigraph as ox

        check_complexity(text)
        try:
            res = self.ox.query(text)
        except SyntaxError as e:
            raise QueryError(f"SPARQL syntax error: {str(e).splitlines()[0][:300]}") from None
        except (OSError, ValueError, RuntimeError) as e:
            raise QueryError(f"SPARQL error: {str(e).splitlines()[0][:300]}") from None
        try:
            if isinstance(res, ox.QueryBoolean):
                return QueryResult("ASK", boolean=bool(res))
            memo: dict[Any, Node | None] = {None: None}  # results repeat terms; rdflib terms are costly to make

            def conv(t: Any) -> Node | None:
                try:
                    return memo[t]
                except KeyError:
                    r = memo[t] = to_rdflib(t)
                    return r
            # at most one row past the limit is read: enough to say the result is too large
            if isinstance(res, ox.QueryTriples):
                triples = [(conv(t.subject), conv(t.predicate), conv(t.object))
                           for t in (res if max_rows is None else islice(res, max_rows + 1))]
                _check_rows(len(triples), max_rows, "triples")
                return QueryResult("GRAPH", triples=triples)  # type: ignore[arg-type]
            vars_ = [v.value for v in res.variables]
            # a solution iterates its values in the order of `variables`, None where unbound
            rows = [tuple(map(conv, sol)) for sol in (res if max_rows is None else islice(res, max_rows + 1))]
            _check_rows(len(rows), max_rows)
            return QueryResult("SELECT", vars=vars_, rows=rows)
        except (OSError, ValueError, RuntimeError) as e:  # evaluation errors surface while iterating
            raise QueryError(f"SPARQL error: {str(e).splitlines()[0][:300]}") from None

    def graph_names(self) -> list[str]:
        return sorted(g.value for g in self.ox.named_graphs() if hasattr(g, "value"))

    def graph_triples(self, name: str) -> list[Triple]:
        import pyoxigraph as ox

        return [(to_rdflib(q.subject), to_rdflib(q.predicate), to_rdflib(q.object))  # type: ignore[misc]
                for q in self.ox.quads_for_pattern(None, None, None, ox.NamedNode(name))]

    def triple_count(self) -> int:
        sol = next(iter(self.ox.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")))
        return int(sol["n"].value)

    def prefixes(self) -> dict[str, str]:
        return dict(self._prefixes)

    def close(self) -> None:
        if getattr(self, "ox", None) is not None:
            if self.path is not None and not self.read_only:
                self.ox.flush()
            self.ox = None  # RocksDB closes when the last reference goes


def iter_quads(store: Store) -> Iterator[tuple[str, list[Triple]]]:
    """Each named graph with its triples (for kg push)."""
    for name in store.graph_names():
        yield name, store.graph_triples(name)


def replace_article(st: OxigraphStore, graph: str, ntriples: bytes) -> None:
    """Put one article's graph, given as N-Triples, in the named graph `graph`, replacing what it
    held, and keep the default graph the set union of the named graphs (kg.corpus streams a corpus
    through this, one article at a time). Parsed and loaded in Rust: no Python object per triple
    unless the article was in the store before. Each step is one transaction; a build killed
    between steps has not recorded the article, so the next build redoes it and the union heals."""
    import pyoxigraph as ox

    g, dg, nt = ox.NamedNode(graph), ox.DefaultGraph(), ox.RdfFormat.N_TRIPLES
    if st.ox.contains_named_graph(g):  # what it no longer says leaves the union, unless another article says it
        new = {(t.subject, t.predicate, t.object) for t in ox.parse(ntriples, nt)}
        for q in list(st.ox.quads_for_pattern(None, None, None, g)):
            t = (q.subject, q.predicate, q.object)
            if t not in new and all(o.graph_name in (dg, g) for o in st.ox.quads_for_pattern(*t, None)):
                st.ox.remove(ox.Quad(*t, dg))
        st.ox.remove_graph(g)
    st.ox.load(ntriples, nt, to_graph=g)
    st.ox.load(ntriples, nt, to_graph=dg)


def add_articles(st: OxigraphStore, nquads: bytes, ntriples: bytes) -> None:
    """Add the graphs of articles not yet in the store: their N-Quads (each quad in its article's
    graph), and the same triples into the default graph, the union; two loads in Rust, whatever
    the number of articles (a transaction per article costs more per quad)."""
    import pyoxigraph as ox

    st.ox.load(nquads, ox.RdfFormat.N_QUADS)
    st.ox.load(ntriples, ox.RdfFormat.N_TRIPLES, to_graph=ox.DefaultGraph())
