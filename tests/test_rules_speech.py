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
    ("The late Palestinian leader Yasser Arafat was buried in Ramallah.", "2004-11-12", []),    # issue 14, fifth round (the attribution forms of real articles: titles with complements, bodies' officials,
    # outlets, "according to", groups that speak; elections and resolutions)
    # a trailing attribution whose speaker has a title with its complement, or after "said"
    ("Tehran would face new sanctions, the U.S. envoy to the United Nations Zalmay Khalilzad said.", "2007-03-01",
     ["said(Zalmay Khalilzad)", "post(Zalmay Khalilzad, United States)"]),
    ("Hezbollah fired rockets at Haifa overnight, said army spokesman Avi Benayahu.", "2006-07-20",
     ["said(Avi Benayahu)"]),
    ("Khartoum would accept the hybrid force, the U.S. envoy to Sudan said.", "2007-06-01", []),
    # a body's unnamed officials speak for it; its diplomats do not
    ("The alliance will send more troops to Kandahar, NATO officials said.", "2008-04-01", ["said(NATO)"]),
    ('"We will not recognise the vote," African Union officials said.', "2008-07-01", ["said(African Union)"]),
    ("The bloc will review its policy on Cuba, EU diplomats said.", "2008-06-01", []),
    # an outlet named after "reports" or "according to", or by its state's possessive
    ("Turkey had closed its airspace to Israeli jets, reports Interfax.", "2009-10-12", []),  # outlets are sources, never speakers
    ("Russian troops left Gori on Friday, according to the state news agency ITAR-TASS.", "2008-08-22", []),
    ("Turkey had closed its airspace to Israeli jets, reports said.", "2009-10-12", []),
    # "according to" a body or a titled person
    ("According to the African Union, rebels attacked the convoy near El Fasher.", "2007-10-01", ["said(African Union)"]),
    ("According to Pakistani army spokesman Athar Abbas, militants attacked a checkpoint in Swat.", "2009-05-01",
     ["said(Athar Abbas)", "post(Athar Abbas, Pakistan)"]),
    ("According to reports, militants attacked a checkpoint in Swat.", "2009-05-01", []),
    # a condition inside the quotation or before a body's officials: the speaker still speaks (the zone's own test is the rule's example)
    ('"If the rockets do not stop, Israel would attack Hezbollah," Israeli Defence Minister Amir Peretz said.',
     "2006-07-10", ["said(Amir Peretz)", "post(Amir Peretz, Israel)", "claim(Amir Peretz) if attacked(Israel, Hezbollah)"]),
    ("Ethiopia would attack the Islamic Courts Union if they advanced on Baidoa, African Union officials said.", "2006-12-01",
     ["said(African Union)", "claim(African Union) if attacked(Ethiopia, Islamic Courts Union)"]),
    ("Ethiopia attacked the Islamic Courts Union after they advanced on Baidoa, African Union officials said.", "2006-12-01",
     ["said(African Union)", "claim(African Union) attacked(Ethiopia, Islamic Courts Union)"]),
    # one of a group named after "including", a state "and other countries"
    ("Several Gulf states, including Qatar and Oman, have said they would attend the summit.", "2009-03-01",
     ["said(Qatar)", "said(Oman)"]),
    ("Britain and other European countries insist the vote was flawed.", "2009-03-01", ["said(Britain)"]),
    ("Several Gulf states, including Qatar, attended the summit.", "2009-03-01", []),
    # a person who reports; an adverb after the speech verb
    ("The envoy, Lakhdar Brahimi, reported that the factions had agreed to talk.", "2004-05-01", ["said(Lakhdar Brahimi)"]),
    ("A senior Chinese official said bluntly that Beijing would not attend.", "2009-03-01", ["said(China)"]),
    ("A senior Israeli official had said privately that talks would resume.", "2008-05-01", ["said(Israel)"]),
    # a title with its complement before the name
    ("U.N. Special Envoy for Kosovo Martti Ahtisaari arrived in Belgrade.", "2007-02-01",
     ["post(Martti Ahtisaari, United Nations)"]),
    ("The UN envoy for Darfur and Sudanese President Omar al-Bashir met in Khartoum.", "2007-06-01",
     ["leads(Omar al-Bashir, Sudan)"]),
    # elections: sworn in after winning, a relative clause, declared the winner with a title
    ("Ellen Johnson Sirleaf was sworn in for a second term after winning the runoff.", "2012-01-16",
     ["won-election(Ellen Johnson Sirleaf)"]),
    ("Yoweri Museveni, who was re-elected in February, met Mwai Kibaki in Nairobi.", "2011-05-01",
     ["won-election(Yoweri Museveni)"]),
    ("The electoral commission declared President Mwai Kibaki the winner of the disputed vote.", "2008-01-01",
     ["won-election(Mwai Kibaki)", "leads(Mwai Kibaki, Kenya)"]),
    ("Putin congratulated Medvedev on Monday after meeting him in Sochi.", "2008-03-03", []),
    # the writer's relative clause stays a fact inside reported content; a title's state never speaks for its holder
    ("Yoweri Museveni, who was re-elected in February, will visit Nairobi next week, Uganda's state-owned New Vision newspaper said.",
     "2011-05-01", ["won-election(Yoweri Museveni)"]),
    ("The British ambassador to Afghanistan, Sherard Cowper-Coles, did not rule out talks with the Taliban.", "2008-10-01",
     ["said(Sherard Cowper-Coles)", "post(Sherard Cowper-Coles, Britain)"]),
    ("China's foreign minister, Li Zhaoxing, spoke out against new sanctions on Iran.", "2006-03-09",
     ["said(Li Zhaoxing)", "post(Li Zhaoxing, China)"]),
    ("Angela Merkel spoke with Nicolas Sarkozy by telephone.", "2008-03-01", []),
    # resolutions: a participle after a long clause; a veto is the body's negated adoption
    ("The Security Council on Friday renewed the mandate of the African Union force in Somalia for six more months, unanimously adopting resolution 1863.",
     "2009-01-16", ["adopted-resolution(UN Security Council)"]),
    ("The United States vetoed a Security Council resolution condemning the Israeli raid on Beit Hanoun.", "2006-11-11",
     ["not adopted-resolution(UN Security Council)", "attacked(Israel, Beit Hanoun)"]),
    ("The United States vetoed the farm bill.", "2008-05-21", []),
    # issue 14, twelfth round: attribution forms as mechanisms (every speaker, every verb)
    # a named speaker in an apposition after an unnamed title with its complement: the name, never the place
    ("The governor of Kandahar province, Asadullah Khalid, said the Taliban had fled the district.", "2007-06-01",
     ["said(Asadullah Khalid)"]),
    ('"The ballot was clean," a spokesman for the OSCE observers in Tbilisi, Urdur Gunnarsdottir, told Reuters.', "2008-01-06",
     ["said(Urdur Gunnarsdottir)"]),
    ("The governor of Kandahar province said the Taliban had fled the district.", "2007-06-01", []),
    # a speaker quoted by an outlet, or in a participle "quoting X"
    ("Itar-Tass quoted Sergei Lavrov as saying Moscow would send an envoy to Damascus.", "2007-06-01", ["said(Sergei Lavrov)"]),
    ('"The convoy was hit twice," the agency said, quoting Ismail Haniyeh.', "2007-06-01", ["said(Ismail Haniyeh)"]),
    ("Itar-Tass quoted the report in full.", "2007-06-01", []),
    # a statement in the passive, with its speaker after "by"
    ("The truce was announced by Ismail Haniyeh on Sunday.", "2007-06-18", ["said(Ismail Haniyeh)"]),
    ("The truce was broken by Hamas on Sunday.", "2007-06-18", []),
    # naming or judging something in one's own words
    ("Venezuela called it an act of aggression against the region.", "2008-03-03", ["said(Venezuela)"]),
    ('The meeting ended after what the Syrian ambassador called "a frank exchange".', "2008-03-03", ["said(Syria)"]),
    ("Venezuela called an emergency meeting of OPEC.", "2008-03-03", []),
    # a document of an actor is the actor's statement
    ("A new World Bank report said the Palestinian economy had shrunk by a third.", "2007-06-01", ["said(World Bank)"]),
    ("According to a statement from NATO, the convoy reached Kabul safely.", "2008-06-01", ["said(NATO)"]),
    ("A report on NATO said the convoy reached Kabul safely.", "2008-06-01", []),
    # verbs of speech beyond "said": retorted, admitted that; never "conceded defeat", "admitted lying"
    ("China retorted that the report was groundless.", "2008-03-20", ["said(China)"]),
    ("Pakistan admitted that its helicopters had crossed the border.", "2008-06-12", ["said(Pakistan)"]),
    ("Viktor Yanukovych admitted lying to parliament.", "2008-06-12", []),
    # a speaker with a dash aside, or in a relative clause with a perfect tense
    ("The Arab League — the 22-member regional body — said the blockade must end.", "2008-03-03", ["said(Arab League)"]),
    ("China, which has said it opposes new sanctions, sent an envoy to Khartoum.", "2007-06-01", ["said(China)"]),
    # a participle that takes a that-clause, after a long first clause
    ("The African Union suspended Mauritania on Wednesday after the coup in the capital Nouakchott, declaring that the seizure of power was illegal.",
     "2008-08-07", ["said(African Union)"]),
    # a trailing attribution in the plural present; "according to" a state's people named by its demonym
    ("The border crossing at Rafah stayed closed overnight, Egyptian officials say.", "2008-01-25", ["said(Egypt)"]),
    ("According to Turkish officials, the indirect talks had stalled.", "2008-06-01", ["said(Turkey)"]),
    # elections: the head of the winner's noun phrase, never the body it is "of" nor the leader it is "led by"
    ("The Kadima party, backed by Ariel Sharon, won the most seats.", "2006-03-29", ["won-election(Kadima)"]),
    ("Mahinda Rajapaksa of the Sri Lanka Freedom Party was declared the winner of the presidential election.", "2005-11-18",
     ["won-election(Mahinda Rajapaksa)"]),
    ("Kadima won 29 of the 120 seats in the Knesset election.", "2006-03-29", ["won-election(Kadima)"]),
    ("Cairo welcomed Hamas's surprise victory in the parliamentary election.", "2006-01-27", ["won-election(Hamas)"]),
    ("Cairo welcomed Israel's victory over Hezbollah.", "2006-08-15", []),
    # a body's vote with its tally and abstentions adopts a resolution
    ("The UN Security Council voted 13-0 with two abstentions to extend the mission in Lebanon.", "2007-08-24",
     ["adopted-resolution(UN Security Council)"]),
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


