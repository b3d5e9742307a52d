"""Twenty-first round: meetings in real articles. A state's people named by the Palestinian
adjective, a titled person "and other officials" of his state, a meeting opening the sentence with
an article ("In a meeting with X on the sidelines of ..., Y ..."), a group met whose members follow
"including", "had a chance to meet", a transcript titled by the speakers' meeting, the speaker named
after his words ("'...,' X said after meeting Y"), and bilateral / three-way meetings. Sentences written for these tests in wire style (none from
the held-out or development sets), read through the whole pack and its graph with the helper of
tests/test_rules_meetings.py; each case lists every met / visited / invited relation the sentence
must give, and nothing else (the visits are the visit joins' reading: a guest whose home state the
gazetteer knows)."""
from __future__ import annotations

import pytest

from tests.test_rules_meetings import relations

TWENTY_FIRST = [
    # the Palestinian adjective before people stands for the Palestinian Authority, as "Israeli" for Israel
    ("Javier Solana held talks with Israeli and Palestinian leaders in Jerusalem on Monday.", "2007-06-12",
     {"met(israel, javier-solana)", "met(javier-solana, palestinian-authority)"}),
    ("Javier Solana met Palestinian negotiators in Ramallah.", "2007-06-12",
     {"met(javier-solana, palestinian-authority)"}),
    # ... but never before a title: the person is the one met
    ("Javier Solana met Palestinian Prime Minister Salam Fayyad in Ramallah.", "2007-06-12",
     {"met(javier-solana, salam-fayyad)", "visited(javier-solana, ramallah)"}),
    # a titled person "and other officials": the meeting is also with his state
    ("Kofi Annan met with Sudanese President Omar al-Bashir and other senior officials in Khartoum on Monday.", "2006-06-12",
     {"met(kofi-annan, omar-al-bashir)", "met(kofi-annan, sudan)"}),
    ("Javier Solana met Mahmoud Abbas and other Palestinian officials in Ramallah.", "2007-06-12",
     {"met(javier-solana, mahmoud-abbas)", "met(javier-solana, palestinian-authority)"}),
    ("Hillary Clinton will hold talks with the foreign minister and other Japanese officials.", "2009-06-12",
     {"planned met(hillary-clinton, japan)"}),
    # no state named: only the person; no meeting at all: nothing
    ("Kofi Annan met with Omar al-Bashir and other officials in Khartoum on Monday.", "2006-06-12",
     {"met(kofi-annan, omar-al-bashir)"}),
    ("Kofi Annan criticised Sudanese President Omar al-Bashir and other senior officials.", "2006-06-12", set()),
    # a meeting opening the sentence with an article, its start, or its sidelines after it
    ("In a meeting with President Hamid Karzai on the sidelines of the conference, Gordon Brown pledged more troops.",
     "2008-06-12", {"met(gordon-brown, hamid-karzai)"}),
    ("Later, at the start of a separate meeting with Hamid Karzai, Gordon Brown pledged more troops.", "2008-06-12",
     {"met(gordon-brown, hamid-karzai)"}),
    ("During a meeting with Hamid Karzai in Kabul, Gordon Brown pledged more troops.", "2008-06-12",
     {"met(gordon-brown, hamid-karzai)", "visited(gordon-brown, kabul)"}),
    # ... not with a third party's people, nor with no one named
    ("In a meeting with reporters in Kabul, Gordon Brown pledged more troops.", "2008-06-12", set()),
    ("In a meeting with Hamid Karzai, Gordon Brown's aides pledged more troops.", "2008-06-12", set()),
    # a group met, its members named after "including": a meeting with each, not among them
    ("Hillary Clinton met with other members of the Quartet, including Ban Ki-moon and Sergei Lavrov, in Trieste.",
     "2009-06-26", {"met(ban-ki-moon, hillary-clinton)", "met(hillary-clinton, sergei-lavrov)"}),
    ("Hillary Clinton discussed several issues, including Iran and North Korea.", "2009-06-26", set()),
    # "had a chance to meet": a meeting held (the speaker's own report of it is his claim)
    ("\"I had a chance to meet with Sergei Lavrov this morning,\" Hillary Clinton said.", "2009-06-26",
     {"claim met(hillary-clinton, sergei-lavrov)"}),
    # a transcript titled by the meeting it follows or precedes: its labelled speakers met the guest it names
    ("Remarks With Japanese Foreign Minister Taro Aso After Their Meeting\n\nSECRETARY CONDOLEEZZA RICE: Good afternoon. "
     "It is a pleasure to have the Foreign Minister here.\n\nFOREIGN MINISTER ASO: Thank you.", "2007-05-01",
     {"met(condoleezza-rice, taro-aso)"}),
    ("Remarks With Japanese Foreign Minister Taro Aso Before Their Meeting\n\nSECRETARY CONDOLEEZZA RICE: Good afternoon.",
     "2007-05-01", {"met(condoleezza-rice, taro-aso)"}),
    # no meeting in the title, or no labelled speaker: nothing
    ("Remarks With Japanese Foreign Minister Taro Aso\n\nSECRETARY CONDOLEEZZA RICE: Good afternoon.", "2007-05-01", set()),
    ("Remarks With Japanese Foreign Minister Taro Aso After Their Meeting\n\nThe two ministers spoke to reporters.",
     "2007-05-01", set()),
    # the words first, their speaker after them, then the meeting after which he spoke
    ("\"We want a deal this year,\" Ehud Olmert said after meeting Mahmoud Abbas in Jerusalem.", "2007-06-12",
     {"met(ehud-olmert, mahmoud-abbas)", "visited(mahmoud-abbas, jerusalem)"}),
    ("Moscow opposes new sanctions on Tehran, Sergei Lavrov told reporters after talks with his Iranian counterpart "
     "Manouchehr Mottaki in Moscow.", "2007-06-12",
     {"met(manouchehr-mottaki, sergei-lavrov)", "visited(manouchehr-mottaki, moscow)"}),
    # ... the state named in the words is no party to it
    ("Russia will not back sanctions on Iran, Sergei Lavrov said after talks with Condoleezza Rice in Moscow.", "2007-06-12",
     {"met(condoleezza-rice, sergei-lavrov)", "visited(condoleezza-rice, moscow)"}),
    ("\"We want a deal this year,\" Ehud Olmert said before meeting Mahmoud Abbas in Jerusalem.", "2007-06-12", set()),
    # a one-on-one, bilateral or three-way meeting is a meeting; "no bilateral meeting between" is none
    ("Condoleezza Rice's trilateral meeting with Salam Fayyad and Ehud Barak ended without agreement.", "2008-03-30",
     {"met(condoleezza-rice, ehud-barak)", "met(condoleezza-rice, salam-fayyad)"}),
    ("No bilateral meeting between Hu Jintao and Barack Obama was planned.", "2009-06-12",
     {"not met(barack-obama, hu-jintao)"}),
    ("Hillary Clinton had the opportunity to meet also with Sergei Lavrov in Geneva.", "2009-06-26",
     {"met(hillary-clinton, sergei-lavrov)", "visited(hillary-clinton, geneva)", "visited(sergei-lavrov, geneva)"}),
]


@pytest.mark.parametrize("text,date,expected", TWENTY_FIRST)
def test_twenty_first(pack, text, date, expected):
    assert relations(pack, text, date) == expected
