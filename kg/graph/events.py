"""CAMEO-coded events in the graph: the imported verb dictionary (data/cameo, kg.rules.cameo)
codes each sentence of an article, and every coded event becomes one node.

    node:codedevent-… a kgo:CodedEvent ; kgo:cameoCode cameo:042 ;
        kgo:sourceActor ent:hamas ; kgo:sourceCode "PSEREBHMS" ; kgo:sourceText "Hamas leaders" ;
        kgo:targetActor ent:russia ; kgo:targetCode "RUS" ; kgo:targetText "Moscow" ;
        kgo:verb "traveled" ; kgo:verbBlock "TRAVEL" ; kgo:pattern "* to" ;
        sem:hasTimeStamp "2006-03-03"^^xsd:date ; kgo:status kgo:Happened ;
        kgo:factuality kgo:Asserted ; prov:wasGeneratedBy firing:… .

Actors are kg's mentions whose entity has CAMEO codes (the world gazetteer's `codes` and dated
`affiliations`), coded on the article's date; agents come from the pack.

**Factuality** is the engine's: a verb inside the content of an attribution ("X said ...") or a
quotation is Claimed by its speaker, inside an if-clause or other hypothetical zone it is
Hypothetical, a negation just before the verb ("did not visit") makes it Negative; such an
event is written with its factuality and never as asserted.

**Reconciliation with kg's rules**: kg's own rules come first. A verb that lies inside the span
of a firing of kg's rules that gives its node a `kgo:cameoCode` (a visit, a meeting, an appeal,
a statement) is not coded a second time: kg's node is the event, and gets the same
kgo:sourceActor / kgo:targetActor / kgo:sourceCode / kgo:targetCode from its role properties
(data/cameo/kg-roles.tsv: speaker, visitor, ... -> source; addressee, destination, ... -> target),
so `kg events` exports both alike. The pack codes everything else.
"""
from __future__ import annotations

import marshal
import os
import sys
from dataclasses import dataclass, fields
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .. import digest
from ..rules.cameo.coder import Coder, Event, Member, Unit, load_pack, split_contractions
from ..rules.cameo.pack import CameoPack
from ..rules.cameo.codebook import quad_class
from ..rules.engine import NEGATION_CUES, Context, Extraction, Firing, _speaker_groups
from .eventrows import COLUMNS, event_rows, write_rows  # noqa: F401 - re-exported (the export's old home)

if TYPE_CHECKING:
    from ..rules.pack import Pack
    from .builder import GraphBuilder

KGO = "https://w3id.org/kg-news/ontology#"
CAMEO = "https://w3id.org/kg-news/cameo#"
HEDGES = frozenset("believed thought said reported alleged rumoured rumored suspected understood".split())
# "X is believed to ...": what others believe, not asserted ("is expected to visit" stays a planned event)
FUTURE = frozenset("will would shall to may might could plans plan planned intends".split())


@dataclass
class Coded:
    """A coded event in an article: the event, its sentence and character span, its context."""

    event: Event
    sentence: Any  # kg.reading.document.Sentence
    begin: int  # character span of the verb
    end: int
    context: Context
    planned: bool


_CODERS: dict[str, Coder | None] = {}


