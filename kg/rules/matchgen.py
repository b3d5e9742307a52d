"""A pattern's matcher built from a plan kept between processes.

Why: `kg.rules.match` builds each pattern's matcher as closures when a sentence first tries it,
working out on the way what every part can begin with (`firsts`, `_heads`, `_quiet_head`,
`_dispatch`, the continuation's first words): a one-article build paid ~180 M instructions for
that in every process (docs/performance.md, "One article"), and closures cannot travel in a
cache. A plan is what that builder decided, as plain data: for each part, which closure to make
and from what (word sets, counts, the parts it calls). Plans are kept in kg's code cache
(kg/codecache.py, as marshal bytes, the word sets and alternation tables once for all patterns
in one entry), keyed by the pack cache and the pattern's number, so a new process makes each
closure straight from its plan.

A plan has units, as the builder builds: unit 0 is the pattern's root, and each alternation's
option and each optional part's body that the builder builds when first tried is a unit of its
own, made when first tried. The closures are those of `kg.rules.match` (the same bodies), so
they find the same matches in the same order and spend the same step budget at the same points
(tests/test_matchgen.py runs both on every pattern a few articles reach).
(docs/performance.md, "Fifteenth round (start-up)", says what was tried before: generated code.)
"""
from __future__ import annotations

import marshal
from collections import namedtuple
from typing import Any

from .. import codecache, digest
from .heads import _begin_test, _dispatch, _heads, _quiet_head
from .closures import (capture_m, entity_list_m, entity_m, gap_m, gap_to_m, number_m, opt_m, opt_word_m, quote_m, run_m,
                       text_m, time_m, word_end_m, word_m)
from .match import Bound, Matcher, Planned, _end
from .pattern import Alt, Assert, Capture, Firsts, Gap, Node, Opt, Seq, Slot, Word, firsts

FORM = 1  # of the plans: a new one is a new cache key

# the kinds of part (a plan step is (kind, part number, arguments...))
ENTITY, WORD_END, WORD, RUN, ALT, OPT, OPT_WORD, GAP_TO, GAP, CAPTURE, ELIST, TIME, QUOTE, NUMBER, TEXT = range(15)


# (collections.namedtuple, what typing.NamedTuple makes, without its class syntax: under `from
# __future__ import annotations` that compiles each field's annotation at import, ~1 M instructions a class)
# id: int (-1: the end of the pattern, `kg.rules.match._end`); forms: frozenset[str] | None = None;
# mention: bool = False; skip: tuple[Firsts, int, _P] | None = None (an optional part's run, `opt_word.skip`)
_P = namedtuple("_P", ("id", "forms", "mention", "skip"), defaults=(None, False, None), module=__name__)
_P.__doc__ = """A planned part: its number and what `kg.rules.match._head` would say of its closure."""


_END = _P(-1)


