"""Round 20, actor chunks in list slots (kg.rules.closures): a list item after "and" whose lower-case
title ends in a title noun ("and opposition leader X"), and a demonym before a lower-case title
("Chechen leader X") read as the person. Sentences of our own, with negatives."""
from __future__ import annotations

import datetime as dt

import pytest
from rdflib import RDF, URIRef

from kg.graph.build import build_articles
from kg.reading.document import parse_article
from tests.test_rules_acts import read  # noqa: F401  (the acts tests' fixture: one sentence as relations)

K = "https://w3id.org/kg-news/ontology#"

CASES = [
    # the second item of an object list has a lower-case title of its own
    ("Condoleezza Rice urged Ugandan President Yoweri Museveni and rebel leader Joseph Kony to sign the accord.",
     {"urged(condoleezza-rice, yoweri-museveni)", "urged(condoleezza-rice, unlinked/joseph-kony)"}),
    ("Ban Ki-moon urged Nepali Prime Minister Girija Prasad Koirala and Maoist chief Prachanda to keep talking.",
     {"urged(ban-ki-moon, girija-prasad-koirala)", "urged(ban-ki-moon, pushpa-kamal-dahal)"}),
    # negatives: after "and", lower-case words that end in no title noun are no title ("and met X")
    ("Ban Ki-moon urged Nepali Prime Minister Girija Prasad Koirala to keep talking and met Prachanda on Monday.",
     {"urged(ban-ki-moon, girija-prasad-koirala)"}),
    ("Ban Ki-moon urged Nepali Prime Minister Girija Prasad Koirala and met Prachanda on Monday.", set()),
]


@pytest.mark.parametrize("text, expected", CASES, ids=[c[0][:48] for c in CASES])
def test_round20_a_list_item_with_a_lower_case_title(read, text, expected):  # noqa: F811
    assert {a for a in read(text) if a.startswith("urged(")} == expected


def _met(pack, text: str) -> set[frozenset[str]]:
    art = parse_article(text, source="test", layout=pack.layout, meta={"id": "m", "date": dt.date(2008, 5, 14)})
    g = build_articles([art], pack).graph
    return {frozenset(str(p).rsplit("/", 1)[-1] for p in g.objects(n, URIRef(K + "participant")))
            for n in g.subjects(RDF.type, URIRef(K + "Meeting"))}


def test_round20_a_demonym_before_a_lower_case_title(pack):
    assert frozenset({"vladimir-putin", "ramzan-kadyrov"}) in _met(pack, "Vladimir Putin met Chechen leader Ramzan Kadyrov in Moscow on Monday.")
    # a demonym before a lower-case noun that is no title: no person chunk
    assert not any("ramzan-kadyrov" in p for p in _met(pack, "Vladimir Putin met Chechen fighters and Ramzan Kadyrov's rivals on Monday."))
