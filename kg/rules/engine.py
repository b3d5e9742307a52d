"""Applying a rule set to an analysed article: matches, overlap resolution, and the context
(claim, condition, negation) that decides whether what a rule found is asserted.

Order when matches of one group overlap: the longest span wins, then the higher priority, then
the rule that comes first (file order, then position in the file). Rules in different groups
never suppress each other; a rule's group is its file name unless it sets `group`.
"""
from __future__ import annotations

import bisect
import dataclasses
import datetime as dt
import heapq
import re
from dataclasses import dataclass, field

from ..reading.document import Article, Sentence
from ..knowing.gazetteer import Entity
from ..knowing.mentions import SentenceAnalysis
from ..knowing.vocab import Vocabulary
from .ruleset import JoinRule, Rule, RuleSet
from .match import Bound, SentenceView, compiled, find_upto
from .index import _adopt, _runtime, prepare  # noqa: F401 - prepare: kg.rules.pack asks kg.rules.engine for it

NEGATION_CUES = frozenset({"not", "n't", "never", "no", "neither", "nor", "cannot", "without"})
RELATIVES = frozenset({"who", "which", "whose", "whom", "where"})


@dataclass
class Context:
    """Whether a firing's output is asserted by the article, and if not, why."""

    holder: Entity | None = None  # the claim's holder (a speaker), if the text is reported speech
    holder_firing: "Firing | None" = None
    conditions: list[str] = field(default_factory=list)
    negated: bool = False
    negation_cue: str = ""

    @property
    def asserted(self) -> bool:
        return self.holder is None and not self.conditions and not self.negated


@dataclass
class Firing:
    """One match of a rule in a sentence, with what its slots bound and the context it stands in."""

    rule: Rule
    sentence: Sentence
    first: int
    last: int
    begin: int
    end: int
    bindings: dict[str, Bound]
    context: Context = field(default_factory=Context)
    form: str = ""  # the pattern that matched: a frame's form ("passive"), else "pattern N"

    @property
    def length(self) -> int:
        return self.last - self.first


@dataclass
class Extraction:
    """What the rules found in one article; `dropped` keeps firings a guard removed, for explanations;
    `joins` are the rule set's join rules, which the graph builder runs on the article's triples."""

    article: Article
    analyses: list[SentenceAnalysis]
    firings: list[Firing]
    dropped: list[tuple[Firing, str]] = field(default_factory=list)
    joins: list[JoinRule] = field(default_factory=list)


def match_sentence(rules: list[Rule], v: SentenceView) -> list[Firing]:
    """All rule matches in one sentence, overlaps resolved within each group."""
    cands: list[Firing] = []
    kind = v.sa.sentence.kind
    words = v.words
    pats, bits = _runtime(rules)
    mf = v.mention_firsts
    nm = len(mf)
    found: set[int] = set(bits.always)
    has = 0  # the features this sentence holds (kg.rules.index.Bits)
    for w in words:
        e = bits.by_word.get(w)
        if e is not None:
            has |= e[1]
            found.update(e[0])
    if v.mention_at:
        by_type = bits.by_type
        tkey = id(v._types)
        for m in v.mention_at.values():
            b = by_type.get((tkey, m.entity.type, m.kind == "demonym"))
            has |= bits.mention_bits(v, m) if b is None else b
    if v.quote_at:
        has |= bits.quote
    if v.time_at:
        has |= bits.time
    lacks = ~has
    n = v.n
    last = v.last
    need = bits.need
    # most patterns the words file here lack some other feature: passed over in one comprehension
    for k in sorted([k for k in found if not need[k] & lacks]):
        p = pats[k]
        if p.mentions > nm or p.segments is not None and kind not in p.segments:
            continue
        # the last token where a match can begin: each needed word, mention, quotation and
        # time lies in the match, so at or after its start (all are in the sentence: `need`),
        # and they come in the pattern's order (the commonest reason to pass a pattern over)
        bound = n - 1 if p.order is None else v.ordered(p.order)
        if bound < 0:
            continue
        if p.last_words:  # what the order did not place (kg.rules.index._bounds)
            r = min(map(last.__getitem__, p.last_words))
            if r < bound:
                bound = r
        if p.last_mention:
            r = mf[-p.last_mention]
            if r < bound:
                bound = r
        if p.last_quote and v.quote_last < bound:
            bound = v.quote_last
        if p.last_time and v.time_last < bound:
            bound = v.time_last
        if p.zero:
            bound = 0
        st = v.starts_of(p.fs)
        if not st or st[0] > bound:
            continue
        m = p.m
        if m is None:
            m = p.m = compiled(p.root)
        found_here = find_upto(m, v, st, bound)
        if not found_here:
            continue
        rule = p.rule
        for first, last_, b in found_here:
            bb, ee = v.span(first, last_)
            if rule.defaults and v.date is not None:
                b = _defaults(rule, b, v.date, first, bb)
            cands.append(Firing(rule, v.sa.sentence, first, last_, bb, ee, b, form=p.form))
    return resolve(_whole(cands, v))


