"""Frames: a relation declared once (who, verb, whom, preposition) from which kg derives the
patterns of the ways the news says it.

    frame:
      subject: "{a:Agent}"          # the doer (a slot)
      verb: "@MEET"                 # a word class or ~lemma (or a fragment using them)
      object: "{b:Agent}"           # optional: the one done to
      prep: with                    # optional: the object's preposition in the active ("met with")
      complement: "as a terrorist (group|organization)"   # optional: after the object
      noun: "(meeting|talks)"       # optional: the relation as a noun ("X's meeting with Y")
      after: "[in {pl:Place}] [{t:time}]"                  # optional: after the clause
      forms: [active, passive, ...] # optional: which forms (default: see DEFAULT_FORMS)
      coordinate: true              # optional: subject and object may be lists (default true)
      group_nouns: true             # optional: "the Hamas delegation" stands for Hamas (default true)

Each form is a pattern (shown by `kg rules list --frames`; `kg rules explain` names the form that
matched). Subject and object become lists ("The US, the EU and Israel"), one fact per actor,
unless `coordinate: false`. Light words (the pack's `LIGHT` class: also, again, reportedly ...)
are skipped before and after the verb; negators never are: a negated form (`negated`) captures
the negation in the slot `neg`, and any other "not" inside a match negates it (kg.rules.engine).

| form | example (MEET; a = Lavrov, b = Meshaal) |
|---|---|
| active | Lavrov (also) met (with) Meshaal; Lavrov has met Meshaal; Russia's foreign minister, Lavrov, met Meshaal |
| passive | Meshaal was received by Lavrov |
| passive-agentless | Meshaal was received (only the object is known) |
| relative | Lavrov, who met Meshaal, ...; Meshaal, whom Lavrov received, ... |
| reduced | Meshaal, received by Lavrov, ...; the delegation led by Meshaal |
| nominal | Lavrov's meeting with Meshaal; talks between Lavrov and Meshaal; Lavrov held talks with Meshaal |
| after-nominal | Lavrov spoke after talks with Meshaal |
| reciprocal | Lavrov and Meshaal met; Lavrov and Meshaal held talks (symmetric relations only) |
| gerund | After meeting Meshaal, Lavrov said ...; By inviting Hamas, Putin ... |
| planned | Lavrov is to / is due to / will meet Meshaal (emit `if planned` / `unless planned`) |
| negated | Lavrov did not / refused to / will never meet Meshaal (negation slot `neg`) |
| coordinated | Lavrov received Abbas on Friday and met Meshaal; Lavrov, who saw Abbas and met Meshaal (every frame with `active`) |
| participle | Lavrov left the room after meeting Meshaal (every frame with `active`) |
| accused-of | (Sudan accused) Chad of backing the JEM; (blamed) Syria for having armed Hezbollah (every frame with `active` and an object) |
| progressive | France and Russia are urging Iran to ...; Moscow is backing Belgrade (opt-in) |
| comma-participle | Iran expelled two diplomats, urging Britain to ...; Ecuador reinforced its border, calling for the OAS to ... (opt-in) |
| resolution | The Council adopted a resolution urging Iran to ...; The EU passed a resolution that backs Georgia (opt-in) |

The clause forms (coordinated, participle) carry the subject of a first verb to a second one with
nothing between that brings its own subject (a report, a relative, a subordinate clause: the gap
`..N!(said|who|...)` cannot cross them). Every frame with an active form gains them; `forms: [...,
no-clauses]` opts out. Their patterns open at the sentence's start and belong to a group of their
own (`GROUP/clauses`, kg.rules.loader), so they never hide the first verb's match.

The accused-of form is what an accusation, a suspicion or a blame says its target did ("Georgia
accused Russia of bombing Gori"): context.belief makes it the accuser's claim; every frame with an
active form and an object gains it, unless its `forms` names `no-accused`.
"""
from __future__ import annotations

