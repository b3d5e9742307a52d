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
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, NamedTuple, Sequence

from ...errors import InputError

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
MAX_GAP = 4  # tokens outside noun phrases between two pattern elements
MARKERS = frozenset("$+^%")
SKIP_CODES = frozenset({"+++", "###"})  # TABARI's markers, not event codes: such a pattern is not used


@dataclass(frozen=True, slots=True)
class Unit:
    """An actor or agent found in a sentence: token span, code, and what it refers to."""

    first: int
    last: int
    code: str
    agent: bool = False
    prefix: bool = False  # an agent whose code goes before the actor's (NGO~)
    label: str = ""
    ref: object = None  # the kg entity, when the actor is one


@dataclass(frozen=True, slots=True)
class Member:
    """One coordinated member of a noun phrase, with its composite code."""

    code: str
    label: str
    first: int
    last: int
    ref: object = None


@dataclass
class Phrase:
    first: int
    last: int
    members: list[Member]
    after_preposition: bool = False


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


@dataclass
class _Pattern:
    elements: tuple[tuple[str, bool], ...]
    code: str
    src: str
    order: int
    needs: frozenset[str]  # literal words the sentence must contain
    text: str


class _Verb(NamedTuple):
    """A verb of a block (a tuple: the pack unpickles thousands of them at every cold start)."""

    block: str
    head: str
    before: tuple[str, ...]
    after: tuple[str, ...]
    code: str
    src: str


@dataclass
class CameoPack:
    """A loaded CAMEO pack, indexed for coding (see the module docstring)."""

    verbs: dict[str, tuple[tuple, ...]] = field(default_factory=dict)  # form -> verbs, as _Verb fields
    raw_patterns: dict[str, str] = field(default_factory=dict)  # block -> its patterns as JSON (compiled on first use)
    patterns: dict[str, list[_Pattern]] = field(default_factory=dict)  # block -> compiled patterns (file order)
    synsets: dict[str, tuple[tuple[str, ...], ...]] = field(default_factory=dict)
    agents: dict[str, tuple[str, bool]] = field(default_factory=dict)  # phrase -> (code, prefix)
    discards: list[tuple[tuple[str, ...], bool]] = field(default_factory=list)
    discard_trie: dict = field(default_factory=dict)  # word trie -> story discard?
    synset_first: dict[str, dict[str, list[tuple[str, ...]]]] = field(default_factory=dict)  # by first word
    synset_last: dict[str, dict[str, list[tuple[str, ...]]]] = field(default_factory=dict)  # by last word
    sources: tuple[str, ...] = ()

    transforms: list[tuple[str, bool, str, str, str]] = field(default_factory=list)  # (verb, self, code, src, text)
    n_patterns: int = 0
    agent_first: dict[str, tuple[int, ...]] = field(default_factory=dict)  # first word -> phrase lengths, longest first

    def verb_code(self, verb: str) -> str | None:
        """The code of a verb (its own, else its block's), by its base form."""
        for raw in self.verbs.get(verb, ()):
            v = _Verb._make(raw)
            if v.head == verb and not v.before and not v.after:
                return v.code
        return None

    def block_patterns(self, block: str) -> list[_Pattern]:
        """A block's patterns, compiled the first time a sentence meets one of its verbs: a
        one-article build meets a few dozen of the ~300 blocks, so the pack loads as one string
        per block instead of ~50,000 small objects."""
        ps = self.patterns.get(block)
        if ps is None:
            ps = self.patterns[block] = [_compile_pattern(r) for r in json.loads(self.raw_patterns.get(block, "[]"))]
        return ps


def _trie_add(trie: dict, words: Sequence[str], value: object) -> None:
    node = trie
    for w in words:
        node = node.setdefault(w, {})
    node.setdefault("", value)  # the first entry for a phrase wins