def coder_for(data_dir: Path) -> Coder | None:
    """The pack in DATA/cameo as a Coder (None when the pack has none), once per process; the
    loaded pack is kept (as marshal data) next to kg's pack cache, keyed by the content of its files."""
    key = str(data_dir)
    if key in _CODERS:
        return _CODERS[key]
    folder = data_dir / "cameo"
    if not (folder / "verbs.jsonl").is_file():
        _CODERS[key] = None
        return None
    h = digest.sha1(f"{sys.version_info[:2]}".encode())
    # the pack's files (1.4 MB) and the code that reads, indexes and keeps it, by size and
    # modification time: reading and hashing them all cost every start-up ~5-25 ms
    for p in [*sorted(folder.glob("*.jsonl")), Path(__file__),
              *sorted((Path(__file__).parent.parent / "rules" / "cameo").glob("*.py"))]:
        st = p.stat()
        h.update(f"{p.name}\0{st.st_size}:{st.st_mtime_ns}\0".encode())
    root = os.environ.get("KG_CACHE_DIR") or str(Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "kg")
    cache = None if root.lower() == "off" else Path(root) / f"cameo-{h.hexdigest()[:24]}.marshal"
    pack = None
    if cache is not None and cache.is_file():
        import gc

        was = gc.isenabled()
        gc.disable()
        try:
            pack = _unmarshal_pack(cache.read_bytes())
        except Exception:
            pack = None
        finally:
            if was:
                gc.enable()
    if pack is None:
        pack = load_pack(folder)
        if cache is not None:
            try:
                import tempfile

                cache.parent.mkdir(parents=True, exist_ok=True)
                fd, tmp = tempfile.mkstemp(dir=cache.parent, prefix=".cameo-", suffix=".tmp")
                with os.fdopen(fd, "wb") as f:
                    f.write(_marshal_pack(pack))
                os.replace(tmp, cache)
                olds = sorted([*cache.parent.glob("cameo-*.marshal"), *cache.parent.glob("cameo-*.pickle")],
                              key=lambda p: p.stat().st_mtime, reverse=True)
                for old in olds[4:]:  # caches of other packs and kg versions: keep the few used last
                    old.unlink(missing_ok=True)
            except Exception:
                pass
    _CODERS[key] = Coder(pack)
    return _CODERS[key]


# A loaded pack is plain data (dicts, tuples, strings, bytes) in the fields of one dataclass:
# the cache keeps those fields as marshal data, which reads in ~60% of the time pickle takes for
# the same 0.85 MB (no class lookups, no memo). The key holds the Python version (marshal's
# format is the interpreter's own) and the code that makes the fields.
_UNCACHED = ("patterns", "pattern_index")  # what a process compiles from the pack as it codes
_UNREAD = ("agents",)  # what `agent_shards` holds again, by first word (CameoPack.agents_at)


def _marshal_pack(pack: CameoPack) -> bytes:
    return marshal.dumps({k: v for k, v in vars(pack).items()
                          if k not in _UNCACHED and k not in _UNREAD and not k.startswith("_")})


def _unmarshal_pack(data: bytes) -> CameoPack:
    state = marshal.loads(data)
    if not isinstance(state, dict) or set(state) != {f.name for f in fields(CameoPack)} - {*_UNCACHED, *_UNREAD}:
        raise ValueError("not a CAMEO pack cache of this kg")
    pack = CameoPack.__new__(CameoPack)
    pack.__dict__.update(state, patterns={}, pattern_index={}, agents={})  # (agents: in agent_shards)
    return pack


LOCATIVE = frozenset("in at near outside inside".split())  # before a city: where, not who


_CODES: dict[tuple[int, date | None, int], tuple[Any, Any, str | None]] = {}  # (entity, day, gazetteer) -> code


def _codes(entity: Any, day: date | None, gaz: Any = None) -> str | None:
    """The entity's first CAMEO code on `day` (world gazetteer), else its state's (a city): once
    per entity, day and gazetteer in a process (articles of a corpus name the same actors on the
    same days; the entity and gazetteer are kept in the memo, so an id is never another's)."""
    key = (id(entity), day, id(gaz))
    hit = _CODES.get(key)
    if hit is not None and hit[0] is entity and hit[1] is gaz:
        return hit[2]
    code = _code_on(entity, day, gaz)
    if len(_CODES) > 50_000:
        _CODES.clear()
    _CODES[key] = (entity, gaz, code)
    return code


def _code_on(entity: Any, day: date | None, gaz: Any) -> str | None:
    codes_on = getattr(entity, "codes_on", None)
    if codes_on is None:
        return None
    codes = codes_on(day)
    if not codes and gaz is not None and getattr(entity, "located_in", None):
        state = gaz.get(entity.located_in)  # the curated entities and the world alike
        codes = state.codes_on(day) if state is not None else []
    return codes[0] if codes else None


