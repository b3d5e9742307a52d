"""Noun phrases without a parser: the actors and agents of a sentence, grouped into phrases of
coordinated members with their composite codes (Iran + foreign minister -> IRNGOVFRM).

Neighbouring actors and agents joined by "'s", "of", "in", "from", determiners or up to two
modifiers form one phrase; "and", "," and "or" split it into coordinated members.
"""
from __future__ import annotations

from dataclasses import dataclass
from collections import namedtuple
from typing import Sequence

from .pack import CameoPack

DETERMINERS = frozenset("a an the its their his her our my your this these those 's ' no any every".split())
PREPOSITIONS = frozenset("in on at by with from to for of against into over about under near between among "
                         "toward towards after before during without through across within along".split())
GLUE = frozenset("'s ' of in from the a an ( )".split())
COORD = frozenset(", and or nor neither either both".split())
CLAUSE_END = frozenset("; : after before when while because although though until unless which who whom whose "
                       "whereas if".split())
AUXILIARIES = frozenset("would will could can may might should must shall has have had is are was were did does do "
                        "wo ca".split())
BE = frozenset("is are was were be been being am 's get got gets getting".split())
MAX_MODIFIERS = 2


# (collections.namedtuple, what typing.NamedTuple makes, without its class syntax: under `from
# __future__ import annotations` that compiles each field's annotation at import, ~1 M instructions a class)
# first, last: int; code: str; agent: bool = False; prefix: bool = False (an agent whose code goes
# before the actor's, NGO~); label: str = ""; ref: object = None (the kg entity, when the actor is one)
Unit = namedtuple("Unit", ("first", "last", "code", "agent", "prefix", "label", "ref"),
                  defaults=(False, False, "", None), module=__name__)
Unit.__doc__ = """An actor or agent found in a sentence: token span, code, and what it refers to. (A named
    tuple, not a frozen dataclass: every mention of every sentence makes one, and a frozen
    dataclass sets each field through object.__setattr__.)"""

# code, label: str; first, last: int; ref: object = None
Member = namedtuple("Member", ("code", "label", "first", "last", "ref"), defaults=(None,), module=__name__)
Member.__doc__ = """One coordinated member of a noun phrase, with its composite code (a named tuple: see Unit)."""


@dataclass
class Phrase:
    """A noun phrase: token span, its coordinated members, and whether a preposition governs it."""

    first: int
    last: int
    members: list[Member]
    after_preposition: bool = False


def find_agents(pack: CameoPack, toks: Sequence[str], taken: set[int]) -> list[Unit]:
    """The pack's agent phrases in the tokens, longest first, outside the actors' tokens (`taken`)."""
    out: list[Unit] = []
    starts = pack.agent_shards.keys() & toks  # the words here that begin an agent phrase (most sentences: none or few)
    if not starts:
        return out
    n, free = len(toks), 0  # (an agent found ends where the next may begin)
    for i in [i for i, t in enumerate(toks) if t in starts]:  # only where an agent phrase may begin
        if i < free:
            continue
        lengths, agents = pack.agents_at(toks[i])
        for L in lengths:
            if i + L <= n:
                phrase = " ".join(toks[i:i + L])
                if phrase in agents and not any(j in taken for j in range(i, i + L)):
                    code, prefix = agents[phrase]
                    out.append(Unit(i, i + L, code, True, prefix, phrase))
                    free = i + L
                    break
    return out


def group_phrases(toks: Sequence[str], units: list[Unit], verbs_at: set[int]) -> list[Phrase]:
    """Group units into noun phrases of coordinated members."""
    units = sorted(units, key=lambda u: u.first)
    groups: list[list[Unit]] = []
    for u in units:
        if groups:
            prev = groups[-1][-1]
            gap = toks[prev.last:u.first]
            if _joinable(gap, prev.last, verbs_at):
                groups[-1].append(u)
                continue
        groups.append([u])
    out = []
    for g in groups:
        members = _members(toks, g)
        if members:
            first, last = g[0].first, g[-1].last
            k = first - 1
            while k >= 0 and (toks[k] in DETERMINERS or k >= first - MAX_MODIFIERS and toks[k].isalpha()
                              and toks[k] not in PREPOSITIONS and k not in verbs_at and toks[k] not in CLAUSE_END
                              and toks[k] not in COORD) and toks[k] not in PREPOSITIONS:
                if toks[k] in DETERMINERS:
                    k -= 1
                    break
                k -= 1
            prep = k >= 0 and toks[k] in PREPOSITIONS
            out.append(Phrase(first, last, members, prep))
    return out

