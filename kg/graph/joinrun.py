"""Join rules run on one article's graph (kg.rules.join solves them): the GraphBuilder's part
that indexes the article's asserted triples by predicate, runs each rule in order and writes each
solution as a join firing with its facts. Split out of kg.graph.builder (a mixin of GraphBuilder).
"""
from __future__ import annotations

from typing import Any

from ..reading.document import Article
from ..rules.join import Var, holds, index, solve, sort_key
from ..rules.ruleset import JoinRule, Term
from .iris import KGO, PROV, RDF, A, Triple, _h, _u
from .terms import IRI, Literal
from .terms import Term as RDFTerm


class JoinRunner:
    """The join-rule methods of GraphBuilder (they use its triples, memos and writers)."""


    # -- join rules -----------------------------------------------------------------------
    def _joins(self, art: Article, rules: list[JoinRule]) -> None:
        """Run the join rules in order on what this article asserts: plain triples made by its
        firings (and the gazetteer's entity descriptions), none touching a claimed, hypothetical
        or negated node, and no provenance records; a rule sees what the rules before it added.
        The triples are indexed by predicate once for all the rules (not once per rule), and
        what each rule adds is put into the index after it has run."""
        cur, fact, neg = self._current, _u(KGO + "factuality"), _u(KGO + "polarity")
        hidden = {n for n in self._nodes_here if (n, fact, _u(KGO + "Asserted")) not in cur
                  or (n, neg, _u(KGO + "Negative")) in cur}
        skip = (self.mint.base + "fact/", self.mint.base + "firing/")
        parts = [_join_parts(jr) for jr in rules]
        preds = {p for pats, unless in parts for _, p, _ in [*pats, *(t for alt in unless for t in alt)]}
        by_pred = index(((s, p, o) for s, p, o in cur
                         if p in preds and not s.startswith(skip) and s not in hidden and o not in hidden), preds)
        for jr, (pats, unless) in zip(rules, parts):
            added: set[Triple] = set()
            self._current = added  # what this rule adds, merged below
            try:
                self._join(art, jr, pats, unless, by_pred)
            finally:
                self._current = cur
            new = [t for t in added if t not in cur]
            cur.update(new)
            grew = set()
            for s, p, o in new:
                if p in by_pred and not s.startswith(skip) and s not in hidden and o not in hidden:
                    by_pred[p].append((s, o))
                    grew.add(p)
            for p in grew:
                by_pred[p].sort(key=sort_key)

    def _join(self, art: Article, jr: JoinRule, pats: list[Any], unless: list[list[Any]],
              by_pred: dict[Any, list[Any]]) -> None:
        """Run one join rule on the indexed triples. Each solution is a firing (kgo:JoinFiring)
        informed by the firings of the triples it matched, with their sentences as evidence; what
        it emits is asserted, as a fact with its record, like a sentence rule's facts."""
        for env, used in solve(pats, by_pred):
            if unless and holds(unless, by_pred, env):
                continue  # what the rule's `unless` excludes is known of this solution
            premises = sorted({f for t in used for f in self._origin.get(t, ())})
            if not premises:
                continue  # the gazetteer alone: nothing in this article says it
            # one solution per binding: the same binding would match the same triples
            fid = IRI(f"{self.mint.base}firing/{_h(art.id, jr.id, *(f'{k}={env[k]}' for k in sorted(env)))}")
            self.counts["joins"] += 1
            self.add(fid, A, _u(KGO + "RuleFiring"))
            self.add(fid, A, _u(KGO + "JoinFiring"))
            self.add(fid, KGO + "rule", self._rule(jr))
            evidence = sorted({sid for pf in premises for sid in self._evidence_of[pf]})
            self._evidence_of[fid] = evidence
            for pf in premises:
                self.add(fid, PROV + "wasInformedBy", pf)
            for sid in evidence:
                self.add(fid, KGO + "evidence", sid)
            for em in jr.emits:
                s_, o_ = self._join_value(em.s, env), self._join_value(em.o, env)
                if isinstance(s_, Literal):
                    continue  # a variable bound to a literal cannot be a subject
                rec = IRI(f"{self.mint.base}fact/{_h(s_, _u(em.p), o_, True, '', False)}")
                if rec not in self._facts:
                    self._facts.add(rec)
                    self.counts["facts"] += 1
                self._add_from(fid, s_, em.p, o_)
                self.add(rec, RDF + "subject", s_)
                self.add(rec, RDF + "predicate", _u(em.p))
                self.add(rec, RDF + "object", o_)
                self.add(rec, PROV + "wasGeneratedBy", fid)
                self.add(rec, KGO + "factuality", _u(KGO + "Asserted"))

    def _join_term(self, t: Term) -> object:
        return _join_term(t)

    def _join_value(self, t: Term, env: dict[str, Any]) -> RDFTerm:
        return env[t.value] if t.kind == "slot" else _constant(t)

    def _constant(self, t: Term) -> RDFTerm:
        return _constant(t)


def _constant(t: Term) -> RDFTerm:
    if t.kind == "iri":
        return _u(t.value)
    if t.datatype.startswith("@"):
        return Literal(t.value, lang=t.datatype[1:])
    return Literal(t.value, datatype=_u(t.datatype)) if t.datatype else Literal(t.value)


def _join_term(t: Term) -> object:
    return Var(t.value) if t.kind == "slot" else _constant(t)


_JOIN_PARTS: dict[int, tuple[JoinRule, Any]] = {}  # id(rule) -> (the rule, kept alive; its patterns as terms)


def _join_parts(jr: JoinRule) -> tuple[list[Any], list[list[Any]]]:
    """A join rule's `where` and `unless` patterns as terms and variables: the same for every
    article, so made once per rule object (they were remade for every article)."""
    hit = _JOIN_PARTS.get(id(jr))
    if hit is not None and hit[0] is jr:
        return hit[1]
    parts = ([(_join_term(s), _u(p), _join_term(o)) for s, p, o in jr.where],
             [[(_join_term(s), _u(p), _join_term(o)) for s, p, o in alt] for alt in jr.unless])
    if len(_JOIN_PARTS) > 20_000:  # rule sets loaded again and again (tests): drop the old ones
        _JOIN_PARTS.clear()
    _JOIN_PARTS[id(jr)] = (jr, parts)
    return parts
