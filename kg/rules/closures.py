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


_HONORIFICS = frozenset({"mr.", "mrs.", "ms.", "dr.", "mr", "mrs", "ms", "dr"})
_NOT_TITLE = frozenset({"and", "or", "but", "who", "which", "that", "whom", "said", "says", "told", "tells", "to", "of"})
_APPOSITION_END = frozenset({",", "and", ".", ";"})


def _personish(v: SentenceView, m: Any, types: tuple[str, ...]) -> bool:
    """A person's name (or an unlinked name of an agent) that the slot takes."""
    if m.kind in ("role", "demonym", "pronoun", "description") or not v.type_ok(m, types):
        return False
    return v.type_ok(m, ("Person",)) or (m.kind == "unlinked" and m.entity.type == "Agent")


_POSS = frozenset({"'s", "'"})


def _title_run(v: SentenceView, i: int, types: tuple[str, ...]) -> tuple[int, int, bool, int, bool]:
    """The words of a title from token `i` up to a person's name: mentions that are no person (a
    state, a body, a role, a demonym), possessives, up to three lower-case words ("leader",
    "defense minister"), a role joined to another by "and" or "of" ("Deputy Prime Minister and
    Minister of National Defense"). (end, mentions seen, a role or title word seen, lower-case
    words, a possessive crossed)."""
    seen, role, words, poss = 0, False, 0, False
    while seen < 6 and i < v.n:
        m = v.mention_at.get(i)
        w = v.norms[i]
        if m is None:
            if seen and w in _POSS:
                i, poss = i + 1, True
            elif seen and words < 3 and _lowercase(v, i):
                i, words, role = i + 1, words + 1, True
            elif role and w in ("and", "of") and i + 1 < v.n:
                j = i + 2 if w == "of" and v.norms[i + 1] == "the" else i + 1
                m2 = v.mention_at.get(j)
                if m2 is None or (m2.kind != "role" if w == "and" else v.type_ok(m2, ("Person",))):
                    break
                i, seen, role = m2.last, seen + 1, True
            else:
                break
            continue
        nxt = v.mention_at.get(m.last)
        if m.kind == "unlinked" and m.last == i + 1 and nxt is not None and nxt.kind == "role":
            i, seen = m.last, seen + 1  # an unknown word before a role: "First Vice President"
            continue
        if m.kind == "pronoun" or _personish(v, m, types) or v.type_ok(m, ("Person",)):
            break
        role = role or m.kind == "role"
        i, seen = m.last, seen + 1
    return i, seen, role, words, poss


def _chunk(v: SentenceView, pos: int, types: tuple[str, ...], loose: Any = False) -> Any:
    """An actor chunk at `pos`: the person a title names, read as one actor. Either mentions that
    qualify him directly before the name ("United Nations Secretary-General Ban Ki-moon",
    "Lebanese President Emile Lahoud", "Speaker Nabih Berri", "the UN's Jan Eliasson"), or a title
    closed by a comma and the name in apposition, closed in its turn ("the Greek Cypriot leader,
    Demetris Christofias,", "the Turkish Cypriot leader, Mr. Mehmet Ali Talat, and"). The
    person's mention, or None."""
    if loose:  # after a list's comma: ", opposition leader Walid Jumblatt"; after "and" (2): a title noun last, never "and met X"
        i = pos
        while i < pos + 2 and i < v.n and _lowercase(v, i):
            i += 1
        m = v.mention_at.get(i)
        if i > pos and m is not None and _personish(v, m, types) and (loose is True or v.norms[i - 1] in v.title_nouns):
            return m
    got = _described(v, pos, types)
    if got is not None:
        return got
    m = v.mention_at.get(pos)
    if m is not None and m.kind == "unlinked" and m.last == pos + 1:  # an unknown title word: "Speaker Nabih Berri"
        m2 = v.mention_at.get(m.last)
        if m2 is not None and m2.kind != "unlinked" and _personish(v, m2, types):
            return m2
    i, seen, role, words, poss = _title_run(v, pos, types)
    if not seen:
        return None
    m = v.mention_at.get(i)
    if m is not None and not words and _personish(v, m, types) and (not poss or v.type_ok(m, ("Person",))):
        return m  # after a possessive, a known person only ("the People's Mujahedin" is a body's name)
    if not role or i + 1 >= v.n or v.norms[i] != ",":
        return None
    m = v.mention_at.get(_after_honorific(v, i + 1))
    if m is None or not _personish(v, m, types) or (m.last < v.n and v.norms[m.last] not in _APPOSITION_END):
        return None
    return m