POSSESSIVE = frozenset({"'s", "'"})


def _whole(fs: list[Firing], v: SentenceView) -> list[Firing]:
    """The matches whose actors are whole (see _cut_short), before overlaps are resolved, so a
    match refused never hides another of its group."""
    if not v.mention_at or not fs:
        return fs
    return [f for f in fs if not _cut_short(f.bindings, v)]


def _cut_short(b: dict[str, Bound], v: SentenceView) -> bool:
    """Whether an actor slot took the modifier of the actor the text names: a possessor or a
    body before a title and a person ("met North Korea's Kim Kye Gwan", "the allegation was denied
    by Syria's ambassador, Imad Moustapha", "invited Kuomintang chairman Lien Chan"). The match
    is refused, so a longer match of the frame (its `_po` possessor before the object) or nothing
    stands, for every rule at once. A possessor before a plain noun or a body stays ("Iran's
    leaders", "Lieberman's party": rules read those)."""
    covered: set[int] | None = None
    mat = v.mention_at
    for name, x in b.items():
        if x.kind != "entity" or name[0] == "_" or x.items:
            continue  # (a list's last item is one actor of several: "sanctions against Tehran and Iranian ...")
        j = x.last
        if j >= v.n:
            continue
        poss = v.norms[j] in POSSESSIVE
        nxt = mat.get(j + 1 if poss else j)
        if nxt is None:  # "Iran's leaders": the possessor stands for them
            continue
        if nxt.kind == "role":  # a title, then the person who holds it (after a comma only behind a possessive)
            k = nxt.last
            if poss and k < v.n and v.norms[k] == ",":
                k += 1
            held = mat.get(k)
            if held is None or held.kind == "role" or held.entity.type not in v.accepts(("Person",)):
                continue
            nxt = held
        elif not poss or nxt.kind in ("pronoun", "demonym") or nxt.entity.type not in v.accepts(("Person",)):
            continue  # a possessor of a body stays ("Lieberman's party", "Thailand's Democrat Party")
        if covered is None:
            covered = set()
            for y in b.values():
                covered.update(range(y.first, y.last))
        if j not in covered and nxt.first not in covered:
            return True
    return False


def resolve(cands: list[Firing]) -> list[Firing]:
    """Overlaps resolved within each group (longest, then priority, then rule order), list
    slots as one firing per item, in sentence order."""
    cands.sort(key=lambda f: (-f.length, -f.rule.priority, f.rule.order, f.first))
    taken: dict[str, list[tuple[int, int]]] = {}
    out = []
    for f in cands:
        spans = taken.setdefault(f.rule.group, [])
        if any(f.first < e and s < f.last for s, e in spans):
            continue
        spans.append((f.first, f.last))
        out.extend(_per_item(f))
    out.sort(key=lambda f: (f.first, f.rule.order))
    return out


def _defaults(rule: Rule, b: dict[str, Bound], date: dt.date, first: int, begin: int) -> dict[str, Bound]:
    """A time slot the sentence left empty takes the article's date (`default: {t: article.date}`),
    so a rule dates what it finds by the text when the text says when, else by the article."""
    from ..reading.dates import TimeValue

    out = dict(b)
    for name in rule.defaults:
        if name not in out:
            out[name] = Bound("time", first, first, begin, begin, TimeValue(date.isoformat(), "date", "", "at", begin, begin))
    return out


def _per_item(f: Firing) -> list[Firing]:
    """A match with list slots ({x:Agent+}) as one firing per combination of their items:
    "The US, the EU and Israel designated Hamas ..." is three designations."""
    lists = [(name, b.items) for name, b in f.bindings.items() if b.items]
    if not lists:
        return [f]
    out = [f.bindings]
    for name, items in lists:
        out = [{**bs, name: it} for bs in out for it in items]
    return [Firing(f.rule, f.sentence, f.first, f.last, f.begin, f.end, bs, form=f.form) for bs in out]


