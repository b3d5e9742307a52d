"""Twenty-second round: false visits, and invitations to join a body. A continent, a world region
or the Palestinian territories is no destination in any form or list item (visits.yaml
`not_named`, kg.rules.engine), and a planned meeting that is the purpose of another participant's
trip to its place ("X arrived in P for talks with Y") gives no visit of Y; "X was invited to join
NATO" is NATO's invitation, and so is "NATO leaders meeting in Riga invited X" (kg.rules.frames
MET_AT). Sentences written for these tests in wire style (none from the held-out or development
sets), read through the whole pack and its graph with the helper of tests/test_rules_meetings.py;
each case lists every met / visited / invited relation the sentence must give, and nothing else."""
from __future__ import annotations

import pytest

from kg.rules.ruleset import fold_name
from tests.test_rules_meetings import relations

TWENTY_SECOND = [
    # a region as a visit's noun, after "the", and as one item of a list of destinations
    ("It will be the chancellor's third trip to Africa this year, Angela Merkel said.", "2007-06-12",
     set()),
    ("Hu Jintao will travel to the Middle East next month.", "2007-06-12", set()),
    ("Hu Jintao, at the end of his tour of Asia, met Manmohan Singh.", "2007-06-12", {"met(hu-jintao, manmohan-singh)"}),
    ("Hu Jintao will visit Egypt, Jordan and the Palestinian territories next month.", "2007-06-12",
     {"planned visited(hu-jintao, egypt)", "planned visited(hu-jintao, jordan)"}),
    # every rule that gives a destination, whatever its file (events.yaml's travel verbs too)
    ("Hu Jintao arrived in the Middle East on Monday.", "2007-06-12", set()),
    ("Hu Jintao flew to Kenya and the Horn of Africa on Monday.", "2007-06-12", {"visited(hu-jintao, kenya)"}),
    # a state whose name holds a region's word stays a destination
    ("Hu Jintao will visit South Africa and Central African Republic next month.", "2007-06-12",
     {"planned visited(hu-jintao, republic-of-south-africa)", "planned visited(hu-jintao, central-african-republic)"}),
    # the traveller of "X arrived in P for talks with Y" is X; Y's travel is not told
    ("Sergei Lavrov arrived in Tokyo on Monday for talks with his Chinese counterpart Yang Jiechi.", "2008-03-03",
     {"visited(sergei-lavrov, tokyo)", "planned met(sergei-lavrov, yang-jiechi)"}),
    # a planned meeting abroad with no trip told still gives the visiting minister's planned visit
    # invited to join a named body: the body invited (CONVENTIONS 46)
    ("Montenegro and Serbia were invited to join NATO at the Riga summit.", "2007-06-12",
     {"invited(nato, montenegro)", "invited(nato, serbia)"}),
    ("Montenegro was not invited to join NATO.", "2007-06-12", {"not invited(nato, montenegro)"}),
    ("Montenegro received a formal invitation to join the European Union.", "2007-06-12",
     {"invited(european-union, montenegro)"}),
    ("Montenegro hopes to be invited to join NATO.", "2007-06-12", set()),
    ("Montenegro was invited to join talks in Brussels.", "2007-06-12", set()),
    # a group of the subject with where it met, as a reduced relative (kg.rules.frames MET_AT)
    ("NATO leaders meeting in Riga invited Montenegro and Serbia to join the alliance.", "2006-11-29",
     {"invited(nato, montenegro)", "invited(nato, serbia)"}),
    ("Hamas officials gathered in Cairo invited Fatah to Gaza.", "2007-06-12", {"invited(hamas, fatah)"}),
    ("Manouchehr Mottaki is due to meet Javier Solana in Vienna later this week.", "2007-06-12",
     {"planned met(javier-solana, manouchehr-mottaki)", "planned visited(manouchehr-mottaki, vienna)"}),
]


@pytest.mark.parametrize("text,date,expected", TWENTY_SECOND, ids=[c[0][:60] for c in TWENTY_SECOND])
def test_no_false_visits(pack, text, date, expected):
    assert relations(pack, text, date) == expected


def test_fold_name():
    assert fold_name("the  Middle East") == "middle east"
    assert fold_name("Palestinian Territories") == "palestinian territories"
    assert fold_name("Theodore") == "theodore"
