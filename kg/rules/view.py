"""A sentence as the matcher reads it: its words, mentions, quotations and times indexed once,
shared by every rule (kg.rules.match matches patterns against it)."""
from __future__ import annotations

import bisect
import weakref
from dataclasses import dataclass
from typing import Any, Iterable

from ..reading.dates import NUMBERS
from ..knowing.mentions import Mention, SentenceAnalysis
from ..knowing.vocab import Vocabulary
from .pattern import Firsts

QUOTE, TIME = "<quote>", "<time>"  # the features of a quotation and a time slot (see `SentenceView.ordered`)
Feature = "frozenset[str] | tuple[str, ...] | str"  # a word set, a slot's entity types, QUOTE or TIME

@dataclass(slots=True, unsafe_hash=True)
class Bound:
    """What a slot matched: its kind, token range, character span and value. Treated as
    immutable, but not frozen: the matcher makes one per slot it tries, and a frozen
    dataclass's __init__ (object.__setattr__ per field) costs several times a plain one."""

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
        lex = sa.names  # names.yaml's word lists that read actor chunks (kg.rules.closures)
        self.title_nouns = lex.title_nouns if lex is not None else frozenset()
        self.list_people = lex.list_people if lex is not None else frozenset()
        toks = sa.tokens
        self.norms = [t.norm for t in toks]
        self.words = set(self.norms)
        self.lastpos = {w: i for i, w in enumerate(self.norms)}  # each word's last position
        self.n = len(toks)
        self.mention_at: dict[int, Mention] = {m.first: m for m in sa.mentions}
        self.time_at = {i: (j, v) for i, j, v in sa.times}
        self.mention_firsts = sorted(self.mention_at)  # for the start bound of patterns with entity slots
        self.quote_last = self.time_last = -1  # the last token where a quotation, a time begins (below)
        if self.time_at:
            self.time_last = max(self.time_at)
        self._types, self._accepts = _ancestors(voc)
        self._positions: dict[str, list[int]] | None = None
        self.last = _LastOf(self)  # word set -> its last position (see last_of)
        self._starts: dict[int, list[int]] = {}  # id(Firsts) -> start positions (see starts_of)
        self.occ = _Places(self)  # a feature -> where it occurs (see ordered)
        self.at = _WordPlaces(self)  # a word set -> the positions of its words, latest first (see ordered)
        self.mentions_desc: list[Mention] | None = None  # the mentions, latest first (for occ)
        self.budget = STEP_BUDGET
        self.lists: dict[tuple[int, tuple[str, ...]], list[tuple[int, Bound]]] = {}  # list slots' ends (see _slot_matcher)
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
        if self.quote_at:
            self.quote_last = max(self.quote_at)

    def type_ok(self, m: Mention, types: tuple[str, ...]) -> bool:
        """A demonym ("Russian") stands for its country only where a slot asks for that type by
        name ({c:Country}); a wider slot ({x:Agent}) skips it, as in "Russian Foreign Minister Lavrov"."""
        if m.kind == "demonym":
            return m.entity.type in types
        ok = self._accepts.get(types, _UNSEEN)
        if ok is _UNSEEN:
            ok = self.accepts(types)
        return ok is None or m.entity.type in ok

    def accepts(self, types: tuple[str, ...]) -> frozenset[str] | None:
        """The entity types a slot's type list accepts (None: all), once per vocabulary and list."""
        ok = self._accepts.get(types, _UNSEEN)
        if ok is _UNSEEN:
            ok = self._accepts[types] = None if "Entity" in types else frozenset(
                {t for t, anc in self._types.items() if any(x in anc for x in types)}.union(types))
        return ok

    @property
    def positions(self) -> dict[str, list[int]]:
        """Token positions of each word (built on first use)."""
        if self._positions is None:
            self._positions = {}
            for i, w in enumerate(self.norms):
                self._positions.setdefault(w, []).append(i)
        return self._positions

    def last_of(self, ws: frozenset[str]) -> int:
        """The last position of any of the words (-1: none): a match that must contain one of them
        cannot begin after it. Cached per sentence: patterns share their word sets."""
        return self.last[ws]

    def ordered(self, options: tuple[tuple[Feature, ...], ...]) -> int:
        """The last token where a match of a pattern can begin, from what each of its options holds
        in order (kg.rules.index.order), or -1: each feature, last first, is placed at its latest
        occurrence that ends before the one after it begins. A match places them no later, so it
        begins at or before the first one; a sentence where they cannot follow one another ("said"
        before the only mention, for "{s:Agent} said") cannot match at all."""
        occ, at = self.occ, self.at
        best = -1
        for feats in options:
            pos = self.n
            for f in feats:
                if type(f) is frozenset:  # a word of the set: its places latest first, one list per set
                    for j in at[f]:
                        if j < pos:
                            pos = j
                            break
                    else:
                        pos = -1
                        break
                    continue
                for s, e in occ[f]:  # latest first
                    if e <= pos:
                        pos = s
                        break
                else:
                    pos = -1
                    break
            if pos > best:
                best = pos
        return best

    def starts_of(self, f: Firsts) -> list[int]:
        """`starts(f, self)` as a list, once per sentence and Firsts object (patterns share them)."""
        r = self._starts.get(id(f))
        if r is None:
            r = self._starts[id(f)] = list(starts(f, self))
        return r

    def span(self, first: int, last: int) -> tuple[int, int]:
        toks = self.sa.tokens
        return toks[first].begin, toks[last - 1].end


