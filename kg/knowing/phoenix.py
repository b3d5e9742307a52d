"""Converting the Phoenix (PETRARCH/TABARI) actor dictionaries into gazetteer entries.

The Phoenix dictionaries of Open Event Data (MIT licence) know ~250 states, ~28,000 persons with
date-bounded affiliations, international organisations and armed groups. kg keeps what they know
(names, codes, dates) as gazetteer data, so a name resolves to an entity and an entity's codes on
an article's date are a lookup. Reading the format is kg.knowing.phoenix_read; auditing the
aliases kg.knowing.phoenix_aliases; writing the files kg.knowing.phoenix_write. A malformed line
stops the import and nothing is written.
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from ..errors import Problem, RuleError
from .gazetteer import name_key
from .phoenix_aliases import AliasRules, audit, bare, spell_variants
from .phoenix_read import (SECTORS, Record, Restriction, Skip, id_for, normal_case,  # noqa: F401 (Skip, parse_date: API)
                           parse_actors, parse_date, record_names)
from .phoenix_write import NOTICE, render, write_all

# -- conversion ---------------------------------------------------------------------------------
@dataclass
class Profile:
    """What the import needs to know that the dictionaries do not say (data/.../import-phoenix.yml)."""

    capitals: dict[str, str]
    state_names: dict[str, list[str]]
    demonym_endings: tuple[str, ...]
    not_demonym_endings: tuple[str, ...]
    not_places: set[str]
    organisation_words: set[str]
    title_words: set[str]
    skip_code_prefixes: tuple[str, ...]
    alias_rules: AliasRules = field(default_factory=AliasRules)
    state_name_words: set[str] = field(default_factory=set)
    spelling_variants: list[list[str]] = field(default_factory=list)
    plural_demonym_endings: tuple[str, ...] = ()
    # records (by label) never merged into a curated entity: a record whose aliases hold another
    # actor's names (the Islamic State record lists Zarqawi's) would otherwise absorb that actor
    not_merged: set[str] = field(default_factory=set)

    @classmethod
    def load(cls, path: Path) -> "Profile":
        from ..yamlfile import load_yaml

        d = load_yaml(path)
        if not isinstance(d, dict):
            raise RuleError([Problem(str(path), 1, "an import profile is a mapping")])
        return cls({str(k).upper(): str(v) for k, v in (d.get("capitals") or {}).items()},
                   {str(k).upper(): [str(x) for x in v] for k, v in (d.get("state_names") or {}).items()},
                   tuple(d.get("demonym_endings") or ()), tuple(d.get("not_demonym_endings") or ()),
                   {name_key(x) for x in d.get("not_places") or ()},
                   {str(x).lower() for x in d.get("organisation_words") or ()},
                   {str(x).lower() for x in d.get("title_words") or ()},
                   tuple(d.get("skip_code_prefixes") or ()),
                   AliasRules.from_profile(d.get("alias_rules") or {}),
                   {str(x).lower() for x in d.get("state_name_words") or ()},
                   [[str(w) for w in g] for g in d.get("spelling_variants") or ()],
                   tuple(str(x) for x in d.get("plural_demonym_endings") or ()),
                   {name_key(x) for x in d.get("not_merged") or ()})


@dataclass
class Draft:
    """An entry being made: becomes a gazetteer entry (or an `extends` of a curated one)."""

    kind: str  # output file: states, places, persons, organisations, groups
    type: str
    label: str
    aliases: list[str]
    where: str
    demonyms: list[str] = field(default_factory=list)
    codes: list[Restriction] = field(default_factory=list)
    affiliations: list[tuple[str | None, str | None, Restriction]] = field(default_factory=list)  # (of key, sector, r)
    located_in: str | None = None  # key of the state draft
    capital: str | None = None
    key: str = ""  # internal handle until ids are assigned
    id: str = ""
    extends: str | None = None
    rec: Record | None = None  # a state's dictionary record
    part_of: str | None = None  # key of the organisation or state this body is a part of
    plurals: list[str] = field(default_factory=list)  # a state's names made from its demonyms ("Iranians")


@dataclass
class Curated:
    """A curated entity, as far as matching needs it."""

    id: str
    type: str
    names: set[str]


_PERSONISH = {"Person", "Agent"}
_ORGISH = {"Organization", "GovernmentBody", "Group", "Agent", "NewsMedia"}
_PLACEISH = {"City", "Place", "Region"}
_GOV_SECTORS = {"GOV", "LEG", "JUD", "MIL", "COP", "SPY"}


def _compatible(a: str, b: str) -> bool:
    return a == b or any(a in s and b in s for s in (_PERSONISH, _ORGISH, _PLACEISH))


def _is_person_record(rec: Record, prof: Profile) -> bool | None:
    """True a person, False an organisation, None undecided (an Agent)."""
    words = set(re.split(r"[_\s\-()/]+", rec.names[0].lower()))
    if words & prof.organisation_words:
        return False
    if any("countryinfo" in c.lower() or "rulers" in c.lower() for c in rec.comments):
        return True
    return True if any(r.start or r.end for r in rec.codes) else None


_NAME_SUFFIXES = {"ii", "iii", "iv", "jr", "sr", "."}
_TITLE_JOINS = {"of", "state", "the", "for"}


def _surname(label: str) -> str:
    """The last word of a person's label that is no suffix ("Abdullah II": abdullah)."""
    words = [w for w in name_key(label).split() if w not in _NAME_SUFFIXES]
    return words[-1] if words else ""


