"""Which patterns a sentence could match: the rule index (each pattern under the rarest words
its matches contain), what each pattern needs (words, mentions, a quotation, a time) and its
compiled matcher, worked out once per rule list and process (kg.rules.engine asks them per sentence)."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .ruleset import Rule, RuleSet
from .heads import _heads
from .match import KEYS, Matcher, Planned, at_start_only
from .view import QUOTE, TIME, Feature, SentenceView
from ..knowing.mentions import Mention
from .pattern import Alt, Capture, Firsts, Node, Seq, Slot, Word, anchor_words, rank


Entry = tuple[int, Rule, Alt, set[str], Firsts, int]  # (position in rule order, rule, pattern, required words, firsts, pattern index)
_INDEX: dict[int, tuple[list[Rule], dict[str, list[Entry]], list[Entry]]] = {}


@dataclass(frozen=True, slots=True)
class Needs:
    """What a sentence must hold for a pattern to match it: one word of each set in `words`, at
    least `mentions` entity mentions, a quotation, a time. Checked before matching, it spares
    the matcher most patterns that cannot match (a required word alone lets through the
    patterns whose other words are missing: "(urged|called on) ... to" in a sentence with "to")."""

    words: tuple[frozenset[str], ...] = ()
    mentions: int = 0
    quote: bool = False
    time: bool = False


_NEEDS: dict[int, tuple[Node, Needs]] = {}
_Need = tuple[tuple[frozenset[str], ...], int, bool, bool]  # a Needs as a plain tuple, while it is worked out
_PARTS: dict[int, tuple[Node, _Need]] = {}
_NOTHING: _Need = ((), 0, False, False)
_RANKS: dict[frozenset[str], tuple[bool, int]] = {}


def _rank(words: frozenset[str]) -> tuple[bool, int]:
    r = _RANKS.get(words)
    if r is None:
        r = _RANKS[words] = rank(words)
    return r


def needs(root: Node) -> Needs:
    """The sets of words, the mentions, quotation and time every match of a pattern contains (once
    per pattern, when it is first tried)."""
    hit = _NEEDS.get(id(root))
    if hit is None or hit[0] is not root:
        hit = _NEEDS[id(root)] = (root, Needs(*_needs(root)))
    return hit[1]


def _needs(n: Node) -> _Need:
    if isinstance(n, Word):
        return ((), 0, False, False) if n.prefix else ((n.forms,), 0, False, False)
    if isinstance(n, Slot):
        return (), 1 if n.kind == "entity" else 0, n.kind == "quote", n.kind == "time"
    if not isinstance(n, (Seq, Alt, Capture)):
        return _NOTHING  # an optional part, a gap, an assertion
    hit = _PARTS.get(id(n))  # patterns share their nodes: each is worked out once
    if hit is not None and hit[0] is n:
        return hit[1]
    if isinstance(n, Capture):
        out = _needs(n.body)
    elif isinstance(n, Seq):
        words: dict[frozenset[str], None] = {}
        mentions, quote, time = 0, False, False
        for i in n.items:
            ws, m, q, t = _needs(i)
            if ws:
                words.update(dict.fromkeys(ws))
            mentions += m  # entity slots of one sequence cover different tokens
            quote, time = quote or q, time or t
        out = (tuple(words), mentions, quote, time)
    elif 0 < len(n.options) <= 16:  # (a long list, such as every title, is rarely all missing
        # from a sentence: not worth working out at start-up)
        subs = [_needs(o) for o in n.options]
        shared = set(subs[0][0]).intersection(*(x[0] for x in subs[1:]))
        common = [w for w in subs[0][0] if w in shared]
        if all(x[0] for x in subs):  # each option's rarest set: one of their words is in every match
            anchor = frozenset().union(*(min(x[0], key=_rank) for x in subs))
            if anchor not in shared:
                common.append(anchor)
        out = (tuple(common), min(x[1] for x in subs), all(x[2] for x in subs), all(x[3] for x in subs))
    else:  # a long list (a word class): the words its options begin with, when all begin with one
        heads = _heads(n)
        out = ((heads,), 0, False, False) if heads else _NOTHING
    _PARTS[id(n)] = (n, out)
    return out


def _index(rules: list[Rule]) -> tuple[dict[str, list[Entry]], list[Entry]]:
    """Every pattern under one word a matching sentence must contain (a required word, else
    each of its anchor words), so a sentence is tried only against patterns it could match;
    patterns with no such word are tried on every sentence. Built once per rule list."""
    hit = _INDEX.get(id(rules))
    if hit is None or hit[0] is not rules:
        by_word: dict[str, list[Entry]] = {}
        always: list[Entry] = []
        n = 0
        for rule in rules:
            for i, (parsed, req, fs) in enumerate(zip(rule.patterns, rule.required, rule.firsts)):
                e, n = (n, rule, parsed.root, req, fs, i), n + 1
                choices = [frozenset([w]) for w in req]
                anchor = anchor_words(parsed.root)
                if anchor:
                    choices.append(anchor)  # a rare verb's forms beat a required "by"
                keys = min(choices, key=lambda c: (rank(c), sorted(c))) if choices else None
                if keys:
                    for w in keys:
                        by_word.setdefault(w, []).append(e)
                else:
                    always.append(e)
        hit = _INDEX[id(rules)] = (rules, by_word, always)
    return hit[1], hit[2]


def prepare(rules: RuleSet) -> None:
    """Work out the pattern index and what each pattern needs now, on the rule objects, so that
    a pickled pack (kg.rules.pack) brings them along and a new process does not redo them for its
    first article (~20 ms of a one-article build)."""
    by_word, always = _index(rules.rules)
    shared: dict[Firsts, Firsts] = {}
    for rule in rules.rules:
        # as plain tuples (a `_Need`): the pickle reads a tuple in C, where a frozen slotted
        # dataclass is rebuilt by a Python `__setstate__` (1,271 of them at every start)
        rule.__dict__["_needs"] = tuple(_plain(needs(p.root)) for p in rule.patterns)
        rule.firsts[:] = [shared.setdefault(f, f) for f in rule.firsts]  # equal Firsts as one object
    rules.__dict__["_index"] = (by_word, always)
    for rule in rules.rules:
        rule.__dict__.pop("_words", None)
    pats = _pats(rules.rules)
    rules.__dict__.pop("_keys", None)  # the bits hold the index by word (`by_word`, `always`): not pickled twice
    rules.__dict__["_bits"] = Bits(pats, _keys(rules.rules))
    words: dict[int, list[tuple[tuple[frozenset[str], ...], bool, Any, tuple[Any, ...]]]] = {}
    for p in pats:  # each pattern's needed word sets, rarest first, whether it opens with ^, its order, its bounds
        words.setdefault(id(p.rule), []).append((p.words, p.zero, p.order, p.bounds))
    for rule in rules.rules:
        rule.__dict__["_words"] = words.get(id(rule), [])
    _share(rules.rules)


def _share(rules: list[Rule]) -> None:
    """Equal word sets (and tuples of them) of the patterns' needs and orders as one object: the
    pickle writes an object once and refers to it after, and the 1,403 patterns' ~4,800 sets were
    ~1,460 distinct ones (52,000 words written), so the pack cache reads ~13 M instructions
    faster. (Equal sets answer alike; a dict keyed by one finds it by identity.)"""
    sets: dict[Any, Any] = {}

    def one(x: Any) -> Any:
        t = type(x)
        if t is frozenset:
            return sets.setdefault(x, x)
        if t is tuple:
            x = tuple([one(y) for y in x])
            return sets.setdefault(x, x)
        if t is list:
            return [one(y) for y in x]
        return x
    for rule in rules:
        d = rule.__dict__
        d["_needs"], d["_words"] = one(d["_needs"]), one(d["_words"])


def _plain(nd: Needs) -> _Need:
    return nd.words, nd.mentions, nd.quote, nd.time


def _adopt(rules: RuleSet) -> None:
    """The index `prepare` stored on an unpickled rule set, as this process's own."""
    idx = rules.__dict__.get("_index")
    hit = _INDEX.get(id(rules.rules))
    if idx is not None and (hit is None or hit[0] is not rules.rules):
        _INDEX[id(rules.rules)] = (rules.rules, *idx)
    bits = rules.__dict__.get("_bits")
    hit3 = _BITS.get(id(rules.rules))
    if bits is not None and (hit3 is None or hit3[0] is not rules.rules):
        _BITS[id(rules.rules)] = (rules.rules, bits)
    keys = rules.__dict__.get("_keys")
    hit2 = _KEYS.get(id(rules.rules))
    if keys is not None and (hit2 is None or hit2[0] is not rules.rules):
        _KEYS[id(rules.rules)] = (rules.rules, keys)