def load_pack(folder: str | Path) -> CameoPack:
    """Read a pack written by `kg rules import cameo` (verbs.jsonl, agents.jsonl, discards.jsonl)."""
    folder = Path(folder)
    vp = folder / "verbs.jsonl"
    if not vp.is_file():
        raise InputError(folder, "not a CAMEO pack (no verbs.jsonl); make one with `kg rules import cameo`")
    pack = CameoPack()
    block_code: dict[str, str] = {}
    raw: dict[str, list] = {}
    order = 0
    for n, line in enumerate(vp.read_text(encoding="utf-8").splitlines(), 1):
        try:
            rec = json.loads(line)
        except ValueError as e:
            raise InputError(vp, f"not JSON: {e}", n) from None
        if "pattern" in rec:
            raw.setdefault(rec["block"], []).append([rec["pattern"], rec["code"], rec["src"], order])
            order += 1
        elif "verb" in rec:
            v = (rec["block"], rec["verb"], tuple(rec["before"]), tuple(rec["after"]),
                 rec["code"] or block_code.get(rec["block"], "---"), rec["src"])  # a plain tuple: fast to unpickle
            for f in rec["forms"]:
                pack.verbs[f] = pack.verbs.get(f, ()) + (v,)
        elif "transform" in rec:
            pack.transforms.append((rec["transform"], rec["self"], rec["code"], rec["src"], rec["text"]))
        elif "synset" in rec:
            pack.synsets[rec["synset"]] = tuple(tuple(p) for p in rec["phrases"])
        elif "block" in rec:
            block_code[rec["block"]] = rec["code"]
        elif "source" in rec:
            pack.sources += (rec["source"],)
    ap = folder / "agents.jsonl"
    if ap.is_file():
        for line in ap.read_text(encoding="utf-8").splitlines():
            rec = json.loads(line)
            pack.agents.setdefault(" ".join(rec["agent"]), (rec["code"], rec["prefix"]))
    dp = folder / "discards.jsonl"
    if dp.is_file():
        for line in dp.read_text(encoding="utf-8").splitlines():
            rec = json.loads(line)
            pack.discards.append((tuple(rec["discard"]), rec["story"]))
    pack.raw_patterns = {b: json.dumps(v, separators=(",", ":")) for b, v in raw.items()}
    pack.n_patterns = order
    index_pack(pack)
    return pack


def _compile_pattern(r: list) -> _Pattern:
    elements, code, src, order = r
    els = tuple((e, bool(g)) for e, g in elements)
    needs = frozenset(e for e, _ in els if e not in "*$+^%" and not e.startswith("&"))
    text = " ".join(("_" if g else "") + e for e, g in els).replace(" _", "_")
    return _Pattern(els, code, src, order, needs, text)


def index_pack(pack: CameoPack) -> None:
    """The lookup tables matching needs: synset phrases by first and last word, discards as a trie."""
    for name, phrases in pack.synsets.items():
        first: dict[str, list[tuple[str, ...]]] = {}
        last: dict[str, list[tuple[str, ...]]] = {}
        for ph in phrases:
            if ph:
                first.setdefault(ph[0], []).append(ph)
                last.setdefault(ph[-1], []).append(ph)
        pack.synset_first[name], pack.synset_last[name] = first, last
    lengths: dict[str, set[int]] = {}
    for phrase in pack.agents:
        ws = phrase.split(" ")
        lengths.setdefault(ws[0], set()).add(len(ws))
    pack.agent_first = {w: tuple(sorted(ls, reverse=True)) for w, ls in lengths.items()}
    pack.discard_trie = {}
    for words, story in pack.discards:
        node = pack.discard_trie
        for w in words:
            node = node.setdefault(w, {})
        node[""] = node.get("", False) or story


def find_phrases(trie: dict, toks: Sequence[str]) -> Iterable[tuple[int, int, object]]:
    """Longest matches of a word trie over tokens, left to right, not overlapping."""
    i, n = 0, len(toks)
    while i < n:
        node, best, j = trie, None, i
        while j < n and toks[j] in node:
            node = node[toks[j]]
            j += 1
            if "" in node:
                best = (j, node[""])
        if best:
            yield i, best[0], best[1]
            i = best[0]
        else:
            i += 1


def split_contractions(toks: Sequence[str]) -> tuple[list[str], list[int]]:
    """didn't -> did n't, won't -> wo n't (the dictionaries' Treebank forms); returns the new
    tokens and, for each, the index of the token it came from."""
    out, origin = [], []
    for i, t in enumerate(toks):
        if t.endswith("n't") and len(t) > 3:
            out += [t[:-3], "n't"]
            origin += [i, i]
        else:
            out.append(t)
            origin.append(i)
    return out, origin