# A condition in a speaker's words: the consequence is the speaker's claim under that condition, which
# the held-out scorer reads back as "claim(X) if ..." (kgo:condition beside kgo:claimedBy); without a
# condition the claim is plain. Meetings are read too, as the relation inside.
CONDITION_CASES: list[tuple[str, str, list[str]]] = [
    ('"If the vote is fair, the European Union will meet Hamas," EU officials said.', "2006-01-20",
     ["said(European Union)", "claim(European Union) if planned met(European Union, Hamas)"]),
    ("Russia will meet Hamas in Moscow if the rockets stop, Lavrov said.", "2006-02-20",
     ["said(Sergei Lavrov)", "claim(Sergei Lavrov) if planned met(Russia, Hamas)"]),
    ("Russia met Hamas in Moscow after the rockets stopped, Lavrov said.", "2006-03-05",
     ["said(Sergei Lavrov)", "claim(Sergei Lavrov) met(Russia, Hamas)"]),
]


@pytest.mark.parametrize("text, date, expect", CONDITION_CASES, ids=[c[0][:60] for c in CONDITION_CASES])
def test_a_claim_under_a_condition_is_scored_as_one(pack, text, date, expect):
    wrong, missed = unexpected_and_missed(pack, text, date, expect,
                                          lambda r: r.name in KINDS | {"met"}, "speech-test")
    assert not wrong and not missed, f"unexpected {wrong}, missed {missed}"