class _Pat:
    """One pattern of the index with what matching it takes, worked out once per process rather
    than per sentence: the word sets a match contains (its required words among them, rarest
    first), the mentions, quotation and time it needs, its start test (shared Firsts objects
    share a sentence's start positions), whether it can only begin at the sentence's first
    token, what it holds in order (`order`), its compiled matcher and its form's name."""

    __slots__ = ("rule", "root", "fs", "i", "words", "mentions", "quote", "time", "segments", "zero", "order", "form", "m",
                 "need", "bounds", "last_words", "last_mention", "last_quote", "last_time")

    def __init__(self, e: Entry, nd: _Need, fs: Firsts):
        _, self.rule, root, req, _, self.i = e
        base = self.rule.__dict__.get("_mbase")
        if root is None:  # a prepared pack's entry (`_Pats`): the tree is read only if needed
            # the key of its matcher's plan (kg.rules.matchgen): the pack cache's name and the pattern's
            # number in the pack, not in the list indexed here (`kg rules explain` matches each rule alone)
            root = Planned(f"{base[0]}:{base[1] + self.i}", self.rule, self.i) if base is not None \
                else self.rule.patterns[self.i].root
        elif base is not None:
            KEYS[id(root)] = (root, f"{base[0]}:{base[1] + self.i}")
        self.root = root
        pre = self.rule.__dict__.get("_words")  # worked out by `prepare` for a cached pack
        if pre is not None:
            self.words, self.zero, self.order, self.bounds = pre[self.i]
        else:
            words = dict.fromkeys(nd[0])
            words.update(dict.fromkeys(frozenset([w]) for w in sorted(req)))
            if fs.words and not (fs.anything or fs.prefixes or fs.entity or fs.quote or fs.time or fs.number):
                words[fs.words] = None  # it begins with one of these words, so it contains one
            self.words = tuple(sorted(words, key=_rank))  # stable: equal ranks keep their order
            self.zero = at_start_only(self.root)
            self.order = order(self.root)
            self.bounds = _bounds(self.words, self.order, nd)
        _, self.mentions, self.quote, self.time = nd
        self.last_words, self.last_mention, self.last_quote, self.last_time = self.bounds
        self.fs, self.segments = fs, self.rule.segments
        self.form = self.rule.form_of(self.i)
        self.m: Matcher | None = None  # compiled when first tried (start-up counts)
        self.need = 0  # the features it needs, as bits of `Bits` (set by `_runtime`)


