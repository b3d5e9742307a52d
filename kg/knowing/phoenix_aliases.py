"""Auditing the aliases of imported records: which names a dictionary lists under a record but
that would link text to the wrong entity, by rules written in the import profile.

The Phoenix dictionaries list, as synonyms of a record, everything that should *code* like it:
"German Chancellor" under the Reichstag, "White House Spokesman" under the White House, "John
Kirby" under the U.S. military, a ruler's capital under the ruler. As names of an entity these are
wrong links. And "The UN" beside "UN" is not a name but a name with its article, which would take
"The" and "UN" out of "The UN Security Council". Each rule below leaves such an alias out (the record keeps its label), and every
alias left out is reported with the rule that removed it.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Protocol

from .gazetteer import name_key

# the classes of entity that must not share a name: a person, a body (organisation, government
# body, group, or an undecided Agent), a place (state, city, region, place)
_CLASS = {"Person": "person", "Agent": "body", "Organization": "body", "GovernmentBody": "body", "Group": "body",
          "NewsMedia": "body", "Country": "place", "City": "place", "Place": "place", "Region": "place"}


class _Draft(Protocol):  # kg.knowing.phoenix.Draft, as far as the audit needs it
    type: str
    label: str
    aliases: list[str]
    demonyms: list[str]


@dataclass
class AliasRules:
    """The profile's `alias_rules` (data/gazetteer/world/import-phoenix.yml)."""

    role_words: frozenset[str] = frozenset()
    body_words: frozenset[str] = frozenset()
    calendar_words: frozenset[str] = frozenset()
    common_words: frozenset[str] = frozenset()
    name_particles: frozenset[str] = frozenset()
    honorifics: frozenset[str] = frozenset()  # "Sheik Hassan Nasrallah" is the name "Hassan Nasrallah"
    first_name_min: int = 0  # a body's alias "John Kirby": a first name that starts this many person labels
    removed: Counter = field(default_factory=Counter)

    @classmethod
    def from_profile(cls, d: dict) -> "AliasRules":
        def words(k: str) -> frozenset[str]:
            return frozenset(str(x).lower() for x in d.get(k) or ())

        return cls(words("role_words"), words("body_words"), words("calendar_words"), words("common_words"), words("name_particles"), words("honorifics"),
                   int(d.get("first_name_min") or 0))


def _words(name: str) -> list[str]:
    return [w for w in re.split(r"[\s\-_/().,']+", name.lower()) if w]


def audit(drafts: list[_Draft], rules: AliasRules, report: list[str]) -> None:
    """Leave out, from every draft, the aliases a rule says are not names of it; report each one
    (`left out alias ... (rule)`) and a count per rule."""
    # what names each class of entity bears as a label (or a state's demonym): an alias of another
    # class that is one of them names that other entity ("Zagreb" on a person, "Hassan Nasrallah"
    # on Hezbollah); an alias borne by several classes names none of them for sure
    labels: dict[str, set[str]] = {}
    alias_classes: dict[str, set[str]] = {}
    first_names: Counter = Counter()
    state_aliases: Counter = Counter()
    for d in drafts:
        if d.type == "Country":
            state_aliases.update({name_key(n) for n in (d.label, *d.aliases, *d.demonyms)})
        c = _CLASS.get(d.type, "body")
        for n in (d.label, *d.demonyms):
            labels.setdefault(name_key(n), set()).add(c)
        for n in d.aliases:
            alias_classes.setdefault(name_key(n), set()).add(c)
        if d.type == "Person":
            w = d.label.split()
            if len(w) > 1:
                first_names[w[0].lower()] += 1

    def why(d: _Draft, alias: str) -> str | None:
        c = _CLASS.get(d.type, "body")
        k = name_key(alias)
        words = _words(alias)
        own = set(_words(d.label))
        if c != "person" and set(words) & rules.role_words - own:
            return "role"  # "German Chancellor" (the Reichstag), "White House Spokesman"
        if d.type in ("Person", "Agent") and personish_label(d) and set(words) & rules.body_words - own:
            return "body-word"  # "The Bush Administration", "Syria's Government" under a person
        if len(words) == 1 and words[0] in rules.calendar_words:
            return "calendar"  # "May", "Sunday"
        if len(words) == 1 and words[0] in rules.common_words:
            return "common-word"  # "Falcon", "Senate": a word, not a name, in most sentences
        if d.type == "Country":  # a state keeps its names (the other entity loses them), unless two share one
            return "shared" if state_aliases[k] > 1 else None
        if (labels.get(k, set()) | labels.get(bare(k, rules), set())) - {c}:
            return "other-entity"  # the name of an entity of another kind
        personish = bool(rules.first_name_min) and 2 <= len(words) <= 3 and words[0] not in rules.name_particles \
            and first_names[words[0]] >= rules.first_name_min and alias.split()[0][:1].isupper()
        if c == "body" and personish and not set(words) & own:
            return "person-name"  # "John Kirby" under the U.S. military
        shared = alias_classes.get(k, set())
        if len(shared) > 1 and (c == "person" and not personish or c == "body" and "place" in shared):
            return "shared"  # a group's name that a dictionary also lists under its leader
        return None

    def personish_label(d: _Draft) -> bool:
        w = _words(d.label)
        return d.type == "Person" or len(w) > 1 and first_names[w[0]] >= max(rules.first_name_min, 1)

    for d in drafts:
        kept = []
        names = {name_key(n) for n in (d.label, *d.aliases, *d.demonyms)}
        for a in d.aliases:
            k = name_key(a)
            rule = "article" if k.startswith("the ") and k[4:] in names else why(d, a)
            if rule is None:
                kept.append(a)
            else:
                rules.removed[rule] += 1
                report.append(f"left out alias {a!r} of {d.label!r} ({rule})")
        d.aliases = kept
    for rule, n in sorted(rules.removed.items()):
        report.append(f"alias rule {rule}: {n} aliases left out")


def bare(key: str, rules: AliasRules) -> str:
    """A name key without its leading honorifics ("sheik hassan nasrallah" -> "hassan nasrallah")."""
    words = key.split(" ")
    while len(words) > 1 and words[0] in rules.honorifics:
        words = words[1:]
    return " ".join(words)


def spell_variants(drafts: list[_Draft], groups: list[list[str]], report: list[str]) -> None:
    """Give each person the usual other spellings of a word of their name, one word at a time
    (`spelling_variants` of the profile: Mohammad Khatami is also Mohammed and Muhammad Khatami);
    a name another entry already bears is not added (its own entry says it better)."""
    alt: dict[str, list[str]] = {}
    for g in groups:
        for w in g:
            alt[w.lower()] = [x for x in g if x.lower() != w.lower()]
    taken = {name_key(n) for d in drafts for n in (d.label, *d.aliases, *d.demonyms)}
    added = 0
    for d in drafts:
        if d.type != "Person":
            continue
        have = {name_key(n) for n in (d.label, *d.aliases)}
        new = []
        for n in (d.label, *d.aliases):
            words = n.split(" ")
            for i, w in enumerate(words):
                for v in alt.get(w.lower(), ()):
                    cand = " ".join([*words[:i], v if w[:1].isupper() else v.lower(), *words[i + 1:]])
                    k = name_key(cand)
                    if k not in have and k not in taken:
                        have.add(k)
                        new.append(cand)
        d.aliases += new
        added += len(new)
    report.append(f"spelling variants: {added} names added to people")
