"""Meetings, visits and invitations as the news words them: sentences written for these tests in
wire style (none from the held-out or development sets), each read through the whole pack and its
graph, so that overlaps, context (claims, negation, plans) and the frames behave as in a build.

Each case lists every met / visited / invited relation the sentence must give, and nothing else:
negatives (attending the same summit, a telephone call, hosts meeting at home, a letter received)
must give none. A meeting in a place is a visit only of a participant known to be from another
state (a post the sentence gives, or the world gazetteer's memberships): the join rules of
data/rules/visits.yaml."""
from __future__ import annotations

import datetime as dt

import pytest

K = "https://w3id.org/kg-news/ontology#"
ENTITY = "/id/entity/"
NODES = {"met": ("Meeting", "participant", "participant"),
         "visited": ("Visit", "visitor", "destination"),
         "invited": ("Invitation", "inviter", "invitee")}


def relations(pack, text: str, date: str = "2007-06-12", kinds: dict[str, tuple[str, str, str]] = NODES) -> set[str]:
    """The met / visited / invited (or other `kinds`) relations kg's graph of `text` holds, as
    `[planned ][not ][claim ]name(a, b)` over entity ids (met's pair sorted)."""
    from rdflib import RDF, URIRef

    from kg.graph.build import build_articles
    from kg.reading.document import parse_article
    art = parse_article(text, source="test", layout=pack.layout, meta={"id": "t", "date": dt.date.fromisoformat(date)})
    g = build_articles([art], pack).graph

    def ident(x: object) -> str:
        return str(x).split(ENTITY, 1)[-1]

    out: set[str] = set()
    for name, (cls, r1, r2) in kinds.items():
        for node in set(g.subjects(RDF.type, URIRef(K + cls))):
            mods = ("planned " if (node, URIRef(K + "status"), URIRef(K + "Planned")) in g else "") + \
                   ("not " if (node, URIRef(K + "polarity"), URIRef(K + "Negative")) in g else "") + \
                   ("claim " if (node, URIRef(K + "factuality"), URIRef(K + "Claimed")) in g else "") + \
                   ("if " if (node, URIRef(K + "factuality"), URIRef(K + "Hypothetical")) in g else "")
            a = sorted(ident(x) for x in g.objects(node, URIRef(K + r1)) if isinstance(x, URIRef))
            b = sorted(ident(x) for x in g.objects(node, URIRef(K + r2)) if isinstance(x, URIRef))
            if r1 == r2:
                out |= {f"{mods}{name}({x}, {y})" for x in a for y in a if x < y}
            else:
                out |= {f"{mods}{name}({x}, {y})" for x in a for y in b if x != y}
    return out


CASES = [
    # --- visits: verbs of travel, visits as nouns, onward destinations
    ("Russian Foreign Minister Sergei Lavrov landed in Damascus on Sunday for a two-day visit.",
     {"visited(sergei-lavrov, damascus)"}),
    ("U.S. Secretary of State Condoleezza Rice toured Baghdad under heavy security on Saturday.",
     {"visited(condoleezza-rice, baghdad)"}),
    ("Khaled Meshaal has never set foot in Israel.",
     {"not visited(khalid-mishal, israel)"}),
    ("Vladimir Putin, on a visit to Beijing, said his talks had gone well.",
     {"visited(vladimir-putin, beijing)"}),
    ("During her visit to Cairo, Condoleezza Rice urged Egypt to open up its elections.",
     {"visited(condoleezza-rice, cairo)"}),
    ("The trip by Javier Solana to Tehran was his first in a year.",
     {"visited(javier-solana, tehran)"}),
    ("Angela Merkel praised the soldiers' courage during her trip to Kabul.",
     {"visited(angela-merkel, kabul)"}),
    ("Hu Jintao flew to Paris on Monday and then travelled on to Berlin.",
     {"visited(hu-jintao, paris)", "visited(hu-jintao, berlin)"}),
    ("Sergei Lavrov flew to Amman on Tuesday and then Beirut.",
     {"visited(sergei-lavrov, amman)", "visited(sergei-lavrov, beirut)"}),
    ("Ehud Olmert crossed the border on his way to Amman.",
     {"visited(ehud-olmert, amman)"}),
    ("Mahmoud Ahmadinejad ended months of speculation on Tuesday, flying to Baghdad for a two-day stay.",
     {"visited(mahmoud-ahmadinejad, baghdad)"}),
    ("Condoleezza Rice became the first U.S. secretary of state in years to visit Libya.",
     {"visited(condoleezza-rice, libya)"}),
    ("Hu Jintao wrapped up a four-day state visit to Cairo on Monday.",
     {"visited(hu-jintao, cairo)"}),
    ("Javier Solana, who is touring the region, arrived in Amman on Sunday.",
     {"visited(javier-solana, amman)"}),
    ("Ehud Olmert returned from a three-day trip to Washington on Thursday.",
     {"visited(ehud-olmert, washington-d-c)"}),
    # a host receiving a guest in a place: the guest travelled there
    ("Jacques Chirac received Mahmoud Abbas at the Elysee Palace in Paris.",
     {"met(jacques-chirac, mahmoud-abbas)", "visited(mahmoud-abbas, paris)"}),
    # welcomed as a guest is received: met (set 13's convention 23; meet.received-by-in-place, round 16)
    ("Mahmoud Abbas was welcomed by Hosni Mubarak in Cairo on Sunday.",
     {"met(hosni-mubarak, mahmoud-abbas)", "visited(mahmoud-abbas, cairo)"}),
    ("Hosni Mubarak met the visiting Israeli Prime Minister Ehud Olmert in Cairo.",
     {"met(ehud-olmert, hosni-mubarak)", "visited(ehud-olmert, cairo)"}),
    # planned, cancelled, put off
    ("Vladimir Putin has no plans to visit Tbilisi.",
     {"planned not visited(vladimir-putin, tbilisi)"}),
    ("Javier Solana is due in Tehran on Saturday.",
     {"planned visited(javier-solana, tehran)"}),
    ("Sergei Lavrov is expected in Damascus next week.",
     {"planned visited(sergei-lavrov, damascus)"}),
    ("Angela Merkel cancelled a planned trip to Beijing after the riots in Tibet.",
     {"not visited(angela-merkel, beijing)"}),
    # put off with no new date: it did not happen (as cancelled); with a new date it is still planned
    ("Condoleezza Rice postponed her visit to Cairo.",
     {"not visited(condoleezza-rice, cairo)"}),
    ("Condoleezza Rice postponed her visit to Cairo until next month.",
     {"planned visited(condoleezza-rice, cairo)"}),
    ("Angela Merkel's planned trip to Beijing was postponed because of the riots.",
     {"not visited(angela-merkel, beijing)"}),
    # negatives: no travel said
    ("Sergei Lavrov met Vladimir Putin in Moscow.",
     {"met(sergei-lavrov, vladimir-putin)"}),
    ("Khaled Meshaal returned from exile in Damascus.", set()),
    ("Vladimir Putin said there was no way to Tehran without Moscow.", set()),
    ("Javier Solana is due to speak in Brussels on Monday.", set()),
    ("Vladimir Putin received a letter from Mahmoud Ahmadinejad in Moscow.", set()),

    # --- meetings: travel for talks, coordinated verbs, "their meeting", "during talks"
    ("Sergei Lavrov arrived in Tehran on Monday for talks with Mahmoud Ahmadinejad.",
     {"visited(sergei-lavrov, tehran)", "planned met(mahmoud-ahmadinejad, sergei-lavrov)"}),
    ("Javier Solana flew to Cairo on Saturday and held talks with Hosni Mubarak.",
     {"visited(javier-solana, cairo)", "met(hosni-mubarak, javier-solana)"}),
    ("Mahmoud Abbas urged Ehud Olmert to release prisoners during their meeting in Jerusalem.",
     {"met(ehud-olmert, mahmoud-abbas)", "visited(mahmoud-abbas, jerusalem)"}),
    ("During their talks, Vladimir Putin and Hu Jintao discussed energy supplies.",
     {"met(hu-jintao, vladimir-putin)"}),
    ("Condoleezza Rice pressed Sergei Lavrov on Kosovo during talks in Moscow.",
     {"met(condoleezza-rice, sergei-lavrov)", "visited(condoleezza-rice, moscow)"}),
    ("Angela Merkel raised human rights at her meeting with Vladimir Putin in Berlin.",
     {"met(angela-merkel, vladimir-putin)", "visited(vladimir-putin, berlin)"}),
    ("George W. Bush hosted Ehud Olmert and Mahmoud Abbas at a White House dinner.",
     {"met(ehud-olmert, george-w-bush)", "met(george-w-bush, mahmoud-abbas)", "met(ehud-olmert, mahmoud-abbas)"}),
    ("Khaled Meshaal met Sergei Lavrov on Friday and Vladimir Putin on Saturday.",
     {"met(khalid-mishal, sergei-lavrov)", "met(khalid-mishal, vladimir-putin)"}),
    ("Mahmoud Abbas met Condoleezza Rice after a brief session with Javier Solana.",
     {"met(condoleezza-rice, mahmoud-abbas)", "met(javier-solana, mahmoud-abbas)"}),
    # planned, put off, cancelled, denied
    ("The talks between Vladimir Putin and Hu Jintao, originally set for Tuesday, were postponed.",
     {"not met(hu-jintao, vladimir-putin)"}),
    ("Ehud Olmert cancelled a planned meeting with Mahmoud Abbas.",
     {"not met(ehud-olmert, mahmoud-abbas)"}),
    ("Israel and Hamas are not holding direct talks.",
     {"not met(hamas, israel)"}),
    ("George W. Bush has no plans to meet Mahmoud Ahmadinejad.",
     {"planned not met(george-w-bush, mahmoud-ahmadinejad)"}),
    # negatives: no meeting said
    ("Vladimir Putin and George W. Bush attended the same summit in Sydney.", set()),
    ("Sergei Lavrov spoke by telephone with Condoleezza Rice on Monday.", set()),
    ("Condoleezza Rice pressed Sergei Lavrov on Kosovo during talks with Javier Solana.",
     {"met(condoleezza-rice, javier-solana)"}),
    ("Ehud Olmert and Mahmoud Abbas spoke about the talks.", set()),
    ("Condoleezza Rice said Israel and Syria should hold talks.", set()),

    # --- invitations
    ("Hamas leader Khaled Meshaal arrived in Moscow at the invitation of Vladimir Putin.",
     {"invited(vladimir-putin, khalid-mishal)", "visited(khalid-mishal, moscow)"}),
    ("At the invitation of Hosni Mubarak, Ehud Olmert flew to Cairo.",
     {"invited(hosni-mubarak, ehud-olmert)", "visited(ehud-olmert, cairo)"}),
    ("Mahmoud Abbas accepted George W. Bush's invitation to the summit.",
     {"invited(george-w-bush, mahmoud-abbas)"}),
    ("Hugo Chavez invited Russian warships to the Caribbean.",
     {"invited(hugo-chavez, russia)"}),
    ("Vladimir Putin plans to invite Khaled Meshaal to Moscow.",
     {"planned invited(vladimir-putin, khalid-mishal)"}),
    ("Hugo Chavez invited Russian journalists to dinner.", set()),
    ("Khaled Meshaal arrived in Moscow without an invitation.",
     {"visited(khalid-mishal, moscow)"}),
    # the twelfth round: meetings in forms kg missed (each a shape, not a phrase)
    ("The meeting between Hamid Karzai and Pervez Musharraf, which had been set for Monday, was postponed.",
     {"not met(hamid-karzai, pervez-musharraf)"}),
    ("The meeting between Hamid Karzai and Pervez Musharraf was postponed until after the election.",
     {"planned met(hamid-karzai, pervez-musharraf)"}),
    ("Hamid Karzai and Pervez Musharraf both flew to the summit in Riyadh but did not hold talks.",
     {"not met(hamid-karzai, pervez-musharraf)", "visited(hamid-karzai, riyadh)", "visited(pervez-musharraf, riyadh)"}),
    ("Hamid Karzai and Pervez Musharraf both flew to the summit in Riyadh but did not sign the pact.",
     {"visited(hamid-karzai, riyadh)", "visited(pervez-musharraf, riyadh)"}),
    ("Nicolas Sarkozy held a working lunch with Angela Merkel.",
     {"met(angela-merkel, nicolas-sarkozy)"}),
    ("Hamid Karzai was Gordon Brown's guest at a private dinner.",
     {"met(gordon-brown, hamid-karzai)"}),
    ("Morgan Tsvangirai was visited at his farm by Jacob Zuma.",
     {"met(jacob-zuma, morgan-tsvangirai)"}),
    ("Jimmy Carter brought Ehud Olmert and Mahmoud Abbas together for talks.",
     {"met(ehud-olmert, jimmy-carter)", "met(jimmy-carter, mahmoud-abbas)", "met(ehud-olmert, mahmoud-abbas)"}),
    ("Jimmy Carter brought Ehud Olmert and Mahmoud Abbas a letter from the Pope.", set()),
    ("Vladimir Putin held talks with Turkish leaders on gas supplies.",
     {"met(turkey, vladimir-putin)"}),
    ("Vladimir Putin held talks with Iranian officials on Monday.",  # unnamed officials stand for their state
     {"met(iran, vladimir-putin)"}),
    ("Vladimir Putin met the Iranian ambassador, Gholamreza Ansari, on Monday.",  # not Iran: the ambassador is named
     {"met(unlinked/gholamreza-ansari, vladimir-putin)"}),  # the title in apposition read as one actor (round 18)
    ("Gordon Brown had a one-hour dinner with Hamid Karzai.",
     {"met(gordon-brown, hamid-karzai)"}),
    ("George W. Bush hosted a private dinner for Hamid Karzai on Sunday.",
     {"met(george-w-bush, hamid-karzai)"}),
    ("Japan and China have postponed high-level talks on the gas fields.",
     {"not met(china, japan)"}),
    ("Japan, China and South Korea have postponed their summit.",
     {"not met(china, japan)", "not met(japan, south-korea)", "not met(china, south-korea)"}),
    ("Vladimir Putin spoke with George W. Bush by telephone and invited him to dinner.",
     {"invited(vladimir-putin, george-w-bush)"}),
    ("Condoleezza Rice pressed Ehud Olmert to free the tax revenues during her visit to Jerusalem.",
     {"met(condoleezza-rice, ehud-olmert)", "visited(condoleezza-rice, jerusalem)"}),
    ("Condoleezza Rice praised Ehud Olmert during her visit to Cairo.",  # one may praise the absent
     {"visited(condoleezza-rice, cairo)"}),
    # --- wire style: a time between the verb and its preposition
    ("German Chancellor Angela Merkel met Thursday with Russian President Vladimir Putin in Sochi.",
     {"met(angela-merkel, vladimir-putin)", "visited(angela-merkel, sochi)"}),
    ("Javier Solana flew Sunday to Tehran.", {"visited(javier-solana, tehran)"}),
    ("Nicolas Sarkozy will meet Friday with Hosni Mubarak.", {"planned met(hosni-mubarak, nicolas-sarkozy)"}),
    ("Ban Ki-moon did not meet Monday with Omar al-Bashir.", {"not met(ban-ki-moon, omar-al-bashir)"}),
]