def _bounds(words: tuple[frozenset[str], ...], order: tuple[tuple[Feature, ...], ...] | None,
            nd: _Need) -> tuple[tuple[frozenset[str], ...], int, bool, bool]:
    """What still bounds a pattern's start once `SentenceView.ordered` has placed its order: the
    needed word sets that some option of the order lacks (a set every option holds is placed at or
    before its last occurrence, so the match begins no later), the mentions unless every option
    holds as many mention features, the quotation and time unless every option holds one."""
    if order is None:
        return words, nd[1], nd[2], nd[3]
    _, mentions, quote, time = nd
    ws = tuple(w for w in words if not all(w in o for o in order))
    ment = 0 if all(sum(1 for f in o if type(f) is tuple) >= mentions for o in order) else mentions
    return ws, ment, quote and not all(QUOTE in o for o in order), time and not all(TIME in o for o in order)


def order(root: Alt) -> tuple[tuple[Feature, ...], ...] | None:
    """What each option of a pattern holds in the order of its sequence, last first (for
    `SentenceView.ordered`): a word of a set, a mention of some types, a quotation, a time.
    None when that says no more than the unordered needs (one word set, nothing else)."""
    out = []
    for o in root.options:
        feats: list[Feature] = []
        _in_order(o.items, feats)
        out.append(tuple(reversed(feats)))
    if all(len(f) <= 1 and all(isinstance(x, frozenset) for x in f) for f in out):
        return None
    return tuple(out)