# issue 14, thirteenth round: who said it, as mechanisms over every frame. A trailing attribution to an
# unnamed spokesman or official "for", "of" or "at" an actor, or to an actor's wing; a speaker placed by
# a city; a frame whose text runs on into the attribution is still inside what the speaker said; a
# negation in the first clause is not the participle's ("..., his office said, denying a report");
# "had promised to" is a pledge, not speech inside speech; an act before another speaker's "said in a
# statement" is not done in that statement.
WHO_SAID_CASES: list[tuple[str, str, list[str]]] = [
    ("Hezbollah did not fire on Israeli troops, a spokesman for Hezbollah said.", "2006-07-20",
     ["said(Hezbollah)", "claim(Hezbollah) not attacked(Hezbollah, Israel)"]),
    ("Fatah gunmen attacked a Hamas office in Gaza City, Hamas's armed wing said.", "2007-05-14",
     ["said(Hamas)", "claim(Hamas) attacked(Fatah, Hamas)"]),
    ("Hu Jintao did not ask Kim Jong Il to dismantle the reactor, a Chinese Foreign Ministry spokesman said.", "2006-10-20",
     ["said(Chinese Foreign Ministry)", "claim(Chinese Foreign Ministry) not urged(Hu Jintao, Kim Jong Il)"]),
    ("The Defence Ministry in Ankara announced on Monday that Turkish jets had bombed PKK camps.", "2008-02-25",
     ["said(Defence Ministry Turkey)", "claim(Defence Ministry Turkey) attacked(Turkey, Kurdistan Workers Party)"]),
    ("Gordon Brown will not attend the Beijing Games, his office said on Friday, denying a report in The Times.", "2008-04-11",
     ["denied(Gordon Brown)"]),
    ("Hamid Karzai said Pakistan had promised to close the training camps.", "2007-05-01",
     ["said(Hamid Karzai)", "claim(Hamid Karzai) pledged(Pakistan)"]),
    # elections: the loser's concession names the winner; a post taken after winning the vote
    ("Viktor Yushchenko conceded defeat to Viktor Yanukovych on Monday.", "2010-02-08",
     ["won-election(Viktor Yanukovych)", "not won-election(Viktor Yushchenko)"]),
    ("Michelle Bachelet became Chile's first woman president after winning the January runoff.", "2006-03-11",
     ["won-election(Michelle Bachelet)"]),
    ("Michelle Bachelet became Chile's defence minister after the cabinet reshuffle.", "2006-03-11", []),
    # a resolution as the object of a relative clause; a speaker dismissing something in quoted words
    ("Khartoum rejected the resolutions the UN Security Council had passed on Darfur.", "2006-09-01",
     ["adopted-resolution(UN Security Council)"]),
    ('Venezuela dismissed the report as "a fairy tale".', "2008-03-03", ["said(Venezuela)", "denied(Venezuela)"]),
    # negatives: a spokesman who says nothing, a spokesman named for no one
    ("Hezbollah did not fire on Israeli troops, a spokesman for the hospital said.", "2006-07-20",
     ["not attacked(Hezbollah, Israel)"]),
    ("A spokesman for Hezbollah declined to comment on the clash with Israeli troops.", "2006-07-20", []),
]