@pytest.mark.parametrize("text,expected", CASES, ids=[c[0][:60] for c in CASES])
def test_meetings_visits_invitations(pack, text, expected):
    assert relations(pack, text) == expected


def test_there_are_forty_cases_and_negatives_among_them():
    assert len(CASES) >= 40
    assert sum(1 for _, e in CASES if not e) >= 8


MEETING_ABROAD = [
    # the guest is known by the post the sentence gives, or by the world gazetteer
    ("Iranian Foreign Minister Manouchehr Mottaki met Javier Solana in Brussels.",
     {"met(javier-solana, manouchehr-mottaki)", "visited(manouchehr-mottaki, brussels)"}),
    ("Sergei Lavrov met Condoleezza Rice in Moscow.",
     {"met(condoleezza-rice, sergei-lavrov)", "visited(condoleezza-rice, moscow)"}),
    ("Hu Jintao and George W. Bush held talks on the sidelines of the APEC summit in Sydney.",
     {"met(george-w-bush, hu-jintao)", "visited(george-w-bush, sydney)", "visited(hu-jintao, sydney)"}),
    # the host is known, so the other participant is the guest
    ("Russian Foreign Minister Sergei Lavrov received Khaled Meshaal in Moscow.",
     {"met(khalid-mishal, sergei-lavrov)", "visited(khalid-mishal, moscow)"}),
    ("Vladimir Putin, the leader of Russia, met Khaled Meshaal in Moscow.",
     {"met(khalid-mishal, vladimir-putin)", "visited(khalid-mishal, moscow)"}),
    ("Khaled Meshaal spoke to reporters after talks with Russian Foreign Minister Sergei Lavrov in Moscow.",
     {"met(khalid-mishal, sergei-lavrov)", "visited(khalid-mishal, moscow)"}),
    ("Talks between Condoleezza Rice and Sergei Lavrov ended in Moscow on Tuesday.",
     {"met(condoleezza-rice, sergei-lavrov)", "visited(condoleezza-rice, moscow)"}),
    # at home, or not a meeting that happened: no visit
    ("Condoleezza Rice met George W. Bush in Washington.",
     {"met(condoleezza-rice, george-w-bush)"}),
    ("Sergei Lavrov did not meet Condoleezza Rice in Washington.",
     {"not met(condoleezza-rice, sergei-lavrov)"}),
    ("Sergei Lavrov is to meet Condoleezza Rice in Washington next week.",  # a planned meeting abroad: a planned visit
     {"planned met(condoleezza-rice, sergei-lavrov)", "planned visited(sergei-lavrov, washington-d-c)"}),
    ("Russian Foreign Minister Sergei Lavrov met Hamas officials in Moscow.",
     {"met(hamas, sergei-lavrov)"}),
    # the place after a light word, in a nominal, after a relative clause on the subject
    ("Condoleezza Rice met Ehud Olmert and Tzipi Livni separately in Jerusalem on Sunday.",
     {"met(condoleezza-rice, ehud-olmert)", "met(condoleezza-rice, tzipi-livni)", "visited(condoleezza-rice, jerusalem)"}),
    ("Vladimir Putin's talks with Turkish leaders in Ankara ended without a deal.",
     {"met(turkey, vladimir-putin)", "visited(vladimir-putin, ankara)"}),
    ("Russia and Georgia, which fought a war in August, held talks in Geneva on Friday.",
     {"met(georgia, russia)", "visited(georgia, geneva)", "visited(russia, geneva)"}),
    ("Jacob Zuma met in Harare with Robert Mugabe.",
     {"met(jacob-zuma, robert-mugabe)", "visited(jacob-zuma, harare)"}),
    ("South African President Jacob Zuma met in Zimbabwe with Robert Mugabe.",
     {"met(jacob-zuma, robert-mugabe)", "visited(jacob-zuma, zimbabwe)"}),
    ("While in Cairo, Condoleezza Rice also met with Amr Moussa.",
     {"met(amr-moussa, condoleezza-rice)", "visited(condoleezza-rice, cairo)"}),
    ("Before flying to Kabul, Gordon Brown met George W. Bush.",
     {"met(george-w-bush, gordon-brown)", "visited(gordon-brown, kabul)"}),
    ("Condoleezza Rice flew to Beijing with her deputy, John Negroponte.",
     {"visited(condoleezza-rice, beijing)", "visited(john-negroponte, beijing)"}),
]


@pytest.mark.parametrize("text,expected", MEETING_ABROAD, ids=[c[0][:60] for c in MEETING_ABROAD])
def test_a_meeting_abroad_is_a_visit_of_the_guests_only(pack, text, expected):
    assert relations(pack, text) == expected



def test_unless_drops_a_solution_one_alternative_extends():
    from kg.rules.join import Var, holds, index, solve
    ts = {("m", "participant", "lavrov"), ("m", "participant", "rice"), ("m", "place", "moscow"),
          ("moscow", "in", "russia"), ("lavrov", "holds", "p1"), ("p1", "postIn", "russia")}
    by = index(ts, {"participant", "place", "in", "holds", "postIn"})
    where = [(Var("m"), "participant", Var("v")), (Var("m"), "place", Var("pl")), (Var("pl"), "in", Var("s"))]
    home = [[(Var("v"), "holds", Var("p")), (Var("p"), "postIn", Var("s"))]]
    guests = [env["v"] for env, _ in solve(where, by) if not holds(home, by, env)]
    assert guests == ["rice"]
    # a variable only the alternative names is free: any post in the state will do
    assert holds(home, by, {"v": "lavrov", "s": "russia"}) and not holds(home, by, {"v": "lavrov", "s": "usa"})


@pytest.mark.parametrize("unless, message", [
    ("    unless: [[x, kgo:delegationOf, y]]\n", "shares no variable"),
    ("    unless: nonsense\n", "'unless' is a list of alternatives"),
    ("    unless: [[[v, kgo:visitor]]]\n", "each 'unless' alternative"),
])
def test_bad_unless_is_named_with_file_and_line(tmp_path, pack, unless, message):
    from kg.errors import RuleError
    from kg.rules.loader import load_rules

    from .conftest import write_rules
    body = """rules:
  - id: j
    description: A visit's delegation, unless the visitor is a state.
    where:
      - [v, a, kgo:Visit]
      - [v, kgo:visitor, o]
      - [d, kgo:delegationOf, o]
""" + unless + """    emit:
      - [v, kgo:delegation, d]
    examples: {match: [{text: "x", expect: ["y"]}]}
"""
    f = write_rules(tmp_path, body, "joins.yaml")
    with pytest.raises(RuleError) as e:
        load_rules([f], pack.vocabulary)
    assert message in str(e.value) and "joins.yaml:8" in str(e.value)