def _untitled(n: str, prof: Profile) -> tuple[int, str]:
    """The number of leading title words of a name and the name after them ("President George
    Bush": 1, "George Bush"; "Secretary-General Ban": 1, "Ban")."""
    words = n.split()
    j = 0
    while j < len(words) and set(name_key(words[j]).split()) <= prof.title_words | {".", "-"} | (
            _TITLE_JOINS if j else set()):  # "Secretary of State Rice"
        j += 1
    return j, " ".join(words[j:])


def _clean_aliases(names: list[str], label: str, prof: Profile, person: bool) -> list[str]:
    """Aliases other than the label. A person's title-and-name forms are left out (mention rules
    see the title and the name apart) but for two readings of them: the full name after the
    titles when it ends with the label's surname ("President George Bush" gives George W. Bush
    the name "George Bush", which mention finding resolves by the article's date), and titles
    with the surname alone ("President Bush", "King Abdullah"), which mention finding reads only
    after those titles (a surname alone is no name of the person: kg.knowing.lookup)."""
    out, seen = [], {name_key(label)}
    surname = _surname(label)
    for n in names:
        k = name_key(n)
        if not k or k in seen:
            continue
        if person and set(k.split()) & prof.title_words:
            j, rest = _untitled(n, prof)
            rk = name_key(rest)
            if not j or not rk or set(rk.split()) & prof.title_words or rk.split()[-1] != surname:
                continue
            if len(rk.split()) > 1:  # a full name: one that starts with a word of the label
                if rk.split()[0] not in name_key(label).split():
                    continue
                n, k = rest, rk
                if k in seen:
                    continue
        seen.add(k)
        out.append(n)
    return out


