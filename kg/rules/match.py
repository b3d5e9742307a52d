"""Matching compiled patterns against one analysed sentence."""
from __future__ import annotations

from typing import Any, Callable, Iterator

from .. import codecache

from .pattern import Alt, Assert, Capture, Firsts, Gap, Node, Opt, Seq, Slot, Word, firsts
from .view import STEP_BUDGET, Bound, SentenceView, _number, starts  # noqa: F401 - kg.rules.match offered them
from .heads import _begin_test, _dispatch, _heads, _quiet_head


Found = "tuple[int, dict[str, Bound]]"
Accept = Callable[[int, dict[str, Bound]], Any]  # the caller's test of a complete match: a result ends the search, None goes on
Cont = Callable[["SentenceView", int, dict[str, Bound], Accept], Any]
# A compiled node: `m(v, pos, b, k)` tries every way the node (and whatever the pattern has after
# it) matches from token `pos`, in preference order, and returns the first non-None `k(end, b)`.
# Continuation passing instead of a generator per node and token: the same matches in the same
# order (so the same first match and the same step budget), without creating and resuming
# generator frames, which cost most of the matching time.
Matcher = Cont
_COMPILED: dict[int, tuple[Node, Matcher]] = {}


def _end(v: SentenceView, pos: int, b: dict[str, Bound], k: Accept) -> Any:
    return k(pos, b)


def match_at(node: Node, v: SentenceView, pos: int, b: dict[str, Bound]) -> Iterator[tuple[int, dict[str, Bound]]]:
    """Every way `node` can match from token `pos`, in preference order (regex-like)."""
    out: list[tuple[int, dict[str, Bound]]] = []

    def every(end: int, b2: dict[str, Bound]) -> None:
        out.append((end, b2))
        return None
    _compile(node)(v, pos, b, every)
    return iter(out)


def _compile(node: Node) -> Matcher:
    """The node's matcher, built once per node: patterns share their nodes (kg.rules.pattern
    keeps one object per distinct node), so a word or fragment used by many rules is compiled once."""
    hit = _COMPILED.get(id(node))
    if hit is None or hit[0] is not node:
        hit = _COMPILED[id(node)] = (node, _build(node, _end))
    return hit[1]


def _build(node: Node, c: Cont) -> Matcher:
    """A pattern node followed by the continuation `c` (the rest of its sequence) as a closure:
    the type dispatch is done once per pattern instead of at every token."""
    t = type(node)  # (the node classes have no subclasses: `is` tests, not isinstance calls, at ~10,000 nodes a first article builds)
    if t is Word or t is Assert or t is Slot and node.kind == "entity" and not node.many:
        return _run([node], c)
    if t is Seq:
        return _chain(list(node.items), c)
    if t is Alt:
        options = node.options
        if len(options) == 1:
            return _build(options[0], c)
        # Options that begin with a plain word can only match where the token is one of its forms:
        # a table from the token to the options worth trying, in their order. Each option is
        # compiled when first tried, and the table made at the first call: most alternations
        # built are never tried in a given run, and start-up counts.
        table: dict[str, tuple[int, ...]] | None = None
        others: tuple[int, ...] = ()
        opts: list[Matcher | None] = [None] * len(options)

        def alt(v: SentenceView, pos: int, b: dict[str, Bound], k: Accept) -> Any:
            nonlocal table, others
            if table is None:
                table, others = _dispatch(node)
            for i in table.get(v.norms[pos], others) if pos < v.n else others:
                o = opts[i]
                if o is None:
                    o = opts[i] = _build(options[i], c)
                r = o(v, pos, b, k)
                if r is not None:
                    return r
            return None
        first_words = _heads(node)  # the words every option begins with (None: not all begin with one)
        if first_words:  # it can begin only where one of its options' first words is
            alt.next_forms = first_words  # type: ignore[attr-defined]
        return alt
    if t is Opt:
        return _opt(node, c)
    if t is Gap:
        mx, stops = node.max, node.stops
        nf = _next_forms(c)
        if nf is not None:  # "..12 ,": only the ends where the next word is (the same steps)
            def gap_to(v: SentenceView, pos: int, b: dict[str, Bound], k: Accept) -> Any:
                v.budget -= 1
                if v.budget < 0:
                    raise OverBudget
                norms = v.norms
                for p in range(pos, min(pos + mx, v.n - 1) + 1):
                    if stops and p > pos and norms[p - 1] in stops:  # "..12!(said)": not across these words
                        return None
                    if norms[p] in nf:
                        r = c(v, p, b, k)
                        if r is not None:
                            return r
                return None
            return gap_to

        def gap(v: SentenceView, pos: int, b: dict[str, Bound], k: Accept) -> Any:
            v.budget -= 1
            if v.budget < 0:
                raise OverBudget
            for p in range(pos, pos + min(mx, v.n - pos) + 1):
                if stops and p > pos and v.norms[p - 1] in stops:
                    return None
                r = c(v, p, b, k)
                if r is not None:
                    return r
            return None
        return gap
    if t is Slot:
        return _slot_matcher(node, c)
    if t is Capture:
        cbody, name = _build(node.body, _end), node.name

        def capture(v: SentenceView, pos: int, b: dict[str, Bound], k: Accept) -> Any:
            def then(end: int, b2: dict[str, Bound]) -> Any:
                if end > pos:
                    bb, ee = v.span(pos, end)
                    return c(v, end, {**b2, name: Bound("text", pos, end, bb, ee, v.text[bb:ee])}, k)
                return None
            return cbody(v, pos, b, then)
        _same_head(capture, cbody)
        return capture
    raise TypeError(f"not a pattern node: {node!r}")