class _Plan:
    """The units of one pattern's plan, worked out as `kg.rules.match._build` works."""

    def __init__(self) -> None:
        self.units: list[list[tuple[Any, ...]]] = []
        self.used: list[set[str]] = []  # the SETS keys of each unit
        self.sets: dict[str, Any] = {}
        self.keys: dict[str, str] = {}
        self.cur = 0
        self.n = 0

    def unit(self, node: Node, c: _P) -> int:
        uid = len(self.units)
        self.units.append([])
        self.used.append(set())
        prev, self.cur = self.cur, uid
        top = self.build(node, c)
        self.units[uid].append((-1, top.id))  # the unit's matcher
        self.cur = prev
        return uid

    def s(self, fs: Any) -> str | None:
        """A word set's (or an alternation table's) key in SETS."""
        if fs is None:
            return None
        items = sorted(fs.items()) if isinstance(fs, dict) else sorted(fs)
        k = digest.sha1(repr((isinstance(fs, dict), items)).encode()).hexdigest()[:16]  # (an empty table is no empty set)
        got = self.keys.get(k)
        if got is None:  # (each key one string: marshal writes a unit's repeats as references)
            got = self.keys[k] = k
            self.sets[k] = dict(items) if isinstance(fs, dict) else frozenset(fs)
        self.used[self.cur].add(got)
        return got

    def step(self, kind: int, *args: Any, forms: frozenset[str] | None = None, mention: bool = False,
             skip: Any = None) -> _P:
        i = self.n
        self.n += 1
        self.units[self.cur].append((kind, i, *args))
        return _P(i, forms, mention, skip)

    def head(self, c: _P) -> tuple[str | None, bool]:
        return self.s(c.forms), c.mention

    def build(self, node: Node, c: _P) -> _P:
        t = type(node)
        if t is Word or t is Assert or t is Slot and node.kind == "entity" and not node.many:
            return self.run([node], c)
        if t is Seq:
            return self.chain(list(node.items), c)
        if t is Alt:
            options = node.options
            if len(options) == 1:
                return self.build(options[0], c)
            # each option made when first tried; one that is a plain word, in the alternation itself
            units = tuple(-1 if _one_word(o) else self.unit(o, c) for o in options)
            table, others = _dispatch(node)
            first_words = _heads(node)
            return self.step(ALT, self.s({w: tuple(at) for w, at in table.items()}), others, units, c.id, *self.head(c),
                             forms=first_words if first_words else None)
        if t is Opt:
            return self.opt(node, c)
        if t is Gap:
            stops = self.s(node.stops) if node.stops else None
            if c.forms is not None:
                return self.step(GAP_TO, node.max, stops, self.s(c.forms), c.id)
            return self.step(GAP, node.max, stops, c.id)
        if t is Slot:
            return self.slot(node, c)
        if t is Capture:
            body = self.build(node.body, _END)
            return self.step(CAPTURE, body.id, node.name, c.id, forms=body.forms,
                             mention=body.mention if body.forms is None else False)
        raise TypeError(f"not a pattern node: {node!r}")

    def opt(self, node: Opt, c: _P) -> _P:
        f = firsts(node.body)
        cf, cm = self.head(c)
        if f.anything or not _quiet_head(node.body):
            body = self.build(node.body, c)
            return self.step(OPT, body.id, c.id, cf, cm)
        own = _begin_test(f)
        if c.skip is not None:
            after, count, target = c.skip
            f_after = f | after
            whole = _begin_test(f_after)
            count += 1
        else:
            count, target, whole, f_after = 1, c, own, f
        plain = not any(own[1:]) and not any(whole[1:])
        uid = self.unit(node.body, c)  # made when first tried
        tf, tm = self.head(target)
        own_, whole_ = (self.s(own[0]), *own[1:]), (self.s(whole[0]), *whole[1:])
        return self.step(OPT_WORD, own_, whole_, plain, count, target.id, tf, tm, uid, c.id, cf, cm,
                         skip=(f_after, count, target))

    def slot(self, node: Slot, c: _P) -> _P:
        name, kind = node.name, node.kind
        if kind == "entity":  # a list
            return self.step(ELIST, name, node.types, c.id, *self.head(c), mention=True)
        if kind in ("time", "quote", "number"):
            return self.step({"time": TIME, "quote": QUOTE, "number": NUMBER}[kind], name, c.id)
        return self.step(TEXT, name, self.s(c.forms), node.min, node.max, kind == "clause", c.id)

    def run(self, items: list[Node], c: _P) -> _P:
        tests: list[tuple[int, Any]] = []
        for it in items:
            t = type(it)
            if t is Word:
                tests.append((1 if it.prefix else 0, self.s(it.forms)))
            elif t is Assert:
                tests.append((2 if it.kind == "start" else 3, self.s(it.forms)))
            else:
                tests.append((4, (it.name, it.types)))
        cf, cm = self.head(c)
        if len(tests) == 1 and tests[0][0] == 4:
            return self.step(ENTITY, items[0].name, items[0].types, c.id, cf, cm, mention=True)
        if len(tests) == 1 and tests[0][0] == 0:
            if c is _END:
                return self.step(WORD_END, tests[0][1], forms=items[0].forms)
            return self.step(WORD, tests[0][1], c.id, cf, cm, forms=items[0].forms)
        return self.step(RUN, tuple(tests), c.id, cf, cm, forms=items[0].forms if tests[0][0] == 0 else None,
                         mention=tests[0][0] == 4)

    def chain(self, items: list[Node], c: _P) -> _P:
        i = len(items)
        while i > 0:
            j = i
            while j > 0 and _is_step(items[j - 1]):
                j -= 1
            if j < i:
                c = self.run(items[j:i], c)
                i = j
            else:
                c = self.build(items[i - 1], c)
                i -= 1
        return c