def convert(files: list[Path], prof: Profile, curated: list[Curated]) -> tuple[dict[str, list[dict]], list[str], list[Problem]]:
    """Entries per output file (states, places, persons, organisations, groups), a report of the
    merges and choices made, and the problems (errors) found. Deterministic: files are read in
    name order, records in file order."""
    problems: list[Problem] = []
    warnings: list[Problem] = []
    parsed = [(p, parse_actors(p, problems, warnings)) for p in sorted(files, key=lambda p: p.name)]
    report = [f"warning: {w}" for w in warnings]
    drafts: list[Draft] = []
    states: dict[str, Draft] = {}  # ISO-3 code -> state draft
    org_codes: dict[str, Draft] = {}  # own code of an international organisation or group -> draft

    # 1. states: the first record with an undated three-letter code; else the first with a dated one
    # (first the record that lists the state's capital with a code valid today: MOLDOVA [MDA >911221]
    # with Chisinau, not TRANSNISTRIA [MDA] before it)
    country_recs = [r for p, recs in parsed if "countr" in p.name.lower() for r in recs]
    for rule in ("capital", "undated", "dated"):
        for r in country_recs:
            for c in r.codes:
                if rule == "capital":
                    cap = prof.capitals.get(c.code)
                    ok = c.end is None and cap is not None and name_key(cap) in {name_key(normal_case(n)) for n in r.names}
                else:
                    ok = (c.start is None and c.end is None) == (rule == "undated")
                if ok and len(c.code) == 3 and c.code.isalpha() \
                        and c.code not in states and r.names and not any(r is s.rec for s in states.values()):
                    d = Draft("states", "Country", normal_case(r.names[0]), [], r.where, codes=list(r.codes))
                    d.rec = r
                    d.key = "state:" + c.code
                    states[c.code] = d
                    break
    state_recs = {id(s.rec): s for s in states.values()}
    for code, st in sorted(states.items(), key=lambda kv: kv[1].where):
        drafts.append(st)
        _split_state(st, code, st.rec, prof, drafts)  # type: ignore[arg-type]

    # 2. every other record
    state_keys = {name_key(n) for st in states.values() for n in (st.label, *st.aliases)}
    people: dict[str, Draft] = {}  # name key of a person's label -> the person
    for p, recs in parsed:
        fname = p.name.lower()
        for r in recs:
            if id(r) in state_recs or not r.codes:
                if not r.codes and id(r) not in state_recs:
                    report.append(f"warning: {r.where}: record {r.names[0]!r} has no code: left out")
                continue
            if any(c.code.startswith(prof.skip_code_prefixes) for c in r.codes) and prof.skip_code_prefixes:
                continue
            statish = (len(c.code) == 3 or (c.code[:3] in states and len(c.code) == 6 and c.code[3:] in ("UNR", "OCC", "AUT"))
                       for c in r.codes)  # a state's own code, or its unrecognised/occupied/autonomous forms
            if "countr" in fname and all(statish):
                latest = max(r.codes, key=lambda c: (c.end is None, c.end or date.min, c.start or date.min))
                st = states.get(latest.code[:3])
                for n in record_names(r):
                    if name_key(n) in prof.not_places:
                        continue
                    if st is not None and name_key(n) in {name_key(x) for x in (st.label, *st.aliases, *st.demonyms)}:
                        continue  # a second record of the state itself (CROATIA_ [HRV]): not a place in it
                    if st is not None and _formal(name_key(st.label), name_key(n), prof.state_name_words):
                        st.aliases.append(n)  # SAINT_KITTS_AND_NEVIS_ [KNA] beside its Federation of ...
                        continue
                    drafts.append(Draft("places", "Place", n, [], r.where, located_in=st.key if st else None,
                                        key=f"place:{r.where}:{n}"))
                continue
            terr = [c for c in r.codes if c.code[:3] in states and len(c.code) == 6 and c.code[3:] not in SECTORS]
            if "countr" in fname and terr and len(terr) == len(r.codes) and not any(c.start or c.end for c in r.codes):
                # a territory (American Samoa [USAASM], Greenland [DNKGRL]): a region of its state
                names = record_names(r, acronyms=True)
                drafts.append(Draft("places", "Region", names[0], _clean_aliases(names[1:], names[0], prof, False), r.where,
                                    codes=list(r.codes), located_in=states[terr[0].code[:3]].key, key=f"rec:{r.where}"))
                continue
            person = _is_person_record(r, prof)
            if person is None and len(record_names(r)[0].split()) == 1 and r.codes[0].code[3:6] in _GOV_SECTORS:
                person = False  # the Knesset [ISRGOVLEG], Mossad: a one-word state body
            if "milnonstate" in fname and person is None:
                person = False  # the armed-groups file: a record without dates is a group
            if "international" in fname and person is None:
                person = False
            names = record_names(r, acronyms=not person)
            label = names[0]
            if person is not False and name_key(label) in state_keys:
                # MOLDOVA [USRMDA <910827]: a state under an earlier code, not a person
                report.append(f"left out {r.where} {label!r}: it names a state, not a person")
                continue
            if person is not False:  # "Secretary-General Ban Ki-Moon": the first name without a title
                label = next((n for n in names if not set(name_key(n).split()) & prof.title_words), label)
                words = label.split(" ")
                while len(words) > 2 and words[0].lower() in prof.alias_rules.honorifics:
                    words = words[1:]  # HOJATOLISLAM_SAYYED_ALI_KHAMENEI_: Ali Khamenei's label without them
                label = " ".join(words)
            own = [c for c in r.codes if c.start is None and c.end is None]
            words = set(re.split(r"[\s\-()/.]+", label.lower()))
            if person is not True and words & prof.alias_rules.role_words & prof.title_words \
                    and not words & prof.organisation_words:
                # UN_SECRETARY_GENERAL [IGOUNO], UN_SPECIAL_ENVOY_FOR_BURMA: a post, which the role
                # lexicon reads ("U.N. Secretary-General Ban Ki-moon"), not a body
                report.append(f"left out {r.where} {label!r}: a post, not a body")
                continue
            if person is False:
                sector = r.codes[0].code[3:6]
                typ = "GovernmentBody" if r.codes[0].code[:3] in states and sector in _GOV_SECTORS else "Organization"
                kind = "groups" if "milnonstate" in fname else "organisations"
                d = Draft(kind, typ, label, _clean_aliases(names[1:], label, prof, False), r.where, codes=list(r.codes))
                for c in own:  # what a person's code may point to: an organisation, not a state's body
                    if c.code[:3] not in states or "international" in fname or "milnonstate" in fname:
                        org_codes.setdefault(c.code, d)
            else:
                aliases = _clean_aliases([n for n in names if n != label], label, prof, True)
                loose = " ".join(re.findall(r"\w+", name_key(label)))  # Ban Ki-Moon = Ban Ki Moon
                same = people.get(loose)
                if person and same is not None and same.where.partition(":")[0] != r.file:
                    # the same name in another dictionary (a minister in Countries, later an
                    # official in International): one person with both records' names and codes
                    have = {name_key(x) for x in (same.label, *same.aliases)}
                    same.aliases += [a for a in (label, *aliases) if name_key(a) not in have]
                    same.affiliations += [(None, None, c) for c in r.codes]
                    report.append(f"joined {r.where} {label!r} with {same.where} (the same name in two dictionaries)")
                    continue
                d = Draft("persons", "Person" if person else "Agent", label, aliases, r.where)
                d.affiliations = [(None, None, c) for c in r.codes]
                if person:
                    people.setdefault(loose, d)
            d.key = f"rec:{r.where}"
            drafts.append(d)

    drafts = _join_duplicates(drafts, org_codes, report)
    audit(drafts, prof.alias_rules, report)
    spell_variants(drafts, prof.spelling_variants, report)

    # 3. affiliations: what each code encodes (an organisation's own code, else a state + sector);
    # a body is a part of the organisation whose own code its own code extends (IGOEUREEC, the
    # European Commission, of IGOEUR, the EU), a state's body of the state (RUSGOV, the Kremlin)
    org_list = sorted(org_codes.items(), key=lambda kv: -len(kv[0]))
    for d in drafts:
        if d.kind not in ("organisations", "groups") or not d.codes or d.codes[0].start or d.codes[0].end:
            continue
        code = d.codes[0].code
        parent = next((od for oc, od in org_list if oc.startswith("IGO") and len(oc) > 3 and len(code) > len(oc)
                       and code.startswith(oc) and od is not d), None)  # (a group's code, PSEREBHMS, is no such part)
        if parent is not None:
            d.part_of = parent.key
        elif d.type == "GovernmentBody" and code[:3] in states:
            d.part_of = states[code[:3]].key
    for d in drafts:
        resolved = []
        for _, _, c in d.affiliations:
            of, sector = None, None
            for oc, od in org_list:
                if len(oc) > 3 and c.code.startswith(oc) and od is not d:
                    of, sector = od.key, (c.code[len(oc):len(oc) + 3] or None)
                    break
            else:
                st = states.get(c.code[:3])
                if st is not None:
                    of, sector = st.key, (c.code[3:6] or None)
            if sector is not None and sector not in SECTORS:
                sector = None
            resolved.append((of, sector, c))
        d.affiliations = resolved

    # 4. merge with the curated entities (a matching name and a compatible type)
    by_name: dict[str, list[Curated]] = {}
    for c in curated:
        for n in c.names:
            by_name.setdefault(n, []).append(c)
    for d in drafts:
        if name_key(d.label) in prof.not_merged:
            report.append(f"not merged: {d.where} {d.label!r} (the profile's not_merged)")
            continue
        keys = [name_key(d.label)] + [name_key(a) for a in (*d.aliases, *d.demonyms)]
        keys += [k[4:] for k in keys if k.startswith("the ")]  # The United Nations = United Nations
        hits: dict[str, Curated] = {}
        for k in keys:
            for c in by_name.get(k, ()):
                if _compatible(c.type, d.type):
                    hits.setdefault(c.id, c)
        if len(hits) == 1:
            (c,) = hits.values()
            d.extends = c.id
            report.append(f"merged {d.where} {d.label!r} into curated {c.id!r}")
        elif len(hits) > 1:
            first = [c for c in by_name.get(keys[0], ()) if c.id in hits]
            if len(first) == 1:
                d.extends = first[0].id
                report.append(f"merged {d.where} {d.label!r} into curated {first[0].id!r} (by its label; "
                              f"also matches {', '.join(sorted(set(hits) - {first[0].id}))})")
            else:
                report.append(f"not merged: {d.where} {d.label!r} matches several curated entities: {', '.join(sorted(hits))}")

    # a name an extension would add that is another curated entity's name stays with that entity
    # (Phoenix lists KHALED_MESHAAL under HAMAS: it codes him as the group; kg knows him apart)
    for d in drafts:
        if d.extends:
            def own(n: str, target: str = d.extends) -> bool:
                others = [c.id for k in dict.fromkeys((name_key(n), bare(name_key(n), prof.alias_rules)))
                          for c in by_name.get(k, ()) if c.id != target]
                if others:
                    report.append(f"not added: {n!r} ({d.where}) to {target!r}: it names curated {others[0]!r}")
                return not others
            mine = {n for c in curated if c.id == d.extends for n in c.names}
            d.aliases = [a for a in d.aliases if own(a) and not (name_key(a).startswith("the ") and name_key(a)[4:] in mine)
                         and not (d.kind == "persons" and set(name_key(a).split()) & prof.title_words)]
            # (a curated person's names go to the curated trie, which reads no title + surname)
            d.demonyms = [a for a in d.demonyms if own(a)]

    for d in drafts:  # a plural made from a demonym that a curated entity bears is that entity's ("Palestinians")
        if d.plurals and not d.extends:
            d.aliases = [a for a in d.aliases if a not in d.plurals or name_key(a) not in by_name]

    # 5. ids: the slug of the label; on a collision the state code, then a number
    taken = {c.id for c in curated}
    ids: dict[str, str] = {}
    for d in drafts:
        if d.extends:
            ids[d.key] = d.extends
            continue
        base = id_for(d.label) or "entity-" + hashlib.sha1(d.label.encode("utf-8")).hexdigest()[:10]
        cand = base
        if cand in taken:
            st = next((k for k in [d.located_in, *(a[0] for a in d.affiliations)] if k and k.startswith("state:")), None)
            if st:
                cand = f"{base}-{st[6:].lower()}"
            n = 2
            while cand in taken:
                cand, n = f"{base}-{n}", n + 1
        taken.add(cand)
        d.id = ids[d.key] = cand

    # 6. entries
    out: dict[str, list[dict]] = {k: [] for k in ("states", "places", "persons", "organisations", "groups")}
    for d in drafts:
        e: dict = {"extends": d.extends} if d.extends else {"id": d.id, "type": d.type, "label": d.label}
        if d.aliases:
            e["aliases"] = d.aliases
        if d.demonyms:
            e["demonyms"] = d.demonyms
        if d.codes:
            e["codes"] = [_code_entry(c) for c in d.codes]
        if d.affiliations:
            e["affiliations"] = [{"of": ids.get(of) if of else None, "sector": sec, "code": c.code,
                                  "from": c.start.isoformat() if c.start else None,
                                  "to": c.end.isoformat() if c.end else None} for of, sec, c in d.affiliations]
        if d.located_in and d.located_in in ids:
            e["located_in"] = ids[d.located_in]
        if d.capital and d.capital in ids:
            e["capital"] = ids[d.capital]
        if d.part_of and d.part_of in ids and ids[d.part_of] != ids[d.key]:
            e["part_of"] = ids[d.part_of]
        e["source"] = d.where
        out[d.kind].append(e)
    return out, report, problems


