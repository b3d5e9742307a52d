"""Who holds what a firing found: reported speech, conditions and quotations (zones), speakers
inherited across a quotation, first-person words resolved to the speaker. Moved out of
kg.rules.engine, which calls it once per article after matching."""
from __future__ import annotations

import bisect
import heapq
import re
from typing import TYPE_CHECKING

from ..knowing.gazetteer import Entity
from ..knowing.vocab import Vocabulary

if TYPE_CHECKING:
    from .engine import Extraction, Firing

# Slot names with a meaning for the engine (kg.rules.frames, data/rules/context.yaml): a frame's
# `_may` holds a possibility ("could meet"); a context rule's hypothetical slot `cond` is a condition
# (its zone also conditions the consequent: a modal verb group elsewhere in the sentence), and
# `question` a question (nothing inside it is stated: its firings are dropped).
MAYBE, CONDITION, QUESTION = "_may", "cond", "question"


Speakers = dict[tuple[int, int], tuple[Entity, "Firing | None"]]


def _attribute(ex: Extraction) -> Speakers:
    """Reported speech and hypotheticals: what lies inside another firing's content or
    condition span, or inside a quotation, is not asserted by the article."""
    art = ex.article
    zones: list[tuple[int, int, str, Firing, Entity | None]] = []  # (begin, end, kind, source, holder)
    conds: list[tuple[int, int, Firing]] = []  # condition clauses: their consequents are conditional too
    speakers: Speakers = {}
    for f in ex.firings:
        r = f.rule
        if r.attribution:
            h, c = r.attribution
            if h in f.bindings and f.bindings[h].kind == "entity":
                holder = f.bindings[h].value.entity
                cb = f.bindings.get(c) if c else None
                if cb is not None:  # a denial's content ('negation' bound) is the holder's claim, negated
                    hb = f.bindings[h]  # a demonym right before the content is its first word ("Turkish warplanes bombed
                    zb = hb.begin if hb.last == cb.first and hb.value.kind == "demonym" else cb.begin  # ..., the military said")
                    zones.append((zb, cb.end, "claim-not" if r.negation in f.bindings else "claim", f, holder))
                near = _overlapping(art.quotes, f.begin, f.end + 1)
                if cb is not None:
                    near = sorted(set(near) | set(_overlapping(art.quotes, cb.begin, cb.end)))
                for q in near:
                    if cb is not None and q[0] < cb.end and cb.begin < q[1] or (
                            q[0] <= f.end and f.begin <= q[1] and (cb is None or cb.kind == "quote")):
                        speakers.setdefault(q, (holder, f))
        for name in r.hypothetical:
            if name in f.bindings:
                b = f.bindings[name]
                zones.append((b.begin, b.end, "question" if name == QUESTION else "hypothetical", f, None))
                if name == CONDITION:
                    conds.append((b.begin, b.end, f))
    closed = [(b, e) for b, e, k, _, _ in zones if k == "question"] + [(b, e) for b, e, _ in conds]
    if closed:  # a possibility inside a condition or a question ends with it: "Asked if he could confirm reports that ...,
        # Mr. X said ..." (what X said is no possibility)
        zones = [(b, min([e] + [ce for cb, ce in closed if cb <= b < ce < e]), k, s, h)
                 if k == "hypothetical" and CONDITION not in s.rule.hypothetical and QUESTION not in s.rule.hypothetical
                 else (b, e, k, s, h) for b, e, k, s, h in zones]
    claimed = {(b, e): s.begin for b, e, k, s, _ in zones if k in ("claim", "claim-not")}
    if claimed:  # what a holder denies is its claim, negated, not a condition ("X denied that Y had urged Z"),
        # also where another rule's content opens earlier, inside the denial ("denied on Saturday that ...")
        ends = {e: (b, sb) for (b, e), sb in claimed.items()}
        zones = [z for z in zones if z[2] != "hypothetical" or (z[0], z[1]) not in claimed
                 and not (z[1] in ends and ends[z[1]][1] < z[0] <= ends[z[1]][0])]
    cuts = [f.bindings["_g"] for f in ex.firings if f.form == "coordinated" and "_g" in f.bindings]  # kg.rules.frames
    if cuts:  # what a first verb denies or reports ends with its phrase: "X denied A and accused B" (B is X's own act)
        zones = [(b, min([e] + [g.end for g in cuts if g.begin <= b < g.end < e]), k, s, h) for b, e, k, s, h in zones]
    if any(k in ("claim", "claim-not") for _, _, k, _, _ in zones):  # the writer takes up the speaker again
        zones = [(b, _claim_end(art.text, b, e) if k in ("claim", "claim-not") else e, k, s, h) for b, e, k, s, h in zones]
    _inherit_speakers(ex, speakers)
    # a trailing attribution ("..., a White House spokesman said"): its content opens its match, and a
    # firing that begins in the content and names its actors there, but whose text runs on into the
    # attribution ("did not ask X to halt the offensive, a ... spokesman said") or past it ("pledged to
    # facilitate ..., Sudan's foreign ministry said in a statement"), is still inside what the speaker
    # said (an actor bound in the attribution, the speaker himself, makes it the speaker's act); what
    # such a firing leaves unasserted (a pledge's content) ends where the speaker is named
    tails = [z for z in zones if z[2] in ("claim", "claim-not") and z[3].begin == z[0] and z[1] < z[3].end]
    crossing = {id(f): [z for z in tails if z[3] is not f and not f.rule.attribution
                        and CONDITION not in f.rule.hypothetical and QUESTION not in f.rule.hypothetical
                        and z[0] <= f.begin < z[1] < f.end and f.sentence.index == z[3].sentence.index
                        and all(b.end <= z[1] for b in f.bindings.values() if b.kind == "entity")]
                for f in (ex.firings if tails else ())}
    if any(crossing.values()):
        zones = [(b, min([e] + [z[1] for z in crossing.get(id(s), ()) if b < z[1]]) if k == "hypothetical" else e, k, s, h)
                 for b, e, k, s, h in zones]
    around = _containing(zones, ex.firings)
    for f in ex.firings if tails else ():
        around[id(f)] += crossing[id(f)]
    for f in ex.firings:
        inner = [(e - b, b, e, kind, src, holder) for b, e, kind, src, holder in around[id(f)]
                 if src is not f and (not (f.begin <= src.begin and src.end <= f.end) or f.end > e)]
        if f.rule.background and art.quote_at(f.begin) is None:
            inner = []  # a title in the writer's words ("..., said President X would") is no one's claim
        inner.sort(key=lambda z: z[0])
        own = f.rule.attribution and f.bindings.get(f.rule.attribution[0])
        for _, b, e, kind, src, holder in inner:
            if kind in ("claim", "claim-not") and own and own.kind == "entity" and holder is not None and \
                    own.value.entity.id == holder.id:
                continue  # a statement is not its own speaker's claim ("Israeli troops ..., the army said" read twice)
            if kind == "claim" and f.context.holder is None and f.context.speaker is None and holder is not None and \
                    _own_act(f) and art.quote_at(f.begin) is not None:
                f.context.speaker = holder  # "I thank X" inside his quotation: the speaker's own act (convention 58)
            elif kind in ("claim", "claim-not") and f.context.holder is None and f.context.speaker is None:
                f.context.holder, f.context.holder_firing = holder, src
                f.context.negated = f.context.negated or kind == "claim-not"
            elif kind == "hypothetical":
                f.context.conditions.append(art.text[b:e].strip())
            elif kind == "question":
                ex.dropped.append((f, "inside a question"))
                break
        if conds and f.form == "planned":  # the consequent: "If Tehran refuses, the EU will impose sanctions"
            for b, e, src in conds:
                c = art.text[b:e].strip()
                if src.sentence.index == f.sentence.index and not (b <= f.begin and f.end <= e) and c not in f.context.conditions:
                    f.context.conditions.append(c)
        q = art.quote_at(f.begin)
        if f.context.holder is None and f.context.speaker is None and q and f.end <= q[1]:
            if q in speakers and _own_act(f):  # "I would like to thank X": his own act, no claim (convention 58)
                f.context.speaker = speakers[q][0]
            elif q in speakers:
                f.context.holder, f.context.holder_firing = speakers[q]
            else:
                ex.dropped.append((f, "inside a quotation whose speaker is unknown"))
    gone = {id(d) for d, _ in ex.dropped}
    ex.firings = [f for f in ex.firings if id(f) not in gone]
    return speakers


