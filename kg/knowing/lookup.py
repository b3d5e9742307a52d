"""Gazetteer lookup and entity choice for the mention finder (kg.knowing.mentions.MentionFinder).

Names match longest-first over folded, lower-cased tokens in a trie of token tuples (one dict
step per token, whatever the gazetteer's size); an alias written in capitals (US, EU) matches only
in capitals, so "us" is not the United States. The world store (a prefix index) is merged with
the curated trie; among the entities a name may mean, `_choose` picks one or makes an unlinked
entity; the spans are then corrected where the text continues a name into one no gazetteer lists.
"""
from __future__ import annotations

from dataclasses import replace
from functools import lru_cache

from ..reading.text import Token, tokenize
from .coreference import PRONOUNS
from .gazetteer import Entity
from .names import Candidate, UnlinkedEntity, is_cap, plain, title_case, unlinked_id
from .worldstore import leader_on
from .shortforms import _gender_clash


class _Trie:
    __slots__ = ("next", "value")

    def __init__(self) -> None:
        self.next: dict[str, _Trie] = {}
        self.value: list[tuple[object, object, object]] | None = None  # (case_sensitive, folded form or capitals, payload)

    def add(self, words: list[Token], payload: object, case_sensitive: bool | tuple[bool, ...]) -> None:
        """`case_sensitive`: True, the name matches only as written (in folded case: an acronym);
        a tuple, which of its words must be written with a capital; False, any case."""
        node = self
        for w in words:
            node = node.next.setdefault(plain(w.norm), _Trie())
        if node.value is None:
            node.value = []
        node.value.append((case_sensitive, case_sensitive if isinstance(case_sensitive, tuple)
                           else " ".join(w.folded for w in words), payload))


_WORLD_OPENS: dict[str, tuple[object, bool]] = {}  # token key -> (world store, whether a name of it begins with it)
_NONE: frozenset[str] = frozenset()  # the ancestry of a type the vocabulary does not know
_OFFICE_SECTORS = {"GOV", "LEG", "JUD", "MIL"}  # CAMEO sectors of state office ("President Bush" in 1991 held one)


@lru_cache(maxsize=8192)
def _demonym_keys(demonyms: tuple[str, ...]) -> frozenset[str]:
    """A world entity's demonyms as the token keys a name is compared in (tokenized once, not
    at each mention)."""
    return frozenset(" ".join(t.norm for t in tokenize(d)) for d in demonyms)


def _is_acronym(name: str) -> bool:
    letters = [c for c in name if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters) and len(letters) <= 6