import re
from typing import Any

FRAME_KEYS = {"subject", "verb", "object", "prep", "complement", "noun", "after", "forms", "coordinate", "group_nouns"}
ALL_FORMS = ("active", "passive", "passive-agentless", "relative", "reduced", "nominal", "after-nominal", "reciprocal",
             "gerund", "planned", "negated", "coordinated", "participle", "accused-of", "denied", "progressive",
             "comma-participle", "resolution")
DEFAULT_FORMS = ("active", "passive", "relative", "reduced", "nominal", "negated")
# Forms of the sentence's structure rather than of the relation: every frame with an active form
# gains them (no rule file opts in), unless its `forms` names `no-clauses`.
CLAUSE_FORMS = ("coordinated", "participle")
# What an accusation says its target did ("accused Chad of backing ..."): gained like the clause
# forms, by every frame with an active form and an object, unless `forms` names `no-accused`.
ACCUSED_FORMS = ("accused-of",)
# The modal and denial forms of the verb group: every frame with an active form gains them, unless
# its `forms` names `no-planned` / `no-denied` (a planned form's emits say `if planned`).
MODAL_FORMS = ("planned", "negated")
DENIED_FORMS = ("denied",)
OPT_OUTS = ("no-clauses", "no-accused", "no-planned", "no-denied")
SLOT_RX = re.compile(r"^\{\s*([A-Za-z_]\w*)\s*:\s*([^}]*?)\s*\}$")

TIME = "[{t:time}]"  # "Israel on Friday condemned ...": frames reserve the slot names t, neg and _tc
BE = "(is|are|was|were|has been|have been|had been|will be|would be|being|been)"
LIGHT = "[@LIGHT [@LIGHT]]"  # up to two light words: "reportedly also"
PRE = "[both|either] [the] [(leaders|members|officials|representatives|envoys|government|authorities|people|leadership) of [the]] [{_po:Country} ('s|')] [@TITLE]"  # before an actor named as an object:
# "(the) (Russian Foreign Minister) Lavrov", "leaders of the Russian parliament", "Iran's Revolutionary Guards"
GROUP = ("[[('s|') !team] @GROUP_NOUN] [and (his|her|its|their) (delegation|team|aides|entourage|allies)]")
# "the Hamas delegation", "Lebanon's government", "Meshaal and his delegation", "Hezbollah and its allies"
# ("Iran's team" is a sports team more often than a delegation: no possessive before "team")
# where a group of the subject met, as a reduced relative: "NATO leaders meeting in Bucharest invited
# Albania and Croatia", "EU foreign ministers gathered in Luxembourg approved ..." (round 22)
MET_AT = "[(meeting|gathered|gathering|assembled) (in|at) [the] {_gp:Place}]"
# The verb groups (auxiliaries, modals, negators) are word classes of the pack (data/rules/_classes.yaml:
# AUX_PLAN, AUX_MAYBE, AUX_PLAN_NEG, AUX_NEG), defined once for every frame. Slots a frame reserves
# for the engine: `neg` (the negation), `_may` (a possibility: the relation is conditional).
NEGATION = "{neg=@AUX_NEG}"  # did not, has never, have not yet, failed to, refused to ...
PLAN_NEGATION = "{neg=@AUX_PLAN_NEG}"  # will not, would never, has no plans to, is not expected to ...
PLAN = "(@AUX_PLAN|{_may=@AUX_MAYBE})"  # will, would, is expected to, plans to; could, might, may
NEG_ING = "{neg=@AUX_NEG_ING}"  # stopped short of, has stopped, refrained from (before the -ing form)
# a body's resolution says what the body says: "The Council (unanimously) adopted Resolution 1701
# calling for ...", "The OIC adopted a resolution at its Dakar summit urging Israel to ..."
RESOLVED = ("[unanimously] (adopted|adopts|passed|passes|approved|approves|endorsed|endorses) [unanimously] "
            "[a|an|the|its|two|three] [..3] (resolution|resolutions|declaration) [{_rn:number}]")