# --- The forms real articles use for meetings, plans and agreements, and the pair that "the two
# leaders" names across sentences (meetings.yaml, agreements.yaml, visits.yaml; the join rule
# link.pair-of-event). Sentences written for these tests; agreed(A, B) read as met is.
WITH_AGREED = {**NODES, "agreed": ("Agreement", "participant", "participant")}

ARTICLE_FORMS = [
    # talks had, begun, under way; a participle; a host's welcome
    ("Japanese Prime Minister Shinzo Abe had talks over lunch with Chinese President Hu Jintao.",
     {"met(hu-jintao, shinzo-abe)"}),
    ("French President Nicolas Sarkozy, who began talks with Vladimir Putin in the Kremlin, praised the Russian leader.",
     {"met(nicolas-sarkozy, vladimir-putin)"}),
    ("Angela Merkel was holding talks with Polish officials on Monday.",
     {"met(angela-merkel, poland)"}),
    ("Ehud Olmert, meeting on Sunday with Mahmoud Abbas, promised to remove roadblocks.",
     {"met(ehud-olmert, mahmoud-abbas)"}),
    ("Hosni Mubarak welcomed Ehud Olmert to his palace on Monday.",
     {"met(ehud-olmert, hosni-mubarak)"}),
    ("Vladimir Putin and Junichiro Koizumi continued their talks in Tokyo.",
     {"met(junichiro-koizumi, vladimir-putin)", "visited(vladimir-putin, tokyo)"}),
    ("Ban Ki-moon, Javier Solana and Sergei Lavrov met in Paris on Monday.",
     {"met(ban-ki-moon, javier-solana)", "met(ban-ki-moon, sergei-lavrov)", "met(javier-solana, sergei-lavrov)",
      "visited(ban-ki-moon, paris)", "visited(sergei-lavrov, paris)"}),
    # plans: a trip for talks or to see someone, two parties who will meet, a future "when"
    ("Javier Solana made a two-day visit to Tehran for talks with Ali Larijani.",
     {"planned met(ali-larijani, javier-solana)", "visited(javier-solana, tehran)"}),
    ("Condoleezza Rice will go on to Ramallah to see Mahmoud Abbas.",
     {"planned met(condoleezza-rice, mahmoud-abbas)", "planned visited(condoleezza-rice, ramallah)"}),
    ("Israel and Syria will hold indirect talks in Istanbul next week.",
     {"planned met(israel, syria)", "planned visited(israel, istanbul)", "planned visited(syria, istanbul)"}),
    ("China and France will sign a nuclear deal when Nicolas Sarkozy travels to Beijing in November.",
     {"planned agreed(china, france)", "planned visited(nicolas-sarkozy, beijing)"}),
    ("Vladimir Putin invited Angela Merkel to make a state visit to Russia.",
     {"invited(vladimir-putin, angela-merkel)"}),
    ("Aides are preparing for a visit to Syria by Nicolas Sarkozy.",
     {"planned visited(nicolas-sarkozy, syria)"}),
    # agreements: plural, passive, "and they agreed"
    ("Russia and Ukraine signed agreements on gas transit.",
     {"agreed(russia, ukraine)"}),
    ("The accords were signed by Ehud Olmert and Mahmoud Abbas.",
     {"agreed(ehud-olmert, mahmoud-abbas)"}),
    ("George W. Bush held talks with Vladimir Putin and they agreed that missile defence needed more work.",
     {"agreed(george-w-bush, vladimir-putin)", "met(george-w-bush, vladimir-putin)"}),
    # "the two leaders", "the two sides", "both leaders": the article's one pair
    ("Pranab Mukherjee met his Pakistani counterpart Khurshid Kasuri in New Delhi. The two ministers agreed to meet again in January.",
     {"met(pranab-mukherjee, unlinked/khurshid-kasuri)", "agreed(pranab-mukherjee, unlinked/khurshid-kasuri)",
      "visited(unlinked/khurshid-kasuri, new-delhi)"}),
    ("Barack Obama met Dmitry Medvedev in Moscow. The two leaders were expected to sign a deal on Afghanistan.",
     {"met(barack-obama, dmitry-medvedev)", "planned agreed(barack-obama, dmitry-medvedev)", "visited(barack-obama, moscow)"}),
    ("Ehud Olmert received Mahmoud Abbas at his residence. Both leaders agreed to meet every two weeks.",
     {"met(ehud-olmert, mahmoud-abbas)", "agreed(ehud-olmert, mahmoud-abbas)"}),
    ("Hu Jintao flew to Tokyo. Shinzo Abe and Hu Jintao met on Monday. The two leaders signed a joint statement.",
     {"met(hu-jintao, shinzo-abe)", "agreed(hu-jintao, shinzo-abe)", "visited(hu-jintao, tokyo)"}),
    # negatives: nothing, or only what the sentence itself says
    ("Vladimir Putin welcomed George W. Bush's decision to delay the shield.", set()),
    ("Ehud Olmert had hoped for talks with Mahmoud Abbas.", set()),
    ("The agreement was criticised by Ehud Olmert and Mahmoud Abbas.", set()),
    ("Sergei Lavrov made a surprise visit to Damascus to see the ruins.", {"visited(sergei-lavrov, damascus)"}),
    ("India and Pakistan held talks on Monday when Pranab Mukherjee travelled to Islamabad.",
     {"met(india, pakistan)", "visited(pranab-mukherjee, islamabad)"}),
    ("Khaled Meshaal, Musa Abu Marzouk and Muhammad Nazzal met Aleksandr Saltanov.",
     {"met(aleksandr-saltanov, khalid-mishal)", "met(aleksandr-saltanov, muhammad-nazal)", "met(aleksandr-saltanov, musa-abu-marzuk)"}),
    # --- issue 14, this round: travel verbs and visit nouns with their modifiers, a visitor named
    # by a pronoun, plans in preparation, talks and handshakes named after a plural title
    ("Javier Solana made a surprising two-hour visit to Baghdad on Sunday.", {"visited(javier-solana, baghdad)"}),
    ("Condoleezza Rice praised the reforms during a visit to Cairo on Tuesday.", {"visited(condoleezza-rice, cairo)"}),
    ("Sergei Lavrov said the talks had gone well. His remarks came during a visit to the Syrian capital Damascus.",
     {"visited(sergei-lavrov, damascus)"}),
    ("Ehud Olmert left for Washington on Sunday.", {"visited(ehud-olmert, washington-d-c)"}),
    ("Pervez Musharraf returned quietly to Islamabad on Friday.", {"visited(pervez-musharraf, islamabad)"}),
    ("Angela Merkel prepared to fly to Kiev and Moscow on Friday.",
     {"planned visited(angela-merkel, kiev)", "planned visited(angela-merkel, moscow)"}),
    # round 21: "Palestinian leaders" (unnamed) are the Palestinian Authority (convention 137), as "Israeli leaders" are Israel
    ("During her two-day visit, Condoleezza Rice will meet Palestinian leaders in Ramallah.",
     {"visited(condoleezza-rice, ramallah)", "planned met(condoleezza-rice, palestinian-authority)"}),
    ("Hu Jintao crossed into Vietnam on his way to a summit in Hanoi.", {"visited(hu-jintao, hanoi)", "visited(hu-jintao, vietnam)"}),
    ("In Geneva, Sergei Lavrov, the Russian foreign minister, and Condoleezza Rice, the U.S. secretary of state, discussed Iran during a meeting on Monday.",
     {"met(condoleezza-rice, sergei-lavrov)", "visited(condoleezza-rice, geneva)", "visited(sergei-lavrov, geneva)"}),
    ("Hu Jintao voiced support for Hugo Chavez during talks in Beijing.", {"met(hu-jintao, hugo-chavez)", "visited(hugo-chavez, beijing)"}),
    ("Vladimir Putin pressed Ehud Olmert on Iran during their talks in Sochi.", {"met(ehud-olmert, vladimir-putin)", "visited(ehud-olmert, sochi)"}),
    ("Kofi Annan and Javier Solana co-chaired a meeting with Hamas in Damascus.",
     {"met(hamas, javier-solana)", "met(hamas, kofi-annan)", "met(javier-solana, kofi-annan)"}),
    ("The summit ended with handshakes between presidents George W. Bush and Vladimir Putin.", {"met(george-w-bush, vladimir-putin)"}),
    ("Ehud Olmert and Mahmoud Abbas were to hold talks on Sunday.", {"planned met(ehud-olmert, mahmoud-abbas)"}),
    ("Sergei Lavrov met the country's President Bashar al-Assad, after spending several minutes with Foreign Minister Walid Muallem.",
     {"met(bashar-al-assad, sergei-lavrov)", "met(sergei-lavrov, walid-al-moallem)"}),
    ("Ali Larijani, Iran's top negotiator, spoke after talks with Javier Solana.", {"met(ali-larijani, javier-solana)"}),
    # invitations: a titled invitee or inviter is the person, not the title's state; a second
    # titled invitee; agreements of two with a third, a traveller who agreed, a joint statement
    ("Hosni Mubarak invited U.S. President George W. Bush to Sharm el-Sheikh.", {"invited(hosni-mubarak, george-w-bush)"}),
    ("Ehud Olmert accepted an invitation from Egyptian President Hosni Mubarak to visit Cairo.", {"invited(hosni-mubarak, ehud-olmert)"}),
    ("George W. Bush invited Israeli Prime Minister Ehud Olmert and Palestinian President Mahmoud Abbas to a conference.",
     {"invited(george-w-bush, ehud-olmert)", "invited(george-w-bush, mahmoud-abbas)"}),
    ("Russia and China reached a deal with Iran on Monday.", {"agreed(china, iran)", "agreed(china, russia)", "agreed(iran, russia)"}),
    ("Nicolas Sarkozy flew to Moscow on Tuesday and agreed with Dmitry Medvedev on a plan to end the fighting.",
     {"agreed(dmitry-medvedev, nicolas-sarkozy)", "visited(nicolas-sarkozy, moscow)"}),
    ("Hu Jintao held talks with Vladimir Putin in Beijing, and the two leaders signed a joint statement.",
     {"agreed(hu-jintao, vladimir-putin)", "met(hu-jintao, vladimir-putin)", "visited(vladimir-putin, beijing)"}),
    ("Hu Jintao held talks with Vladimir Putin in Beijing, and the two leaders read a joint statement.",
     {"met(hu-jintao, vladimir-putin)", "visited(vladimir-putin, beijing)"}),
    ("The Arab League invited Hamas's rivals to Cairo for talks.", set()),
    # the dateline: a meeting or an arrival told without a place was where the article was filed;
    # who travelled is the participant from another state, never the one at home
    ("TEHRAN (Reuters) - Russian Foreign Minister Sergei Lavrov held talks with Iranian President Mahmoud Ahmadinejad on Tuesday.",
     {"met(mahmoud-ahmadinejad, sergei-lavrov)", "visited(sergei-lavrov, tehran)"}),
    ("TEHRAN (Reuters) - Russian Foreign Minister Sergei Lavrov arrived on Tuesday for talks on the nuclear dispute.",
     {"visited(sergei-lavrov, tehran)"}),
    ("MOSCOW (Reuters) - Russian Foreign Minister Sergei Lavrov arrived on Tuesday for talks on the nuclear dispute.", set()),
    ("TEHRAN (Reuters) - Russian Foreign Minister Sergei Lavrov held talks with Iranian President Mahmoud Ahmadinejad in Moscow on Tuesday.",
     {"met(mahmoud-ahmadinejad, sergei-lavrov)", "visited(mahmoud-ahmadinejad, moscow)"}),
    ("TEHRAN (Reuters) - Russian Foreign Minister Sergei Lavrov is to meet Iranian President Mahmoud Ahmadinejad on Tuesday.",
     {"planned met(mahmoud-ahmadinejad, sergei-lavrov)"}),
    ("Ukrainian Prime Minister Yulia Tymoshenko on Thursday arrived for energy talks with Russian counterpart Vladimir Putin.",
     {"planned met(vladimir-putin, yuliya-tymoshenko)"}),
    # ... and what must not be read so: a state named as a possessive is not the one who talks, a
    # meeting of a body is no meeting of the two, relations are not a handshake, a plan to speak
    # is no trip, a meeting to be chaired has not happened
    ("Yang Jiechi praised Pakistan's role during talks with Shah Mehmood Qureshi.", {"met(unlinked/shah-mehmood-qureshi, yang-jiechi)"}),
    ("Sergei Lavrov and Condoleezza Rice discussed Iran during a meeting of the Security Council.", set()),
    ("Relations between presidents George W. Bush and Vladimir Putin have soured.", set()),
    ("Condoleezza Rice prepared to speak in Cairo.", set()),
    ("Kofi Annan will chair a meeting with Hamas.", set()),
    ("Sergei Lavrov did not travel to Damascus after his talks were cancelled.", {"not visited(sergei-lavrov, damascus)"}),
    # "the two" with no pair, two pairs, or a pair that is only claimed or denied: no agreement
    ("The two sides agreed to meet again.", set()),
    ("Ehud Olmert met Mahmoud Abbas. Condoleezza Rice met Sergei Lavrov. The two sides agreed to meet again.",
     {"met(ehud-olmert, mahmoud-abbas)", "met(condoleezza-rice, sergei-lavrov)"}),
    ("Sergei Lavrov said Ehud Olmert met Mahmoud Abbas. The two leaders agreed on a truce.",
     {"claim met(ehud-olmert, mahmoud-abbas)"}),
    ("Ehud Olmert did not meet Mahmoud Abbas. The two sides agreed to a truce.",
     {"not met(ehud-olmert, mahmoud-abbas)"}),
]


