"""Precision and recall of the rule pack on the held-out sentences (tests/heldout/sentences.yaml).

The sentences were written without seeing the rules; each lists the relations it states, in a
small inventory (leads, member, met, visited, urged, said, invited, designates-terrorist,
recognizes, pledged, killed) with modifiers `not`, `if` and `claim(holder)`. This script builds
each sentence as a one-paragraph article, reads the same relations back out of the RDF graph and
compares exactly (a relation with the wrong polarity or holder counts as both a miss and an error).

    python tests/heldout/evaluate.py            # table of precision/recall per relation
    python tests/heldout/evaluate.py --errors   # also every false positive and false negative
    python tests/heldout/evaluate.py tests/heldout/sentences-2.yaml   # another set
"""
from __future__ import annotations

import datetime as dt
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from rdflib import Graph, URIRef

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent.parent))

from kg.graph.build import build_articles  # noqa: E402
from kg.reading.document import parse_article  # noqa: E402
from kg.rules.pack import Pack  # noqa: E402

K = "https://w3id.org/kg-news/ontology#"
ORG = "http://www.w3.org/ns/org#"
R = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
ENT = "/entity/"

# relation -> (event class, first role, second role) for n-ary nodes; second role None: one argument
NODE_RELATIONS = {
    "met": (K + "Meeting", K + "participant", K + "participant"),
    "visited": (K + "Visit", K + "visitor", K + "destination"),
    "urged": (K + "Appeal", K + "speaker", K + "addressee"),
    "invited": (K + "Invitation", K + "inviter", K + "invitee"),
    "designates-terrorist": (K + "Designation", K + "holder", K + "designee"),
    "killed": (K + "Killing", K + "perpetrator", K + "victim"),
    "said": (None, K + "speaker", None),
    "pledged": (K + "Pledge", K + "speaker", None),
}
SAID_CLASSES = {K + "Statement", K + "Criticism", K + "Praise", K + "Announcement"}
FACT_RELATIONS = {ORG + "headOf": "leads", ORG + "hasMember": "member", K + "recognizes": "recognizes"}


def _id(t: object) -> str | None:
    s = str(t)
    return s.rsplit("/", 1)[-1] if ENT in s else None


def _mods(g: Graph, node: URIRef) -> str:
    out = ""
    if g.value(node, URIRef(K + "factuality")) == URIRef(K + "Claimed"):
        out += f"claim({_id(g.value(node, URIRef(K + 'claimedBy')))}) "
    if (node, URIRef(K + "polarity"), URIRef(K + "Negative")) in g:
        out += "not "
    elif g.value(node, URIRef(K + "factuality")) == URIRef(K + "Hypothetical"):
        out += "if "
    return out


def relations(g: Graph) -> set[str]:
    """The inventory's relations, read from a kg graph."""
    out: set[str] = set()
    typ = URIRef(R + "type")
    for name, (cls, r1, r2) in NODE_RELATIONS.items():
        classes = SAID_CLASSES if name == "said" else {cls}
        for c in classes:
            for node in set(g.subjects(typ, URIRef(c))):
                if name == "met" and (node, URIRef(K + "status"), URIRef(K + "Planned")) in g:
                    continue
                mods = _mods(g, node)
                a = sorted({i for i in map(_id, g.objects(node, URIRef(r1))) if i})
                if r2 is None:
                    out |= {f"{mods}{name}({x})" for x in a}
                    continue
                b = sorted({i for i in map(_id, g.objects(node, URIRef(r2))) if i})
                if r1 == r2:  # symmetric: every pair of participants once
                    out |= {f"{mods}{name}({x}, {y})" for x in a for y in a if x < y}
                else:
                    out |= {f"{mods}{name}({x}, {y})" for x in a for y in b if x != y}
    for rec in set(g.subjects(URIRef(R + "subject"), None)):
        p = str(g.value(rec, URIRef(R + "predicate")))
        if p not in FACT_RELATIONS:
            continue
        s, o = _id(g.value(rec, URIRef(R + "subject"))), _id(g.value(rec, URIRef(R + "object")))
        if not s or not o:
            continue
        name = FACT_RELATIONS[p]
        if name == "member":
            s, o = s, o  # member(GROUP, MEMBER) = GROUP org:hasMember MEMBER
        out.add(f"{_mods(g, rec)}{name}({s}, {o})")
    # a head is also a member: kg states both, the annotation only the head
    return {x for x in out if not (x.startswith("member(") and
                                   "leads({1}, {0})".format(*x[7:-1].split(", ")) in out)}


