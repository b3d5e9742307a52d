"""Round 20, references: a place that opens a person's name after a job title, an honorific's
gender against the person a surname would shorten, and a state's short name another state shares
(kg.knowing.lookup, kg.knowing.shortforms, kg.knowing.mentions). Sentences of our own."""
from __future__ import annotations

import datetime as dt

from kg.reading.document import parse_article


def ids(pack, text, day=None):
    art = parse_article(text, source="t", layout=pack.layout, meta={"id": "a", "date": day} if day else {"id": "a"})
    return [(m.text, m.entity.id) for sa in pack.finder.analyse(art) for m in sa.mentions if m.kind != "role"]


def test_a_place_after_a_job_title_that_opens_a_two_word_name_is_a_person(pack):
    got = ids(pack, "Senior analyst Sydney Okonkwo told reporters the talks had stalled.")
    assert ("Sydney Okonkwo", "unlinked/sydney-okonkwo") in got
    assert not any(i == "sydney" for _, i in got)
    got = ids(pack, "Political commentator Florence Mbatha said the vote was fair.")
    assert not any(i == "florence" for _, i in got)
    # no job title before it, a body's word after it, a longer run of capitals: the place stays
    got = ids(pack, "Delegates met in Sydney Tuesday. The analyst Jordan Valley Water Authority spoke.")
    assert any(i == "sydney" for _, i in got)
    got = ids(pack, "Reporters in Sydney said the summit ended.")
    assert any(i == "sydney" for _, i in got)


def test_a_womans_honorific_never_shortens_a_mans_name(pack):
    # the full name an unknown surname shortens: a man's first name after "Mrs." is no join
    got = ids(pack, "George Halvorsen met the envoy on Monday. Mrs. Halvorsen said she was pleased.")
    assert ("Halvorsen", "unlinked/george-halvorsen") not in got
    assert ("George Halvorsen", "unlinked/george-halvorsen") in got
    # nor "Mr." a woman's
    got = ids(pack, "Angela Verhoeven met the envoy on Monday. Mr. Verhoeven said he was pleased.")
    assert ("Verhoeven", "unlinked/angela-verhoeven") not in got
    # the same gender, or a first name of neither list, joins as before
    got = ids(pack, "Angela Verhoeven met the envoy on Monday. Ms. Verhoeven said she was pleased.")
    assert ("Verhoeven", "unlinked/angela-verhoeven") in got
    got = ids(pack, "Michele Dusart met the envoy on Monday. Ms. Dusart said she was pleased.")
    assert ("Dusart", "unlinked/michele-dusart") in got


def test_a_womans_honorific_never_takes_a_known_mans_one_word_name(pack):
    day = dt.date(2007, 11, 20)
    got = ids(pack, "Ehud Olmert met the envoy on Monday. Ms. Olmert stayed in Jerusalem. Mr. Olmert said he was hopeful.", day)
    assert got.count(("Olmert", "ehud-olmert")) == 1  # Mr. Olmert only
    got = ids(pack, "President Bush arrived in Accra. Secretary Rice traveled with the President and Mrs. Bush.", dt.date(2008, 2, 20))
    assert ("Bush", "george-w-bush") in got
    assert sum(1 for t, i in got if t == "Bush" and i == "george-w-bush") == 1


def test_congo_is_the_democratic_republic_where_the_article_names_it(pack):
    got = ids(pack, "The council urged the government in Kinshasa to disarm the militias in eastern Congo.")
    assert ("Congo", "democratic-republic-of-the-congo") in got
    got = ids(pack, "Congolese troops clashed with rebels. Aid groups said fighting in Congo had displaced thousands.")
    assert ("Congo", "democratic-republic-of-the-congo") in got
    # no evidence, or the Republic named otherwise: the gazetteer's Congo, as before
    got = ids(pack, "Aid groups said fighting in Congo had displaced thousands.")
    assert ("Congo", "congo") in got
    got = ids(pack, "Officials in Brazzaville said Congo would send troops to help the Democratic Republic of Congo.")
    assert ("Congo", "congo") in got


def test_a_demonym_that_opens_a_partys_name_is_part_of_it(pack):
    got = ids(pack, "Tomislav Vukovic of the Serbian Radical Party said the vote was rigged.")
    assert ("Serbian Radical Party", "unlinked/serbian-radical-party") in got
    assert not any(i == "serbia" for _, i in got)
    got = ids(pack, "The Iraqi Islamic Party said it would boycott the vote.")
    assert ("Iraqi Islamic Party", "unlinked/iraqi-islamic-party") in got
    # a title, a known body or a lower-case word after the demonym: the state stays
    got = ids(pack, "Serbian President Boris Tadic met Iraqi officials and the Arab League.")
    assert ("Serbian", "serbia") in got and ("Iraqi", "iraq") in got
