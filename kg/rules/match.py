"""Matching compiled patterns against one analysed sentence."""
from __future__ import annotations

import bisect
from dataclasses import dataclass
from functools import partial
from typing import Any, Callable, Iterable, Iterator

from ..reading.dates import NUMBERS
from ..knowing.mentions import Mention, SentenceAnalysis
from ..knowing.vocab import Vocabulary
from .pattern import Alt, Assert, Capture, Firsts, Gap, Node, Opt, Seq, Slot, Word, firsts


@dataclass(frozen=True, slots=True)
class Bound:
    """What a slot matched: its kind, token range, character span and value."""

    kind: str  # entity quote time number text
    first: int
    last: int
    begin: int
    end: int
    value: Any  # Mention | TimeValue | int | str
    items: tuple["Bound", ...] = ()  # a list slot ({x:Agent+}): one Bound per actor, each spanning the list


class SentenceView:
    """Per-sentence indexes the matcher needs (built once, shared by all rules)."""

    def __init__(self, sa: SentenceAnalysis, text: str, quotes: list[tuple[int, int]], voc: Vocabulary,
                 date: Any = None):
        self.sa, self.text, self.date = sa, text, date  # date: the article's (for `default` time slots)
        toks = sa.tokens
        self.norms = [t.norm for t in toks]
        self.words = set(self.norms)
        self.n = len(toks)
        self.mention_at: dict[int, Mention] = {m.first: m for m in sa.mentions}
        self.time_at = {i: (j, v) for i, j, v in sa.times}
        self._types, self._accepts = _ancestors(voc)
        self._positions: dict[str, list[int]] | None = None
        self.budget = STEP_BUDGET
        self.quote_at: dict[int, tuple[int, tuple[int, int]]] = {}
        # only the quotations that overlap this sentence (found by bisection: quotations are
        # disjoint and in text order), and token positions by bisection too, so that an article
        # with thousands of quotation marks is read in linear time
        starts = [t.begin for t in toks]
        sb, se = sa.sentence.begin, sa.sentence.end
        k = max(0, bisect.bisect_left(quotes, (sb, sb)) - 1)
        while k < len(quotes) and quotes[k][0] < se:
            qb, qe = quotes[k]
            k += 1
            if qe <= sb:
                continue
            first = bisect.bisect_left(starts, qb)
            if first >= self.n:
                continue
            last = bisect.bisect_left(starts, qe)
            if last > first:
                self.quote_at[first] = (last, (qb, qe))

    def type_ok(self, m: Mention, types: tuple[str, ...]) -> bool:
        """A demonym ("Russian") stands for its country only where a slot asks for that type by
        name ({c:Country}); a wider slot ({x:Agent}) skips it, as in "Russian Foreign Minister Lavrov"."""
        if m.kind == "demonym":
            return m.entity.type in types
        ok = self._accepts.get(types)
        if ok is None:  # the entity types a slot accepts, once per vocabulary and slot type list
            ok = self._accepts[types] = frozenset(
                t for t, anc in self._types.items() if "Entity" in types or any(x in anc for x in types))
        return m.entity.type in ok or m.entity.type in types or "Entity" in types

    @property
    def positions(self) -> dict[str, list[int]]:
        """Token positions of each word (built on first use)."""
        if self._positions is None:
            self._positions = {}
            for i, w in enumerate(self.norms):
                self._positions.setdefault(w, []).append(i)
        return self._positions

    def span(self, first: int, last: int) -> tuple[int, int]:
        toks = self.sa.tokens
        return toks[first].begin, toks[last - 1].end


_ANCESTORS: dict[int, tuple[Vocabulary, dict[str, set[str]], dict[tuple[str, ...], frozenset[str]]]] = {}


def _ancestors(voc: Vocabulary) -> tuple[dict[str, set[str]], dict[tuple[str, ...], frozenset[str]]]:
    """Each type's ancestors, and a cache of what each slot type list accepts, once per
    vocabulary rather than once per sentence."""
    hit = _ANCESTORS.get(id(voc))
    if hit is None or hit[0] is not voc:
        hit = _ANCESTORS[id(voc)] = (voc, {t: voc.ancestors(t) for t in voc.types}, {})
    return hit[1], hit[2]


