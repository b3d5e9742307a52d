"""The word lists of data/names.yaml that the name finder reads (honorifics, particles, organisation
and place words, ...), apart from the finder itself (kg.knowing.names) so each stays readable."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError
from ..reading.text import tokenize
from ..yamlfile import LDict, load_yaml


@dataclass(frozen=True)
class NameLexicon:
    """The word lists of data/names.yaml."""

    honorifics: dict[str, str | None]
    particles: frozenset[str]
    connectors: frozenset[str]
    org_words: dict[str, str]
    place_words: dict[str, str]
    place_preps: frozenset[str]
    not_names: frozenset[str]
    function_words: frozenset[str]
    suffixes: frozenset[str]
    actor_verbs: frozenset[str]
    actor_nouns: frozenset[str]
    motion_verbs: frozenset[str] = frozenset()
    name_titles: frozenset[str] = frozenset()
    name_honorifics: frozenset[str] = frozenset()
    compound_words: frozenset[str] = frozenset()
    possessive_name_words: frozenset[str] = frozenset()
    past_title_words: frozenset[str] = frozenset()
    past_title_prefixes: frozenset[str] = frozenset()
    future_title_words: frozenset[str] = frozenset()
    common_words: frozenset[str] = frozenset()  # never a leader's surname alone ("Rice", "Brown")
    object_verbs: frozenset[str] = frozenset()  # "urged Moscow to": a seat of power as the object acted on
    default_body_prefixes: tuple[str, ...] = ()  # "the General Assembly" alone: the UN's
    government_words: tuple[tuple[str, ...], ...] = ()  # "the Bush administration": the state, as words
    family_name_first_states: frozenset[str] = frozenset()  # ISO-3 codes, lower case: "Song Min-soon"
    speech_verbs: frozenset[str] = frozenset()  # "said X", "X said": X speaks; "He said" next continues X
    located_org_words: frozenset[str] = frozenset()  # "Mission in Somalia": "in PLACE" is part of the name
    state_bodies: tuple[tuple[str, ...], ...] = ()  # "Foreign Ministry": the ministry of the state in reach (kg.knowing.reach)
    state_parts: tuple[tuple[str, ...], ...] = ()  # "army spokesman", "government spokesman": the state in reach
    former_state_words: frozenset[str] = frozenset()  # "former Soviet republic": another state (kg.knowing.reach)
    former_state_nouns: frozenset[str] = frozenset()  # "republic" of "former Soviet republic"
    rebel_words: tuple[tuple[str, ...], ...] = ()  # "the rebels said": the one armed group named (kg.knowing.reach)
    pronoun_actor_verbs: frozenset[str] = frozenset()  # "it said", "It denied": "it" an actor (kg.knowing.coreference)
    first_name_months: frozenset[str] = frozenset()  # "Jan Egeland": a month's abbreviation before a name is a first name
    female_first_names: frozenset[str] = frozenset()  # "Marie Okabe": she, never "his" (kg.knowing.mentions)
    past_title_verbs: frozenset[str] = frozenset()  # "soldiers ousted President X": a verb, the title held then
    demand_that_verbs: frozenset[str] = frozenset()  # "demanded that Islamabad hand over": a capital there acts
    act_nouns: frozenset[str] = frozenset()  # "sanctions on Damascus": a capital after "on"/"against" is acted on
    stance_nouns: frozenset[str] = frozenset()  # "an ally of Moscow", "Moscow, a member of": a capital there is its state
    owned_governments: frozenset[str] = frozenset()  # "Mubarak's government": the leader's state
    capital_people: frozenset[str] = frozenset()  # "the government in Kinshasa", "officials in Kiev": the state
    capital_people_modifiers: frozenset[str] = frozenset()  # "senior government officials in Khartoum"
    capital_people_verbs: frozenset[str] = frozenset()  # "met officials in Beirut": a verb before them
    male_first_names: frozenset[str] = frozenset()  # "George W. Bush" is no "Mrs. Bush" (kg.knowing.shortforms)
    shared_state_names: dict[str, str] | None = None  # "Congo": the DR Congo by evidence (mentions)
    title_nouns: frozenset[str] = frozenset()  # "rebel political chief X": a title's head noun (kg.rules.closures)
    list_people: frozenset[str] = frozenset()  # "a Hamas delegation and X": people for the item before (kg.rules.closures)
    party_words: frozenset[str] = frozenset()  # "Serbian Radical Party": a demonym opening a party's name (kg.knowing.reach)
    they_verbs: frozenset[str] = frozenset()  # "They met": a verb after the named parties that open a sentence (kg.knowing.coreference)
    reaction_nouns: frozenset[str] = frozenset()  # "drawing protests from Beijing": a capital after "from" is its state


def load_names(path: Path) -> NameLexicon:
    """Read data/names.yaml (every list optional; a missing file means empty lists)."""
    d = load_yaml(path) if path.is_file() else LDict()
    if not isinstance(d, dict):
        raise InputError(path, "must be a mapping of word lists")

    def words(key: str) -> frozenset[str]:
        v = d.get(key) or []
        if not isinstance(v, list) or not all(isinstance(x, str) for x in v):
            raise InputError(path, f"{key!r} must be a list of words", getattr(d, "key_lines", {}).get(key))
        return frozenset(x.casefold() for x in v)

    def phrases(key: str) -> tuple[tuple[str, ...], ...]:
        return tuple(sorted(tuple(t.norm for t in tokenize(w)) for w in words(key)))

    def table(key: str) -> dict[str, str]:
        v = d.get(key) or {}
        if not isinstance(v, dict):
            raise InputError(path, f"{key!r} must be a mapping of word: value", getattr(d, "key_lines", {}).get(key))
        return {str(k).casefold(): x for k, x in v.items()}

    return NameLexicon(table("honorifics"), words("particles"), words("connectors"), table("organization_words"),
                       table("place_words"), words("place_prepositions"), words("not_names"), words("function_words"),
                       words("name_suffixes"), words("actor_verbs"), words("actor_nouns"),
                       words("motion_verbs"), words("name_titles"), words("name_honorifics"), words("compound_words"),
                       words("possessive_name_words"), words("past_title_words"),
                       words("past_title_prefixes"), words("future_title_words"),
                       words("common_words") | words("not_names") | words("function_words"), words("object_verbs"),
                       tuple(sorted(words("default_body_prefixes"))),
                       tuple(sorted(tuple(w.split()) for w in words("government_words"))),
                       words("family_name_first_states"), words("speech_verbs"),
                       words("located_org_words"), phrases("state_bodies"), phrases("state_parts"),
                       words("former_state_words"), words("former_state_nouns"), phrases("rebel_words"),
                       words("pronoun_actor_verbs"), words("first_name_months"),
                       words("female_first_names"), words("past_title_verbs"), words("demand_that_verbs"),
                       words("act_nouns"), words("stance_nouns"), words("owned_governments"),
                       words("capital_people"), words("capital_people_modifiers"),
                       words("capital_people_verbs"), words("male_first_names"),
                       table("shared_state_names"), words("title_nouns"), words("list_people"),
                       words("party_words"), words("they_verbs"), words("reaction_nouns"))