@pytest.mark.parametrize("text,expected", ARTICLE_FORMS, ids=[c[0][:60] for c in ARTICLE_FORMS])
def test_article_forms_of_meetings_plans_and_agreements(pack, text, expected):
    assert relations(pack, text, kinds=WITH_AGREED) == expected


# --- the tenth round: meetings of many parties, officials of international bodies abroad, a visit
# told in an apposition, an envoy sent, joint statements, brokered plans. Sentences written for
# these tests about other actors than the development sentences they stand for; each negative
# must give nothing of its kind (a plan, a criticism, a signing that is no meeting).
MANY_AND_ABROAD = [
    # a host and the ministers of a list of states: every pair met; the guests visited
    ("Russian Foreign Minister Sergei Lavrov hosted his counterparts from Iran, Turkey and Syria in Moscow on Friday.",
     {"met(iran, sergei-lavrov)", "met(sergei-lavrov, turkey)", "met(sergei-lavrov, syria)", "met(iran, turkey)", "met(iran, syria)",
      "met(syria, turkey)", "visited(iran, moscow)", "visited(turkey, moscow)", "visited(syria, moscow)"}),
    ("Vladimir Putin received the leaders of Kazakhstan and Belarus in the Kremlin.",
     {"met(kazakhstan, vladimir-putin)", "met(belarus, vladimir-putin)", "met(belarus, kazakhstan)"}),
    ("Foreign ministers of Japan, China and South Korea met in Tokyo on Sunday.",
     {"met(china, japan)", "met(japan, south-korea)", "met(china, south-korea)", "visited(china, tokyo)", "visited(south-korea, tokyo)"}),
    ("Sergei Lavrov will host his counterparts from Iran and Turkey next month.", set()),
    ("Foreign ministers of Japan, China and South Korea criticised North Korea.", set()),
    # a state in talks in another state's city visited it; at home it did not
    ("Russia and Iran held talks in Moscow on Friday.", {"met(iran, russia)", "visited(iran, moscow)"}),
    ("Russia and Iran will hold talks in Moscow next week.", {"planned met(iran, russia)", "planned visited(iran, moscow)"}),
    # officials of bodies without a state: a meeting in a state's place is their visit, not at the seat
    ("U.N. envoy Ibrahim Gambari met Than Shwe in Naypyidaw on Sunday.",
     {"met(than-shwe, unlinked/ibrahim-gambari)", "visited(unlinked/ibrahim-gambari, naypyidaw)"}),
    ("UN chief Ban Ki-moon met Mahmoud Abbas in Ramallah on Friday.",
     {"met(ban-ki-moon, mahmoud-abbas)", "visited(ban-ki-moon, ramallah)"}),
    ("European Union foreign policy chief Javier Solana held talks with Ali Larijani in Ankara.",
     {"met(ali-larijani, javier-solana)", "visited(ali-larijani, ankara)", "visited(javier-solana, ankara)"}),
    ("European Union foreign policy chief Javier Solana met Sergei Lavrov in Brussels.",
     {"met(javier-solana, sergei-lavrov)", "visited(sergei-lavrov, brussels)"}),
    ("U.N. envoy Ibrahim Gambari met Javier Solana in New York.", {"met(javier-solana, unlinked/ibrahim-gambari)"}),
    ("U.N. envoy Ibrahim Gambari will meet Than Shwe in Naypyidaw on Sunday.",
     {"planned met(than-shwe, unlinked/ibrahim-gambari)", "planned visited(unlinked/ibrahim-gambari, naypyidaw)"}),
    # a visit told in an apposition after the main clause; an envoy sent to a place
    ("Condoleezza Rice met Mahmoud Abbas in Ramallah on Sunday, the first visit to the West Bank by a U.S. secretary of state in two years.",
     {"met(condoleezza-rice, mahmoud-abbas)", "visited(condoleezza-rice, palestine)", "visited(condoleezza-rice, ramallah)"}),
    ("Vladimir Putin arrived in Tehran on Tuesday, the first visit by a Kremlin leader to Iran since 1943.",
     {"visited(vladimir-putin, iran)", "visited(vladimir-putin, tehran)"}),
    ("Hugo Chavez addressed a rally in Minsk, on his first visit to Belarus.", {"visited(hugo-chavez, belarus)"}),
    ("Vladimir Putin criticised Iran on Tuesday, calling for a visit by inspectors.", set()),
    ("George W. Bush dispatched Condoleezza Rice to Beirut on Sunday.", {"visited(condoleezza-rice, beirut)"}),
    ("Mahmoud Abbas condemned the raid and sent his prime minister, Salam Fayyad, to Nablus.", {"visited(salam-fayyad, nablus)"}),
    ("George W. Bush sent a letter to Condoleezza Rice in Beirut.", set()),
    # "as the two held talks", a "visiting" guest, a list of titled people met one by one
    ("Vladimir Putin praised Angela Merkel for her leadership of the G8 as the two held talks in Moscow.",
     {"met(angela-merkel, vladimir-putin)", "visited(angela-merkel, moscow)"}),
    ("Vladimir Putin criticised Angela Merkel as the two sides traded accusations.", set()),
    ("Nicolas Sarkozy held talks with visiting Chinese Premier Wen Jiabao in Paris on Monday.",
     {"met(nicolas-sarkozy, wen-jiabao)", "visited(wen-jiabao, paris)"}),
    ("Sergei Lavrov met with Iranian Foreign Minister Manouchehr Mottaki, Syrian Foreign Minister Walid al-Moallem and Turkish Foreign Minister Ali Babacan.",
     {"met(manouchehr-mottaki, sergei-lavrov)", "met(sergei-lavrov, walid-al-moallem)", "met(ali-babacan, sergei-lavrov)"}),
    # delegations met one by one; a meeting named before its subject; a city with its state; a visit concluded
    ("Condoleezza Rice met with delegations from Egypt and Jordan in Cairo.",
     {"met(condoleezza-rice, egypt)", "met(condoleezza-rice, jordan)", "visited(condoleezza-rice, cairo)", "visited(jordan, cairo)"}),
    ("Condoleezza Rice will meet delegations from Egypt and Jordan next week.", set()),  # a plan: never a meeting that happened
    ("During his discussions with Syrian President Bashar al-Assad, Sergei Lavrov stressed the need for a political solution.",
     {"met(bashar-al-assad, sergei-lavrov)"}),
    ("During his speech in Damascus, Sergei Lavrov stressed the need for a political solution.", set()),
    ("Condoleezza Rice arrived in Cairo, Egypt, on Thursday.", {"visited(condoleezza-rice, cairo)", "visited(condoleezza-rice, egypt)"}),
    ("The EU's foreign policy chief, Javier Solana, has concluded a three-day visit to Lebanon.", {"visited(javier-solana, lebanon)"}),
    ("Talks between Ali Larijani and Javier Solana in Lisbon on Saturday ended without a breakthrough.",
     {"met(ali-larijani, javier-solana)", "visited(ali-larijani, lisbon)"}),  # no title: Solana's body is not known here
    # a traveller invited: the person, not the state of a possessive before the title
    ("Egypt's President Hosni Mubarak arrived in Moscow at the invitation of Vladimir Putin.",
     {"invited(vladimir-putin, hosni-mubarak)", "visited(hosni-mubarak, moscow)"}),
]


@pytest.mark.parametrize("text,expected", MANY_AND_ABROAD, ids=[c[0][:60] for c in MANY_AND_ABROAD])
def test_many_parties_bodies_abroad_appositions_and_envoys(pack, text, expected):
    assert relations(pack, text) == expected


SIGNED = [
    # a joint statement signed or issued is an agreement of its signers; a plan brokered with
    # someone is an agreement of the two; a signing abroad is no visit (every annotator's reading)
    ("Chinese President Hu Jintao and Russian President Vladimir Putin signed a joint statement in Moscow on Thursday.",
     {"agreed(hu-jintao, vladimir-putin)"}),
    ("Japan issued a joint declaration with South Korea on Friday.", {"agreed(japan, south-korea)"}),
    ("Hu Jintao and Vladimir Putin read out a joint statement.", set()),
    ("Condoleezza Rice flew to Jerusalem on Sunday and hammered out a compromise with Israeli Prime Minister Ehud Olmert.",
     {"agreed(condoleezza-rice, ehud-olmert)", "visited(condoleezza-rice, jerusalem)"}),
    ("Turkey brokered a truce with Syria on Monday.", {"agreed(syria, turkey)"}),
    ("Turkey failed to broker a truce with Syria.", set()),
    ("Polish Foreign Minister Radoslaw Sikorski and Condoleezza Rice signed an agreement in Warsaw on Wednesday.",
     {"agreed(condoleezza-rice, radoslaw-sikorski)"}),
]


