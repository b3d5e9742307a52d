"""Twentieth round: meetings told by the length of the talks, a host's welcome in a place, and a
meeting abroad with people the text does not name. Sentences written for these tests in wire
style (none from the held-out or development sets), read through the whole pack and its graph
with the helper of tests/test_rules_meetings.py; each case lists every met / visited / invited
relation the sentence must give, and nothing else."""
from __future__ import annotations

import pytest

from tests.test_rules_meetings import relations

TWENTIETH = [
    # talks measured by their length: the two who agreed (or failed to) after them met
    ("Jacques Chirac and Gerhard Schroeder agreed on a joint position after more than three hours of talks in Berlin.",
     "2004-06-12", {"met(gerhard-schroeder, jacques-chirac)", "visited(jacques-chirac, berlin)"}),
    ("Israel and Syria failed to agree on a border after two days of talks in Ankara.", "2007-06-12",
     {"met(israel, syria)", "visited(israel, ankara)", "visited(syria, ankara)"}),
    ("Fatah and Hamas agreed in Cairo on Monday to form a joint committee after two days of talks.", "2007-06-12",
     {"met(fatah, hamas)"}),
    ("Hugo Chavez praised Evo Morales after two days of talks in La Paz.", "2007-06-12",
     {"met(evo-morales, hugo-chavez)", "visited(hugo-chavez, la-paz)"}),
    # indirect talks, talks through mediators, talks of others: no meeting of the two
    ("Israel and Hamas agreed to a truce after weeks of indirect talks in Cairo.", "2007-06-12", set()),
    ("Israel and Hamas agreed to a truce after weeks of talks through Egyptian mediators.", "2007-06-12", set()),
    # a host's welcome in a place: met, and the guest's visit
    ("Syrian President Bashar al-Assad welcomed Iranian President Mahmoud Ahmadinejad to Damascus on Monday.", "2007-06-12",
     {"met(bashar-al-assad, mahmoud-ahmadinejad)", "visited(mahmoud-ahmadinejad, damascus)"}),
    ("Hu Jintao welcomed Vladimir Putin in Beijing, and the two leaders then held talks.", "2007-06-12",
     {"met(hu-jintao, vladimir-putin)", "visited(vladimir-putin, beijing)"}),
    ("Hu Jintao welcomed Vladimir Putin's remarks in Beijing.", "2007-06-12", set()),
    ("The United States welcomed Croatia to NATO.", "2007-06-12", set()),
    # a meeting abroad with people the text does not name: the visit only
    ("South African President Thabo Mbeki held a brief meeting at a hotel in Harare with negotiators for the three parties.",
     "2008-05-01", {"visited(thabo-mbeki, harare)"}),
    ("South African President Thabo Mbeki met with opposition negotiators in Harare on Monday.", "2008-05-01",
     {"visited(thabo-mbeki, harare)"}),
    ("Zimbabwean President Robert Mugabe met with opposition negotiators in Harare on Monday.", "2008-05-01", set()),
    # only a meeting held: a plan of one is not read here
    ("South African President Thabo Mbeki will meet with opposition negotiators in Harare on Monday.", "2008-05-01", set()),
    # the purpose of a trip: to negotiate with someone; brokering a deal between two states is no
    # meeting, and "to mediate between A and B" is left unread (the sets' annotations disagree)
    ("French President Jacques Chirac flew to Berlin to negotiate a trade deal with Gerhard Schroeder.", "2004-06-12",
     {"planned met(gerhard-schroeder, jacques-chirac)", "visited(jacques-chirac, berlin)"}),
    ("French President Jacques Chirac flew to Berlin and then to Warsaw to broker a deal between Germany and Poland.",
     "2004-06-12", {"visited(jacques-chirac, berlin)", "visited(jacques-chirac, warsaw)"}),
    # a third present at the meeting of two, titled by a body's head: every pair of the three met
    ("Hamas leader Khaled Meshaal met Mahmoud Abbas in Mecca in the presence of the UN Secretary-General's special envoy "
     "Terje Roed-Larsen.", "2007-02-08",
     {"met(khalid-mishal, mahmoud-abbas)", "met(khalid-mishal, unlinked/terje-roed-larsen)",
      "met(mahmoud-abbas, unlinked/terje-roed-larsen)", "visited(mahmoud-abbas, mecca)"}),
    ("Ehud Olmert and Mahmoud Abbas met on Sunday in the presence of Condoleezza Rice.", "2007-02-08",
     {"met(ehud-olmert, mahmoud-abbas)", "met(condoleezza-rice, ehud-olmert)", "met(condoleezza-rice, mahmoud-abbas)"}),
    ("Ehud Olmert met Mahmoud Abbas, and in the presence of Condoleezza Rice they signed a statement.", "2007-02-08",
     {"met(ehud-olmert, mahmoud-abbas)"}),
    # indirect talks a third party hosts: each side met the host, not the other side
    ("Turkey hosted indirect talks between Israel and Syria in Istanbul, with Turkish officials shuttling between the two "
     "sides.", "2008-05-01", {"met(israel, turkey)", "met(syria, turkey)", "visited(israel, istanbul)", "visited(syria, istanbul)"}),
    ("Turkey hosted talks between Israel and Syria in Istanbul.", "2008-05-01",
     {"met(israel, syria)", "met(israel, turkey)", "met(syria, turkey)", "visited(israel, istanbul)", "visited(syria, istanbul)"}),
]


@pytest.mark.parametrize("text,date,expected", TWENTIETH, ids=[c[0][:60] for c in TWENTIETH])
def test_length_of_talks_welcome_in_a_place_and_unnamed_hosts(pack, text, date, expected):
    assert relations(pack, text, date) == expected
