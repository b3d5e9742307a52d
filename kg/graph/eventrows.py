"""CAMEO-coded events exported as rows, in the column layout of Phoenix-style event data (`kg
events`): one row per asserted event of a built graph. Split out of kg.graph.events, which
re-exports these names.
"""
from __future__ import annotations

from typing import Any

from ..rules.cameo.codebook import quad_class

KGO = "https://w3id.org/kg-news/ontology#"


COLUMNS = ("event_id", "date", "source_code", "target_code", "event_code", "root_code", "quad_class",
           "source_label", "target_label", "sentence_id", "sentence", "article", "rule", "factuality")


def event_rows(g: Any, everything: bool = False) -> list[dict[str, str]]:
    """One row per CAMEO-coded event node of an rdflib graph (kg's own nodes with kgo:cameoCode
    and the pack's kgo:CodedEvent alike) that has a source and a target. Only asserted,
    non-negated events unless `everything` (then `factuality` says which). Sorted by date,
    article, sentence position, then codes: deterministic."""
    from rdflib import RDFS, Namespace

    K = Namespace(KGO)
    NIF = Namespace("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#")
    PROV = Namespace("http://www.w3.org/ns/prov#")
    SEM = Namespace("http://semanticweb.cs.vu.nl/2009/11/sem/")
    SCHEMA = Namespace("http://schema.org/")
    DCT = Namespace("http://purl.org/dc/terms/")

    def one(s: Any, p: Any) -> Any:
        return next(iter(sorted(g.objects(s, p))), None)

    def label(e: Any) -> str:
        if e is None:
            return ""
        lab = one(e, RDFS.label)
        return str(lab) if lab is not None else str(e).rsplit("/", 1)[-1]

    rows = []
    for node in sorted(set(g.subjects(K.cameoCode, None))):
        fact = one(node, K.factuality)
        negative = (node, K.polarity, K.Negative) in g
        fname = str(fact).rsplit("#", 1)[-1] if fact is not None else ""
        if not everything and (fname != "Asserted" or negative):
            continue
        src, tgt = one(node, K.sourceActor), one(node, K.targetActor)
        scode, tcode = one(node, K.sourceCode), one(node, K.targetCode)
        if (src is None and scode is None) or (tgt is None and tcode is None):
            continue
        code = str(one(node, K.cameoCode)).rsplit("#", 1)[-1]
        firing = one(node, PROV.wasGeneratedBy)
        sent = one(firing, K.evidence) if firing is not None else None
        rule = one(one(firing, K.rule), DCT.identifier) if firing is not None else None
        ctx = one(sent, NIF.referenceContext) if sent is not None else None
        art = one(ctx, NIF.sourceUrl) if ctx is not None else None
        day = one(node, SEM.hasTimeStamp)
        if day is None or len(str(day)) != 10:
            day = one(art, SCHEMA.datePublished) if art is not None else day
        begin = one(sent, NIF.beginIndex) if sent is not None else None
        q = quad_class(code)
        rows.append({
            "event_id": str(node).rsplit("/", 1)[-1],
            "date": str(day or ""),
            "source_code": str(scode or ""), "target_code": str(tcode or ""),
            "event_code": code, "root_code": code[:2], "quad_class": str(q or ""),
            "source_label": label(src) if src is not None else str(one(node, K.sourceText) or ""),
            "target_label": label(tgt) if tgt is not None else str(one(node, K.targetText) or ""),
            "sentence_id": str(sent or ""),
            "sentence": " ".join(str(one(sent, NIF.anchorOf) or "").split()) if sent is not None else "",
            "article": str(one(art, SCHEMA.identifier) or art or ""),
            "rule": str(rule or ""),
            "factuality": fname + (" negated" if negative else ""),
            "_order": (str(day or ""), str(art or ""), int(begin) if begin is not None else 0),
        })
    rows.sort(key=lambda r: (r["_order"], r["event_code"], r["source_code"], r["target_code"], r["event_id"]))
    for r in rows:
        del r["_order"]
    if not everything:
        for r in rows:
            del r["factuality"]
    return rows


def write_rows(rows: list[dict[str, str]], fmt: str, everything: bool = False) -> str:
    """The rows as tsv, csv or json text."""
    import csv
    import io
    import json

    cols = [c for c in COLUMNS if everything or c != "factuality"]
    if fmt == "json":
        return json.dumps(rows, ensure_ascii=False, indent=1) + "\n"
    buf = io.StringIO()
    if fmt == "csv":
        w = csv.writer(buf, lineterminator="\n")
        w.writerow(cols)
        for r in rows:
            w.writerow([r[c] for c in cols])
    else:
        buf.write("\t".join(cols) + "\n")
        for r in rows:
            buf.write("\t".join(r[c].replace("\t", " ").replace("\n", " ") for c in cols) + "\n")
    return buf.getvalue()