@pytest.mark.parametrize("text,expected", SIGNED, ids=[c[0][:60] for c in SIGNED])
def test_joint_statements_brokered_plans_and_signings_abroad(pack, text, expected):
    assert relations(pack, text, kinds=WITH_AGREED) == expected


# --- the eleventh round: the forms real reports use inside one sentence (articles-8 and sentences-8
# misses read as phrase families). Sentences written for these tests about other actors than the
# development sentences they stand for; each negative must give nothing of its kind.
ONE_SENTENCE_FORMS = [
    # talks with a time or topic before "with"; telephone talks (a talk held, CAMEO 040)
    ("Kofi Annan held talks on Thursday with Syrian President Bashar al-Assad over the crisis in Lebanon.",
     {"met(bashar-al-assad, kofi-annan)"}),
    ("Sergei Lavrov held lengthy talks on the nuclear dispute with Iranian Foreign Minister Manouchehr Mottaki in Moscow.",
     {"met(manouchehr-mottaki, sergei-lavrov)", "visited(manouchehr-mottaki, moscow)"}),
    ("Kofi Annan will hold talks on Thursday with Syrian President Bashar al-Assad.", {"planned met(bashar-al-assad, kofi-annan)"}),
    ("Angela Merkel said she had held telephone talks with Israel's prime minister, Ehud Olmert.",
     {"claim met(angela-merkel, ehud-olmert)"}),
    # a person met after a state's title and a comma: the person, not the state
    ("Javier Solana met Syria's foreign minister, Walid al-Moallem, in Brussels.",
     {"met(javier-solana, walid-al-moallem)", "visited(walid-al-moallem, brussels)"}),
    # discussed something with a person: met; with a state, or by telephone, not
    ("Kofi Annan has discussed the crisis in Darfur with Sudanese President Omar al-Bashir.", {"met(kofi-annan, omar-al-bashir)"}),
    ("Vladimir Putin discussed energy ties with China.", set()),
    ("Vladimir Putin discussed the crisis with Angela Merkel by telephone.", set()),
    # a delegation met; two leaders each with his state after the name
    ("Sergei Lavrov conferred with a Hamas delegation in Moscow on Friday.", {"met(hamas, sergei-lavrov)"}),
    ("Presidents Vladimir Putin of Russia and Hu Jintao of China met in Beijing on Friday.",
     {"met(hu-jintao, vladimir-putin)", "visited(vladimir-putin, beijing)"}),
    ("Presidents Vladimir Putin of Russia and Hu Jintao of China will meet in Beijing.", set()),  # a plan: never a meeting made
    # planned: due in a place for meetings, travel for talks, a relative "who is also due to meet"
    ("Manouchehr Mottaki was due in Baghdad for meetings with Iraqi Foreign Minister Hoshyar Zebari.",
     {"planned met(hoshyar-zebari, manouchehr-mottaki)", "planned visited(manouchehr-mottaki, baghdad)"}),
    ("Condoleezza Rice is due to travel to Beijing next week for talks with Chinese Foreign Minister Yang Jiechi.",
     {"planned met(condoleezza-rice, yang-jiechi)", "planned visited(condoleezza-rice, beijing)"}),
    ("Condoleezza Rice, who will meet Ehud Olmert on Sunday, said progress was possible.", {"planned met(condoleezza-rice, ehud-olmert)"}),
    ("Condoleezza Rice, who met Ehud Olmert on Sunday, said progress was possible.", {"met(condoleezza-rice, ehud-olmert)"}),
    # a planned meeting in another state's city: the guests' planned visits, never the host's
    ("EU foreign policy chief Javier Solana is due to meet Iran's top nuclear negotiator Ali Larijani in Vienna on Wednesday.",
     {"planned met(ali-larijani, javier-solana)", "planned visited(ali-larijani, vienna)", "planned visited(javier-solana, vienna)"}),
    ("Hu Jintao will host Vladimir Putin in Beijing next month.",
     {"planned met(hu-jintao, vladimir-putin)", "planned visited(vladimir-putin, beijing)"}),
    ("Condoleezza Rice arrived in Cairo on Monday for talks with Egyptian President Hosni Mubarak.",  # her visit is made, not planned again
     {"planned met(condoleezza-rice, hosni-mubarak)", "visited(condoleezza-rice, cairo)"}),
    # held no talks: negated
    ("India and Pakistan have held no formal talks since the attacks in Mumbai.", {"not met(india, pakistan)"}),
    # precision: a negation elsewhere in the sentence, indirect talks
    ("Wen Jiabao made no pledge on the yuan during his talks with Jose Manuel Barroso.", {"met(jose-manuel-barroso, wen-jiabao)"}),
    ("Bashar al-Assad praised Turkey's mediation in the indirect talks with Israel.", set()),
    # visits: planned trips told with a noun or a clause; tours; leaving; pulling out
    ("Taro Aso was set to start an official four-day trip to India on Sunday.", {"planned visited(taro-aso, india)"}),
    ("Dmitry Medvedev is expected to become the first Russian president in decades to visit Cuba.", {"planned visited(dmitry-medvedev, cuba)"}),
    ("Christopher Hill left for his tour of China, Japan and South Korea on Monday.",
     {"visited(christopher-hill, china)", "visited(christopher-hill, japan)", "visited(christopher-hill, south-korea)"}),
    ("Christopher Hill will leave for a tour of China next week.", set()),
    ("Christopher Hill left Beijing for home on Tuesday.", {"visited(christopher-hill, beijing)"}),
    ("Leaving Kabul for Islamabad, U.S. Secretary of State Condoleezza Rice said the talks had gone well.",
     {"visited(condoleezza-rice, islamabad)"}),
    ("Nicolas Sarkozy flew into Damascus on Wednesday.", {"visited(nicolas-sarkozy, damascus)"}),
    ("Mahmoud Ahmadinejad pulled out of a regional summit in Baku after Azerbaijan came under pressure.",
     {"not visited(mahmoud-ahmadinejad, baku)"}),
    ("Pakistani Prime Minister Shaukat Aziz, on a five-day visit to China, met Premier Wen Jiabao.",
     {"met(shaukat-aziz, wen-jiabao)", "visited(shaukat-aziz, china)"}),
    # a courtesy call; views exchanged; a guest in a place at someone's invitation (two fresh 2007-08 dev pages)
    ("Taro Aso called on Prime Minister Manmohan Singh at his residence on Monday.", {"met(manmohan-singh, taro-aso)"}),
    ("Taro Aso called on Prime Minister Manmohan Singh to resume talks.", set()),
    ("Sergei Lavrov and Javier Solana exchanged views on Iran.", {"met(javier-solana, sergei-lavrov)"}),
    ("Foreign Minister Taro Aso is in New Delhi at the invitation of Pranab Mukherjee.",
     {"visited(taro-aso, new-delhi)", "invited(pranab-mukherjee, taro-aso)"}),
    ("Sergei Lavrov was in Damascus when the war began.", set()),
    # travelling to attend a summit in a place: a visit there (from another state); a bare attendance gives nothing
    ("George W. Bush flew to Indonesia on Sunday to attend a regional summit in Jakarta.",
     {"visited(george-w-bush, indonesia)", "visited(george-w-bush, jakarta)"}),
    ("Gordon Brown and Hu Jintao attended the G20 summit in Pittsburgh.", set()),
    # one guest invited to a place for talks: the invitation only (its purpose is no planned meeting or visit:
    # the annotators of sets 3, 5, 11, 12 and 13 count none; round 16 withdrew meet.invited-for-talks)
    ("Vladimir Putin has invited Venezuelan President Hugo Chavez to Moscow for talks next month.",
     {"invited(vladimir-putin, hugo-chavez)"}),
    ("Vladimir Putin has invited Hugo Chavez to a concert in Moscow.", {"invited(vladimir-putin, hugo-chavez)"}),
    # the object of "visit" is no visitor
    ("Christopher Hill was willing to visit North Korea during his trip to Japan.", {"visited(christopher-hill, japan)"}),
]


@pytest.mark.parametrize("text,expected", ONE_SENTENCE_FORMS, ids=[c[0][:60] for c in ONE_SENTENCE_FORMS])
def test_one_sentence_forms_of_real_reports(pack, text, expected):
    assert relations(pack, text) == expected