def _opt(node: Opt, c: Cont) -> Matcher:
    """An optional part then the continuation. Its body is tried only where it can begin (by its
    first tokens), and built when first tried (most optional parts never are in a given run).
    A run of optional parts ("[@LIGHT [@LIGHT]] [the] [{t:time}]") where none can begin is
    passed over in one step, counting the budget steps each part would have counted."""
    f = firsts(node.body)
    c_forms, c_mention = _head(c)
    if f.anything or not _quiet_head(node.body):  # tried everywhere, as its steps count
        body = _build(node.body, c)

        def opt(v: SentenceView, pos: int, b: dict[str, Bound], k: Accept) -> Any:
            v.budget -= 1
            if v.budget < 0:
                raise OverBudget
            r = body(v, pos, b, k)
            if r is not None:
                return r
            if c_forms is not None:
                if pos >= v.n or v.norms[pos] not in c_forms:
                    return None
            elif c_mention and pos not in v.mention_at:
                return None
            return c(v, pos, b, k)
        return opt
    own = _begin_test(f)
    chain = getattr(c, "skip", None)  # (first tokens of the run after this part, its length, what follows it)
    if chain is not None:
        after, count, target = chain
        f_after = f | after
        whole = _begin_test(f_after)
        count += 1
    else:
        after, count, target, whole, f_after = None, 1, c, own, f
    words, prefixes, entity, time, quote, number = own
    all_words, all_prefixes, all_entity, all_time, all_quote, all_number = whole
    plain = not any(own[1:]) and not any(whole[1:])  # words only: the commonest case
    built: list[Matcher] = []
    t_forms, t_mention = _head(target)

    def opt_word(v: SentenceView, pos: int, b: dict[str, Bound], k: Accept) -> Any:
        # whether something of the run can begin here, by its first tokens (words, mention, time, ...)
        w = v.norms[pos] if pos < v.n else None
        if plain:
            here = w in all_words
        else:
            here = w is not None and (w in all_words or all_prefixes and any(w.startswith(x) for x in all_prefixes)
                                      or all_number and _number(w) is not None) \
                or all_entity and pos in v.mention_at or all_time and pos in v.time_at or all_quote and pos in v.quote_at
        if not here:  # nothing of the run can begin here: straight to what follows it
            v.budget -= count
            if v.budget < 0:
                raise OverBudget
            if t_forms is not None:  # nor what follows it: no call (it would fail at once, spending no step)
                if w not in t_forms:
                    return None
            elif t_mention and pos not in v.mention_at:
                return None
            return target(v, pos, b, k)
        v.budget -= 1
        if v.budget < 0:
            raise OverBudget
        if plain:
            here = w in words
        else:
            here = w is not None and (w in words or prefixes and any(w.startswith(x) for x in prefixes)
                                      or number and _number(w) is not None) \
                or entity and pos in v.mention_at or time and pos in v.time_at or quote and pos in v.quote_at
        if here:
            if not built:
                built.append(_build(node.body, c))
            r = built[0](v, pos, b, k)
            if r is not None:
                return r
        if c_forms is not None:
            if w not in c_forms:
                return None
        elif c_mention and pos not in v.mention_at:
            return None
        return c(v, pos, b, k)
    opt_word.skip = (f_after, count, target)  # type: ignore[attr-defined]
    return opt_word


