"""What the SPARQL endpoint speaks and what it will run: the result formats and their media
types, content negotiation, the serialisers (SPARQL 1.1 results as JSON, XML, CSV and TSV;
graphs as Turtle, N-Triples and JSON-LD), replies, and the query policy (check_query) that
refuses updates, SERVICE and foreign datasets before anything runs. Shared by `kg serve`'s
workers and `kg query`, which need no server for it."""
from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass, field
from typing import Any

from ..errors import KgError
from .query import json_term

# media type -> short format name
RESULT_TYPES = {
    "application/sparql-results+json": "json", "application/json": "json",
    "application/sparql-results+xml": "xml", "application/xml": "xml", "text/xml": "xml",
    "text/csv": "csv", "text/tab-separated-values": "tsv",
}
GRAPH_TYPES = {
    "text/turtle": "turtle", "application/x-turtle": "turtle", "application/n-triples": "nt", "text/plain": "nt",
    "application/ld+json": "json-ld", "application/json": "json-ld",
}
CONTENT_TYPE = {
    "json": "application/sparql-results+json", "xml": "application/sparql-results+xml", "csv": "text/csv",
    "tsv": "text/tab-separated-values", "turtle": "text/turtle", "nt": "application/n-triples",
    "json-ld": "application/ld+json",
}
FORMAT_ALIASES = {"json": "json", "srj": "json", "xml": "xml", "srx": "xml", "csv": "csv", "tsv": "tsv",
                  "turtle": "turtle", "ttl": "turtle", "nt": "nt", "ntriples": "nt", "n-triples": "nt",
                  "json-ld": "json-ld", "jsonld": "json-ld"}
RESULT_FORMATS = ("json", "xml", "csv", "tsv")
GRAPH_FORMATS = ("turtle", "nt", "json-ld")


@dataclass
class Reply:
    status: int
    content_type: str
    body: bytes
    headers: dict[str, str] = field(default_factory=dict)
    retire: bool = False  # the worker that made it must be replaced (not sent to the client)


def error(status: int, message: str) -> Reply:
    return Reply(status, "text/plain; charset=utf-8", (message.rstrip() + "\n").encode("utf-8"))


class Refused(KgError):
    """A query the endpoint will not run (an update, SERVICE, or a dataset outside the served data)."""


# -- the query policy ---------------------------------------------------------------------------

@dataclass
class Checked:
    """A query that passed the policy: rdflib's translation of it, and the text the engine is to
    run, which is the text that was judged (see check_query)."""

    query: Any
    text: str

    @property
    def algebra(self) -> Any:
        return self.query.algebra


_SURROGATE = re.compile(r"[\ud800-\udfff]")


def engine_text(text: str) -> str:
    """The query text as every engine reads it alike: \\u and \\U escapes expanded once, before
    parsing, as SPARQL says and rdflib does. Oxigraph expands them only inside strings and IRIs,
    so a comment such as ``# \\u000A SERVICE ...`` would hide a SERVICE from one parser and not
    from the other; expanded text leaves nothing to read differently. Raises QueryError for an
    escape that spells another escape (read twice, it would differ again) or a lone surrogate."""
    from rdflib.plugins.sparql.parser import expandUnicodeEscapes, expandUnicodeEscapes_re

    from .store import QueryError

    try:
        out = expandUnicodeEscapes(text)
    except ValueError as e:
        raise QueryError(f"SPARQL syntax error: {_first_line(e)}") from None
    if out != text and expandUnicodeEscapes_re.search(out):
        raise QueryError("SPARQL syntax error: a \\u escape that spells another \\u escape is not accepted")
    m = _SURROGATE.search(out)
    if m:
        raise QueryError(f"SPARQL syntax error: unpaired surrogate code point U+{ord(m.group()):04X}")
    return out


def check_query(text: str, served_graphs: set[str]) -> Checked:
    """Parse `text` with rdflib and inspect its algebra before anything runs.

    Returns the translated query and the text to run (escapes expanded: the engine must run what
    was judged, see engine_text). Raises Refused for what a read-only endpoint must not do and
    kg.store.QueryError for syntax errors and queries too complex to parse safely."""
    from rdflib.plugins.sparql import algebra, parser

    from .store import QueryError, check_complexity

    text = engine_text(text)
    check_complexity(text)  # before rdflib's parser, which recurses and is slow on long chains
    try:
        tree = parser.parseQuery(text)
    except Exception as e:  # pyparsing's ParseException and friends
        try:
            parser.parseUpdate(text)
        except Exception:
            raise QueryError(f"SPARQL syntax error: {_first_line(e)}") from None
        raise Refused("updates (INSERT, DELETE, LOAD, CLEAR, CREATE, DROP, ...) are refused: this endpoint is read-only") from None
    try:
        q = algebra.translateQuery(tree)
    except Exception as e:
        raise QueryError(f"SPARQL error: {_first_line(e)}") from None
    for d in q.algebra.get("datasetClause") or []:
        iri = d.default if d.default is not None else d.named
        if str(iri) not in served_graphs:
            kind = "FROM" if d.default is not None else "FROM NAMED"
            raise Refused(f"{kind} <{iri}> refused: only graphs served here may be named "
                          f"({len(served_graphs)} article graphs; list them with SELECT DISTINCT ?g {{ GRAPH ?g {{}} }})")
    _walk(q.algebra, set())
    return Checked(q, text)


