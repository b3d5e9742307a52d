"""The closures a pattern's matcher is made of, one maker per kind of part, shared by the two
builders: kg.rules.match makes them from pattern nodes (working out on the way what each part
can begin with), kg.rules.matchgen from plans kept in the code cache. One body per kind, so
both find the same matches in the same order and spend the same step budget.

A closure `m(v, pos, b, k)` tries the part (and, through `c`, whatever follows it) from token
`pos` and returns the first non-None `k(end, b)`. `c_forms` / `c_mention` say where `c` can begin
at all (only at one of these words, only at a mention's first token): a part tests the token
itself before calling `c`, which would fail there at once, spending no step.
"""
from __future__ import annotations

from typing import Any, Callable, Iterator

from .pattern import Slot
from .view import Bound, SentenceView, _number

Cont = Callable[..., Any]


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
                while m2 is not None and m2.kind in ("role", "demonym") and not v.type_ok(m2, s.types):  # "President A, Tanzanian President B"
                    m2 = v.mention_at.get(m2.last)  # a title (and its state) before the next name is skipped
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


def entity_m(name: str, types: tuple[str, ...], c: Cont, c_forms: frozenset[str] | None, c_mention: bool) -> Cont:
    """One entity slot (the commonest step)."""
    def entity(v: Any, pos: int, b: dict[str, Bound], k: Any) -> Any:
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
    return entity


def word_end_m(forms: frozenset[str]) -> Cont:
    """A plain word that ends the pattern."""
    def word_end(v: Any, pos: int, b: dict[str, Bound], k: Any) -> Any:
        if pos < v.n and v.norms[pos] in forms:
            return k(pos + 1, b)
        return None
    return word_end


def word_m(forms: frozenset[str], c: Cont, c_forms: frozenset[str] | None, c_mention: bool) -> Cont:
    def word(v: Any, pos: int, b: dict[str, Bound], k: Any) -> Any:
        if pos < v.n and v.norms[pos] in forms:
            if c_forms is not None:
                if pos + 1 >= v.n or v.norms[pos + 1] not in c_forms:
                    return None
            elif c_mention and pos + 1 not in v.mention_at:
                return None
            return c(v, pos + 1, b, k)
        return None
    return word


def run_m(tests: list[tuple[int, Any]], c: Cont, c_forms: frozenset[str] | None, c_mention: bool) -> Cont:
    """A run of items that match in at most one way, checked in one loop (no frame per item):
    (0, forms) a word, (1, prefixes) a word beginning so, (2, _) the sentence's start, (3, forms)
    no such word next, (4, (name, types)) an entity slot."""
    def run(v: Any, pos: int, b: dict[str, Bound], k: Any) -> Any:
        for kind, x in tests:
            if kind == 0:
                if pos >= v.n or v.norms[pos] not in x:
                    return None
                pos += 1
            elif kind == 4:
                m = v.mention_at.get(pos)
                if m is None or not v.type_ok(m, x[1]):
                    return None
                b = {**b, x[0]: Bound("entity", pos, m.last, m.begin, m.end, m, _members(m, pos, m.last))}
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
    return run


def opt_m(body: Cont, c: Cont, c_forms: frozenset[str] | None, c_mention: bool) -> Cont:
    """An optional part tried everywhere (its steps count), then the continuation."""
    def opt(v: Any, pos: int, b: dict[str, Bound], k: Any) -> Any:
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


def opt_word_m(words: frozenset[str], own: tuple[Any, ...], all_words: frozenset[str], whole: tuple[Any, ...], plain: bool,
               count: int, target: Cont, t_forms: frozenset[str] | None, t_mention: bool, make: Callable[[Any], Cont],
               body: Any, c: Cont, c_forms: frozenset[str] | None, c_mention: bool) -> Cont:
    """An optional part tried only where it can begin (`words`, then `own`: prefixes, entity, time,
    quote, number, or all of them without `words`), its matcher made when first tried
    (`make(body)`); a run of such parts where none can begin (`all_words`, `whole`) is passed over
    in one step to `target`, counting the steps each part would have."""
    _, prefixes, entity, time, quote, number = own
    _, all_prefixes, all_entity, all_time, all_quote, all_number = whole
    built: list[Cont] = []

    def opt_word(v: Any, pos: int, b: dict[str, Bound], k: Any) -> Any:
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
                built.append(make(body))
            r = built[0](v, pos, b, k)
            if r is not None:
                return r
        if c_forms is not None:
            if w not in c_forms:
                return None
        elif c_mention and pos not in v.mention_at:
            return None
        return c(v, pos, b, k)
    return opt_word


def gap_to_m(mx: int, stops: frozenset[str], nf: frozenset[str], c: Cont) -> Cont:
    """"..12 ,": a gap tried only at the ends where the next word is (the same steps)."""
    def gap_to(v: Any, pos: int, b: dict[str, Bound], k: Any) -> Any:
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


def gap_m(mx: int, stops: frozenset[str], c: Cont) -> Cont:
    def gap(v: Any, pos: int, b: dict[str, Bound], k: Any) -> Any:
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


def capture_m(cbody: Cont, name: str, c: Cont) -> Cont:
    def capture(v: Any, pos: int, b: dict[str, Bound], k: Any) -> Any:
        def then(end: int, b2: dict[str, Bound]) -> Any:
            if end > pos:
                bb, ee = v.span(pos, end)
                return c(v, end, {**b2, name: Bound("text", pos, end, bb, ee, v.text[bb:ee])}, k)
            return None
        return cbody(v, pos, b, then)
    return capture


def entity_list_m(node: Slot, c: Cont, c_forms: frozenset[str] | None, c_mention: bool) -> Cont:
    """A list slot ({x:Agent+}): its ends found once per sentence, token and type list."""
    name, key_types = node.name, node.types

    def entity_list(v: Any, pos: int, b: dict[str, Bound], k: Any) -> Any:
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
    return entity_list


def time_m(name: str, c: Cont) -> Cont:
    def time_slot(v: Any, pos: int, b: dict[str, Bound], k: Any) -> Any:
        t = v.time_at.get(pos)
        if not t:
            return None
        return c(v, t[0], {**b, name: Bound("time", pos, t[0], t[1].begin, t[1].end, t[1])}, k)
    return time_slot


def quote_m(name: str, c: Cont) -> Cont:
    def quote_slot(v: Any, pos: int, b: dict[str, Bound], k: Any) -> Any:
        q = v.quote_at.get(pos)
        if not q:
            return None
        last, (qb, qe) = q
        return c(v, last, {**b, name: Bound("quote", pos, last, qb, qe, _unquote(v.text[qb:qe]))}, k)
    return quote_slot


def number_m(name: str, c: Cont) -> Cont:
    def number_slot(v: Any, pos: int, b: dict[str, Bound], k: Any) -> Any:
        if pos >= v.n:
            return None
        n = _number(v.norms[pos])
        if n is None:
            return None
        bb, ee = v.span(pos, pos + 1)
        return c(v, pos + 1, {**b, name: Bound("number", pos, pos + 1, bb, ee, n)}, k)
    return number_slot


def text_m(name: str, after: frozenset[str] | None, lo: int, hi: int, clause: bool, c: Cont) -> Cont:
    """A text or clause slot: longest first; never starting or ending on punctuation; with `after`,
    only ends where the next word is one of these."""
    def text_slot(v: Any, pos: int, b: dict[str, Bound], k: Any) -> Any:
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
