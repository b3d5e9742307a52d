"""Round 21: feelings voiced as speech and a press statement's signature line, on sentences and
short texts written for these tests (none from the held-out or development sets). Each text is
built with the whole pack; its relations, read back by the held-out scorer, must be exactly the
ones a reader lists among the kinds under test. Negatives must give none of them."""
from __future__ import annotations

import pytest

from .relations_check import unexpected_and_missed

KINDS = {"said", "supports", "attacked"}

# "X expressed concern / voiced hope / expressed optimism that ..." is a statement (CONVENTIONS 113);
# support, solidarity or gratitude expressed are stances, not speech; a name after a preposition
# ("the envoy for Haiti") is not the one who speaks.
FEELING_CASES: list[tuple[str, str, list[str]]] = [
    ("Sergei Lavrov expressed deep concern on Tuesday about the fighting in South Ossetia.", "2008-08-12",
     ["said(Sergei Lavrov)"]),
    ("Javier Solana voiced cautious optimism that the talks in Geneva would lead somewhere.", "2008-07-18",
     ["said(Javier Solana)"]),
    ("The IAEA has expressed disappointment and frustration over the delays.", "2008-05-26", ["said(IAEA)"]),
    ("Ban Ki-moon expressed concern that Israeli jets had attacked a UN school in Gaza.", "2009-01-07",
     ["said(Ban Ki-moon)", "claim(Ban Ki-moon) attacked(Israel, United Nations)"]),
    ("Hugo Chavez expressed support for Evo Morales during his visit.", "2008-09-12",
     ["supports(Hugo Chavez, Evo Morales)"]),
    ("Hugo Chavez expressed solidarity with the people of Bolivia.", "2008-09-12", []),
    ("The special envoy for Haiti voiced hope that the elections would be calm.", "2010-11-20", []),
    ("The fighting in Gaza caused deep concern in Cairo.", "2009-01-07", []),
]


@pytest.mark.parametrize("text, date, expect", FEELING_CASES, ids=[c[0][:60] for c in FEELING_CASES])
def test_round21_a_feeling_voiced_is_a_statement(pack, text, date, expect):
    wrong, missed = unexpected_and_missed(pack, text, date, expect, lambda r: r.name in KINDS, "speech-test")
    assert not wrong and not missed, f"unexpected {wrong}, missed {missed}"


# A press statement signed on its own line: the signer speaks (CONVENTIONS 91, 136, 144); a body
# sentence that opens the same way and goes on says nothing by its opening.
SIGNATURE_CASES: list[tuple[str, str, list[str]]] = [
    ("Sudan Elections\nPress Statement\nJane Roberts, Deputy Spokesman\n\n"
     "We welcome the peaceful conduct of the vote in Sudan.", "2010-04-20", ["said(Jane Roberts)"]),
    ("Office of the Spokesman\n\nStatement by Peter Lindqvist, Spokesman\n\n"
     "The Secretary will travel to Oslo next week.", "2010-04-20", ["said(Peter Lindqvist)"]),
    ("Jane Roberts, Deputy Spokesman at the embassy, arrived in Khartoum on Monday.", "2010-04-20", []),
    ("Peter Lindqvist, spokesman for the mission, arrived in Juba.", "2010-04-20", []),
]


@pytest.mark.parametrize("text, date, expect", SIGNATURE_CASES, ids=[c[0][:40] for c in SIGNATURE_CASES])
def test_round21_a_statement_signature_line_names_its_speaker(pack, text, date, expect):
    wrong, missed = unexpected_and_missed(pack, text, date, expect, lambda r: r.name == "said", "speech-test")
    assert not wrong and not missed, f"unexpected {wrong}, missed {missed}"


# An adverbial set off by commas between the speech verb and what was said, or a comma alone
# before the clause; a participle, a preposition or a conjunction after the comma is no content.
COMMA_CASES: list[tuple[str, str, list[str]]] = [
    ("Sergei Lavrov says, with relations at their lowest point in years, the two sides will keep talking.", "2008-07-31",
     ["said(Sergei Lavrov)"]),
    ("Ban Ki-moon said, however, that Israeli jets had attacked a UN school.", "2009-01-07",
     ["said(Ban Ki-moon)", "claim(Ban Ki-moon) attacked(Israel, United Nations)"]),
    ("Sergei Lavrov said, the agreement with the rebels will end the crisis.", "2008-07-31", ["said(Sergei Lavrov)"]),
    ("The envoy for Kosovo said, in Vienna, that the talks had ended.", "2007-03-10", []),
]


@pytest.mark.parametrize("text, date, expect", COMMA_CASES, ids=[c[0][:60] for c in COMMA_CASES])
def test_round21_what_was_said_after_a_comma(pack, text, date, expect):
    wrong, missed = unexpected_and_missed(pack, text, date, expect, lambda r: r.name in KINDS, "speech-test")
    assert not wrong and not missed, f"unexpected {wrong}, missed {missed}"


# A State Department bureau after an assistant secretary's title is the title's, not the name's:
# the person keeps his own name, speaks and holds a post of his state.
BUREAU_CASES: list[tuple[str, str, list[str]]] = [
    ("U.S. Assistant Secretary of State for African Affairs Jendayi Frazer said the vote was fair.", "2007-12-29",
     ["said(Jendayi Frazer)", "post(Jendayi Frazer, United States)"]),
    ("U.S. Assistant Secretary of State for European Affairs Daniel Fried told reporters the talks went well.", "2008-08-14",
     ["said(Daniel Fried)", "post(Daniel Fried, United States)"]),
]


@pytest.mark.parametrize("text, date, expect", BUREAU_CASES, ids=[c[0][:60] for c in BUREAU_CASES])
def test_round21_a_bureau_after_a_title_is_the_titles(pack, text, date, expect):
    wrong, missed = unexpected_and_missed(pack, text, date, expect, lambda r: r.name in {"said", "post"}, "speech-test")
    assert not wrong and not missed, f"unexpected {wrong}, missed {missed}"


# A transcript's speaker label: a note in parentheses before the colon, and a label that opens on a
# state office's title names its speaker even when kg does not know the name.
LABEL_CASES: list[tuple[str, str, list[str]]] = [
    ("French President Nicolas Sarkozy (as translated from the German): Madam Chancellor, dear Angela!", "2008-10-09",
     ["said(Nicolas Sarkozy)"]),
    ("President of Moldova Ion Vartanescu: Dear colleagues, thank you for coming to Chisinau.", "2008-10-09",
     ["said(Ion Vartanescu)"]),
    ("Relations of Russia and China: a new page", "2008-10-09", []),
]


@pytest.mark.parametrize("text, date, expect", LABEL_CASES, ids=[c[0][:60] for c in LABEL_CASES])
def test_round21_a_transcript_label_names_its_speaker(pack, text, date, expect):
    wrong, missed = unexpected_and_missed(pack, text, date, expect, lambda r: r.name == "said", "speech-test")
    assert not wrong and not missed, f"unexpected {wrong}, missed {missed}"