@pytest.mark.parametrize("text, date, expect", WHO_SAID_CASES, ids=[c[0][:60] for c in WHO_SAID_CASES])
def test_who_said_it_holds_every_frame_inside(pack, text, date, expect):
    wrong, missed = unexpected_and_missed(pack, text, date, expect,
                                          lambda r: r.name in KINDS | {"urged", "pledged"}, "speech-test")
    assert not wrong and not missed, f"unexpected {wrong}, missed {missed}"


# Round 14, who said it in real articles: "it" that stands for a state or body before a verb of
# speaking or of a stand (its sentence's subject, or the one before; never a person, never a thing);
# an audience told without "that"; an unknown title before a trailing speaker; a state's post's
# office; an attribution between commas inside what is said.
ROUND14_CASES: list[tuple[str, str, list[str]]] = [
    ("The Chinese Foreign Ministry summoned the Japanese ambassador on Monday. It said the dispute over the islands must end.",
     "2010-09-13", ["said(Chinese Foreign Ministry)"]),
    ('"The decision is final," the Chinese Foreign Ministry said. "Beijing will not change its position," it added.',
     "2010-09-13", ["said(Chinese Foreign Ministry)"]),
    ("Venezuela handed Colombia a list of what it said were rebel camps.", "2008-03-03", ["said(Venezuela)"]),
    ("The Chinese Foreign Ministry summoned the Japanese ambassador on Monday. It also denied that Chinese ships had entered Japanese waters.",
     "2010-09-13", ["denied(Chinese Foreign Ministry)"]),
    ("Ban Ki-moon met the Sudanese envoy in New York. It said the talks had stalled.", "2007-06-01", []),
    ("The annual report was published in Geneva on Monday. It said the talks had stalled.", "2007-06-01", []),
    # a quotation then "the" and a body or state: the quotation is its, and what it names inside is its claim
    ('"Ethiopian troops attacked Somalia without any reason," the African Union said in a statement.', "2007-04-01",
     ["said(African Union)", "claim(African Union) attacked(Ethiopia, Somalia)"]),
    ("Ban Ki-moon told a radio interviewer the talks in Geneva had stalled.", "2007-06-01", ["said(Ban Ki-moon)"]),
    ("Ban Ki-moon told the General Assembly on Tuesday he hoped the talks would resume.", "2007-06-01", ["said(Ban Ki-moon)"]),
    ("Ban Ki-moon told Sudan to accept the peacekeepers.", "2007-06-01", []),
    ("Sarkozy would travel to Algiers next month, the French president's office said.", "2007-11-20", ["said(France)"]),
    ("Damascus, Lavrov said, would attend the conference in Annapolis.", "2007-11-20", ["said(Sergei Lavrov)"]),
    # a state's part after the state opens the sentence as its subject; never after a state named only as a target
    ("Israeli warplanes struck two Hamas training camps overnight, the military said.", "2008-12-28",
     ["said(Israel)", "claim(Israel) attacked(Israel, Hamas)"]),
    ("Hamas fired mortar shells at southern Israel overnight, the military said.", "2008-12-28", ["if attacked(Hamas, Israel)"]),
    # according to what an actor released; a victory swept to in an election; a resolution a body adopted in a
    # relative clause without an auxiliary; a body that failed, on a day, to adopt one
    ("Fatah won the most seats, according to official results released by the Central Elections Commission.", "2006-01-27",
     ["said(Central Elections Commission)", "claim(Central Elections Commission) won-election(Fatah)"]),
    ("The Kadima party swept to a clear victory in the Knesset election.", "2006-03-29", ["won-election(Kadima)"]),
    ("The Kadima party swept to power after the war.", "2006-03-29", []),
    ("Resolution 1559, which the UN Security Council passed in 2004, demands the disarming of militias.", "2006-07-20",
     ["adopted-resolution(UN Security Council)"]),
    ("The UN Security Council failed on Wednesday to adopt a resolution on Myanmar.", "2007-01-12",
     ["not adopted-resolution(UN Security Council)"]),
]