def _in_order(items: tuple[Node, ...], out: list[Feature]) -> None:
    """The features of a sequence's items, in order. Every match holds each of them, one after
    the other without overlap: a word in its token, a mention (the first of a list) in its
    tokens, inside the span of the item that needs it. Optional parts, gaps, text and number
    slots and assertions hold none."""
    for it in items:
        if isinstance(it, Word):
            if not it.prefix:
                out.append(it.forms)
        elif isinstance(it, Slot):
            if it.kind == "entity":
                out.append(it.types)
            elif it.kind == "quote":
                out.append(QUOTE)
            elif it.kind == "time":
                out.append(TIME)
        elif isinstance(it, Seq):
            _in_order(it.items, out)
        elif isinstance(it, (Alt, Capture)):
            alt = it.body if isinstance(it, Capture) else it
            if len(alt.options) == 1:
                _in_order(alt.options[0].items, out)
            elif alt.options:  # one word of each option's rarest needed set lies in the group's span
                subs = [_needs(o)[0] for o in alt.options]
                if all(subs):
                    out.append(frozenset().union(*(min(x, key=_rank) for x in subs)))


def _entries(rules: list[Rule]) -> list[Entry]:
    """Every pattern as an index entry, numbered in rule order (as `_index` numbers them)."""
    out: list[Entry] = []
    for rule in rules:
        for i, (parsed, req, fs) in enumerate(zip(rule.patterns, rule.required, rule.firsts)):
            out.append((len(out), rule, parsed.root, req, fs, i))
    return out


def _prepared_entries(rules: list[Rule]) -> list[Entry]:
    """`_entries` of a prepared pack without its trees (None for each root): one per pattern
    `prepare` worked out the needs of, so a pack read from its cache need not read its trees."""
    out: list[Entry] = []
    for rule in rules:
        for i, (_, fs) in enumerate(zip(rule.__dict__["_needs"], rule.firsts)):  # (no required words: `_Pat`
            # reads the prepared needs, and the cache keeps them apart, kg.rules.ruleset.LAZY)
            out.append((len(out), rule, None, None, fs, i))  # type: ignore[arg-type]
    return out


def _pats(rules: list[Rule]) -> list[_Pat]:
    """Each pattern's `_Pat`; equal Firsts as one object, so that a sentence's start positions
    are worked out once for all of them (`prepare` has done so for a cached pack)."""
    shared: dict[Firsts, Firsts] = {}
    out = []
    for e in _entries(rules):
        rule, root, i = e[1], e[2], e[5]
        pre = rule.__dict__.get("_needs")  # what the pattern needs: prepared, or worked out now
        out.append(_Pat(e, pre[i] if pre is not None else _plain(needs(root)), e[4] if pre is not None else shared.setdefault(e[4], e[4])))
    return out


class _Pats(dict):
    """A prepared pack's `_Pat`s by pattern number, each made when a sentence first reaches it
    (its needs met): a one-article build reaches ~200 of ~1,300 patterns, and making all of them
    at its first sentence was ~2% of its instructions. Iterating gives every pattern, in order."""

    __slots__ = ("entries", "need")

    def __init__(self, entries: list[Entry], need: list[int]):
        super().__init__()
        self.entries, self.need = entries, need

    def __missing__(self, k: int) -> _Pat:
        e = self.entries[k]
        p = self[k] = _Pat(e, e[1].__dict__["_needs"][e[5]], e[4])
        p.need = self.need[k]
        return p

    def __iter__(self) -> Any:
        return (self[k] for k in range(len(self.entries)))

    def __len__(self) -> int:
        return len(self.entries)


Keys = tuple[dict[str, tuple[int, ...]], tuple[int, ...]]
_KEYS: dict[int, tuple[list[Rule], Keys]] = {}


def _keys(rules: list[Rule]) -> Keys:
    """The index by pattern number (plain data: `prepare` stores it in the pack cache)."""
    by_word, always = _index(rules)
    return {w: tuple(e[0] for e in es) for w, es in by_word.items()}, tuple(e[0] for e in always)


