"""Sentence structures that hide a relation's subject, for every frame at once (kg.rules.frames):
coordinated verb phrases sharing one subject ("X condemned A and accused B"), participle clauses
after the main verb ("X walked out after accusing B"), and relatives whose possessor is the doer
("Hamas, whose gunmen attacked Israel"). The sentences are written for these tests (other actors
and words than the development sets); each is built as a one-paragraph article with the whole
pack, and its acts are compared exactly, so a subject carried across a clause that brings its
own ("Russia said Iran ... and threatened Israel") must give nothing.
"""
from __future__ import annotations

import datetime as dt

import pytest
from rdflib import Graph, URIRef

from kg.graph.build import build_articles
from kg.reading.document import parse_article
from kg.rules.frames import expand_frame
from kg.rules.match import find_matches
from kg.rules.pattern import Gap, PatternError, parse_pattern
from tests.test_rules_acts import read  # noqa: F401  (the acts tests' fixture: one sentence as relations)

K = "https://w3id.org/kg-news/ontology#"


@pytest.fixture(scope="module")
def graph(pack):
    def _graph(text: str) -> Graph:
        art = parse_article(text, source="test", layout=pack.layout, meta={"id": "clauses", "date": dt.date(2008, 5, 14)})
        return build_articles([art], pack).graph
    return _graph


CASES = [
    # coordinated verb phrases: the first verb's subject carried to the second
    ("Iran condemned the sanctions and accused the United States of waging economic war.",
     {"accused(iran, united-states)"}),
    ("Russia criticised the resolution on Monday and urged Israel to halt the raids.", {"urged(russia, israel)"}),
    ("Japan summoned the ambassador, but praised China for its restraint.", {"praised(japan, china)"}),
    ("On Tuesday, Syria rejected the report and threatened Israel with retaliation.",
     {"denied(syria)", "threatened(syria, israel)"}),
    ("Hezbollah and Syria held talks in Damascus and accused Israel of provoking the war.",
     {"accused(hezbollah, israel)", "accused(syria, israel)"}),
    # a "not" in the first verb phrase is not the second's; a negated second verb is
    ("Iran did not attend the meeting and accused the United States of sabotage.", {"accused(iran, united-states)"}),
    ("Syria received the envoy but did not accuse Israel.", {"not accused(syria, israel)"}),
    # the second verb phrase is the speaker's own act, not part of what is denied
    ("Iran denied arming the rebels and accused Saudi Arabia of funding them.",
     {"denied(iran)", "accused(iran, saudi-arabia)"}),
    # a relative between commas is crossed
    ("Kenyan opposition leader Raila Odinga rejected the official results, which gave President Mwai Kibaki a second term, "
     "and accused Pakistan of rigging the vote.", {"rejected(raila-odinga)", "accused(raila-odinga, pakistan)"}),
    # a new subject after "and" is that clause's own
    ("Egypt hosted the talks, and Israel accused Hamas of stalling.", {"accused(israel, hamas)"}),
    # participle clauses after the main verb
    ("Hezbollah walked out of the talks after accusing Israel of bad faith.", {"accused(hezbollah, israel)"}),
    # a relative whose possessor is the doer
    ("Russia condemned Hamas, whose gunmen attacked Israel on Sunday.",
     {"accused(russia, hamas)", "attacked(hamas, israel)"}),
    # never across a report, a relative or a subordinate clause: nothing for the first subject
    ("Russia said Iran had tested a missile and praised Syria for its support.", set()),
    ("China welcomed Iran, which has threatened Israel and praised Japan for its aid.",
     {"threatened(iran, israel)", "praised(iran, japan)"}),
    ("Russia said Iran would leave after accusing Israel.", set()),
    # a relative clause's two verbs share its antecedent
    ("Russia criticised Khaled Meshaal, who met Abbas and accused Israel of aggression.",
     {"accused(russia, khalid-mishal)", "accused(khalid-mishal, israel)"}),
    # a quotation inside the first verb phrase is crossed
    ("Erdogan called the raid \"state terrorism\" and urged the U.N. Security Council to punish Israel.",
     {"urged(recep-tayyip-erdogan, un-security-council)"}),
]


@pytest.mark.parametrize("text,expected", CASES, ids=[c[0][:50] for c in CASES])
def test_clause_acts(read, text: str, expected: set[str]) -> None:
    assert read(text) == expected