def _slot_matcher(node: Slot, c: Cont) -> Matcher:
    """A list, quotation, time, number, text or clause slot then the continuation, each as its
    own closure (no generator per try), in the order `_slot` yields its ends."""
    name, kind = node.name, node.kind
    if kind == "entity":  # a list: {x:Agent+}; its ends found once per sentence, token and type list
        key_types = node.types
        c_forms, c_mention = _head(c)

        def entity_list(v: SentenceView, pos: int, b: dict[str, Bound], k: Accept) -> Any:
            key = (pos, key_types)
            ends = v.lists.get(key)
            if ends is None:
                ends = v.lists[key] = [(end, b2[name]) for end, b2 in _entity_list(node, v, pos, {})]
            for end, bound in ends:
                if c_forms is not None:
                    if end >= v.n or v.norms[end] not in c_forms:
                        continue
                elif c_mention and end not in v.mention_at:
                    continue
                r = c(v, end, {**b, name: bound}, k)
                if r is not None:
                    return r
            return None
        entity_list.at_mention = True  # type: ignore[attr-defined]
        return entity_list
    if kind == "time":
        def time_slot(v: SentenceView, pos: int, b: dict[str, Bound], k: Accept) -> Any:
            t = v.time_at.get(pos)
            if not t:
                return None
            return c(v, t[0], {**b, name: Bound("time", pos, t[0], t[1].begin, t[1].end, t[1])}, k)
        return time_slot
    if kind == "quote":
        def quote_slot(v: SentenceView, pos: int, b: dict[str, Bound], k: Accept) -> Any:
            q = v.quote_at.get(pos)
            if not q:
                return None
            last, (qb, qe) = q
            return c(v, last, {**b, name: Bound("quote", pos, last, qb, qe, _unquote(v.text[qb:qe]))}, k)
        return quote_slot
    if kind == "number":
        def number_slot(v: SentenceView, pos: int, b: dict[str, Bound], k: Accept) -> Any:
            if pos >= v.n:
                return None
            n = _number(v.norms[pos])
            if n is None:
                return None
            bb, ee = v.span(pos, pos + 1)
            return c(v, pos + 1, {**b, name: Bound("number", pos, pos + 1, bb, ee, n)}, k)
        return number_slot
    after = _next_forms(c)  # text: longest first; never starting or ending on punctuation
    lo, hi, clause = node.min, node.max, kind == "clause"

    def text_slot(v: SentenceView, pos: int, b: dict[str, Bound], k: Accept) -> Any:
        n = v.n
        if pos >= n:
            return None
        norms = v.norms
        if norms[pos] in _EDGE_PUNCT:
            return None
        v.budget -= 1
        if v.budget < 0:
            raise OverBudget
        limit = min(n, pos + hi)
        if clause:
            for i in range(pos, limit):
                w = norms[i]
                if w in (";", "-") or w == "," and i + 1 < n and norms[i + 1] in _CLAUSE_NEXT:
                    limit = i
                    break
        toks, text = v.sa.tokens, v.text
        for end in range(limit, pos + lo - 1, -1):
            if norms[end - 1] in _EDGE_PUNCT or after is not None and (end >= n or norms[end] not in after):
                continue
            bb, ee = toks[pos].begin, toks[end - 1].end
            r = c(v, end, {**b, name: Bound("text", pos, end, bb, ee, text[bb:ee])}, k)
            if r is not None:
                return r
        return None
    return text_slot