def _described(v: SentenceView, pos: int, types: tuple[str, ...]) -> Any:
    """A person named after an unknown capitalised word (of up to three tokens: "Trans-Dniestrian")
    and a lower-case title of up to three words ending in a title noun ("Transdniestrian
    separatist leader Igor Smirnov"). The person's mention, or None. (A slot begins at a mention
    only, so a title of lower-case words alone is read by the patterns' own title words.)"""
    m = v.mention_at.get(pos)
    if m is None or m.kind not in ("unlinked", "demonym") or m.last > pos + 3:  # (round 20: "Chechen leader X")
        return None
    i = m.last
    j = i
    while j < i + 3 and j < v.n and _lowercase(v, j):
        j += 1
    if j == i or v.norms[j - 1] not in v.title_nouns:
        return None
    m = v.mention_at.get(j)
    return m if m is not None and _personish(v, m, types) else None


def _after_honorific(v: SentenceView, i: int) -> int:
    """`i`, or past an honorific there ("Mr." is one token or two: "mr", ".")."""
    if i < v.n and v.norms[i] in _HONORIFICS:
        i += 2 if i + 1 < v.n and v.norms[i + 1] == "." else 1
    return i


def _title_after(v: SentenceView, at: int, types: tuple[str, ...]) -> int:
    """Where a list goes on after a person's title in apposition ("Salva Kiir, Sudan's First Vice
    President, and ..."): the closing comma's position, or `at`."""
    if at + 2 >= v.n or v.norms[at] != ",":
        return at
    j = at + 2 if v.norms[at + 1] in ("the", "a", "an") else at + 1
    e, seen, role, _, _ = _title_run(v, j, types)
    if seen and role and e + 1 < v.n and v.norms[e] == "," and e - j <= 10:
        return e
    return at


def _lowercase(v: SentenceView, i: int) -> bool:
    t = v.sa.tokens[i].text
    return t.isalpha() and t.islower() and v.norms[i] not in _NOT_TITLE and i not in v.mention_at


def _item(v: SentenceView, pos: int, types: tuple[str, ...], loose: Any = False) -> Any:
    """The mention a list item at `pos` names: a titled person's chunk, or the mention there."""
    key = (pos, ("<chunk>", f"<loose{loose}>" if loose else "") + types)
    got = v.lists.get(key)
    if got is None:
        c = _chunk(v, pos, types, loose)
        got = v.lists[key] = [c]  # type: ignore[list-item]
    return got[0]


def _entity_list(s: Slot, v: SentenceView, pos: int, b: dict[str, Bound]) -> Iterator[tuple[int, dict[str, Bound]]]:
    """A list slot: mentions joined by commas, "and" or "as well as" (each may be preceded by
    "the"), longest list first, then shorter ones, down to one mention. A list ends with "and" or
    "as well as": "Moscow, the Kremlin" is an apposition, not two places. An item may be an actor
    chunk, a titled person read as one actor (`_chunk`); a person's title in apposition after his
    name is skipped ("Salva Kiir, Sudan's First Vice President, and ..."), and "members of" before
    an item is the item's body, as a frame reads it before its first."""
    m = _item(v, pos, s.types) or v.mention_at.get(pos)
    if m is None or not v.type_ok(m, s.types):
        return
    items = [m]
    joins: list[tuple[str, ...]] = []
    closed = [_apposed(v, m, pos)]  # the comma before each join closes an apposition
    subject = _starts_clause(v, pos)
    at = _title_after(v, m.last, s.types) if _personish(v, m, s.types) else m.last
    closed[0] = closed[0] or at != m.last
    at = _past_group(v, m, at)
    cut = False  # the list broke at a new clause (a verb after a titled person, a pronoun), not at an unreadable item
    while at < v.n and v.norms[at] in _LIST_FIRST:
        nxt = None
        for j in _LIST_JOINS:
            k = at + len(j)
            if tuple(v.norms[at:k]) == j:
                if k + 2 < v.n and v.norms[k] in _BODY_OF and v.norms[k + 1] == "of":
                    k += 2  # "and members of the SPLM"
                if k < v.n and v.norms[k] == "the":
                    k += 1
                m2 = _item(v, k, s.types, True if j == (",",) else 2) or v.mention_at.get(k)
                while m2 is not None and m2.kind in ("role", "demonym") and not v.type_ok(m2, s.types):  # "President A, Tanzanian President B"
                    m2 = v.mention_at.get(m2.last)  # a title (and its state) before the next name is skipped
                if m2 is not None and m2.first > k and not subject and m2.last < v.n and _verb_like(v, m2.last):
                    cut = True
                    break  # "sanctions against Tehran and Iranian President X announced ...": a new clause's subject
                if m2 is not None and v.type_ok(m2, s.types) and m2.kind != "pronoun":  # "X, and he urged": a new clause, not a list
                    nxt = (m2, j)
                    break
                cut = cut or (m2 is not None and m2.kind == "pronoun")
        if nxt is None:
            break
        items.append(nxt[0])
        joins.append(nxt[1])
        at = _title_after(v, nxt[0].last, s.types) if _personish(v, nxt[0], s.types) else nxt[0].last
        closed.append(at != nxt[0].last)
        at = _past_group(v, nxt[0], at)
    # a list whose last item cannot be read still ends with "and": "met A, B, C and State Councillor (Vice-premier) D"
    # gives A, B and C ("A, B, C, and ..." with three items or more), never after a new clause's start
    open_end = not cut and len(items) > 1 and _open_end(v, at, len(items)) and not _opener(v, pos)
    for n in range(len(items), 0, -1):
        if n > 1 and joins[n - 2] == (",",) and tuple(v.norms[items[n - 1].last:items[n - 1].last + 2]) not in _LIST_OPEN_END \
                and not (open_end and n == len(items)):
            continue  # "A, B" without a closing "and" is not a list ("A, B and others" is)
        if n == 2 and joins[0] == (",", "and") and not closed[0]:
            continue  # "sanctions on Iran, and Moscow warned": two names with a comma before "and" open a new clause
        last = items[n - 1].last
        parts = tuple(Bound("entity", pos, last, x.begin, x.end, y) for x in items[:n] for y in (x.members or (x,)))
        yield last, {**b, s.name: Bound("entity", pos, last, items[0].begin, items[n - 1].end, items[0], parts if len(parts) > 1 else ())}