class Coder:
    """Codes tokenised sentences with one pack."""

    def __init__(self, pack: CameoPack):
        self.pack = pack

    # -- discards -----------------------------------------------------------------------
    def discarded(self, toks: Sequence[str]) -> tuple[bool, bool]:
        """(sentence discarded, story discarded): a discard phrase occurs in the sentence."""
        trie, sent, story = self.pack.discard_trie, False, False
        if not trie:
            return False, False
        n = len(toks)
        for i in range(n):
            node, j = trie, i
            while j < n and toks[j] in node:
                node = node[toks[j]]
                j += 1
                if "" in node:
                    sent = True
                    story |= node[""]
        return sent, story

    # -- agents -------------------------------------------------------------------------
    def agents(self, toks: Sequence[str], taken: set[int]) -> list[Unit]:
        out = []
        agents, first = self.pack.agents, self.pack.agent_first
        i, n = 0, len(toks)
        while i < n:
            hit = None
            for L in first.get(toks[i], ()):
                if i + L <= n:
                    phrase = " ".join(toks[i:i + L])
                    if phrase in agents and not any(j in taken for j in range(i, i + L)):
                        hit = (L, agents[phrase], phrase)
                        break
            if hit is None:
                i += 1
                continue
            L, (code, prefix), phrase = hit
            out.append(Unit(i, i + L, code, True, prefix, phrase))
            i += L
        return out

    # -- noun phrases -------------------------------------------------------------------
    def phrases(self, toks: Sequence[str], units: list[Unit], verbs_at: set[int]) -> list[Phrase]:
        """Group units into noun phrases of coordinated members."""
        units = sorted(units, key=lambda u: u.first)
        groups: list[list[Unit]] = []
        for u in units:
            if groups:
                prev = groups[-1][-1]
                gap = toks[prev.last:u.first]
                if self._joinable(gap, prev.last, verbs_at):
                    groups[-1].append(u)
                    continue
            groups.append([u])
        out = []
        for g in groups:
            members = self._members(toks, g)
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

    def _joinable(self, gap: Sequence[str], at: int, verbs_at: set[int]) -> bool:
        mods = 0
        for j, w in enumerate(gap):
            if w in GLUE or w in COORD:
                continue
            if w in PREPOSITIONS or w in CLAUSE_END or not w[:1].isalnum() or (at + j) in verbs_at:
                return False
            mods += 1
            if mods > MAX_MODIFIERS:
                return False
        return True

    def _members(self, toks: Sequence[str], g: list[Unit]) -> list[Member]:
        # split into conjuncts at coordinators between units
        conj: list[list[Unit]] = [[g[0]]]
        preps: list[bool] = []  # per conjunct: an agent that reaches its actor through a preposition
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
            main = actors[0] if actors else None
            base_code = main.code if main else "---"
            for u in actors[1:]:  # "Palestinian Hamas leaders", "Russian minister Lavrov": the narrower code
                between = toks[main.last:u.first] if main else []
                if u.code.startswith(base_code) and len(u.code) > len(base_code) \
                        and not any(w in PREPOSITIONS for w in between):
                    base_code = u.code
            ref = next((u.ref for u in reversed(actors) if u.ref is not None), None)  # the head: last named
            label = " ".join(toks[c[0].first:c[-1].last])
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

    # -- verbs --------------------------------------------------------------------------
    def verbs(self, toks: Sequence[str], taken: set[int]) -> list[tuple[int, int, int, _Verb]]:
        """(first, last, head index, verb) for every verb form read as a verb."""
        out = []
        for i, t in enumerate(toks):
            vs = self.pack.verbs.get(t)
            if not vs or i in taken:
                continue
            for raw in vs:
                v = _Verb._make(raw)
                a, b = i - len(v.before), i + 1 + len(v.after)
                if a < 0 or tuple(toks[a:i]) != v.before or tuple(toks[i + 1:b]) != v.after:
                    continue
                if not v.after and not v.before and self._after_determiner(toks, a, taken):
                    continue  # "an attack", "their meeting", "a brief private visit": a noun
                if a > 0 and toks[a - 1] == "(" and b < len(toks) and toks[b] == ")":
                    continue  # "Musa Abu Marzuk (left)": a caption's position
                out.append((a, b, i, v))
                break
        return out

    def _after_determiner(self, toks: Sequence[str], a: int, taken: set[int]) -> bool:
        """A determiner before the word, with at most two modifiers between ("a brief private")."""
        k = a - 1
        for step in range(3):
            if k < 0:
                return False
            w = toks[k]
            if step == 0 and w in DETERMINERS:
                return True
            if w in DETERMINERS:
                return True
            if (k in taken or not w.isalpha() or w in AUXILIARIES or w in BE or w in PREPOSITIONS or w.endswith("ly")
                    or w in ("not", "n't", "to", "and", "or", "that", "ever", "never") or w.endswith("ed")):
                return False
            k -= 1
        return False

    # -- coding -------------------------------------------------------------------------
    def code(self, toks: Sequence[str], units: list[Unit], blocked: set[int] | None = None,
             require_dyad: bool = True) -> list[Event]:
        """Events of one sentence: `toks` are token norms (contractions split), `units` its actors,
        `blocked` tokens that are no verb (names without codes, time expressions: "March")."""
        if self.pack.discards and self.discarded(toks)[0]:
            return []
        self._dyad = require_dyad
        taken = {i for u in units for i in range(u.first, u.last)} | (blocked or set())
        units = units + self.agents(toks, taken)
        taken |= {i for u in units for i in range(u.first, u.last)}
        vlist = self.verbs(toks, taken)
        verbs_at = {i for a, b, _, _ in vlist for i in range(a, b)}
        phrases = self.phrases(toks, units, verbs_at)
        inp = [False] * (len(toks) + 1)
        for p in phrases:
            for i in range(p.first, p.last):
                inp[i] = True
        self._inp = inp
        self._ph_first = {p.first: p for p in phrases}
        self._ph_last = {p.last: p for p in phrases}
        self._verbs_at = {h for _, _, h, _ in vlist}
        self._irregular = {toks[h] for _, _, h, v in vlist if toks[h] != v.head and not toks[h].endswith("ing")}
        words = set(toks)
        events: list[Event] = []
        for a, b, head, v in vlist:
            events += self._code_verb(toks, words, phrases, a, b, head, v)
        return events

    def _clause(self, toks: Sequence[str], a: int, b: int) -> tuple[int, int]:
        lo = a
        while lo > 0 and toks[lo - 1] not in CLAUSE_END and toks[lo - 1] != "that":
            lo -= 1
        hi = b
        while hi < len(toks) and toks[hi] not in CLAUSE_END:
            hi += 1
        return lo, hi

    def _code_verb(self, toks: Sequence[str], words: set[str], phrases: list[Phrase],
                   a: int, b: int, head: int, v: _Verb) -> list[Event]:
        lo, hi = self._clause(toks, a, b)
        best: tuple[int, int, _Pattern, dict[str, Phrase]] | None = None
        for p in self.pack.block_patterns(v.block):
            if not p.needs <= words or p.code in SKIP_CODES:
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
        if not code or code == "---":
            return []
        passive = self._passive(toks, a, head, v)
        src = slots.get("$")
        tgt = slots.get("+")
        left = [p for p in phrases if lo <= p.first and p.last <= a]
        right = [p for p in phrases if b <= p.first and p.last <= hi]
        if "%" in slots:
            ms = slots["%"].members
            pairs = [(x, y) for x in ms for y in ms if x.code != y.code]
            return self._emit(pairs, code, a, b, v, toks, rule, ptext, passive)
        subj = next((p for p in reversed(left) if not p.after_preposition), None)
        if a >= 2 and toks[a - 1] == "to" and left and left[-1].last == a - 1:
            subj = left[-1]  # "urged Hamas to respect ...": the one urged is who is to respect
        if passive:
            by = next((p for p in right if p.first > 0 and toks[p.first - 1] == "by"), right[0] if right else None)
            src, tgt = src or by, tgt or subj
        else:
            src = src or subj
            if tgt is None:
                tgt = next((p for p in right if p is not src), None)
                if tgt is not None and self._subject_of_clause(toks, tgt):
                    tgt = None  # "said Russia would ...": the subject of what was said, not a target
        if src is not None and tgt is None and not self._dyad:  # PETRARCH's require_dyad = false
            tgt = Phrase(b, b, [Member("---", "", b, b)])
        if src is None or tgt is None:
            return []
        pairs = [(x, y) for x in src.members for y in tgt.members if x.code != y.code]
        return self._emit(pairs, code, a, b, v, toks, rule, ptext, passive)

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
        while k >= 0 and k >= a - 3 and toks[k] in ("not", "n't", "also", "then", "reportedly", "being", "been"):
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
        inp = self._inp
        n = len(toks)
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
        if forward:
            for x in starts:
                if x < n and toks[x] == e:
                    return x, x + 1, None
        else:
            for x in starts:
                if x > limit and toks[x - 1] == e:
                    return x - 1, x, None
        return None
