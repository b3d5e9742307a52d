"""SPARQL over a built graph, with results as a table, CSV, TSV or SPARQL JSON."""
from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from rdflib import BNode, Graph, Literal, URIRef

from ..errors import InputError, KgError

RESULT_FORMATS = ("table", "csv", "tsv", "json")


def read_query(query: str) -> tuple[str, str]:
    """The query text and where it came from: a .rq/.sparql file path, or the text itself."""
    if query.strip().endswith((".rq", ".sparql")) and "\n" not in query and "{" not in query:
        path = Path(query.strip())
        if not path.is_file():
            raise InputError(path, "no such query file")
        return path.read_text(encoding="utf-8"), str(path)
    return query, "<query>"


def run_query(g: Graph, text: str, source: str = "<query>") -> tuple[list[str], list[tuple]]:
    """Variables and rows of a SELECT (or ASK as one boolean row; CONSTRUCT as s p o rows)."""
    try:
        res = g.query(text)
    except Exception as e:  # rdflib raises pyparsing and other errors for bad queries
        raise KgError(f"{source}: SPARQL error: {str(e).splitlines()[0][:300]}") from None
    if res.type == "ASK":
        return ["ask"], [(Literal(bool(res.askAnswer)),)]
    if res.type in ("CONSTRUCT", "DESCRIBE"):
        return ["s", "p", "o"], sorted(((s, p, o) for s, p, o in res.graph), key=lambda t: tuple(map(str, t)))
    return [str(v) for v in res.vars], [tuple(r) for r in res]


def _cell(t: object, g: Graph | None) -> str:
    if t is None:
        return ""
    if isinstance(t, URIRef) and g is not None:
        try:
            return g.namespace_manager.normalizeUri(t)
        except Exception:
            return str(t)
    return str(t)


def json_term(t: object) -> dict[str, str]:
    """One RDF term in the SPARQL 1.1 Query Results JSON format."""
    if isinstance(t, URIRef):
        return {"type": "uri", "value": str(t)}
    if isinstance(t, BNode):
        return {"type": "bnode", "value": str(t)}
    assert isinstance(t, Literal)
    d = {"type": "literal", "value": str(t)}
    if t.language:
        d["xml:lang"] = t.language
    elif t.datatype:
        d["datatype"] = str(t.datatype)
    return d


def format_results(vars_: list[str], rows: list[tuple], fmt: str = "table", g: Graph | None = None) -> str:
    if fmt == "json":
        bindings = [{v: json_term(x) for v, x in zip(vars_, r) if x is not None} for r in rows]
        return json.dumps({"head": {"vars": vars_}, "results": {"bindings": bindings}}, indent=1, ensure_ascii=False) + "\n"
    if fmt in ("csv", "tsv"):
        buf = io.StringIO()
        w = csv.writer(buf, delimiter="," if fmt == "csv" else "\t", lineterminator="\n")
        w.writerow(vars_)
        for r in rows:
            w.writerow([_cell(x, None) for x in r])
        return buf.getvalue()
    cells = [[_cell(x, g) for x in r] for r in rows]
    widths = [min(60, max([len(v)] + [len(c[i]) for c in cells])) for i, v in enumerate(vars_)]
    def line(vals: list[str]) -> str:
        return " | ".join((v if len(v) <= 60 else v[:57] + "...").ljust(w) for v, w in zip(vals, widths)).rstrip()
    out = [line(vars_), "-+-".join("-" * w for w in widths)] + [line(c) for c in cells]
    out.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(out) + "\n"