# Meetings and visits in the shapes real articles tell them (issue 14, thirteenth round): a datelined
# report's talks "here", talks described by a participant, talks still to come told as a noun, a
# person one "was to see", a mediator, talks of three or more, a time before the place of a planned
# meeting, "arrived back in", the IAEA's own seat, and a meeting told after a trip to one city.
# Sentences written for these tests, about other actors than the development articles.
ARTICLE_SHAPES = [
    ("ANKARA, May 3 (AFP): German Foreign Minister Frank-Walter Steinmeier held talks here on Tuesday with Turkish Foreign Minister Ali Babacan.",
     "2007-05-03", {"met(ali-babacan, frank-walter-steinmeier)", "visited(frank-walter-steinmeier, ankara)"}),
    ("CAIRO (Reuters) - Sergei Lavrov described his talks here on Monday with Hosni Mubarak as useful.",
     "2007-06-12", {"met(hosni-mubarak, sergei-lavrov)", "visited(sergei-lavrov, cairo)"}),
    ("Angela Merkel arrived in Cairo on Monday. Her talks with Hosni Mubarak are expected to focus on Gaza.",
     "2007-06-12", {"planned met(angela-merkel, hosni-mubarak)", "visited(angela-merkel, cairo)"}),
    ("Angela Merkel said her talks with Hosni Mubarak had been useful.", "2007-06-12", {"claim met(angela-merkel, hosni-mubarak)"}),
    ("Kofi Annan, who was to see Hosni Mubarak later in the day, spoke to reporters.", "2006-06-12",
     {"planned met(hosni-mubarak, kofi-annan)"}),
    ("Kofi Annan was to see progress on Darfur.", "2006-06-12", set()),
    ("Talks between Fatah and Hamas mediated by Egypt adjourned on Sunday.", "2007-06-12",
     {"met(egypt, fatah)", "met(egypt, hamas)", "met(fatah, hamas)"}),
    ("Thabo Mbeki mediated talks between Robert Mugabe and Morgan Tsvangirai.", "2008-08-12",
     {"met(morgan-tsvangirai, robert-mugabe)", "met(morgan-tsvangirai, thabo-mbeki)", "met(robert-mugabe, thabo-mbeki)"}),
    ("Sergei Lavrov held talks with Wen Jiabao and Yang Jiechi in Beijing.", "2008-06-12",
     {"met(sergei-lavrov, wen-jiabao)", "met(sergei-lavrov, yang-jiechi)", "met(wen-jiabao, yang-jiechi)", "visited(sergei-lavrov, beijing)"}),
    ("Sergei Lavrov held separate talks with Wen Jiabao and Yang Jiechi in Beijing.", "2008-06-12",
     {"met(sergei-lavrov, wen-jiabao)", "met(sergei-lavrov, yang-jiechi)", "visited(sergei-lavrov, beijing)"}),
    ("The talks have involved Fatah, Hamas and Islamic Jihad.", "2007-06-12",
     {"met(fatah, hamas)", "met(fatah, palestinian-islamic-jihad)", "met(hamas, palestinian-islamic-jihad)"}),
    ("Talks involving Fatah and Hamas are expected to open next week.", "2007-06-12", set()),
    ("Javier Solana is scheduled to meet Manouchehr Mottaki on Thursday in Istanbul.", "2007-06-12",
     {"planned met(javier-solana, manouchehr-mottaki)", "planned visited(manouchehr-mottaki, istanbul)"}),
    ("Condoleezza Rice arrived back in Lebanon on Monday.", "2006-07-30", {"visited(condoleezza-rice, lebanon)"}),
    ("Mohamed ElBaradei held talks with Ali Larijani in Vienna.", "2007-06-12",
     {"met(ali-larijani, mohamed-elbaradei)", "visited(ali-larijani, vienna)"}),
    ("Condoleezza Rice arrived in Amman on Sunday. She held talks with Mahmoud Abbas.", "2007-06-12",
     {"met(condoleezza-rice, mahmoud-abbas)", "visited(condoleezza-rice, amman)", "visited(mahmoud-abbas, amman)"}),
    ("Ban Ki-moon will travel to Khartoum on Monday. He will meet Omar al-Bashir.", "2007-09-03",
     {"planned met(ban-ki-moon, omar-al-bashir)", "planned visited(ban-ki-moon, khartoum)"}),
    ("Condoleezza Rice arrived in Amman on Sunday. She flew to Cairo on Monday. She held talks with Mahmoud Abbas.", "2007-06-12",
     {"met(condoleezza-rice, mahmoud-abbas)", "visited(condoleezza-rice, amman)", "visited(condoleezza-rice, cairo)"}),
    ("Nicolas Sarkozy had a dinner meeting with Gordon Brown on Tuesday.", "2008-06-12", {"met(gordon-brown, nicolas-sarkozy)"}),
    ("Jacques Chirac hosted talks on Sunday between Ehud Olmert and Mahmoud Abbas.", "2007-06-12",
     {"met(ehud-olmert, jacques-chirac)", "met(ehud-olmert, mahmoud-abbas)", "met(jacques-chirac, mahmoud-abbas)"}),
]


@pytest.mark.parametrize("text,date,expected", ARTICLE_SHAPES, ids=[c[0][:60] for c in ARTICLE_SHAPES])
def test_article_shapes_of_meetings_and_visits(pack, text, date, expected):
    assert relations(pack, text, date) == expected


# --- the fourteenth round: groups of states that meet, a trip and a talk in one sentence, talks
# opened or led by two sides (sentences written for these tests)
SIX = ["china", "france", "germany", "russia", "united-kingdom", "united-states"]
GROUPS_AND_TRIPS = [
    # a list that spoke together after talks in a place: every pair met there, the guests visited it
    ("Envoys from Brazil, India and South Africa said in a joint statement after talks in Pretoria that trade would grow.",
     {"met(brazil, india)", "met(brazil, republic-of-south-africa)", "met(india, republic-of-south-africa)",
      "visited(brazil, pretoria)", "visited(india, pretoria)"}),
    # a trip and a face-to-face talk in one sentence
    ("Kofi Annan went to Kinshasa on Monday and spoke to President Joseph Kabila.",
     {"met(joseph-kabila, kofi-annan)", "visited(kofi-annan, kinshasa)"}),
    ("Kofi Annan went to Kinshasa on Monday and spoke to reporters about Joseph Kabila.", {"visited(kofi-annan, kinshasa)"}),
    # states (or their adjectives) before the people who opened a stretch of talks
    ("Japan and China's senior trade officials began three days of talks in Beijing on Monday.",
     {"met(china, japan)", "visited(japan, beijing)"}),
    ("The Turkish and Syrian foreign ministers resumed border talks in Damascus on Sunday.",
     {"met(syria, turkey)", "visited(turkey, damascus)"}),
    # talks led by two
    ("The talks in Ankara were led by Turkish Foreign Minister Ali Babacan and Syrian Foreign Minister Walid al-Moallem.",
     {"met(ali-babacan, walid-al-moallem)", "visited(walid-al-moallem, ankara)"}),
    # a group the data names (data/groups.yaml 'known'): six world powers are the P5+1, when the
    # article names each of them somewhere (here in no list of six)
    ("VIENNA (AP) - The six world powers met in Vienna on Monday. The United States and Britain want sanctions, "
     "France and Germany hesitate, and Russia and China are opposed.",
     {f"met({a}, {b})" for a in SIX for b in SIX if a < b} | {f"visited({a}, vienna)" for a in SIX}),
    ("VIENNA (AP) - The six world powers met in Vienna on Monday.", set()),  # who they are, the article never says
    ("The six powers discussed sanctions on Iran.", set()),  # discussing is no meeting
]


@pytest.mark.parametrize("text,expected", GROUPS_AND_TRIPS, ids=[c[0][:60] for c in GROUPS_AND_TRIPS])
def test_groups_of_states_trips_and_talks_led_by_two(pack, text, expected):
    assert relations(pack, text) == expected


def test_a_bad_known_group_is_named_with_file_and_line(tmp_path):
    from kg.errors import RuleError
    from kg.knowing.groups import load_groups
    p = tmp_path / "groups.yaml"
    p.write_text("nouns: {powers: Country}\nknown:\n  - {noun: powers, count: 3, members: [japan, china]}\n")
    with pytest.raises(RuleError) as e:
        load_groups(p)
    assert f"{p}:3" in str(e.value) and "count" in str(e.value)


# --- the fifteenth round: the talks as one event of the article, a bloc's planned talks with one
# side, a meeting hoped for, talks "with" someone kg cannot name (docs/rules.md "Fifteenth round")
THE_TALKS = [
    # the mediator in one sentence, the sides present at "the talks" in the next: one event, every pair met
    ("Kofi Annan was in Nairobi on Monday to mediate talks between Mwai Kibaki and the opposition. "
     "Raila Odinga arrived at the hotel where the talks are taking place.", "2008-02-12",
     {"met(kofi-annan, mwai-kibaki)", "met(kofi-annan, raila-odinga)", "met(mwai-kibaki, raila-odinga)", "visited(kofi-annan, nairobi)"}),
    # a mediator who left after days of talks in a capital; the sides the talks involved, after possessives
    ("Nigerian President Olusegun Obasanjo left Kenya on Friday after mediating during two weeks of talks in the capital, Nairobi. "
     "The reconciliation talks have involved Mr Abbas's Fatah movement, Mr Haniyeh's Hamas, and the smaller factions.", "2008-02-12",
     {"met(fatah, hamas)", "met(fatah, olusegun-obasanjo)", "met(hamas, olusegun-obasanjo)", "visited(olusegun-obasanjo, nairobi)"}),
    # the mediator's title and a side emerging from the talks
    ("Kofi Annan, the chief mediator of the talks, spoke on Tuesday. Raila Odinga, emerging from the talks, said a deal was near.",
     "2008-02-12", {"met(kofi-annan, raila-odinga)"}),
    # talks in two places are not one event
    ("Nigerian President Olusegun Obasanjo left Kenya on Friday after mediating during two weeks of talks in the capital, Nairobi. "
     "Mwai Kibaki was in Kampala on Monday to mediate talks between Yoweri Museveni and the rebels.", "2008-02-12",
     {"met(mwai-kibaki, yoweri-museveni)", "visited(olusegun-obasanjo, nairobi)", "visited(mwai-kibaki, kampala)"}),
    # a lone cue is no meeting
    ("Joseph Kony arrived at the hotel where the talks are taking place.", "2008-06-12", set()),
    ("Raila Odinga arrived at the Serena hotel on Monday.", "2008-06-12", set()),
    # a bloc's talks with one side: each member (and the subject) will meet that side, not one another
    ("Japanese diplomats are expected to join counterparts from Brazil, India and Germany for talks with China next week.", "2009-06-12",
     {"planned met(china, japan)", "planned met(brazil, china)", "planned met(china, india)", "planned met(china, germany)"}),
    ("Japanese diplomats joined counterparts from Brazil, India and Germany in criticising China.", "2009-06-12", set()),
    # a meeting hoped for is still to come
    ("Sergei Lavrov said he was hopeful for progress at the March 3 meeting with Javier Solana.", "2009-02-12",
     {"planned met(javier-solana, sergei-lavrov)"}),
    ("Sergei Lavrov told reporters at a meeting with Javier Solana that Russia would help.", "2009-02-12",
     {"met(javier-solana, sergei-lavrov)"}),
    # two envoys who held talks WITH someone kg cannot name did not meet each other
    ("Envoys from the United Nations and the African Union held talks with the country's president on Saturday.", "2007-02-12", set()),
    ("Condoleezza Rice and Sergei Lavrov held talks with the visiting ministers on Saturday.", "2007-02-12", set()),
    ("Condoleezza Rice and Sergei Lavrov held talks on Saturday.", "2007-02-12", {"met(condoleezza-rice, sergei-lavrov)"}),
    # time spent in a place meeting someone: the meeting there, and the guest's visit
    ("Condoleezza Rice has spent much of the week in Cairo meeting with the Egyptian hosts of the conference.", "2007-02-12",
     {"met(condoleezza-rice, egypt)", "visited(condoleezza-rice, cairo)"}),
    ("Condoleezza Rice has spent much of the week in Washington criticising Mahmoud Abbas.", "2007-02-12", set()),
    # a body's visit was made by the body's envoy the article names (not by its spokesman)
    ("Envoys from the United Nations are visiting Sudan this week. Jan Eliasson, the UN envoy to Darfur, met rebel leaders.", "2007-02-12",
     {"visited(jan-eliasson, sudan)", "visited(united-nations, sudan)"}),
    ("Envoys from the United Nations are visiting Sudan this week. Jan Eliasson, the UN spokesman, met rebel leaders.", "2007-02-12",
     {"visited(united-nations, sudan)"}),
    # days of diplomacy in places before the trip the sentence tells; the first of a kind to visit a place
    ("Condoleezza Rice flew to Ankara on Friday after three days of talks in Egypt and Jordan.", "2007-02-12",
     {"visited(condoleezza-rice, ankara)", "visited(condoleezza-rice, egypt)", "visited(condoleezza-rice, jordan)"}),
    ("Condoleezza Rice will fly to Ankara after three days of talks in Egypt.", "2007-02-12", {"planned visited(condoleezza-rice, ankara)"}),
    ("The first Israeli prime minister to visit Jordan was Yitzhak Rabin.", "2007-02-12", {"visited(yitzhak-rabin, jordan)"}),
    ("The first Israeli prime minister to visit Jordan will be chosen next year.", "2007-02-12", set()),
    # a demonym before a title is not the actor; an envoy to a state who travels is not the state
    ("Following his meeting with Hosni Mubarak, the Israeli prime minister flew home.", "2007-02-12", set()),
    ("The U.N. special envoy to Lebanon arrived in Beirut on Wednesday.", "2007-02-12", set()),
    # parties that agreed during a meeting met there; talks held upon one's arrival
    ("Egypt, Jordan and Israel had agreed in principle on a border force during a meeting in March.", "2007-02-12",
     {"met(egypt, israel)", "met(egypt, jordan)", "met(israel, jordan)"}),
    ("Egypt, Jordan and Israel will agree on a border force during a meeting in March.", "2007-02-12", set()),
    ("Javier Solana held talks upon his arrival on Monday with Ali Larijani.", "2007-02-12", {"met(ali-larijani, javier-solana)"}),
    # two sides who went into talks together
    ("Russia's Sergei Lavrov and Iran's Manouchehr Mottaki shook hands and went into talks at the Kremlin.", "2007-02-12",
     {"met(manouchehr-mottaki, sergei-lavrov)"}),
    ("Sergei Lavrov and Manouchehr Mottaki will go into talks on Monday.", "2007-02-12", set()),
    # a flight from one place to another is a visit of the second
    ("Thabo Mbeki flew from Harare to Luanda on Wednesday.", "2008-08-13", {"visited(thabo-mbeki, luanda)"}),
    # others who made the same trip, told by ellipsis
    ("Sergei Lavrov flew to Geneva to push for a deal, as did his counterparts from France and Germany.", "2007-02-12",
     {"visited(sergei-lavrov, geneva)", "visited(france, geneva)", "visited(germany, geneva)"}),
    ("Sergei Lavrov flew to Geneva to push for a deal, but his counterparts from France and Germany stayed home.", "2007-02-12",
     {"visited(sergei-lavrov, geneva)"}),
]


