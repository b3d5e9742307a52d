"""Join rules on a text: what they link, shown as rule examples are written. A join rule needs
the whole graph of an article, so its examples are built, not matched sentence by sentence.

Nodes are shown by class and key (`kgo:Visit(hamas, moscow)`, `kgo:Delegation(khalid-mishal)`),
or by class and the text that made them when their rule has no key; entities by gazetteer id.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..reading.dates import parse_dateline_date
from ..reading.document import Layout, parse_article
from ..knowing.gazetteer import Gazetteer
from .builder import KGO, NIF, PROV, GraphBuilder
from ..knowing.mentions import MentionFinder
from ..rules.check import EXAMPLE_DATE, ExampleResult, _curie
from ..rules.engine import extract
from ..rules.ruleset import JoinRule, RuleSet
from .terms import IRI, Literal
from ..knowing.vocab import RDF, XSD, Vocabulary


@dataclass
class Joined:
    """One solution of a join rule: what it emitted and the sentences it joined."""

    rule: JoinRule
    triples: list[str]
    evidence: list[str]


def run_joins(text: str, rules: RuleSet, finder: MentionFinder, gaz: Gazetteer, layout: Layout, voc: Vocabulary,
              date: dt.date | None = None) -> list[Joined]:
    """Build `text` as one article with the whole rule set and report every join firing."""
    art = parse_article(text, source="<text>", layout=layout, meta={"date": date} if date else {})
    ex = extract(art, finder.analyse(art), rules, voc)
    gb = GraphBuilder(voc, gaz)
    gb.add_extraction(ex)
    names: dict[object, str] = {}
    for f in ex.firings:
        if f.rule.has_node:
            node, keys = gb.node_of(f)
            what = ", ".join(keys) if keys else f'"{art.text[f.begin:f.end]}"'
            names[node] = f"{_curie(f.rule.node_classes[0], voc)}({what})"
    ent = gb.mint.base + "entity/"

    def show(t: object) -> str:
        if isinstance(t, Literal):
            if t.language:
                return f'"{t}"@{t.language}'
            if t.datatype == XSD + "integer":
                return str(t)
            return f'"{t}"' + (f"^^{_curie(t.datatype, voc)}" if t.datatype and t.datatype != XSD + "string" else "")
        if t in names:
            return names[t]
        return t[len(ent):] if t.startswith(ent) else _curie(str(t), voc)

    ts = gb.kg_triples
    rule_p, gen, typ, join_f = IRI(KGO + "rule"), IRI(PROV + "wasGeneratedBy"), IRI(RDF + "type"), IRI(KGO + "JoinFiring")
    subj, pred_p, obj, evid, anchor = (IRI(RDF + "subject"), IRI(RDF + "predicate"), IRI(RDF + "object"),
                                       IRI(KGO + "evidence"), IRI(NIF + "anchorOf"))
    by_s: dict[object, list[tuple[object, object]]] = {}
    for s, p, o in ts:
        by_s.setdefault(s, []).append((p, o))
    rule_of = {s: o for s, p, o in ts if p == rule_p}
    made: dict[object, list[str]] = {}
    for s, p, o in ts:
        if p == gen and (o, typ, join_f) in ts:
            po = dict(by_s[s])
            pred = po[pred_p]
            made.setdefault(o, []).append(f"{show(po[subj])} {'a' if pred == typ else _curie(pred, voc)} {show(po[obj])}")
    join_of = {gb.mint.rule(j): j for j in rules.joins}  # type: ignore[arg-type]
    out = []
    for fid in sorted(made):
        rule = join_of[rule_of[fid]]
        ev = sorted((e for p, e in by_s[fid] if p == evid), key=lambda e: int(dict(by_s[e])[IRI(NIF + "beginIndex")]))
        out.append(Joined(rule, sorted(made[fid]), [str(dict(by_s[e])[anchor]) for e in ev]))
    return out


def check_join_examples(rules: RuleSet, finder: MentionFinder, gaz: Gazetteer, layout: Layout,
                        voc: Vocabulary) -> list[ExampleResult]:
    """Each join rule's examples, built with the whole rule set: `match` texts must make that
    rule emit exactly the triples expected, `no_match` texts nothing."""
    results = []
    for rule in rules.joins:
        for ex in rule.examples:
            date = parse_dateline_date(ex.date) if ex.date else EXAMPLE_DATE
            got = list(dict.fromkeys(t for j in run_joins(ex.text, rules, finder, gaz, layout, voc, date)
                                     if j.rule is rule for t in j.triples))
            ok = not got if ex.expect is None else sorted(got) == sorted(set(ex.expect))
            results.append(ExampleResult(rule, ex.text, ex.line, ok, ex.expect, got))  # type: ignore[arg-type]
    return results
