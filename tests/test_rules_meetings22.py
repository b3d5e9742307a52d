"""Twenty-second round: meetings in real articles. Someone who is in a place for talks with someone
holds them (not a plan, as after an arrival); a transcript whose turns are labelled by heads of state
in the other orders of their post ("French President X (as translated from the Russian): ...",
"President X: ..."); talks a third party mediated, after which two sides signed (each side met the
mediator, the sides not each other, and a second side with a title of its own). Texts written for
these tests in wire style (none from the held-out or development sets), read through the whole pack
and its graph with the helper of tests/test_rules_meetings.py; each case lists every met / visited /
invited relation the text must give, and nothing else."""
from __future__ import annotations

import pytest

from tests.test_rules_meetings import relations

TWENTY_SECOND = [
    # in a place for talks: the stay is the talks' time, so they are held
    ("Hugo Chavez is in Moscow for talks with Vladimir Putin on energy and arms.", "2007-06-12",
     {"met(hugo-chavez, vladimir-putin)", "visited(hugo-chavez, moscow)"}),
    ("Hugo Chavez was in Moscow on Friday for discussions with Vladimir Putin.", "2007-06-12",
     {"met(hugo-chavez, vladimir-putin)", "visited(hugo-chavez, moscow)"}),
    # ... an arrival for talks stays a plan; a stay for a summit names no one met
    ("Hugo Chavez arrived in Moscow on Friday for talks with Vladimir Putin.", "2007-06-12",
     {"planned met(hugo-chavez, vladimir-putin)", "visited(hugo-chavez, moscow)"}),
    ("Hugo Chavez is in Moscow for a summit of oil producers.", "2007-06-12", {"visited(hugo-chavez, moscow)"}),
    # ... the one who stays is the sentence's subject, never a place named in its description
    ("The new UN envoy in Cyprus is in New York for talks with Ban Ki-moon.", "2008-06-12", set()),
    # a transcript's turns labelled by two heads of state, the post before the name, with or without a note
    ("President of Russia Dmitry Medvedev: Dear colleagues, good afternoon.\nWe have had useful talks today.\n\n"
     "French President Nicolas Sarkozy (as translated from the Russian): Thank you, Mr President.", "2008-09-08",
     {"met(dmitry-medvedev, nicolas-sarkozy)"}),
    ("President Vladimir Putin: Good evening, dear friends.\n\nPrime Minister Gordon Brown: Thank you.", "2007-10-09",
     {"met(gordon-brown, vladimir-putin)"}),
    # ... a lone speaker meets no one; a dated heading with a note is no turn of a transcript
    ("President Vladimir Putin: Good evening, dear friends. Welcome.", "2007-10-09", set()),
    ("Travel Notes\n\nPresident Vladimir Putin (Oct. 9): We will work with Germany.\n\n"
     "Prime Minister Gordon Brown said the meeting was cancelled.", "2007-10-09", set()),
    # talks a third party mediated: each side met the mediator, the sides not each other (CONVENTIONS 89)
    ("Mwai Kibaki and Raila Odinga signed a power-sharing deal after two weeks of talks mediated by Kofi Annan.", "2008-03-01",
     {"met(kofi-annan, mwai-kibaki)", "met(kofi-annan, raila-odinga)"}),
    ("Kenyan President Mwai Kibaki and opposition leader Raila Odinga signed a deal after talks mediated by Kofi Annan.",
     "2008-03-01", {"met(kofi-annan, mwai-kibaki)", "met(kofi-annan, raila-odinga)"}),
    ("JEM leader Khalil Ibrahim and Sudanese officials signed a ceasefire after talks mediated by Qatar.", "2009-02-17",
     {"met(khalil-ibrahim, qatar)", "met(qatar, sudan)"}),
    # ... talks with no mediator named are the sides' own
    ("Mwai Kibaki and Raila Odinga signed a power-sharing deal after two weeks of talks in Nairobi.", "2008-03-01",
     {"met(mwai-kibaki, raila-odinga)"}),
    # a deal a named third party mediated: each signer met the mediator, not each other (CONVENTIONS 89)
    ("Fatah and Hamas signed a unity deal in Mecca mediated by Egyptian President Hosni Mubarak.", "2007-02-09",
     {"met(fatah, hosni-mubarak)", "met(hamas, hosni-mubarak)"}),
    ("Kenyan President Mwai Kibaki and opposition leader Raila Odinga signed an accord on Thursday, mediated by Kofi Annan.",
     "2008-03-01", {"met(kofi-annan, mwai-kibaki)", "met(kofi-annan, raila-odinga)"}),
    ("Mwai Kibaki and Raila Odinga signed a deal in Nairobi under the mediation of Tanzania's President Jakaya Kikwete.",
     "2008-03-01", {"met(jakaya-kikwete, mwai-kibaki)", "met(jakaya-kikwete, raila-odinga)"}),
    ("Mwai Kibaki and Raila Odinga reached an agreement on Thursday after weeks of mediation by Kofi Annan.", "2008-03-01",
     {"met(kofi-annan, mwai-kibaki)", "met(kofi-annan, raila-odinga)"}),
    ("Hamas and Fatah signed a truce in Gaza under Egypt's mediation.", "2007-02-09", {"met(egypt, hamas)", "met(egypt, fatah)"}),
    # ... no named mediator, a deal not (yet) signed, or the mediator's possessive: no meeting
    ("Fatah and Hamas signed a Saudi-brokered unity deal in Mecca.", "2007-02-09", set()),
    ("Fatah and Hamas will sign a unity deal mediated by Hosni Mubarak.", "2007-02-09", set()),
    ("Fatah and Hamas refused to sign a unity deal mediated by Hosni Mubarak.", "2007-02-09", set()),
    ("Fatah and Hamas signed a deal mediated by Egypt's intelligence service.", "2007-02-09", set()),
]


@pytest.mark.parametrize("text,date,expected", TWENTY_SECOND)
def test_twenty_second(pack, text, date, expected):
    assert relations(pack, text, date) == expected
