"""Matching compiled patterns against one analysed sentence."""
from __future__ import annotations

from typing import Any, Callable, Iterator

from .. import codecache

from .pattern import Alt, Assert, Capture, Firsts, Gap, Node, Opt, Seq, Slot, Word, firsts
from .view import STEP_BUDGET, Bound, SentenceView, _number, starts  # noqa: F401 - kg.rules.match offered them
from .heads import _begin_test, _dispatch, _heads, _quiet_head
from .closures import (_CLAUSE_NEXT, _EDGE_PUNCT, OverBudget, _entity_list, _members, _unquote,  # noqa: F401 - offered here
                       capture_m, entity_list_m, entity_m, gap_m, gap_to_m, number_m, opt_m, opt_word_m, quote_m, run_m,
                       text_m, time_m, word_end_m, word_m)


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
        nf = _next_forms(c)
        if nf is not None:  # "..12 ,": only the ends where the next word is (the same steps)
            return gap_to_m(node.max, node.stops, nf, c)
        return gap_m(node.max, node.stops, c)
    if t is Slot:
        return _slot_matcher(node, c)
    if t is Capture:
        cbody = _build(node.body, _end)
        capture = capture_m(cbody, node.name, c)
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
        return opt_m(_build(node.body, c), c, c_forms, c_mention)
    own = _begin_test(f)
    chain = getattr(c, "skip", None)  # (first tokens of the run after this part, its length, what follows it)
    if chain is not None:
        after, count, target = chain
        f_after = f | after
        whole = _begin_test(f_after)
        count += 1
    else:
        after, count, target, whole, f_after = None, 1, c, own, f
    plain = not any(own[1:]) and not any(whole[1:])  # words only: the commonest case
    t_forms, t_mention = _head(target)
    opt_word = opt_word_m(own[0], own, whole[0], whole, plain, count, target, t_forms, t_mention, _build_pair,
                          (node.body, c), c, c_forms, c_mention)
    opt_word.skip = (f_after, count, target)  # type: ignore[attr-defined]
    return opt_word


def _build_pair(nc: tuple[Node, Cont]) -> Matcher:
    return _build(*nc)


def _slot_matcher(node: Slot, c: Cont) -> Matcher:
    """A list, quotation, time, number, text or clause slot then the continuation, each as its
    own closure (no generator per try), in the order `_slot` yields its ends."""
    name, kind = node.name, node.kind
    if kind == "entity":  # a list: {x:Agent+}; its ends found once per sentence, token and type list
        entity_list = entity_list_m(node, c, *_head(c))
        entity_list.at_mention = True  # type: ignore[attr-defined]
        return entity_list
    if kind == "time":
        return time_m(name, c)
    if kind == "quote":
        return quote_m(name, c)
    if kind == "number":
        return number_m(name, c)
    # text: longest first; never starting or ending on punctuation
    return text_m(name, _next_forms(c), node.min, node.max, kind == "clause", c)


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
            tests.append((4, (it.name, it.types)))
    c_forms, c_mention = _head(c)
    if len(tests) == 1 and tests[0][0] == 4:  # one entity slot: the commonest step
        entity = entity_m(*tests[0][1], c, c_forms, c_mention)
        entity.at_mention = True  # type: ignore[attr-defined]
        return entity
    if len(tests) == 1 and tests[0][0] == 0:
        forms = tests[0][1]
        m = word_end_m(forms) if c is _end else word_m(forms, c, c_forms, c_mention)
        m.next_forms = forms  # type: ignore[attr-defined]
        return m
    run = run_m(tests, c, c_forms, c_mention)
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
