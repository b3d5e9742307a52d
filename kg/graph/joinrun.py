"""Join rules run on one article's graph (kg.rules.join solves them): the GraphBuilder's part
that indexes the article's asserted triples by predicate, runs each rule in order and writes each
solution as a join firing with its facts. Split out of kg.graph.builder (a mixin of GraphBuilder).
"""
from __future__ import annotations

from typing import Any

from ..reading.document import Article
from ..rules.join import DIFFERENT, Var, holds, solve
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
        preds = _rules_predicates(rules)
        # Pairs by predicate in no particular order: a solution's firing, facts and records are named
        # by its bindings and written into a set, so the order solutions come in changes nothing
        # written (sorting them cost more than solving).
        by_pred: dict[Any, list[Any]] = {p: [] for p in preds}
        for s, p, o in [t for t in cur if t[1] in preds]:
            if not s.startswith(skip) and s not in hidden and o not in hidden:
                by_pred[p].append((s, o))
        views: dict[tuple[Any, frozenset[Any]], list[Any]] = {}  # a predicate's pairs with the objects a rule names
        objects: dict[Any, set[Any]] = {}  # a predicate's objects (for the rules' constant objects)
        for jr, (pats, unless, needs, filters) in zip(rules, parts):
            if any(not by_pred[p] or o is not None and o not in (objects.get(p) or objects.setdefault(
                    p, {x for _, x in by_pred[p]})) for p, o in needs):
                continue  # a pattern no triple of the article matches: the rule has no solution
            view = by_pred
            if filters:  # the rule's view: a predicate it only ever asks with constant objects holds only those
                view = dict(by_pred)
                for p, allowed in filters.items():
                    v = views.get((p, allowed))
                    if v is None:
                        v = views[(p, allowed)] = [pair for pair in by_pred[p] if pair[1] in allowed]
                    view[p] = v
            added: set[Triple] = set()
            self._current = added  # what this rule adds, merged below
            try:
                self._join(art, jr, pats, unless, view)
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
                objects.pop(p, None)
                for key in [k for k in views if k[0] is p]:
                    del views[key]

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


_JOIN_PARTS: dict[int, tuple[JoinRule, Any]] = {}  # id(rule) -> (the rule, kept alive; _join_parts's answer)


def _join_parts(jr: JoinRule) -> tuple[list[Any], list[list[Any]], list[tuple[Any, Any]], dict[Any, frozenset[Any]]]:
    """A join rule's `where` and `unless` patterns as terms and variables, the predicates its
    `where` needs (each with its constant object, if any: a rule whose pattern no triple
    matches is skipped), and for each predicate it asks only with constant objects ("?c a
    Country") those objects (it is run on those triples of the predicate only: solving scans a
    predicate's triples at every step, and an article's rdf:type triples are a hundred or
    more). The same for every article, so made once per rule object."""
    hit = _JOIN_PARTS.get(id(jr))
    if hit is not None and hit[0] is jr:
        return hit[1]
    pats = [(_join_term(s), _u(p), _join_term(o)) for s, p, o in jr.where]
    unless = [[(_join_term(s), _u(p), _join_term(o)) for s, p, o in alt] for alt in jr.unless]
    tests = [t for t in [*pats, *(t for alt in unless for t in alt)] if str(t[1]) != DIFFERENT]
    needs = [(p, None if isinstance(o, Var) else o) for _, p, o in pats if str(p) != DIFFERENT]
    filters = {p: frozenset(o for _, q, o in tests if q is p) for p in {p for _, p, _ in tests}
               if not any(q is p and isinstance(o, Var) for _, q, o in tests)}
    parts = (pats, unless, needs, filters)
    if len(_JOIN_PARTS) > 20_000:  # rule sets loaded again and again (tests): drop the old ones
        _JOIN_PARTS.clear()
    _JOIN_PARTS[id(jr)] = (jr, parts)
    return parts


_PREDICATES: dict[int, tuple[list[JoinRule], int, frozenset[Any]]] = {}  # id(rules) -> (them, kept alive; count; preds)


def _rules_predicates(rules: list[JoinRule]) -> frozenset[Any]:
    """The predicates a list of join rules matches (in `where` or `unless`), once per list (the
    rule set's): only triples with these are indexed, and only their firings remembered."""
    hit = _PREDICATES.get(id(rules))
    if hit is not None and hit[0] is rules and hit[1] == len(rules):
        return hit[2]
    preds = frozenset(p for pats, unless, _, _ in map(_join_parts, rules)
                      for _, p, _ in [*pats, *(t for alt in unless for t in alt)])
    if len(_PREDICATES) > 1_000:
        _PREDICATES.clear()
    _PREDICATES[id(rules)] = (rules, len(rules), preds)
    return preds