RESOLUTION_GAP = "..8!(said|says|say|told|according|who|whom|whose|which|that|when|because|if|unless|although|while|after|before|following|despite|without|;|:|-)"
# a third party's verb of the relation as a noun ("host talks between A and B"), and its determiners
HOST_VERB = "(host|hold|organise|organize|sponsor|convene|arrange|mediate|broker|chair|resume)"
NOUN_DET = "[a|an|the|any|new|further|direct|more] [@NOUN_MOD] [(round|rounds) of]"
BE_PLANNED = "(is|are|was|were) [@LIGHT] (scheduled|planned|set|slated|due) (for|on|in|to)"  # "talks are scheduled for Monday"


# Words a gap inside one clause may not cross: a new clause with its own subject (a report, a
# relative, a subordinate clause) or a semicolon, colon or dash. "X said Y met Z and urged W":
# W is urged by Y, not X; "X met Y, who attacked Z and ..."
CLAUSE_STOPS = ("said|says|say|told|tells|saying|added|adding|stated|announced|claimed|reported|according|believes|"
                "believed|that|who|whom|whose|which|where|when|because|if|unless|although|though|whereas|while|"
                "whether|;|:|-")
# what may open a sentence before its subject: "On Saturday, ...", "In Damascus, ...", "Earlier, ..."
OPENER = ("[({_ot:time}|(in|at) {_op:Place}|earlier|later|meanwhile|separately|however|"
          "(on|in|at|during|after|before|speaking|addressing|following|shortly|late|early) ..6!(said|says|that|who|which|and|but)) ,]")


# what never opens an apposition: a clause's verb or conjunction ("Meshaal, met first with Saltanov, ...")
NOT_APPOSITION = ("!(met|meets|meet|held|holds|hold|received|receives|hosted|hosts|spoke|said|says|told|tells|"
                  "went|arrived|flew|and|but|who|which|whom|that|was|is|were|are|has|had|have|will|would|also|then)")


class FrameError(ValueError):
    """A frame that cannot be expanded."""


def _slot(spec: Any, what: str, coordinate: bool) -> tuple[str, str]:
    """A slot as written, and as a list slot when actors may be coordinated."""
    if not isinstance(spec, str) or not SLOT_RX.match(spec.strip()):
        raise FrameError(f"frame: '{what}' is one slot, like {{a:Agent}}")
    s = spec.strip()
    name, types = SLOT_RX.match(s).groups()  # type: ignore[union-attr]
    if coordinate and not types.endswith("+") and types.split()[0] not in ("quote", "time", "number", "text", "clause"):
        return s, "{" + f"{name}:{types}+" + "}"
    return s, s


def _select(verb: str, form: str) -> str:
    """The verb fragment with its inflecting words in one form (`@MEET` -> `@MEET:pp`)."""
    v = re.sub(r"@([A-Z][A-Z0-9_]*)(?![:A-Z0-9_])", lambda m: f"@{m.group(1)}:{form}", verb)
    return re.sub(r"~([A-Za-z][A-Za-z-]*)(?!:|[A-Za-z-])", lambda m: f"~{m.group(1)}:{form}", v)