def _kg_spans(ex: Extraction) -> list[tuple[int, int, list[tuple[int, int]]]]:
    """Spans of firings of kg's rules whose node carries a CAMEO code, with their slots' spans:
    a verb that such a rule matched as one of its own words (not inside a slot, such as the
    content of "said that ...") is coded by kg."""
    out = []
    for f in ex.firings:
        captures = _cameo_captures(f.rule)
        if captures is not None:  # (a capture is the rule's own words)
            out.append((f.begin, f.end, [(b.begin, b.end) for k, b in f.bindings.items() if k not in captures]))
    return out


_CAMEO_RULES: dict[int, tuple[Any, frozenset[str] | None]] = {}  # id(rule) -> (rule, kept alive; _cameo_captures)


def _cameo_captures(r: Any) -> frozenset[str] | None:
    """For a rule that gives a kgo:cameoCode, the names of its capture slots (its own words);
    None for any other rule. Asked for every firing of every article: once per rule."""
    hit = _CAMEO_RULES.get(id(r))
    if hit is not None and hit[0] is r:
        return hit[1]
    caps = None
    if any(em.p == KGO + "cameoCode" for em in r.emits):
        caps = frozenset(k for k, v in r.slots.items() if type(v).__name__ == "Capture")
    if len(_CAMEO_RULES) > 50_000:
        _CAMEO_RULES.clear()
    _CAMEO_RULES[id(r)] = (r, caps)
    return caps


def _kg_codes(spans: list[tuple[int, int, list[tuple[int, int]]]], b0: int, e0: int) -> bool:
    """Whether a firing of kg's CAMEO rules holds the verb [b0, e0) as one of its own words (plain
    loops: a generator resumed per firing of the article cost more than the tests)."""
    for s, t, slots in spans:
        if s <= b0 and e0 <= t:
            for x, y in slots:
                if x <= b0 and e0 <= y:
                    break
            else:
                return True
    return False


def code_article(ex: Extraction, pack: "Pack") -> list[Coded]:
    """Code every sentence of an analysed article with the pack's CAMEO dictionary."""
    coder = coder_for(pack.data_dir)
    if coder is None:
        return []
    ex.cameo_data = pack.data_dir  # type: ignore[attr-defined]
    ex.__dict__.pop("_cameo_zones", None)  # (_context's list of firings with zones: made afresh)
    art = ex.article
    day = art.date
    kg_spans = None  # (the spans kg's own CAMEO rules code: made at the first event)
    gaz = pack.gazetteer
    groups = _groups(ex, pack.vocabulary)  # a leader without a code of his own: his group's
    out: list[Coded] = []
    codes: dict[str, str | None] = {}  # entity id -> its code on the article's date
    story_discarded = False
    per_sentence = []
    for sa in ex.analyses:
        norms, origin = split_contractions([t.norm for t in sa.tokens])
        sent, story = coder.discarded(norms) if coder.pack.discards else (False, False)
        story_discarded |= story
        per_sentence.append((sa, norms, origin, sent))
    if story_discarded:
        return []
    verbs = coder.pack.verbs
    for sa, norms, origin, sent in per_sentence:
        if sent or verbs.keys().isdisjoint(norms):
            continue  # discarded, or no form of any verb of the pack
        if len(origin) == len(sa.tokens):  # nothing split: each token is where it was
            first_of = dict(zip(origin, origin))
        else:
            first_of = {}
            for j, o in enumerate(origin):
                first_of.setdefault(o, j)
        units = []
        blocked: set[int] = set()
        adjectives: set[int] = set()
        for m in sa.mentions:
            if m.first not in first_of or m.kind == "role":
                continue  # a role ("foreign minister") is left to the pack's agents
            a, b = first_of[m.first], first_of.get(m.last, len(norms))
            code = codes.get(m.entity.id, "?")
            if code == "?":
                code = _codes(m.entity, day, gaz)
                if not code and m.entity.id in groups:
                    code = _codes(groups[m.entity.id], day, gaz)
                codes[m.entity.id] = code
            if code and m.first > 0 and sa.tokens[m.first - 1].norm in LOCATIVE and getattr(m.entity, "located_in", None) \
                    and not m.entity.codes_on(day):
                code = ""  # "hold talks in Seoul": a city where something happens is a place, not an actor
            # a name with no code ("Saakashvili") still holds its place: it is who acts, not a neighbour
            units.append(Unit(a, b, code or "", False, False, m.text, m.entity))
            if m.kind == "demonym":
                adjectives.update(range(a, b))
        if not any(u.code for u in units):
            continue
        for i, j, _ in sa.times:
            blocked.update(range(first_of.get(i, len(norms)), first_of.get(j, len(norms))))
        for e in coder.code(norms, units, blocked, adjectives=adjectives, discards=False):  # checked above
            toks = sa.tokens
            b0 = toks[origin[e.verb_first]].begin
            e0 = toks[origin[e.verb_last - 1]].end
            if kg_spans is None:
                kg_spans = _kg_spans(ex)
            if _kg_codes(kg_spans, b0, e0):
                continue  # kg's own rule codes this verb
            ctx = _context(ex, b0, e0, norms, e.verb_first)
            planned = any(w in FUTURE for w in norms[max(0, e.verb_first - 3):e.verb_first])
            out.append(Coded(e, sa.sentence, b0, e0, ctx, planned))
            t = _transformed(coder, e.source, e.target, e.code, ctx, day, gaz, groups, sa.sentence, b0, e0, e.verb)
            if t is not None:
                out.append(t)
    return out