def _one_word(o: Node) -> bool:
    """An option that is one plain word: `_dispatch` lists it only where the token is one of its forms."""
    items = o.items if type(o) is Seq else (o,)
    return len(items) == 1 and type(items[0]) is Word and not items[0].prefix


def _is_step(node: Node) -> bool:
    t = type(node)
    return t is Word or t is Assert or t is Slot and node.kind == "entity" and not node.many


def plan(root: Node) -> tuple[list[list[tuple[Any, ...]]], list[set[str]], dict[str, Any]]:
    """A pattern's plan: its units, the SETS keys each uses, and those sets."""
    p = _Plan()
    p.unit(root, _END)
    return p.units, p.used, p.sets


# ---- the process's side: plans from the code cache, closures from plans ----

_TABLE: dict[str, Any] = {}  # SETS: every word set and alternation table of the plans, by key
_PLANS: dict[str, tuple[list[list[tuple[Any, ...]]], list[set[str]]]] = {}  # plans made in this process
_USED: set[str] = set()
_dirty: list[bool] = []
_loaded: list[bool] = []
_MAX_SETS = 40_000


def table() -> dict[str, Any]:
    """SETS, read from the code cache once per process."""
    if not _loaded:
        _loaded.append(True)
        blob = codecache.get(("matchsets", FORM))
        if blob is not None:
            try:
                _TABLE.update({k: v for k, v in marshal.loads(blob).items() if k not in _TABLE})
            except Exception:
                pass
        codecache.before_save(_save)
    return _TABLE


def _save() -> None:
    if len(_TABLE) > _MAX_SETS:  # outgrown (stale packs' plans): keep what this process used
        keep = {k: _TABLE[k] for k in _USED if k in _TABLE}
        _TABLE.clear()
        _TABLE.update(keep)
        _dirty.append(True)
    if _dirty:
        # equal option lists of the alternation tables as one tuple (6,184 entries, 187 distinct):
        # marshal writes the others as references, and the table decodes ~20% faster at every start
        same: dict[tuple[int, ...], tuple[int, ...]] = {}
        codecache.put(("matchsets", FORM), marshal.dumps(
            {k: {w: same.setdefault(at, at) for w, at in v.items()} if type(v) is dict else v for k, v in _TABLE.items()}))
        _dirty.clear()


def steps(k: str, uid: int, root: Node | Planned) -> list[tuple[Any, ...]]:
    """Unit `uid` of the plan of the pattern keyed `k`: from the code cache, else planned now
    (from the tree, which a `Planned` pattern reads then)."""
    ck = ("match", FORM, k, uid)
    blob = codecache.get(ck)
    if blob is not None:
        try:
            out, need = marshal.loads(blob)
            if all(x in _TABLE for x in need):
                _USED.update(need)
                return out
        except Exception:
            pass
    got = _PLANS.get(k)
    if got is None:
        units, used, sets = plan(root.tree() if type(root) is Planned else root)
        got = _PLANS[k] = (units, used)
        new = {x: y for x, y in sets.items() if x not in _TABLE}
        if new:
            _TABLE.update(new)
            _dirty.append(True)
    units, used = got
    _USED.update(used[uid])
    codecache.put(ck, marshal.dumps((units[uid], tuple(sorted(used[uid])))))
    return units[uid]


def matcher(root: Node | Planned, k: str) -> Matcher:
    """The pattern's matcher, its units made from their plans when first tried."""
    sets = table()
    parts: dict[int, Matcher] = {-1: _end}

    def load(uid: int) -> Matcher:
        plan_ = steps(k, uid, root)  # (its last step names the unit's matcher)
        for st in plan_[:-1]:
            parts[st[1]] = _MAKE[st[0]](parts, sets, load, *st[2:])
        return parts[plan_[-1][1]]
    return load(0)


# Each maker makes the closure kg.rules.match builds for that kind of part (kg.rules.closures:
# the same maker), from the plan's part numbers (P) and set keys (S).

def _entity(P: Any, S: Any, load: Any, name: str, types: tuple[str, ...], c: int, cf: str | None, cm: bool) -> Matcher:
    return entity_m(name, types, P[c], (S[cf] if cf is not None else None), cm)