def _number(norm: str) -> int | None:
    if norm.isdigit():
        return int(norm)
    v = NUMBERS.get(norm)
    return v if isinstance(v, int) and norm not in ("a", "an") else None


Matcher = Callable[["SentenceView", int, dict[str, Bound]], Iterator[tuple[int, dict[str, Bound]]]]
_COMPILED: dict[int, tuple[Node, Matcher]] = {}


def match_at(node: Node, v: SentenceView, pos: int, b: dict[str, Bound]) -> Iterator[tuple[int, dict[str, Bound]]]:
    """Every way `node` can match from token `pos`, in preference order (regex-like)."""
    return _compile(node)(v, pos, b)


def _compile(node: Node) -> Matcher:
    """The node's matcher, built once per node: patterns share their nodes (kg.rules.pattern
    keeps one object per distinct node), so a word or fragment used by many rules is compiled once."""
    hit = _COMPILED.get(id(node))
    if hit is None or hit[0] is not node:
        hit = _COMPILED[id(node)] = (node, _build(node))
    return hit[1]


def _build(node: Node) -> Matcher:
    """A pattern node as a closure: the type dispatch is done once per pattern instead of at every
    token, which makes matching several times cheaper. Same matches, same preference order."""
    if isinstance(node, Word):
        forms = node.forms
        if node.prefix:
            def word_prefix(v: SentenceView, pos: int, b: dict[str, Bound]) -> Iterator[tuple[int, dict[str, Bound]]]:
                if pos < v.n:
                    w = v.norms[pos]
                    if w in forms or any(w.startswith(f) for f in forms):
                        yield pos + 1, b
            return word_prefix

        def word(v: SentenceView, pos: int, b: dict[str, Bound]) -> Iterator[tuple[int, dict[str, Bound]]]:
            if pos < v.n and v.norms[pos] in forms:
                yield pos + 1, b
        return word
    if isinstance(node, Seq):
        return _chain(list(node.items))
    if isinstance(node, Alt):
        options = node.options
        if len(options) == 1:
            return _compile(options[0])
        # Options that begin with a plain word can only match where the token is one of its forms:
        # a table from the token to the options worth trying, in their order. Each option is
        # compiled when first tried: most never are in a given run, and start-up counts.
        heads = [_head_forms(o) for o in options]
        others = tuple(i for i, h in enumerate(heads) if h is None)
        table = {w: tuple(i for i, h2 in enumerate(heads) if h2 is None or w in h2)
                 for h in heads if h is not None for w in h}
        opts: list[Matcher | None] = [None] * len(options)

        def alt(v: SentenceView, pos: int, b: dict[str, Bound]) -> Iterator[tuple[int, dict[str, Bound]]]:
            for i in table.get(v.norms[pos], others) if pos < v.n else others:
                o = opts[i]
                if o is None:
                    o = opts[i] = _compile(options[i])
                yield from o(v, pos, b)
        return alt
    if isinstance(node, Opt):
        body = _compile(node.body)

        def opt(v: SentenceView, pos: int, b: dict[str, Bound]) -> Iterator[tuple[int, dict[str, Bound]]]:
            v.budget -= 1
            if v.budget < 0:
                raise OverBudget
            yield from body(v, pos, b)
            yield pos, b
        return opt
    if isinstance(node, Gap):
        mx = node.max

        def gap(v: SentenceView, pos: int, b: dict[str, Bound]) -> Iterator[tuple[int, dict[str, Bound]]]:
            v.budget -= 1
            if v.budget < 0:
                raise OverBudget
            for k in range(0, min(mx, v.n - pos) + 1):
                yield pos + k, b
        return gap
    if isinstance(node, Assert):
        if node.kind == "start":
            def start(v: SentenceView, pos: int, b: dict[str, Bound]) -> Iterator[tuple[int, dict[str, Bound]]]:
                if pos == 0:
                    yield pos, b
            return start
        banned = node.forms

        def not_word(v: SentenceView, pos: int, b: dict[str, Bound]) -> Iterator[tuple[int, dict[str, Bound]]]:
            if pos >= v.n or v.norms[pos] not in banned:
                yield pos, b
        return not_word
    if isinstance(node, Slot):
        return lambda v, pos, b: _slot(node, v, pos, b)
    if isinstance(node, Capture):
        cbody, name = _compile(node.body), node.name

        def capture(v: SentenceView, pos: int, b: dict[str, Bound]) -> Iterator[tuple[int, dict[str, Bound]]]:
            for end, b2 in cbody(v, pos, b):
                if end > pos:
                    bb, ee = v.span(pos, end)
                    yield end, {**b2, name: Bound("text", pos, end, bb, ee, v.text[bb:ee])}
        return capture
    raise TypeError(f"not a pattern node: {node!r}")