def _transformed(coder: Coder, src: Member, tgt: Member, code: str, ctx: Context, day: date | None, gaz: Any,
                 groups: dict[str, Any], sentence: Any, begin: int, end: int, verb: str) -> "Coded | None":
    """The dictionary's SAY/CLAIM transformations on a claimed event: "A said B attacked C" is A
    accusing B (112), "A said A attacked C" A claiming responsibility towards C (015), and of any
    other verb Q "A said A helped C" A's own event towards C (`~ a (a b Q) SAY = a b Q`). The
    inner verb (ATTACK) stands for its code's quad class (material conflict); the new event has
    the context of A's speech act, so it is asserted when the report is."""
    h = ctx.holder
    if h is None or ctx.conditions or ctx.negated or not coder.pack.transforms:
        return None
    q = quad_class(code)
    hcode = _codes(h, day, gaz) or (_codes(groups[h.id], day, gaz) if h.id in groups else None)
    if not hcode or q is None:
        return None
    own = src.ref is h or (h.id in groups and src.ref is groups[h.id]) or src.code == hcode
    for verb_name, self_, out, rule, text in coder.pack.transforms:
        if verb_name == "q":  # ~ a (a b Q) SAY = a b Q: what A says A does (did, will do) to b is A's event
            if not self_ or not own:
                continue
            out = code
        else:
            vc = coder.pack.verb_code(verb_name)
            if self_ != own or not vc or quad_class(vc) != q:
                continue
        who = Member(hcode, h.label, 0, 0, h)
        target = tgt if own else src
        if not target.code or target.code.startswith("---") or target.code == hcode:
            return None  # an unknown actor ("its fighters") is nobody to accuse
        outer = ctx.holder_firing.context if ctx.holder_firing is not None else Context()
        oc = Context(outer.holder, outer.holder_firing, list(outer.conditions), outer.negated, outer.negation_cue)
        ev = Event(who, target, out, 0, 0, "~", verb, rule, text)
        return Coded(ev, sentence, begin, end, oc, False)
    return None