def _code_entry(c: Restriction) -> str | dict:
    if c.start is None and c.end is None:
        return c.code
    return {"code": c.code, "from": c.start.isoformat() if c.start else None, "to": c.end.isoformat() if c.end else None}


def _split_state(st: Draft, code: str, rec: Record, prof: Profile, drafts: list[Draft]) -> None:
    """A state's names: its names and demonyms, its capital (a City) and the places in it."""
    names = record_names(rec)
    keys = [name_key(n) for n in names]
    cap_name = prof.capitals.get(code)
    cap_key = name_key(cap_name) if cap_name else None
    cut = keys.index(cap_key) if cap_key in keys else None
    explicit = {name_key(x) for x in prof.state_names.get(code, ())}
    accepted: list[str] = [names[0]]
    places: list[str] = []

    def demonym(n: str) -> bool:
        w = n.lower()
        return (" " not in w and w.endswith(prof.demonym_endings) and not w.endswith(prof.not_demonym_endings)
                and any(name_key(a)[:4] == name_key(w)[:4] for a in accepted))

    def formal(k: str) -> bool:  # "Republic of Croatia", "Kingdom of Morocco": the state's formal name
        return _formal(keys[0], k, prof.state_name_words)

    cap_aliases: list[str] = []
    for i, (n, k) in enumerate(zip(names[1:], keys[1:]), 1):
        if k == cap_key:
            continue
        if cap_key and cut is not None and i > cut and (cap_key.startswith(k + " ") or k.startswith(cap_key + " ")):
            cap_aliases.append(n)  # Washington after Washington D.C.: the capital again
            continue
        if k in explicit or (cut is not None and i < cut) or demonym(n) or k == code.lower() or formal(k) \
                or (n.count(".") >= 2 and len(n) <= 8):
            accepted.append(n)
        elif k not in prof.not_places:
            places.append(n)
    if cut is None and cap_key is None:
        accepted += places  # no capital known: the dictionary's names all stay names of the state
        places = []
    st.label = names[0]
    for n in accepted[1:]:
        (st.demonyms if demonym(n) and name_key(n) not in explicit else st.aliases).append(n)
    have = {name_key(n) for n in accepted}
    for n in accepted[1:]:  # "the Iranians accused the Americans": the people of a state acting are the state
        if demonym(n) and (n in st.demonyms or name_key(n) in explicit) and n.lower().endswith(prof.plural_demonym_endings) \
                and not n.lower().endswith("man") and name_key(n + "s") not in have:
            have.add(name_key(n + "s"))
            st.aliases.append(n + "s")
            st.plurals.append(n + "s")
    if cap_name:
        cap_label = names[cut] if cut is not None else cap_name
        if name_key(cap_label) not in {name_key(a) for a in accepted}:
            cap = Draft("places", "City", cap_label, cap_aliases, rec.where, located_in=st.key, key=f"capital:{code}")
            drafts.append(cap)
            st.capital = cap.key
    for n in places:
        drafts.append(Draft("places", "Place", n, [], rec.where, located_in=st.key, key=f"place:{code}:{n}"))