@pytest.mark.parametrize("text, date, expect", ROUND14_CASES, ids=[c[0][:60] for c in ROUND14_CASES])
def test_round14_speakers(pack, text, date, expect):
    wrong, missed = unexpected_and_missed(pack, text, date, expect, lambda r: r.name in KINDS, "speech-test")
    assert not wrong and not missed, f"unexpected {wrong}, missed {missed}"


# the fifteenth round: a quoted speaker after other participles than "saying" ("as confirming", "saying"
# without "as"), a state's unnamed source, and speech under way ("are saying", "has been insisting")
ROUND15_CASES: list[tuple[str, str, list[str]]] = [
    ("Xinhua quoted a Chinese government source as confirming the visit.", "2009-03-01", ["said(China)"]),
    ("Interfax quoted Deputy Foreign Minister Alexander Saltanov saying Moscow would send an envoy.", "2006-03-01",
     ["said(Alexander Saltanov)"]),
    ("Iran's leaders are saying the offer is a trap.", "2009-11-01", ["said(Iran)"]),
    ("Moscow has been insisting that the deal stands.", "2009-11-01", ["said(Russia)"]),
    ("Interfax quoted the report in full.", "2009-11-01", []),
    # a list as the subject of a first verb, then "and said" / "but said"; after a dateline too
    ("Chile and Peru signed a fisheries pact in Lima and said they would meet again.", "2009-11-01",
     ["said(Chile)", "said(Peru)"]),
    ("LIMA - Chile and Peru signed a fisheries pact on Monday but said the border dispute was not settled.", "2009-11-01",
     ["said(Chile)", "said(Peru)"]),
    # "indicated" of a speaker reports what he said; a quotation, then a short description kg knows no title for
    ("Ban Ki-moon indicated the mission in Darfur would be extended.", "2008-01-01", ["said(Ban Ki-moon)"]),
    ("The envoy met Hamid Karzai, who indicated that he would attend the conference.", "2008-01-01", ["said(Hamid Karzai)"]),
    ("Polls indicated a close race.", "2008-01-01", []),
    ('"The border will stay open," veteran Afghan politician Hamid Karzai told reporters.', "2008-01-01", ["said(Hamid Karzai)"]),
    # a state's people after its possessive, then ", saying"; the unnamed officials of named actors after the content
    ("Georgia's government has asked for observers, saying the ceasefire was not holding.", "2008-08-20", ["said(Georgia)"]),
    ("Serbia and Croatia began two days of talks on the border, officials from both sides said.", "2008-08-20",
     ["said(Serbia)", "said(Croatia)"]),
    ("Serbia and Croatia began two days of talks on the border, officials said.", "2008-08-20", []),
]


