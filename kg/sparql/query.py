"""SPARQL over a built graph, with results as a table, CSV, TSV or SPARQL JSON."""
from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable, Iterable, Mapping
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
    return _table(vars_, [[_cell(x, g) for x in r] for r in rows])


def _table(vars_: list[str], cells: list[list[str]], width: int = 80) -> str:
    """Aligned columns; a cell longer than `width` is cut with '...'."""
    widths = [min(width, max([len(v)] + [len(c[i]) for c in cells])) for i, v in enumerate(vars_)]

    def line(vals: list[str]) -> str:
        return " | ".join((v if len(v) <= width else v[:width - 3] + "...").ljust(w) for v, w in zip(vals, widths)).rstrip()
    out = [line(vars_), "-+-".join("-" * w for w in widths)] + [line(c) for c in cells]
    out.append(f"({len(cells)} row{'s' if len(cells) != 1 else ''})")
    return "\n".join(out) + "\n"


# -- answers people can read ---------------------------------------------------------------------

RDF_NS = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
KGO_NS = "https://w3id.org/kg-news/ontology#"
_READ = """PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX kgo: <https://w3id.org/kg-news/ontology#>
SELECT ?x ?k ?v WHERE {
  VALUES ?x { %s }
  { ?x rdfs:label ?v BIND("label" AS ?k) }
  UNION { ?x rdf:subject ?v BIND("s" AS ?k) } UNION { ?x rdf:predicate ?v BIND("p" AS ?k) }
  UNION { ?x rdf:object ?v BIND("o" AS ?k) } UNION { ?x kgo:claimedBy ?v BIND("holder" AS ?k) }
  UNION { ?x kgo:polarity ?v BIND("polarity" AS ?k) } UNION { ?x kgo:condition ?v BIND("condition" AS ?k) }
  UNION { ?x kgo:factuality ?v BIND("factuality" AS ?k) } UNION { ?x rdf:type ?v BIND("type" AS ?k) }
}"""


def _words(local: str) -> str:
    """'headOf' -> 'head of': a property's name as words."""
    return re.sub(r"(?<=[a-z])(?=[A-Z])", " ", local).lower() if local[:1].islower() else local


class Reader:
    """Reads result terms as people do: an entity by its label, a fact record as the sentence it
    stands for ("Hamas - recognizes - Israel (claimed by Khalid Mish'al, negated)"), an event by
    its class, anything else by a compact prefixed name. Looks the terms up in the queried store
    with a few SPARQL queries (`ask` runs one and returns its rows), so it works on any backend."""

    def __init__(self, ask: Callable[[str], list[tuple]], prefixes: Mapping[str, str], iris: bool = False):
        from ..graph.readable import Curies, display_prefixes

        self.ask, self.iris = ask, iris
        self.curie = Curies(display_prefixes(prefixes))
        self.facts: dict[str, dict[str, list]] = {}

    def _load(self, iris: set[str]) -> None:
        todo = sorted(i for i in iris if i not in self.facts)
        for start in range(0, len(todo), 200):
            chunk = todo[start:start + 200]
            for i in chunk:
                self.facts[i] = {}
            for x, k, v in self.ask(_READ % " ".join(f"<{i}>" for i in chunk)):
                self.facts[str(x)].setdefault(str(k), []).append(v)

    def prepare(self, rows: Iterable[tuple]) -> None:
        """Look up every IRI of the rows, and what their fact records point to."""
        first = {str(t) for r in rows for t in r if isinstance(t, URIRef)}
        self._load(first)
        second = {str(v) for i in first for k in ("s", "o", "holder") for v in self.facts[i].get(k, [])
                  if isinstance(v, URIRef)}
        self._load(second)

    def _label(self, iri: str) -> str | None:
        labels = self.facts.get(iri, {}).get("label", [])
        if not labels:
            return None
        best = sorted(labels, key=lambda lit: (getattr(lit, "language", None) not in (None, "en"), str(lit)))[0]
        return str(best)

    def _kind(self, iri: str) -> str | None:
        types = sorted(str(t) for t in self.facts.get(iri, {}).get("type", []) if str(t).startswith(KGO_NS))
        return types[0][len(KGO_NS):] if types else None

    def name(self, t: object, depth: int = 0) -> str:
        if t is None:
            return ""
        if not isinstance(t, URIRef):
            return str(t)
        iri = str(t)
        f = self.facts.get(iri, {})
        text = self._label(iri)
        if text is None and f.get("s") and f.get("p") and f.get("o") and depth == 0:
            p = str(f["p"][0])
            pred = _words(re.split(r"[#/]", p)[-1])
            text = f"{self.name(f['s'][0], 1)} - {pred} - {self.name(f['o'][0], 1)}"
            marks = [f"claimed by {self.name(h, 1)}" for h in f.get("holder", [])]
            marks += [f"if {c}" for c in f.get("condition", [])]
            if any(str(v) == KGO_NS + "Negative" for v in f.get("polarity", [])):
                marks.append("negated")
            text += f" ({', '.join(marks)})" if marks else ""
        elif text is None and self._kind(iri) and iri.split("/")[-2:-1] == ["node"]:
            text = f"{self._kind(iri)} {self.curie(iri).split('-')[-1][:6]}"  # an event: its class, and a short id
        if text is None:
            return self.curie(iri)
        return f"{text} <{iri}>" if self.iris and depth == 0 else text


def readable_table(vars_: list[str], rows: list[tuple], reader: Reader) -> str:
    """The table of `format_results`, with every term read by `reader`."""
    reader.prepare(rows)
    return _table(vars_, [[reader.name(x) for x in r] for r in rows])


def query_page(queries: list[dict[str, str]]) -> bytes:
    """The query page of `kg serve`: the template with CodeMirror (MIT; its licence file is kept
    beside it in kg/web) inlined, so the page works with no network, and the named queries."""
    web = Path(__file__).resolve().parent.parent / "web"
    tpl = (web / "query.html").read_text(encoding="utf-8")
    js = (web / "codemirror.min.js").read_text(encoding="utf-8").replace("</script", "<\\/script")
    css = (web / "codemirror.css").read_text(encoding="utf-8").replace("</style", "<\\/style")
    data = json.dumps(queries).replace("</", "<\\/")
    tpl = tpl.replace("/*KG_CODEMIRROR_CSS*/", css, 1).replace("/*KG_CODEMIRROR_JS*/", js, 1)
    return tpl.replace("/*QUERIES*/[]", data, 1).encode("utf-8")