def _word_end(P: Any, S: Any, load: Any, fk: str) -> Matcher:
    return word_end_m(S[fk])


def _word(P: Any, S: Any, load: Any, fk: str, c: int, cf: str | None, cm: bool) -> Matcher:
    return word_m(S[fk], P[c], (S[cf] if cf is not None else None), cm)


def _run(P: Any, S: Any, load: Any, spec: tuple[tuple[int, Any], ...], c: int, cf: str | None, cm: bool) -> Matcher:
    tests = [(kind, x if kind == 4 else S[x] if x is not None else frozenset()) for kind, x in spec]
    return run_m(tests, P[c], (S[cf] if cf is not None else None), cm)


def _alt(P: Any, S: Any, load: Any, tk: str, others: tuple[int, ...], units: tuple[int, ...], c: int, cf: str | None,
         cm: bool) -> Matcher:
    table, c_, end = S[tk], P[c], c < 0
    c_forms = S[cf] if cf is not None else None
    opts: list[Matcher | None] = [None] * len(units)

    def alt(v: Any, pos: int, b: dict[str, Bound], k: Any) -> Any:
        for i in table.get(v.norms[pos], others) if pos < v.n else others:
            u = units[i]
            if u < 0:  # a plain word, here (the table lists it only where the token is one of its forms): `word`
                if end:
                    r = k(pos + 1, b)
                elif c_forms is not None and (pos + 1 >= v.n or v.norms[pos + 1] not in c_forms) \
                        or c_forms is None and cm and pos + 1 not in v.mention_at:
                    continue
                else:
                    r = c_(v, pos + 1, b, k)
            else:
                o = opts[i]
                if o is None:
                    o = opts[i] = load(u)
                r = o(v, pos, b, k)
            if r is not None:
                return r
        return None
    return alt


def _opt(P: Any, S: Any, load: Any, body_: int, c: int, cf: str | None, cm: bool) -> Matcher:
    return opt_m(P[body_], P[c], (S[cf] if cf is not None else None), cm)


def _opt_word(P: Any, S: Any, load: Any, own: tuple[Any, ...], whole: tuple[Any, ...], plain: bool, count: int, t: int,
              tf: str | None, t_mention: bool, uid: int, c: int, cf: str | None, c_mention: bool) -> Matcher:
    return opt_word_m(S[own[0]] if own[0] is not None else frozenset(), own,
                      S[whole[0]] if whole[0] is not None else frozenset(), whole, plain, count, P[t],
                      S[tf] if tf is not None else None, t_mention, load, uid, P[c], S[cf] if cf is not None else None,
                      c_mention)


def _gap_to(P: Any, S: Any, load: Any, mx: int, sk: str | None, nk: str, c: int) -> Matcher:
    return gap_to_m(mx, S[sk] if sk is not None else frozenset(), S[nk], P[c])


def _gap(P: Any, S: Any, load: Any, mx: int, sk: str | None, c: int) -> Matcher:
    return gap_m(mx, S[sk] if sk is not None else frozenset(), P[c])


def _capture(P: Any, S: Any, load: Any, body: int, name: str, c: int) -> Matcher:
    return capture_m(P[body], name, P[c])


def _elist(P: Any, S: Any, load: Any, name: str, key_types: tuple[str, ...], c: int, cf: str | None, cm: bool) -> Matcher:
    return entity_list_m(Slot(name, "entity", key_types, many=True), P[c], (S[cf] if cf is not None else None), cm)


def _time(P: Any, S: Any, load: Any, name: str, c: int) -> Matcher:
    return time_m(name, P[c])


def _quote(P: Any, S: Any, load: Any, name: str, c: int) -> Matcher:
    return quote_m(name, P[c])


def _number_slot(P: Any, S: Any, load: Any, name: str, c: int) -> Matcher:
    return number_m(name, P[c])


def _text(P: Any, S: Any, load: Any, name: str, ak: str | None, lo: int, hi: int, clause: bool, c: int) -> Matcher:
    return text_m(name, (S[ak] if ak is not None else None), lo, hi, clause, P[c])


_MAKE = (_entity, _word_end, _word, _run, _alt, _opt, _opt_word, _gap_to, _gap, _capture, _elist, _time, _quote,
         _number_slot, _text)
