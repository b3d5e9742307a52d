"""Applying a rule set to an analysed article: matches, overlap resolution, and the context
(claim, condition, negation) that decides whether what a rule found is asserted.

Order when matches of one group overlap: the longest span wins, then the higher priority, then
the rule that comes first (file order, then position in the file). Rules in different groups
never suppress each other; a rule's group is its file name unless it sets `group`.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass, field

from ..reading.document import Article, Sentence
from ..knowing.gazetteer import Entity
from ..knowing.mentions import SentenceAnalysis
from ..knowing.vocab import Vocabulary
from .ruleset import JoinRule, Rule, RuleSet, fold_name
from .match import Bound, SentenceView, compiled, find_upto
from .index import _adopt, _runtime, prepare  # noqa: F401 - prepare: kg.rules.pack asks kg.rules.engine for it
from .attribution import MAYBE, _attribute, _first_person, _speaker_groups  # noqa: F401 - _speaker_groups: kg.graph.events

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
    speaker: Entity | None = None  # the speaker of a first-person act in his quotation ("I thank X"): no claim

    @property
    def asserted(self) -> bool:
        return self.holder is None and not self.conditions and not self.negated

    @property
    def voice(self) -> Entity | None:
        """Who speaks the quotation a firing is in, for a rule's `holder` term: a claim's holder or an act's speaker."""
        return self.holder or self.speaker


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


_MASKS: dict[int, tuple[object, int]] = {}  # id(Bits) -> (it, every bit its patterns need)


def match_sentence(rules: list[Rule], v: SentenceView) -> list[Firing]:
    """All rule matches in one sentence, overlaps resolved within each group."""
    cands: list[Firing] = []
    kind = v.sa.sentence.kind
    words = v.words
    pats, bits = _runtime(rules)
    mf = v.mention_firsts
    nm = len(mf)
    has = 0  # the features this sentence holds (kg.rules.index.Bits)
    es = [e for e in map(bits.by_word.get, words) if e is not None]
    for e in es:
        has |= e[1]
    found = set(bits.always).union(*[e[0] for e in es])
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
    mask = _MASKS.get(id(bits))
    if mask is None or mask[0] is not bits:
        mask = _MASKS[id(bits)] = (bits, (1 << max(map(int.bit_length, bits.need), default=0)) - 1)
    lacks = mask[1] ^ has  # (a positive integer: `&` with a negative one, `~has`, cost twice as much)
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
    out = resolve(_whole(cands, v))
    if any(f.rule.not_named for f in out):
        out = [f for f in out if not _not_named(f)]
    return out


def _not_named(f: Firing) -> bool:
    """Whether a slot holds a name the pack refuses as the object of a property the rule gives it
    (a rule file's `not_named`: "a visit's destination is never a continent"); one item of a list
    at a time, so "Kenya and Africa" keeps Kenya."""
    for name, names in f.rule.not_named.items():
        b = f.bindings.get(name)
        if b is not None and b.kind == "entity" and fold_name(b.value.text) in names:
            return True
    return False


POSSESSIVE = frozenset({"'s", "'"})


def _whole(fs: list[Firing], v: SentenceView) -> list[Firing]:
    """The matches whose actors are whole (see _cut_short), before overlaps are resolved, so a
    match refused never hides another of its group."""
    if not v.mention_at or not fs:
        return fs
    return [f for f in fs if not _cut_short(f.bindings, v) and not (f.rule.attribution and _list_item(f, v))
            and not _source_named(f, v)]


def _source_named(f: Firing, v: SentenceView) -> bool:
    """Whether the match read the source named after "according to" as the first item of a list
    that goes on after its comma ("According to the ministry, NATO and Afghan troops killed ...",
    "According to Egyptian President X, A and B agreed": the source is no item of the subject's
    list; the match that opens after the comma stands, and an apposition or a post of the source
    stays: "According to X, the State Department spokesman, ...")."""
    i = f.first - 1
    while i > 0 and not _according(i - 1, v):
        if f.first - i > 8 or v.norms[i] in (",", ".", ";", ":"):
            return False
        i -= 1
    if i <= 0:
        return False
    end = i + 1
    while end < v.n and v.norms[end] != ",":
        end += 1
    firsts = {it.value.first if x.items else x.first for name, x in f.bindings.items() if x.kind == "entity" and name[0] != "_"
              for it in (x.items or (x,))}
    return end + 1 in firsts and any(i < p < end for p in firsts)


def _according(i: int, v: SentenceView) -> bool:
    return 0 <= i and i + 1 < v.n and v.norms[i] == "according" and v.norms[i + 1] == "to"


LIST_GO_ON = frozenset({",", "and", "or"})
# a name right after these is their object, never the subject of a speech that opens with it
OBJECT_OF = frozenset({"from", "of", "to", "in", "into", "for", "with", "against", "by", "at", "on", "between", "among", "toward",
                       "towards", "visited", "visiting", "including"})
# ... unless they follow people who speak for the place ("Officials in Hungary say", "the authorities in Yemen said"), or the
# speech is a relative clause of the object ("shared by Russia, which has said ...")
SPEAKING_GROUPS = frozenset({"officials", "official", "authorities", "sources", "diplomats", "leaders", "government", "police",
                             "military", "army", "ministers", "spokesman", "spokeswoman", "spokesperson", "officers", "analysts",
                             "experts", "observers", "residents", "witnesses", "people", "lawmakers", "legislators", "politicians"})


def _list_item(f: Firing, v: SentenceView) -> bool:
    """Whether a speaker slot took one item of a list that goes on after it ("Mr. Ban, who has
    visited Iraq, Egypt, Israel, Jordan and Saudi Arabia, said": not Iraq nor Israel, with the
    rest of the list read as an aside). The speaker is followed by a comma, another name, and a
    comma or "and": a list, never an apposition ("Lavrov, Russia's foreign minister, said",
    "Turkey, a NATO member, said"). A list slot reads the list whole. Nor is a speaker that opens
    the match the object of a preposition just before it ("forces from Lebanon, ..., said")."""
    x = f.bindings.get(f.rule.attribution[0])
    if x is None or x.kind != "entity" or x.items:
        return False
    i = x.first - 1
    if i >= 0 and v.norms[i] == "the":
        i -= 1
    before = v.norms[i] if i >= 0 else ""
    if (before in OBJECT_OF and x.first == f.first and (i == 0 or v.norms[i - 1] not in SPEAKING_GROUPS)
            and not RELATIVES.intersection(v.norms[x.last:f.last])):
        return True  # "... which calls for withdrawing all foreign forces from Lebanon, ..., said": no speaker Lebanon
    j = x.last
    if j + 1 >= v.n or v.norms[j] != "," or before == "to" or _according(f.first, v):
        return False  # "According to (Egyptian President) X, A and B discussed ...": the source
    m = v.mention_at.get(j + 1)
    return (m is not None and m.kind not in ("role", "pronoun", "demonym") and m.last < v.n
            and v.norms[m.last] in LIST_GO_ON)


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
