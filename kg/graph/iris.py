"""IRIs as kg mints them: the vocabularies' namespaces, one shared IRI object per recurring term,
and the Minter that names articles, sentences, entities, rules and firings from their content (so
rebuilding gives the same IRIs). Split out of kg.graph.builder, which re-exports these names.
"""
from __future__ import annotations

from dataclasses import dataclass

from ..digest import short_sha1 as _sha1  # (CPython's own: for a few short texts per firing about twice as fast as OpenSSL's)
from ..reading.document import Article
from ..knowing.gazetteer import Entity
from ..rules.engine import Firing
from ..rules.ruleset import Rule
from .terms import IRI
from .terms import Term as RDFTerm
from ..reading.text import slug
from ..knowing.vocab import OWL, RDF, RDFS, SKOS, XSD


DEFAULT_BASE = "https://w3id.org/kg-news/id/"
KGO = "https://w3id.org/kg-news/ontology#"
NIF = "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#"
PROV = "http://www.w3.org/ns/prov#"
SCHEMA = "http://schema.org/"
DCT = "http://purl.org/dc/terms/"
SEM = "http://semanticweb.cs.vu.nl/2009/11/sem/"
ORG = "http://www.w3.org/ns/org#"
TIME = "http://www.w3.org/2006/time#"

_URIS: dict[str, IRI] = {}


def _u(iri: str) -> IRI:
    """One IRI object per vocabulary term, entity or predicate: these few thousand recur in
    every article, and shared objects make set lookups an identity check."""
    r = _URIS.get(iri)
    if r is None:
        r = _URIS[iri] = IRI(iri)
    return r


A = _u(RDF + "type")  # the shared object: a set or index lookup of rdf:type is an identity check
# The predicates and classes of the hot paths, as shared IRI objects made once (not a
# concatenation and a lookup per triple).
_MENTIONS, _NIF_SENTENCE, _BEGIN, _END = _u(SCHEMA + "mentions"), _u(NIF + "Sentence"), _u(NIF + "beginIndex"), _u(NIF + "endIndex")
_ANCHOR, _REFCTX, _SEGMENT = _u(NIF + "anchorOf"), _u(NIF + "referenceContext"), _u(KGO + "segment")
_LABEL, _ALT, _SAME, _CODE = _u(RDFS + "label"), _u(SKOS + "altLabel"), _u(OWL + "sameAs"), _u(KGO + "actorCode")
_UNLINKED, _RULE_CLS, _DCT_ID, _COMMENT = _u(KGO + "UnlinkedEntity"), _u(KGO + "Rule"), _u(DCT + "identifier"), _u(RDFS + "comment")
_RULE_FILE, _FIRING_CLS, _RULE_P, _EVIDENCE = _u(KGO + "ruleFile"), _u(KGO + "RuleFiring"), _u(KGO + "rule"), _u(KGO + "evidence")
_SUBJ, _PRED, _OBJ, _GEN = _u(RDF + "subject"), _u(RDF + "predicate"), _u(RDF + "object"), _u(PROV + "wasGeneratedBy")
_FACTUALITY, _CLAIMED, _CLAIMED_BY, _REPORTED_IN = _u(KGO + "factuality"), _u(KGO + "Claimed"), _u(KGO + "claimedBy"), _u(KGO + "reportedIn")
_HYPOTHETICAL, _ASSERTED, _CONDITION = _u(KGO + "Hypothetical"), _u(KGO + "Asserted"), _u(KGO + "condition")
_POLARITY, _NEGATIVE, _XSD_DATE = _u(KGO + "polarity"), _u(KGO + "Negative"), _u(XSD + "date")

Triple = tuple[RDFTerm, RDFTerm, RDFTerm]




def _h(*parts: object) -> str:
    return _sha1("\x1f".join(map(str, parts)).encode("utf-8")).hexdigest()[:16]


def article_slug(article_id: str) -> str:
    """An IRI-safe, stable name for an article id of any text (ids that lose characters to the
    slug get a hash so that two ids never share an IRI)."""
    s = slug(article_id)
    return s if s and s == article_id else f"{s or 'article'}-{_h(article_id)[:10]}"


@dataclass
class Minter:
    """Mints stable IRIs from content under one base, so rebuilding gives the same IRIs."""

    base: str = DEFAULT_BASE

    def entity(self, e: Entity) -> IRI:
        iri = getattr(e, "iri", None)  # a role (kg.knowing.roles) has its own IRI, kgo:ForeignMinister
        return _u(iri) if iri else _u(f"{self.base}entity/{e.id}")

    def article(self, a: Article) -> IRI:
        # asked for every sentence and firing of an article: remember the last one
        last = self.__dict__.get("_last")
        if last is None or last[0] != a.id:
            last = self.__dict__["_last"] = (a.id, IRI(f"{self.base}article/{article_slug(a.id)}"))
        return last[1]

    def rule(self, r: Rule) -> IRI:
        return IRI(f"{self.base}rule/{r.id}")

    def firing(self, a: Article, f: Firing) -> IRI:
        return IRI(f"{self.base}firing/{_h(a.id, f.rule.id, f.begin, f.end)}")

    def sentence(self, a: Article, begin: int, end: int) -> IRI:
        return IRI(f"{self.article(a)}#char={begin},{end}")

    def context(self, a: Article) -> IRI:
        return IRI(f"{self.article(a)}#char=0,{len(a.text)}")