def _context(ex: Extraction, begin: int, end: int, norms: list[str], at: int) -> Context:
    """The engine's zones applied to a verb: attribution content and quotations (claims),
    hypothetical zones (conditions), a negation word just before the verb, and a hedge before
    it ("is believed to be providing": Hypothetical, not asserted)."""
    ctx = Context()
    best = None
    zones = ex.__dict__.get("_cameo_zones")
    if zones is None or zones[0] is not ex.firings:  # the firings with zones, once per article
        zones = ex.__dict__["_cameo_zones"] = (ex.firings, [f for f in ex.firings
                                                             if f.rule.attribution or f.rule.hypothetical])
    for f in zones[1]:
        r = f.rule
        if r.attribution:
            h, c = r.attribution
            hb, cb = f.bindings.get(h), f.bindings.get(c) if c else None
            if hb is not None and hb.kind == "entity" and cb is not None and cb.begin <= begin and end <= cb.end:
                if best is None or cb.end - cb.begin < best[0]:
                    best = (cb.end - cb.begin, hb.value.entity, f)
        for name in r.hypothetical:
            b = f.bindings.get(name)
            if b is not None and b.begin <= begin and end <= b.end:
                ctx.conditions.append(ex.article.text[b.begin:b.end].strip())
    if best is not None:
        ctx.holder, ctx.holder_firing = best[1], best[2]
    else:
        q = ex.article.quote_at(begin)
        if q is not None and end <= q[1]:
            holder = next((f.context.holder for f in ex.firings
                           if f.context.holder is not None and q[0] <= f.begin < q[1]), None)
            ctx.holder = holder
            if holder is None:
                ctx.conditions.append("inside a quotation whose speaker is unknown")
    for k in range(max(0, at - 3), at):
        if norms[k] in NEGATION_CUES:
            ctx.negated, ctx.negation_cue = True, norms[k]
    for k in range(max(0, at - 5), at - 1):  # "is believed to be providing", "was reported to have shelled"
        if norms[k] in HEDGES and norms[k + 1] == "to":
            ctx.conditions.append(f"hedged: {norms[k]} to")
            break
    return ctx


_ROLES: dict[str, list[tuple[str, tuple[str, ...]]]] = {}


def _roles(data_dir: Path | None) -> list[tuple[str, tuple[str, ...]]]:
    """(property IRI, roles) from DATA/cameo/kg-roles.tsv, in file order."""
    key = str(data_dir)
    if key not in _ROLES:
        out = []
        f = data_dir / "cameo" / "kg-roles.tsv" if data_dir is not None else None
        if f is not None and f.is_file():
            for n, line in enumerate(f.read_text(encoding="utf-8").splitlines(), 1):
                if not line.strip() or line.startswith(("#", "property\t")):
                    continue
                prop, _, roles = line.partition("\t")
                rs = tuple(roles.split())
                if not prop.startswith("kgo:") or not rs or any(r not in ("source", "target", "about") for r in rs) \
                        or "about" in rs and len(rs) > 1:
                    from ..errors import InputError
                    raise InputError(f, "a line is kgo:PROPERTY<TAB>source|target|source target|about", n)
                out.append((KGO + prop[4:], rs))
        _ROLES[key] = out
    return _ROLES[key]


_PLANS: dict[int, tuple[Any, Any, Any]] = {}  # id(rule) -> (rule, kept alive; roles; its plan)


def _role_plan(r: Any, roles: list[tuple[str, tuple[str, ...]]]) -> list[tuple[tuple[str, ...], list[str]]] | None:
    """For a rule whose node gets a CAMEO code: per line of kg-roles.tsv under whose property the
    rule's node emits slots, its roles and those slots in emit order (a line it emits nothing
    under finds nothing: left out); None for any other rule. The same for every firing of the
    rule, so worked out once per rule (it was per firing and per line)."""
    hit = _PLANS.get(id(r))
    if hit is not None and hit[0] is r and hit[1] is roles:
        return hit[2]
    plan = None
    if r.has_node and any(em.p == KGO + "cameoCode" for em in r.emits):
        plan = [(rs, slots) for prop, rs in roles
                if (slots := [em.o.value for em in r.emits if em.p == prop and em.s.kind == "node" and em.o.kind == "slot"])]
    if len(_PLANS) > 50_000:
        _PLANS.clear()
    _PLANS[id(r)] = (r, roles, plan)
    return plan