@pytest.mark.parametrize("text,date,expected", THE_TALKS, ids=[c[0][:60] for c in THE_TALKS])
def test_the_talks_as_one_event_blocs_and_hoped_meetings(pack, text, date, expected):
    assert relations(pack, text, date) == expected


# Round 16: a third party who hosted or mediated two sides' talks, a guest received with the place
# before "by", "A and then B", a counterpart after a comma, (a forum that brings a list together: withdrawn),
# "A and B did not meet", talks that open the sentence, a pair "who met", titled lists of guests,
# a visit under way, a transcript of two heads of state, and no meeting from an invitation.
SIXTEENTH = [
    ("The presidents of Chad and Sudan held talks in Tripoli hosted by Muammar Gaddafi on Sunday.", "2008-06-12",
     {"met(chad, muammar-gaddafi)", "met(chad, sudan)", "met(muammar-gaddafi, sudan)", "visited(chad, tripoli)", "visited(sudan, tripoli)"}),
    ("Ehud Olmert and Mahmoud Abbas met over lunch at the Elysee, hosted by Nicolas Sarkozy.", "2008-06-12",
     {"met(ehud-olmert, mahmoud-abbas)", "met(ehud-olmert, nicolas-sarkozy)", "met(mahmoud-abbas, nicolas-sarkozy)"}),
    ("Ehud Olmert and Mahmoud Abbas met in Paris, and Nicolas Sarkozy hosted a dinner.", "2008-06-12",
     {"met(ehud-olmert, mahmoud-abbas)", "visited(ehud-olmert, paris)", "visited(mahmoud-abbas, paris)"}),
    ("Khaled Meshaal was received in Moscow by Sergei Lavrov on Friday.", "2008-06-12",
     {"met(khalid-mishal, sergei-lavrov)", "visited(khalid-mishal, moscow)"}),
    ("Hugo Chavez flew to Tehran on Sunday and was warmly welcomed by Mahmoud Ahmadinejad.", "2008-06-12",
     {"met(hugo-chavez, mahmoud-ahmadinejad)", "visited(hugo-chavez, tehran)"}),
    ("Condoleezza Rice met Ehud Olmert and then Mahmoud Abbas in Jerusalem.", "2008-06-12",
     {"met(condoleezza-rice, ehud-olmert)", "met(condoleezza-rice, mahmoud-abbas)"}),
    ("Frank-Walter Steinmeier met his French counterpart, Bernard Kouchner, in Berlin on Friday.", "2008-06-12",
     {"met(bernard-kouchner, frank-walter-steinmeier)", "visited(bernard-kouchner, berlin)"}),
    # withdrawn in round 17: a forum's standing members are no meeting of every pair (sentences-14)
    ("The talks on Darfur, which bring together Sudan, Chad, Libya and Eritrea, resumed in Tripoli on Monday.", "2008-06-12", set()),
    ("The talks on Darfur, which bring together Sudan, Chad, Libya and Eritrea, will resume in Tripoli on Monday.", "2008-06-12", set()),
    ("Sergei Lavrov and Condoleezza Rice did not meet on Tuesday.", "2008-06-12", {"not met(condoleezza-rice, sergei-lavrov)"}),
    ("After talks with Sergei Lavrov in Moscow, Manouchehr Mottaki told reporters that progress had been made.", "2008-06-12",
     {"met(manouchehr-mottaki, sergei-lavrov)", "visited(manouchehr-mottaki, moscow)"}),
    ("Following his meeting with Robert Mugabe, the South African president said the talks would resume.", "2008-06-12", set()),
    ("Angela Merkel and Nicolas Sarkozy, who met in Berlin on Monday, called for new rules.", "2008-06-12",
     {"met(angela-merkel, nicolas-sarkozy)"}),
    ("Angela Merkel and Nicolas Sarkozy, who met Vladimir Putin in Berlin on Monday, called for new rules.", "2008-06-12",
     {"met(nicolas-sarkozy, vladimir-putin)", "visited(nicolas-sarkozy, berlin)", "visited(vladimir-putin, berlin)"}),
    ("Condoleezza Rice will meet with President Hamid Karzai, President Pervez Musharraf and President Mahmoud Ahmadinejad next week.",
     "2008-06-12", {"planned met(condoleezza-rice, hamid-karzai)", "planned met(condoleezza-rice, mahmoud-ahmadinejad)",
                    "planned met(condoleezza-rice, pervez-musharraf)"}),
    ("Hosni Mubarak is making a state visit to Russia.", "2008-06-12", {"visited(hosni-mubarak, russia)"}),
    ("President of France Nicolas Sarkozy: Dear Angela, welcome to Paris.\n\nChancellor of Germany Angela Merkel: Thank you, Nicolas.",
     "2008-06-12", {"met(angela-merkel, nicolas-sarkozy)"}),
    ("President of France Nicolas Sarkozy: Dear friends, welcome to Paris.", "2008-06-12", set()),
    ("Vladimir Putin has invited Hugo Chavez to Moscow for talks next month.", "2008-06-12", {"invited(vladimir-putin, hugo-chavez)"}),
    ("Hamas agreed to a truce on Monday after talks mediated by Egypt's intelligence chief, Omar Suleiman.", "2008-06-12",
     {"met(hamas, unlinked/omar-suleiman)"}),
]


@pytest.mark.parametrize("text,date,expected", SIXTEENTH, ids=[c[0][:60] for c in SIXTEENTH])
def test_hosts_mediators_receptions_lists_transcripts_and_invitations(pack, text, date, expected):
    assert relations(pack, text, date) == expected


# Round 17: precision (a list that met someone else did not meet itself; a verb of a subordinate
# clause is not the subject's; hosting bases is no meeting), the leaders of two communities and a
# third present, a body's delegation that met in a place with someone and "the delegation" told
# again, a guest greeted by a host, a summoned ambassador, a guest welcomed to a place, in a place
# for talks, on arrival in a place.
SEVENTEENTH = [
    ("The defence ministers of Italy, Spain and Portugal met Moroccan officials in Rabat on Monday.", "2008-06-12",
     {"met(italy, morocco)", "met(morocco, portugal)", "met(morocco, spain)",
      "visited(italy, rabat)", "visited(portugal, rabat)", "visited(spain, rabat)"}),
    ("Foreign ministers of Italy, Spain and Portugal met in Lisbon on Friday.", "2008-06-12",
     {"met(italy, portugal)", "met(italy, spain)", "met(portugal, spain)", "visited(italy, lisbon)", "visited(spain, lisbon)"}),
    ("Vladimir Putin warned Georgia against war if it joined NATO and hosted American bases.", "2008-06-12", set()),
    ("Greek Cypriot leader Tassos Papadopoulos and Turkish Cypriot leader Mehmet Ali Talat met in Nicosia on Friday in the presence of U.N. envoy Ibrahim Gambari.",
     "2008-06-12", {"met(tassos-papadopoulos, unlinked/mehmet-ali-talat)", "met(tassos-papadopoulos, unlinked/ibrahim-gambari)",
                    "met(unlinked/ibrahim-gambari, unlinked/mehmet-ali-talat)"}),
    ("Greek Cypriot leader Tassos Papadopoulos and Turkish Cypriot leader Mehmet Ali Talat did not meet in Nicosia.", "2008-06-12", set()),
    ("An African Union delegation met in Khartoum on Sunday with Sudanese President Omar al-Bashir.", "2008-06-12",
     {"met(african-union, omar-al-bashir)"}),
    ("Hugo Chavez, who flew in overnight, was greeted by Mahmoud Ahmadinejad at a ceremony in Tehran.", "2008-06-12",
     {"met(hugo-chavez, mahmoud-ahmadinejad)", "visited(hugo-chavez, tehran)"}),
    ("The plan of Hugo Chavez was welcomed by Mahmoud Ahmadinejad.", "2008-06-12", set()),
    ("The Russian Foreign Ministry summoned the Estonian ambassador on Thursday.", "2008-06-12", {"met(estonia, russian-foreign-ministry)"}),
    ("The Russian Foreign Ministry threatened to summon the Estonian ambassador.", "2008-06-12", set()),
    ("I am delighted to welcome my colleague, Foreign Minister Sergei Lavrov, to the State Department, to Washington.", "2008-06-12",
     {"visited(sergei-lavrov, washington-d-c)"}),
    ("Hugo Chavez welcomed Vladimir Putin's decision to Moscow's surprise.", "2008-06-12", set()),
    # "the delegation" told again: the body whose delegation the article names (one body only)
    ("A European Union delegation met Alexander Lukashenko on Monday. The delegation, which arrived in Minsk on Sunday, also met Foreign Minister Sergei Martynov.",
     "2008-06-12", {"met(alyaksandr-lukashenka, european-union)", "met(european-union, sergei-martynov)", "visited(european-union, minsk)"}),
    ("A European Union delegation arrived in Minsk on Monday. An OSCE delegation arrived on Tuesday. The delegation also met Foreign Minister Sergei Martynov.",
     "2008-06-12", {"visited(european-union, minsk)"}),
    ("The delegation also met Foreign Minister Sergei Martynov.", "2008-06-12", set()),
    # in a place for talks (a headline without its verb); on arrival in a place
    ("Lavrov in Tehran for Nuclear Talks", "2008-06-12", {"visited(sergei-lavrov, tehran)"}),
    ("Sergei Lavrov is in Tehran.", "2008-06-12", set()),
    ("Javier Solana was cautious, on arrival in Tehran on Monday, about the talks.", "2008-06-12", {"visited(javier-solana, tehran)"}),
    ("Javier Solana said Sergei Lavrov would speak on arrival in Tehran.", "2008-06-12", set()),
    # talks between "their" ministers; talks told first in the Kremlin; a mediator or host as the subject
    ("Armenia and Azerbaijan agreed to keep talking after a meeting between their foreign ministers in Prague.", "2008-06-12",
     {"met(armenia, azerbaijan)", "visited(armenia, prague)", "visited(azerbaijan, prague)"}),
    ("Armenia and Azerbaijan will not agree to anything after talks between their foreign ministers in Prague.", "2008-06-12", set()),
    ("After talks with Angela Merkel in the Kremlin, Vladimir Putin said the gas would flow.", "2008-06-12", {"met(angela-merkel, vladimir-putin)"}),
    ("Muammar Gaddafi hosted talks between Idriss Deby and Omar al-Bashir in Tripoli on Sunday.", "2008-06-12",
     {"met(idriss-deby, muammar-gaddafi)", "met(idriss-deby, omar-al-bashir)", "met(muammar-gaddafi, omar-al-bashir)",
      "visited(idriss-deby, tripoli)", "visited(omar-al-bashir, tripoli)"}),
    ("Muammar Gaddafi said he hoped Idriss Deby and Omar al-Bashir would make peace.", "2008-06-12", set()),
    # arrival at a place's airport, the speaker after "said"; "the US leader" is no meeting with the state,
    # and talks told after a quotation are not its first words' (the quotation's "summit meeting")
    ("\"We will work together,\" said Mr. Solana upon arrival at the airport in Tehran.", "2008-06-12", {"visited(javier-solana, tehran)"}),
    ("Vladimir Putin said after his meeting with the US leader that ties were good.", "2008-06-12", set()),
    ("\"Bush's plan at the G-8 Summit meeting was bold,\" Vladimir Putin told reporters after his meeting with the US leader in Moscow.",
     "2008-06-12", set()),
    # "A and B met separately with C": each met C, never each other
    ("Ehud Olmert and Mahmoud Abbas met separately with George W. Bush in Washington.", "2008-06-12",
     {"met(ehud-olmert, george-w-bush)", "met(george-w-bush, mahmoud-abbas)", "visited(ehud-olmert, washington-d-c)",
      "visited(mahmoud-abbas, washington-d-c)"}),
    # a plan: each will meet Bush (the meet frame's planned form, since round 18 reading a light word
    # between the verb and "with"), never the two with each other
    ("Ehud Olmert and Mahmoud Abbas will meet separately with George W. Bush.", "2008-06-12",
     {"planned met(ehud-olmert, george-w-bush)", "planned met(george-w-bush, mahmoud-abbas)"}),
]


