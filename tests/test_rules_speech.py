"""Statements, denials, claims, elections won and resolutions adopted, on sentences written for
these tests in wire style (none from the held-out or development sets; other actors and other
words than the development sentences each rule was written from): each sentence is built with the
whole pack and its relations, read back from the RDF by the held-out scorer, must be exactly the
ones a reader lists for the kinds under test (data/rules/speech.yaml, context.yaml, posts.yaml,
leadership.yaml, elections.yaml, resolutions.yaml). Negatives must give none of them."""
from __future__ import annotations

import datetime as dt

import pytest

from .relations_check import scorer as _scorer, unexpected_and_missed

KINDS = {"said", "denied", "post", "leads", "won-election", "adopted-resolution", "attacked", "sanctioned"}


# (sentence, article date, relations a reader lists among KINDS)
CASES: list[tuple[str, str, list[str]]] = [
    # statements issued by each actor of a list
    ("Germany, France and Italy each issued separate statements on the coup in Honduras.", "2009-06-29",
     ["said(Germany)", "said(France)", "said(Italy)"]),
    ("Iran's foreign ministry released a brief statement late on Monday.", "2008-05-12", ["said(Iranian Foreign Ministry)"]),
    ("The Arab League made a formal declaration on Gaza.", "2009-01-05", ["said(Arab League)"]),
    ("Germany refused to issue a statement on the coup.", "2009-06-29", []),
    # a speech verb coordinated after another verb, with a perfect tense
    ("Britain opposes the plan and has said it will block it at the United Nations.", "2007-03-01", ["said(Britain)"]),
    ("Venezuela backs Iran's programme and has repeatedly insisted that it is peaceful.", "2007-03-01", ["said(Venezuela)"]),
    ("Britain opposes the plan and has never said otherwise.", "2007-03-01", []),
    # the subject speaks in a relative clause
    ("Serbia rejects the declaration, which it says violates international law.", "2008-02-18", ["said(Serbia)"]),
    ("Bolivia and Ecuador condemned the raid, which they say broke regional law.", "2008-03-03",
     ["said(Bolivia)", "said(Ecuador)"]),
    ("Serbia rejects the declaration, which Kosovo considers final.", "2008-02-18", []),
    # a denial in a participle after speech, or after another act
    ('"Our forces were never there," Manouchehr Mottaki said, rejecting the findings of the inquiry.', "2007-05-01",
     ["said(Manouchehr Mottaki)", "denied(Manouchehr Mottaki)"]),
    ("Belarus recalled its ambassador from Warsaw, dismissing the charges as slander.", "2008-04-01", ["denied(Belarus)"]),
    ("Belarus recalled its ambassador from Warsaw, citing the charges.", "2008-04-01", []),
    # a trailing attribution by a state's body named with its demonym: the content is its claim
    ("Abkhaz rebels shelled two Georgian villages overnight, the Georgian Interior Ministry said.", "2008-08-08",
     ["said(Interior Ministry Georgia)"]),  # kg's name for the unlinked body (its IRI's tail)
    ("Hamas gunmen attacked Israel on Sunday, the Israeli Defence Ministry said.", "2008-01-01",
     ["said(Israeli Defence Ministry)", "claim(Israeli Defence Ministry) attacked(Hamas, Israel)"]),
    # elections won by seats, vote share, a defeated rival or a party led to victory
    ("ZANU-PF, which took 62 percent of the vote, celebrated in Harare.", "2008-04-01", ["won-election(ZANU-PF)"]),
    ("The Kadima party won the most seats in the general election.", "2006-03-29", ["won-election(Kadima)"]),
    ("Mahinda Rajapaksa defeated his former army chief in the presidential election.", "2010-01-27",
     ["won-election(Mahinda Rajapaksa)"]),
    ("Ehud Olmert led the Kadima party to victory in the March election.", "2006-03-29",
     ["won-election(Ehud Olmert)", "won-election(Kadima)", "leads(Ehud Olmert, Kadima)"]),
    ("Kadima won the support of the Labour party.", "2006-03-29", []),
    ("Olmert led the Kadima party to defeat in the election.", "2006-03-29", ["leads(Olmert, Kadima)"]),
    # a body that votes to act adopts a resolution; a state that votes does not
    ("The UN Security Council voted 14-0 on Friday to extend the peacekeeping mission in Haiti.", "2009-10-13",
     ["adopted-resolution(UN Security Council)"]),
    ("NATO voted unanimously to suspend ties with Moscow.", "2008-08-19", ["adopted-resolution(NATO)"]),
    ("The UN Security Council voted against sending troops to Darfur.", "2007-05-01", []),
    ("Russia voted to extend the mission.", "2009-10-13", []),
    # posts: a title with what it is for, a title by "its" or "his" in a later clause, a former leader
    ("The British special envoy to Kosovo, Dale Wexford, arrived in Pristina.", "2007-06-01",
     ["post(Dale Wexford, Britain)"]),
    ("Japanese envoy on North Korea Aldo Brixen flew to Seoul.", "2007-06-01", ["post(Aldo Brixen, Japan)"]),
    ("Serbia recalled its envoys, and its Prime Minister Vojislav Kostunica called the move illegal.", "2008-02-18",
     ["leads(Vojislav Kostunica, Serbia)"]),
    ("Serbia criticised NATO, and its Secretary-General Jaap de Hoop Scheffer stayed silent.", "2008-02-18",
     ["leads(Jaap de Hoop Scheffer, NATO)"]),
    ("Syrian President Bashar al-Assad welcomed the plan and sent his foreign minister, Walid al-Moallem, to Beirut.",
     "2008-07-01", ["leads(Bashar al-Assad, Syria)", "post(Walid al-Moallem, Syria)"]),
    ("Former Soviet leader Mikhail Gorbachev criticised the plan.", "2008-08-20", []),
    ("The late Palestinian leader Yasser Arafat was buried in Ramallah.", "2004-11-12", []),
]


@pytest.mark.parametrize("text, date, expect", CASES, ids=[c[0][:60] for c in CASES])
def test_sentence_gives_exactly_the_relations_a_reader_lists(pack, text, date, expect):
    wrong, missed = unexpected_and_missed(pack, text, date, expect,
                                          lambda r: r.name in KINDS, "speech-test")
    assert not wrong and not missed, f"unexpected {wrong}, missed {missed}"


def test_a_condition_in_reported_speech_is_recorded_with_the_claim(pack):
    """'X would happen if Y, Z said': the consequence is Z's claim and carries the condition (kgo:condition)."""
    from rdflib import URIRef
    ev = _scorer()
    g, _, _ = ev._build("The EU will impose sanctions on Iran if Tehran refuses, Solana said.", "speech-test",
                        {"id": "speech-test", "date": dt.date(2006, 6, 1)}, pack)
    kgo = "https://w3id.org/kg-news/ontology#"
    conds = {str(o) for o in g.objects(None, URIRef(kgo + "condition"))}
    assert "The EU will impose sanctions on Iran" in conds
    plain = ev._build("The EU will impose sanctions on Iran, Solana said.", "speech-test",
                      {"id": "speech-test", "date": dt.date(2006, 6, 1)}, pack)[0]
    assert not set(plain.objects(None, URIRef(kgo + "condition")))