def _groups(ex: Extraction, voc: Any) -> dict[str, Any]:
    """kg.rules.engine._speaker_groups, once per extraction (the CAMEO coding asks first)."""
    memo = ex.__dict__.get("_speaker_groups")
    if memo is not None and memo[0] == id(voc):
        return memo[1]
    groups = _speaker_groups(ex, voc)
    ex.__dict__["_speaker_groups"] = (id(voc), groups)  # (an id, not the vocabulary: an extraction may be pickled)
    return groups


def annotate_kg_events(gb: "GraphBuilder", ex: Extraction, data_dir: Path | None) -> list[Coded]:
    """Give the nodes kg's own rules code with a CAMEO code their source and target actors and
    those actors' codes on the article's date, read from the firing by kg-roles.tsv (first
    firing of a node wins: a node has one dyad)."""
    from .terms import Literal

    roles = _roles(data_dir)
    derived: list[Coded] = []
    if not roles:
        return derived
    coder = coder_for(data_dir) if data_dir is not None else None
    day = ex.article.date
    groups = _groups(ex, gb.voc)
    mentions: list[Any] | None = None
    done: set[Any] = set()
    for f in ex.firings:
        r = f.rule
        plan = _role_plan(r, roles)
        if plan is None:
            continue
        found: dict[str, Any] = {}
        about: list[Any] = []  # spans whose first other actor is the target ("about")
        bindings = f.bindings
        for rs, slots in plan:
            bs = [bindings[v] for v in slots if v in bindings]
            if rs == ("about",):
                about += bs
                continue
            ents = [b.value.entity for b in bs if b.kind == "entity"]
            for role, ent in zip(rs, ents if len(rs) > 1 else ents[:1]):
                found.setdefault(role, ent)
        if mentions is None and about and "source" in found and "target" not in found:
            mentions = [m for sa in ex.analyses for m in sa.mentions]
        if "source" in found and "target" not in found and about:
            src = found["source"]
            mine = {src.id, getattr(groups.get(src.id), "id", None)}
            for b in about:
                hit = next((m.entity for m in mentions if b.begin <= m.begin and m.end <= b.end
                            and m.entity.id not in mine and m.kind != "role" and _codes(m.entity, day, gb.gaz)), None)
                if hit is not None:
                    found["target"] = hit
                    break
        if "source" not in found or "target" not in found or found["source"] is found["target"]:
            continue
        node = gb._node_iri(f)
        if node in done:
            continue
        done.add(node)
        codes = {}
        for role in ("source", "target"):
            ent = found[role]
            gb.add(node, KGO + role + "Actor", gb._entity(ent))
            code = _codes(ent, day, gb.gaz)
            if not code and ent.id in groups:
                code = _codes(groups[ent.id], day, gb.gaz)
            if code:
                gb.add(node, KGO + role + "Code", Literal(code))
            codes[role] = code
        kg_code = next((em.o.value.rsplit("#", 1)[-1] for em in r.emits if em.p == KGO + "cameoCode" and em.o.kind == "iri"), None)
        if coder is not None and kg_code and codes["source"]:
            t = _transformed(coder, Member(codes["source"], found["source"].label, 0, 0, found["source"]),
                             Member(codes["target"] or "", found["target"].label, 0, 0, found["target"]), kg_code,
                             f.context, day, gb.gaz, groups, f.sentence, f.begin, f.end,
                             ex.article.text[f.begin:f.end][:60])
            if t is not None:
                derived.append(t)
    return derived