def expand_frame(frame: Any) -> list[tuple[str, str]]:
    """(form, pattern) for each form of a frame, in a fixed order."""
    if not isinstance(frame, dict):
        raise FrameError("'frame' is a mapping: subject, verb, object, prep, complement, noun, after, forms")
    unknown = set(frame) - FRAME_KEYS
    if unknown:
        raise FrameError(f"frame: unknown key(s) {', '.join(sorted(unknown))} (known: {', '.join(sorted(FRAME_KEYS))})")
    for k in ("subject", "verb"):
        if k not in frame:
            raise FrameError(f"frame: '{k}' is required")
    for k in ("verb", "prep", "complement", "noun", "after"):
        if k in frame and not isinstance(frame[k], str):
            raise FrameError(f"frame: '{k}' is a pattern fragment (a string)")
    verb = frame["verb"]
    if "~" not in verb and "@" not in verb:
        raise FrameError("frame: 'verb' needs a ~lemma or a @CLASS, so its forms can be derived")
    coord = frame.get("coordinate", True)
    s1, s = _slot(frame["subject"], "subject", coord)
    has_obj = "object" in frame
    o1, o = _slot(frame["object"], "object", coord) if has_obj else ("", "")
    if frame.get("group_nouns", True):  # "the Hamas delegation": the group stands for its people
        s1, s = f"{s1} {GROUP}", f"{s} {GROUP}"
    if has_obj and frame.get("group_nouns", True):
        o1, o = f"{o1} {GROUP}", f"{o} {GROUP}"
    forms = frame.get("forms", DEFAULT_FORMS)
    if not isinstance(forms, list) and forms is not DEFAULT_FORMS or any(f not in ALL_FORMS + OPT_OUTS for f in forms):
        raise FrameError(f"frame: 'forms' lists some of {', '.join(ALL_FORMS)} (and {', '.join(OPT_OUTS)})")
    opted = tuple(forms)
    if "active" in opted and "no-planned" not in opted:
        forms = tuple(forms) + tuple(f for f in MODAL_FORMS if f not in forms)
    if "active" in opted and has_obj and "no-denied" not in opted:
        forms = tuple(forms) + tuple(f for f in DENIED_FORMS if f not in forms)
    if "active" in opted and "no-clauses" not in opted:
        forms = tuple(forms) + tuple(f for f in CLAUSE_FORMS if f not in forms)
    if "active" in opted and "no-accused" not in opted:
        forms = tuple(forms) + tuple(f for f in ACCUSED_FORMS if f not in forms)
    prep = f" {frame['prep']}" if frame.get("prep") else ""
    comp = f" {frame['complement']}" if frame.get("complement") else ""
    after = f" {frame['after']}" if frame.get("after") else ""
    noun = frame.get("noun")
    obj = f"{prep} {PRE} {o}" if has_obj else ""
    out: list[tuple[str, str]] = []

    def add(form: str, pattern: str) -> None:
        out.append((form, " ".join(pattern.split())))

    fin, pp, ing, base, past, s3 = (_select(verb, f) for f in ("finite", "pp", "ing", "base", "past", "s"))
    for form in ALL_FORMS:
        if form not in forms:
            continue
        if form == "active":
            add(form, f"{s} {MET_AT} [, ..12 ,] {TIME} {LIGHT} ({fin}|(has|have|had) {LIGHT} {pp}) {LIGHT}{obj}{comp}{after}")
            # the comma that closes an apposition naming the subject: "A Taliban spokesman, Zabihullah Mujahid, rejected ..."
            add(form, f", {s1} , {TIME} {LIGHT} ({fin}|(has|have|had) {LIGHT} {pp}) {LIGHT}{obj}{comp}{after}")
        elif form == "passive" and has_obj:
            add(form, f"{o} [, ..12 ,] {BE} {LIGHT} {pp}{comp} [..4] by {PRE} {s}{after}")
            if comp:
                add(form, f"{o} [, ..12 ,] {BE} {LIGHT} {pp} by {PRE} {s}{comp}{after}")
        elif form == "passive-agentless" and has_obj:
            add(form, f"{o} {BE} {LIGHT} {pp}{comp}")
        elif form == "relative":
            add(form, f"{s1} , (who|which|that) {LIGHT} ({fin}|(has|have|had) {LIGHT} {pp}){obj}{comp}{after}")
            # a relative whose possessor is the doer: "the JEM, whose fighters attacked Omdurman"
            # (not "Assad, whose government backed Hezbollah": a person's government or forces are his state's)
            add(form, f"{s1} , whose [@NOUN_MOD] (fighters|militants|gunmen|guerrillas|militiamen|members|supporters|activists) {TIME} {LIGHT} ({fin}|(has|have|had) {LIGHT} {pp}){obj}{comp}{after}")
            if has_obj:
                add(form, f"{o1} , [a|an|the] [..3] (whom|which|who|that) {PRE} {s} {LIGHT} ({fin}|(has|have|had) {LIGHT} {pp}){comp}")
        elif form == "reduced" and has_obj:
            add(form, f"{o1} [,] {LIGHT} {pp}{comp} by {PRE} {s}")
        elif form == "nominal" and noun:
            add(form, f"{s} ['s|'] [@NOUN_MOD] {noun} {TIME} (with|to) {PRE} {o}{after}" if has_obj else f"{s} ['s|'] {noun}{after}")
            if has_obj:
                # the sides may be titled, apposed or listed actors ("between the Greek Cypriot leader,
                # Demetris Christofias, and ..."), a time may follow the noun ("a meeting today between")
                add(form, f"[{{neg=no|never a|not a}}] [@NOUN_MOD] {noun} {TIME} between {PRE} {s} [,] and {PRE} {o}{after}")
                # "did not hold talks with", "have held no ..." (a negation before the verb: `neg`)
                add(form, f"{s} [, ..12 ,] {TIME} {LIGHT} [{NEGATION} {LIGHT}] (held|hold|holds|holding|began|begin|begins|opened|open|opens|conducted|had|made|makes|paid|pays) "
                          f"[a|an|the|two|three|several|more|further|new] [@NOUN_MOD] [(day|days|hours|round|rounds) of] {noun} [in ..3] {TIME} (with|to) {PRE} {o}{after}")
        elif form == "after-nominal" and noun and has_obj:
            # an apposition may stand after the actor: "Larijani, Iran's top negotiator, spoke after talks with Solana"
            # (an apposition, not a clause: "Meshaal, met first with Saltanov, ..." is not one)
            add(form, f"{s1} [, {NOT_APPOSITION} ..12 ,] ..8 (after|before|following|during|ahead of) "
                      f"[the|their|his|her|its] [..2] {noun} with {PRE} {o}")
        elif form == "reciprocal" and has_obj:
            # both actors as the subject of a symmetric relation: "Olmert and Abbas met", "Hu and Bush held talks"
            # an apposition may close the pair: "Iran and Syria, allies for decades, signed a defence pact"
            add(form, f"{s1} and {PRE} {o1} [, ..6 ,] {TIME} {LIGHT} ({fin}|(has|have|had) {LIGHT} {pp}) [each other|one another]{after}")
            if noun:
                add(form, f"{s1} and {PRE} {o1} {TIME} {LIGHT} (held|hold|holds|holding|began|opened|had) [..3] {noun}{after}")
        elif form == "gerund" and has_obj:
            # the gerund clause first, its subject right after the comma: "After meeting Meshaal, Lavrov said"
            # (not "Lavrov spoke before meeting Meshaal": in "X said Y would leave after meeting Z" the
            # doer is Y, which a gap cannot tell)
            add(form, f"^ (after|before|while|by|when|since) {LIGHT} {ing}{obj}{comp} [..4] , {PRE} {s1}")
        elif form == "planned":
            # the verb group of a future, an intention or a possibility (AUX_PLAN, AUX_MAYBE), and
            # its denial (AUX_PLAN_NEG: "would not meet" is a plan, negated)
            add(form, f"{s} [, ..12 ,] {TIME} {LIGHT} {PLAN} {LIGHT} {base}{obj}{comp}{after}")
            add(form, f"{s} [, ..12 ,] {TIME} {LIGHT} {PLAN_NEGATION} {LIGHT} {base}{obj}{comp}{after}")
            if noun and has_obj:  # "would not hold talks with", "is expected to hold a meeting with"
                add(form, f"{s} [, ..12 ,] {TIME} {LIGHT} ({PLAN}|{PLAN_NEGATION}) {LIGHT} (hold|have|open|begin|conduct|resume) "
                          f"[a|an|the|direct|further|new|more] [@NOUN_MOD] {noun} [in ..3] (with|to) {PRE} {o}{after}")
                # the relation as a noun, then the verb group of a plan: "Her talks with Israeli officials are
                # expected to focus on ...", "Rice's visit to Beijing will ...", "Talks between X and Y
                # are scheduled for Monday" (a denial first: "the meeting with X will not take place")
                add(form, f"{s} ['s|'] [@NOUN_MOD] {noun} (with|to) {PRE} {o}{after} [,] "
                          f"({PLAN_NEGATION}|{PLAN}|{BE_PLANNED})")
                add(form, f"[the] [@NOUN_MOD] {noun} between {PRE} {s1} and {PRE} {o1}{after} [,] "
                          f"({PLAN_NEGATION}|{PLAN}|{BE_PLANNED})")
                # the relation as a noun under a third party's verb of a plan: "Egypt will host talks
                # between A and B", "Egypt will not host talks between A and B" (planned, negated)
                add(form, f"({PLAN_NEGATION}|{PLAN}) {LIGHT} {HOST_VERB} {NOUN_DET} {noun} {TIME} between {PRE} {s} [,] and {PRE} {o}{after}")
        elif form == "negated":
            neg = NEGATION if "planned" in forms else f"({NEGATION}|{PLAN_NEGATION})"
            add(form, f"{s} [, ..12 ,] {TIME} {LIGHT} {neg} {LIGHT} ({base}|{pp}){obj}{comp}{after}")
            add(form, f"{{neg=neither}} {s1} nor {PRE} {s1} {LIGHT} ({fin}|(has|have|had) {LIGHT} {pp}){obj}{comp}{after}")
            # a negation before the -ing form: "stopped short of accusing", "has stopped supporting", "refrained from criticising"
            add(form, f"{s} [, ..12 ,] {TIME} {LIGHT} {NEG_ING} {LIGHT} {ing}{obj}{comp}{after}")
        elif form == "coordinated":
            # the subject of a first verb carried to a second after "and"/"but", with nothing between
            # that brings its own subject: "Annan met Assad on Saturday and urged him to ...",
            # "Chad denied supporting the rebels and accused Khartoum of ...". The subject opens the
            # sentence (after an opener), so an object of the first verb is never taken for it.
            # The first verb phrase is captured (`_g`), so a "not" in it does not negate the second;
            # the second verb is past or -s ("and urge" may share the first's "did not" or "to").
            head = f"^ {OPENER} [{PRE}] {s} !(and|but|who|which|said|says|that)"
            second = f"({past}|{s3}|(has|have|had) [@LIGHT] {pp}){obj}{comp}{after}"
            add(form, f"{head} {{_g=..30!({CLAUSE_STOPS})}} [,] (and|but) [@LIGHT] {second}")
            # a relative clause between commas may close the first verb phrase: "X rejected the
            # results, which gave Y a second term, and accused Z"
            add(form, f"{head} {{_g=..20!({CLAUSE_STOPS})}} , (who|which|whose|whom) {{_r=..12!({CLAUSE_STOPS})}} , (and|but) "
                      f"({past}|{s3}){obj}{comp}{after}")
            if "negated" in forms:
                add(form, f"{head} {{_g=..30!({CLAUSE_STOPS})}} [,] (and|but) {NEGATION} ({base}|{pp}){obj}{comp}{after}")
            # a relative clause's two verbs share its antecedent: "Meshaal, who met Abbas and accused Israel"
            add(form, f"{s1} , (who|which) {{_g=..16!({CLAUSE_STOPS})}} [,] (and|but) [@LIGHT] ({past}|{s3}){obj}{comp}{after}")
        elif form == "participle" and has_obj:
            # a participle clause of the sentence's subject after its main verb: "Erdogan walked off
            # the stage after accusing Peres", "X left Moscow without meeting Y" is not one (no "without")
            add(form, f"^ {OPENER} [{PRE}] {s} !(and|but|who|which|said|says|that) "
                      f"{{_g=..24!({CLAUSE_STOPS})}} [,] (after|before|while|when|since|by) {LIGHT} {ing}{obj}{comp}{after}")
            # an apposition of the subject: "X, speaking in Y, urged Z" is the active form's aside
        elif form == "progressive":
            # the verb group of an act under way: "France, Russia and the U.S. are urging Iran to ...",
            # "Moscow is backing Belgrade" (opt-in: "X is meeting Y on Friday" is a plan, not a fact)
            add(form, f"{s} [, ..12 ,] {TIME} {LIGHT} (is|are|was|were|has been|have been|had been) {LIGHT} {ing}{obj}{comp}{after}")
        elif form == "comma-participle" and has_obj:
            # a participle clause of the sentence's subject after a comma, with no conjunction:
            # "Iran expelled two diplomats, urging Britain to stop ...", "Ecuador reinforced its border,
            # calling for the OAS to investigate" (opt-in; the gap crosses no report or relative, so
            # in "X said Y did Z, urging W" the urging is no one's)
            # (a new subject after ", but" is that clause's: "Colombia apologized, but Ecuador wasn't
            # satisfied, calling for OAS to investigate" is Ecuador's call)
            for head in (f"^ {OPENER}", ", (but|and|while)"):
                add(form, f"{head} [{PRE}] {s} !(and|but|who|which|said|says|that|'s|') "
                          f"{{_g=..24!({CLAUSE_STOPS}|but)}} , [and] {LIGHT} {ing}{obj}{comp}{after}")
        elif form == "resolution" and has_obj:
            # what a body's resolution asks, condemns or backs is the body's act: "The Council adopted
            # Resolution 1747 urging Iran to ...", "The Arab League adopted a resolution backing
            # Bashir", "The Council passed a resolution that demands Iran halt ..." (opt-in)
            add(form, f"{s} {TIME} {LIGHT} {RESOLVED} {RESOLUTION_GAP} [,] {ing}{obj}{comp}{after}")
            # the relative right after the resolution ("adopted a resolution endorsing the report, which
            # accused Israel": the report accuses, not the body)
            add(form, f"{s} {TIME} {LIGHT} {RESOLVED} [(on|about|against|over) ..3!(that|which|,)] [{{_t2:time}}] [,] (that|which) {LIGHT} ({s3}|{past}){obj}{comp}{after}")
        elif form == "accused-of" and has_obj:
            # the content of an accusation, a suspicion or a blame: "(accused) Chad of backing the JEM",
            # "(blamed) Syria for having armed Hezbollah"; context.belief makes it the accuser's claim
            add(form, f"{s} (of|for) {LIGHT} [secretly|covertly|illegally|deliberately|indiscriminately] "
                      f"({ing}|having {LIGHT} {pp}){obj}{comp}{after}")
        elif form == "denied" and has_obj:
            # a denial whose content is the denier's own act, as a gerund ("North Korea has denied
            # sinking the Cheonan", "Sudan denies arming the Janjaweed"): negated (`neg` is the
            # denial) and the denier's claim (kg.rules.engine: the subject holds it)
            add(form, f"{s} {TIME} [@LIGHT] {{neg=@DENY:finite|(has|have|had) [@LIGHT] @DENY:pp}} [ever] "
                      f"({ing}|having {pp}){obj}{comp}{after}")
    if not out:
        raise FrameError("frame: none of its forms applies (a passive, relative or nominal form needs an object; nominal a noun)")
    return out