def _own_act(f: "Firing") -> bool:
    """A rule marked `own_act` reads thanks or praise given in the first person inside a quotation ("I would like to
    thank X", "we welcome X's decision"): the act is the speaker's, not something he claims (convention 58). Pledges
    in a quotation stay claims (a movement's promise told by its leader), so the rule file says which rules are acts."""
    return f.rule.own_act


# ", and he urged ...": a new clause of a subject pronoun and a verb in the past ends what the speaker said
# ("Abbas said he would seek U.N. recognition, and he urged the United States not to block the bid":
# the appeal is the writer's report); an auxiliary or modal ("and he would ...") may still be the speech
NEW_CLAUSE = re.compile(r",\s+(?:and|but)\s+(?:he|she|they)\s+(?:also\s+|later\s+|then\s+)?"
                        r"(?!(?:would|will|could|might|may|should|had|has|have|was|were|is|are|did|does|do|can|must)\b)"
                        r"[a-z]+ed\b", re.IGNORECASE)


# ... or the speaker's own act told after what he said, without a subject ("X said Cairo would not allow ... and
# accused Hamas of ...", "said the alliance would not be intimidated and urged Moscow to ...": the writer's report)
OWN_ACT = re.compile(r"\s+and\s+(?:also\s+|later\s+|then\s+)?(?:accused|blamed|urged|called on|pressed|appealed to)\s",
                     re.IGNORECASE)