class Bits:
    """The index of a rule list and every feature some pattern needs (a word set, a slot's entity
    types, a quotation, a time) as one bit, so that a sentence's features are one integer and a
    pattern whose needs are not all there is passed over by one `&`, whatever the number of
    rules. `by_word` maps a word to the patterns filed under it (kg.rules.index._index) and the
    bits of the word sets it is in, `always` the patterns filed under no word; `types` maps the
    slot type lists to their bits (a mention's bits are worked out once per entity type and
    vocabulary, `mention_bits`)."""

    __slots__ = ("by_word", "always", "types", "quote", "time", "need", "by_type")

    def __init__(self, pats: list[_Pat], keys: Keys):
        ids: dict[Feature, int] = {}
        self.need: list[int] = []  # each pattern's, in index order
        for p in pats:
            fs: list[Feature] = list(p.words)
            for o in p.order or ():
                fs.extend(f for f in o if isinstance(f, tuple))
            if p.quote:
                fs.append(QUOTE)
            if p.time:
                fs.append(TIME)
            need = 0
            for f in fs:
                need |= ids.setdefault(f, 1 << len(ids))
            self.need.append(need)
        words: dict[str, int] = {}
        self.types: dict[tuple[str, ...], int] = {}
        for f, b in ids.items():
            if isinstance(f, frozenset):
                for w in f:
                    words[w] = words.get(w, 0) | b
            elif isinstance(f, tuple):
                self.types[f] = b
        filed, self.always = keys
        # equal entries and pattern lists as one object (2,696 words have 1,653 distinct entries and
        # 939 distinct lists): the pack cache writes each once, and reads faster at every start
        same: dict[Any, Any] = {}
        self.by_word = {}
        for w in set(filed) | set(words):
            ps = filed.get(w, ())
            ps = same.setdefault(ps, ps)
            e = (ps, words.get(w, 0))
            self.by_word[w] = same.setdefault(e, e)
        self.quote, self.time = ids.get(QUOTE, 0), ids.get(TIME, 0)
        self.by_type: dict[tuple[int, str, bool], int] = {}

    def __getstate__(self) -> dict[str, object]:
        """For the pack cache: everything but `by_type`, whose keys are this process's objects."""
        return {k: getattr(self, k) for k in self.__slots__ if k != "by_type"}

    def __setstate__(self, state: dict[str, object]) -> None:
        for k, x in state.items():
            setattr(self, k, x)
        self.by_type = {}

    def mention_bits(self, v: SentenceView, m: Mention) -> int:
        """The type-list bits a mention satisfies (as `SentenceView.type_ok`), once per entity
        type, kind of mention and vocabulary."""
        key = (id(v._types), m.entity.type, m.kind == "demonym")
        b = self.by_type.get(key)
        if b is None:
            b = 0
            for types, bit in self.types.items():
                if v.type_ok(m, types):
                    b |= bit
            self.by_type[key] = b
        return b


_RUNTIME: dict[int, tuple[list[Rule], "list[_Pat] | _Pats", Bits]] = {}


def _runtime(rules: list[Rule]) -> tuple["list[_Pat] | _Pats", Bits]:
    """Each pattern's `_Pat` and the index with the feature bits, once per rule list and process
    (the index and the bits from the pack cache when `prepare` put them there)."""
    hit = _RUNTIME.get(id(rules))
    if hit is None or hit[0] is not rules:
        got = _BITS.get(id(rules))
        if got is not None and got[0] is rules and all("_needs" in r.__dict__ and "_words" in r.__dict__ for r in rules):
            bits = got[1]  # prepared (a cached pack): each `_Pat` made when first reached
            hit = _RUNTIME[id(rules)] = (rules, _Pats(_prepared_entries(rules), bits.need), bits)
            return hit[1], hit[2]
        pats = _pats(rules)
        if got is not None and got[0] is rules:
            bits = got[1]
        else:
            got2 = _KEYS.get(id(rules))
            bits = Bits(pats, got2[1] if got2 is not None and got2[0] is rules else _keys(rules))
        for p, need in zip(pats, bits.need):
            p.need = need
        hit = _RUNTIME[id(rules)] = (rules, pats, bits)
    return hit[1], hit[2]


_BITS: dict[int, tuple[list[Rule], Bits]] = {}