@pytest.mark.parametrize("text, date, expect", ROUND15_CASES, ids=[c[0][:60] for c in ROUND15_CASES])
def test_round15_speakers(pack, text, date, expect):
    wrong, missed = unexpected_and_missed(pack, text, date, expect, lambda r: r.name in KINDS, "speech-test")
    assert not wrong and not missed, f"unexpected {wrong}, missed {missed}"


# Round 17: a pledge (or any act whose unasserted content is captured as text) followed by a trailing
# attribution is the speaker's claim even when the sentence runs on after the speech verb ("..., Sudan's
# foreign ministry said in a statement", "..., Gordon Brown said after meeting him"), and the speech itself is
# asserted, not inside the pledge's content; and a group named before its members set off by dashes speaks
ROUND17_CASES: list[tuple[str, str, list[str]]] = [
    ("Angela Merkel pledged to send more police trainers to Afghanistan, Nicolas Sarkozy said after meeting her in Paris.",
     "2008-04-03", ["said(Nicolas Sarkozy)", "claim(Nicolas Sarkozy) pledged(Angela Merkel)"]),
    ("Kagame received the envoy in Kigali and pledged to support the peace process, Rwanda's foreign ministry said in a "
     "statement.", "2008-04-03", ["said(Rwandan Foreign Ministry)", "claim(Rwandan Foreign Ministry) pledged(Paul Kagame)"]),
    # a named group described after "of", then its members between dashes: the group speaks, not each member
    ("The Gulf Cooperation Council of six Arab monarchies -- Saudi Arabia, Kuwait, Bahrain, Qatar, the UAE and Oman -- said "
     "the talks had failed.", "2008-04-03", ["said(Gulf Cooperation Council)"]),
]


@pytest.mark.parametrize("text, date, expect", ROUND17_CASES, ids=[c[0][:60] for c in ROUND17_CASES])
def test_round17_a_trailing_speaker_holds_a_pledge_told_before_him(pack, text, date, expect):
    wrong, missed = unexpected_and_missed(pack, text, date, expect, lambda r: r.name in KINDS | {"pledged"}, "speech-test")
    assert not wrong and not missed, f"unexpected {wrong}, missed {missed}"


