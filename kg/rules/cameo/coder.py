"""Coding sentences with a CAMEO pack, without a parser.

How a sentence is coded:

1. **Actors** come in as token spans with their code on the article's date (kg mentions whose
   entity has CAMEO codes, or an actor dictionary); **agents** ("police", "foreign minister")
   are found with the pack's agent phrases. Neighbouring actors and agents joined by "'s",
   "of", "in", "from", determiners or up to two modifiers form one *noun phrase*; "and", ","
   and "or" split it into coordinated members. An agent combines with its actor into a
   composite code (Iran + foreign minister -> IRNGOVFRM; an agent with no actor -> ---GOV).
2. **Verbs** are found through the index: every form of every verb (regular forms generated,
   irregular ones from the dictionary, multi-word verbs with their glued words) points to its
   verb block. A form after a determiner or a possessive is read as a noun and skipped.
3. **Patterns** of the block are tried only if the sentence contains every literal word the
   pattern needs (each pattern is filed under those words), so a sentence meets a handful of
   the ~4,700 patterns. Elements match in order around the verb within its clause (`_` = next
   token); synsets match any of their phrases; `$`, `+`, `^`, `%` match noun phrases and name
   the source, the target, a skipped actor, a compound. The pattern matching the most elements
   wins (then the earlier one); with none, the verb's own code, else the block's.
4. **Source and target**: the source is the nearest noun phrase before the verb in its clause
   that does not follow a preposition; the target the first one after it (before the clause
   ends), unless the pattern placed them. A passive (be + participle) swaps them ("was shot by
   X": X is the source). Coordinated members give one event each; `%` gives every ordered
   pair of the compound. A paired code [042:043] gives the event and its reverse; [---] none.
   An event needs both a source and a target (PETRARCH's require_dyad), with different codes.

The pack and its indexes are in kg.rules.cameo.pack, noun phrases in kg.rules.cameo.phrases, verb
reading in kg.rules.cameo.verbs.
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from itertools import accumulate
from operator import not_
from dataclasses import dataclass
from typing import Sequence

from .pack import CameoPack, _Pattern, _Verb, load_pack, split_contractions
from .phrases import (AUXILIARIES, BE, CLAUSE_END, DETERMINERS, PREPOSITIONS, Member, Phrase, Unit, find_agents,
                      group_phrases)
from .verbs import ADVERBS, VerbReader

__all__ = ["Coder", "Event", "Member", "Phrase", "Unit", "load_pack", "split_contractions"]

MAX_GAP = 4  # tokens outside noun phrases between two pattern elements
MARKERS = frozenset("$+^%")
SKIP_CODES = frozenset({"+++", "###"})  # TABARI's markers, not event codes: such a pattern is not used


@dataclass(frozen=True)
class Event:
    """One coded event: source and target members, CAMEO code, and what coded it."""

    source: Member
    target: Member
    code: str
    verb_first: int
    verb_last: int
    block: str
    verb: str  # the verb as written
    rule: str  # FILE:LINE of the pattern, else of the verb
    pattern: str  # the pattern as written in the pack, or "" for the verb's own code
    passive: bool = False


class Coder:
    """Codes tokenised sentences with one pack."""

    def __init__(self, pack: CameoPack):
        self.pack = pack
        self._adjectives: set[int] = set()

    # -- discards -----------------------------------------------------------------------
    def discarded(self, toks: Sequence[str]) -> tuple[bool, bool]:
        """(sentence discarded, story discarded): a discard phrase occurs in the sentence."""
        trie, sent, story = self.pack.discard_trie, False, False
        if not trie or trie.keys().isdisjoint(toks):  # (no discard phrase starts with a word here)
            return False, False
        n = len(toks)
        for i in [i for i, t in enumerate(toks) if t in trie]:  # where a discard phrase may begin
            node, j = trie, i
            while j < n and toks[j] in node:
                node = node[toks[j]]
                j += 1
                if "" in node:
                    sent = True
                    story |= node[""]
        return sent, story

    # -- agents and noun phrases (kg.rules.cameo.phrases) --------------------------------
    def agents(self, toks: Sequence[str], taken: set[int]) -> list[Unit]:
        return find_agents(self.pack, toks, taken)

    def phrases(self, toks: Sequence[str], units: list[Unit], verbs_at: set[int]) -> list[Phrase]:
        return group_phrases(toks, units, verbs_at)

    # -- verbs --------------------------------------------------------------------------
    def verbs(self, toks: Sequence[str], taken: set[int]) -> list[tuple[int, int, int, _Verb]]:
        """(first, last, head index, verb) for every verb form read as a verb (kg.rules.cameo.verbs)."""
        return VerbReader(self.pack, self._adjectives).find(toks, taken)

    # -- coding -------------------------------------------------------------------------
    def code(self, toks: Sequence[str], units: list[Unit], blocked: set[int] | None = None,
             require_dyad: bool = True, adjectives: set[int] | None = None, discards: bool = True) -> list[Event]:
        """Events of one sentence: `toks` are token norms (contractions split), `units` its actors
        (a unit with code "" is a name with no code: it holds its place, no event uses it),
        `blocked` tokens that are no verb (time expressions: "March"), `adjectives` tokens of
        actors named by an adjective ("Iranian"); `discards` False when the caller checked them."""
        if discards and self.pack.discards and self.discarded(toks)[0]:
            return []
        self._dyad = require_dyad
        self._adjectives = adjectives or set()
        taken = {i for u in units for i in range(u.first, u.last)} | (blocked or set())
        units = units + self.agents(toks, taken)
        if require_dyad and sum(1 for u in units if u.code) < 2:
            return []  # an event needs two actors (or agents)
        taken |= {i for u in units for i in range(u.first, u.last)}
        vlist = self.verbs(toks, taken)
        if not vlist:
            return []
        verbs_at = {i for a, b, _, _ in vlist for i in range(a, b)}
        phrases = self.phrases(toks, units, verbs_at)
        n = len(toks)
        inp = [False] * (n + 1)
        for p in phrases:
            inp[p.first:p.last] = [True] * (p.last - p.first)
        self._inp = inp
        # tokens outside noun phrases before each position (prefix sums, in C)
        self._gaps = list(accumulate(map(not_, inp[:n]), initial=0))
        self._where = None  # token -> its positions, made when a pattern's word is first looked up
        # clause bounds (kg's _clause): where each clause may start (after a clause word or "that")
        # and end, found by bisection instead of a scan per verb
        self._clause_ends = [] if CLAUSE_END.isdisjoint(toks) else [i for i, t in enumerate(toks) if t in CLAUSE_END]
        self._clause_starts = self._clause_ends if "that" not in toks else \
            [i for i, t in enumerate(toks) if t in CLAUSE_END or t == "that"]
        self._ph_first = {p.first: p for p in phrases}
        self._ph_last = {p.last: p for p in phrases}
        self._verbs_at = {h for _, _, h, _ in vlist}
        self._irregular = {toks[h] for _, _, h, v in vlist if toks[h] != v.head and not toks[h].endswith("ing")}
        # where verbs start, auxiliaries left out ("has criticized", "is about to restore")
        self._starts = sorted(a for a, b, _, _ in vlist
                              if b - a > 1 or toks[a] not in AUXILIARIES and toks[a] not in BE)
        # where a new verb phrase starts ("sought to pull", "..., cut links and cracked down")
        self._new_vp = [a for a in self._starts if a > 0 and toks[a - 1] in ("to", "and", ",", "or", "but")]
        self._subjects: dict[int, Phrase | None] = {}
        self._clause_codes: dict[tuple[int, int], bool] = {}
        words = set(toks)
        events: list[Event] = []
        self._codes: dict[int, str] = {}
        for a, b, head, v in vlist:
            events += self._code_verb(toks, words, phrases, a, b, head, v)
        if self.pack.nested:
            events = self._nested(toks, vlist, phrases, events)
        return events

    def _nested(self, toks: Sequence[str], vlist: list[tuple[int, int, int, _Verb]], phrases: list[Phrase],
                events: list[Event]) -> list[Event]:
        """The dictionary's transformations of a verb nested under another by "to" (WANT,
        ATTEMPT): "A wants to attack B" is A's threat to B (`~ a (_ b ATTACK) WANT = a b 138`),
        "A wants B to attack" A's appeal to B (`~ a (b . ATTACK) WANT = a b 021`), "A attempted
        to assassinate B" 185. The inner event is wanted or attempted, not done: it is dropped,
        as is the outer verb's own event towards B."""
        by_end = {p.last: p for p in phrases}
        out: list[Event] = []
        drop: set[int] = set()
        for oa, ob, _, ov in vlist:
            for outer, form, inner, code, src, text in self.pack.nested:
                if ov.head != outer or ov.before or ov.after:
                    continue
                for a, b, _, v in vlist:
                    if a < 1 or toks[a - 1] != "to" or not self.pack.stands_for(inner, self._codes.get(a, "")):
                        continue
                    who = self._subjects.get(oa)
                    if who is None:
                        continue
                    if form == "any" and a - 1 == ob:  # "wants to attack B": the inner event's targets
                        targets = [e.target for e in events if e.verb_first == a]
                    elif form == "other" and a - 1 in by_end and by_end[a - 1].first == ob:  # "wants B to attack"
                        targets = by_end[a - 1].members
                    else:
                        continue
                    c = code if code != "Q" else self._codes[a]
                    verb = " ".join(toks[oa:b])
                    for x in who.members:
                        for y in targets:
                            if x.code and y.code and x.code != y.code:
                                out.append(Event(x, y, c, oa, ob, "~", verb, src, text))
                    drop |= {a, oa}
                    break
        return [e for e in events if e.verb_first not in drop] + out

    def _subject(self, toks: Sequence[str], left: list[Phrase], lo: int, a: int) -> Phrase | None:
        """The subject of the verb at `a`: the nearest phrase before it in its clause that does
        not follow a preposition, unless another verb lies between them (then the phrase is
        that verb's): after "to" or a coordinator the verb shares the earlier verb's subject
        ("has sought to pull Georgia", "recalled its ambassador, cut links and cracked down
        on"), else it has none the text gives."""
        if a >= 2 and toks[a - 1] == "to" and left and left[-1].last == a - 1:
            return left[-1]  # "urged Hamas to respect ...": the one urged is who is to respect
        if a >= 3 and toks[a - 1] == "to" and left and toks[a - 2].isalpha() and not self._inp[a - 2] \
                and left[-1].last + (toks[left[-1].last] in ("'s", "'")) == a - 2 \
                and not any(left[-1].last <= x < a for x in self._starts):
            return left[-1]  # "Tbilisi's drive to join", "a Georgian offer to meet": the noun's owner
        subj = next((p for p in reversed(left) if not p.after_preposition), None)
        if subj is not None and self._noun_subject(toks, subj.last, a):
            return None  # "since a bitter confrontation broke out": a subject that is no actor
        start = subj.last if subj is not None else lo
        earlier = [s for s in self._starts if start <= s < a]
        if not earlier:
            return self._shared_subject(toks, lo, a, subj)
        k = a - 1
        while k > earlier[-1] and (toks[k] in ADVERBS or toks[k] in AUXILIARIES or toks[k] in BE
                                   or toks[k].endswith("ly") and toks[k].isalpha()):
            k -= 1
        if toks[k] in ("to", "and", ",", "or", "but"):
            return self._earlier_subject(earlier)
        return None

    def _earlier_subject(self, earlier: list[int]) -> Phrase | None:
        """The subject of the nearest of the earlier verbs that has one."""
        return next((self._subjects[x] for x in reversed(earlier) if self._subjects.get(x) is not None), None)

    def _noun_subject(self, toks: Sequence[str], lo: int, a: int) -> bool:
        """Whether a noun phrase with a determiner and no actor ends right before the verb."""
        k = a - 1
        while k >= lo and k >= a - 4 and not self._inp[k]:
            w = toks[k]
            if not w.isalpha() or w in PREPOSITIONS or w in AUXILIARIES or w in ADVERBS or w in ("and", "or") \
                    or w.endswith("ly"):
                return False
            if w in DETERMINERS and w not in ("'s", "'"):
                return k < a - 1
            k -= 1
        return False

    def _shared_subject(self, toks: Sequence[str], lo: int, a: int, subj: Phrase | None) -> Phrase | None:
        """A verb after a coordinator whose nearest phrase is an earlier verb's object shares
        that verb's subject: "Russia recalled its ambassador, cut links and cracked down on X"."""
        if subj is None or a == 0 or toks[a - 1] not in ("and", ",", "or", "but"):
            return subj
        earlier = [s for s in self._starts if lo <= s < subj.first]
        return self._earlier_subject(earlier) if earlier else subj

    def _clause(self, toks: Sequence[str], a: int, b: int) -> tuple[int, int]:
        """[lo, hi): from after the last clause word or "that" before a to the first clause
        word at or after b (bounds found once per sentence by `code`)."""
        starts, ends = self._clause_starts, self._clause_ends
        k = bisect_left(starts, a)
        lo = starts[k - 1] + 1 if k else 0
        k = bisect_left(ends, b)
        hi = ends[k] if k < len(ends) else len(toks)
        return lo, hi

    def _code_verb(self, toks: Sequence[str], words: set[str], phrases: list[Phrase],
                   a: int, b: int, head: int, v: _Verb) -> list[Event]:
        lo, hi = self._clause(toks, a, b)
        left = [p for p in phrases if lo <= p.first and p.last <= a]
        subj = self._subjects[a] = self._subject(toks, left, lo, a)
        if self._dyad and (a == 0 or toks[a - 1] != "to") and not self._two_codes(phrases, lo, hi):
            # Every phrase that can be this verb's source or target (its pattern's slots, its
            # subject, an earlier verb's, the phrases after it) lies in its clause: with fewer than
            # two actor codes there, no event can come of it, and its code is only ever asked of a
            # verb after "to" (nested transformations), so no pattern needs matching.
            return []
        best: tuple[int, int, _Pattern, dict[str, Phrase]] | None = None
        clause_words = words if hi - lo >= len(toks) else set(toks[lo:hi + 1])
        for p in self.pack.candidates(v.block, clause_words):
            if p.code in SKIP_CODES:
                continue
            got = self._match(p, toks, phrases, a, b, lo, hi)
            if got is not None:
                score = got[0]
                if best is None or score > best[0] or score == best[0] and p.order < best[2].order:
                    best = (score, p.order, p, got[1])
        slots: dict[str, Phrase] = {}
        if best is not None:
            code, rule, ptext, slots = best[2].code, best[2].src, best[2].text, best[3]
        else:
            code, rule, ptext = v.code, v.src, ""
        self._codes[a] = code.partition(":")[0]
        if not code or code == "---":
            return []
        passive = self._passive(toks, a, head, v)
        src = slots.get("$")
        tgt = slots.get("+")
        right = [p for p in phrases if b <= p.first and p.last <= hi]
        if "%" in slots and slots["%"].last <= a:  # "% *": the compound's members act on each other
            ms = slots["%"].members
            pairs = [(x, y) for x in ms for y in ms if x.code and y.code and x.code != y.code]
            return self._emit(pairs, code, a, b, v, toks, rule, ptext, passive)
        if "%" in slots:  # "* with %": the subject acts on each member ("agrees with A and B")
            tgt = tgt or slots["%"]
        by = next((p for p in right if p.first > 0 and toks[p.first - 1] in ("by", "from")), None) if passive else None
        if by is not None:  # "was opposed by X", "was freed from X": X is the source
            src, tgt = src or by, tgt or subj
        elif passive:  # "was criticized over ...", "was prepared to": the text names no source
            tgt = tgt or subj
        else:
            src = src or subj
            if tgt is None:  # the first phrase after the verb, before a next verb phrase (whose object it is)
                nxt = next((x for x in self._new_vp if x >= b), hi)
                tgt = next((p for p in right if p is not src and p.last <= nxt), None)
                if tgt is not None and self._subject_of_clause(toks, tgt):
                    tgt = None  # "said Russia would ...": the subject of what was said, not a target
        if src is not None and tgt is None and not self._dyad:  # PETRARCH's require_dyad = false
            tgt = Phrase(b, b, [Member("---", "", b, b)])
        if src is None or tgt is None:
            return []
        pairs = [(x, y) for x in src.members for y in tgt.members if x.code and y.code and x.code != y.code]
        return self._emit(pairs, code, a, b, v, toks, rule, ptext, passive)

    def _two_codes(self, phrases: list[Phrase], lo: int, hi: int) -> bool:
        """Whether the noun phrases in [lo, hi] hold members with two different actor codes
        (once per clause and sentence)."""
        key = (lo, hi)
        got = self._clause_codes.get(key)
        if got is None:
            codes = {m.code for p in phrases if lo <= p.first and p.last <= hi for m in p.members if m.code}
            got = self._clause_codes[key] = len(codes) >= 2
        return got

    def _subject_of_clause(self, toks: Sequence[str], p: Phrase) -> bool:
        """Whether the phrase is the subject of a clause that follows the verb without 'that'
        ("said Russia would ...", "said Israel attacked ..."): what was said, not a target. After
        'that' PETRARCH codes the clause's subject as the target ("noted that X regretted"), and
        so does kg."""
        if p.first > 0 and toks[p.first - 1] == "that":
            return False
        k = p.last
        while k < len(toks) and toks[k] in ("also", "now", "then", "not", "n't", "still"):
            k += 1
        if k >= len(toks):
            return False
        w = toks[k]
        return w in AUXILIARIES or k in self._verbs_at and (w.endswith(("ed", "es")) or w in self._irregular)

    def _emit(self, pairs: list[tuple[Member, Member]], code: str, a: int, b: int, v: _Verb, toks: Sequence[str],
              rule: str, ptext: str, passive: bool) -> list[Event]:
        fwd, _, back = code.partition(":")
        out = []
        verb = " ".join(toks[a:b])
        for x, y in pairs:
            if fwd and fwd != "---":
                out.append(Event(x, y, fwd, a, b, v.block, verb, rule, ptext, passive))
            if back and back != "---":
                out.append(Event(y, x, back, a, b, v.block, verb, rule, ptext, passive))
        return out

    def _passive(self, toks: Sequence[str], a: int, head: int, v: _Verb) -> bool:
        w = toks[head]
        if w == v.head or w.endswith(("ing", "s")) and not w.endswith("ss"):
            return False  # not a participle
        k = a - 1
        while k >= 0 and k >= a - 3 and (toks[k] in ("not", "n't", "also", "then", "reportedly", "being", "been")
                                         or toks[k].endswith("ly") and toks[k].isalpha()):  # "was fiercely opposed"
            if toks[k] in ("being", "been"):
                return True
            k -= 1
        return k >= 0 and toks[k] in BE and toks[k] != "'s"

    def _match(self, p: _Pattern, toks: Sequence[str], phrases: list[Phrase], a: int, b: int,
               lo: int, hi: int) -> tuple[int, dict[str, Phrase]] | None:
        """Match the pattern's elements around the verb span [a, b): the elements before '*'
        leftwards from a (down to lo), those after it rightwards from b (up to hi)."""
        els = p.elements
        star = next(i for i, (e, _) in enumerate(els) if e == "*")
        slots: dict[str, Phrase] = {}
        score = 0
        # after the verb
        pos = b
        glued = True
        for i in range(star + 1, len(els)):
            e, g = els[i]
            got = self._find(e, toks, phrases, pos, hi, g or (i == star + 1 and els[i][1]), True)
            if got is None:
                return None
            s, t, ph = got
            if ph is not None and e in "$+%":
                slots[e] = ph
            score += 1
            pos = t
        # before the verb (right to left)
        end = a
        glued = els[star][1]
        for i in range(star - 1, -1, -1):
            e, g = els[i]
            got = self._find(e, toks, phrases, end, lo, glued, False)
            if got is None:
                return None
            s, t, ph = got
            if ph is not None and e in "$+%":
                slots[e] = ph
            score += 1
            end = s
            glued = g
        return score, slots

    def _find(self, e: str, toks: Sequence[str], phrases: list[Phrase], pos: int, limit: int, glued: bool,
              forward: bool) -> tuple[int, int, Phrase | None] | None:
        """Where element e matches next to `pos`: forward, the first match starting at or after
        pos (exactly at pos if glued); backward, the nearest match ending at or before pos. At
        most MAX_GAP tokens outside noun phrases may lie between an element and the one before
        it: the dictionaries' elements hang on the verb's own phrase, not anywhere after it."""
        n = len(toks)
        if e[0] != "&" and e not in MARKERS:  # a word: looked up where it occurs, the gap counted by prefix sums
            where = self._where
            if where is None:
                where = self._where = {}
                for i, t in enumerate(toks):
                    where.setdefault(t, []).append(i)
            ps = where.get(e)
            if not ps:
                return None
            gaps = self._gaps
            if forward:
                i = bisect_left(ps, pos)
                if i == len(ps):
                    return None
                x = ps[i]
                if x > limit or glued and x != pos or gaps[x] - gaps[pos] > MAX_GAP:
                    return None
                return x, x + 1, None
            i = bisect_right(ps, pos - 1) - 1
            if i < 0:
                return None
            j = ps[i]
            if j < limit or glued and j != pos - 1 or gaps[pos] - gaps[j + 1] > MAX_GAP:
                return None
            return j, j + 1, None
        inp = self._inp
        starts = []
        gap = 0
        if forward:
            for x in range(pos, min(limit, n) + 1):
                starts.append(x)
                if glued or x >= n:
                    break
                if not inp[x]:
                    gap += 1
                    if gap > MAX_GAP:
                        break
        else:
            for x in range(pos, max(limit, 0) - 1, -1):
                starts.append(x)
                if glued or x <= 0:
                    break
                if not inp[x - 1]:
                    gap += 1
                    if gap > MAX_GAP:
                        break
        if e in MARKERS:
            at = self._ph_first if forward else self._ph_last
            for x in starts:
                p = at.get(x)
                if p is not None and ((p.last <= limit) if forward else (p.first >= limit)):
                    if e == "%" and len(p.members) < 2:
                        continue
                    return p.first, p.last, p
            return None
        if e[0] == "&":
            if forward:
                idx = self.pack.synset_first.get(e, {})
                for x in starts:
                    if x < n:
                        for ph in idx.get(toks[x], ()):
                            t = x + len(ph)
                            if t <= n and tuple(toks[x:t]) == ph:
                                return x, t, None
            else:
                idx = self.pack.synset_last.get(e, {})
                for x in starts:
                    if x > 0:
                        for ph in idx.get(toks[x - 1], ()):
                            b = x - len(ph)
                            if b >= limit and tuple(toks[b:x]) == ph:
                                return b, x, None
            return None
        return None