@dataclass
class Report:
    tp: Counter = field(default_factory=Counter)
    fp: Counter = field(default_factory=Counter)
    fn: Counter = field(default_factory=Counter)
    errors: list[tuple[str, str, str]] = field(default_factory=list)  # (kind, relation, sentence)
    sentences: int = 0

    @staticmethod
    def _rel(x: str) -> str:
        return x.split("(")[0].split(" ")[-1] if ") " not in x else x.split(") ", 1)[1].split("(")[0].split(" ")[-1]

    def add(self, text: str, gold: set[str], got: set[str]) -> None:
        self.sentences += 1
        for x in gold & got:
            self.tp[self._rel(x)] += 1
        for x in got - gold:
            self.fp[self._rel(x)] += 1
            self.errors.append(("FP", x, text))
        for x in gold - got:
            self.fn[self._rel(x)] += 1
            self.errors.append(("FN", x, text))

    def micro(self) -> tuple[float, float, float]:
        tp, fp, fn = sum(self.tp.values()), sum(self.fp.values()), sum(self.fn.values())
        p = tp / (tp + fp) if tp + fp else 1.0
        r = tp / (tp + fn) if tp + fn else 1.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)

    def table(self) -> str:
        rows = ["relation              tp   fp   fn   precision  recall"]
        for rel in sorted(set(self.tp) | set(self.fp) | set(self.fn)):
            tp, fp, fn = self.tp[rel], self.fp[rel], self.fn[rel]
            p = f"{tp / (tp + fp):.2f}" if tp + fp else "  - "
            r = f"{tp / (tp + fn):.2f}" if tp + fn else "  - "
            rows.append(f"{rel:<20} {tp:>4} {fp:>4} {fn:>4}   {p:>9}  {r:>6}")
        p, r, f = self.micro()
        rows.append(f"{'all (micro)':<20} {sum(self.tp.values()):>4} {sum(self.fp.values()):>4} {sum(self.fn.values()):>4}"
                    f"   {p:>9.2f}  {r:>6.2f}   F1 {f:.2f}   ({self.sentences} sentences)")
        return "\n".join(rows)


SYMMETRIC = ("met",)


def normalise(rel: str) -> str:
    """One spelling per relation: symmetric relations list their two arguments in sorted order."""
    rel = " ".join(rel.split())
    head, _, args = rel.rpartition("(")
    name = head.split(" ")[-1]
    if name in SYMMETRIC:
        a = sorted(x.strip() for x in args.rstrip(")").split(","))
        return f"{head}({', '.join(a)})"
    return rel


def evaluate(pack: Pack | None = None, path: Path = HERE / "sentences.yaml") -> Report:
    pack = pack or Pack.load()
    items = yaml.safe_load(path.read_text(encoding="utf-8"))
    rep = Report()
    for i, item in enumerate(items):
        date = item.get("date") or dt.date(2006, 3, 3)
        if not isinstance(date, dt.date):
            date = dt.date.fromisoformat(str(date))
        art = parse_article(item["text"], source=f"{path}:{i}", layout=pack.layout, meta={"id": f"s{i}", "date": date})
        g = build_articles([art], pack).graph
        gold = {normalise(x) for x in item.get("expect") or []}
        rep.add(item["text"], gold, {normalise(x) for x in relations(g)})
    return rep


if __name__ == "__main__":
    files = [Path(a) for a in sys.argv[1:] if not a.startswith("--")]
    report = evaluate(path=files[0]) if files else evaluate()
    print(report.table())
    if "--errors" in sys.argv:
        for kind, rel, text in sorted(report.errors):
            print(f"{kind} {rel}\n     {text}")