# Round 18: the speaker is never an actor named inside the subject's own relative clause or the rest of a list it ends
ROUND18_CASES: list[tuple[str, str, list[str]]] = [
    # a long relative clause that lists states: the subject before it speaks, no state of the list
    ("Javier Solana, who has toured Syria, Egypt, Lebanon, Israel, Qatar and Saudi Arabia since Monday, said the visits had "
     "been useful.", "2008-04-03", ["said(Javier Solana)"]),
    # an apposition, then a relative clause naming a state after "from": the person speaks
    ("Jan Eliasson, the Secretary-General's Special Envoy for Darfur, which has seen fighting spread from Sudan into Chad and the "
     "Central African Republic, said the rebels had agreed to talk.", "2008-04-03", ["said(Jan Eliasson)"]),
    # a trailing speaker's aside is never the rest of a list ("..., Egypt, Syria and Jordan, said")
    ("Amr Moussa, who met leaders of Iraq, Egypt, Syria and Jordan, said on Monday the summit would go ahead.", "2008-04-03",
     ["said(Amr Moussa)"]),
    # the subject unknown to kg: still no state of the list speaks
    ("Moussa, who met leaders of Iraq, Egypt, Syria and Jordan, said on Monday the summit would go ahead.", "2008-04-03", []),
    # a name right after a preposition is its object, never the speaker of what follows
    ("The report, which calls for withdrawing all foreign forces from Syria, disbanding all militias and holding free elections, "
     "said the vote should wait.", "2008-04-03", []),
    ("David Cameron stood by his comments but Asif Ali Zardari said he would challenge him over the remarks.", "2010-08-06",
     ["said(Asif Ali Zardari)"]),
    # ... unless people who speak for the place come before it, or the speech is the object's relative clause
    ("Officials in Hungary say gas supplies have fallen by a third.", "2009-01-08", ["said(Hungary)"]),
    ("The plan is opposed by Russia, which has said it will veto any resolution.", "2008-04-03", ["said(Russia)"]),
    # a trailing speaker with his description still speaks
    ("The talks will resume next week, Ali Larijani, Iran's top nuclear negotiator, said.", "2008-04-03", ["said(Ali Larijani)"]),
]


@pytest.mark.parametrize("text, date, expect", ROUND18_CASES, ids=[c[0][:60] for c in ROUND18_CASES])
def test_round18_no_speaker_inside_the_subjects_relative_clause_or_list(pack, text, date, expect):
    wrong, missed = unexpected_and_missed(pack, text, date, expect, lambda r: r.name == "said", "speech-test")
    assert not wrong and not missed, f"unexpected {wrong}, missed {missed}"


# Round 18: a possibility inside a condition or a question ends with it ("Asked if he could confirm ..., X said ...")
ROUND18_ASKED_CASES: list[tuple[str, str, list[str]]] = [
    ("Asked if he could confirm reports that Eritrean troops were fighting in Somalia, Ban Ki-moon said the United Nations had "
     "no monitors there.", "2007-01-10", ["said(Ban Ki-moon)"]),
    ("When asked whether Iran might suspend enrichment, Manouchehr Mottaki said the question did not arise.", "2007-01-10",
     ["said(Manouchehr Mottaki)"]),
]


@pytest.mark.parametrize("text, date, expect", ROUND18_ASKED_CASES, ids=[c[0][:60] for c in ROUND18_ASKED_CASES])
def test_round18_a_possibility_inside_a_question_ends_with_it(pack, text, date, expect):
    wrong, missed = unexpected_and_missed(pack, text, date, expect, lambda r: r.name == "said", "speech-test")
    assert not wrong and not missed, f"unexpected {wrong}, missed {missed}"


# Round 19 (references to actors): those who govern from a capital speak for its state ("the authorities
# in Tehran said", "Officials in Minsk stated"); "U.S. officials in Kabul" are not Afghanistan's
ROUND19_CAPITAL_CASES: list[tuple[str, str, list[str]]] = [
    ("Officials in Minsk stated that the border crossing had been closed.", "2008-04-03", ["said(Belarus)"]),
    ("The authorities in Harare said the activists had been freed on bail.", "2008-04-03", ["said(Zimbabwe)"]),
    ("U.S. officials in Kabul said the convoy had been attacked.", "2008-04-03", []),  # (never Afghanistan)
]


