"""Speech acts and acts between actors, on sentences written for these tests in wire style (not
taken from any held-out or development set): appeals, rejections, denials, threats, attacks,
sanctions, support and opposition, criticism, praise, pledges, agreements, designations,
elections and resolutions. Each sentence is built as a one-paragraph article with the whole
pack (context rules, overlaps and all), and the acts it yields are compared exactly: an act
that is denied, asked for, threatened or reported must keep its polarity, condition or holder,
and the negatives must yield no act at all.
"""
from __future__ import annotations

import datetime as dt

import pytest
from rdflib import Graph, URIRef

from kg.graph.build import build_articles
from kg.reading.document import parse_article

K = "https://w3id.org/kg-news/ontology#"
RDF_TYPE = URIRef("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")

# act -> (node class, first role, second role or None); same role twice: symmetric
ACTS: dict[str, list[tuple[str, str, str | None]]] = {
    "urged": [("Appeal", "speaker", "addressee")],
    "rejected": [("Rejection", "speaker", "addressee")],
    "denied": [("Denial", "speaker", None)],
    "threatened": [("Threat", "speaker", "addressee")],
    "attacked": [("Attack", "attacker", "target")],
    "sanctioned": [("Sanction", "imposer", "target")],
    "supports": [("Support", "supporter", "supported")],
    "opposes": [("Opposition", "opponent", "opposed")],
    "accused": [("Accusation", "speaker", "addressee"), ("Criticism", "speaker", "addressee"),
                ("Condemnation", "speaker", "addressee")],
    "praised": [("Praise", "speaker", "addressee")],
    "pledged": [("Pledge", "speaker", None)],
    "agreed": [("Agreement", "participant", "participant"), ("Agreement", "speaker", None)],
    "designates": [("Designation", "holder", "designee")],
    "won": [("Election", "winner", None)],
    "adopted": [("Resolution", "adopter", None)],
    "invited": [("Invitation", "inviter", "invitee")],
}


RDF_NS = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
HAS_MEMBER = URIRef("http://www.w3.org/ns/org#hasMember")


def _id(x: object) -> str:
    return str(x).rsplit("/entity/", 1)[-1]


def acts(g: Graph) -> set[str]:
    """The acts of a graph as `[claim(x) ][not |if |planned ]name(a[, b])` over entity ids; a
    rejection with no second actor reads as one argument (`rejected(iran)`, INVENTORY.md)."""
    out: set[str] = set()
    for name, specs in ACTS.items():
        for cls, r1, r2 in specs:
            for node in set(g.subjects(RDF_TYPE, URIRef(K + cls))):
                mods = ""
                if g.value(node, URIRef(K + "factuality")) == URIRef(K + "Claimed"):
                    mods += f"claim({_id(g.value(node, URIRef(K + 'claimedBy')))}) "
                if (node, URIRef(K + "polarity"), URIRef(K + "Negative")) in g:
                    mods += "not "
                elif g.value(node, URIRef(K + "factuality")) == URIRef(K + "Hypothetical"):
                    mods += "if "
                if (node, URIRef(K + "status"), URIRef(K + "Planned")) in g:
                    mods += "planned "
                a = sorted({_id(x) for x in g.objects(node, URIRef(K + r1)) if isinstance(x, URIRef)})
                b = sorted({_id(x) for x in g.objects(node, URIRef(K + r2)) if isinstance(x, URIRef)}) if r2 else []
                if r1 == r2:
                    out |= {f"{mods}{name}({x}, {y})" for x in a for y in a if x < y}
                elif b:
                    out |= {f"{mods}{name}({x}, {y})" for x in a for y in b if x != y}
                elif r2 is None or name == "rejected":
                    out |= {f"{mods}{name}({x})" for x in a}
    # membership is a triple, recorded (with its polarity and holder) as an rdf:Statement
    for rec in set(g.subjects(URIRef(RDF_NS + "predicate"), HAS_MEMBER)):
        org, member = g.value(rec, URIRef(RDF_NS + "subject")), g.value(rec, URIRef(RDF_NS + "object"))
        if not isinstance(org, URIRef) or not isinstance(member, URIRef):
            continue
        mods = ""
        if g.value(rec, URIRef(K + "factuality")) == URIRef(K + "Claimed"):
            mods += f"claim({_id(g.value(rec, URIRef(K + 'claimedBy')))}) "
        if (rec, URIRef(K + "polarity"), URIRef(K + "Negative")) in g:
            mods += "not "
        out.add(f"{mods}member({_id(member)}, {_id(org)})")
    return out


@pytest.fixture(scope="module")
def read(pack):
    def _read(text: str) -> set[str]:
        art = parse_article(text, source="test", layout=pack.layout, meta={"id": "acts", "date": dt.date(2008, 5, 14)})
        return acts(build_articles([art], pack).graph)
    return _read