def _head_forms(n: Node) -> frozenset[str] | None:
    """The words a node must begin with, when it begins with a plain (non-prefix) word."""
    while isinstance(n, Seq) and n.items:
        n = n.items[0]
    return n.forms if isinstance(n, Word) and not n.prefix else None


def _empty(v: SentenceView, pos: int, b: dict[str, Bound]) -> Iterator[tuple[int, dict[str, Bound]]]:
    yield pos, b


Step = Callable[["SentenceView", int, dict[str, Bound]], "tuple[int, dict[str, Bound]] | None"]


def _step(node: Node) -> Step | None:
    """Items that match in at most one way (a word, an entity slot) as plain functions: a run of
    them in a sequence is checked in a loop, without a generator per item and token."""
    if isinstance(node, Word):
        forms = node.forms
        if node.prefix:
            def word_prefix(v: SentenceView, pos: int, b: dict[str, Bound]) -> tuple[int, dict[str, Bound]] | None:
                if pos < v.n:
                    w = v.norms[pos]
                    if w in forms or any(w.startswith(f) for f in forms):
                        return pos + 1, b
                return None
            return word_prefix

        def word(v: SentenceView, pos: int, b: dict[str, Bound]) -> tuple[int, dict[str, Bound]] | None:
            return (pos + 1, b) if pos < v.n and v.norms[pos] in forms else None
        return word
    if isinstance(node, Slot) and node.kind == "entity" and not node.many:
        return partial(_entity, node)  # a C-level wrapper: no extra Python frame
    return None


def _chain(items: list[Node]) -> Matcher:
    """A sequence: each way the first item matches, continued by the rest (depth first)."""
    if not items:
        return _empty
    if len(items) == 1:
        return _compile(items[0])
    steps: list[Step] = []
    for it in items:
        st = _step(it)
        if st is None:
            break
        steps.append(st)
    if steps:
        rest = _chain(items[len(steps):]) if len(steps) < len(items) else None

        def run(v: SentenceView, pos: int, b: dict[str, Bound]) -> Iterator[tuple[int, dict[str, Bound]]]:
            for st in steps:
                r = st(v, pos, b)
                if r is None:
                    return
                pos, b = r
            if rest is None:
                yield pos, b
            else:
                yield from rest(v, pos, b)
        return run
    first, second = items[0], items[1]
    if isinstance(first, Slot) and first.kind in ("text", "clause") and isinstance(second, Word) and not second.prefix:
        # text followed by a word: only ends where that word comes next can succeed, so the
        # others are not even built (same matches, same order)
        after = second.forms
        rest3 = _chain(items[1:])

        def text_then_word(v: SentenceView, pos: int, b: dict[str, Bound]) -> Iterator[tuple[int, dict[str, Bound]]]:
            for end, b2 in _slot(first, v, pos, b, after):
                yield from rest3(v, end, b2)
        return text_then_word
    head, rest2 = _compile(items[0]), _chain(items[1:])

    def seq(v: SentenceView, pos: int, b: dict[str, Bound]) -> Iterator[tuple[int, dict[str, Bound]]]:
        for end, b2 in head(v, pos, b):
            yield from rest2(v, end, b2)
    return seq


def _entity(s: Slot, v: SentenceView, pos: int, b: dict[str, Bound]) -> tuple[int, dict[str, Bound]] | None:
    """An entity slot: the mention starting at `pos`, if its type fits."""
    m = v.mention_at.get(pos)
    if m is not None and v.type_ok(m, s.types):
        return m.last, {**b, s.name: Bound("entity", pos, m.last, m.begin, m.end, m)}
    return None


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
                if m2 is not None and v.type_ok(m2, s.types):
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
        last = items[n - 1].last
        parts = tuple(Bound("entity", pos, last, x.begin, x.end, x) for x in items[:n])
        yield last, {**b, s.name: Bound("entity", pos, last, items[0].begin, items[n - 1].end, items[0], parts if n > 1 else ())}