class NameLookup:
    """Methods of MentionFinder that find gazetteer names in a sentence and choose their entity
    (a mixin: the tries, lexicons and vocabulary are MentionFinder's attributes)."""

    def _by_name(self, name: str) -> Entity | None:
        """The gazetteer entity with exactly this name (a state rather than anything else)."""
        if hasattr(self.gaz, "candidates"):  # curated first, then the world store
            ents = self.gaz.candidates(name)
        else:
            toks = tokenize(name)
            hit = self._longest(self.names, toks, 0) if toks else None
            ents = [p[0] for p in hit[1] if p[1] == "name"] if hit and hit[0] == len(toks) else []  # type: ignore[index]
        states = [e for e in ents if "Country" in self._ancestry.get(e.type, _NONE)]
        return (states or ents or [None])[0]

    def _longest(self, trie: _Trie, toks: list[Token], i: int, keys: list[str] | None = None) -> tuple[int, list[object]] | None:
        """The longest name of `trie` at token i and its payloads. `keys`: the tokens' trie keys
        (normal forms without diacritics), if the caller has them."""
        node, best, j, n = trie, None, i, len(toks)
        while j < n:
            if keys is not None:
                k = keys[j]
            else:
                k = toks[j].norm
                if not k.isascii():
                    k = plain(k)
            node = node.next.get(k)  # type: ignore[assignment]
            if node is None:
                break
            j += 1
            value = node.value
            if value:
                folded = None  # the surface in folded case, made only for an alias that must match in capitals
                hits = []
                for cs, f, p in value:
                    if cs.__class__ is tuple:  # a proper name: its capitals where it has them
                        if not all(t.text[:1].isupper() for t, up in zip(toks[i:j], f) if up):  # type: ignore[arg-type]
                            continue
                    elif cs:
                        if folded is None:
                            folded = " ".join([t.folded for t in toks[i:j]])
                        if f != folded:
                            continue
                    hits.append(p)
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
        active = [e for e in ents if day is not None and hasattr(e, "active_on") and e.active_on(day)]
        if len(active) == 1 and not any(e in active for e in own):
            # the one active on the article's date before a label that is not ("George Bush" in
            # 2006: George W. Bush, whose name it also is, not his father, whose label it is)
            return next(p for p in hits if p[0] is active[0])  # type: ignore[index,return-value]
        if len(own) == 1:
            return next(p for p in hits if p[0] is own[0])  # type: ignore[index,return-value]
        if len(active) == 1:
            return next(p for p in hits if p[0] is active[0])  # type: ignore[index,return-value]
        kinds = {e.type for e in ents}
        label = " ".join(surface.split())
        return UnlinkedEntity(unlinked_id(label), kinds.pop() if len(kinds) == 1 else "Agent", label, (), (), (), None,
                              "ambiguous: " + ", ".join(e.id for e in ents), ()), "unlinked"

    def _world_opens(self, world: object, key: str) -> tuple[bool, object]:
        """Whether some world name begins with this token key, and the world's leaders of this
        surname (WorldStore.surnames) or None (remembered per key for the process):
        WorldStore.longest finds nothing at a token whose key begins none, so it is not asked."""
        got = _WORLD_OPENS.get(key)
        if got is None or got[0] is not world:
            if len(_WORLD_OPENS) > 100_000:  # a long corpus: bound the memo
                _WORLD_OPENS.clear()
            k = key if key.isascii() else plain(key)  # (as WorldStore.longest makes it)
            sur = getattr(world, "surnames", None)
            got = _WORLD_OPENS[key] = (world, key != "-" and world.names.get(k) is not None,  # type: ignore[attr-defined]
                                       sur.get(k) if sur is not None and k not in self.lex.common_words else None)
        return got[1], got[2]

    def _leader(self, world: object, entry: tuple, toks: list[Token], i: int,
                day: object) -> tuple[int, list[object]] | None:
        """A leader's surname alone ("Mugabe was declared the winner", "Kibaki and Odinga signed"):
        the one person of that surname who holds, on the article's date, a state's plain government
        affiliation (head of state or government, foreign minister) while no other person of the
        surname holds any dated one then. After a gendered honorific ("Mrs. Clinton") a person whose
        gender kg does not know is taken only if no other person of the surname ever led."""
        if day is None or i + 1 < len(toks) and (toks[i + 1].text[:1].isupper() or toks[i + 1].text == "-"):
            return None  # a longer name ("Grace Mugabe" is read by the name finder), or no date
        k = leader_on(entry, day)  # type: ignore[arg-type]
        if k is None:
            return None
        ent = world.at(k)  # type: ignore[attr-defined]
        if self.lex.family_name_first_states and any(
                (a.code or "")[:3].casefold() in self.lex.family_name_first_states for a in ent.affiliations):
            return None  # "Hyun", "Soon": the given name of Roh Moo Hyun, Song Min Soon, not a surname
        h = i - 2 if i > 1 and toks[i - 1].text == "." else i - 1
        g = self.lex.honorifics.get(toks[h].norm) if h >= 0 else None
        if g is not None and ent.gender != g and (ent.gender is not None or sum(1 for p in entry if p[1]) > 1):
            return None
        # the person under the surname too (the graph's skos:altLabel says how the text named him),
        # one object per person and spelling for the process, as world entities are
        said = toks[i].text if not toks[i].text.isupper() else toks[i].text.title()
        memo = world.short  # type: ignore[attr-defined]
        short = memo.get((k, said))
        if short is None:
            short = memo[(k, said)] = ent if said in ent.aliases else replace(ent, aliases=(*ent.aliases, said))
        return i + 1, [(short, "name")]

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
            r = self._longest(self.roles, toks, i, norms)
            if r is not None and r[0] < w[0]:
                return hit  # "Foreign Minister Abdullah": a dictionary's name with a title in it; title and name apart
        lex = self.lex
        if not all(t.text[:1].isupper() or t.norm in lex.particles or t.norm in lex.connectors or not t.text[:1].isalpha()
                   or k > i and toks[k - 1].text == "-" and toks[k - 1].end == t.begin  # "Ban Ki-moon"
                   for k, t in enumerate(toks[i:w[0]], i)):
            return hit  # imported names are proper names, written with capitals ("We will win" is no group)
        if (norms[i] in lex.honorifics and norms[i + 1:i + 2] not in (["'s"], ["'"]) or  # "Lord's Resistance Army"
                i > 0 and (norms[i - 1] in lex.honorifics or norms[i - 1] == "." and i > 1
                                                         and norms[i - 2] in lex.honorifics)) and \
                all(e.type not in self.person_types for e in w[1]):
            return hit  # "Sheik Hassan Nasrallah": a person's name that a dictionary files under the group
        if norms[i] == "the" and i + 1 < len(norms):
            inner = self._longest(self.names, toks, i + 1, norms)
            if inner is None:
                inner = world.longest(norms, folded, i + 1)  # type: ignore[attr-defined]
            if inner is not None and inner[0] >= w[0]:
                # "the United States", "The Security Council": the name with its article, not another
                # entry; "The Guardian Council": a longer name after the article, not "The Guardian"
                return hit
        key = " ".join(norms[i:w[0]])
        found = [(e, "demonym" if e.demonyms and key in _demonym_keys(tuple(e.demonyms)) else "name") for e in w[1]]
        if hit is not None and w[0] == hit[0]:
            seen = {id(p[0]) for p in hit[1]}  # type: ignore[index]
            return hit[0], hit[1] + [p for p in found if id(p[0]) not in seen]
        return w[0], found  # type: ignore[return-value]

    def _known(self, toks: list[Token], day: object = None, text: str = "",
               keys: list[str] | None = None) -> list[tuple[int, int, str, object]]:
        """Gazetteer names, demonyms, descriptions and pronouns, longest first, left to right.
        `keys`: the tokens' normal forms without diacritics, if the caller has them."""
        spans: list[tuple[int, int, str, object]] = []
        world = getattr(self.gaz, "world", None)
        if keys is None:
            keys = [t.norm if t.norm.isascii() else plain(t.norm) for t in toks]
        norms = keys if world is not None else []
        memo: dict[object, object] = {}  # _titled's lookups at each title of the sentence, made once
        folded = [t.folded for t in toks] if world is not None else []
        i = 0
        names, descriptions = self.names.next, self.descriptions.next
        particles, honorifics, roles = self.lex.particles, self.lex.honorifics, self.roles.next
        # the tokens a title may end before (a role's first word or an honorific): _titled looks
        # back at most five tokens for one, so a capital with none before it is no titled name
        last_title = -10
        titles = [s for s, k in enumerate(norms) if k in roles or k in honorifics]
        person_run = 0
        opens = self.__dict__.get("_opens")
        if opens is None:  # the words a known name, a description, a particle or a pronoun begins with
            opens = self.__dict__["_opens"] = frozenset(names).union(descriptions, particles, PRONOUNS)
        # only a capital or one of those words can begin a span: the other tokens (most of them)
        # are passed over without the tests below
        nxt = 0
        for i in [k for k, t in enumerate(toks) if t[3] in opens or t[0][:1].isupper() or keys[k] in opens]:
            if i < nxt:
                continue  # inside the span just found
            norm = keys[i]
            hit = self._longest(self.names, toks, i, keys) if norm in names else None
            cap = toks[i].text[:1].isupper()
            if world is not None and (cap or toks[i].norm in particles):
                # the world store holds proper names: asked only where one may start (a capital,
                # or a particle: "al-Qaeda") with a word that begins one, which spares most of its lookups
                opens, leaders = self._world_opens(world, norm)
                if opens:
                    hit = self._world_hit(world, toks, norms, folded, i, hit, persons_only=i < person_run)
                if leaders is not None and hit is None and cap:
                    hit = self._leader(world, leaders, toks, i, day)  # type: ignore[arg-type]
                if norm in honorifics and (hit is None or hit[0] == i + 1):
                    person_run = i + 1  # after "Sheik", "Mr": a person's name, not a world group's alias
                    while person_run < len(toks) and (toks[person_run].text[:1].isupper() or toks[person_run].text == "."):
                        person_run += 1
            while titles and titles[0] < i:
                last_title = titles.pop(0)
            if world is not None and i and cap and i - last_title <= 5:
                titled = self._titled(toks, norms, folded, i, world, spans, day, memo)
                if titled is not None and (hit is None or titled[0] >= hit[0]):
                    hit = titled
            dhit = self._longest(self.descriptions, toks, i, keys) if norm in descriptions else None
            if dhit and dhit[0] - 1 > i and toks[dhit[0] - 1].text[:1].isupper() \
                    and toks[dhit[0] - 1].norm not in self.lex.not_names:
                # "the Group of Eight": a capital on the description's own noun makes it a name, not
                # "the group"; a capitalised word before the noun does not ("the Hamas leader")
                dhit = None
            if dhit and (not hit or dhit[0] > hit[0]):
                spans.append((i, dhit[0], "description", dhit[1]))
                nxt = dhit[0]
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
                start = i
                if kind_ == "name" and i > 1 and toks[i - 1].text == "-" and toks[i - 1].begin == toks[i - 2].end and \
                        toks[i].begin == toks[i - 1].end and toks[i - 2].text[:1].isupper() and \
                        (not spans or spans[-1][1] <= i - 2) and \
                        toks[i - 2].norm in getattr(ent_, "label", "").casefold().split():
                    start = i - 2  # "President Johnson-Sirleaf": a hyphenated surname of the known "Ellen Johnson Sirleaf"
                spans.append((start, hit[0], kind_, ent_))
                nxt = hit[0]
            elif toks[i].norm in PRONOUNS:
                spans.append((i, i + 1, "pronoun", PRONOUNS[toks[i].norm]))
        return spans

    def _titled(self, toks: list[Token], norms: list[str], folded: list[str], i: int, world: object,
                spans: list[tuple[int, int, str, object]], day: object = None,
                memo: dict[object, object] | None = None) -> tuple[int, list[object]] | None:
        """The people a dictionary lists by a title and surname ("President Bush", "King
        Abdullah", "Mr. Obama"), for the surname at token i just after that title; with the
        people of the surname alone, kept to the state named before the title when any belongs
        to it ("Jordan's King Abdullah", "Saudi King Abdullah"). `_choose` then decides by the
        article's date. The title itself stays a role: the mention is the surname."""
        if memo is None:
            memo = {}
        for s in range(i - 1, max(i - 6, -1), -1):
            if norms[s] in self.roles.next:
                r = memo.get(s, memo)  # the role at s, asked again for each capital after it
                if r is memo:
                    r = memo[s] = self._longest(self.roles, toks, s, norms)
                if r is None or r[0] != i:  # type: ignore[index]
                    continue
            elif not (norms[s] in self.lex.honorifics and (s == i - 1 or s == i - 2 and norms[i - 1] == ".")):
                continue
            w = memo.get(-1 - s, memo)  # the world's longest name from s
            if w is memo:
                w = memo[-1 - s] = world.longest(norms, folded, s)  # type: ignore[attr-defined]
            if w is None or w[0] <= i:
                continue
            people = [e for e in w[1] if e.type in self.person_types and (
                day is None or e.active_on(day) or not any(c.dated for c in (*e.codes, *e.affiliations)))]  # type: ignore[attr-defined]
            if not people:
                continue  # no one so titled that day ("Prime Minister Khalil" of 1979 in 2006): the name alone
            plain_ = world.longest(norms, folded, i)  # type: ignore[attr-defined]
            if plain_ is not None and plain_[0] == w[0]:
                people += [e for e in plain_[1] if e.type in self.person_types and e not in people]
            k = s - 1 if s and norms[s - 1] == "'s" else s
            state = next((ent for a, b, kind, ent in reversed(spans) if b == k and kind in ("name", "demonym", "metonym")
                          and "Country" in self._ancestry.get(getattr(ent, "type", ""), _NONE)), None)
            if state is not None:
                mine = [e for e in people if any(a.of == state.id for a in getattr(e, "affiliations", ()))]  # type: ignore[attr-defined]
                people = mine or people
            if plain_ is not None and plain_[0] == w[0] and state is None:
                people = [e for e in w[1] if e.type in self.person_types]  # the title's own reading
            if len(people) > 1 and day is not None:  # a title is an office: who held one that day
                office = [e for e in people if any(a.dated and a.valid_on(day) and a.sector in _OFFICE_SECTORS
                                                   for a in getattr(e, "affiliations", ()))]  # type: ignore[attr-defined]
                people = office or people
            return w[0], [(e, "name") for e in people]
        return None

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
        persons, titles = self.person_types, self.lex.name_titles
        if not any(kind == "name" and (b == a + 1 and (ent.type in persons or a and toks[a - 1].norm in titles) or b > a + 1 and a > 0 and
                                       (is_cap(toks[a - 1]) or toks[a - 1].norm == "and"))
                   for a, b, kind, ent in spans):  # type: ignore[attr-defined]
            return spans  # no one-word person name, no name after a capital (most sentences): nothing to drop
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
            if kind == "name" and b > a + 1 and a > 0 and ent.type not in persons and \
                    "Organization" in self._ancestry.get(ent.type, _NONE) and ent.type not in self._placeish:  # type: ignore[attr-defined]
                # a body's name that the text opens with more capitals no gazetteer covers is the end of a
                # longer name: "National Security Council", "AU Peace and Security Council", "Black Sea
                # Economic Cooperation Organization" are not the UN's council or the ECO
                p = a - 2 if toks[a - 1].norm == "and" and a > 1 else a - 1
                w = toks[p].norm
                if p > 0 and is_cap(toks[p]) and w not in lex.not_names and w not in lex.function_words and \
                        w not in lex.honorifics and w not in lex.name_titles and plain(w) not in self._role_tails and p + 1 not in ends and (p == a - 1 or p + 1 not in starts) and \
                        toks[a - 1].end < toks[a].begin and not (p in starts and spans[starts[p]][1] > p + 1):
                    if headline is None:
                        headline = title_case(toks, lex, segment)
                    if not headline:
                        drop.add(k)
                continue
            if kind == "name" and b == a + 1 and a and toks[a - 1].norm in titles and ent.type in self._placeish and \
                    b < len(toks) and b not in starts and namelike(toks[b]) and not (b + 1 < len(toks) and is_cap(toks[b + 1])):
                if headline is None:  # "analyst Sydney Masamvu": after a job title, a place and a surname are a person
                    headline = title_case(toks, lex, segment)
                if not headline:
                    drop.add(k)
                continue
            if kind != "name" or b != a + 1 or ent.type not in self.person_types:  # type: ignore[attr-defined]
                continue
            h = a - 2 if a > 1 and toks[a - 1].text == "." else a - 1
            g = lex.honorifics.get(toks[h].norm) if h >= 0 else None
            if g and _gender_clash(ent, g, {}, lex):
                drop.add(k)  # "Mrs. Bush", "Ms. Olmert": not the man the world's one-word name would give
                continue
            n = starts.get(b)
            after = b < len(toks) and toks[b].begin > toks[a].end and (
                toks[b].norm in lex.particles and b + 2 < len(toks) and toks[b + 1].text == "-" and is_cap(toks[b + 2])
                or namelike(toks[b]) and (n is None or spans[n][1] == b + 1 and spans[n][2] == "name" and
                                          spans[n][3].type not in self.person_types))  # type: ignore[attr-defined]
            before = a > 0 and namelike(toks[a - 1]) and a - 1 not in ends and toks[a - 1].end < toks[a].begin
            if a > 1 and toks[a - 1].text == "-" and toks[a - 2].end == toks[a - 1].begin == toks[a].begin - 1 and \
                    namelike(toks[a - 2]) and toks[a - 2].norm not in lex.particles and a - 1 not in ends:
                drop.add(k)  # "Ould-Abdallah": the end of one hyphenated word, in a headline too
                continue
            if not after and a >= 3 and toks[a - 1].text == "." and len(toks[a - 2].text) == 1 and toks[a - 2].text.isupper() and \
                    a - 3 not in ends and plain(toks[a - 3].norm) == plain(ent.label.split()[0].casefold()):  # type: ignore[attr-defined]
                spans[k] = (a - 3, b, kind, ent)  # "John R. Bolton": the known person with his middle initial
                continue
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
        placeish = self._placeish
        if any(kind == "demonym" and a > 1 and toks[a - 2].norm in ("pro", "anti") for a, _, kind, _ in spans):
            spans = [x for x in spans if not (x[2] == "demonym" and x[0] > 1 and toks[x[0] - 2].norm in ("pro", "anti") and
                                              toks[x[0] - 1].text == "-")]  # "pro-Syrian speaker X": a stance, not X's state
        if not any(kind == "name" and (ent.type in placeish or "Organization" in self._ancestry.get(ent.type, _NONE))
                   for _, _, kind, ent in spans):  # type: ignore[attr-defined]
            return spans  # no state's, place's or organisation's name: nothing to drop
        lex, n = self.lex, len(toks)
        starts = {a for a, _, _, _ in spans}
        ends = {b for _, b, _, _ in spans}
        drop: set[int] = set()
        for k, (a, b, kind, ent) in enumerate(spans):
            if kind == "name" and b < n and ent.type not in placeish and is_cap(toks[b]) and b not in starts and \
                    "Organization" in self._ancestry.get(ent.type, _NONE) and toks[b].begin > toks[b - 1].end:  # type: ignore[attr-defined]
                j = b  # "African Union Mission in Somalia", "EU Police Mission": a longer name, not the union
                while j < n and j not in starts and is_cap(toks[j]) and lex.org_words.get(toks[j].norm) is None and \
                        toks[j].norm not in lex.not_names and toks[j].norm not in lex.honorifics:
                    j += 1
                if j < n and j not in starts and is_cap(toks[j]) and lex.org_words.get(toks[j].norm) == "Organization":
                    drop.add(k)
                continue
            if kind != "name" or ent.type not in self._placeish:  # type: ignore[attr-defined]
                continue
            nx = spans[k + 1] if k + 1 < len(spans) else None  # "the Zimbabwe Congress": no body of another state
            if nx is not None and nx[0] == b and nx[1] == b + 1 and nx[2] == "name" and toks[b].norm in lex.org_words and \
                    getattr(nx[3], "part_of", None) not in (None, ent.id) and toks[b].begin > toks[b - 1].end:  # type: ignore[attr-defined]
                drop.add(k + 1)  # and no state where "of"/"for" and capitals go on: "Ghana Congress of Labour"
                if b + 2 < n and toks[b + 1].norm in ("of", "for") and is_cap(toks[b + 2]) and b + 2 not in starts:
                    drop.add(k)
                continue
            j, org = b, False  # after: "Sudan Liberation Army"
            while j < n and j not in starts and (is_cap(toks[j]) or toks[j].norm in ("'s", "'") and
                                                 toks[j - 1].norm in lex.possessive_name_words):
                org = org or lex.org_words.get(toks[j].norm) == "Organization"
                j += 1
            if org and toks[b].begin > toks[b - 1].end:
                drop.add(k)
                continue
            located = a >= 3 and toks[a - 1].norm == "in" and toks[a - 2].norm in lex.located_org_words and is_cap(toks[a - 2])
            if a >= 3 and (toks[a - 1].norm in ("of", "for") or located) and a - 1 not in ends:
                # before: "Alliance for ... of Somalia"; "Mission in Somalia" (located_org_words)
                j = a - 2
                while j >= 0 and j + 1 not in ends and (is_cap(toks[j]) or toks[j].text == "-" or toks[j].norm in lex.connectors):
                    if lex.org_words.get(toks[j].norm) == "Organization" and is_cap(toks[j]):
                        drop.add(k)
                        break
                    if lex.org_words.get(toks[j].norm) is not None:
                        break  # "Ministry of Foreign Affairs of Russia": a government body keeps its state
                    j -= 1
        return [x for k, x in enumerate(spans) if k not in drop] if drop else spans

    def _surname_key(self, e: Entity) -> str:
        """The last word of a person's label that is no suffix ("Abdullah II": abdullah)."""
        words = [w for w in e.label.casefold().split() if w not in self.lex.suffixes] or e.label.casefold().split()
        return plain(words[-1])

    def _surnames_over_aliases(self, prepared: list, cands: list[Candidate],
                               people: list[tuple[int, int, Entity, str]]) -> list:
        """A one-word alias of a group that is the surname of a person this article names is that
        person ("Nasrallah" after "Hassan Nasrallah", though a dictionary files it under Hezbollah);
        so is a one-word name of another person the article never names in full ("Hassan" after
        "Omar Hassan" is not the world's "Hassan")."""
        persons: dict[str, Entity] = {}
        world = getattr(self.gaz, "world", None)
        short = {id(e) for e in world.short.values()} if world is not None and world.short else set()
        for c in cands:
            e = c.entity
            if e is not None and len(e.label.split()) >= 2 and (
                    e.type in self.person_types or short and e.type == "Agent" and getattr(e, "unlinked", False)):
                # (a name kg could not type is a person's for a leader's surname alone: "Grace Mugabe")
                persons.setdefault(self._surname_key(e), e)
        for _, _, e, _ in people:
            if len(e.label.split()) >= 2:
                persons.setdefault(self._surname_key(e), e)
        if not persons:
            return prepared
        full = {ent.id for _, _, _, spans, _, _ in prepared  # type: ignore[attr-defined]
                for a, b, kind, ent in spans if kind == "name" and b > a + 1}  # people named in full here
        out = []
        for s, toks, quoted, spans, roles, found in prepared:
            new = []
            for a, b, kind, ent in spans:
                other = persons.get(plain(toks[a].norm)) if kind == "name" and b == a + 1 else None
                if other is not None and other is not ent and (other.type in self.person_types or id(ent) in short) and (
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
                          "Country" in self._ancestry.get(ent.type, _NONE)), None)  # type: ignore[attr-defined]
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
                  "Organization" in self._ancestry.get(c.entity.type, _NONE)]  # type: ignore[union-attr]
        if not bodies:
            return
        prefixes: list[str] = []
        for _, _, _, spans, _, _ in prepared:
            for _, _, kind, ent in spans:
                if kind == "name" and "Organization" in self._ancestry.get(ent.type, _NONE) and ent.type not in self.person_types:
                    for n in (ent.label, *ent.aliases):
                        if _is_acronym(n) and n not in prefixes:
                            prefixes.append(n)
        found: dict[str, Entity | None] = {}
        for c in bodies:
            if c.key not in found:
                found[c.key] = next((e for p in prefixes for e in self.gaz.candidates(f"{p} {c.entity.label}")  # type: ignore[union-attr]
                                     if "Organization" in self._ancestry.get(e.type, _NONE)), None)
            if found[c.key] is not None:
                c.entity = found[c.key]
            elif c.first > 0 and prepared[c.sentence][1][c.first - 1].norm == "the" and (
                    c.first < 2 or prepared[c.sentence][1][c.first - 2].norm not in ("'s", "'")):
                # "the General Assembly" with no state or organisation before it: the UN's
                # (names.yaml default_body_prefixes), not "Tarnovia's General Assembly"
                e = next((e for p in self.lex.default_body_prefixes for e in self.gaz.candidates(f"{p} {c.entity.label}")  # type: ignore[union-attr]
                          if "Organization" in self._ancestry.get(e.type, _NONE)), None)
                if e is not None:
                    c.entity = e