@pytest.mark.parametrize("text,date,expected", SEVENTEENTH, ids=[c[0][:60] for c in SEVENTEENTH])
def test_lists_that_met_another_communities_delegations_greetings_summons(pack, text, date, expected):
    assert relations(pack, text, date) == expected


# Round 18: actors read as chunks (kg.rules.closures._chunk) where a frame or a rule has a list
# slot, a third party's plan of talks, talks under a mediator's auspices (CONVENTIONS 25).
EIGHTEENTH = [
    ("A meeting between the Israeli prime minister, Ehud Olmert, and the Palestinian president, Mr. Mahmoud Abbas, "
     "was hosted by Egyptian President Hosni Mubarak in Sharm el-Sheikh.", "2008-06-12",
     {"met(ehud-olmert, mahmoud-abbas)", "met(ehud-olmert, hosni-mubarak)", "met(hosni-mubarak, mahmoud-abbas)"}),
    ("During a meeting today between European Union foreign policy chief Javier Solana and Iranian negotiator "
     "Ali Larijani, the two discussed the enrichment programme.", "2007-06-12", {"met(ali-larijani, javier-solana)"}),
    ("Vladimir Putin met in Moscow with Syrian President Bashar al-Assad, Foreign Minister Walid al-Moallem, "
     "Speaker Mahmoud al-Abrash and other officials.", "2007-06-12",
     {"met(bashar-al-assad, vladimir-putin)", "met(vladimir-putin, walid-al-moallem)"}),
    ("Egypt will not host talks between Fatah and Hamas.", "2007-06-12", {"planned not met(fatah, hamas)"}),
    ("Egypt will host talks between Fatah and Hamas next week.", "2007-06-12", {"planned met(fatah, hamas)"}),
    ("Robert Mugabe and his Zambian counterpart Levy Mwanawasa held talks in Lusaka on Monday under the auspices of Thabo Mbeki.",
     "2007-06-12", {"met(levy-mwanawasa, robert-mugabe)", "met(levy-mwanawasa, thabo-mbeki)", "met(robert-mugabe, thabo-mbeki)",
                    "visited(robert-mugabe, lusaka)"}),
    ("Robert Mugabe and Morgan Tsvangirai signed a deal under the auspices of Thabo Mbeki.", "2007-06-12", set()),
    # more slots read lists (and so chunks): after talks with two people; "While in P, X met with A and B"
    ("Khaled Meshaal left Moscow after talks with Sergei Lavrov and Russian President Vladimir Putin.", "2007-06-12",
     {"met(khalid-mishal, sergei-lavrov)", "met(khalid-mishal, vladimir-putin)"}),
    ("While in Cairo, Condoleezza Rice met with Egyptian President Hosni Mubarak and Ahmed Aboul Gheit.", "2007-06-12",
     {"met(condoleezza-rice, hosni-mubarak)", "met(ahmed-aboul-gheit, condoleezza-rice)"}),
]


@pytest.mark.parametrize("text,date,expected", EIGHTEENTH, ids=[c[0][:60] for c in EIGHTEENTH])
def test_actor_chunks_third_party_plans_and_auspices(pack, text, date, expected):
    got = relations(pack, text, date)
    assert expected <= got if expected else got == expected, got


# Round 18, second shift: a light word or a time between a class verb and its preposition, for every
# class entry ("~meet [with]", "~arrive in", "~fly to"), not listed entry by entry
TIMES_INSIDE = [
    ("Condoleezza Rice arrived late on Monday in Beijing for talks on trade.", "2007-06-12",
     {"visited(condoleezza-rice, beijing)"}),
    ("Condoleezza Rice met separately on Tuesday with Egyptian President Hosni Mubarak.", "2007-06-12",
     {"met(condoleezza-rice, hosni-mubarak)"}),
    ("Condoleezza Rice met briefly with Hosni Mubarak.", "2007-06-12",
     {"met(condoleezza-rice, hosni-mubarak)"}),
    ("Condoleezza Rice arrived early today in Cairo.", "2007-06-12", {"visited(condoleezza-rice, cairo)"}),
    ("Condoleezza Rice went on Friday to Cairo.", "2007-06-12", {"visited(condoleezza-rice, cairo)"}),
    ("Condoleezza Rice did not meet on Tuesday with Hosni Mubarak.", "2007-06-12",
     {"not met(condoleezza-rice, hosni-mubarak)"}),
]


@pytest.mark.parametrize("text,date,expected", TIMES_INSIDE, ids=[c[0][:60] for c in TIMES_INSIDE])
def test_light_words_and_times_inside_a_class_verb(pack, text, date, expected):
    assert relations(pack, text, date) == expected


# Round 19: a list whose last item cannot be read keeps the items before it; "so far" as a light
# word; two who met in a place with a third each meet him; an unknown word before a lower-case title
NINETEENTH = [
    ("Condoleezza Rice met with Hosni Mubarak, Ahmed Aboul Gheit and the country's intelligence chief.", "2007-06-12",
     {"met(condoleezza-rice, hosni-mubarak)", "met(ahmed-aboul-gheit, condoleezza-rice)"}),
    ("Condoleezza Rice met Egyptian President Hosni Mubarak, Foreign Minister Ahmed Aboul Gheit, Prime Minister Ahmed Nazif "
     "and the head of the intelligence service, who is also a minister.", "2007-06-12",
     {"met(condoleezza-rice, hosni-mubarak)", "met(ahmed-aboul-gheit, condoleezza-rice)", "met(ahmed-nazif, condoleezza-rice)"}),
    # a place and its comma open the sentence: no list of the place and the subject
    ("In Lebanon, Hezbollah and its allies met with Condoleezza Rice.", "2007-06-12", {"met(condoleezza-rice, hezbollah)"}),
    # a comma before "and" after two names opens a new clause, as before
    ("Condoleezza Rice met Hosni Mubarak, Ahmed Aboul Gheit, and he said the talks were good.", "2007-06-12",
     {"met(condoleezza-rice, hosni-mubarak)"}),
    ("Javier Solana, who has so far visited Iran, Jordan and Lebanon, said the tour was useful.", "2007-06-12",
     {"visited(javier-solana, iran)", "visited(javier-solana, jordan)", "visited(javier-solana, lebanon)"}),
    ("Hosni Mubarak and Mahmoud Abbas met in Cairo on Sunday with Ehud Olmert.", "2007-06-12",
     {"met(ehud-olmert, hosni-mubarak)", "met(ehud-olmert, mahmoud-abbas)", "visited(ehud-olmert, cairo)"}),
    ("Vladimir Voronin met Transdniestrian separatist leader Igor Smirnov on Monday.", "2007-06-12",
     {"met(unlinked/igor-smirnov, vladimir-voronin)"}),
    # a group noun after an item, inside a list: the list goes on past it
    ("Hosni Mubarak held talks in Cairo with a Hamas delegation and Israeli Defence Minister Ehud Barak.", "2007-06-12",
     {"met(hamas, hosni-mubarak)", "met(ehud-barak, hosni-mubarak)", "visited(ehud-barak, cairo)"}),
    ("Condoleezza Rice met Fatah officials and Egyptian President Hosni Mubarak.", "2007-06-12",
     {"met(condoleezza-rice, fatah)", "met(condoleezza-rice, hosni-mubarak)"}),
]


@pytest.mark.parametrize("text,date,expected", NINETEENTH, ids=[c[0][:60] for c in NINETEENTH])
def test_list_prefixes_light_so_far_and_three_who_met(pack, text, date, expected):
    got = relations(pack, text, date)
    assert expected <= got, got
    assert all(r in expected or r.startswith(("met(hosni-mubarak, mahmoud-abbas)", "visited(mahmoud-abbas")) for r in got), got
