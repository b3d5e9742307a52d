"""From an extraction to RDF: stable IRIs, facts, n-ary nodes, claims and their provenance.

Provenance costs one node per rule firing (rule, evidence sentence) and one record per distinct
fact (`rdf:subject/predicate/object`, factuality, the firings that produced it). A fact the
article asserts is also written as a plain triple; a claimed, negated or hypothetical one
exists only as its record, so no query over plain triples can mistake it for a fact.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..reading.document import Article
from ..knowing.gazetteer import Entity, Gazetteer
from ..rules.engine import Extraction, Firing
from ..rules.ruleset import JoinRule, Rule, Term
from .iris import (  # noqa: F401 - re-exported: kg.graph.builder has always offered these names
    DCT, DEFAULT_BASE, KGO, NIF, ORG, PROV, SCHEMA, SEM, TIME, A, Minter, Triple, _ALT, _ANCHOR, _ASSERTED,
    _BEGIN, _CLAIMED, _CLAIMED_BY, _CODE, _COMMENT, _CONDITION, _DCT_ID, _END, _EVIDENCE, _FACTUALITY,
    _FIRING_CLS, _GEN, _HYPOTHETICAL, _LABEL, _MENTIONS, _NEGATIVE, _NIF_SENTENCE, _OBJ, _POLARITY, _PRED,
    _REFCTX, _REPORTED_IN, _RULE_CLS, _RULE_FILE, _RULE_P, _SAME, _SEGMENT, _SUBJ, _UNLINKED, _URIS,
    _XSD_DATE, _h, _u, article_slug)
from .joinrun import JoinRunner, _constant, _join_parts, _join_term, _rules_predicates  # noqa: F401 - (re-exported)
from .terms import IRI, Literal, integer, plain, tagged, to_rdflib
from .terms import Term as RDFTerm
from ..reading.text import slug, split_items
from ..knowing.vocab import RDFS, XSD, Vocabulary  # noqa: F401 - (RDFS re-exported)

if TYPE_CHECKING:
    from rdflib import Graph

_WORDS = re.compile(r"\w+")
# id(entity) -> (entity, vocabulary, gazetteer, IRI, its description's triples, entities they name)
_DESCRIPTIONS: dict[int, tuple[Any, ...]] = {}


@dataclass
class GraphBuilder(JoinRunner):
    """Accumulates the triples of one or more articles (entities shared through their IRIs).

    `kg_graphs` / `kg_triples` (their union, made when asked) hold kg's own terms (what kg's
    writers take); `triples` and `by_article` are the same as rdflib terms, for the Python API,
    made on first use."""

    voc: Vocabulary
    gaz: Gazetteer
    mint: Minter = field(default_factory=Minter)
    kg_graphs: dict[IRI, set[Triple]] = field(default_factory=dict)  # one per article: TriG / N-Quads
    _current: set[Triple] = field(default_factory=set)
    counts: dict[str, int] = field(default_factory=lambda: {"facts": 0, "events": 0, "statements": 0, "claims": 0,
                                                            "roles": 0, "other": 0, "joins": 0})
    _origin: dict[Triple, set[IRI]] = field(default_factory=dict)  # this article's plain triple -> firings that made it
    _evidence_of: dict[IRI, list[IRI]] = field(default_factory=dict)  # firing -> its sentence(s)
    _nodes_here: set[IRI] = field(default_factory=set)  # this article's nodes
    _facts: set[IRI] = field(default_factory=set)
    _nodes: set[IRI] = field(default_factory=set)
    _entities: set[str] = field(default_factory=set)
    _entities_here: set[str] = field(default_factory=set)

    def add(self, s: RDFTerm, p: str | IRI, o: RDFTerm) -> None:
        self._current.add((s, p if type(p) is IRI else _u(p), o))

    def add_all(self, ts: tuple[Triple, ...] | list[Triple]) -> None:
        """Several triples whose predicates are IRI objects already (one call, a set update in C)."""
        self._current.update(ts)

    @property
    def kg_triples(self) -> set[Triple]:
        """The union of all articles' triples (made when asked, and again only after they grew:
        a triple goes into its article's graph only, not into a second set as it is made)."""
        key = tuple(map(len, self.kg_graphs.values()))
        cached = self.__dict__.get("_union")
        if cached is None or cached[0] != key:
            union: set[Triple] = set()
            for ts in self.kg_graphs.values():
                union |= ts
            cached = self.__dict__["_union"] = (key, union)
        return cached[1]

    @property
    def triples(self) -> set[tuple[Any, Any, Any]]:
        """The union of all articles' triples, as rdflib terms."""
        return self._rdflib()[0]

    @property
    def by_article(self) -> dict[Any, set[tuple[Any, Any, Any]]]:
        """Each article's triples (its named graph), as rdflib terms."""
        return self._rdflib()[1]

    def _rdflib(self) -> tuple[set[tuple[Any, Any, Any]], dict[Any, set[tuple[Any, Any, Any]]]]:
        key = (len(self.kg_triples), sum(map(len, self.kg_graphs.values())))
        cached = self.__dict__.get("_rdflib_cache")
        if cached is None or cached[0] != key:
            memo: dict[RDFTerm, Any] = {}

            def conv(t: RDFTerm) -> Any:
                r = memo.get(t)
                if r is None:
                    r = memo[t] = to_rdflib(t)
                return r
            graphs = {conv(g): {(conv(s), conv(p), conv(o)) for s, p, o in ts} for g, ts in self.kg_graphs.items()}
            cached = self.__dict__["_rdflib_cache"] = (key, ({(conv(s), conv(p), conv(o)) for s, p, o in self.kg_triples}, graphs))
        return cached[1]

    # -- articles -------------------------------------------------------------------------
    def add_extraction(self, ex: Extraction) -> None:
        art = ex.article
        self._art_id, self._art_text, self._art_date = art.id, art.text, art.date
        self._current = self.kg_graphs.setdefault(self.mint.article(art), set())
        self._entities_here = set()
        # this article's memos: IRIs asked for again and again (a sentence per firing, an entity
        # per mention, a rule per firing, a node per firing), each made and described once
        self._sentences_here: dict[tuple[int, int], IRI] = {}
        self._entity_iris: dict[int, IRI] = {}  # id(entity) -> IRI (the extraction keeps them alive)
        self._rules_here: dict[str, IRI] = {}
        self._node_iris: dict[int, tuple[Firing, IRI]] = {}  # id(firing) -> (firing, its node)
        self._document(art)
        add, entity = self.add, self._entity
        for sa in ex.analyses:
            ents = sorted({m.entity.id: m.entity for m in sa.mentions if m.kind != "role"}.items())
            if ents:
                sid = self._sentence(art, sa.sentence.begin, sa.sentence.end, sa.sentence.kind)
                for _, e in ents:
                    add(sid, _MENTIONS, entity(e))
        self._origin, self._evidence_of, self._nodes_here = {}, {}, set()
        self._join_preds = _rules_predicates(ex.joins) if ex.joins else frozenset()
        for f in ex.firings:
            self._firing(art, f)
        if ex.joins:
            self._joins(art, ex.joins)
        from .events import add_events  # CAMEO-coded events (issue 15), after the joins: they do not see them
        add_events(self, ex)

    def _document(self, art: Article) -> None:
        a, ctx, meta = self.mint.article(art), self.mint.context(art), art.meta
        self.add(a, A, _u(SCHEMA + "NewsArticle"))
        self.add(a, SCHEMA + "identifier", Literal(art.id))
        self.add(ctx, A, _u(NIF + "Context"))
        self.add(ctx, NIF + "isString", Literal(art.text))
        self.add(ctx, NIF + "beginIndex", Literal(0))
        self.add(ctx, NIF + "endIndex", Literal(len(art.text)))
        self.add(ctx, NIF + "sourceUrl", a)
        if meta.get("title"):
            self.add(a, SCHEMA + "headline", Literal(str(meta["title"])))
        if art.date:
            self.add(a, SCHEMA + "datePublished", Literal(art.date.isoformat(), datatype=_u(XSD + "date")))
            if art.date_source:  # where the date was read: a reader checks it, a corpus can be audited by it
                self.add(a, KGO + "dateSource", Literal(art.date_source))
            if art.date_span:
                self.add(a, KGO + "dateText", Literal(art.text[art.date_span[0]:art.date_span[1]]))
        else:  # no date: relative times ("Friday", "last year") stay unresolved, but recorded
            for _, _, phrase in art.unresolved_times:
                self.add(a, KGO + "unresolvedTime", Literal(phrase))
        if meta.get("url"):
            self.add(a, SCHEMA + "url", Literal(str(meta["url"]), datatype=_u(XSD + "anyURI")))
        if meta.get("author"):
            self.add(a, SCHEMA + "author", Literal(str(meta["author"])))
        for key, prop in (("publisher", "publisher"), ("place", "locationCreated")):
            if meta.get(key):
                ent = self._lookup(str(meta[key]))
                self.add(a, SCHEMA + prop, self._entity(ent) if ent else Literal(str(meta[key])))
        if meta.get("caption") or meta.get("credit"):
            img = IRI(f"{a}#image")
            self.add(a, SCHEMA + "image", img)
            self.add(img, A, _u(SCHEMA + "ImageObject"))
            if meta.get("caption"):
                self.add(img, SCHEMA + "caption", Literal(str(meta["caption"])))
            if meta.get("credit"):
                self.add(img, SCHEMA + "creditText", Literal(str(meta["credit"])))

    def _lookup(self, name: str) -> Entity | None:
        """The entity a dateline place or publisher names: a curated one, else the only imported
        one with that name (a name index lookup, not a scan of the ~26,000 entities)."""
        cands = self.gaz.candidates(name)
        return cands[0] if cands and (cands[0].curated or len(cands) == 1) else None

    def _sentence(self, art: Article, b: int, e: int, kind: str) -> IRI:
        here = self.__dict__.get("_sentences_here")
        sid = here.get((b, e)) if here is not None else None
        if sid is not None:
            return sid
        sid = self.mint.sentence(art, b, e)
        if here is not None:
            here[(b, e)] = sid
        if (sid, A, _NIF_SENTENCE) not in self._current:
            self.add_all(((sid, A, _NIF_SENTENCE), (sid, _BEGIN, integer(b)), (sid, _END, integer(e)),
                          (sid, _ANCHOR, plain(art.text[b:e])), (sid, _REFCTX, self.mint.context(art)),
                          (sid, _SEGMENT, Literal(kind))))
        return sid

    def _entity(self, e: Entity) -> IRI:
        iris = self.__dict__.get("_entity_iris")
        if iris is not None:
            iri = iris.get(id(e))
            if iri is not None:
                return iri  # this object was met before in this article: IRI made, entity described
        iri = self.mint.entity(e)
        if e.id not in self._entities_here:
            if not getattr(e, "iri", None):  # a role is a concept, not an entity the summary counts
                self._entities.add(e.id)
            self._entities_here.add(e.id)
            triples, refs = self._description(e, iri)
            self.add_all(triples)
            for other in refs:  # the states and organisations it points to: described here too
                self._entity(other)
        if iris is not None:
            iris[id(e)] = iri
        return iri

    def _description(self, e: Entity, iri: IRI) -> tuple[tuple[Triple, ...], tuple[Entity, ...]]:
        """An entity's own triples (type, names, links, world facts) and the entities they
        point to. The same in every article that mentions it, so kept per entity object (a
        state's description has dozens of names and memberships)."""
        hit = _DESCRIPTIONS.get(id(e))
        if hit is not None and hit[0] is e and hit[1] is self.voc and hit[2] is self.gaz and hit[3] is iri:
            return hit[4], hit[5]
        out: list[Triple] = [(iri, A, _u(self.voc.types[e.type].iri)), (iri, _LABEL, tagged(e.label, "en"))]
        add = out.append
        refs: list[Entity] = []
        if getattr(e, "unlinked", False):  # a name no gazetteer lists (kg.knowing.names)
            add((iri, A, _UNLINKED))
        for alias in e.aliases:
            if alias != e.label:
                add((iri, _ALT, tagged(alias, "en")))
        for s in e.same_as:
            add((iri, _SAME, IRI(self.voc.expand(s) or s)))
        if getattr(e, "codes", ()) or getattr(e, "affiliations", ()) or getattr(e, "located_in", None) \
                or getattr(e, "part_of", None):
            self._world_facts(e, iri, add, refs)  # (roles and unlinked names have none of these)
        triples = tuple(out)
        if len(_DESCRIPTIONS) > 20_000:  # a long corpus's own names: start again
            _DESCRIPTIONS.clear()
        _DESCRIPTIONS[id(e)] = (e, self.voc, self.gaz, iri, triples, tuple(refs))
        return triples, tuple(refs)

    def _world_facts(self, e: Entity, iri: IRI, add: Any, refs: list[Entity]) -> None:
        """What the gazetteer knows of an entity beyond its names: its own actor codes
        (`kgo:actorCode`), the state a place is in (`schema:containedInPlace`), and each
        affiliation as a W3C ORG membership whose dates are an OWL-Time interval, so "who was in
        Russia's government on 2006-03-03" is a SPARQL query. Written where the entity is; the
        states and organisations it points to (`refs`) get their own description (type, label,
        codes). `add` takes each triple."""
        def ref(other: Entity) -> IRI:
            refs.append(other)
            return self.mint.entity(other)

        for c in dict.fromkeys(c.code for c in e.codes):
            add((iri, _CODE, Literal(c)))
        if e.located_in:
            state = self.gaz.get(e.located_in)
            if state is not None:
                add((iri, _u(SCHEMA + "containedInPlace"), ref(state)))
        whole = self.gaz.get(e.part_of) if getattr(e, "part_of", None) else None
        if whole is not None:  # the Security Council of the UN, the Kremlin of Russia
            add((iri, _u(ORG + "subOrganizationOf"), ref(whole)))
        for a in e.affiliations:  # under world/: background knowledge, not a rule's finding (node/)
            m = _u(f"{self.mint.base}world/membership-{_h(e.id, a.of, a.code, a.start, a.end)}")
            add((m, A, _u(ORG + "Membership")))
            if e.origin:
                add((m, _u(DCT + "source"), Literal(e.origin)))
            add((m, _u(ORG + "member"), iri))
            of = self.gaz.get(a.of) if a.of else None
            if of is not None:
                add((m, _u(ORG + "organization"), ref(of)))
            add((m, _CODE, Literal(a.code)))
            if a.sector:
                add((m, _u(KGO + "sector"), Literal(a.sector)))
            if a.start or a.end:
                span = _u(f"{self.mint.base}world/interval-{a.start or 'open'}-{a.end or 'open'}")
                add((m, _u(ORG + "memberDuring"), span))
                add((span, A, _u(TIME + "Interval")))
                for prop, day in ((TIME + "hasBeginning", a.start), (TIME + "hasEnd", a.end)):
                    if day is not None:
                        instant = _u(f"{self.mint.base}world/instant-{day.isoformat()}")
                        add((span, _u(prop), instant))
                        add((instant, A, _u(TIME + "Instant")))
                        add((instant, _u(TIME + "inXSDDate"), Literal(day.isoformat(), datatype=_XSD_DATE)))

    def _rule(self, r: Rule | JoinRule) -> IRI:
        here = self.__dict__.get("_rules_here")
        iri = here.get(r.id) if here is not None else None
        if iri is not None:
            return iri  # described in this article already
        iri = self.mint.rule(r)
        if here is not None:
            here[r.id] = iri
        if (iri, A, _RULE_CLS) not in self._current:
            self.add_all(((iri, A, _RULE_CLS), (iri, _DCT_ID, Literal(r.id)), (iri, _COMMENT, Literal(r.description)),
                          (iri, _RULE_FILE, plain(f"{r.file}:{r.line}"))))
        return iri

    # -- firings --------------------------------------------------------------------------
    def _firing(self, art: Article, f: Firing) -> None:
        fid = self.mint.firing(art, f)
        s = f.sentence
        r = f.rule
        rid = self._rule(r)
        sid = self._sentence(art, s.begin, s.end, s.kind)
        self.add_all(((fid, A, _FIRING_CLS), (fid, _RULE_P, rid), (fid, _EVIDENCE, sid)))
        self._evidence_of[fid] = [sid]
        node = self._node(art, f, fid) if r.node_classes else None
        terms, b, entity = self._terms, f.bindings, self._entity
        for em, sv, ov, p, negated in _plan(r):
            # a slot bound to an entity, the commonest term, without a call of _terms (sv, ov: its name)
            if sv is None:
                ss = terms(em.s, f, node)
            else:
                x = b.get(sv)
                ss = () if x is None else (entity(x.value.entity),) if x.kind == "entity" else terms(em.s, f, node)
            for s_ in ss:
                if type(s_) is Literal:
                    continue
                if ov is None:
                    os_ = terms(em.o, f, node)
                else:
                    x = b.get(ov)
                    os_ = () if x is None else (entity(x.value.entity),) if x.kind == "entity" else terms(em.o, f, node)
                for o_ in os_:
                    if node is not None and (s_ == node or o_ == node and f.context.asserted) and not negated:
                        self._add_from(fid, s_, p, o_)  # describes the node, which carries the factuality
                        # (a triple that only points at a claimed node is a claimed fact: it never leaks plain)
                    else:
                        self._fact(s_, p, o_, fid, f, negated)

    def _add_from(self, fid: IRI, s: RDFTerm, p: str | IRI, o: RDFTerm) -> None:
        """A plain triple, remembering the firing that made it if a join rule may match it (a
        solution cites the firings of the triples it matched)."""
        t = (s, p if type(p) is IRI else _u(p), o)
        self._current.add(t)
        if t[1] in self._join_preds:
            self._origin.setdefault(t, set()).add(fid)

    def node_of(self, f: Firing) -> tuple[IRI, list[str]]:
        """The node a firing of the article last added describes, and the key values that
        identify it (for readable names: `kgo:Visit(hamas, moscow)`)."""
        r = f.rule
        keys = [self._key_value(f, k) for k in r.node_key] if r.node_key is not None else []
        return self._node_iri(f), keys

    def _node_iri(self, f: Firing) -> IRI:
        """Nodes with a `key` are minted from the key's values (so every mention of one meeting
        lands on one node); others from the rule and the matched span. Once per firing and
        article (asked again by claims reported in it and by the CAMEO annotation)."""
        memo = self.__dict__.get("_node_iris")
        if memo is not None:
            hit = memo.get(id(f))
            if hit is not None and hit[0] is f:
                return hit[1]
        iri = self._mint_node(f)
        if memo is not None:
            memo[id(f)] = (f, iri)
        return iri

    def _mint_node(self, f: Firing) -> IRI:
        r = f.rule
        cls = r.node_classes[0]
        if r.node_key is not None:
            scope = "" if r.node_scope == "world" else self._art_id  # a post is the same in every article
            ident = _h(scope, cls, *[self._key_value(f, k) for k in r.node_key], *_context_key(f))
        else:
            ident = _h(self._art_id, r.id, f.begin, f.end)
        return IRI(f"{self.mint.base}node/{_node_name(cls)}-{ident}")

    def _node(self, art: Article, f: Firing, fid: IRI) -> IRI:
        node = self._node_iri(f)
        cls = f.rule.node_classes[0]
        self._nodes_here.add(node)
        if node not in self._nodes:
            self._nodes.add(node)
            self.counts[self._kind(cls)] += 1
        for c in f.rule.node_classes:
            self._add_from(fid, node, A, _u(c))
        self._current.add((node, _GEN, fid))
        self._factuality(node, f)
        return node

    def _kind(self, cls: str) -> str:
        """What the summary counts a node as."""
        if self.voc.is_a(cls, KGO + "SpeechAct"):
            return "statements"
        if self.voc.is_a(cls, SEM + "Event"):
            return "events"
        return "roles" if cls == ORG + "Post" else "other"

    def _key_value(self, f: Firing, name: str) -> str:
        if ":" in name:
            return name  # a constant in the key
        if name == "holder":
            h = f.context.voice
            return h.id if h else ""
        b = f.bindings.get(name)
        if b is None:
            return ""
        if b.kind == "entity":
            return b.value.entity.id
        if b.kind == "time":
            return b.value.value
        return " ".join(_WORDS.findall(str(b.value).casefold()))  # the same words, whatever the punctuation

    def _fact(self, s: RDFTerm, p: IRI, o: RDFTerm, fid: IRI, f: Firing, negated: bool = False) -> None:
        ctx = f.context
        neg = ctx.negated != negated  # a negated triple in a negated context is positive
        holder = self.mint.entity(ctx.holder) if ctx.holder else ""
        rec = IRI(f"{self.mint.base}fact/{_h(s, p, o, ctx.asserted, holder, neg, *ctx.conditions)}")
        if rec not in self._facts:
            self._facts.add(rec)
            self.counts["claims" if ctx.holder else "facts"] += 1
        if ctx.holder is None and not ctx.conditions and not neg:
            self._add_from(fid, s, p, o)
        self._current.update(((rec, _SUBJ, s), (rec, _PRED, p), (rec, _OBJ, o), (rec, _GEN, fid)))
        self._factuality(rec, f, neg)

    def _factuality(self, subj: IRI, f: Firing, negated: bool | None = None) -> None:
        ctx = f.context
        add = self._current.add  # (the predicates are shared IRI objects: no check per triple)
        if ctx.holder is not None:
            add((subj, _FACTUALITY, _CLAIMED))
            add((subj, _CLAIMED_BY, self._entity(ctx.holder)))
            src = ctx.holder_firing
            if src is not None and src.rule.has_node:
                add((subj, _REPORTED_IN, self._node_iri(src)))
        elif ctx.conditions:
            add((subj, _FACTUALITY, _HYPOTHETICAL))
        else:
            add((subj, _FACTUALITY, _ASSERTED))
        if ctx.conditions:
            for c in ctx.conditions:
                add((subj, _CONDITION, Literal(c)))
        if ctx.negated if negated is None else negated:
            add((subj, _POLARITY, _NEGATIVE))

    _art_id: str = ""
    _join_preds: frozenset[IRI] = frozenset()  # the predicates the article's join rules match

    def _terms(self, t: Term, f: Firing, node: IRI | None) -> list[RDFTerm]:
        """The RDF terms a rule term stands for in one firing: none when its slot did not match,
        several for a list (`slot.items`)."""
        if t.kind not in _TERM_KINDS:  # a slot, the commonest: its binding, an entity most often
            b = f.bindings.get(t.value)
            if b is None:
                return []
            if not t.attr and b.kind == "entity":
                return [self._entity(b.value.entity)]
            return self._slot_terms(t, b)
        if t.kind == "node":
            return [node] if node is not None else []
        if t.kind == "iri":
            iri = _u(t.value)
            label = self.voc.labels.get(t.value)
            if label and t.value in self.voc.individuals:  # roles, CAMEO codes: readable in the output
                self.add(iri, _LABEL, tagged(label, "en"))
            return [iri]
        if t.kind == "literal":
            if t.datatype.startswith("@"):
                return [Literal(t.value, lang=t.datatype[1:])]
            return [Literal(t.value, datatype=_u(t.datatype)) if t.datatype else Literal(t.value)]
        if t.kind == "holder":  # the speaker of the quotation or report this firing is in
            h = f.context.voice
            return [self._entity(h)] if h else []
        if t.kind == "docdate":
            d = self._art_date
            return [Literal(d.isoformat(), datatype=_u(XSD + "date"))] if d else []
        if t.kind == "ref":
            vals = [self._key_value(f, k) for k in t.key]
            if any(not v for v in vals):
                return []
            # the node in the same epistemic context as this firing (a claim refers to the claimed node)
            return [IRI(f"{self.mint.base}node/{_node_name(t.value)}-{_h(self._art_id, t.value, *vals, *_context_key(f))}")]
        raise AssertionError(t.kind)  # (every kind of _TERM_KINDS is handled above)

    def _slot_terms(self, t: Term, b: Any) -> list[RDFTerm]:
        """The terms of a matched slot other than a plain entity (_terms' fast path)."""
        if t.attr == "begin":
            return [integer(b.begin)]
        if t.attr == "end":
            return [integer(b.end)]
        if t.attr == "text":
            return [plain(self._art_text[b.begin:b.end])]
        if t.attr == "items":
            return [Literal(x) for x in split_items(b.value if isinstance(b.value, str) else self._art_text[b.begin:b.end])]
        if b.kind == "entity":
            return [self._entity(b.value.entity)]
        if b.kind == "time":
            if t.attr == "relation":
                return [Literal(b.value.relation)]
            return [Literal(b.value.value, datatype=_u(XSD + b.value.datatype))]
        return [Literal(b.value)]

    _art_text: str = ""
    _art_date: object = None

    def prefixes(self) -> dict[str, str]:
        b = self.mint.base
        return {**self.voc.prefixes, "kgr": b, "ent": b + "entity/", "node": b + "node/", "fact": b + "fact/",
                "firing": b + "firing/", "rule": b + "rule/", "art": b + "article/"}

    def graph(self) -> Graph:
        """The union of all articles' triples as an rdflib Graph (insertion in sorted order, so
        that every serialiser sees the same order on every run)."""
        from rdflib import Graph

        g = Graph(bind_namespaces="none")
        for p, ns in sorted(self.prefixes().items()):
            g.bind(p, ns, override=True, replace=True)
        for t in sorted(self.triples):
            g.add(t)
        return g