@pytest.mark.parametrize("text, date, expect", ROUND19_CAPITAL_CASES, ids=[c[0][:60] for c in ROUND19_CAPITAL_CASES])
def test_round19_those_who_govern_from_a_capital_speak_for_its_state(pack, text, date, expect):
    wrong, missed = unexpected_and_missed(pack, text, date, expect, lambda r: r.name == "said", "speech-test")
    assert not wrong and not missed, f"unexpected {wrong}, missed {missed}"


# Round 20: a news outlet named as the source of a report is no speaker, and what it reports is the
# article's own text (held-out conventions 53 and the settled list: an outlet is never a said-actor),
# whether it "reported" or "said", before or after the report, named alone or as a state's agency;
# a speaker inside the report keeps his words, and a body that is not an outlet still speaks.
ROUND20_OUTLET_CASES: list[tuple[str, str, list[str]]] = [
    ("The European Union imposed new sanctions on Belarus on Monday, Xinhua reported.", "2008-04-03",
     ["sanctioned(European Union, Belarus)"]),
    ("Kyodo News said Japan had imposed sanctions on North Korea after the missile launch.", "2006-07-10",
     ["sanctioned(Japan, North Korea)"]),
    ("Israeli jets attacked Hezbollah positions on Sunday, Syria's state news agency SANA said.", "2006-07-20",
     ["attacked(Israel, Hezbollah)"]),
    ("Japan imposed sanctions on North Korea, the official Yonhap news agency said.", "2006-07-10",
     ["sanctioned(Japan, North Korea)"]),
    ("Sergei Lavrov said the United States had imposed sanctions on Iran, RIA Novosti reported.", "2008-04-03",
     ["said(Sergei Lavrov)", "claim(Sergei Lavrov) sanctioned(United States, Iran)"]),
    ("The European Union imposed new sanctions on Belarus, the Russian Foreign Ministry said.", "2008-04-03",
     ["said(Russian Foreign Ministry)", "claim(Russian Foreign Ministry) sanctioned(European Union, Belarus)"]),
]


@pytest.mark.parametrize("text, date, expect", ROUND20_OUTLET_CASES, ids=[c[0][:60] for c in ROUND20_OUTLET_CASES])
def test_round20_an_outlet_is_the_source_of_a_report_never_a_speaker(pack, text, date, expect):
    wrong, missed = unexpected_and_missed(pack, text, date, expect, lambda r: r.name in {"said", "sanctioned", "attacked"},
                                          "speech-test")
    assert not wrong and not missed, f"unexpected {wrong}, missed {missed}"


# Round 20: "Turkish warplanes bombed ..., the military said": the army of the state its demonym names
# speaks for the state, and what it says is the state's claim (conventions 125), not a possibility.
ROUND20_FORCES_CASES: list[tuple[str, str, list[str]]] = [
    ("Pakistani troops killed 20 Taliban fighters in the Swat valley on Friday, the army said.", "2009-05-08",
     ["said(Pakistan)", "claim(Pakistan) attacked(Pakistan, Taliban)"]),
    ("Israeli troops killed two Hamas gunmen near the Gaza border fence, the military said.", "2008-01-15",
     ["said(Israel)", "claim(Israel) attacked(Israel, Hamas)"]),
]


@pytest.mark.parametrize("text, date, expect", ROUND20_FORCES_CASES, ids=[c[0][:60] for c in ROUND20_FORCES_CASES])
def test_round20_a_states_army_after_its_forces_act_makes_the_states_claim(pack, text, date, expect):
    wrong, missed = unexpected_and_missed(pack, text, date, expect, lambda r: r.name in {"said", "attacked"}, "speech-test")
    assert not wrong and not missed, f"unexpected {wrong}, missed {missed}"
