"""Join rules: what one article says across its sentences, put together.

A sentence rule sees one sentence, but some links are spread over two: "Hamas leaders traveled to
Moscow today" and, later, "The six-member delegation, led by ... Mish'al". A join rule matches
triple patterns against the triples one article asserts, after its sentence rules have run, and
emits the triples that link what it found. The graph builder decides what a rule may see (only
what the article asserts) and records each solution's provenance; this module only solves.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Hashable, Iterator


@dataclass(frozen=True)
class Var:
    """A variable of a triple pattern."""

    name: str


Pat = tuple[object, Hashable, object]  # subject and object: a Var or a term; predicate: a term
Triple = tuple[Hashable, Hashable, Hashable]

# A built-in predicate: `[x, owl:differentFrom, y]` holds when x and y are bound to different
# terms, and matches no triple. It lets a join rule say "two different participants" and, in an
# `unless`, "a participant other than these" ("the two leaders" names the article's one pair).
DIFFERENT = "http://www.w3.org/2002/07/owl#differentFrom"


def sort_key(pair: tuple[Hashable, Hashable]) -> tuple[str, str]:
    """A pair's order: by the text of subject, then object. The same order as sorting the pairs
    themselves (terms order as text), without calling a term class's own `__eq__` at every
    comparison (kg's RDF terms define it in Python)."""
    return str(pair[0]), str(pair[1])


def index(triples: Iterator[Triple] | set[Triple], predicates: set[Hashable]) -> dict[Hashable, list[tuple[Hashable, Hashable]]]:
    """The triples with one of `predicates`, by predicate, in sorted order (so solutions come
    in the same order on every run)."""
    out: dict[Hashable, list[tuple[Hashable, Hashable]]] = {p: [] for p in predicates}
    for s, p, o in triples:
        if p in out:
            out[p].append((s, o))
    for v in out.values():
        v.sort(key=sort_key)
    return out


def existential(name: str) -> bool:
    """Whether a variable only asks that something exists: its name starts with `_`
    (`[_s, schema:mentions, v]`: some sentence mentions v)."""
    return name.startswith("_")


def solve(patterns: list[Pat], by_pred: dict[Hashable, list[tuple[Hashable, Hashable]]],
          start: dict[str, Hashable] | None = None) -> Iterator[tuple[dict[str, Hashable], list[Triple]]]:
    """Every binding of the patterns' variables (extending `start`) that makes all of them triples
    of `by_pred`, with the triples that matched (a nested-loop join in the patterns' order:
    articles are small). A `DIFFERENT` pattern is a test on what the patterns before it bound.

    Existential variables (`_x`) only ask that something exists: they are left out of the
    bindings, the bindings that differ only in them are one solution, and the triples a pattern
    with an existential variable matched are not among the solution's triples (they are checks,
    not premises; the others are the same for every binding of the existential ones). So "a
    sentence mentions a participant and the article has a dateline" gives one solution per
    meeting, not one per sentence, and its search stops at the first sentence that shows it."""
    if not any(isinstance(t, Var) and existential(t.name) for pat in patterns for t in (pat[0], pat[2])):
        yield from _solve(patterns, by_pred, start)
        return
    seen: set[tuple[tuple[str, str], ...]] = set()
    out = []
    for env, used in _solve(patterns, by_pred, start, existentials=True):
        named = {k: v for k, v in env.items() if not existential(k)}
        key = tuple(sorted((k, str(v)) for k, v in named.items()))
        if key not in seen:
            seen.add(key)
            out.append((key, named, used))
    for _, named, used in sorted(out, key=lambda x: x[0]):
        yield named, used


_KEYED: dict[tuple[int, int], tuple[int, list[tuple[Hashable, Hashable]], dict[Hashable, list[tuple[Hashable, Hashable]]]]] = {}
_SHORT = 24  # a list this short is scanned, not indexed


def _keyed(pairs: list[tuple[Hashable, Hashable]], side: int) -> dict[Hashable, list[tuple[Hashable, Hashable]]]:
    """A long predicate list's pairs by subject (side 0) or object (side 1), in their order, so
    that a pattern whose subject or object is bound looks its pairs up instead of scanning them all
    ("the sentences that mention v" in an article of hundreds of mentions). Made once per list and
    length: the builder appends to a predicate's list after each rule, and an `unless` asks the
    same lists for every solution."""
    key = (id(pairs), side)
    hit = _KEYED.get(key)
    if hit is not None and hit[0] == len(pairs) and hit[1] is pairs:
        return hit[2]
    out: dict[Hashable, list[tuple[Hashable, Hashable]]] = {}
    for pair in pairs:
        out.setdefault(pair[side], []).append(pair)
    if len(_KEYED) > 512:  # lists of articles built before: let them go
        _KEYED.clear()
    _KEYED[key] = (len(pairs), pairs, out)
    return out


def _solve(patterns: list[Pat], by_pred: dict[Hashable, list[tuple[Hashable, Hashable]]],
           start: dict[str, Hashable] | None = None, existentials: bool = False) -> Iterator[tuple[dict[str, Hashable], list[Triple]]]:
    """`solve` without merging the bindings of existential variables. With `existentials`, a
    pattern with an existential variable adds no triple to `used`, and a search state already
    explored (the same pattern, the same values of the variables still to be used and of the
    named ones) is not explored again: it can only give the same named bindings and triples."""
    different = [str(p) == DIFFERENT for _, p, _ in patterns]
    checks = [False] * len(patterns)
    live: list[list[str]] = []
    explored: set[tuple[object, ...]] = set()
    if existentials:
        checks = [any(isinstance(t, Var) and existential(t.name) for t in (pat[0], pat[2])) for pat in patterns]
        named = {t.name for pat in patterns for t in (pat[0], pat[2]) if isinstance(t, Var) and not existential(t.name)}
        live = [sorted(named | {t.name for pat in patterns[i:] for t in (pat[0], pat[2]) if isinstance(t, Var)})
                for i in range(len(patterns))]

    def step(i: int, env: dict[str, Hashable], used: list[Triple]) -> Iterator[tuple[dict[str, Hashable], list[Triple]]]:
        if i == len(patterns):
            yield dict(env), list(used)
            return
        if existentials:
            state = (i, *(env.get(n) for n in live[i]))
            if state in explored:
                return
            explored.add(state)
        s, p, o = patterns[i]
        s_val = env.get(s.name) if isinstance(s, Var) else s
        o_val = env.get(o.name) if isinstance(o, Var) else o
        if different[i]:
            if s_val is not None and o_val is not None and s_val != o_val:
                yield from step(i + 1, env, used)
            return
        pairs = by_pred.get(p, ())
        if len(pairs) > _SHORT:  # a long list: the pairs with the bound subject or object, looked up
            if s_val is not None:
                pairs = _keyed(pairs, 0).get(s_val, ())
            elif o_val is not None:
                pairs = _keyed(pairs, 1).get(o_val, ())
        for ts, to in pairs:
            if s_val is not None and ts != s_val or o_val is not None and to != o_val:
                continue
            if isinstance(s, Var) and isinstance(o, Var) and s.name == o.name and ts != to:
                continue
            new = []
            for v, val in ((s, ts), (o, to)):
                if isinstance(v, Var) and v.name not in env:
                    env[v.name] = val
                    new.append(v.name)
            if not checks[i]:
                used.append((ts, p, to))
            yield from step(i + 1, env, used)
            if not checks[i]:
                used.pop()
            for name in new:
                del env[name]
    try:
        yield from step(0, dict(start or {}), [])
    finally:
        del step  # `step` calls itself through its closure: without this, each solve left a reference cycle


def holds(alternatives: list[list[Pat]], by_pred: dict[Hashable, list[tuple[Hashable, Hashable]]],
          env: dict[str, Hashable]) -> bool:
    """Whether one of the alternatives has a solution extending `env`: a join rule's `unless`
    (what must not be known of a solution, e.g. that a meeting's guest holds a post in the
    state of the meeting's place)."""
    return any(next(solve(alt, by_pred, env), None) is not None for alt in alternatives)
