"""Join rules: what one article says across its sentences, put together.

A sentence rule sees one sentence, but some links are spread over two: "Hamas leaders traveled to
Moscow today" and, later, "The six-member delegation, led by ... Mish'al". A join rule matches
triple patterns against the triples one article asserts, after its sentence rules have run, and
emits the triples that link what it found. The graph builder decides what a rule may see (only
what the article asserts) and records each solution's provenance; this module only solves.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Hashable, Iterator


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


_KEYED: dict[tuple[int, int], tuple[int, list[tuple[Hashable, Hashable]], Any]] = {}


def _keyed(pairs: list[tuple[Hashable, Hashable]], side: int) -> Any:
    """A predicate list's pairs by subject (side 0) or object (side 1), in their order, or (side
    2) as a set, so that a pattern whose subject or object is bound looks its pairs up instead of
    scanning them ("the sentences that mention v" in an article of hundreds of mentions; a scan
    called the terms' Python `__eq__` per pair, a lookup hashes once and meets the same object).
    Made once per list and length: the builder appends to a predicate's list after each rule, and
    an `unless` asks the same lists for every solution."""
    key = (id(pairs), side)
    hit = _KEYED.get(key)
    if hit is not None and hit[0] == len(pairs) and hit[1] is pairs:
        return hit[2]
    if side == 2:
        out: Any = set(pairs)
    else:
        out = {}
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
    named ones) is not explored again: it can only give the same named bindings and triples.

    The patterns are solved in the order of `_plan` (a pattern whose terms are bound first), not
    as written: the same solutions, each with its triples in the patterns' order."""
    env = dict(start or {})
    plan = _plan(patterns, frozenset(env), existentials)
    if plan is None:
        return
    steps, live = plan
    n = len(steps)
    explored: set[tuple[object, ...]] = set()
    used: list[Triple | None] = [None] * len(patterns)

    def step(i: int) -> Iterator[tuple[dict[str, Hashable], list[Triple]]]:
        if i == n:
            yield dict(env), [t for t in used if t is not None]
            return
        if existentials:
            state = (i, *(env.get(k) for k in live[i]))
            if state in explored:
                return
            explored.add(state)
        sv, s, p, ov, o, same, check, k = steps[i]
        s_val = env.get(sv) if sv is not None else s
        o_val = env.get(ov) if ov is not None else o
        if p is None:  # DIFFERENT: both sides are bound here (see _plan)
            if s_val != o_val:
                yield from step(i + 1)
            return
        pairs = by_pred.get(p)
        if not pairs:
            return
        if s_val is not None:
            if o_val is not None:  # a check: is the triple there
                if (s_val, o_val) in _keyed(pairs, 2):
                    if not check:
                        used[k] = (s_val, p, o_val)
                    yield from step(i + 1)
                    used[k] = None
                return
            for ts, to in _keyed(pairs, 0).get(s_val, ()):  # the pairs with the bound subject, looked up
                env[ov] = to
                if not check:
                    used[k] = (ts, p, to)
                yield from step(i + 1)
            if ov in env:
                del env[ov]
            used[k] = None
            return
        if o_val is not None:
            for ts, to in _keyed(pairs, 1).get(o_val, ()):
                env[sv] = ts
                if not check:
                    used[k] = (ts, p, to)
                yield from step(i + 1)
            if sv in env:
                del env[sv]
            used[k] = None
            return
        for ts, to in pairs:
            if same:
                if ts != to:
                    continue
            else:
                env[ov] = to
            env[sv] = ts
            if not check:
                used[k] = (ts, p, to)
            yield from step(i + 1)
        if sv in env:
            del env[sv]
        if ov in env:
            del env[ov]
        used[k] = None
    try:
        yield from step(0)
    finally:
        del step  # `step` calls itself through its closure: without this, each solve left a reference cycle


_PLANS: dict[tuple[int, frozenset[str], bool], tuple[list[Pat], Any]] = {}


def _plan(patterns: list[Pat], bound: frozenset[str], existentials: bool) -> Any:
    """The order `_solve` takes the patterns in, once per pattern list, bound variables and mode:
    at each step the first pattern (as written) with the most of its subject and object bound (a
    check before a lookup, a lookup before a scan), a DIFFERENT test as soon as both its terms are
    bound. Each step: (subject variable or None, subject term, predicate (None: DIFFERENT), object
    variable or None, object term, one variable on both sides, a check whose triple is not used,
    the pattern's place as written); and for each step the variables whose values decide what
    follows (for the explored states of existential solving). None: no solution can exist (a
    DIFFERENT test on a variable no pattern before it binds, as `solve` has always read it)."""
    key = (id(patterns), bound, existentials)
    hit = _PLANS.get(key)
    if hit is not None and hit[0] is patterns:
        return hit[1]
    ready = set(bound)
    for s, p, o in patterns:  # DIFFERENT reads only what the patterns before it bound
        names = [t.name for t in (s, o) if isinstance(t, Var)]
        if str(p) == DIFFERENT and not all(x in ready for x in names):
            plan = None
            break
        ready.update(names)
    else:
        left = list(range(len(patterns)))
        order: list[int] = []
        ready = set(bound)
        while left:
            def score(k: int) -> int:
                s, p, o = patterns[k]
                if str(p) == DIFFERENT:
                    return 3 if all(not isinstance(t, Var) or t.name in ready for t in (s, o)) else -1
                return sum(not isinstance(t, Var) or t.name in ready for t in (s, o))
            best = max(left, key=lambda k: (score(k), -k))
            left.remove(best)
            order.append(best)
            ready.update(t.name for t in (patterns[best][0], patterns[best][2]) if isinstance(t, Var))
        steps = []
        seen: set[str] = set(bound)
        for k in order:
            s, p, o = patterns[k]
            same = isinstance(s, Var) and isinstance(o, Var) and s.name == o.name and s.name not in seen
            check = existentials and any(isinstance(t, Var) and existential(t.name) for t in (s, o))
            steps.append((s.name if isinstance(s, Var) else None, None if isinstance(s, Var) else s,
                          None if str(p) == DIFFERENT else p,
                          o.name if isinstance(o, Var) else None, None if isinstance(o, Var) else o, same, check, k))
            seen.update(t.name for t in (s, o) if isinstance(t, Var))
        live = []
        if existentials:
            named = {t.name for pat in patterns for t in (pat[0], pat[2]) if isinstance(t, Var) and not existential(t.name)}
            live = [sorted(named | {t.name for k in order[i:] for t in (patterns[k][0], patterns[k][2]) if isinstance(t, Var)})
                    for i in range(len(order))]
        plan = (steps, live)
    if len(_PLANS) > 20_000:
        _PLANS.clear()
    _PLANS[key] = (patterns, plan)
    return plan


def holds(alternatives: list[list[Pat]], by_pred: dict[Hashable, list[tuple[Hashable, Hashable]]],
          env: dict[str, Hashable]) -> bool:
    """Whether one of the alternatives has a solution extending `env`: a join rule's `unless`
    (what must not be known of a solution, e.g. that a meeting's guest holds a post in the
    state of the meeting's place)."""
    return any(next(solve(alt, by_pred, env), None) is not None for alt in alternatives)
