"""Twenty-first round: visits told by a trip's stops and dates. "While in P, X ..." (a stop of the
trip at the head of the sentence), a trip dated by a range of days between the verb and its
destinations ("traveled February 23-28 to A, B and C"), a stop in a place ("during his stop in
P", "with stops in A and B", "X, stopping in P, ..."), and a visit whose traveller follows its
destination ("a visit to P by X", "on the first visit to P by a Russian president"); no visit to a
continent, and no trip of a place named inside a described subject. Sentences written for these tests in wire style (none from the
held-out or development sets), read through the whole pack and its graph with the helper of
tests/test_rules_meetings.py; each case lists every met / visited / invited relation the sentence
must give, and nothing else."""
from __future__ import annotations

import pytest

from tests.test_rules_meetings import relations

TWENTY_FIRST = [
    # "While in P, X ...": the subject was in P (made, or planned with a plan's verb group)
    ("While in Hanoi, Sergei Lavrov also discussed trade with Vietnamese officials.", "2007-06-12",
     {"visited(sergei-lavrov, hanoi)"}),
    ("While in Hanoi, Mr. Lavrov will also visit a factory.", "2007-06-12", {"planned visited(sergei-lavrov, hanoi)"}),
    ("While in Hanoi, Sergei Lavrov intends to discuss trade with Vietnamese officials.", "2007-06-12",
     {"planned visited(sergei-lavrov, hanoi)"}),
    ("While in office, Sergei Lavrov discussed trade with Vietnamese officials.", "2007-06-12", set()),
    ("While in Hanoi, the talks stalled.", "2007-06-12", set()),
    ("While in Hanoi, Sergei Lavrov may discuss trade with Vietnamese officials.", "2007-06-12", set()),
    # a trip dated by a range of days between the verb and its destinations
    ("Foreign Minister Sergei Lavrov traveled May 3-6 to Syria, Lebanon and Jordan.", "2007-06-12",
     {"visited(sergei-lavrov, syria)", "visited(sergei-lavrov, lebanon)", "visited(sergei-lavrov, jordan)"}),
    ("Foreign Minister Sergei Lavrov will travel July 3-6 to Syria and Lebanon.", "2007-06-12",
     {"planned visited(sergei-lavrov, syria)", "planned visited(sergei-lavrov, lebanon)"}),
    # a trip denied is left unread here (never a visit)
    ("Foreign Minister Sergei Lavrov will not travel July 3-6 to Syria.", "2007-06-12", set()),
    # a stop in a place on a trip; a negated verb of the clause does not negate the stop
    ("Christopher Hill did not meet Chinese officials during his stop in Tokyo on Tuesday.", "2007-06-12",
     {"not met(china, christopher-hill)", "visited(christopher-hill, tokyo)"}),
    ("Jimmy Carter met Hamas leaders during a brief stop in Damascus.", "2008-04-20",
     {"met(hamas, jimmy-carter)", "visited(jimmy-carter, damascus)"}),
    ("Christopher Hill is due to return to Japan next week with stops in Seoul and Tokyo.", "2007-06-12",
     {"planned visited(christopher-hill, japan)", "planned visited(christopher-hill, seoul)", "planned visited(christopher-hill, tokyo)"}),
    ("Christopher Hill will fly to Seoul on Friday after a stop in Tokyo.", "2007-06-12",
     {"planned visited(christopher-hill, seoul)", "planned visited(christopher-hill, tokyo)"}),
    ("Christopher Hill said Chinese officials met North Korean envoys during a stop in Tokyo.", "2007-06-12", set()),
    ("Christopher Hill, stopping Sunday in Tokyo on his way home, told reporters the talks had gone well.", "2007-06-12",
     {"visited(christopher-hill, tokyo)"}),
    # a visit as a noun whose traveller follows the destination, named or described
    ("During a recent visit to Beijing by Vladimir Putin, the two countries said the talks should resume.", "2007-06-12",
     {"visited(vladimir-putin, beijing)"}),
    ("Vladimir Putin arrived in Hanoi on Sunday on the first visit to Vietnam by a Russian president.", "2006-11-20",
     {"visited(vladimir-putin, hanoi)", "visited(vladimir-putin, vietnam)"}),
    ("China prepared for a planned visit to Beijing by Vladimir Putin.", "2007-06-12", set()),
    ("Vladimir Putin praised the first visit to Vietnam by a Russian delegation.", "2007-06-12", set()),
    # a continent or a world region is no destination (a city or a state is: CONVENTIONS 69)
    ("President Hu Jintao will travel to Africa next month.", "2007-06-12", set()),
    ("President Hu Jintao flew to Europe on Monday.", "2007-06-12", set()),
    ("President Hu Jintao flew to South Africa on Monday.", "2007-06-12", {"visited(hu-jintao, republic-of-south-africa)"}),
    # flight and a secret return are travel (CONVENTIONS 29: "fled to")
    ("Former President Askar Akayev fled to Moscow after protesters stormed the government building.", "2005-03-28",
     {"visited(askar-akayev, moscow)"}),
    ("Former President Askar Akayev slipped back into Kyrgyzstan on Sunday.", "2005-03-28", {"visited(askar-akayev, kyrgyzstan)"}),
    ("Former President Askar Akayev fled to safety.", "2005-03-28", set()),
    # presence for talks: the subject that opens the sentence, not a place inside a described subject
    ("The UN envoy in Syria is in Moscow for talks on Monday.", "2007-06-12", set()),
    ("Sergei Lavrov is in Damascus for talks on Monday.", "2007-06-12", {"visited(sergei-lavrov, damascus)"}),
    ("Christopher Hill called for a stop in the fighting.", "2007-06-12", set()),
]


@pytest.mark.parametrize("text,date,expected", TWENTY_FIRST, ids=[c[0][:60] for c in TWENTY_FIRST])
def test_stops_and_dated_trips(pack, text, date, expected):
    assert relations(pack, text, date) == expected