# (sentence, the acts it states, exactly)
CASES = [
    # appeals
    ("Russia and China urged Iran on Tuesday to cooperate fully with the inspectors.",
     {"urged(russia, iran)", "urged(china, iran)"}),
    ("The European Union called on Israel to halt settlement building in the West Bank.", {"urged(european-union, israel)"}),
    ("Japan pressed North Korea on the fate of the abductees.", {"urged(japan, north-korea)"}),
    ("Lebanon appealed to the United Nations for emergency aid.", {"urged(lebanon, united-nations)"}),
    ("Britain urged Iran not to retaliate.", {"urged(united-kingdom, iran)"}),
    ("Syria has not asked Russia to mediate.", {"not urged(syria, russia)"}),
    # rejections and refusals
    ("Hamas rejected the Quartet's conditions on Monday.", {"rejected(hamas, middle-east-quartet)"}),
    ("The Israeli proposal was rejected by Syria within hours.", {"rejected(syria, israel)"}),
    ("Russia vetoed a U.S.-drafted resolution on Myanmar.", {"rejected(russia, united-states)"}),
    ("Iran's rejection of the European Union's offer surprised diplomats.", {"rejected(iran, european-union)"}),
    ("North Korea ignored appeals from China.", {"rejected(north-korea, china)"}),
    ("Syria has so far refused to withdraw its troops.", {"rejected(syria)"}),
    ("Iran refused to meet Javier Solana in Vienna.",
     {"rejected(iran, javier-solana)"}),
    ("Hamas has never rejected the Egyptian plan.", {"not rejected(hamas, egypt)"}),
    # denials: rejecting a charge is denying it; what is denied is not asserted
    ("Syria denied that its troops had attacked Lebanon.", {"denied(syria)", "claim(syria) not attacked(syria, lebanon)"}),
    ("Iran dismissed the allegations as lies.", {"denied(iran)"}),
    ("Pakistan rejected the charge and accused India of meddling in Baluchistan.",
     {"denied(pakistan)", "accused(pakistan, india)"}),
    ("Russia said it would keep its troops in Georgia, but denied it would annex the region.",
     {"denied(russia)"}),
    # threats
    ("Iran threatened to cut oil exports to the European Union if sanctions were tightened.",
     {"threatened(iran, european-union)"}),
    ("Russia threatened Georgia with retaliation.", {"threatened(russia, georgia)"}),
    ("Turkey threatened to send troops into Iraq.", {"threatened(turkey, iraq)"}),
    ("Syria dismissed Israel's latest threat against Lebanon.", {"threatened(israel, lebanon)"}),
    ("The United States warned Iran on Monday that it faced tougher sanctions.", {"threatened(united-states, iran)"}),
    ("Iran warned of a tough response but stopped short of threatening Israel.", {"not threatened(iran, israel)"}),
    # attacks
    ("Israeli warplanes struck Hezbollah positions in southern Lebanon on Sunday.", {"attacked(israel, hezbollah)"}),
    ("Hamas fired dozens of rockets into southern Israel overnight.", {"attacked(hamas, israel)"}),
    ("A Canadian convoy was attacked by Taliban fighters near Kandahar.", {"attacked(taliban, canada)"}),
    ("Hezbollah fighters captured three Israeli soldiers.", {"attacked(hezbollah, israel)"}),
    ("Hamas fired rockets into Israel, and Israel responded with air strikes on Hamas targets.",
     {"attacked(hamas, israel)", "attacked(israel, hamas)"}),
    ("Taliban insurgents ambushed a NATO patrol, killing two German soldiers.",
     {"attacked(taliban, nato)", "attacked(taliban, germany)"}),
    ("Georgian troops drove the separatists out of Tskhinvali, and Russia's attack on Georgia followed.",
     {"attacked(russia, georgia)"}),
    ("Israel did not attack Syria, Sergei Lavrov said.", {"claim(sergei-lavrov) not attacked(israel, syria)"}),
    # sanctions
    ("The European Union imposed new sanctions on Iran's Revolutionary Guards.",
     {"sanctioned(european-union, revolutionary-guard)"}),
    ("The United States tightened sanctions on Myanmar's military junta.", {"sanctioned(united-states, myanmar)"}),
    ("George W. Bush extended U.S. sanctions against Syria for another year.",
     {"sanctioned(george-w-bush, syria)", "sanctioned(united-states, syria)"}),
    ("The European Union decided not to impose sanctions on Russia.", {"not sanctioned(european-union, russia)"}),
    ("The United States will impose sanctions on Syria.", {"planned sanctioned(united-states, syria)"}),
    # support and opposition
    ("Syrian troops, backed by Russian warplanes, retook the town.", {"supports(russia, syria)"}),
    ("Iran, backing Hezbollah, sent weapons across the border.", {"supports(iran, hezbollah)"}),
    ("Hamas is receiving money from Iran.", {"supports(iran, hamas)"}),
    ("Lebanon's government is supported by Saudi Arabia.", {"supports(saudi-arabia, lebanon)"}),
    ("Hezbollah and its allies oppose Israel.", {"opposes(hezbollah, israel)"}),
    # criticism
    ("The European Union condemned the killing of civilians by Israeli troops.", {"accused(european-union, israel)"}),
    ("Pakistan's government blamed India for the bombing.", {"accused(pakistan, india)"}),
    ("Russia recognised Kosovo's neighbours, drawing criticism from Serbia.", {"accused(serbia, russia)"}),
    ("Vladimir Putin met Hamas leaders in Moscow despite Israeli criticism.",
     {"accused(israel, vladimir-putin)"}),
    ("The European Parliament adopted a resolution condemning China over Tibet.",
     {"accused(european-parliament, china)", "adopted(european-parliament)"}),
    # praise
    ("The United States welcomed the election of Mahmoud Abbas.", {"praised(united-states, mahmoud-abbas)"}),
    ("Hamas thanked Russia for its support.", {"praised(hamas, russia)"}),
    # pledges and agreements
    ("Iran rejected the offer and vowed to continue enrichment.", {"rejected(iran)", "pledged(iran)"}),
    ("NATO leaders promised Ukraine that it would one day join the alliance.", {"pledged(nato)"}),
    ("Russia and Ukraine signed a gas deal in Moscow on Friday.", {"agreed(russia, ukraine)"}),
    ("Israel and Syria agreed in Ankara to resume indirect talks.", {"agreed(israel, syria)"}),
    ("Russia and Georgia failed to reach agreement on the peacekeepers.", {"not agreed(georgia, russia)"}),
    ("Talks between Iran and the European Union ended without agreement.", {"not agreed(european-union, iran)"}),
    ("Syria agreed on Monday to open an embassy in Beirut.", {"agreed(syria)"}),
    ("Under the truce between Israel and Hamas, the crossings will reopen.", {"agreed(hamas, israel)"}),
    # designations, elections, resolutions
    ("Hezbollah, banned as a terrorist group by the United States, denied the charge.",
     {"designates(united-states, hezbollah)", "denied(hezbollah)"}),
    ("Hamas lost its parliamentary majority.", {"not won(hamas)"}),
    ("Hamas conceded defeat on Sunday.", {"not won(hamas)"}),
    ("The United Nations voted unanimously on Friday for a resolution on Darfur.", {"adopted(united-nations)"}),
    ("The United Nations adopted a resolution on Friday, banning Iranian arms exports.",
     {"adopted(united-nations)", "sanctioned(united-nations, iran)"}),
    # membership (INVENTORY convention 15): a party named after its member, "its NATO allies", "a member of"
    ("Ehud Olmert's Kadima party slipped in the polls on Sunday.", {"member(ehud-olmert, kadima)"}),
    ("Nicolas Sarkozy and his UMP party won a clear majority in parliament.", {"member(nicolas-sarkozy, unlinked/ump)"}),
    ("Hamas's Mahmoud Zahar told the rally that the movement would never disarm.", {"member(mahmoud-zahar, hamas)"}),
    ("The United States and its NATO allies will send 5,000 more troops to Afghanistan.", {"member(united-states, nato)"}),
    ("Venezuela is a founding member of OPEC.", {"member(venezuela, organization-of-petroleum-exporting-countries)"}),
    ("Croatia joined NATO on April 1, 2009.", {"member(croatia, nato)"}),
    ("Kosovo, which is not a member of the United Nations, declared independence in February.",
     {"not member(kosovo, united-nations)"}),
    ("Sergei Lavrov said Turkey, a NATO member, had agreed to the plan.", {"member(turkey, nato)", "claim(sergei-lavrov) agreed(turkey)"}),
    # support (convention 13): backed by, ally of, in solidarity with, chosen successor, X-backed Y
    ("Syria, a close ally of Iran, dismissed the report as propaganda.", {"supports(syria, iran)", "denied(syria)"}),
    ("Hugo Chavez declared his solidarity with Iran during a visit to Tehran.", {"supports(hugo-chavez, iran)"}),
    ("Dmitry Medvedev, Vladimir Putin's chosen successor, won Sunday's presidential election.",
     {"supports(vladimir-putin, dmitry-medvedev)", "won(dmitry-medvedev)"}),
    ("The Iranian-backed Hezbollah quit the Lebanese cabinet on Saturday.", {"supports(iran, hezbollah)"}),
    ("The Fatah movement is backed by the United States and the European Union.",
     {"supports(united-states, fatah)", "supports(european-union, fatah)"}),
    ("Ehud Olmert said Iran was arming Hezbollah.", {"claim(ehud-olmert) supports(iran, hezbollah)"}),
    # sanctions: tightened, slapped, named by the imposer, a sanctions resolution, voted, passive
    ("The European Union tightened sanctions on Belarus on Monday.", {"sanctioned(european-union, belarus)"}),
    ("The United States slapped sanctions on Syria after the bombing.", {"sanctioned(united-states, syria)"}),
    ("U.S. sanctions against Cuba have been in place since 1962.", {"sanctioned(united-states, cuba)"}),
    ("The Security Council voted to impose sanctions on North Korea.", {"sanctioned(un-security-council, north-korea)"}),
    ("Sanctions against Iran were tightened by the European Union in June.", {"sanctioned(european-union, iran)"}),
    ("Russia opposed sanctions against Iran.", set()),
    # designations: regards, lists, brands, passives, relatives, lists of terrorist organisations
    ("Israel considers Hamas a terrorist organization.", {"designates(israel, hamas)"}),
    ("Hezbollah is listed as a terrorist organisation by the European Union.", {"designates(european-union, hezbollah)"}),
    ("Hamas, which both Israel and the European Union classify as a terrorist organisation, rejected the offer.",
     {"designates(israel, hamas)", "designates(european-union, hamas)", "rejected(hamas)"}),
    ("The European Union added Hezbollah to its list of terrorist organisations.", {"designates(european-union, hezbollah)"}),
    ("Russia does not regard Hamas as a terrorist organisation.", {"not designates(russia, hamas)"}),
    ("Israel wants the European Union to list Hezbollah as a terrorist group.", set()),
    # attacks: killed, shelled, bombed, raids, "an attack by X on Y", "troops of X", progressive
    ("Israeli troops killed three Hamas militants in Gaza on Tuesday.", {"attacked(israel, hamas)"}),
    ("Troops of the Ethiopian army shelled Islamic Courts Union positions near Baidoa.",
     {"attacked(ethiopia, islamic-courts-union)"}),
    ("A raid by Turkish troops on PKK camps killed 30 rebels.", {"attacked(turkey, kurdistan-workers-party)"}),
    ("An Israeli air strike on Hamas killed two militants.", {"attacked(israel, hamas)"}),
    ("Russian forces were shelling Georgian positions near Tskhinvali.", {"attacked(russia, georgia)"}),
    ("Hezbollah denied attacking Israel.", {"denied(hezbollah)", "claim(hezbollah) not attacked(hezbollah, israel)"}),
    ("Israel has no plans to attack Iran.", {"not planned attacked(israel, iran)"}),
    # accusations: criticised, condemned, blamed, charged that, accusing X of; the content is the accuser's claim
    ("Sudan accused Chad of backing the Justice and Equality Movement.",
     {"accused(sudan, chad)", "claim(sudan) supports(chad, justice-and-equality-movement)"}),
    # (a pronoun is not a mention: what "it" is accused of has no subject, so no claim is read)
    ("Sudan cut diplomatic ties with Chad on Monday, accusing it of arming the Justice and Equality Movement.",
     {"accused(sudan, chad)"}),
    ("Pakistan charged that India was behind the bombing.", {"accused(pakistan, india)"}),
    ("Israel holds Hamas responsible for the attack.", {"accused(israel, hamas)"}),
    ("Russia has come under criticism from the European Union for its gas cut-off.", {"accused(european-union, russia)"}),
    ("Venezuela lashed out at the United States over the coup.", {"accused(venezuela, united-states)"}),
    ("Britain's criticism of Russia angered the Kremlin.", {"accused(united-kingdom, russia)"}),
    ("Israel did not blame Syria for the attack.", {"not accused(israel, syria)"}),
    # rejections: the proposal of X, turned down, refused to accept; a refusal under negation
    ("Iran rejected the proposal of the European Union.", {"rejected(iran, european-union)"}),
    ("The proposal by the European Union was rejected by Iran.", {"rejected(iran, european-union)"}),
    ("Hamas refused to accept the Quartet's conditions.", {"rejected(hamas, middle-east-quartet)"}),
    ("North Korea rebuffed South Korea's offer of talks.", {"rejected(north-korea, south-korea)"}),
    ("Iran turned down the offer.", {"rejected(iran)"}),
    ("Hamas rejected the conditions set by the Quartet.", {"rejected(hamas, middle-east-quartet)"}),
    ("Iran rejected as illegal the Security Council resolution.", {"rejected(iran, un-security-council)"}),
    ("North Korea's nuclear test drew condemnation from China and Japan.",
     {"accused(china, north-korea)", "accused(japan, north-korea)"}),
    ("North Korea warned the United States of \"merciless\" retaliation.", {"threatened(north-korea, united-states)"}),
    ("The talks on Turkey's membership of the European Union stalled.", set()),
    ("Brazil, one of the 15 members of the Security Council, abstained.", {"member(brazil, un-security-council)"}),
    ("Hezbollah, which is backed by Iran, fired rockets at Israel.", {"supports(iran, hezbollah)", "attacked(hezbollah, israel)"}),
    ("The United States froze Iran's assets.", {"sanctioned(united-states, iran)"}),
    ("The invasion of Georgia by Russia was condemned.", {"attacked(russia, georgia)"}),
    ("Russia has been highly critical of the United States.", {"accused(russia, united-states)"}),
    ("Israel said Hamas was behind the rocket fire.", {"accused(israel, hamas)"}),
    ("Israel said Hamas was ready to talk.", set()),
    ("Iran rejected the accusations of the United States.", {"denied(iran)"}),
    ("Iran has never refused to cooperate with the inspectors.", {"not rejected(iran)"}),
    ("Hamas may reject the plan.", set()),
    ("Thousands marched in Caracas in solidarity with the strikers.", set()),
    # appeals: called for, told, "X said Y must" (convention 11), a call as a noun
    ("The European Union called for Iran to suspend enrichment.", {"urged(european-union, iran)"}),
    ("The United States told Syria to stop the flow of fighters into Iraq.", {"urged(united-states, syria)"}),
    ("Javier Solana said Iran should accept the offer.", {"urged(javier-solana, iran)"}),
    ("The European Union renewed its call on Israel to lift the blockade of Gaza.", {"urged(european-union, israel)"}),
    ("Javier Solana said Iran would accept the offer.", set()),
    # an act inside reported speech is the speaker's claim
    ("Sergei Lavrov said Israel had attacked Syria.", {"claim(sergei-lavrov) attacked(israel, syria)"}),
    ("\"Russia backs Serbia,\" Vladimir Putin told reporters.", {"claim(vladimir-putin) supports(russia, serbia)"}),
    ("Mahmoud Abbas said Hamas had rejected the Egyptian proposal.", {"claim(mahmoud-abbas) rejected(hamas, egypt)"}),
    # negatives: nothing asserted, asked, threatened or claimed becomes an act
    ("Iran welcomed the release of the British sailors.", set()),
    # accepting a proposal is agreeing alone (held-out sets 7 and 10: "accepted the invitation", "Moscow's acceptance of a proposal")
    ("Hamas accepted the Egyptian proposal.", {"agreed(hamas)"}),
    ("Israel feared an attack by Hezbollah.", set()),
    ("Russia discussed sanctions against Iran.", set()),
    ("Iraqi troops, backed by tanks, entered the city.", set()),
    ("The European Union lifted sanctions on Libya.", set()),
    ("Israel and Syria held talks in Ankara.", set()),
    ("Russia warned of new sanctions.", set()),
    ("Israel threatened to walk out of the talks.", set()),
    ("Syria was wary of the Israeli proposal.", set()),
    # the general forms of this round (issue 14, set 6's misses read as phrasings; sentences written here)
    # attacks: adjectives before the attack noun, X's war with Y, killed in a Y strike, sent troops to crush,
    # whose fighters, a suspected target, an attempt to retake
    ("Russia launched a massive ground offensive against Georgia.", {"attacked(russia, georgia)"}),
    ("Israel's brief war with Hezbollah ended in a truce.", {"attacked(israel, hezbollah)"}),
    ("Two Hamas militants were killed in an Israeli air strike.", {"attacked(israel, hamas)"}),
    ("Ethiopia sent troops to crush the Islamic Courts Union.", {"attacked(ethiopia, islamic-courts-union)"}),
    ("Hezbollah, whose fighters captured two Israeli soldiers, rejected the truce.",
     {"attacked(hezbollah, israel)", "rejected(hezbollah)"}),
    ("Turkish jets bombed suspected PKK camps in northern Iraq.", {"attacked(turkey, kurdistan-workers-party)"}),
    ("Georgia's bid to retake South Ossetia failed.", {"attacked(georgia, south-ossetia)"}),
    # accusations: arrest warrants, charged, suspected of, a second act after a long clause
    ("The International Criminal Court sought an arrest warrant for Joseph Kony.",
     {"accused(international-criminal-court, unlinked/joseph-kony)"}),
    ("Russia charged Georgia with genocide in South Ossetia.", {"accused(russia, georgia)"}),
    ("Syria rejected the findings of the inquiry, which were published on Monday, and accused Israel of distorting the facts.",
     {"rejected(syria)", "accused(syria, israel)"}),
    ("The United States suspects Syria of helping Hamas.",
     {"accused(united-states, syria)", "claim(united-states) supports(syria, hamas)"}),
    # rejections: calls from a list, drawn up by, a veto of the council's draft, a bare refusal, an offer X rejected
    ("Iran rejected calls from Britain, France and Germany to suspend enrichment.",
     {"rejected(iran, united-kingdom)", "rejected(iran, france)", "rejected(iran, germany)"}),
    ("Hamas rejected the truce plan drawn up by Egypt.", {"rejected(hamas, egypt)"}),
    ("Russia vetoed a Security Council resolution on Georgia.", {"rejected(russia)", "not adopted(un-security-council)"}),
    ("China vetoed on Tuesday a Western-backed U.N. Security Council resolution on Burma.", {"rejected(china)"}),
    ("Most Arab states signed the accord, while Syria and Libya refused.", {"rejected(syria)", "rejected(libya)"}),
    ("Hamas offered a ceasefire, an offer Israel rejected.", {"pledged(hamas)", "rejected(israel, hamas)"}),
    ("Israel ruled out negotiating with Hamas.", {"rejected(israel)"}),
    # denials: a charge X denied (the writer's, not the accuser's claim), a charge denied by X, officials of a state
    ("Britain accused Iran of arming the Taliban, a charge Tehran denied.",
     {"accused(united-kingdom, iran)", "claim(united-kingdom) supports(iran, taliban)", "denied(iran)"}),
    ("The EU accused Russia of meddling, a charge denied by Moscow.", {"accused(european-union, russia)", "denied(russia)"}),
    ("Iranian officials denied the report.", {"denied(iran)"}),
    # membership: X of a party, whose party, X's party, joined in a year, Nth-largest producer
    ("Mahmoud Zahar of Hamas said the movement would not recognise Israel.", {"member(mahmoud-zahar, hamas)"}),
    ("Hassan Nasrallah, whose Hezbollah fought Israel in 2006, spoke on television.",
     {"member(hassan-nasrallah, hezbollah)", "attacked(hezbollah, israel)"}),
    ("Ehud Olmert's Kadima won the most seats.", {"member(ehud-olmert, kadima)", "won(kadima)"}),
    ("Montenegro joined the United Nations in 2006.", {"member(montenegro, united-nations)"}),
    ("Iran, OPEC's second-largest producer, opposed the cut.", {"member(iran, organization-of-petroleum-exporting-countries)"}),
    ("Javier Solana of the European Union met Ali Larijani.", set()),
    ("Bush's NATO allies refused to send more troops.", set()),
    # support and opposition: Y's closest ally, chosen successor of, X and ally of, shielded, troops backing;
    # a possessive after the opposed is a thing opposed, unless it is its government; rivals
    ("Nicaragua is Venezuela's closest ally in Central America.", {"supports(nicaragua, venezuela)"}),
    ("Dmitry Medvedev, the hand-picked successor of President Vladimir Putin, won the election.",
     {"supports(vladimir-putin, dmitry-medvedev)", "won(dmitry-medvedev)"}),
    ("Hugo Chavez, a former paratrooper and ally of Fidel Castro, visited Havana.", {"supports(hugo-chavez, fidel-castro)"}),
    ("Russia has repeatedly shielded Iran from new sanctions.", {"supports(russia, iran)"}),
    ("Ugandan troops backing Somalia's transitional government patrolled Mogadishu.", {"supports(uganda, somalia)"}),
    ("Russia opposes Kosovo's independence.", set()),
    ("Russia opposes Georgia's pro-Western government.", {"opposes(russia, georgia)"}),
    ("Nawaz Sharif, the main rival of Pervez Musharraf, returned to Pakistan.", {"opposes(nawaz-sharif, pervez-musharraf)"}),
    # threats: a list of targets, threatened "..." against Y, said X would attack Y (not: would not)
    ("Iran threatened to fire missiles at Israel and the United States if attacked.",
     {"threatened(iran, israel)", "threatened(iran, united-states)"}),
    ("Russia threatened \"retaliatory measures\" against Poland.", {"threatened(russia, poland)"}),
    ("Kim Jong-il said North Korea would attack South Korea if provoked.",
     {"threatened(kim-jong-il, south-korea)", "claim(kim-jong-il) planned attacked(north-korea, south-korea)"}),
    ("Iran said it would not attack Israel.", set()),
    # sanctions: a time before the verb, two measures, restrictions, an honorific before the target
    ("The Security Council on Friday unanimously adopted a resolution imposing sanctions on North Korea.",
     {"adopted(un-security-council)", "sanctioned(un-security-council, north-korea)"}),
    ("The United States imposed a travel ban on Gen Than Shwe.", {"sanctioned(united-states, than-shwe)"}),
    ("The European Union imposed visa restrictions on Belarus.", {"sanctioned(european-union, belarus)"}),
    # appeals: X demanded Y do ...; not a demand of a thing
    ("Britain demanded Iran release the sailors.", {"urged(united-kingdom, iran)"}),
    ("Iran demanded the release of its diplomats.", set()),
    # a possessive that is a state's own (its "opposition leader"), a title before the one accused or appealing
    ("Lebanon's opposition leader Michel Aoun walked out of the talks, accusing Prime Minister Fouad Siniora of ignoring Hezbollah.",
     {"accused(michel-aoun, fouad-siniora)"}),
    ("NATO Secretary-General Jaap de Hoop Scheffer visited Kabul and called on Pakistan to close the border.",
     {"urged(jaap-de-hoop-scheffer, pakistan)"}),
    ("Khaled Meshaal of Hamas said on Friday that Israel must withdraw from the West Bank.",
     {"member(khalid-mishal, hamas)", "urged(khalid-mishal, israel)"}),
    # praise of an actor's role or contribution; a resolution still to be adopted
    ("Javier Solana praised Turkey's role in the talks.", {"praised(javier-solana, turkey)"}),
    ("Kofi Annan paid tribute to Egypt's mediation.", {"praised(kofi-annan, egypt)"}),
    ("The Security Council is expected to adopt a resolution on Darfur next week.", {"planned adopted(un-security-council)"}),
    # a state named by its demonym and a group noun; support coordinated after another verb
    ("Vladimir Putin praised the Syrian leadership.", {"praised(vladimir-putin, syria)"}),
    ("Mr Medvedev did not praise the Georgian leadership.", {"not praised(dmitry-medvedev, georgia)"}),
    ("Condoleezza Rice condemned the Syrian regime for its role in Lebanon.", {"accused(condoleezza-rice, syria)"}),
    ("The European Union criticised the Israeli plan.", set()),
    ("The United States condemned the coup and backed Manuel Zelaya.", {"supports(united-states, manuel-zelaya)"}),
    # a rival in apposition; an attack launched "with" a count of strikes (seen on a Wikinews report of 27 December 2008)
    ("Palestinian President Mahmoud Abbas, Hamas' rival, called for calm.", {"opposes(mahmoud-abbas, hamas)"}),
    ("Russia launched dozens of air strikes on Georgian positions.", {"attacked(russia, georgia)"}),
    # inside reported speech, these forms are the speaker's claims
    ("\"Syria is Iran's closest ally,\" Ehud Olmert said.", {"claim(ehud-olmert) supports(syria, iran)"}),
    ("Sergei Lavrov said Georgia had launched a massive ground offensive against Russian troops.",
     {"claim(sergei-lavrov) attacked(georgia, russia)"}),
    # this round (sets 7 as development sets): threats named by what is threatened, by a condition, by a cut
    ("The African Union threatened sanctions against Guinea's military rulers.", {"threatened(african-union, guinea)"}),
    ("South Korea vowed \"stern countermeasures\" against North Korea.", {"threatened(south-korea, north-korea)"}),
    ("The United States warned of consequences for Syria.", {"threatened(united-states, syria)"}),
    ("Turkey threatened to punish Syria if shelling from Aleppo continued.", {"threatened(turkey, syria)"}),
    ("Venezuela threatened on Monday to cut oil exports if the United States attacked Cuba.", {"threatened(venezuela, united-states)", "if attacked(united-states, cuba)"}),
    ("Russia warned that it would cut gas supplies to Belarus if the debt was not paid.", {"threatened(russia, belarus)"}),
    ("Hugo Chavez threatened to resign if he lost the referendum.", set()),
    ("The European Union vowed lifting sanctions against Iran.", {"pledged(european-union)"}),
    ("Japan vowed support for South Korea.", {"pledged(japan)"}),
    # sanctions: blacklisted, added to a sanctions list, an embargo and visa bans on a demonym's officials
    ("Hamas was blacklisted by the United States on Thursday.", {"sanctioned(united-states, hamas)"}),
    ("The European Union added three Hezbollah officials to its sanctions list.", {"sanctioned(european-union, hezbollah)"}),
    ("The United States imposed an asset freeze and visa bans on Syrian officials.", {"sanctioned(united-states, syria)"}),
    ("The Security Council voted unanimously on Friday to impose sanctions on Eritrea.",
     {"sanctioned(un-security-council, eritrea)", "adopted(un-security-council)"}),  # round 15: a body's vote to act is a resolution
    ("The European Union removed Hamas from its sanctions list.", set()),
    # designations: said ... is a terrorist organisation (the speaker's act), a list with "all", an apposition before "as"
    ("Turkey insisted on Friday that the PKK remains a terrorist organisation.", {"designates(turkey, kurdistan-workers-party)"}),
    ("Israel, Canada and Britain all list Hezbollah as a terrorist group.",
     {"designates(israel, hezbollah)", "designates(canada, hezbollah)", "designates(united-kingdom, hezbollah)"}),
    ("Britain designated Lashkar-e-Taiba, which attacked Mumbai, as a terrorist organisation.",
     {"designates(united-kingdom, lashkar-e-taiba)", "attacked(lashkar-e-taiba, india)"}),  # round 15: a city's state
    ("Sergei Lavrov said Hamas was a political force.", set()),
    # criticism: a move condemned by X; a state's act named by its adjective; disappointment that X
    ("India tested a long-range missile on Monday, a move swiftly condemned by Pakistan and China.",
     {"accused(pakistan, india)", "accused(china, india)"}),
    ("Turkey sharply criticised the Israeli military operation in Gaza.", {"accused(turkey, israel)"}),
    ("Brazil condemned Russia's decision to recognise the two regions.", {"accused(brazil, russia)"}),
    ("The European Union expressed deep disappointment that Iran had resumed enrichment.", {"accused(european-union, iran)"}),
    ("The European Union expressed concern that Iran had resumed enrichment.", set()),
    ("Iran condemned the Israeli election campaign.", set()),
    ("Afghanistan blamed the Pakistan-based Lashkar-e-Taiba for the attack.", {"accused(afghanistan, lashkar-e-taiba)"}),
    # praise: a move welcomed by X, the people (Government) of X; welcoming an agreement between X and Y
    # praises neither (sentence sets 11-13; set 7 alone wrote praise): it is their agreement
    ("Syria opened an embassy in Beirut, a step hailed by the Lebanese government.", {"praised(lebanon, syria)"}),
    ("The European Union welcomed the truce between Israel and Hamas.", {"agreed(hamas, israel)"}),
    ("The African Union praised the people of Ghana for a peaceful election.", {"praised(african-union, ghana)"}),
    ("Syria opened an embassy in Beirut, a step condemned by Israel.", {"accused(israel, syria)"}),
    # support: solidarity, an ally of a state's leader, a militia armed by X; opposition to a state's plan is none
    ("Turkey sent its foreign minister to Beirut on Monday in a gesture of solidarity with Lebanon.", {"supports(turkey, lebanon)"}),
    ("Daniel Ortega, a longtime ally of Venezuela's Hugo Chavez, won the vote.",
     {"supports(daniel-ortega, hugo-chavez)", "won(daniel-ortega)"}),
    ("Hezbollah is a Shiite militia armed by Iran.", {"supports(iran, hezbollah)"}),
    ("China strongly opposes the U.S. missile shield in Europe.", set()),
    # rejections: boycotts and resisted calls
    ("The Palestinian Authority held a presidential election in January, which Hamas boycotted.", {"rejected(hamas)"}),
    ("Beijing has long resisted Western calls for sanctions against Sudan.", {"rejected(china)"}),
    ("Fatah attended the summit in Damascus.", set()),
    # membership: two bodies before "member", a list with "both", members named after a dash
    ("Latvia, a NATO and EU member since 2004, protested.", {"member(latvia, nato)", "member(latvia, european-union)"}),
    ("Britain and France, both permanent members of the Security Council, drafted the text.",
     {"member(united-kingdom, un-security-council)", "member(france, un-security-council)"}),
    ("The conference brought together the five permanent members of the Security Council, the European Union and Japan.", set()),
    # attacks: troops and warplanes, a participle of destruction
    ("Ethiopian troops and warplanes attacked Eritrean positions along the border.", {"attacked(ethiopia, eritrea)"}),
    ("British jets fired the first missiles of the campaign, destroying two Serbian army radars near Pristina.",
     {"attacked(united-kingdom, serbia)"}),
    # appeals: urged swift U.N. action
    ("Sarkozy urged swift U.N. action to end the fighting.", {"urged(nicolas-sarkozy, united-nations)"}),
    ("Sarkozy urged swift action to end the fighting.", set()),
    # inside reported speech, the new forms are the speaker's claims (the speech rules' zones)
    ("\"Venezuela threatened sanctions against Colombia,\" Alvaro Uribe said.",
     {"claim(alvaro-uribe) threatened(venezuela, colombia)"}),
    ("Ehud Olmert said Syria was blacklisted by the United States.", {"claim(ehud-olmert) sanctioned(united-states, syria)"}),
    # clashes (both sides attack), deadlines (an appeal), gratitude (praise)
    ("Hamas gunmen clashed with Fatah security forces in Gaza City.", {"attacked(hamas, fatah)", "attacked(fatah, hamas)"}),
    ("Fierce clashes between Ethiopian troops and Eritrean soldiers erupted on the border.",
     {"attacked(ethiopia, eritrea)", "attacked(eritrea, ethiopia)"}),
    ("Hamas clashed with Fatah over the budget.", set()),
    ("NATO gave Serbia 48 hours to withdraw its troops from Kosovo.", {"urged(nato, serbia)"}),
    ("The Security Council set an August 31 deadline for Iran to suspend enrichment.", {"urged(un-security-council, iran)"}),
    ("NATO gave Serbia two days of talks.", set()),
    ("Karzai expressed gratitude to India for its aid.", {"praised(hamid-karzai, india)"}),
    # sanctions announced or unveiled (a real development page of 2007: "Bush announced new sanctions for Sudan")
    ("Japan announced additional sanctions against North Korea on Friday.", {"sanctioned(japan, north-korea)"}),
    ("Russia announced an end to sanctions on Iran.", set()),
    # attacks on a state's places (held-out convention 14), its people attacked by a region's forces
    ("Ethiopian jets bombed military targets inside Eritrea on Monday.", {"attacked(ethiopia, eritrea)"}),
    ("Serbian villages were shelled overnight by forces of the breakaway province of Kosovo.", {"attacked(kosovo, serbia)"}),
    ("Eritrean artillery shelled the border town.", set()),
    ("The ETA, a Basque group that has carried out bombings across northern Spain, announced a truce.",
     {"attacked(basque-fatherland-and-freedom, spain)"}),
    # the doer as a pronoun inside what its speaker says or denies: the speaker's claim (convention 10)
    ("The Taliban said they had ambushed a NATO convoy near Kandahar.", {"claim(taliban) attacked(taliban, nato)"}),
    ("Ankara denied that its warplanes had bombed civilian areas in Iraq.", {"denied(turkey)", "claim(turkey) not attacked(turkey, iraq)"}),
    ("Hezbollah denied any role in the killing of Lebanese Prime Minister Rafik Hariri.",
     {"denied(hezbollah)", "claim(hezbollah) not attacked(hezbollah, unlinked/rafik-hariri)"}),
    ("Al-Qaeda claimed responsibility for the bombing of the Danish embassy.", {"claim(al-qaeda) attacked(al-qaeda, denmark)"}),
    ("It attacked the convoy.", set()),
    ("Hezbollah said the Israeli army had shelled villages.", set()),
    # what an accusation or a blame says a state did: the accuser's claim (the accused-of form, every frame)
    ("Georgia accused Russia of bombing Georgian villages near Gori.",
     {"accused(georgia, russia)", "claim(georgia) attacked(russia, georgia)"}),
    ("Kenya's government blamed al-Shabaab for the kidnapping of French tourists.",
     {"accused(kenya, al-shabaab)", "claim(kenya) attacked(al-shabaab, france)"}),
    ("Israel accused Syria of arming Hezbollah.", {"accused(israel, syria)", "claim(israel) supports(syria, hezbollah)"}),
    ("Hamas condemned Israel's killing of the Palestinian leader.", {"accused(hamas, israel)"}),
    # agreements: a long name of what is signed, a counterpart, a body's ministers where they meet, a failure of one body
    ("Azerbaijani President Ilham Aliyev and his Turkish counterpart Abdullah Gul signed a natural gas transit accord in Baku.",
     {"agreed(abdullah-gul, ilham-aliyev)"}),
    ("Armenia and Azerbaijan are expected to sign protocols on border crossings next week.", {"planned agreed(armenia, azerbaijan)"}),
    ("Arab League foreign ministers meeting in Cairo agreed to send monitors to Syria.", {"agreed(arab-league)"}),
    ("African Union ministers failed to agree on a peacekeeping force for Somalia.", {"not agreed(african-union)"}),
    ("Dmitry Medvedev and Viktor Yushchenko failed to reach agreement on gas prices.", {"not agreed(dmitry-medvedev, viktor-yushchenko)"}),
    ("African Union ministers failed to meet in Addis Ababa.", set()),
    # sanctions on a state's rulers named by its possessive
    ("Canada imposed travel restrictions on members of Fiji's interim government.", {"sanctioned(canada, fiji)"}),
    ("The European Union tightened sanctions on Syria's ruling generals.", {"sanctioned(european-union, syria)"}),
    ("The European Union discussed sanctions on Syria's neighbours.", set()),
    # appeals to a body's leaders where they meet, to a state's government named by its demonym, after an appeal to others
    ("Ukrainian President Viktor Yushchenko urged EU leaders meeting in Brussels to open membership talks.",
     {"urged(viktor-yushchenko, european-union)"}),
    ("The Arab League urged Hamas and Fatah to end their feud and called on the Egyptian government to keep the border open.",
     {"urged(arab-league, hamas)", "urged(arab-league, fatah)", "urged(arab-league, egypt)"}),
    # membership: the other members after "along with", a party's candidate kg knows only as a name
    ("France, a member of the Security Council along with Britain and China, abstained.",
     {"member(france, un-security-council)", "member(united-kingdom, un-security-council)", "member(china, un-security-council)"}),
    ("Voters backed Labour Party candidate Gordon Brown.", {"member(gordon-brown, unlinked/labour-party)"}),
    # invitations: a visit that comes at someone's invitation, an invitation declined
    ("Hugo Chavez's visit to Minsk came at the invitation of Belarusian President Alexander Lukashenko.",
     {"invited(alyaksandr-lukashenka, hugo-chavez)"}),
    ("Syria turned down an invitation from Egypt to attend the summit.", {"invited(egypt, syria)", "rejected(syria, egypt)"}),
    ("Hugo Chavez's visit to Minsk came after months of talks.", set()),
    # the comma that closes an apposition naming the subject (every frame's active form)
    ("Russia's foreign minister, Sergei Lavrov, criticised Georgia on Friday.", {"accused(sergei-lavrov, georgia)"}),
    ("The junta, which is backed by China and India, condemned the protests.", set()),
    # the twelfth round, material acts. Attacks: a target named by what belongs to it, a breakaway
    # region, responsibility for an attack that killed, the doer after the victim
    ("Turkish warplanes bombed positions of the PKK near the Iraqi border.", {"attacked(turkey, kurdistan-workers-party)"}),
    ("Hamas militants torched offices belonging to Fatah in Gaza City.", {"attacked(hamas, fatah)"}),
    ("Georgian troops attacked the breakaway republic of Abkhazia.", {"attacked(georgia, abkhazia)"}),
    ("Al-Shabab claimed responsibility for the car bombing that killed five Ethiopian soldiers.",
     {"claim(al-shabaab) attacked(al-shabaab, ethiopia)"}),
    ("Pakistan condemned the killing of two Afghan soldiers by NATO troops.", {"attacked(nato, afghanistan)", "accused(pakistan, nato)"}),
    ("Russian troops withdrew from positions of the Georgian army.", set()),
    # sanctions: time and counts before the target, the verb's passive and negation, imposed by X on Y,
    # a state's bank, what is imposed (asset freezes, travel bans) and "targeting"
    ("The European Union imposed sanctions on Tuesday on four Belarusian state companies.", {"sanctioned(european-union, belarus)"}),
    ("Canada has never sanctioned Israel.", {"not sanctioned(canada, israel)"}),
    ("Sanctions imposed by the European Union on Syria's central bank took effect on Friday.", {"sanctioned(european-union, syria)"}),
    ("Britain announced asset freezes and travel bans targeting senior Zimbabwean officials.", {"sanctioned(united-kingdom, zimbabwe)"}),
    ("The European Union lifted the asset freeze on Libyan banks.", set()),
    # agreements: agreeing a truce, a deal with two others (every pair), brokering is no agreement
    ("Hamas and Fatah agreed a ceasefire in Gaza on Sunday.", {"agreed(fatah, hamas)"}),
    ("Egypt tried to broker a truce between Hamas and Fatah.", set()),
    ("Russia signed a gas deal with Turkey and Greece.", {"agreed(russia, turkey)", "agreed(greece, russia)", "agreed(greece, turkey)"}),
    # designations: a designator named by its demonym, the group's kind before its name
    ("The Australian government regards Hezbollah as a terrorist organisation.", {"designates(australia, hezbollah)"}),
    ("Canada listed the Somali militant group al-Shabaab as a terrorist organisation.", {"designates(canada, al-shabaab)"}),
    # support: the supporter as an adjective, the main backer of, "a key U.S. ally", not an alliance's ally
    ("Russian support for Serbia angered Kosovo.", {"supports(russia, serbia)"}),
    ("Iran is the main backer of Hezbollah.", {"supports(iran, hezbollah)"}),
    ("Kuwait, a key U.S. ally, hosted the conference.", {"supports(kuwait, united-states)"}),
    ("Oman, a key regional player, hosted the talks.", set()),
    # the speaker as the target or the invitee, named by a pronoun in what it says; a member or commander of a group
    ("Chad said Sudanese troops had attacked its border posts.", {"claim(chad) attacked(sudan, chad)"}),
    ("Evo Morales said that Hugo Chavez had invited him to Caracas.", {"claim(evo-morales) invited(hugo-chavez, evo-morales)"}),
    ("Pakistani troops killed a senior commander of the Taliban near Peshawar.", {"attacked(pakistan, taliban)"}),
    ("The Turkish army said it had launched air strikes against PKK hideouts.", {"claim(turkey) attacked(turkey, kurdistan-workers-party)"}),
    # the thirteenth round, material acts. Agreeing alone to a thing (a verb of the frame, its noun
    # with the actor's possessive, lists of three or more), passive agreements, what talks produced
    ("Armenia accepted the Russian proposal on Wednesday.", {"agreed(armenia)"}),
    ("The Israeli cabinet endorsed the road map on Sunday.", {"agreed(israel)"}),
    ("Kosovo endorsed the plan, and Serbia studied it.", {"agreed(kosovo)"}),
    ("After securing Iran's acceptance of the swap deal, the envoy left.", {"agreed(iran)"}),
    ("The approval by Ukraine of the gas accord ended the dispute.", {"agreed(ukraine)"}),
    ("Brazil, Argentina and Uruguay agreed on a common text for the summit.",
     {"agreed(brazil)", "agreed(argentina)", "agreed(uruguay)"}),
    ("A truce was agreed by Ethiopia and Eritrea after months of fighting.", {"agreed(eritrea, ethiopia)"}),
    ("Talks between Armenia and Turkey in Zurich produced an accord on diplomatic ties.",
     {"agreed(armenia, turkey)"}),
    ("Armenia studied the Russian proposal on Wednesday.", set()),
    ("Turkey accepted a deal with Armenia on Wednesday.", {"agreed(armenia, turkey)"}),
    # pledges as nouns, participles and second verbs
    ("Indonesia's pledge to cut emissions won praise.", {"pledged(indonesia)"}),
    ("Jordan made no promise to reopen the border.", {"not pledged(jordan)"}),
    ("Ehud Olmert formed a new coalition on Monday, vowing to press on with the pullout.", {"pledged(ehud-olmert)"}),
    ("Jordan asked for a pledge of calm.", set()),
    # sanctions: the target hit with someone's sanctions, a round of sanctions, a call to end them
    ("Eritrea was hit with U.N. sanctions in December.", {"sanctioned(united-nations, eritrea)"}),
    ("The European Union approved a third round of sanctions against Belarus.", {"sanctioned(european-union, belarus)"}),
    ("The Security Council stiffened sanctions against Eritrea on Friday.", {"sanctioned(un-security-council, eritrea)"}),
    ("Bolivia called for an end to the U.S. embargo on Cuba.", {"sanctioned(united-states, cuba)"}),
    ("Congress voted to lift the U.S. embargo on Cuba.", set()),
    # designations: a bare "terrorist", a wing of a group, a quotation of the designator's own words
    ("Ehud Olmert said Norway had branded Hamas terrorist too late.", {"claim(ehud-olmert) designates(norway, hamas)"}),
    ("Britain designated the armed wing of Hamas a terrorist organisation.", {"designates(united-kingdom, hamas)"}),
    ("“Hezbollah is a terrorist group,” Silvan Shalom said.", {"designates(silvan-shalom, hezbollah)"}),
    ("Britain called Hamas terrorist leaders to account.", set()),
    # support named by the adjective "-backed" before a group or a state's government
    ("Afghanistan's NATO-backed government survived the vote.", {"supports(nato, afghanistan)"}),
    ("Iranian-backed Hezbollah fighters crossed the border.", {"supports(iran, hezbollah)"}),
    # round 14, membership: no article, a relative, sitting on a body, an alliance's ally, a bloc that groups a list,
    # a list not in a bloc, his own militia; a bid is not membership
    ("Slovakia and Slovenia formally became members of the European Union on Saturday.",
     {"member(slovakia, european-union)", "member(slovenia, european-union)"}),
    ("Cyprus, which joined the European Union in 2004, vetoed the text.", {"member(cyprus, european-union)", "rejected(cyprus)"}),
    ("Nigeria currently sits on the Security Council.", {"member(nigeria, un-security-council)"}),
    ("Denmark, a NATO ally, sent 200 more troops to Helmand.", {"member(denmark, nato)"}),
    ("The Arab Maghreb Union, which groups Algeria, Libya, Mauritania, Morocco and Tunisia, has not met since 1994.",
     {"member(algeria, arab-maghreb-union)", "member(libya, arab-maghreb-union)", "member(mauritania, arab-maghreb-union)",
      "member(morocco, arab-maghreb-union)", "member(tunisia, arab-maghreb-union)"}),
    ("Armenia and Azerbaijan are not NATO members.", {"not member(armenia, nato)", "not member(azerbaijan, nato)"}),
    ("Norway, which is not in the European Union, voted against the plan.", {"not member(norway, european-union)"}),
    ("Ismail Haniyeh ordered his Hamas movement to hold its fire.", {"member(ismail-haniyeh, hamas)"}),
    ("Serbia has long sought membership of the European Union.", set()),
    # round 14, attacks: an offensive under way, a weapon that sank or downed, drones as a state's forces
    ("Turkey stepped up its offensive against the PKK in the mountains on Thursday.", {"attacked(turkey, kurdistan-workers-party)"}),
    ("A Russian missile downed a Georgian drone over Abkhazia.", {"attacked(russia, georgia)"}),
    ("U.S. drones killed four al Qaeda militants in Yemen.", {"attacked(united-states, al-qaeda)"}),
    ("Pakistan stepped up its campaign against tax evasion.", set()),
    # round 14, sanctions: opposed or called-for sanctions are not imposed; an imposer's possessive and a ruler's title
    ("Brazil and Turkey opposed new U.N. sanctions on Iran, and Ankara said it would vote against them.", set()),
    ("France called for EU sanctions against Syria.", {"planned sanctioned(european-union, syria)"}),
    ("The United States' sanctions against Syria's President Bashar al-Assad were renewed in May.",
     {"sanctioned(united-states, bashar-al-assad)"}),
    # round 14, designations and pledges: a time before the verb of listing; an absolute clause of a pledge
    ("Britain on Friday placed Hezbollah on its list of terrorist organisations.", {"designates(united-kingdom, hezbollah)"}),
    ("Donors offered $3 billion for Haiti, with Canada pledging $400 million.", {"pledged(canada)"}),
    # round 14: an apposition closing a pair of parties (frames.py's reciprocal form); an adjective before an attack's target
    ("Chile and Peru, rivals for a century, signed a fisheries pact in Lima.", {"agreed(chile, peru)"}),
    ("Azerbaijan accused Armenia of shooting down an unmanned Azerbaijani drone.", {"accused(azerbaijan, armenia)", "claim(azerbaijan) attacked(armenia, azerbaijan)"}),
    # round 15: a strike on a city or town is an attack on its state, never on the attacker's own; the targets named
    # after their kind in apposition; two names that open with the same word are two names
    ("Russian jets bombed Tbilisi airport on Saturday.", {"attacked(russia, georgia)"}),
    ("Hezbollah guerrillas fired rockets at Haifa on Sunday.", {"attacked(hezbollah, israel)"}),
    ("Israeli troops shelled Haifa on Sunday.", set()),
    ("The United States froze the assets of two Syrian firms, Bank Saderat and Bank Sepah, on Monday.",
     {"sanctioned(united-states, unlinked/bank-saderat)", "sanctioned(united-states, unlinked/bank-sepah)"}),
]


@pytest.mark.parametrize("text, expected", CASES, ids=[c[0][:48] for c in CASES])
def test_acts(read, text, expected):
    assert read(text) == expected


def test_enough_sentences_and_negatives():
    """The set is large enough to mean something (120+ sentences, 15 negatives)."""
    assert len(CASES) >= 120
    assert sum(1 for _, e in CASES if not e) >= 15