def _head(c: Cont) -> tuple[frozenset[str] | None, bool]:
    """Where the continuation can begin at all: only at one of these words, or only at a mention's
    first token. A matcher that says so fails there at once, spending no step and changing
    nothing, so its callers test the token themselves first: most calls of a pattern's parts
    (an alternation, a slot after an optional part) failed at their first token, and a slot
    made its binding before its continuation failed."""
    return getattr(c, "next_forms", None), getattr(c, "at_mention", False)


def _same_head(m: Matcher, of: Matcher) -> None:
    """`m` begins where `of` begins (a capture and its body)."""
    forms, mention = _head(of)
    if forms is not None:
        m.next_forms = forms  # type: ignore[attr-defined]
    elif mention:
        m.at_mention = True  # type: ignore[attr-defined]


def _next_forms(c: Cont) -> frozenset[str] | None:
    """The words the continuation must begin with, when it begins with a plain word: a text slot
    followed by a word can only end where that word comes next, so its other ends are not even
    tried (same matches, same order)."""
    return getattr(c, "next_forms", None)


def _is_step(node: Node) -> bool:
    """Items that match in at most one way (a word, an assertion, an entity slot)."""
    t = type(node)
    return t is Word or t is Assert or t is Slot and node.kind == "entity" and not node.many


def _run(items: list[Node], c: Cont) -> Matcher:
    """A run of items that match in at most one way, checked in one loop (no frame per item),
    then the continuation."""
    tests: list[tuple[int, Any]] = []
    for it in items:
        t = type(it)
        if t is Word:
            tests.append((1 if it.prefix else 0, it.forms))
        elif t is Assert:
            tests.append((2 if it.kind == "start" else 3, it.forms))
        else:
            tests.append((4, it))
    c_forms, c_mention = _head(c)
    if len(tests) == 1 and tests[0][0] == 4:  # one entity slot: the commonest step
        name, types = tests[0][1].name, tests[0][1].types

        def entity(v: SentenceView, pos: int, b: dict[str, Bound], k: Accept) -> Any:
            m = v.mention_at.get(pos)
            if m is None or not v.type_ok(m, types):
                return None
            end = m.last
            if c_forms is not None:  # what follows cannot begin after it: no binding made
                if end >= v.n or v.norms[end] not in c_forms:
                    return None
            elif c_mention and end not in v.mention_at:
                return None
            return c(v, end, {**b, name: Bound("entity", pos, end, m.begin, m.end, m, _members(m, pos, end))}, k)
        entity.at_mention = True  # type: ignore[attr-defined]
        return entity
    if len(tests) == 1 and tests[0][0] == 0:
        forms = tests[0][1]
        if c is _end:
            def word_end(v: SentenceView, pos: int, b: dict[str, Bound], k: Accept) -> Any:
                if pos < v.n and v.norms[pos] in forms:
                    return k(pos + 1, b)
                return None
            m = word_end
        else:
            def word(v: SentenceView, pos: int, b: dict[str, Bound], k: Accept) -> Any:
                if pos < v.n and v.norms[pos] in forms:
                    if c_forms is not None:
                        if pos + 1 >= v.n or v.norms[pos + 1] not in c_forms:
                            return None
                    elif c_mention and pos + 1 not in v.mention_at:
                        return None
                    return c(v, pos + 1, b, k)
                return None
            m = word
        m.next_forms = forms  # type: ignore[attr-defined]
        return m

    def run(v: SentenceView, pos: int, b: dict[str, Bound], k: Accept) -> Any:
        for kind, x in tests:
            if kind == 0:
                if pos >= v.n or v.norms[pos] not in x:
                    return None
                pos += 1
            elif kind == 4:
                m = v.mention_at.get(pos)
                if m is None or not v.type_ok(m, x.types):
                    return None
                b = {**b, x.name: Bound("entity", pos, m.last, m.begin, m.end, m, _members(m, pos, m.last))}
                pos = m.last
            elif kind == 1:
                if pos >= v.n:
                    return None
                w = v.norms[pos]
                if not (w in x or any(w.startswith(f) for f in x)):
                    return None
                pos += 1
            elif kind == 2:
                if pos != 0:
                    return None
            elif pos < v.n and v.norms[pos] in x:  # 3: not one of these words
                return None
        if c_forms is not None:
            if pos >= v.n or v.norms[pos] not in c_forms:
                return None
        elif c_mention and pos not in v.mention_at:
            return None
        return c(v, pos, b, k)
    if tests[0][0] == 0:
        run.next_forms = tests[0][1]  # type: ignore[attr-defined]
    elif tests[0][0] == 4:
        run.at_mention = True  # type: ignore[attr-defined]
    return run