# -- reading the curated entities and writing the result ----------------------------------------
def read_curated(paths: list[Path]) -> list[Curated]:
    """The curated entities' ids, types and names (what merging needs), from gazetteer files."""
    from ..yamlfile import load_yaml

    out = []
    for p in sorted(paths):
        doc = load_yaml(p)
        for e in (doc.get("entities") or []) if isinstance(doc, dict) else []:
            if isinstance(e, dict) and isinstance(e.get("id"), str) and "source" not in e:
                names = {name_key(n) for n in (e.get("label"), *(e.get("aliases") or ()), *(e.get("demonyms") or ()))
                         if isinstance(n, str)}
                out.append(Curated(e["id"], str(e.get("type")), names))
    return out


def import_phoenix(dictionaries: list[Path], out_dir: Path, profile: Path, curated: list[Path]) -> list[str]:
    """Convert the dictionaries into gazetteer files under `out_dir` (with NOTICE); returns the
    report lines (merges, warnings). Raises RuleError, writing nothing, if a line is malformed."""
    prof = Profile.load(profile)
    out, report, problems = convert(dictionaries, prof, read_curated(curated))
    if problems:
        raise RuleError(problems)
    files = {f"{kind}.yaml": render(kind, entries) for kind, entries in out.items()}
    files["NOTICE"] = NOTICE
    write_all(out_dir, files)
    counts = ", ".join(f"{len(v)} {k}" for k, v in out.items())
    return report + [f"wrote {out_dir}: {counts}"]