def add_events(gb: "GraphBuilder", ex: Extraction) -> None:
    """Write the coded events of an extraction (ex.cameo, set by kg.graph.build.analyse)."""
    coded: list[Coded] = list(getattr(ex, "cameo", None) or [])
    if getattr(ex, "cameo_data", None) is not None:
        coded += annotate_kg_events(gb, ex, ex.cameo_data)  # type: ignore[attr-defined]
    if not coded:
        return
    from .builder import DCT, PROV, RDFS, SEM, XSD, A, _h, _u
    from .terms import IRI, Literal, plain, tagged

    art = ex.article
    base = gb.mint.base
    u = _u
    rule_cls, firing_cls, event_cls = u(KGO + "Rule"), u(KGO + "RuleFiring"), u(KGO + "CodedEvent")
    p_rule, p_evidence, p_gen, p_label = u(KGO + "rule"), u(KGO + "evidence"), u(PROV + "wasGeneratedBy"), u(RDFS + "label")
    p_code, p_event_code, p_verb, p_block = u(KGO + "cameoCode"), u(KGO + "eventCode"), u(KGO + "verb"), u(KGO + "verbBlock")
    p_pattern, p_quad, p_stamp, p_status = u(KGO + "pattern"), u(KGO + "quadClass"), u(SEM + "hasTimeStamp"), u(KGO + "status")
    roles = (("source", u(KGO + "sourceActor"), u(KGO + "sourceCode"), u(KGO + "sourceText")),
             ("target", u(KGO + "targetActor"), u(KGO + "targetCode"), u(KGO + "targetText")))
    stamp = Literal(art.date.isoformat(), datatype=u(XSD + "date")) if art.date else None
    add, add_all = gb.add, gb.add_all
    for c in coded:
        e, s, ctx = c.event, c.sentence, c.context
        sid = gb._sentence(art, s.begin, s.end, s.kind)
        rid = IRI(f"{base}rule/cameo-{_h(e.rule)}")
        if (rid, A, rule_cls) not in gb._current:
            what = f"pattern '{e.pattern}'" if e.pattern else "the verb's own code"
            add_all(((rid, A, rule_cls), (rid, u(DCT + "identifier"), Literal(f"cameo:{e.rule}")),
                     (rid, u(RDFS + "comment"), Literal(f"CAMEO verb dictionary, block {e.block}: {what}")),
                     (rid, u(KGO + "ruleFile"), Literal(f"data/cameo/verbs.jsonl ({e.rule})"))))
        fid = IRI(f"{base}firing/{_h(art.id, 'cameo', e.rule, c.begin, c.end)}")
        add_all(((fid, A, firing_cls), (fid, p_rule, rid), (fid, p_evidence, sid)))
        holder = ctx.holder.id if ctx.holder else ""
        node = IRI(f"{base}node/codedevent-{_h(art.id, c.begin, e.code, e.source.code, e.target.code, e.source.first, e.target.first, holder, ctx.negated, *ctx.conditions)}")
        if node not in gb._nodes:
            gb._nodes.add(node)
            gb.counts["events"] += 1
        gb._nodes_here.add(node)
        add(node, A, event_cls)
        concept = u(CAMEO + e.code) if e.code.isdigit() else None
        if concept is not None:
            add(node, p_code, concept)
            label = gb.voc.labels.get(CAMEO + e.code)
            if label:
                add(concept, p_label, tagged(label, "en"))
        else:
            add(node, p_event_code, Literal(e.code))
        for (role, p_actor, p_rcode, p_text), m in zip(roles, (e.source, e.target)):
            if m.ref is not None:
                add(node, p_actor, gb._entity(m.ref))
            add_all(((node, p_rcode, plain(m.code)), (node, p_text, plain(m.label))))
        add_all(((node, p_verb, plain(art.text[c.begin:c.end])), (node, p_block, plain(e.block))))
        if e.pattern:
            add(node, p_pattern, Literal(e.pattern))
        q = quad_class(e.code)
        if q:
            add(node, p_quad, Literal(q))
        if stamp is not None:
            add(node, p_stamp, stamp)
        add_all(((node, p_status, u(KGO + ("Planned" if c.planned else "Happened"))), (node, p_gen, fid)))
        f = Firing(_FakeRule, s, 0, 0, c.begin, c.end, {}, ctx)  # the builder's factuality writer takes a firing
        gb._factuality(node, f)


class _RuleStub:
    """What GraphBuilder._factuality reads of a firing's rule (nothing: it reads the context)."""

    has_node = False


_FakeRule: Any = _RuleStub()