def _chain(items: list[Node], c: Cont) -> Matcher:
    """A sequence: each item built with the rest of the sequence as its continuation (right to left)."""
    i = len(items)
    while i > 0:
        j = i
        while j > 0 and _is_step(items[j - 1]):
            j -= 1
        if j < i:
            c = _run(items[j:i], c)
            i = j
        else:
            c = _build(items[i - 1], c)
            i -= 1
    return c


_LIST_JOINS = (("and",), (",",), (",", "and"), ("as", "well", "as"), ("&",), (",", "as", "well", "as"))  # not "nor": a frame's negated form reads "neither X nor Y"
_LIST_FIRST = frozenset(j[0] for j in _LIST_JOINS)


def _entity_list(s: Slot, v: SentenceView, pos: int, b: dict[str, Bound]) -> Iterator[tuple[int, dict[str, Bound]]]:
    """A list slot: mentions joined by commas, "and" or "as well as" (each may be preceded by
    "the"), longest list first, then shorter ones, down to one mention. A list ends with "and" or
    "as well as": "Moscow, the Kremlin" is an apposition, not two places."""
    m = v.mention_at.get(pos)
    if m is None or not v.type_ok(m, s.types):
        return
    items = [m]
    joins: list[tuple[str, ...]] = []
    at = m.last
    while at < v.n and v.norms[at] in _LIST_FIRST:
        nxt = None
        for j in _LIST_JOINS:
            k = at + len(j)
            if tuple(v.norms[at:k]) == j:
                if k < v.n and v.norms[k] == "the":
                    k += 1
                m2 = v.mention_at.get(k)
                if m2 is not None and v.type_ok(m2, s.types) and m2.kind != "pronoun":  # "X, and he urged": a new clause, not a list
                    nxt = (m2, j)
                    break
        if nxt is None:
            break
        items.append(nxt[0])
        joins.append(nxt[1])
        at = nxt[0].last
    for n in range(len(items), 0, -1):
        if n > 1 and joins[n - 2] == (",",):
            continue  # "A, B" without a closing "and" is not a list
        if n == 2 and joins[0] == (",", "and"):
            continue  # "sanctions on Iran, and Moscow warned": two names with a comma before "and" open a new clause
        last = items[n - 1].last
        parts = tuple(Bound("entity", pos, last, x.begin, x.end, y) for x in items[:n] for y in (x.members or (x,)))
        yield last, {**b, s.name: Bound("entity", pos, last, items[0].begin, items[n - 1].end, items[0], parts if len(parts) > 1 else ())}


def _members(m: Any, pos: int, last: int) -> tuple[Bound, ...]:
    """A group mention's members ("the six countries", kg.knowing.groups) as a list slot's items:
    the engine makes one firing per member, as for "A, B and C"."""
    return tuple(Bound("entity", pos, last, x.begin, x.end, x) for x in m.members) if m.members else ()


# a clause ends at a comma before these (", the ministry said" and ", according to" attribute it)
_CLAUSE_NEXT = frozenset({"and", "but", "or", "while", "saying", "which", "who", "whereas", "although", "the", "according"})
_EDGE_PUNCT = frozenset('.,;:!?"\')([]-')


def _unquote(q: str) -> str:
    q = q.strip()
    if q and q[0] in '"“”„«»':
        q = q[1:]
    if q and q[-1] in '"“”„«»':
        q = q[:-1]
    return q.strip()