def _walk(node: Any, seen: set[int]) -> None:
    from rdflib.plugins.sparql.parserutils import CompValue

    if id(node) in seen:
        return
    seen.add(id(node))
    if isinstance(node, CompValue):
        if node.name in ("ServiceGraphPattern", "SERVICE") or "service" in node.name.lower():
            raise Refused(f"SERVICE <{node.get('term')}> refused: this endpoint does not query other endpoints")
        for v in node.values():
            _walk(v, seen)
    elif isinstance(node, (list, tuple)):
        for v in node:
            _walk(v, seen)


def _first_line(e: BaseException) -> str:
    s = str(e).strip().splitlines()
    return (s[0] if s else type(e).__name__)[:300]


# -- content negotiation ------------------------------------------------------------------------

def parse_accept(accept: str | None) -> list[tuple[float, str]]:
    """(q, media type) pairs, best first; a missing header accepts anything."""
    out = []
    for i, part in enumerate((accept or "*/*").split(",")):
        bits = [b.strip() for b in part.split(";")]
        mt, qv = bits[0].lower(), 1.0
        for b in bits[1:]:
            if b.lower().startswith("q="):
                try:
                    qv = float(b[2:])
                except ValueError:
                    qv = 0.0
        if mt and qv > 0:
            out.append((qv, -i, mt))
    return [(qv, mt) for qv, _, mt in sorted(out, reverse=True)]


def negotiate(accept: str | None, fmt: str | None, kind: str) -> str | None:
    """The format for a result of `kind` (SELECT/ASK or GRAPH), or None when nothing acceptable."""
    allowed, table, default = ((RESULT_FORMATS, RESULT_TYPES, "json") if kind != "GRAPH"
                               else (GRAPH_FORMATS, GRAPH_TYPES, "turtle"))
    if fmt:
        f = FORMAT_ALIASES.get(fmt.lower())
        if f is None and fmt.lower() in table:
            f = table[fmt.lower()]
        return f if f in allowed else None
    for _, mt in parse_accept(accept):
        if mt in table:
            return table[mt]
        if mt in ("*/*", "application/*", "text/*"):
            if mt == "text/*":
                return "tsv" if kind != "GRAPH" else "turtle"
            return default
    return None


def acceptable_at_all(accept: str | None, fmt: str | None) -> bool:
    """Cheap early 406: the client accepts neither a results format nor a graph format."""
    return negotiate(accept, fmt, "SELECT") is not None or negotiate(accept, fmt, "GRAPH") is not None


# -- serialising results ------------------------------------------------------------------------

def _nt(t: Any) -> str:
    from rdflib import BNode, Literal, URIRef

    from ..graph.export import _nt_term
    if isinstance(t, BNode):
        return f"_:{t}"
    if isinstance(t, (URIRef, Literal)):
        return _nt_term(t)
    return ""


def _xml_term(t: Any) -> str:
    from rdflib import BNode, URIRef
    e = html.escape
    if isinstance(t, URIRef):
        return f"<uri>{e(str(t))}</uri>"
    if isinstance(t, BNode):
        return f"<bnode>{e(str(t))}</bnode>"
    attr = f' xml:lang="{e(t.language)}"' if t.language else (f' datatype="{e(str(t.datatype))}"' if t.datatype else "")
    return f"<literal{attr}>{e(str(t))}</literal>"


def serialize_result(res: Any, fmt: str, prefixes: dict[str, str] | None = None) -> bytes:
    """SPARQL 1.1 results (JSON, XML, CSV, TSV) or a graph (Turtle, N-Triples, JSON-LD)."""
    import csv
    import io

    if res.kind == "GRAPH":
        from rdflib import Graph
        g = Graph(bind_namespaces="none")
        for p, ns in (prefixes or {}).items():
            g.bind(p, ns, override=True, replace=True)
        for t in res.triples:
            g.add(t)
        return g.serialize(format={"turtle": "turtle", "nt": "nt", "json-ld": "json-ld"}[fmt]).encode("utf-8")
    if fmt == "json":
        if res.kind == "ASK":
            return json.dumps({"head": {}, "boolean": bool(res.boolean)}).encode()
        rows = [{v: json_term(x) for v, x in zip(res.vars, r) if x is not None} for r in res.rows]
        return json.dumps({"head": {"vars": res.vars}, "results": {"bindings": rows}}, ensure_ascii=False).encode("utf-8")
    if fmt == "xml":
        out = ['<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">\n<head>']
        if res.kind == "ASK":
            out.append(f"</head>\n<boolean>{'true' if res.boolean else 'false'}</boolean>\n</sparql>\n")
            return "".join(out).encode("utf-8")
        out += [f'<variable name="{html.escape(v)}"/>' for v in res.vars]
        out.append("</head>\n<results>\n")
        for r in res.rows:
            out.append("<result>" + "".join(f'<binding name="{html.escape(v)}">{_xml_term(x)}</binding>'
                                             for v, x in zip(res.vars, r) if x is not None) + "</result>\n")
        out.append("</results>\n</sparql>\n")
        return "".join(out).encode("utf-8")
    if res.kind == "ASK":  # CSV/TSV have no boolean form; a one-cell table is what tools read best
        return ("_askResult\r\n" if fmt == "csv" else "?_askResult\n").encode() + (b"true" if res.boolean else b"false") + b"\n"
    if fmt == "csv":
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\r\n")
        w.writerow(res.vars)
        for r in res.rows:
            w.writerow(["" if x is None else (f"_:{x}" if type(x).__name__ == "BNode" else str(x)) for x in r])
        return buf.getvalue().encode("utf-8")
    lines = ["\t".join("?" + v for v in res.vars)]
    lines += ["\t".join(_nt(x) if x is not None else "" for x in r) for r in res.rows]
    return ("\n".join(lines) + "\n").encode("utf-8")