def _join_duplicates(drafts: list[Draft], org_codes: dict[str, Draft], report: list[str]) -> list[Draft]:
    """Records of one organisation entered twice (the same name, "The X" = "X", and the same own
    codes: IAEA at lines 73 and 500 of the International file), or of one person (the same name
    and the same dated codes: Javier Solana at lines 206 and 303), become one entity with both
    records' names; the first keeps its place."""
    first: dict[tuple, Draft] = {}
    out = []
    for d in drafts:
        if d.kind in ("organisations", "groups", "persons"):
            k = name_key(d.label)
            k = k[4:] if k.startswith("the ") else k
            sig = (d.kind, d.type, k, tuple(sorted({c.code for c in d.codes if not (c.start or c.end)})) if d.kind != "persons"
                   else tuple(sorted({(r.code, r.start or date.min, r.end or date.max) for _, _, r in d.affiliations})))
            same = first.get(sig)
            if same is not None:
                have = {name_key(x) for x in (same.label, *same.aliases)}
                same.aliases += [a for a in (d.label, *d.aliases) if name_key(a) not in have and not have.add(name_key(a))]
                for code, od in list(org_codes.items()):
                    if od is d:
                        org_codes[code] = same
                report.append(f"joined {d.where} {d.label!r} with {same.where} (entered twice)")
                continue
            first[sig] = d
        out.append(d)
    return out


def _formal(a: str, b: str, words: set[str]) -> bool:
    """Whether name keys `a` and `b` differ only by words of a state's formal name, either way
    ("Croatia" and "Republic of Croatia")."""
    x, y = set(a.split()), set(b.split())
    return a != b and (x <= y and y - x <= words or y <= x and x - y <= words)
