"""Round 22, names: a capital stands for its state as the source of a reaction after "from"
("drawing protests from Beijing and Seoul", names.yaml `reaction_nouns`, kg.knowing.role_mentions
`_reacts_from`), as a later object of an act in a list ("accused Moscow and Beijing of",
`_list_opener`) and as the subject of "blamed", "summoned", "lodged", "dismissed", "expelled",
"retaliated" (names.yaml `actor_verbs`); a capital where
something happens, or that people come from or go to, stays the city. Texts of our own."""
from __future__ import annotations

from kg.reading.document import parse_article


def found(pack, text):
    art = parse_article(text, source="t", layout=pack.layout, meta={"id": "a"})
    return [(m.text, m.entity.id, m.kind) for sa in pack.finder.analyse(art) for m in sa.mentions if m.kind != "role"]


def metonyms(pack, text):
    return [(t, i) for t, i, k in found(pack, text) if k == "metonym"]


def test_a_capital_after_a_reaction_and_from_is_its_state(pack):
    assert metonyms(pack, "Japan renamed the disputed islands, drawing protests from Beijing and Seoul.") == [
        ("Beijing", "china"), ("Seoul", "south-korea")]
    assert metonyms(pack, "The court upheld the verdict, which drew sharp criticism from Washington.") == [
        ("Washington", "united-states")]
    assert metonyms(pack, "The bloc kept the group on its list, prompting an angry protest from Tehran.") == [
        ("Tehran", "iran")]
    # a list the "from" opens, with a country named first
    assert metonyms(pack, "The test earned a rebuke from China, Moscow and Tokyo.") == [
        ("Moscow", "russia"), ("Tokyo", "japan")]


def test_a_capital_that_blames_is_its_state(pack):
    assert metonyms(pack, "Pyongyang blamed Seoul for the sinking of the patrol boat.") == [
        ("Pyongyang", "north-korea"), ("Seoul", "south-korea")]
    assert metonyms(pack, "New Delhi blames the bombings on a banned militant group.") == [("New Delhi", "india")]


def test_a_later_capital_of_a_list_after_a_verb_of_acting_on_is_its_state(pack):
    assert metonyms(pack, "The envoy urged Ankara and Athens to resume talks on the island.") == [
        ("Ankara", "turkey"), ("Athens", "greece")]
    assert metonyms(pack, "The minister accused London, Paris and Berlin of double standards.") == [
        ("London", "united-kingdom"), ("Paris", "france"), ("Berlin", "germany")]
    assert metonyms(pack, "The minister met Lavrov in Moscow and Wen in Beijing.") == []


def test_a_capital_that_replies_as_a_state_is_that_state(pack):
    for text, state in (("Hanoi summoned the Chinese ambassador over the fishing boats.", "vietnam"),
                        ("Ankara lodged a complaint with the Dutch embassy.", "turkey"),
                        ("Caracas dismissed the report as propaganda.", "venezuela"),
                        ("Moscow expelled two Polish diplomats on Friday.", "russia")):
        assert metonyms(pack, text)[:1] == [(text.split()[0], state)], text


def test_a_capital_as_a_place_after_from_stays_the_city(pack):
    for text in ("The minister flew from Tehran to Beijing on Monday.",
                 "A trade delegation from Beijing arrived in Seoul.",
                 "Protests from Beijing to Shanghai drew large crowds.",
                 "Visitors from Moscow and Tokyo filled the hotels.",
                 "The plan drew criticism from residents of Tehran.",
                 "He blamed the delays on heavy traffic in Beijing.",
                 "The president will visit Seoul next week."):
        assert metonyms(pack, text) == [], text