def _claim_end(text: str, begin: int, end: int) -> int:
    """Where a claim's content ends: at a new clause the writer opens with the speaker's pronoun,
    or at the speaker's own act after "and"."""
    m = NEW_CLAUSE.search(text, begin, end)
    end = m.start() if m else end
    m = OWN_ACT.search(text, begin, end)
    return m.start() if m else end


def _overlapping(quotes: list[tuple[int, int]], begin: int, end: int) -> list[tuple[int, int]]:
    """The quotations that overlap or touch [begin, end] (quotations are disjoint and in text
    order: found by bisection, not by a scan per firing)."""
    k = max(0, bisect.bisect_left(quotes, (begin, begin)) - 1)
    out = []
    while k < len(quotes) and quotes[k][0] <= end:
        if quotes[k][1] >= begin:
            out.append(quotes[k])
        k += 1
    return out


Zone = tuple[int, int, str, "Firing", "Entity | None"]


def _containing(zones: list[Zone], firings: list[Firing]) -> dict[int, list[Zone]]:
    """For each firing, the zones whose span contains it: one sweep over both sorted by begin,
    keeping the zones still open, instead of every zone tested against every firing."""
    out: dict[int, list[Zone]] = {id(f): [] for f in firings}
    order = sorted(range(len(zones)), key=lambda i: zones[i][0])
    heap: list[tuple[int, int]] = []  # (end, zone index) of the zones begun so far
    k = 0
    for f in sorted(firings, key=lambda f: f.begin):
        while k < len(order) and zones[order[k]][0] <= f.begin:
            heapq.heappush(heap, (zones[order[k]][1], order[k]))
            k += 1
        while heap and heap[0][0] < f.begin:
            heapq.heappop(heap)  # ended before this firing begins: it contains no later firing
        out[id(f)] = [zones[i] for e, i in sorted(heap, key=lambda x: x[1]) if f.end <= e]
    return out