def _joinable(gap: Sequence[str], at: int, verbs_at: set[int]) -> bool:
    mods = 0
    for j, w in enumerate(gap):
        if w in GLUE or w in COORD:
            continue
        if w in PREPOSITIONS or w in CLAUSE_END or not w[:1].isalnum() or (at + j) in verbs_at or w in AUXILIARIES \
                or w in ("as", "than") or w.endswith("ing") and len(w) > 5:
            return False  # "meet Bezhuashvili, as would Lavrov", "Russia of encouraging separatists": two phrases
        mods += 1
        if mods > MAX_MODIFIERS:
            return False
    return True


def _members(toks: Sequence[str], g: list[Unit]) -> list[Member]:
    """The coordinated members of one group of units, each with its composite code."""
    if len(g) == 1 and not g[0].agent:  # one actor alone (most groups): itself, once per code it has
        u = g[0]
        label = " ".join(toks[u.first:u.last])
        if not u.code:
            return [Member("", label, u.first, u.last, u.ref if u.ref else None)]
        return [Member(base, label, u.first, u.last, u.ref) for base in u.code.split("/")]
    # split into conjuncts at coordinators between units
    conj: list[list[Unit]] = [[g[0]]]
    for prev, u in zip(g, g[1:]):
        gap = toks[prev.last:u.first]
        if any(w in COORD for w in gap) and not (gap and gap[-1] in ("of", "in", "from")):
            conj.append([u])
        else:
            conj[-1].append(u)
    info = []
    for c in conj:
        actors = [u for u in c if not u.agent]
        agents = [u for u in c if u.agent]
        via = bool(agents and actors and agents[0].first < actors[0].first
                   and any(w in ("of", "in", "from") for w in toks[agents[0].last:actors[0].first]))
        info.append((actors, agents, via))
    out: list[Member] = []
    carry: list[list[Unit]] = []  # agent groups an "X in A and B" list distributes over its actors
    for k, (actors, agents, via) in enumerate(info):
        groups: list[list[Unit]] = [agents]
        if not actors:
            # agents only: borrow the actor of a neighbour ("Danish media and government"),
            # unless a later "agents in ACTOR" takes them ("lawmakers and officials in Fornost")
            if k + 1 < len(info) and info[k + 1][2]:
                carry.append(agents)
                continue
            nb = next((info[j] for j in (k - 1, k + 1) if 0 <= j < len(info) and info[j][0]), None)
            actors = nb[0][:1] if nb else []
        elif via:
            carry.append(agents)
            groups = carry
        elif not agents and carry:
            groups = carry  # "lawmakers in Fornost and Gondor", "ambassadors of A, B and C"
        else:
            carry = []
        c = conj[k]
        label = " ".join(toks[c[0].first:c[-1].last])
        coded = [u for u in actors if u.code]
        if actors and not coded:  # a name with no code ("Saakashvili"): a member no event can use
            out.append(Member("", label, c[0].first, c[-1].last, next((u.ref for u in actors if u.ref), None)))
            continue
        main = coded[0] if coded else None
        base_code = main.code if main else "---"
        for u in coded[1:]:  # "Palestinian Hamas leaders", "Russian minister Lavrov": the narrower code
            between = toks[main.last:u.first] if main else []
            if u.code.startswith(base_code) and len(u.code) > len(base_code) \
                    and not any(w in PREPOSITIONS for w in between):
                base_code = u.code
        # the head: the last named actor of the member's own code ("Russia's ambassador to Georgia": Russia)
        ref = next((u.ref for u in reversed(coded) if u.ref is not None and u.code.startswith(base_code)),
                   next((u.ref for u in reversed(actors) if u.ref is not None), None))
        for base in base_code.split("/"):
            for g in groups:
                code = base
                pre = "".join(a.code for a in g if a.prefix)
                for a in g:
                    if a.prefix or a.code in code:
                        continue
                    if len(code) >= 6 and a.code[:3] == code[-3:]:
                        code += a.code[3:]  # RUSGOV + GOVFRM -> RUSGOVFRM
                    else:
                        code += a.code
                out.append(Member(pre + code, label, c[0].first, c[-1].last, ref))
    return out
