"""Round 20: a subject "they" that stands for the named parties the sentence before opens with
(kg.knowing.coreference.PluralPronouns). Sentences written for these tests."""
from __future__ import annotations

import pytest

from kg.reading.document import parse_article

from .relations_check import unexpected_and_missed

KINDS = ("met", "visited")


def _check(pack, text, expect):
    wrong, missed = unexpected_and_missed(pack, text, "2008-03-04", expect, lambda r: r.name in KINDS, source="they-test")
    assert (wrong, missed) == ([], []), f"unexpected {wrong}, missed {missed}"


def _they(pack, text):
    art = parse_article(text, source="t", layout=pack.layout)
    return [tuple(x.entity.id for x in m.members) for sa in pack.finder.analyse(art)
            for m in sa.mentions if m.kind == "group" and m.text.lower() == "they"]


def test_they_after_a_coordinated_subject_is_both(pack):
    text = "Nicolas Sarkozy and Vladimir Putin arrived in Berlin on Tuesday. They met for two hours."
    assert _they(pack, text) == [("nicolas-sarkozy", "vladimir-putin")]
    _check(pack, text, {"met(nicolas-sarkozy, vladimir-putin)", "visited(nicolas-sarkozy, berlin)", "visited(vladimir-putin, berlin)"})


def test_they_after_a_traveller_and_those_with_her(pack):
    text = "Condoleezza Rice traveled with Tony Blair to Africa on Friday. They visited Benin and Ghana."
    assert _they(pack, text) == [("condoleezza-rice", "tony-blair")]
    _check(pack, text, {"visited(condoleezza-rice, benin)", "visited(condoleezza-rice, ghana)",
                        "visited(tony-blair, benin)", "visited(tony-blair, ghana)"})


@pytest.mark.parametrize("text", [
    "Thousands of activists gathered in Washington on Sunday. They marched to the Capitol.",
    "Israeli and Palestinian negotiators met in Jerusalem on Monday. They agreed to meet again.",
    "Ehud Olmert and Mahmoud Abbas's aides arrived in Annapolis. They met for two hours.",
    "Nicolas Sarkozy and his aides arrived in Moscow on Tuesday. They met for two hours.",
    "Nicolas Sarkozy met Vladimir Putin in Moscow on Tuesday. Rebels attacked a town. They killed ten people.",
    '"Sarkozy and Putin are friends," an aide said. They met for two hours.',
])
def test_they_of_unnamed_or_unclear_parties_stays_unresolved(pack, text):
    assert _they(pack, text) == []


def test_they_after_an_opening_time_and_titled_parties(pack):
    text = ("On Monday, South African President Thabo Mbeki and Zimbabwean President Robert Mugabe arrived in Lusaka. "
            "Later, they met for three hours.")
    assert _they(pack, text) == [("thabo-mbeki", "robert-mugabe")]