def extract(article: Article, analyses: list[SentenceAnalysis], rules: RuleSet, voc: Vocabulary) -> Extraction:
    """Match every rule on every sentence, then decide what is asserted.

    A second pass resolves first-person pronouns inside attributed quotations ("we" is the
    group the speaker leads or belongs to, "I" the speaker) and matches those sentences again.
    """
    _adopt(rules)
    views = {sa.sentence.index: SentenceView(sa, article.text, article.quotes, voc, article.date) for sa in analyses}
    firings: list[Firing] = []
    for v in views.values():
        firings += match_sentence(rules.rules, v)
    ex = Extraction(article, analyses, firings, joins=rules.joins)
    speakers = _attribute(ex)
    changed = _first_person(ex, speakers, voc)
    if changed:
        for f in firings:
            f.context = Context()
        ex.firings = [f for f in firings if f.sentence.index not in changed]
        for i in sorted(changed):
            views[i] = SentenceView(views[i].sa, article.text, article.quotes, voc, article.date)
            ex.firings += match_sentence(rules.rules, views[i])
        ex.firings.sort(key=lambda f: (f.begin, f.rule.order))
        ex.dropped = []
        _attribute(ex)
    for f in ex.firings:
        _negation(f, views[f.sentence.index])
        if f.rule.frame is not None:
            _speaker_pronoun(f, views[f.sentence.index])
        _modality(f)
    return ex


SUBJECT_PRONOUNS = {"he": "male", "she": "female"}


def _speaker_pronoun(f: Firing, v: SentenceView) -> None:
    """A person's words that open with "he" or "she" speak of that person ("Olmert, who succeeded
    Sharon ..., said he would not negotiate": he is Olmert, not the last person named): the
    subject pronoun of a frame inside a person's claim is the speaker when no other person is
    named in the claim before it and the gender fits."""
    holder, src = f.context.holder, f.context.holder_firing
    if holder is None or src is None or holder.type != "Person" or not src.rule.attribution:
        return
    name = _subject(f.rule)
    sb = f.bindings.get(name)
    if sb is None or sb.kind != "entity" or sb.value.kind != "pronoun" or sb.value.entity.id == holder.id:
        return
    gender = SUBJECT_PRONOUNS.get(v.norms[sb.first])
    cb = src.bindings.get(src.rule.attribution[1]) if src.rule.attribution[1] else None
    if gender is None or holder.gender not in (None, gender) or cb is None or not cb.begin <= sb.begin < cb.end:
        return
    if any(m.entity.type == "Person" and cb.begin <= m.begin < sb.begin for m in v.sa.mentions):
        return
    f.bindings = {**f.bindings, name: Bound(sb.kind, sb.first, sb.last, sb.begin, sb.end, dataclasses.replace(sb.value, entity=holder))}


# Slot names with a meaning for the engine (kg.rules.frames, data/rules/context.yaml): a frame's
# `_may` holds a possibility ("could meet"); a context rule's hypothetical slot `cond` is a condition
# (its zone also conditions the consequent: a modal verb group elsewhere in the sentence), and
# `question` a question (nothing inside it is stated: its firings are dropped).
MAYBE, CONDITION, QUESTION = "_may", "cond", "question"
SUBJECT: dict[int, tuple[dict, str]] = {}  # id(frame) -> (the frame, its subject slot)
PLANS: dict[int, tuple[Rule, bool]] = {}  # id(rule) -> whether its emits make what it finds planned
KGO = "https://w3id.org/kg-news/ontology#"  # the ontology (kg.graph.iris, a later stage)
PLANNED_STATUS = (KGO + "status", KGO + "Planned")


def _plans(r: Rule) -> bool:
    """Whether a rule (or a frame's variant) records what it finds as planned (`kgo:status kgo:Planned`)."""
    hit = PLANS.get(id(r))
    if hit is None or hit[0] is not r:
        hit = PLANS[id(r)] = (r, any(e.p == PLANNED_STATUS[0] and e.o.kind == "iri" and e.o.value == PLANNED_STATUS[1]
                                     and e.when is None for e in r.emits))
    return hit[1]


def _subject(r: Rule) -> str:
    """The name of a frame rule's subject slot ("{a:Agent}" -> "a")."""
    fr = r.frame or {}
    hit = SUBJECT.get(id(fr))
    if hit is None or hit[0] is not fr:  # an id outlives its object: keep the object to check
        hit = SUBJECT[id(fr)] = (fr, str(fr.get("subject", "")).strip().lstrip("{").split(":")[0].strip())
    return hit[1]