_UNSEEN = frozenset(["<a slot type list not seen yet>"])


class _LastOf(dict):
    """A sentence's cache of `last_of`, filled on first lookup (a dict's own `[]` on a hit, so
    that the engine looks up all of a pattern's word sets in one `map`)."""

    __slots__ = ("words", "lastpos")

    def __init__(self, v: SentenceView):
        super().__init__()
        self.words, self.lastpos = v.words, v.lastpos

    def __missing__(self, ws: frozenset[str]) -> int:
        common = self.words.intersection(ws)
        r = self[ws] = max(map(self.lastpos.__getitem__, common)) if common else -1
        return r


class _WordPlaces(dict):
    """A sentence's cache of where the words of a set occur, latest first (`ordered` places a word
    set at the first of them before the next feature: most often the first one)."""

    __slots__ = ("v",)

    def __init__(self, v: SentenceView):
        super().__init__()
        self.v = weakref.proxy(v)  # (a strong reference would make the view a cycle: see _Places)

    def __missing__(self, ws: frozenset[str]) -> list[int]:
        v = self.v
        common = v.words.intersection(ws)
        if not common:
            r = []
        elif len(common) == 1:
            r = v.positions[common.pop()][::-1]
        else:
            pos = v.positions
            r = sorted([j for w in common for j in pos[w]], reverse=True)
        self[ws] = r
        return r


class _Places(dict):
    """A sentence's cache of where each feature occurs, as (first, end) token spans, latest
    first: a word set's tokens, the mentions a slot's types accept, quotations, times. It
    reaches its view by a weak reference: a strong one made each view a reference cycle, so a
    sentence's view, tokens and mentions outlived it until the collector ran (~8,700 objects
    of cyclic garbage per pass over the VOA set, and most of a build's collections)."""

    __slots__ = ("v",)

    def __init__(self, v: SentenceView):
        super().__init__()
        self.v = weakref.proxy(v)

    def __missing__(self, f: Feature) -> list[tuple[int, int]]:
        v = self.v
        if type(f) is frozenset:
            common = v.words.intersection(f)
            if not common:
                r = []
            elif len(common) == 1:
                r = [(j, j + 1) for j in reversed(v.positions[common.pop()])]
            else:
                pos = v.positions
                r = sorted(((j, j + 1) for w in common for j in pos[w]), reverse=True)
        elif type(f) is tuple:
            ms = v.mentions_desc
            if ms is None:
                ms = v.mentions_desc = sorted(v.mention_at.values(), key=_first, reverse=True)
            ok = v.accepts(f)
            r = [(m.first, m.last) for m in ms  # v.type_ok, inlined
                 if (m.entity.type in f if m.kind == "demonym" else ok is None or m.entity.type in ok)]
        elif f == QUOTE:
            r = sorted(((a, q[0]) for a, q in v.quote_at.items()), reverse=True)
        else:
            r = sorted(((a, t[0]) for a, t in v.time_at.items()), reverse=True)
        self[f] = r
        return r


def _first(m: Mention) -> int:
    return m.first


_ANCESTORS: dict[int, tuple[Vocabulary, dict[str, set[str]], dict[tuple[str, ...], frozenset[str] | None]]] = {}


def _ancestors(voc: Vocabulary) -> tuple[dict[str, set[str]], dict[tuple[str, ...], frozenset[str] | None]]:
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
