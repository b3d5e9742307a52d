"""The rules phase's prefilters (kg.rules.index, kg.rules.view): a pattern is tried only on a
sentence that holds what it needs, in the order it needs it, and never a match is lost."""
from __future__ import annotations

import pytest
import yaml

from kg.reading.document import parse_article
from kg.rules.engine import match_sentence
from kg.rules.index import Bits, _runtime, order
from kg.rules.pattern import parse_pattern
from kg.rules.view import QUOTE, SentenceView

from .conftest import ROOT
from .test_rules import _brute_force


def _views(pack, text: str) -> list[SentenceView]:
    art = parse_article(text, source="<test>", layout=pack.layout, meta={"id": "t", "date": "2006-03-03"})
    return [SentenceView(sa, art.text, art.quotes, pack.vocabulary, art.date) for sa in pack.finder.analyse(art)]


def _order(pack, pattern: str):
    return order(parse_pattern(pattern, set(pack.vocabulary.types)).root)


def test_ordered_bound_places_what_a_pattern_needs_in_its_order(pack):
    """"{s:Person} said {q:quote}": the subject before "said", the quotation after it."""
    o = _order(pack, "{s:Person} said {q:quote}")
    assert o == ((QUOTE, frozenset({"said"}), ("Person",)),)  # last first
    v, = _views(pack, 'Sergei Lavrov said "we will talk to Hamas."')
    assert v.ordered(o) == 0  # a match can begin at Lavrov, and nowhere after him
    v, = _views(pack, '"We will talk to Hamas," said Sergei Lavrov.')
    assert v.ordered(o) == -1  # the quotation comes first: nothing to match
    v, = _views(pack, 'Russia said "we will talk to Hamas."')
    assert v.ordered(o) == -1  # a country is not a person


def test_ordered_bound_takes_the_latest_place_that_still_fits(pack):
    """With two mentions before the verb, the bound is the later one; a mention after the verb
    does not count for the subject."""
    o = _order(pack, "{a:Agent} met [with] {b:Agent}")
    v, = _views(pack, "Vladimir Putin and Sergei Lavrov met Khaled Meshaal in Moscow.")
    assert v.ordered(o) == [t.norm for t in v.sa.tokens].index("sergei")
    v, = _views(pack, "Khaled Meshaal met.")
    assert v.ordered(o) == -1  # no one after the verb


def test_alternatives_and_nested_groups_need_one_word_of_each_option(pack):
    """A group's options each need a word: one of them lies in the group's span."""
    o = _order(pack, "{a:Agent} (urged|called on) {b:Agent} to")
    assert o == ((frozenset({"to"}), ("Agent",), frozenset({"urged", "called"}), ("Agent",)),)
    v, = _views(pack, "Russia urged Hamas to renounce violence.")
    assert v.ordered(o) == 0
    v, = _views(pack, "Russia went to Hamas and urged.")
    assert v.ordered(o) == -1


def test_a_pattern_of_one_word_set_has_no_order_to_check(pack):
    assert _order(pack, "(hope|hopes) [that]") is None
    assert _order(pack, "{a:Agent}") is not None  # a mention's types are worth checking


def test_feature_bits_name_every_need_and_mentions_their_types(pack):
    """Each pattern's `need` has a bit per needed word set and slot type list; a sentence's
    mention sets the bits of the type lists its entity's type satisfies (a demonym only where a
    slot names its type)."""
    pats, bits = _runtime(pack.rules.rules)
    assert isinstance(bits, Bits)
    assert all(p.need for p in pats if p.words or p.mentions or p.quote or p.time)
    v, = _views(pack, "Russian Foreign Minister Sergei Lavrov met Khaled Meshaal.")
    demonym = [m for m in v.mention_at.values() if m.kind == "demonym"]
    person = [m for m in v.mention_at.values() if m.entity.type == "Person"]
    assert demonym and person
    if ("Agent",) in bits.types and ("Country",) in bits.types:
        assert not bits.mention_bits(v, demonym[0]) & bits.types[("Agent",)]
        assert bits.mention_bits(v, demonym[0]) & bits.types[("Country",)]
        assert bits.mention_bits(v, person[0]) & bits.types[("Agent",)]


def test_prefilters_never_lose_a_match_on_the_development_sentences(pack):
    """match_sentence finds exactly what trying every pattern from every token finds, on the
    development sentence sets (short wire sentences of many shapes, unlike the articles of
    test_rules' own check)."""
    def key(fs):
        return [(f.rule.id, f.form, f.first, f.last, sorted((n, b.kind, b.first, b.last) for n, b in f.bindings.items()))
                for f in fs]
    fired = 0
    for name in ("dev-4.yaml", "sentences-2.yaml"):
        items = yaml.safe_load((ROOT / "tests" / "heldout" / name).read_text(encoding="utf-8"))
        for it in items[:60]:
            for v in _views(pack, it["text"]):
                got = match_sentence(pack.rules.rules, v)
                assert key(got) == key(_brute_force(pack.rules.rules, v)), it["text"]
                fired += len(got)
    assert fired > 100


def test_feature_bits_travel_in_the_pack_cache_without_this_process_ids(pack):
    """`prepare` puts the bits in the pickled pack; the per-process cache of mention bits (keyed
    by the vocabulary object's id) stays behind, so another process never reads a stale key."""
    import pickle

    from kg.rules.index import prepare

    prepare(pack.rules)
    bits = pack.rules.__dict__["_bits"]
    v, = _views(pack, "Sergei Lavrov met Khaled Meshaal.")
    bits.mention_bits(v, next(iter(v.mention_at.values())))
    assert bits.by_type
    back = pickle.loads(pickle.dumps(bits))
    assert back.by_type == {}
    assert back.by_word == bits.by_word and back.need == bits.need and back.types == bits.types
    pats, live = _runtime(pack.rules.rules)
    assert [p.need for p in pats] == bits.need


# What a holder denies is its claim, negated; it is not also a condition of itself (a denial rule
# marks its content "not asserted" for the case no claim rule reads it: the two zones coincide).
DENIALS = [
    ("Moscow, 4 May 2008. Russia denied that Moscow had urged Serbia to boycott the talks.",
     "Appeal", "russia"),
    ("Caracas, 2 June 2009. Venezuela denied reports that Caracas had urged the FARC to release hostages.",
     "Appeal", "venezuela"),
]


@pytest.mark.parametrize("text,cls,holder", DENIALS)
def test_a_denied_act_is_the_deniers_negated_claim_without_a_condition(pack, text, cls, holder):
    from rdflib import URIRef

    from kg.graph.build import build_articles

    K = "https://w3id.org/kg-news/ontology#"
    art = parse_article(text, source="t", layout=pack.layout)
    g = build_articles([art], pack).graph
    nodes = list(g.subjects(URIRef("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"), URIRef(K + cls)))
    assert nodes, f"no {cls} in {text!r}"
    for n in nodes:
        assert g.value(n, URIRef(K + "factuality")) == URIRef(K + "Claimed")
        assert str(g.value(n, URIRef(K + "claimedBy"))).endswith("/" + holder)
        assert g.value(n, URIRef(K + "polarity")) == URIRef(K + "Negative")
        assert g.value(n, URIRef(K + "condition")) is None