def _inherit_speakers(ex: Extraction, speakers: Speakers) -> None:
    """Quotations without an attribution of their own take the speaker of an attributed quotation
    in the same paragraph (a quote split by 'he said'), else the speaker of the paragraph just
    before when that paragraph introduces speech ('he had a message:'), or the name that closes
    a pull quote."""
    art = ex.article
    para_of: dict[tuple[int, int], tuple[int, str]] = {}
    for seg in art.segments:
        k = bisect.bisect_left(art.quotes, (seg.begin, seg.begin))
        while k < len(art.quotes) and art.quotes[k][0] < seg.end:
            para_of[art.quotes[k]] = (seg.paragraph, seg.kind)
            k += 1
    seg_begins = {seg.begin for seg in art.segments}
    first_speaker: dict[int, tuple[Entity, "Firing | None"]] = {}  # per paragraph, in quotation order
    for o in art.quotes:
        if o in speakers and para_of.get(o, (None,))[0] not in first_speaker:
            first_speaker[para_of.get(o, (None,))[0]] = speakers[o]  # type: ignore[index]
    speech_in: dict[int, tuple[Entity, Firing]] = {}
    for f in sorted(ex.firings, key=lambda f: f.begin):
        h = f.rule.attribution[0] if f.rule.attribution else None
        if h and h in f.bindings and f.bindings[h].kind == "entity":
            speech_in[f.sentence.paragraph] = (f.bindings[h].value.entity, f)
    for q in art.quotes:
        if q in speakers:
            continue
        para, kind = para_of.get(q, (-1, ""))
        if para in first_speaker:
            speakers[q] = first_speaker[para]
        elif kind == "pullquote":
            for sa in ex.analyses:
                if sa.sentence.paragraph == para:
                    for m in sa.mentions:
                        if m.begin >= q[1] and m.kind == "name":
                            speakers[q] = (m.entity, None)
                            break
        elif para - 1 in speech_in and q[0] in seg_begins:
            speakers[q] = speech_in[para - 1]
        if q in speakers and q in para_of and para not in first_speaker:
            first_speaker[para] = speakers[q]


FIRST_SINGULAR = frozenset({"i", "me", "my", "myself", "mine"})
FIRST_PLURAL = frozenset({"we", "us", "our", "ours", "ourselves"})
FIRST_PERSON = FIRST_SINGULAR | FIRST_PLURAL


def _first_person(ex: Extraction, speakers: Speakers, voc: Vocabulary) -> set[int]:
    """Add mentions for first-person pronouns inside quotations whose speaker is known; return
    the indices of the sentences that gained mentions."""
    from ..knowing.mentions import Mention

    if not speakers:
        return set()
    groups: dict[str, Entity] | None = None  # worked out at the first "we" that needs it
    changed: set[int] = set()
    for sa in ex.analyses:
        toks = sa.tokens
        if FIRST_PERSON.isdisjoint([t.norm for t in toks]):
            continue  # most sentences: no first-person pronoun at all
        taken = {i for m in sa.mentions for i in range(m.first, m.last)}
        added = []
        for i, t in enumerate(toks):
            if i in taken or t.norm not in FIRST_PERSON:
                continue
            q = ex.article.quote_at(t.begin)
            if q is None or q not in speakers:
                continue
            speaker = speakers[q][0]
            if t.norm in FIRST_SINGULAR:
                ent: Entity | None = speaker
            else:
                if groups is None:
                    groups = _speaker_groups(ex, voc)
                ent = groups.get(speaker.id)
            if ent is None:
                continue
            poss = i + 1 < len(toks) and toks[i + 1].norm in ("'s", "'")
            added.append(Mention(ent, sa.sentence.index, i, i + 1, t.begin, t.end, t.text, "pronoun", poss, True))
        if added:
            sa.mentions = sorted(sa.mentions + added, key=lambda m: m.first)
            changed.add(sa.sentence.index)
    return changed


def _speaker_groups(ex: Extraction, voc: Vocabulary) -> dict[str, Entity]:
    """speaker id -> the group 'we' stands for: from this article's asserted facts with the
    properties listed under `speaker_group` in vocabulary.yaml (first listed wins)."""
    out: dict[str, tuple[int, Entity]] = {}
    for f in ex.firings:
        if not f.context.asserted:
            continue
        for em in f.rule.emits:
            for rank, (prop, inverse) in enumerate(voc.speaker_group):
                if em.p != prop or em.s.kind != "slot" or em.o.kind != "slot":
                    continue
                s, o = f.bindings.get(em.s.value), f.bindings.get(em.o.value)
                if s is None or o is None or s.kind != "entity" or o.kind != "entity":
                    continue
                person, group = (o, s) if inverse else (s, o)
                pid = person.value.entity.id
                if pid not in out or rank < out[pid][0]:
                    out[pid] = (rank, group.value.entity)
    return {k: v for k, (_, v) in out.items()}