def _slot(s: Slot, v: SentenceView, pos: int, b: dict[str, Bound],
          next_forms: frozenset[str] | None = None) -> Iterator[tuple[int, dict[str, Bound]]]:
    if pos >= v.n:
        return
    if s.kind == "entity":
        if s.many:
            yield from _entity_list(s, v, pos, b)
            return
        r = _entity(s, v, pos, b)
        if r is not None:
            yield r
    elif s.kind == "quote":
        q = v.quote_at.get(pos)
        if q:
            last, (qb, qe) = q
            yield last, {**b, s.name: Bound("quote", pos, last, qb, qe, _unquote(v.text[qb:qe]))}
    elif s.kind == "time":
        t = v.time_at.get(pos)
        if t:
            yield t[0], {**b, s.name: Bound("time", pos, t[0], t[1].begin, t[1].end, t[1])}
    elif s.kind == "number":
        n = _number(v.norms[pos])
        if n is not None:
            bb, ee = v.span(pos, pos + 1)
            yield pos + 1, {**b, s.name: Bound("number", pos, pos + 1, bb, ee, n)}
    else:  # text: longest first; never starting or ending on punctuation, so values read cleanly
        if v.norms[pos] in _EDGE_PUNCT:
            return
        v.budget -= 1
        if v.budget < 0:
            raise OverBudget
        limit = min(v.n, pos + s.max)
        if s.kind == "clause":
            for i in range(pos, limit):
                w = v.norms[i]
                if w in (";", "-") or w == "," and i + 1 < v.n and v.norms[i + 1] in _CLAUSE_NEXT:
                    limit = i
                    break
        norms = v.norms
        for end in range(limit, pos + s.min - 1, -1):
            if norms[end - 1] in _EDGE_PUNCT or next_forms is not None and (end >= v.n or norms[end] not in next_forms):
                continue
            bb, ee = v.span(pos, end)
            yield end, {**b, s.name: Bound("text", pos, end, bb, ee, v.text[bb:ee])}


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


def starts(f: Firsts, v: SentenceView) -> Iterable[int]:
    """Token positions where a match could begin, in order (from the sentence's word index, not
    by testing every token)."""
    if f.anything:
        return range(v.n)
    pos = v.positions
    at: set[int] = set()
    if f.words:
        if len(f.words) < len(pos):
            for w in f.words:
                p = pos.get(w)
                if p:
                    at.update(p)
        else:
            for w, p in pos.items():
                if w in f.words:
                    at.update(p)
    if f.prefixes:
        for w, p in pos.items():
            if any(w.startswith(x) for x in f.prefixes):
                at.update(p)
    if f.number:
        for w, p in pos.items():
            if _number(w) is not None:
                at.update(p)
    if f.entity:
        at.update(v.mention_at)
    if f.quote:
        at.update(v.quote_at)
    if f.time:
        at.update(v.time_at)
    return sorted(at)


STEP_BUDGET = 50_000  # gaps, optional parts and text slots entered, per pattern and sentence


class OverBudget(Exception):
    """A pattern tried more ways than STEP_BUDGET on one sentence (see `find_matches`)."""


def find_matches(root: Alt, v: SentenceView, first: Firsts | None = None) -> Iterator[tuple[int, int, dict[str, Bound]]]:
    """The preferred match from each start token, as (first, end, bindings).

    Backtracking over gaps and text slots can take exponential time on a long sentence; each
    pattern gets a fixed budget of steps per sentence (deterministic, not a clock), and when it
    is spent the pattern stops there with the matches found so far. The loader also refuses
    patterns whose worst case is out of all proportion (kg.rules.pattern.cost)."""
    v.budget = STEP_BUDGET
    found = []
    try:
        for start in starts(first or firsts(root), v):
            for end, b in match_at(root, v, start, {}):
                if end > start:
                    found.append((start, end, b))
                    break
    except OverBudget:
        v.over_budget = getattr(v, "over_budget", 0) + 1
    yield from found
