"""Finding the entities of an article: gazetteer names, unknown names, roles, seats of power,
descriptions and pronouns.

Names match longest-first over folded, lower-cased tokens in a trie of token tuples (one dict
step per token, whatever the gazetteer's size); an alias written in capitals (US, EU) matches only
in capitals, so "us" is not the United States. Names no gazetteer lists become unlinked entities
(kg.knowing.names). Roles ("foreign minister") are mentions of type Role; capitals and seats of
power that act ("Moscow demanded", "the Kremlin said") stand for their state. Descriptions ("the
movement", "the envoy") and pronouns ("he") depend on context: they resolve to an entity already
named in this article, never through a global table, and a pronoun never reaches past a person
kg could not name to one it knows.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..reading.dates import TimeValue, find_times
from ..reading.document import FACT_SEGMENTS, Article, Sentence
from .gazetteer import Entity, Gazetteer
from ..reading.text import Token, tokenize
from .names import (Candidate, NameLexicon, UnlinkedEntity, find_candidates, is_cap, load_names, plain, resolve,
                    title_case, unlinked_id)
from .roles import RoleEntity, RoleLexicon, load_roles
from .vocab import Vocabulary

PRONOUNS = {"he": "male", "him": "male", "his": "male", "himself": "male",
            "she": "female", "her": "female", "hers": "female", "herself": "female"}
_ADVERBS = frozenset({"later", "also", "again", "then", "still", "now", "too", "himself", "herself", "earlier", "once"})
PRONOUN_REACH = 6  # sentences back that a pronoun may look for its antecedent


@dataclass(frozen=True, slots=True)
class Mention:
    """A stretch of tokens that refers to a gazetteer entity, and how (name, alias, description, pronoun)."""

    entity: Entity
    sentence: int
    first: int  # token indices in the sentence, end exclusive
    last: int
    begin: int  # character offsets in the article
    end: int
    text: str
    kind: str  # name | demonym | description | pronoun | unlinked | metonym | role
    possessive: bool = False
    in_quote: bool = False


@dataclass
class SentenceAnalysis:
    """A sentence with its tokens, entity mentions and time expressions, ready for rule matching."""

    sentence: Sentence
    tokens: list[Token]
    mentions: list[Mention] = field(default_factory=list)
    times: list[tuple[int, int, TimeValue]] = field(default_factory=list)
    quoted: list[bool] = field(default_factory=list)  # per token: inside a quotation


class _Trie:
    __slots__ = ("next", "value")

    def __init__(self) -> None:
        self.next: dict[str, _Trie] = {}
        self.value: list[tuple[bool, str, object]] | None = None  # (case_sensitive, folded form, payload)

    def add(self, words: list[Token], payload: object, case_sensitive: bool) -> None:
        node = self
        for w in words:
            node = node.next.setdefault(plain(w.norm), _Trie())
        if node.value is None:
            node.value = []
        node.value.append((case_sensitive, " ".join(w.folded for w in words), payload))


def _is_acronym(name: str) -> bool:
    letters = [c for c in name if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters) and len(letters) <= 6


def _lexicons(data_dir: Path | None, voc: Vocabulary) -> tuple[NameLexicon, RoleLexicon]:
    """names.yaml and roles.yaml, parsed and validated, cached like the rule pack (KG_CACHE_DIR or
    ~/.cache/kg; off disables), keyed by their bytes and the ontology's roles: a cached build
    parses no YAML."""
    import hashlib
    import os
    import pickle

    if data_dir is None:
        return load_names(Path("/nonexistent")), RoleLexicon()
    files = [data_dir / "names.yaml", data_dir / "roles.yaml"]
    root = os.environ.get("KG_CACHE_DIR") or str(Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "kg")
    path = None
    if root.lower() != "off":
        h = hashlib.sha256(str(data_dir.resolve()).encode())
        for f in files:
            h.update(f.read_bytes() if f.is_file() else b"-")
        h.update("\n".join(sorted(voc.individuals)).encode())
        path = Path(root) / f"names-{h.hexdigest()[:32]}.pickle"
        try:
            with open(path, "rb") as fh:
                return pickle.load(fh)
        except Exception:  # absent or unreadable: parse
            pass
    out = (load_names(files[0]), load_roles(files[1], voc))
    if path is not None:
        try:
            import tempfile

            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".names-", suffix=".tmp")
            with os.fdopen(fd, "wb") as fh:
                pickle.dump(out, fh, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, path)
            olds = sorted(path.parent.glob("names-*.pickle"), key=lambda p: p.stat().st_mtime, reverse=True)
            for old in olds[8:]:  # keep the few used last
                old.unlink(missing_ok=True)
        except Exception:  # a cache that cannot be written costs speed, not correctness
            pass
    return out


class MentionFinder:
    """Compiled matchers for one gazetteer and pack; reuse it across articles.

    `data_dir` holds names.yaml and roles.yaml (default: the folder above the gazetteer's files)."""

    def __init__(self, gaz: Gazetteer, voc: Vocabulary, data_dir: Path | None = None):
        self.gaz, self.voc = gaz, voc
        self.names, self.descriptions = _Trie(), _Trie()
        first_names: set[str] = set()
        self.person_types = {t for t in voc.types if "Person" in voc.ancestors(t)}
        self._placeish = frozenset(t for t in voc.types if {"Country", "Place"} & voc.ancestors(t))
        for ent in gaz.entities.values():
            for name in dict.fromkeys((ent.label, *ent.aliases)):
                toks = tokenize(name)
                if toks:
                    self.names.add(toks, (ent, "name"), _is_acronym(name))
                    if ent.type in self.person_types and len(toks) >= 2 and toks[0].text[:1].isupper():
                        first_names.add(toks[0].norm)
            for name in ent.demonyms:  # "Russian President": the adjective stands for the country
                toks = tokenize(name)
                if toks:
                    self.names.add(toks, (ent, "demonym"), False)
            for desc in ent.descriptions:
                toks = tokenize(desc)
                if toks:
                    self.descriptions.add(toks, ent, False)
        self.first_names = frozenset(first_names)
        if data_dir is None and gaz.files:  # the pack folder: the first above a gazetteer file with a vocabulary
            data_dir = next((p for p in Path(gaz.files[0]).parents if (p / "vocabulary.yaml").is_file()), None)
        self.lex, self.role_lex = _lexicons(data_dir, voc)
        self.roles = _Trie()
        tails: set[str] = set()
        for role in self.role_lex.roles.values():
            for form in dict.fromkeys((role.label, *role.aliases)):
                toks = tokenize(form)
                if toks:
                    self.roles.add(toks, role, _is_acronym(form))
                    tails.add(plain(toks[-1].norm))
        self._role_tails = frozenset(tails)  # "Minister" of "Foreign Minister Lavrov": a title, not a first name
        self.seats = _Trie()  # seat of power or capital -> the state it stands for when it acts
        for ent in gaz.entities.values():  # a state's capital (world gazetteer) stands for it when it acts
            city = gaz.entities.get(getattr(ent, "capital", None) or "")
            if city is not None:
                for name in dict.fromkeys((city.label, *city.aliases)):
                    toks = tokenize(name)
                    if toks:
                        self.seats.add(toks, ent, False)
        for seat in self.role_lex.seats:
            state = self._by_name(seat.stands_for)
            if state is None:
                continue  # a state this pack's gazetteer does not know
            for name in seat.names:
                toks = tokenize(name)
                if toks:
                    self.seats.add(toks, state, False)

    def _by_name(self, name: str) -> Entity | None:
        """The gazetteer entity with exactly this name (a state rather than anything else)."""
        if hasattr(self.gaz, "candidates"):  # curated first, then the world store
            ents = self.gaz.candidates(name)
        else:
            toks = tokenize(name)
            hit = self._longest(self.names, toks, 0) if toks else None
            ents = [p[0] for p in hit[1] if p[1] == "name"] if hit and hit[0] == len(toks) else []  # type: ignore[index]
        states = [e for e in ents if "Country" in self.voc.ancestors(e.type)]
        return (states or ents or [None])[0]

    def _longest(self, trie: _Trie, toks: list[Token], i: int) -> tuple[int, list[object]] | None:
        node, best, j = trie, None, i
        while j < len(toks):
            n = toks[j].norm
            node = node.next.get(n if n.isascii() else plain(n))  # type: ignore[assignment]
            if node is None:
                break
            j += 1
            if node.value:
                folded = " ".join(t.folded for t in toks[i:j])
                hits = [p for cs, f, p in node.value if not cs or f == folded]
                if hits:
                    best = (j, hits)
        return best

    def _choose(self, hits: list[object], day: object, surface: str) -> tuple[Entity, str]:
        """Among the entities a name may mean: a curated one, else the only one, else the only
        one whose dated affiliations or codes hold on the article's date; when that still leaves
        several, an unlinked entity (kg does not guess between two people called the same)."""
        ents = list(dict.fromkeys(p[0] for p in hits))  # type: ignore[index]
        if len(ents) == 1:
            return hits[0]  # type: ignore[return-value]
        key = " ".join(surface.casefold().split())
        curated = [e for e in ents if getattr(e, "curated", True)]
        if len(curated) > 1:  # its label; else a person (a dictionary files a member's name under the group too)
            curated = [e for e in curated if e.label.casefold() == key] or \
                [e for e in curated if e.type in self.person_types] or curated
        if curated:
            return next(p for p in hits if p[0] is curated[0])  # type: ignore[index,return-value]
        distinct = {(e.label.casefold(), e.type, tuple(getattr(e, "affiliations", ()))): e for e in reversed(ents)}
        if len(distinct) == 1:  # one person entered twice in a dictionary, with the same data
            return next(p for p in hits if p[0] is ents[0])  # type: ignore[index,return-value]
        own = [e for e in ents if e.label.casefold() == key]  # the name is its label, not an added alias
        if len(own) == 1:
            return next(p for p in hits if p[0] is own[0])  # type: ignore[index,return-value]
        active = [e for e in ents if day is not None and hasattr(e, "active_on") and e.active_on(day)]
        if len(active) == 1:
            return next(p for p in hits if p[0] is active[0])  # type: ignore[index,return-value]
        kinds = {e.type for e in ents}
        label = " ".join(surface.split())
        return UnlinkedEntity(unlinked_id(label), kinds.pop() if len(kinds) == 1 else "Agent", label, (), (), (), None,
                              "ambiguous: " + ", ".join(e.id for e in ents), ()), "unlinked"

    def _world_hit(self, world: object, toks: list[Token], norms: list[str], folded: list[str], i: int,
                   hit: tuple[int, list[object]] | None, persons_only: bool = False) -> tuple[int, list[object]] | None:
        """Merge the world store's longest name at token i (kg.knowing.gazetteer.WorldStore, a
        prefix index: one lookup per token) with the curated trie's: the longer wins; at equal
        length the curated entities come first. A world name that is one of the entity's
        demonyms is a demonym mention."""
        w = world.longest(norms, folded, i)  # type: ignore[attr-defined]
        if w is not None and persons_only:  # after an honorific: only people
            w = (w[0], [e for e in w[1] if e.type in self.person_types]) if any(
                e.type in self.person_types for e in w[1]) else None
        if w is None or hit is not None and w[0] < hit[0]:
            return hit
        if w[0] == i + 1 and (norms[i] in self.lex.org_words or norms[i] in self.lex.place_words or
                              norms[i] in self.lex.function_words):
            return hit  # a dictionary's one-word alias that is a common word ("Organization"): not a name
        if norms[i] in self.roles.next:
            r = self._longest(self.roles, toks, i)
            if r is not None and r[0] < w[0]:
                return hit  # "Foreign Minister Abdullah": a dictionary's name with a title in it; title and name apart
        lex = self.lex
        if not all(t.text[:1].isupper() or t.norm in lex.particles or t.norm in lex.connectors or not t.text[:1].isalpha()
                   or k > i and toks[k - 1].text == "-" and toks[k - 1].end == t.begin  # "Ban Ki-moon"
                   for k, t in enumerate(toks[i:w[0]], i)):
            return hit  # imported names are proper names, written with capitals ("We will win" is no group)
        if (norms[i] in lex.honorifics or i > 0 and (norms[i - 1] in lex.honorifics or norms[i - 1] == "." and i > 1
                                                         and norms[i - 2] in lex.honorifics)) and \
                all(e.type not in self.person_types for e in w[1]):
            return hit  # "Sheik Hassan Nasrallah": a person's name that a dictionary files under the group
        if norms[i] == "the" and i + 1 < len(norms):
            inner = self._longest(self.names, toks, i + 1)
            if inner is None:
                inner = world.longest(norms, folded, i + 1)  # type: ignore[attr-defined]
            if inner is not None and inner[0] == w[0]:
                return hit  # "the United States", "The Security Council": the name with its article, not another entry
        key = " ".join(norms[i:w[0]])
        found = [(e, "demonym" if any(" ".join(t.norm for t in tokenize(d)) == key for d in e.demonyms) else "name")
                 for e in w[1]]
        if hit is not None and w[0] == hit[0]:
            seen = {id(p[0]) for p in hit[1]}  # type: ignore[index]
            return hit[0], hit[1] + [p for p in found if id(p[0]) not in seen]
        return w[0], found  # type: ignore[return-value]

    def _known(self, toks: list[Token], day: object = None, text: str = "") -> list[tuple[int, int, str, object]]:
        """Gazetteer names, demonyms, descriptions and pronouns, longest first, left to right."""
        spans: list[tuple[int, int, str, object]] = []
        world = getattr(self.gaz, "world", None)
        norms = [t.norm if t.norm.isascii() else plain(t.norm) for t in toks] if world is not None else []
        folded = [t.folded for t in toks] if world is not None else []
        i = 0
        names, descriptions = self.names.next, self.descriptions.next
        person_run = 0
        while i < len(toks):
            norm = norms[i] if norms else plain(toks[i].norm)
            hit = self._longest(self.names, toks, i) if norm in names else None
            if world is not None and (toks[i].text[:1].isupper() or toks[i].norm in self.lex.particles):
                # the world store holds proper names: asked only where one may start (a capital,
                # or a particle: "al-Qaeda"), which spares most of its lookups
                hit = self._world_hit(world, toks, norms, folded, i, hit, persons_only=i < person_run)
                if norm in self.lex.honorifics and (hit is None or hit[0] == i + 1):
                    person_run = i + 1  # after "Sheik", "Mr": a person's name, not a world group's alias
                    while person_run < len(toks) and (toks[person_run].text[:1].isupper() or toks[person_run].text == "."):
                        person_run += 1
            dhit = self._longest(self.descriptions, toks, i) if norm in descriptions else None
            if dhit and dhit[0] - 1 > i and toks[dhit[0] - 1].text[:1].isupper() \
                    and toks[dhit[0] - 1].norm not in self.lex.not_names:
                # "the Group of Eight": a capital on the description's own noun makes it a name, not
                # "the group"; a capitalised word before the noun does not ("the Hamas leader")
                dhit = None
            if dhit and (not hit or dhit[0] > hit[0]):
                spans.append((i, dhit[0], "description", dhit[1]))
                i = dhit[0]
            elif hit:
                ent_, kind_ = hit[1][0] if len(hit[1]) == 1 else self._choose(
                    hit[1], day, text[toks[i].begin - toks[0].begin:toks[hit[0] - 1].end - toks[0].begin])  # type: ignore[misc]
                if hit[0] - i > 1 and any(len(toks[k].text) > 2 and "." in toks[k].text for k in range(i, hit[0])):
                    ent_ = self._undotted(toks, i, hit[0], ent_)  # type: ignore[arg-type]
                if kind_ == "name" and day is not None and self._stranger(ent_, toks[i:hit[0]], day):  # type: ignore[arg-type]
                    label = " ".join(text[toks[i].begin - toks[0].begin:toks[hit[0] - 1].end - toks[0].begin].split())
                    ent_ = UnlinkedEntity(unlinked_id(label), "Person", label, (), (), (), None,
                                          "a name filed under " + ent_.id + " outside its dates", ())  # type: ignore[attr-defined]
                    kind_ = "unlinked"
                spans.append((i, hit[0], kind_, ent_))
                i = hit[0]
            elif toks[i].norm in PRONOUNS:
                spans.append((i, i + 1, "pronoun", PRONOUNS[toks[i].norm]))
                i += 1
            else:
                i += 1
        return spans

    def _stranger(self, ent: Entity, words: list[Token], day: object) -> bool:
        """Whether an imported person's name here is an alias that shares no word with the label
        and the person's dated affiliations do not hold on the article's date: a dictionary that
        lists people with one code as synonyms (Phoenix files "Sami Abu Zuhri", Hamas's spokesman,
        under "Ahmed Yassin", whose affiliation ends in 2004) must not hand his words to another."""
        if getattr(ent, "curated", True) or ent.type not in self.person_types or not hasattr(ent, "active_on"):
            return False
        said = {plain(t.norm) for t in words}
        if said & {plain(w) for w in ent.label.casefold().split()}:
            return False
        dated = [c for c in (*ent.codes, *ent.affiliations) if getattr(c, "dated", False)]  # type: ignore[attr-defined]
        return bool(dated) and not ent.active_on(day)  # type: ignore[attr-defined]

    def _undotted(self, toks: list[Token], a: int, b: int, ent: Entity) -> Entity:
        """The entity of the same name written without the dots of its acronym ("U.N. Security
        Council" is the "UN Security Council"), where a dictionary lists the two apart."""
        name = " ".join(t.text.replace(".", "") if "." in t.text and len(t.text) > 2 else t.text for t in toks[a:b])
        for e in self.gaz.candidates(name) if hasattr(self.gaz, "candidates") else ():
            if e.type == ent.type:
                return e
        return ent

    def _unjoin(self, toks: list[Token], spans: list[tuple[int, int, str, object]],
                segment: str = "body") -> list[tuple[int, int, str, object]]:
        """Drop a one-word person name that the text continues into a longer name no gazetteer
        lists ("Hassan al-Turabi", "Abbas Zaki", "Mohammed Abbas", "Seyed Hassan Nasrallah"):
        the whole is an unknown name, not the known person. A one-word group alias right after it
        goes too (a dictionary that files "Nasrallah" under Hezbollah). Not in headlines."""
        lex = self.lex
        starts = {a: k for k, (a, _, _, _) in enumerate(spans)}
        ends = {b: k for k, (_, b, _, _) in enumerate(spans)}
        drop: set[int] = set()

        def namelike(t: Token) -> bool:
            w = t.norm
            return (is_cap(t) and w not in lex.not_names and w not in lex.function_words and w not in lex.org_words and
                    w not in lex.place_words and w not in lex.honorifics and w not in lex.name_titles and
                    plain(w) not in self._role_tails)
        headline: bool | None = None
        for k, (a, b, kind, ent) in enumerate(spans):
            if kind != "name" or b != a + 1 or ent.type not in self.person_types:  # type: ignore[attr-defined]
                continue
            n = starts.get(b)
            after = b < len(toks) and toks[b].begin > toks[a].end and (
                toks[b].norm in lex.particles and b + 2 < len(toks) and toks[b + 1].text == "-" and is_cap(toks[b + 2])
                or namelike(toks[b]) and (n is None or spans[n][1] == b + 1 and spans[n][2] == "name" and
                                          spans[n][3].type not in self.person_types))  # type: ignore[attr-defined]
            before = a > 0 and namelike(toks[a - 1]) and a - 1 not in ends and toks[a - 1].end < toks[a].begin
            if after or before:
                if headline is None:
                    headline = title_case(toks, lex, segment)
                if headline:
                    return spans
                drop.add(k)
                if after and n is not None:
                    drop.add(n)
        return [x for k, x in enumerate(spans) if k not in drop] if drop else spans

    def _absorb(self, toks: list[Token], spans: list[tuple[int, int, str, object]]) -> list[tuple[int, int, str, object]]:
        """Drop a state's or place's name that is part of an organisation's name no gazetteer lists:
        "Sudan Liberation Army", "Pakistan People's Party", "Alliance for the Re-Liberation of
        Somalia" (an organisation word of type Organization: "the Sudan Government", "Ministry of
        Foreign Affairs of Russia" keep their state)."""
        if not spans:
            return spans
        lex, n = self.lex, len(toks)
        starts = {a for a, _, _, _ in spans}
        ends = {b for _, b, _, _ in spans}
        drop: set[int] = set()
        for k, (a, b, kind, ent) in enumerate(spans):
            if kind != "name" or ent.type not in self._placeish:  # type: ignore[attr-defined]
                continue
            j, org = b, False  # after: "Sudan Liberation Army"
            while j < n and j not in starts and (is_cap(toks[j]) or toks[j].norm in ("'s", "'") and
                                                 toks[j - 1].norm in lex.possessive_name_words):
                org = org or lex.org_words.get(toks[j].norm) == "Organization"
                j += 1
            if org and toks[b].begin > toks[b - 1].end:
                drop.add(k)
                continue
            if a >= 3 and toks[a - 1].norm in ("of", "for") and a - 1 not in ends:  # before: "Alliance for ... of Somalia"
                j = a - 2
                while j >= 0 and j + 1 not in ends and (is_cap(toks[j]) or toks[j].text == "-" or toks[j].norm in lex.connectors):
                    if lex.org_words.get(toks[j].norm) == "Organization" and is_cap(toks[j]):
                        drop.add(k)
                        break
                    if lex.org_words.get(toks[j].norm) is not None:
                        break  # "Ministry of Foreign Affairs of Russia": a government body keeps its state
                    j -= 1
        return [x for k, x in enumerate(spans) if k not in drop] if drop else spans

    def _surnames_over_aliases(self, prepared: list, cands: list[Candidate],
                               people: list[tuple[int, int, Entity, str]]) -> list:
        """A one-word alias of a group that is the surname of a person this article names is that
        person ("Nasrallah" after "Hassan Nasrallah", though a dictionary files it under Hezbollah);
        so is a one-word name of another person the article never names in full ("Hassan" after
        "Omar Hassan" is not the world's "Hassan")."""
        persons: dict[str, Entity] = {}
        for c in cands:
            e = c.entity
            if e is not None and e.type in self.person_types and len(e.label.split()) >= 2:
                persons.setdefault(plain(e.label.split()[-1].casefold()), e)
        for _, _, e, _ in people:
            if len(e.label.split()) >= 2:
                persons.setdefault(plain(e.label.split()[-1].casefold()), e)
        if not persons:
            return prepared
        full = {ent.id for _, _, _, spans, _, _ in prepared  # type: ignore[attr-defined]
                for a, b, kind, ent in spans if kind == "name" and b > a + 1}  # people named in full here
        out = []
        for s, toks, quoted, spans, roles, found in prepared:
            new = []
            for a, b, kind, ent in spans:
                if kind == "name" and b == a + 1 and plain(toks[a].norm) in persons and \
                        persons[plain(toks[a].norm)] is not ent and (
                            ent.type not in self.person_types and  # type: ignore[attr-defined]
                            plain(ent.label.casefold()) != plain(toks[a].norm) or
                            ent.type in self.person_types and ent.id not in full):  # type: ignore[attr-defined]
                    # "Hassan" after "Omar Hassan": the world's one-word "Hassan" is someone else
                    e = persons[plain(toks[a].norm)]
                    new.append((a, b, "unlinked" if getattr(e, "unlinked", False) else "name", e))
                else:
                    new.append((a, b, kind, ent))
            out.append((s, toks, quoted, new, roles, found))
        return out

    def _state_bodies(self, toks: list[Token], spans: list[tuple[int, int, str, object]], found: list[Candidate]) -> None:
        """A government body named by a common name after its state ("Chinese Foreign Ministry",
        "Iran's Foreign Ministry") is that state's: its name and IRI carry the state ("Foreign
        Ministry (China)"), so two states' ministries never become one entity."""
        for c in found:
            if "org:GovernmentBody" not in c.evidence or c.first == 0:
                continue
            k = c.first - 1 if toks[c.first - 1].norm in ("'s", "'") else c.first
            state = next((ent for a, b, kind, ent in spans if b == k and kind in ("name", "demonym") and
                          "Country" in self.voc.ancestors(ent.type)), None)  # type: ignore[attr-defined]
            if state is not None:
                c.key = f"{c.key} ({plain(state.label.casefold())})"  # type: ignore[attr-defined]
                c.surface = f"{c.surface} ({state.label})"  # type: ignore[attr-defined]

    def _bodies_of(self, prepared: list, cands: list[Candidate]) -> None:
        """An unknown body's name that, after the short name of an organisation this article
        names, is a gazetteer entry is that entry: "General Assembly" with the UN named is the "UN
        General Assembly" (as "U.N. Security Council" and "Security Council" are one body)."""
        if not hasattr(self.gaz, "candidates"):
            return
        bodies = [c for c in cands if getattr(c.entity, "unlinked", False) and len(c.key.split()) >= 2 and
                  "Organization" in self.voc.ancestors(c.entity.type)]  # type: ignore[union-attr]
        if not bodies:
            return
        prefixes: list[str] = []
        for _, _, _, spans, _, _ in prepared:
            for _, _, kind, ent in spans:
                if kind == "name" and "Organization" in self.voc.ancestors(ent.type) and ent.type not in self.person_types:
                    for n in (ent.label, *ent.aliases):
                        if _is_acronym(n) and n not in prefixes:
                            prefixes.append(n)
        found: dict[str, Entity | None] = {}
        for c in bodies:
            if c.key not in found:
                found[c.key] = next((e for p in prefixes for e in self.gaz.candidates(f"{p} {c.entity.label}")  # type: ignore[union-attr]
                                     if "Organization" in self.voc.ancestors(e.type)), None)
            if found[c.key] is not None:
                c.entity = found[c.key]

    def _not_now(self, toks: list[Token], a: int, b: int, spans: list[tuple[int, int, str, object]]) -> bool:
        """Whether a role is one held before or not yet: "former Pakistani Prime Minister", "the late
        President", "ex-president", "then-Secretary of State", "President-elect", "prime minister designate"."""
        lex = self.lex
        k = a - 1
        for s_a, s_b, kind, _ in spans:
            if s_b == a and kind in ("name", "demonym", "metonym"):
                k = s_a - 1  # "former Pakistani Prime Minister", "former U.S. Ambassador"
        if k >= 0 and toks[k].norm in ("'s", "'"):
            return False
        if k >= 1 and toks[k].text == "-" and toks[k].begin == toks[k - 1].end:
            if toks[k - 1].norm in lex.past_title_words or toks[k - 1].norm in lex.past_title_prefixes:
                return True  # ex-president, then-Prime Minister
        elif k >= 0 and toks[k].norm in lex.past_title_words:
            return True
        if b < len(toks) and toks[b].norm in lex.future_title_words:
            return True
        return b + 1 < len(toks) and toks[b].text == "-" and toks[b + 1].norm in lex.future_title_words

    def _acts(self, toks: list[Token], a: int, b: int) -> bool:
        """Whether a capital or seat at tokens a..b acts (is the subject of a verb of acting or
        speaking, or owns a position): then it stands for its state; else it is the place."""
        lex = self.lex
        p = a - 1
        if p >= 0 and toks[p].norm == "the":
            p -= 1
        prev = toks[p].norm if p >= 0 else ""
        if prev in lex.place_preps or prev in ("to", "from", "via", "of", "for", "outside", "between"):
            return False
        if prev == "by":
            return True
        k = b
        if k < len(toks) and toks[k].norm in ("'s", "'"):
            return k + 1 < len(toks) and toks[k + 1].norm in lex.actor_nouns
        while k < len(toks) and (toks[k].norm.endswith("ly") or toks[k].norm in ("on", "last", "this") or
                                 toks[k].norm in lex.not_names or toks[k].norm.isdigit()):
            k += 1  # "Moscow strongly condemned", "Tehran on Monday rejected"
        return k < len(toks) and toks[k].norm in lex.actor_verbs

    def analyse(self, art: Article) -> list[SentenceAnalysis]:
        """Tokens, mentions and times for every fact-bearing sentence, in document order.

        Two passes: the first finds every known and candidate name of the article (so that a
        name's type and short forms are decided on all its evidence, and a headline can use a
        name the body spells out); the second resolves descriptions, roles and pronouns in order."""
        prepared: list[tuple[Sentence, list[Token], list[bool], list[tuple[int, int, str, object]],
                             list[tuple[int, int, RoleEntity]], list[Candidate]]] = []
        cands: list[Candidate] = []
        people: list[tuple[int, int, Entity, str]] = []
        genders: dict[str, str] = {}  # entity id -> gender an honorific gives it in this article ("" when they disagree)
        sents = [s for s in art.sentences if s.kind in FACT_SEGMENTS]
        for si, s in enumerate(sents):
            toks = tokenize(s.text, s.begin)
            quoted = [art.quote_at(t.begin) is not None and not (
                t.text in '"“”' and art.quote_at(t.begin) in ((t.begin, t.begin + 1),)) for t in toks]
            spans = self._absorb(toks, self._unjoin(toks, self._metonymy(toks, self._known(toks, art.date, s.text)), s.kind))
            for a, b, kind, ent in spans:  # "Ms. Bhutto", "Mr Musharraf": the gender of a known person here
                if kind == "name" and ent.type in self.person_types and a > 0:  # type: ignore[attr-defined]
                    h = a - 2 if toks[a - 1].text == "." and a > 1 else a - 1
                    g = self.lex.honorifics.get(toks[h].norm)
                    if g is not None:
                        genders[ent.id] = g if genders.get(ent.id, g) == g else ""  # type: ignore[attr-defined]
            taken = [False] * len(toks)
            for a, b, kind, _ in spans:
                for k in range(a, b):
                    taken[k] = True
            roles = self._roles(toks, spans)
            covered = list(taken)
            for a, b, _ in roles:
                for k in range(a, b):
                    covered[k] = True
            role_end = {b for _, b, _ in roles}
            role_start = {a for a, _, _ in roles}
            if roles:  # "former Prime Minister X", "President-elect X": a title, but no post held now
                roles = [r for r in roles if not self._not_now(toks, r[0], r[1], spans)]
            found = find_candidates(si, toks, covered, role_end, role_start, self.lex, self.first_names, s.kind,
                                    s.begin, s.text)
            if found:
                self._state_bodies(toks, spans, found)
            cands += found
            for a, b, kind, ent in spans:
                if kind == "name" and ent.type in self.person_types:  # type: ignore[attr-defined]
                    people.append((si, a, ent, art.text[toks[a].begin:toks[b - 1].end]))  # type: ignore[arg-type]
            prepared.append((s, toks, quoted, spans, roles, found))
        resolve(cands, people, self.voc.types, self.lex)
        prepared = self._surnames_over_aliases(prepared, cands, people)
        self._bodies_of(prepared, cands)
        for c in cands:
            if c.entity is not None and c.entity.type in self.person_types and c.gender:
                genders.setdefault(c.entity.id, c.gender)
        out: list[SentenceAnalysis] = []
        last_named: dict[str, int] = {}  # entity id -> char position of its latest mention
        recent_people: list[tuple[int, bool, Entity | None, int]] = []  # (pos, in_quote, entity or None = unnamed, sentence)
        holders: list[tuple[RoleEntity, Entity, Entity | None]] = []  # (role, person, state) in article order
        for s, toks, quoted, spans, roles, found in prepared:
            sa = SentenceAnalysis(s, toks, quoted=quoted)
            spans = sorted(spans + [(c.first, c.last, "unlinked" if getattr(c.entity, "unlinked", False) else "name", c.entity)
                                    for c in found if c.entity is not None] +
                           [(c.first, c.last, "unnamed", None) for c in found if c.entity is None and self._may_be_someone(toks, c)],
                           key=lambda x: x[0])
            named_here = [(a, p) for a, b, k, p in spans if k in ("name", "demonym", "unlinked", "metonym")]
            for a, b, kind, payload in spans:
                pos = toks[a].begin
                q = sa.quoted[a]
                ent: Entity | None
                if kind == "unnamed":  # "Kalugin said" opening a sentence: maybe a person kg cannot name
                    recent_people.append((pos, q, None, s.index))
                    continue
                if kind in ("name", "demonym", "unlinked", "metonym"):
                    ent = payload  # type: ignore[assignment]
                elif kind == "description":
                    ent = self._resolve_description(payload, last_named, named_here, a)  # type: ignore[arg-type]
                else:
                    ent = self._resolve_pronoun(payload, recent_people, q, s.index, genders)  # type: ignore[arg-type]
                    if ent is not None and ent.gender is None:
                        genders.setdefault(ent.id, payload)  # type: ignore[arg-type]  # "He says" of Gary Thomas: he, later too
                if ent is None:
                    continue
                self._add(sa, art, ent, a, b, kind, last_named, recent_people)
            self._roles_in(sa, art, roles, holders, last_named, recent_people)
            sa.mentions.sort(key=lambda m: (m.first, m.kind == "role"))
            sa.times = find_times([t.norm for t in toks], [(t.begin, t.end) for t in toks], art.text, art.date)
            out.append(sa)
        return out

    def _may_be_someone(self, toks: list[Token], c: Candidate) -> bool:
        """A capitalised word kg did not take for a name (it opens a sentence and the article
        never confirms it) that acts like a speaker ("Kalugin said"): not an entity, but no pronoun
        may reach past it to a person kg knows. Plurals ("Officials said") are not someone."""
        return (c.tentative and c.last < len(toks) and toks[c.last].norm in self.lex.actor_verbs and
                not toks[c.last - 1].norm.endswith("s"))

    def _add(self, sa: SentenceAnalysis, art: Article, ent: Entity, a: int, b: int, kind: str,
             last_named: dict[str, int], recent_people: list[tuple[int, bool, Entity | None, int]]) -> Mention:
        toks, s = sa.tokens, sa.sentence
        pos, q = toks[a].begin, sa.quoted[a]
        poss = b < len(toks) and toks[b].norm in ("'s", "'")
        m = Mention(ent, s.index, a, b, pos, toks[b - 1].end, art.text[pos:toks[b - 1].end], kind, poss, q)
        sa.mentions.append(m)
        if kind != "role":
            last_named[ent.id] = pos
        if ent.type in self.person_types:
            recent_people.append((pos, q, ent, s.index))
        elif getattr(ent, "unlinked", False) and ent.type == "Agent":
            recent_people.append((pos, q, None, s.index))  # may be a person kg cannot tell: pronouns stop here
        return m

    def _metonymy(self, toks: list[Token], spans: list[tuple[int, int, str, object]]) -> list[tuple[int, int, str, object]]:
        """Capitals and seats of power that act become their state ("Moscow demanded"); a capital
        known only as a description of its state stays a place where it does not act; a seat the
        gazetteer lists as a body (a government body) stays that body."""
        out: list[tuple[int, int, str, object]] = []
        taken = set()
        for a, b, kind, payload in spans:
            hit = self._longest(self.seats, toks, a) if kind in ("name", "description") and plain(toks[a].norm) in self.seats.next else None
            if hit is not None and hit[0] == b and not (kind == "name" and "Place" not in self.voc.ancestors(payload.type)):  # type: ignore[attr-defined]
                # (a seat the gazetteer names as a body, "Kremlin" = the Russian presidency, is that body already)
                if self._acts(toks, a, b):
                    out.append((a, b, "metonym", hit[1][0]))
                    taken.update(range(a, b))
                    continue
                if kind == "description":
                    continue  # "in Washington": the city, which the unknown-name finder will name
            out.append((a, b, kind, payload))
            taken.update(range(a, b))
        i = 0
        while i < len(toks):  # seats no gazetteer lists ("the Kremlin")
            if i in taken:
                i += 1
                continue
            n = toks[i].norm
            hit = self._longest(self.seats, toks, i) if (n if n.isascii() else plain(n)) in self.seats.next else None
            if hit is not None and not any(k in taken for k in range(i, hit[0])) and self._acts(toks, i, hit[0]):
                out.append((i, hit[0], "metonym", hit[1][0]))
                i = hit[0]
            else:
                i += 1
        return sorted(out, key=lambda x: x[0])

    def _roles(self, toks: list[Token], spans: list[tuple[int, int, str, object]]) -> list[tuple[int, int, RoleEntity]]:
        """Role mentions, longest first, outside names ("Vice President" is never a "President")."""
        blocked = set()
        for a, b, kind, _ in spans:
            if kind in ("name", "demonym", "metonym"):
                blocked.update(range(a, b))
        out = []
        i = 0
        while i < len(toks):
            n = toks[i].norm
            hit = self._longest(self.roles, toks, i) if i not in blocked and (
                n if n.isascii() else plain(n)) in self.roles.next else None
            if hit is not None and not any(k in blocked for k in range(i, hit[0])):
                out.append((i, hit[0], hit[1][0]))  # type: ignore[arg-type]
                i = hit[0]
            else:
                i += 1
        return out

    def _roles_in(self, sa: SentenceAnalysis, art: Article, roles: list[tuple[int, int, RoleEntity]],
                  holders: list[tuple[RoleEntity, Entity, Entity | None]], last_named: dict[str, int],
                  recent_people: list[tuple[int, bool, Entity | None, int]]) -> None:
        """Role mentions; who holds a role here ("Foreign Minister Sergei Lavrov", "Alexander
        Kalugin, Russia's special envoy"); and "the envoy" for the latest holder of that role (or
        of a narrower one), when nothing qualifies it with another state or body."""
        toks = sa.tokens
        at = {m.first: m for m in sa.mentions}
        ends = {m.last: m for m in sa.mentions}
        people = [m for m in sa.mentions if m.entity.type in self.person_types]
        attached: set[int] = set()
        for a, b, role in roles:
            k = b
            if k + 1 < len(toks) and toks[k].text == "," and (a == 0 or toks[a - 1].norm in ("the", "'s", "'") or
                                                             a - 1 in ends):
                k += 1  # "Iran's chief negotiator, Ali Larijani", "the foreign minister, Sergei Lavrov"
            while k < len(toks) and (toks[k].norm in self.lex.honorifics or toks[k].text == "."):
                k += 1
            m = at.get(k)
            if m is not None and m.entity.type in self.person_types:  # title before the name
                holders.append((role, m.entity, self._state_before(toks, a, ends)))
                attached.add(a)
        for m in people:  # NAME, [the|a] [COUNTRY's|demonym|modifiers] ROLE
            if m.last < len(toks) and toks[m.last].text == ",":
                for a, b, role in roles:
                    if m.last < a <= m.last + 6 and not any(toks[x].text in ',;:.!?"“”()' for x in range(m.last + 1, a)):
                        holders.append((role, m.entity, self._state_before(toks, a, ends)))
                        attached.add(a)
                        break
        for a, b, role in roles:
            self._add(sa, art, role, a, b, "role", last_named, [])
            if a in attached:
                continue
            ref = self._role_reference(toks, a, b, role, holders, ends, at)
            if ref is not None:
                first, ent = ref
                self._add(sa, art, ent, first, b, "description", last_named, recent_people)
            else:  # someone kg cannot name ("a spokesman said"): no pronoun may reach past him
                recent_people.append((toks[a].begin, sa.quoted[a], None, sa.sentence.index))

    def _state_before(self, toks: list[Token], a: int, ends: dict[int, Mention]) -> Entity | None:
        """The state or body written just before a role ("Russian", "Russia's", "the EU's")."""
        m = ends.get(a) or (ends.get(a - 1) if a > 0 and toks[a - 1].norm in ("'s", "'") else None)
        if m is not None and m.entity.type not in self.person_types:
            return m.entity
        return None

    def _role_reference(self, toks: list[Token], a: int, b: int, role: RoleEntity,
                        holders: list[tuple[RoleEntity, Entity, Entity | None]], ends: dict[int, Mention],
                        at: dict[int, Mention]) -> tuple[int, Entity] | None:
        """"the foreign minister" -> (first token, the person who holds it in this article)."""
        state = self._state_before(toks, a, ends)
        first = a
        if state is not None:
            first = ends[a].first if a in ends else ends[a - 1].first
        if first == 0 or toks[first - 1].norm != "the":
            return None
        first -= 1
        if first >= 2 and toks[first - 1].text == "," and any(m.last == first - 1 and m.entity.type in self.person_types
                                                               for m in ends.values()):
            return None  # the apposition itself
        if b < len(toks):
            nxt = toks[b]
            if nxt.norm in ("of", "to", "for", "at", "in", "on") or b in at:
                return None  # qualified ("the foreign minister of Israel") or a title before a name
            k = b
            while k + 1 < len(toks) and (toks[k].norm.endswith("ly") or toks[k].norm in _ADVERBS):
                k += 1  # "the envoy later left", "the minister also said"
            nxt = toks[k]
            if nxt.text[0].isalpha() and not (nxt.norm in self.lex.actor_verbs or nxt.norm.endswith("ed")):
                return None  # "the official visit": the word is not the head of its phrase
        for r, person, st in reversed(holders):
            if self.role_lex.narrower_or_same(r.id, role.id) and (state is None or st is state):
                return first, person
        return None

    def _resolve_description(self, cands: list[Entity], last_named: dict[str, int],
                             named_here: list[tuple[int, object]], at: int) -> Entity | None:
        seen = [(last_named[c.id], c.id, c) for c in cands if c.id in last_named]
        if seen:
            return max(seen, key=lambda x: (x[0], x[1]))[2]
        ahead = [p for a, p in named_here if a > at and p in cands]
        return ahead[0] if ahead else None  # type: ignore[return-value]

    def _resolve_pronoun(self, gender: str, people: list[tuple[int, bool, Entity | None, int]], quoted: bool,
                         sentence: int, genders: dict[str, str] | None = None) -> Entity | None:
        """The latest person of matching gender within reach; a pronoun outside a quotation skips
        people named inside quotations (in '"...Arafat...," he told', he is the speaker). A person
        kg could not name (an unknown name it could not type, "a spokesman") stops the search: the
        pronoun is left unresolved rather than handed to someone kg knows."""
        for pos, q, ent, s in reversed(people):
            if sentence - s > PRONOUN_REACH:
                return None
            if q and not quoted:
                continue
            if ent is None:
                return None
            if ((genders or {}).get(ent.id) or ent.gender) in (None, gender):  # "Ms. Bhutto" here: she
                return ent
        return None