_TERM_KINDS = frozenset(("node", "iri", "literal", "holder", "docdate", "ref"))  # rule terms that are no slot
_PLANS: dict[int, tuple[Rule | JoinRule, tuple[tuple[Any, ...], ...]]] = {}  # id(rule) -> (it, _plan's answer)


def _plan(r: Rule) -> tuple[tuple[Any, ...], ...]:
    """A rule's emits as the builder walks them, once per rule object: (the emit, the slot name of
    its subject and of its object when each is a plain slot - else None -, its predicate's shared
    IRI object, whether it is negated)."""
    hit = _PLANS.get(id(r))
    if hit is not None and hit[0] is r:
        return hit[1]

    def slot(t: Term) -> str | None:
        return t.value if t.kind not in _TERM_KINDS and not t.attr else None
    plan = tuple((em, slot(em.s), slot(em.o), _u(em.p), em.negated) for em in r.emits)
    if len(_PLANS) > 20_000:  # rule sets loaded again and again (tests): drop the old ones
        _PLANS.clear()
    _PLANS[id(r)] = (r, plan)
    return plan
_NODE_NAMES: dict[str, str] = {}  # class IRI -> the slug its nodes' IRIs begin with


def _node_name(cls: str) -> str:
    """The slug of a class's local name ("visit" for kgo:Visit), once per class (it was a regex
    substitution per node)."""
    name = _NODE_NAMES.get(cls)
    if name is None:
        local = cls.rsplit("#", 1)[-1].rsplit("/", 1)[-1]
        name = _NODE_NAMES[cls] = slug(local) or "node"
    return name


def _context_key(f: Firing) -> tuple[str, ...]:
    """Events in different epistemic contexts stay apart even with the same key (a claimed
    meeting and a reported one are not merged)."""
    c = f.context
    return (c.holder.id if c.holder else "", "neg" if c.negated else "", *c.conditions)
