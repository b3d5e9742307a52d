"""Leaders, posts, memberships and statements on sentences written for these tests in wire style
(none from the held-out or development sets): each sentence is built with the whole pack and its
leads / post / member / said relations, read back from the RDF by the held-out scorer, must be
exactly the ones a reader lists (data/rules/leadership.yaml, posts.yaml, membership.yaml,
speech.yaml, context.yaml; data/roles.yaml). Negatives must give none of them."""
from __future__ import annotations

import datetime as dt

import pytest

from .relations_check import scorer as _scorer, unexpected_and_missed

KINDS = {"leads", "post", "member", "said"}


# (sentence, article date, relations a reader lists: only leads, post, member and said)
CASES: list[tuple[str, str, list[str]]] = [
    # a title before the name, with the state as adjective or possessive; heads lead, others hold posts
    ("Japanese Prime Minister Shinzo Abe arrived in Beijing on Sunday for his first summit with Chinese leaders.",
     "2006-10-08", ["leads(Shinzo Abe, Japan)"]),
    ("Egypt's President Hosni Mubarak received the Jordanian monarch in Sharm el-Sheikh.",
     "2007-01-04", ["leads(Hosni Mubarak, Egypt)"]),
    ("Syrian President Bashar al-Assad rejected the report as politically motivated.",
     "2005-10-21", ["leads(Bashar al-Assad, Syria)"]),
    ("U.S. Vice President Dick Cheney arrived in Baghdad on an unannounced visit.",
     "2007-05-09", ["post(Dick Cheney, United States)"]),
    ("Iranian government spokesman Gholam Hossein Elham dismissed the deadline.",
     "2006-08-20", ["post(Gholam Hossein Elham, Iran)"]),
    ("U.S. Deputy Secretary of State John Negroponte arrived in Islamabad on Monday.",
     "2007-11-19", ["post(John Negroponte, United States)"]),
    ("Hamas politburo chief Khaled Meshaal spoke in Damascus.", "2007-06-20", ["leads(Khaled Meshaal, Hamas)"]),
    # a title without its state: placed from the holder's government in the gazetteer, never from a
    # Secretary-General's national career
    ("Hezbollah's ministers walked out on Prime Minister Fouad Siniora's cabinet.", "2006-11-11",
     ["leads(Fouad Siniora, Lebanon)"]),
    ("Chancellor Angela Merkel flew to Washington on Thursday.", "2007-04-30", ["leads(Angela Merkel, Germany)"]),
    # round 15: a secretary-general is placed in the body the gazetteer lists him in (the sets read him as its head)
    ("Secretary-General Ban Ki-moon arrived in Nairobi on Sunday.", "2007-02-04", ["leads(Ban Ki-moon, United Nations)"]),
    ("Hezbollah's deputy leader Naim Qassem said the group would not disarm.", "2006-09-20",
     ["post(Naim Qassem, Hezbollah)", "member(Naim Qassem, Hezbollah)", "said(Naim Qassem)"]),
    # the title after the name
    ("Jalal Talabani, Iraq's Kurdish president, arrived in Ankara for talks.",
     "2008-03-07", ["leads(Jalal Talabani, Iraq)"]),
    ("Sergei Lavrov, Russia's foreign minister, arrived in Tehran on Monday.",
     "2007-10-08", ["post(Sergei Lavrov, Russia)"]),
    ("Kofi Annan, the secretary-general of the United Nations, flew to Beirut.",
     "2006-08-28", ["leads(Kofi Annan, United Nations)"]),
    ("OPEC President Chakib Khelil, Algeria's energy minister, arrived in Vienna.",
     "2008-12-16", ["leads(Chakib Khelil, OPEC)", "post(Chakib Khelil, Algeria)"]),
    ("Ehud Olmert, who is now Israel's prime minister, spent years as mayor of Jerusalem.",
     "2006-05-04", ["leads(Ehud Olmert, Israel)"]),
    ("Baitullah Mehsud, a Taliban commander with links to al-Qaeda, went into hiding.",
     "2008-01-20", ["post(Baitullah Mehsud, Taliban)"]),
    # a counterpart holds the same post in the other state
    ("British Foreign Secretary Margaret Beckett and her French counterpart Philippe Douste-Blazy met in Paris.",
     "2006-07-12", ["post(Margaret Beckett, Britain)", "post(Philippe Douste-Blazy, France)"]),
    ("Israeli Prime Minister Ehud Olmert and his Turkish counterpart Recep Tayyip Erdogan spoke by telephone.",
     "2007-02-14", ["leads(Ehud Olmert, Israel)", "leads(Recep Tayyip Erdogan, Turkey)"]),
    # leaders of organisations
    ("Khaled Meshaal, the leader of the Islamist Hamas movement, said the group would not disarm.",
     "2006-09-22", ["leads(Khaled Meshaal, Hamas)", "said(Khaled Meshaal)"]),
    ("The Palestinian Authority, led by Mahmoud Abbas, rejected the plan.", "2006-01-27",
     ["leads(Mahmoud Abbas, Palestinian Authority)"]),
    ("Opposition leader Morgan Tsvangirai, of the MDC, said he would not take part.",
     "2008-06-22", ["leads(Morgan Tsvangirai, MDC)", "said(Morgan Tsvangirai)"]),
    ("The Hamas-led Palestinian Authority refused to recognise Israel.", "2006-04-02",
     ["leads(Hamas, Palestinian Authority)"]),
    ("The U.S.-led coalition handed over security in the province to Iraqi forces.", "2007-05-30", []),
    # former, ex- and then- titles give no current post
    ("Former Israeli Prime Minister Ehud Barak returned to politics on Tuesday.", "2007-06-12", []),
    ("Ex-President Mohammad Khatami criticised the government's nuclear diplomacy.", "2007-03-15", []),
    ("Ehud Barak, a former Israeli prime minister, won the Labour primary.", "2007-06-12", []),
    ("The late King Hussein of Jordan signed a peace treaty with Israel in 1994.", "2006-02-07", []),
    # membership
    ("Norway is not a member of the European Union.", "2006-05-02", ["not member(Norway, European Union)"]),
    ("Germany and France, the European Union's two biggest economies, backed the plan.",
     "2007-03-09", ["member(Germany, European Union)", "member(France, European Union)"]),
    ("NATO members Turkey and Greece agreed to hold talks.", "2006-05-18",
     ["member(Turkey, NATO)", "member(Greece, NATO)"]),
    ("Poland, a member of both NATO and the European Union, depends on Russian gas.", "2006-01-03",
     ["member(Poland, NATO)", "member(Poland, European Union)"]),
    # a second title by "its", a title between two names, a holder who heads a body of a state
    ("Iran's President Mahmoud Ahmadinejad and its top nuclear negotiator, Ali Larijani, rejected the offer.", "2007-06-01",
     ["leads(Mahmoud Ahmadinejad, Iran)", "post(Ali Larijani, Iran)"]),
    ("Israel killed Arafat, the Israeli foreign minister, Tzipi Livni, said.", "2007-06-01",
     ["post(Tzipi Livni, Israel)", "said(Tzipi Livni)"]),
    ("Ali Larijani, who heads Iran's nuclear negotiating team, arrived in Vienna.", "2006-09-09", []),
    ("Mohamed ElBaradei, who heads the International Atomic Energy Agency, arrived in Tehran.", "2006-09-09",
     ["leads(Mohamed ElBaradei, International Atomic Energy Agency)"]),
    # attributions
    ('"We will not give up our rights," Iranian President Mahmoud Ahmadinejad said.',
     "2006-04-28", ["said(Mahmoud Ahmadinejad)", "leads(Mahmoud Ahmadinejad, Iran)"]),
    ('Russian President Vladimir Putin said: "Nobody can isolate Iran."',
     "2006-06-15", ["said(Vladimir Putin)", "leads(Vladimir Putin, Russia)"]),
    ('"The talks were useful," said the foreign minister, Sergei Lavrov.', "2006-03-04", ["said(Sergei Lavrov)"]),
    ('"The talks were useful," Lavrov told reporters at the airport.', "2006-03-04", ["said(Lavrov)"]),
    ("Javier Solana told Interfax that Tehran had to suspend enrichment.", "2006-06-05", ["said(Javier Solana)"]),
    ("Javier Solana was quoted as saying the offer remained on the table.", "2006-06-05", ["said(Javier Solana)"]),
    ("Speaking at a news conference in Moscow, Sergei Lavrov said the talks had failed.",
     "2006-07-04", ["said(Sergei Lavrov)"]),
    ("Asked whether Israel would attack Iran, Ehud Olmert said all options remained open.",
     "2007-11-06", ["said(Ehud Olmert)"]),
    ("Iran will not suspend enrichment, according to Russia's Interfax news agency.",
     "2006-08-22", []),  # an outlet is the source of a report, no speaker (conventions 53)
    ("Hamas will not recognise Israel, the Russian Foreign Ministry said.", "2006-03-04",
     ["said(Russian Foreign Ministry)"]),
    ('"We will not attend the talks," a Hamas spokesman told Reuters.', "2006-03-04", ["said(Hamas)"]),
    ("A spokesman for NATO said the alliance would send more troops.", "2006-09-14", ["said(NATO)"]),
    ("Zimbabwe could face sanctions if the vote goes ahead, British Foreign Secretary David Miliband said.",
     "2008-06-24", ["said(David Miliband)", "post(David Miliband, Britain)"]),
    ('"Iran has a choice to make," Condoleezza Rice said, adding that the offer would not stand forever.',
     "2006-06-01", ["said(Condoleezza Rice)"]),
    # a title inside reported speech is the writer's: asserted, not the speaker's claim
    ("Iranian President Mahmoud Ahmadinejad will visit Baghdad next month, the official IRNA news agency said.",
     "2008-02-10", ["leads(Mahmoud Ahmadinejad, Iran)"]),
    ("Sergei Lavrov said Russian President Vladimir Putin would not visit Tehran.",
     "2007-10-15", ["leads(Vladimir Putin, Russia)", "said(Sergei Lavrov)"]),
    ('The Russian Foreign Ministry called the decision "a serious mistake" and summoned the ambassador.', "2007-07-17",
     ["said(Russian Foreign Ministry)"]),
    # speech that is not a statement by the named actor
    ("Kosovo declared independence from Serbia on Sunday.", "2008-02-17", []),
    ("Hamas claimed responsibility for the suicide bombing in Tel Aviv.", "2006-04-17", ["said(Hamas)"]),
    ("The head of the press office at the United Nations said the hall had been closed.", "2007-09-20", []),
    # a participle after a denial is a statement of its own (held-out conventions), but the title's state never speaks
    ("Iran dismissed the report as baseless, saying it had never hidden anything from the agency.", "2006-11-05", ["said(Iran)"]),
    ("U.S. Secretary of State Hillary Clinton called on Assad to step aside, saying he had lost legitimacy.", "2011-08-18",
     ["said(Hillary Clinton)", "post(Hillary Clinton, United States)"]),
    ('"We will not give in to pressure," Mr. Lavrov told journalists in Moscow.', "2007-10-31", ["said(Sergei Lavrov)"]),
    ("The deal was still unacceptable to China -- the North's closest ally -- which said it would not search ships.",
     "2006-10-15", ["said(China)"]),
    ("Iraq's nuclear plans are peaceful, an Iraqi government spokesman said.", "2008-03-01", ["said(Iraq)"]),
    ("Turkish warplanes bombed Kurdish rebel positions in northern Iraq, the military said.", "2008-02-22", ["said(Turkey)"]),
    ("Palestinian militants fired rockets at Sderot, the army said.", "2007-05-20", []),
    ("Putin arrived in Tehran on Tuesday, Russia's Interfax and RIA Novosti news agencies reported.", "2007-10-16",
     []),
    ("German Chancellor Angela Merkel urged Iran to halt enrichment in a speech on Monday.", "2007-03-12",
     ["said(Angela Merkel)", "leads(Angela Merkel, Germany)"]),
    ("The talks were held in the former Soviet state of Georgia.", "2008-08-20", []),
    ("Muntazer al-Zaidi, an Iraqi reporter, threw his shoes at George W. Bush during a news conference in Baghdad.", "2008-12-15", []),
    ("Foreign ministry spokesman Mohammad Ali Hosseini told reporters on Monday the talks would go ahead.", "2007-06-11",
     ["said(Mohammad Ali Hosseini)"]),
    # names the gazetteer gained: surnames alone, a party by its common name, an election won in a relative clause
    ("Chavez said the FARC guerrillas were insurgent armies, not terrorists.", "2008-01-11", ["said(Hugo Chavez)"]),
    ("Olmert said Israel would not negotiate with Hamas.", "2007-03-20", ["said(Ehud Olmert)"]),
    ("Tamil Tiger leader Velupillai Prabhakaran was killed on Monday.", "2009-05-18", ["leads(Velupillai Prabhakaran, Liberation Tigers of Tamil Eelam)"]),
    ("Pakistani Taliban leader Hakimullah Mehsud threatened new attacks.", "2009-10-20", ["leads(Hakimullah Mehsud, Tehrik-i-Taliban Pakistan)"]),
    ("Japan's U.N. Ambassador Kenzo Oshima will chair the talks.", "2006-10-09", ["post(Kenzo Oshima, Japan)"]),
    ("UK Foreign Secretary David Miliband raised the issue with Tbilisi.", "2008-10-28", ["post(David Miliband, United Kingdom)"]),
    ("The gas deal was sealed by prime ministers Vladimir Putin and Yulia Tymoshenko in Yalta.", "2009-11-20",
     ["leads(Vladimir Putin, Russia)", "leads(Yulia Tymoshenko, Ukraine)"]),
    ("Annan met Kenyan presidential adviser and chief negotiator Mutula Kilonzo in Nairobi.", "2008-02-04",
     ["post(Mutula Kilonzo, Kenya)"]),
    ("Finland, which holds the rotating presidency of the European Union, called for a ceasefire.", "2006-07-20",
     ["leads(Finland, European Union)"]),
    ("Finland wants the European Union to hold talks with Iran.", "2006-07-20", []),
    ("Palestinian President Mahmoud Abbas arrived in Cairo.", "2007-06-01", ["leads(Mahmoud Abbas, Palestinian Authority)"]),
    ("Abbas was invited to Washington, Palestinian officials said.", "2007-06-01", ["said(Palestinian Authority)"]),
    ("Ukrainian Prime Minister Yulia Tymoshenko arrived for talks with Russian counterpart Vladimir Putin.", "2008-10-02",
     ["leads(Yulia Tymoshenko, Ukraine)", "leads(Vladimir Putin, Russia)"]),
    ("Lavrov dampened hopes that Hamas would recognise Israel.", "2006-03-04", ["said(Lavrov)"]),
    # a trailing speaker after a title is no apposition: his post is not the title's
    ("Abbas also had talks with Egypt's intelligence chief, Mofaz said.", "2007-06-01", ["said(Mofaz)"]),
    ("The rebels met Chad's defence minister, Annan said.", "2007-06-01", ["said(Annan)"]),
    ("Chad's defence minister, Mahamat Nour, said the rebels had withdrawn.", "2007-06-01",
     ["post(Mahamat Nour, Chad)", "said(Mahamat Nour)"]),
    # a title with its complement before the name
    ("EU High Representative for Foreign Affairs Catherine Ashton visited Cairo.", "2010-06-01",
     ["post(Catherine Ashton, European Union)"]),
    # a post in a state's part that the sentence does not name (kg.knowing.reach, names.yaml state_bodies,
    # state_parts): a seat of power that is the government is the state; a ministry with its state's
    # name is that ministry; a part of the state before a title, the state the article names
    ("White House spokesman Scott McClellan said Bush would veto the bill.", "2005-06-01",
     ["post(Scott McClellan, United States)", "said(Scott McClellan)"]),
    ("Peruvian interior ministry spokesman Luis Ortega Salas said the border was closed.", "2008-03-02",
     ["post(Luis Ortega Salas, Peruvian Interior Ministry)", "said(Luis Ortega Salas)"]),
    ("Chad denied the charge, and army spokesman Col. Idriss Mahamat Abakar said the rebels had fled.", "2008-02-04",
     ["post(Idriss Mahamat Abakar, Chad)", "said(Idriss Mahamat Abakar)"]),
    ("Nepal will hold the vote in April, government spokesman Krishna Bahadur Thapa said.", "2007-12-24",
     ["post(Krishna Bahadur Thapa, Nepal)", "said(Krishna Bahadur Thapa)"]),
    # the dateline's state is the one in reach, not another the article names (kg/knowing/reach.py)
    ("LA PAZ, March 2 (Reuters) - Bolivia rejected the plan. Bolivia will meet U.S. envoy Ana Ruiz, said foreign "
     "ministry spokesman Jorge Paz.", "2008-03-02",
     ["post(Ana Ruiz, United States)", "post(Jorge Paz, Bolivia)", "said(Jorge Paz)"]),
    # without a dateline two states are no strong evidence: a ministry of no state, not a guessed one
    ("Bolivia rejected the plan. Bolivia will meet U.S. envoy Ana Ruiz, said foreign ministry spokesman Jorge Paz.",
     "2008-03-02", ["post(Ana Ruiz, United States)", "post(Jorge Paz, Foreign Ministry)", "said(Jorge Paz)"]),
    ("Ali Hassan Salim, the Arab League envoy to Darfur and Omar Faraj, his AU counterpart, arrived.", "2007-02-11",
     ["post(Ali Hassan Salim, Arab League)", "post(Omar Faraj, African Union)"]),
    # no state in reach: the part is no one's
    ("Army spokesman Col. Idriss Mahamat Abakar said the rebels had fled.", "2008-02-04", ["said(Idriss Mahamat Abakar)"]),
    # round 15: an international body's possessive is an office in it, a party's is membership; titles of a body's
    # officers and a domain's chief; a title with its complement before the name; "chief" opening a longer title
    ("The AU's Omar Faraj and the UN's Jan Eliasson flew to El Fasher on Tuesday.", "2007-06-12",
     ["post(Omar Faraj, African Union)", "post(Jan Eliasson, United Nations)"]),
    ("Fatah's Mohammed Dahlan criticised the plan.", "2007-06-12", ["member(Mohammed Dahlan, Fatah)"]),
    ("Syria's nuclear energy chief Ibrahim Othman met the inspectors.", "2008-06-23", ["post(Ibrahim Othman, Syria)"]),
    ("Karl Lindqvist, a U.N. assistant secretary-general for political affairs, arrived in Nairobi.", "2008-01-20",
     ["post(Karl Lindqvist, United Nations)"]),
    ("Omar Faraj, the Arab League's chief mediator in the talks, told reporters he was hopeful.", "2008-01-20",
     ["post(Omar Faraj, Arab League)", "said(Omar Faraj)"]),
    ("U.S. Under Secretary of State for Political Affairs Daniel Fried arrived in Tbilisi.", "2008-08-20",
     ["post(Daniel Fried, United States)"]),
    ("The inquiry is headed by Belgian prosecutor Serge Brammertz.", "2006-01-11", ["post(Serge Brammertz, Belgium)"]),
    # round 17: an envoy, adviser or chief of staff named under the person he serves holds his post in that person
    # (post.under-person-*); a woman named without an honorific is no "his" (names.yaml female_first_names)
    ("Secretary-General Ban Ki-moon will be briefed today by his Special Envoy for Haiti, Luis Carrera, who has "
     "just returned.", "2008-05-01", ["leads(Ban Ki-moon, United Nations)", "post(Luis Carrera, Ban Ki-moon)"]),
    ("The mission includes Secretary-General Kofi Annan's Special Advisor, Rolf Meyer, and Lars Ostberg, Mr. Annan's "
     "Special Representative for the border talks.", "2005-05-01",
     ["leads(Kofi Annan, United Nations)", "post(Rolf Meyer, Kofi Annan)", "post(Lars Ostberg, Kofi Annan)"]),
    ("Secretary-General Ban Ki-moon arrived in Colombo on Friday. UN spokesperson Carla Lindholm said Mr. Ban hoped "
     "to make progress. Earlier today, his Chief of Staff, Paul Ostrow, met the ministers.", "2009-05-22",
     ["leads(Ban Ki-moon, United Nations)", "post(Carla Lindholm, United Nations)", "said(Carla Lindholm)",
      "post(Paul Ostrow, Ban Ki-moon)"]),
    ("Putin's foreign minister, Sergei Lavrov, arrived in Tehran.", "2007-10-16", []),
    # round 17: demonyms the Phoenix records lack (curated in data/gazetteer/states.yaml)
    ("Finnish Foreign Minister Alexander Stubb and his Swedish counterpart Carl Bildt flew to Tbilisi.", "2008-08-12",
     ["post(Alexander Stubb, Finland)", "post(Carl Bildt, Sweden)"]),
    ("Costa Rican President Oscar Arias offered to mediate.", "2009-07-06", ["leads(Oscar Arias, Costa Rica)"]),
    # round 17: the state after the name ("Foreign Minister X of Singapore"), never a party ("of Hamas")
    ("The envoy also met Foreign Minister Tomas Lindqvist of Singapore on Monday.", "2007-10-20",
     ["post(Tomas Lindqvist, Singapore)"]),
    ("Prime Minister Omar Rahal of Hamas addressed the rally.", "2007-01-20", ["member(Omar Rahal, Hamas)"]),
    # round 17: "Lord's Resistance Army" is the known group, not a "Resistance Army" after a title "Lord"
    ("Museveni will not meet Lord's Resistance Army leader Okello Oryem.", "2008-04-10",
     ["leads(Okello Oryem, Lord's Resistance Army)"]),
    # round 17: the speaker after the clause, by "its", holds his post in its subject (post.its-title-clause)
    ("The Malian government rejected the charge on Monday, its spokesman Omar Diarra said.", "2008-05-01",
     ["post(Omar Diarra, Mali)", "said(Omar Diarra)"]),
    # round 17, second shift: a transcript's turn label in capitals is its speaker (data/layout.yaml speaker_label),
    # no dateline of a place "SECRETARY ALBRIGHT"; a label without a name says nothing
    ("SECRETARY ALBRIGHT: Good morning, and welcome to the Department of State.", "1998-04-02",
     ["said(Madeleine Albright)"]),
    ("QUESTION: Madame Secretary, will the talks resume?", "1998-04-02", []),
    # round 18: a past-title word that is a verb after its subject names the title held at the event
    # (CONVENTIONS 67: "soldiers ousted President X"); after a preposition or a possessive it is past
    ("Mutinous soldiers ousted President Manuel Zelaya before dawn and flew him abroad.", "2009-06-28",
     ["leads(Manuel Zelaya, Honduras)"]),
    ("Thousands rallied in Bangkok for ousted Prime Minister Thaksin Shinawatra.", "2007-03-01", []),
    ("Thailand's ousted Prime Minister Thaksin Shinawatra returned home.", "2008-02-28", []),
    # round 18: the Congolese president under the name the news gives him (data/gazetteer/leaders.yaml)
    ("Congolese President Joseph Kabila arrived in Kigali for talks.", "2008-11-20",
     ["leads(Joseph Kabila, Democratic Republic of the Congo)"]),
    # round 18: "the Secretary-General's Special Representative" where the article names no
    # secretary-general is the UN's (roles.yaml default_body); named, he is the post's (as before)
    ("Today, Lars Ostberg, the Secretary-General's Special Representative, is in Baidoa.", "2008-05-01",
     ["post(Lars Ostberg, United Nations)"]),
    ("The talks will be held at the residence of the Secretary-General's Special Representative for Borduria, "
     "Lars Ostberg, in Nicosia.", "2008-05-01", ["post(Lars Ostberg, United Nations)"]),
    ("Secretary-General Ban Ki-moon arrived on Monday. The Secretary-General's Special Representative Lars Ostberg "
     "met him.", "2008-05-01", ["leads(Ban Ki-moon, United Nations)", "post(Lars Ostberg, Ban Ki-moon)"]),
    ("Lars Ostberg, the President's chief of staff, arrived.", "2008-05-01", []),
    # round 18: a demonym after "pro-" or "anti-" is a stance, never the state of the title after it
    ("Talks resumed after a meeting with pro-Syrian parliament speaker Karim Haddad.", "2006-03-01", []),
    ("The council asked pro-Syrian President Emile Lahoud to step down.", "2005-10-31", ["leads(Emile Lahoud, Lebanon)"]),
    # round 19: the leader of a community two nationality words name leads the community (CONVENTIONS 6, 77)
    ("Greek Cypriot leader Andreas Koumidis met Turkish Cypriot leader Halil Sarac in Nicosia.", "2008-03-21",
     ["leads(Andreas Koumidis, Greek Cypriots)", "leads(Halil Sarac, Turkish Cypriots)"]),
    ("Greek Cypriot leaders met Halil Sarac in Nicosia.", "2008-03-21", []),
    # round 19: a region's demonym before "leader" (data/gazetteer/regions.yaml: Abkhaz, Chechen)
    ("Abkhaz leader Aslan Tarba said the region would never return to Georgian rule.", "2008-09-03",
     ["leads(Aslan Tarba, Abkhazia)", "said(Aslan Tarba)"]),
    ("Chechen leader Ruslan Dudov vowed to hunt down the bombers.", "2008-09-03", ["leads(Ruslan Dudov, Chechnya)"]),
    # round 19: a bare "the Secretary-General" is the holder titled so, not a later holder in another body
    ("Secretary-General Ban Ki-moon welcomed the accord. It was signed by Forces Nouvelles Secretary-General Karim "
     "Haddad. The Secretary-General said he would go to Abidjan.", "2007-03-05",
     ["leads(Ban Ki-moon, United Nations)", "leads(Karim Haddad, Forces Nouvelles)", "said(Ban Ki-moon)"]),
    # no named holder, no relation
    ("Putin met the president in the Kremlin.", "2006-03-04", []),
    ("Hamas leaders traveled to Moscow today.", "2006-03-03", []),
]