def _modality(f: Firing) -> None:
    """What a frame's verb group says about its relation beyond the words: a possibility ("could
    meet") is conditional; a plan a person announces himself ("Abbas said he would not meet
    Olmert") is his plan, not a claim about someone else (INVENTORY: `planned`, no claim; a body's
    spokesman announcing the body's plan still reports a claim); what a
    denier denies doing ("North Korea denied sinking the Cheonan") is the denier's claim, negated."""
    b = f.bindings
    ctx = f.context
    if MAYBE in b and b[MAYBE].value not in ctx.conditions:
        ctx.conditions.append(b[MAYBE].value)
    planned = f.form == "planned" or ctx.holder is not None and _plans(f.rule)
    if not planned and f.form != "denied":
        return
    if f.rule.frame is not None:
        sb = b.get(_subject(f.rule))
    else:  # a rule that is no frame: its first actor is the subject ("she had no plans to travel to Moscow")
        sb = min((x for x in b.values() if x.kind == "entity"), key=lambda x: x.begin, default=None)
    who = sb.value.entity if sb is not None and sb.kind == "entity" else None
    # a plan under a condition stays the speaker's word ("Obama said he would meet Iran's leaders
    # if he were elected": claim(Obama) if met): only a possibility of the verb group ("could") is no condition
    conditional = any(c != b[MAYBE].value for c in ctx.conditions) if MAYBE in b else bool(ctx.conditions)
    if planned and who is not None and ctx.holder is not None and ctx.holder.id == who.id and who.type == "Person" \
            and not conditional:
        ctx.holder, ctx.holder_firing = None, None
    elif f.form == "denied" and who is not None and ctx.holder is None:
        ctx.holder = who


def _negation(f: Firing, v: SentenceView) -> None:
    """A rule's own negation slot negates it; so does a negation word inside the match that the
    rule did not account for (a fact must never lose its polarity)."""
    r = f.rule
    for name in (r.negation, "neg" if r.frame else None):
        if name and name in f.bindings:
            f.context.negated = True
            f.context.negation_cue = f.bindings[name].value
            return
    covered = set()
    for b in f.bindings.values():
        covered.update(range(b.first, b.last))
    norms = v.norms
    aside = False  # a relative clause between commas negates its own verb, not the match's ("The US and Iran,
    # which have had no diplomatic relations since 1980, held direct talks")
    for i in range(f.first, f.last):
        if norms[i] == ",":  # an aside closes inside the match ("Georgia, which is not a member of NATO" is the relation)
            aside = not aside and i + 1 < f.last and norms[i + 1] in RELATIVES and "," in norms[i + 2:f.last]
            continue
        if i not in covered and norms[i] in NEGATION_CUES and not aside:
            f.context.negated = True
            f.context.negation_cue = v.sa.tokens[i].text
            return


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
                    zones.append((cb.begin, cb.end, "claim-not" if r.negation in f.bindings else "claim", f, holder))
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
    around = _containing(zones, ex.firings)
    # a trailing attribution ("..., a White House spokesman said"): its content opens its match, and a
    # firing that begins in the content and names its actors there, but whose text runs on into the
    # attribution ("did not ask X to halt the offensive, a ... spokesman said"), is still inside what the
    # speaker said (an actor bound in the attribution, the speaker himself, makes it the speaker's act)
    tails = [z for z in zones if z[2] in ("claim", "claim-not") and z[3].begin == z[0] and z[1] < z[3].end]
    for f in ex.firings if tails else ():
        around[id(f)] += [z for z in tails if z[3] is not f and not f.rule.attribution
                          and z[0] <= f.begin < z[1] < f.end <= z[3].end
                          and all(b.end <= z[1] for b in f.bindings.values() if b.kind == "entity")]
    for f in ex.firings:
        inner = [(e - b, b, e, kind, src, holder) for b, e, kind, src, holder in around[id(f)]
                 if src is not f and (not (f.begin <= src.begin and src.end <= f.end) or f.end > e)]
        if f.rule.background and art.quote_at(f.begin) is None:
            inner = []  # a title in the writer's words ("..., said President X would") is no one's claim
        inner.sort(key=lambda z: z[0])
        for _, b, e, kind, src, holder in inner:
            if kind in ("claim", "claim-not") and f.context.holder is None:
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
        if f.context.holder is None and q and f.end <= q[1]:
            if q in speakers:
                f.context.holder, f.context.holder_firing = speakers[q]
            else:
                ex.dropped.append((f, "inside a quotation whose speaker is unknown"))
    gone = {id(d) for d, _ in ex.dropped}
    ex.firings = [f for f in ex.firings if id(f) not in gone]
    return speakers


# ", and he urged ...": a new clause of a subject pronoun and a verb in the past ends what the speaker said
# ("Abbas said he would seek U.N. recognition, and he urged the United States not to block the bid":
# the appeal is the writer's report); an auxiliary or modal ("and he would ...") may still be the speech
NEW_CLAUSE = re.compile(r",\s+(?:and|but)\s+(?:he|she|they)\s+(?:also\s+|later\s+|then\s+)?"
                        r"(?!(?:would|will|could|might|may|should|had|has|have|was|were|is|are|did|does|do|can|must)\b)"
                        r"[a-z]+ed\b", re.IGNORECASE)


def _claim_end(text: str, begin: int, end: int) -> int:
    """Where a claim's content ends: at a new clause the writer opens with the speaker's pronoun."""
    m = NEW_CLAUSE.search(text, begin, end)
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