_BODY_OF = frozenset({"members", "leaders", "officials", "representatives"})


def _past_group(v: SentenceView, m: Any, at: int) -> int:
    """Past a group noun after a named body when the list goes on after it ("a Hamas delegation and
    X"; not after a state: "the Sri Lankan government and ..." is left to the rules that name it)."""
    ok = at + 1 < v.n and v.norms[at] in v.list_people and v.norms[at + 1] in ("and", ",") and m.kind != "demonym" \
        and not v.type_ok(m, ("Country",))
    return at + 1 if ok else at
# what opens a clause before a list that is its subject ("The UN's A and the AU's B met ...")
_CLAUSE_OPEN = frozenset({",", "that", ";", ":", "and", "but", "when", "after", "while", "as", "since", "because",
                          "\"", "“", "(", "--", "-", "where", "if", "although", "though"})


def _starts_clause(v: SentenceView, pos: int) -> bool:
    j = pos - 1
    while j >= 0 and v.norms[j] in ("the", "both"):
        j -= 1
    return j < 0 or v.norms[j] in _CLAUSE_OPEN


# a verb after a titled person who ends a list opens a new clause: auxiliaries, the common
# irregular pasts of news verbs, a past in -ed or a present in -s
_AUX = frozenset({"is", "was", "are", "were", "has", "have", "had", "will", "would", "could", "can", "may", "might",
                  "should", "must", "did", "does", "do", "said", "says", "told", "tells", "met", "held", "made", "took", "went", "came",
                  "gave", "left", "sent", "saw", "spoke", "won", "led", "began", "flew", "sought", "thought", "brought",
                  "paid", "put", "set", "struck", "threw", "wrote", "hit", "fought", "became", "kept", "rang"})


def _verb_like(v: SentenceView, i: int) -> bool:
    if not _lowercase(v, i) and v.norms[i] not in _AUX:
        return False
    w = v.norms[i]
    return w in _AUX or w.endswith("ed") or (w.endswith("s") and not w.endswith("ss") and len(w) > 3)


_LIST_OPEN_END = frozenset({("and", "other"), ("and", "others"), ("among", "others")})


_OPENER_PREPS = frozenset({"in", "at", "from", "inside", "across", "throughout", "during", "after", "before", "outside"})


def _opener(v: SentenceView, pos: int) -> bool:
    """The slot opens the sentence's (or a clause's) place or time before its comma: "In Lebanon,
    Hezbollah and its allies ..." (the first comma ends the opener, not a list's item)."""
    j = pos - 1
    while j >= 0 and v.norms[j] == "the":
        j -= 1
    return j >= 0 and v.norms[j] in _OPENER_PREPS and (j == 0 or v.norms[j - 1] in (",", ";", ":", "\"", "“"))


def _open_end(v: SentenceView, at: int, n: int) -> bool:
    """The list of `n` items read up to `at` goes on with "and" (", and" after three items or
    more, "as well as") to an item the slot cannot read."""
    w = v.norms[at:at + 3]
    return bool(w) and (w[0] == "and" or w == ["as", "well", "as"] or (n >= 3 and w[:2] == [",", "and"]))


def _apposed(v: SentenceView, m: Any, pos: int) -> bool:
    """The list's first item is a name in apposition, whose comma closes it ("the Greek Cypriot
    leader, Demetris Christofias, and ...")."""
    if m.first <= pos:
        return False
    i = m.first - 1
    if v.norms[i] == "." and i > 0 and v.norms[i - 1] in _HONORIFICS:
        i -= 1
    if v.norms[i] in _HONORIFICS:
        i -= 1
    return i > pos and v.norms[i] == ","


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