@pytest.mark.parametrize("text, date, expect", CASES, ids=[c[0][:60] for c in CASES])
def test_sentence_gives_exactly_the_relations_a_reader_lists(pack, text, date, expect):
    wrong, missed = unexpected_and_missed(pack, text, date, expect,
                                          lambda r: r.name in KINDS, "posts-test")
    assert not wrong and not missed, f"unexpected {wrong}, missed {missed}"


def test_enough_sentences_and_negatives():
    """The suite keeps at least 40 sentences, a fifth of them negatives."""
    assert len(CASES) >= 40 and sum(1 for c in CASES if not c[2]) >= 8


def test_a_dampened_hope_is_no_claim_of_the_speaker(pack):
    """'X dampened hopes that Y would ...' is a comment by X, never X saying that Y would."""
    ev = _scorer()
    g, _, _ = ev._build("Lavrov dampened hopes that Hamas would recognise Israel.", "posts-test",
                        {"id": "posts-test", "date": dt.date(2006, 3, 4)}, pack)
    rels = ev._graph_relations(g)
    assert not [r for r in rels if r.claim], rels


# Relations inside reported speech (issue 14): each sentence gives its statement and, for every
# attribution form and kind of speaker, the relations inside what was said as the speaker's claim.
# Checked: said, every claimed relation, and every plainly asserted relation (so content that
# leaks out of a statement, or a negative that asserts, fails); conditional relations and
# 'rejected' (a refusal to comment is one) are not checked here.
SPEECH: list[tuple[str, str, list[str]]] = [
    ("Hamas leader Khaled Meshaal said Israel had killed Yasser Arafat.", "2006-03-03",
     ["said(Khaled Meshaal)", "leads(Khaled Meshaal, Hamas)", "claim(Khaled Meshaal) attacked(Israel, Yasser Arafat)"]),
    ('"Israel killed Arafat," Meshaal said.', "2006-03-03", ["said(Meshaal)", "claim(Meshaal) attacked(Israel, Arafat)"]),
    # a state's army speaks for the state, before or after what it says
    ("Hezbollah fired dozens of rockets at northern Israel on Sunday, the Israeli army said.", "2006-08-06",
     ["said(Israel)", "claim(Israel) attacked(Hezbollah, Israel)"]),
    ("The Israeli army said Hezbollah had fired dozens of rockets at northern Israel.", "2006-08-06",
     ["said(Israel)", "claim(Israel) attacked(Hezbollah, Israel)"]),
    ("Pakistani officials said U.S. troops had attacked Pakistan.", "2008-09-04",
     ["said(Pakistan)", "claim(Pakistan) attacked(United States, Pakistan)"]),
    ("Pakistan's army claimed on Wednesday it had killed eight militants.", "2008-01-16", ["said(Pakistan)"]),
    ("The offensive was hailed by U.S. authorities, who say Pakistan had attacked the Taliban.", "2008-09-28",
     ["said(United States)", "claim(United States) attacked(Pakistan, Taliban)"]),
    # the speaker after the content, with a title, an apposition or "according to"
    ("Iran supports Hezbollah, U.S. Secretary of State Condoleezza Rice said.", "2006-08-01",
     ["said(Condoleezza Rice)", "post(Condoleezza Rice, United States)", "claim(Condoleezza Rice) supports(Iran, Hezbollah)"]),
    ("Iran supports Hezbollah, said Condoleezza Rice, the U.S. secretary of state.", "2006-08-01",
     ["said(Condoleezza Rice)", "post(Condoleezza Rice, United States)", "claim(Condoleezza Rice) supports(Iran, Hezbollah)"]),
    ("According to Condoleezza Rice, Iran supports Hezbollah.", "2006-08-01",
     ["said(Condoleezza Rice)", "claim(Condoleezza Rice) supports(Iran, Hezbollah)"]),
    ("Iran supports Hezbollah, according to Condoleezza Rice.", "2006-08-01",
     ["said(Condoleezza Rice)", "claim(Condoleezza Rice) supports(Iran, Hezbollah)"]),
    ("Condoleezza Rice was quoted as saying that Iran supports Hezbollah.", "2006-08-01",
     ["said(Condoleezza Rice)", "claim(Condoleezza Rice) supports(Iran, Hezbollah)"]),
    ("Iran backs Hezbollah, Lavrov insisted.", "2006-03-03", ["said(Lavrov)", "claim(Lavrov) supports(Iran, Hezbollah)"]),
    # statements, offices and spokesmen of a named actor
    ("In a statement, the Russian Foreign Ministry said Lavrov had met Meshaal.", "2006-03-03",
     ["said(Russian Foreign Ministry)", "claim(Russian Foreign Ministry) met(Lavrov, Meshaal)"]),
    ("A statement from the Russian Foreign Ministry said Lavrov had met Meshaal.", "2006-03-03",
     ["said(Russian Foreign Ministry)", "claim(Russian Foreign Ministry) met(Lavrov, Meshaal)"]),
    ("Lavrov had met Meshaal, a statement from the Russian Foreign Ministry said.", "2006-03-03",
     ["said(Russian Foreign Ministry)", "claim(Russian Foreign Ministry) met(Lavrov, Meshaal)"]),
    # (Gaza is a place of the world gazetteer now, no actor: the attack is on Hamas)
    ("Mahmoud Abbas's spokesman said Israeli troops had attacked Hamas fighters in Gaza.", "2006-07-01",
     ["said(Mahmoud Abbas)", "claim(Mahmoud Abbas) attacked(Israel, Hamas)"]),
    ("Vladimir Putin's office said Putin had met Condoleezza Rice.", "2006-10-18",
     ["said(Vladimir Putin)", "claim(Vladimir Putin) met(Vladimir Putin, Condoleezza Rice)"]),
    ("A senior Hamas official said Meshaal had met Lavrov.", "2006-03-03", ["said(Hamas)", "claim(Hamas) met(Lavrov, Meshaal)"]),
    # audiences and interviews are never the speaker or the content
    ("Lavrov told reporters that Russia supported Iran.", "2006-03-03", ["said(Lavrov)", "claim(Lavrov) supports(Russia, Iran)"]),
    ("Lavrov told Interfax that Russia supported Iran.", "2006-03-03", ["said(Lavrov)", "claim(Lavrov) supports(Russia, Iran)"]),
    ("Lavrov said in an interview with Interfax that Russia supported Iran.", "2006-03-03",
     ["said(Lavrov)", "claim(Lavrov) supports(Russia, Iran)"]),
    ("CNN reports that Lavrov met Meshaal.", "2006-03-03", ["met(Lavrov, Meshaal)"]),
    # speeches, participles, relative clauses, colons and other verbs
    ("In a speech in Tehran, Mahmoud Ahmadinejad said Israel had attacked Lebanon.", "2006-08-01",
     ["said(Mahmoud Ahmadinejad)", "claim(Mahmoud Ahmadinejad) attacked(Israel, Lebanon)"]),
    ("Lavrov, speaking in Moscow, said Russia supported Iran.", "2006-03-03", ["said(Lavrov)", "claim(Lavrov) supports(Russia, Iran)"]),
    ("Lavrov, who met Rice on Tuesday, said Russia supported Iran.", "2006-03-03",
     ["said(Lavrov)", "met(Lavrov, Rice)", "claim(Lavrov) supports(Russia, Iran)"]),
    ('Lavrov added: "Russia supports Iran."', "2006-03-03", ["said(Lavrov)", "claim(Lavrov) supports(Russia, Iran)"]),
    ('Putin said: "Hamas won the election."', "2006-03-03", ["said(Putin)", "claim(Putin) won-election(Hamas)"]),
    ("Lavrov stressed that Russia supported Iran.", "2006-03-03", ["said(Lavrov)", "claim(Lavrov) supports(Russia, Iran)"]),
    ("Lavrov confirmed that he had met Meshaal.", "2006-03-03", ["said(Lavrov)", "claim(Lavrov) met(Lavrov, Meshaal)"]),
    ("Lavrov explained that Russia supported Iran.", "2006-03-03", ["said(Lavrov)", "claim(Lavrov) supports(Russia, Iran)"]),
    ("Hamas claimed responsibility for the attack.", "2006-04-17", ["said(Hamas)"]),
    # speech inside speech: the inner statement is the outer speaker's claim
    ("Lavrov said Condoleezza Rice had told him that Israel had not met Hamas.", "2006-03-03",
     ["said(Lavrov)", "claim(Lavrov) said(Condoleezza Rice)", "claim(Condoleezza Rice) not met(Israel, Hamas)"]),
    ('Putin told reporters in the Kremlin:\n\n"Israel killed Arafat. Iran supports Hezbollah."', "2006-03-03",
     ["said(Putin)", "claim(Putin) attacked(Israel, Arafat)", "claim(Putin) supports(Iran, Hezbollah)"]),
    ('"Hamas must renounce violence. Israel killed Arafat," Putin said.', "2006-03-03",
     ["said(Putin)", "claim(Putin) attacked(Israel, Arafat)"]),
    ('"Israel killed Arafat," Meshaal said. "Iran supports Hezbollah."', "2006-03-03",
     ["said(Meshaal)", "claim(Meshaal) attacked(Israel, Arafat)", "claim(Meshaal) supports(Iran, Hezbollah)"]),
    ('Condoleezza Rice spoke in Tbilisi. Rice: "Israel killed Arafat."', "2008-08-15",
     ["said(Condoleezza Rice)", "claim(Condoleezza Rice) attacked(Israel, Arafat)"]),
    ("Iran backs Hezbollah, Lavrov said, adding that Russia had met Hamas.", "2006-03-03",
     ["said(Lavrov)", "claim(Lavrov) supports(Iran, Hezbollah)", "claim(Lavrov) met(Russia, Hamas)"]),
    ("Iran backs Hezbollah, Lavrov said, but added that Russia had met Hamas.", "2006-03-03",
     ["said(Lavrov)", "claim(Lavrov) supports(Iran, Hezbollah)", "claim(Lavrov) met(Russia, Hamas)"]),
    ("Israel killed Arafat, the Palestinian foreign minister, Mahmoud Zahar, said.", "2006-03-03",
     ["said(Mahmoud Zahar)", "post(Mahmoud Zahar, Palestinian Authority)", "claim(Mahmoud Zahar) attacked(Israel, Arafat)"]),
    ("Hezbollah's leader, Sheikh Hassan Nasrallah, said Israel had attacked Lebanon.", "2006-09-22",
     ["said(Hassan Nasrallah)", "leads(Hassan Nasrallah, Hezbollah)", "claim(Hassan Nasrallah) attacked(Israel, Lebanon)"]),
    ("Lavrov had met Meshaal, a Russian diplomat said.", "2006-03-03", ["said(Russia)", "claim(Russia) met(Lavrov, Meshaal)"]),
    ("Lavrov said Iran backed Hezbollah, Interfax reported.", "2006-03-03",
     ["said(Lavrov)", "claim(Lavrov) supports(Iran, Hezbollah)"]),
    ("Condoleezza Rice and Mikheil Saakashvili announced that Russia had attacked Georgia.", "2008-08-15",
     ["said(Condoleezza Rice)", "said(Mikheil Saakashvili)", "claim(Condoleezza Rice) attacked(Russia, Georgia)"]),
    # a denial's content is the denier's negated claim
    ("Russia denied that Russian troops had attacked Georgia.", "2008-08-15",
     ["denied(Russia)", "claim(Russia) not attacked(Russia, Georgia)"]),
    # negatives: no statement, nothing asserted or claimed
    ("Meshaal declined to comment.", "2006-03-03", []),
    ("It was not clear whether Lavrov said Russia supported Iran.", "2006-03-03", []),
    ("If Lavrov says Russia supports Iran, Washington will protest.", "2006-03-03", []),
    ("Lavrov did not say that Russia supported Iran.", "2006-03-03", []),
    ("Hamas declined to confirm that Meshaal had met Lavrov.", "2006-03-03", []),
    ("Reporters asked Lavrov whether Russia supported Iran.", "2006-03-03", []),
    ("Hezbollah fired dozens of rockets at northern Israel on Sunday, the army said.", "2006-08-06", []),
]


@pytest.mark.parametrize("text, date, expect", SPEECH, ids=[c[0][:60] for c in SPEECH])
def test_relations_inside_speech_are_the_speakers_claims(pack, text, date, expect):
    wrong, missed = unexpected_and_missed(pack, text, date, expect,
                                          lambda r: r.name in KINDS or r.claim or (not r.conditional and r.name != "rejected"),
                                          "speech-test")
    assert not wrong and not missed, f"unexpected {wrong}, missed {missed}"
