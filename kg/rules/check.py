"""Rule examples and explanations: what a rule emits on a sentence, in a compact readable form.

A triple is shown as `s p o`: entities by gazetteer id, the rule's node as `node`, IRIs as
prefixed names, literals in double quotes (typed ones with ^^). A triple the article does not
assert is prefixed: `NOT` (negated), `CLAIM(holder)`, `IF` (hypothetical).
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from ..reading.dates import parse_dateline_date
from ..reading.document import Layout, parse_article
from ..knowing.mentions import MentionFinder, SentenceAnalysis
from ..reading.text import split_items
from ..knowing.vocab import RDF, XSD, Vocabulary
from .engine import Firing, extract, match_sentence
from .loader import Rule, RuleSet, Term
from .match import SentenceView


def _curie(iri: str, voc: Vocabulary) -> str:
    best = max(((p, ns) for p, ns in voc.prefixes.items() if iri.startswith(ns)), key=lambda x: len(x[1]), default=None)
    return f"{best[0]}:{iri[len(best[1]):]}" if best else f"<{iri}>"


def _show(t: Term, f: Firing, voc: Vocabulary, text: str, date: dt.date | None) -> list[str]:
    if t.kind == "node":
        return ["node"]
    if t.kind == "iri":
        return [_curie(t.value, voc)]
    if t.kind == "holder":  # the quotation's speaker, also of a first-person act that is no claim (context.speaker)
        h = f.context.voice
        return [h.id] if h else []
    if t.kind == "docdate":
        return [f'"{date.isoformat()}"^^xsd:date'] if date else []
    if t.kind == "ref":
        vals = []
        for k in t.key:
            if k == "holder":
                h = f.context.voice
                if not h:
                    return []
                vals.append(h.id)
                continue
            b = f.bindings.get(k)
            if b is None:
                return []
            vals.append(b.value.entity.id if b.kind == "entity" else str(b.value))
        return [f"{_curie(t.value, voc)}({', '.join(vals)})"]
    if t.kind == "literal":
        if t.datatype.startswith("@"):
            return [f'"{t.value}"{t.datatype}']
        if t.datatype == XSD + "integer":
            return [t.value]
        return [f'"{t.value}"' + (f"^^{_curie(t.datatype, voc)}" if t.datatype and t.datatype != XSD + "string" else "")]
    b = f.bindings.get(t.value)
    if b is None:
        return []
    if t.attr in ("begin", "end"):
        return [str(b.begin if t.attr == "begin" else b.end)]
    if t.attr == "text":
        return [f'"{text[b.begin:b.end]}"']
    if t.attr == "items":
        return [f'"{x}"' for x in split_items(b.value if isinstance(b.value, str) else text[b.begin:b.end])]
    if b.kind == "entity":
        return [b.value.entity.id]
    if b.kind == "time":
        return [f'"{b.value.relation}"' if t.attr == "relation" else f'"{b.value.value}"^^xsd:{b.value.datatype}']
    if b.kind == "number":
        return [str(b.value)]
    return [f'"{b.value}"']


def render(f: Firing, voc: Vocabulary, text: str, date: dt.date | None = None) -> list[str]:
    """The triples one firing emits, in example form."""
    r, ctx = f.rule, f.context
    out = []
    if r.has_node:
        out += [f"node a {_curie(c, voc)}" for c in r.node_classes]
    for em in r.emits:
        p = "a" if em.p == RDF + "type" else _curie(em.p, voc)
        for s in _show(em.s, f, voc, text, date):
            for o in _show(em.o, f, voc, text, date):
                line = f"{s} {p} {o}"
                if "node" not in (s, o) or em.negated:
                    if ctx.negated != em.negated:
                        line = "NOT " + line
                    if ctx.conditions:
                        line = "IF " + line
                    if ctx.holder:
                        line = f"CLAIM({ctx.holder.id}) " + line
                out.append(line)
    zone_only = not r.emits and not r.has_node
    if zone_only and r.attribution:  # what this rule makes reported speech (or, without content, a speaker)
        h, cs = r.attribution
        hb, cb = f.bindings.get(h), f.bindings.get(cs) if cs else None
        if hb is not None and hb.kind == "entity":
            out.append(f'ZONE claim({hb.value.entity.id})' + (f' "{text[cb.begin:cb.end]}"' if cb else ""))
    for name in r.hypothetical if zone_only else ():
        hb = f.bindings.get(name)
        if hb is not None:
            out.append(f'ZONE if "{text[hb.begin:hb.end]}"')
    if r.has_node and ctx.negated:
        out.append("node kgo:polarity kgo:Negative")
    if r.has_node and ctx.holder:
        out.append(f"node kgo:claimedBy {ctx.holder.id}")
    if r.has_node and ctx.conditions:
        out.append("node kgo:factuality kgo:Hypothetical")
    return out


@dataclass
class ExampleResult:
    rule: Rule
    text: str
    line: int
    ok: bool
    expected: tuple[str, ...] | None
    got: list[str] = field(default_factory=list)

    def __str__(self) -> str:
        where = f"{self.rule.file}:{self.line}"
        if self.expected is None:
            return f"{where}: rule {self.rule.id} must not match {self.text!r} but emitted: {'; '.join(self.got)}"
        missing = [x for x in self.expected if x not in self.got]
        extra = [x for x in self.got if x not in self.expected]
        msg = f"{where}: rule {self.rule.id} on {self.text!r}:"
        if not self.got:
            return msg + " did not match"
        return msg + (f" missing {missing}" if missing else "") + (f" unexpected {extra}" if extra else "")


def run_rule_on(rule: Rule, text: str, finder: MentionFinder, layout: Layout, voc: Vocabulary,
                date: dt.date | None = None) -> tuple[list[Firing], str]:
    """Apply one rule alone to a text (as a one-paragraph article)."""
    art = parse_article(text, source="<example>", layout=layout, meta={"date": date} if date else {})
    ex = extract(art, finder.analyse(art), RuleSet([rule], []), voc)
    return ex.firings, art.text


EXAMPLE_DATE = dt.date(2006, 3, 3)  # examples without a date are read as if published on the seed's date


def check_examples(rules: RuleSet, finder: MentionFinder, layout: Layout, voc: Vocabulary) -> list[ExampleResult]:
    """Run each rule's examples through the whole rule set (so attribution, first-person pronouns
    and overlaps behave as in a real build) and compare what that one rule emitted."""
    results = []
    for rule in rules.rules:
        if rule.parent is not None:
            continue  # a frame rule's variant: its examples are the rule's
        for ex in rule.examples:
            date = parse_dateline_date(ex.date) if ex.date else EXAMPLE_DATE
            art = parse_article(ex.text, source="<example>", layout=layout, meta={"date": date})
            run = extract(art, finder.analyse(art), rules, voc)
            firings, text = [f for f in run.firings if f.rule.root is rule], art.text
            got: list[str] = []
            for f in firings:
                got += render(f, voc, text, date)
            got = list(dict.fromkeys(got))
            if ex.expect is None:
                ok = not firings
            else:
                ok = sorted(got) == sorted(set(ex.expect))
            results.append(ExampleResult(rule, ex.text, ex.line, ok, ex.expect, got))
    return results


@dataclass
class SentenceReport:
    analysis: SentenceAnalysis
    fired: list[Firing]
    suppressed: list[Firing]


def explain_text(text: str, rules: RuleSet, finder: MentionFinder, layout: Layout, voc: Vocabulary,
                 date: dt.date | None = None) -> tuple[list[SentenceReport], str]:
    """For each sentence of `text`: its mentions and times, the rules that fired, and the matches
    that lost an overlap to a longer or higher-priority match of the same group."""
    art = parse_article(text, source="<text>", layout=layout, meta={"date": date} if date else {})
    analyses = finder.analyse(art)
    ex = extract(art, analyses, rules, voc)
    reports = []
    for sa in analyses:
        v = SentenceView(sa, art.text, art.quotes, voc)
        fired = [f for f in ex.firings if f.sentence.index == sa.sentence.index]
        keys = {(f.rule.id, f.first, f.last) for f in fired}
        every = []
        for rule in rules.rules:  # each rule alone shows what it would match without competition
            every += match_sentence([rule], v)
        suppressed = [f for f in every if (f.rule.id, f.first, f.last) not in keys]
        reports.append(SentenceReport(sa, fired, suppressed))
    return reports, art.text