def test_coordinated_meeting_keeps_the_first(graph) -> None:
    """The coordinated form's match runs over the first verb's, in a group of its own, so both
    meetings stay ("Putin met Abbas ... and held talks with Olmert")."""
    g = graph("Vladimir Putin met Ehud Olmert in Moscow and held talks with Khaled Meshaal on Saturday.")
    pairs = set()
    for m in g.subjects(URIRef("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"), URIRef(K + "Meeting")):
        ps = sorted(str(p).rsplit("/", 1)[-1] for p in g.objects(m, URIRef(K + "participant")))
        pairs.add(tuple(ps))
    assert ("ehud-olmert", "vladimir-putin") in pairs
    assert ("khalid-mishal", "vladimir-putin") in pairs


def test_gap_with_stops_parses_and_stops() -> None:
    p = parse_pattern("a ..5!(said|who) b")
    gaps = [n for n in p.root.options[0].items if isinstance(n, Gap)]
    assert gaps and gaps[0].stops == frozenset({"said", "who"})
    # with a space, "!(...)" is the old assertion on the next token, not the gap's stops
    q = parse_pattern("a ..5 !(said) b")
    assert [n for n in q.root.options[0].items if isinstance(n, Gap)][0].stops == frozenset()
    with pytest.raises(PatternError):
        parse_pattern("a ..0!(said) b")


def test_gap_stops_in_a_sentence(pack) -> None:
    from kg.rules.view import SentenceView
    art = parse_article("Russia said Iran met Syria and praised Japan.", source="t", layout=pack.layout, default_id="t")
    v = SentenceView(pack.finder.analyse(art)[0], art.text, art.quotes, pack.vocabulary, art.date)
    free = parse_pattern("^ {s:Entity} ..12 and praised")
    stopped = parse_pattern("^ {s:Entity} ..12!(said) and praised")
    assert list(find_matches(free.root, v))
    assert not list(find_matches(stopped.root, v))


def test_every_frame_gains_the_clause_forms() -> None:
    forms = {f for f, _ in expand_frame({"subject": "{s:Agent}", "verb": "@PRAISE", "object": "{b:Agent}",
                                         "forms": ["active", "negated"]})}
    assert {"coordinated", "participle"} <= forms
    opted_out = {f for f, _ in expand_frame({"subject": "{s:Agent}", "verb": "@PRAISE", "object": "{b:Agent}",
                                             "forms": ["active", "no-clauses"]})}
    assert not {"coordinated", "participle"} & opted_out


def test_clause_forms_have_their_own_group(pack) -> None:
    rules = [r for r in pack.rules.rules if r.id == "accuse.frame"]
    groups = {(r.group, f) for r in rules for f in r.forms}
    assert ("criticism-of/clauses", "coordinated") in groups
    assert ("criticism-of", "active") in groups


def test_denied_content_ends_before_the_second_verb(read) -> None:
    """'X denied A and praised Y for B': B is not part of what X denies (kg.rules.engine cuts the
    denial's zone at the end of the coordinated form's first verb phrase)."""
    got = read("Iran denied arming the rebels and praised Syria for backing Hezbollah.")
    assert {"denied(iran)", "praised(iran, syria)"} <= got
    assert not any("not supports" in a for a in got)
    # a denial whose content brings its own subject keeps it all
    assert read("Iran denied that Syria armed Hezbollah and attacked Israel.") == {
        "denied(iran)", "claim(iran) not supports(syria, hezbollah)"}


def test_a_pronoun_after_and_opens_a_clause(read) -> None:
    """'..., and he urged': "he" begins a new clause with its own subject, never the last item of
    a list of actors (kg.rules.match lists join no pronoun)."""
    got = read("Sergei Lavrov spoke at the United Nations, and he urged Iran to cooperate with the inspectors.")
    assert "urged(sergei-lavrov, iran)" in got
    assert not any(a.startswith("urged(united-nations") for a in got)


def test_the_second_verbs_allegation_is_its_claim(read) -> None:
    """'Israel bombed Gaza and accused Iran of arming Hamas': Iran arming Hamas is Israel's claim,
    never a fact (data/rules/context.yaml, context.belief)."""
    got = read("Israel bombed Gaza and accused Iran of arming Hamas.")
    assert {"accused(israel, iran)", "claim(israel) supports(iran, hamas)"} <= got
    assert "supports(iran, hamas)" not in got