class OverBudget(Exception):
    """A pattern tried more ways than STEP_BUDGET on one sentence (see `find_matches`)."""


def at_start_only(n: Node) -> bool:
    """Whether every match of `n` begins at the sentence's first token (each option opens with `^`)."""
    if isinstance(n, Assert):
        return n.kind == "start"
    if isinstance(n, Alt):
        return bool(n.options) and all(at_start_only(o) for o in n.options)
    if isinstance(n, Capture):
        return at_start_only(n.body)
    if isinstance(n, Seq):
        return bool(n.items) and at_start_only(n.items[0])
    return False


KEYS: dict[int, tuple[Node, str]] = {}  # a root -> the key of its matcher's plan (kg.rules.index, for a pack read from its cache)


class Planned:
    """A pattern of a pack read from its cache, by the key of its matcher's plan (kg.rules.index
    gives it in place of the root): its tree is read from the pack cache (kg.rules.pack) only when
    the plan is not in the code cache or the cache is off (`tree`)."""

    __slots__ = ("key", "rule", "i")

    def __init__(self, key: str, rule: Any, i: int):
        self.key, self.rule, self.i = key, rule, i

    def tree(self) -> Alt:
        return self.rule.patterns[self.i].root


def compiled(root: Alt | Planned) -> Matcher:
    """The matcher of a pattern's root (compiled on first use, then shared): made from the plan
    kept in kg's code cache when the pack gave the pattern a key and the cache is on (the `kg`
    command, kg.rules.matchgen), else built here."""
    if type(root) is Planned:
        if codecache.active():
            return _generated(root, root.key)  # type: ignore[arg-type]
        root = root.tree()
    hit = _COMPILED.get(id(root))
    if hit is not None and hit[0] is root:
        return hit[1]
    key = KEYS.get(id(root))
    if key is not None and key[0] is root and codecache.active():
        m = _generated(root, key[1])
        _COMPILED[id(root)] = (root, m)
        return m
    return _compile(root)


def _generated(root: Alt, key: str) -> Matcher:
    """A pattern's matcher made from its plan (kg.rules.matchgen), each unit when first tried."""
    from .matchgen import matcher

    return matcher(root, key)


def find_upto(m: Matcher, v: SentenceView, starts: list[int], bound: int) -> list[tuple[int, int, dict[str, Bound]]]:
    """`find_matches` with a compiled pattern, its start tokens, and the last of them worth trying:
    the caller knows that no match begins after `bound` (a word every match contains comes last
    there). The same matches."""
    v.budget = STEP_BUDGET
    found = []
    start = 0

    def accept(end: int, b: dict[str, Bound]) -> tuple[int, dict[str, Bound]] | None:
        return (end, b) if end > start else None  # an empty match is no match: try the next way
    try:
        for start in starts:
            if start > bound:
                break
            r = m(v, start, {}, accept)
            if r is not None:
                found.append((start, r[0], r[1]))
    except OverBudget:
        v.over_budget = getattr(v, "over_budget", 0) + 1
    return found


def find_matches(root: Alt, v: SentenceView, first: Firsts | None = None) -> Iterator[tuple[int, int, dict[str, Bound]]]:
    """The preferred match from each start token, as (first, end, bindings).

    Backtracking over gaps and text slots can take exponential time on a long sentence; each
    pattern gets a fixed budget of steps per sentence (deterministic, not a clock), and when it
    is spent the pattern stops there with the matches found so far. The loader also refuses
    patterns whose worst case is out of all proportion (kg.rules.pattern.cost)."""
    v.budget = STEP_BUDGET
    found = []
    m = _compile(root)
    start = 0

    def accept(end: int, b: dict[str, Bound]) -> tuple[int, dict[str, Bound]] | None:
        return (end, b) if end > start else None  # an empty match is no match: try the next way
    try:
        for start in starts(first or firsts(root), v):
            r = m(v, start, {}, accept)
            if r is not None:
                found.append((start, r[0], r[1]))
    except OverBudget:
        v.over_budget = getattr(v, "over_budget", 0) + 1
    yield from found
