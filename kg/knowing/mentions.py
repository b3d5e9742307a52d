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

The finder's work is split by job: kg.knowing.lookup (gazetteer lookup, entity choice),
kg.knowing.role_mentions (roles, holders, seats of power), kg.knowing.coreference (descriptions,
pronouns); this module holds the mention types and the finder that runs them over an article.
"""
from __future__ import annotations

from bisect import bisect_right
from operator import itemgetter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..reading.dates import TimeValue, find_times, token_times  # noqa: F401 - find_times re-exported
from ..reading.document import FACT_SEGMENTS, Article, Sentence
from .gazetteer import Entity, Gazetteer
from ..reading.text import Token, tokenize
from .coreference import IT, PRONOUN_REACH, PRONOUNS, Coreference, PluralPronouns
from .groups import Groups, load_groups
from .lookup import NameLookup, _is_acronym, _Trie
from .names import (Candidate, NameLexicon, UnlinkedEntity, find_candidates, is_cap, load_names, plain, resolve,  # noqa: F401
                    title_case, unlinked_id)
from .reach import StateInReach
from .role_mentions import _ADVERBS, RoleMentions
from .roles import RoleEntity, RoleLexicon, load_roles
from .vocab import Vocabulary

_NORM, _FIRST = itemgetter(3), itemgetter(0)  # a Token's norm; a span's first token

__all__ = ["PRONOUNS", "PRONOUN_REACH", "Mention", "SentenceAnalysis", "MentionFinder", "_ADVERBS", "_Trie",
           "_is_acronym"]


@dataclass(slots=True, unsafe_hash=True)
class Mention:
    """A stretch of tokens that refers to a gazetteer entity, and how (name, alias, description, pronoun).
    Not to be changed once made; not frozen because a frozen dataclass sets each field through
    object.__setattr__ (an article makes hundreds); hashed and compared by its fields all the same."""

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
    members: tuple["Mention", ...] = ()  # a group mention's ("the six countries"): one per entity (kg.knowing.groups)


@dataclass
class SentenceAnalysis:
    """A sentence with its tokens, entity mentions and time expressions, ready for rule matching."""

    sentence: Sentence
    tokens: list[Token]
    mentions: list[Mention] = field(default_factory=list)
    times: list[tuple[int, int, TimeValue]] = field(default_factory=list)
    quoted: list[bool] = field(default_factory=list)  # per token: inside a quotation
    names: NameLexicon | None = None  # names.yaml's lists, for the rule engine's actor chunks (kg.rules.closures)


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
        # the lexicons' fields: a pickle of an older NameLexicon lacks a new list (it would read as empty)
        h.update(",".join(NameLexicon.__dataclass_fields__).encode() + b"|" + ",".join(RoleLexicon.__dataclass_fields__).encode())
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


def _quoted(toks: list[Token], quotes: list[tuple[int, int]], starts: list[int], begin: int, end: int) -> list[bool]:
    """Per token: inside a quotation (Article.quote_at), a quotation's own opening mark not.
    Most sentences meet no quotation: then no token is looked up."""
    k = bisect_right(starts, begin) - 1
    if (k < 0 or quotes[k][1] <= begin) and (k + 1 >= len(starts) or starts[k + 1] >= end):
        return [False] * len(toks)
    out = []
    for t in toks:
        b = t.begin
        i = bisect_right(starts, b) - 1
        q = quotes[i] if i >= 0 and b < quotes[i][1] else None
        out.append(q is not None and not (t.text in '"“”' and q == (b, b + 1)))
    return out


def _acronym_after(toks: list[Token], spans: list) -> list:
    """"the UN Mission in the country (UNMIS)": a name followed by a known acronym in parentheses is
    the acronym's body, when the two differ (the name a generic one, "UN Mission")."""
    out = spans
    for x in range(len(spans) - 1):
        a, b, kind, ent = spans[x]
        a2, b2, kind2, ent2 = spans[x + 1]
        if kind == "name" and kind2 == "name" and ent2 is not ent and b2 == a2 + 1 and toks[a2].text.isupper() and \
                len(toks[a2].text) > 2 and a2 >= b + 1 and toks[a2 - 1].text == "(" and b2 < len(toks) and toks[b2].text == ")" \
                and all(t.text[:1].isupper() or t.norm in ("in", "the", "of", "for", "country") for t in toks[b:a2 - 1]) \
                and a2 - 1 - b <= 3 and getattr(ent, "type", None) == getattr(ent2, "type", None):
            out = out if out is not spans else list(spans)
            out[x] = (a, a2 - 1, kind, ent2)
    return out


class _NotLazy(Exception):
    """A payload the pack cache cannot refer to by key: the trie is pickled whole."""


_TRIES = ("names", "descriptions", "roles", "seats")  # the finder's tries, kept word by word in the pack cache


def _packed_trie(root: _Trie, ents: dict[str, object], roles: dict[str, object]) -> dict[str, bytes] | None:
    """A trie's words below the root, each a pickle of its own whose gazetteer entities and roles
    are their keys (so the decoded payloads are the gazetteer's and the role lexicon's own
    objects); None if some payload is another entity or role."""
    import io
    import pickle

    role_keys = {id(r): k for k, r in roles.items()}

    def pid(o: object) -> tuple[str, str] | None:
        t = type(o)
        if t is Entity:
            if ents.get(o.id) is not o:  # type: ignore[attr-defined]
                raise _NotLazy
            return "e", o.id  # type: ignore[attr-defined]
        if t is RoleEntity:
            key = role_keys.get(id(o))
            if key is None or roles[key] is not o:
                raise _NotLazy
            return "r", key
        return None
    if root.value or not isinstance(root.next, dict):
        return None
    out: dict[str, bytes] = {}
    nxt = root.next
    try:
        for k in dict.keys(nxt):
            v = dict.__getitem__(nxt, k)
            if type(v) is not bytes:
                buf = io.BytesIO()
                pk = pickle.Pickler(buf, protocol=pickle.HIGHEST_PROTOCOL)
                pk.persistent_id = pid  # type: ignore[method-assign]
                pk.dump(v)
                v = buf.getvalue()
            out[k] = v
    except _NotLazy:
        return None
    return out


class _LazyNext(dict):
    """The first words of a trie read from the pack cache (`MentionFinder.__setstate__`), each
    word's subtrie decoded when `get` first asks for it: the gazetteer's name trie is ~2,200
    nodes under ~540 first words, and an article's tokens begin names under a few dozen of them.
    Only `get` reads values (kg.knowing.lookup's walk); `in`, `len`, `keys()` and iterating read
    the keys."""

    __slots__ = ("finder",)

    def get(self, k: str, default: object = None) -> object:  # type: ignore[override]
        v = dict.get(self, k, default)
        if type(v) is bytes:
            import io
            import pickle

            u = pickle.Unpickler(io.BytesIO(v))
            u.persistent_load = self._payload  # type: ignore[method-assign]
            v = self[k] = u.load()
        return v

    def _payload(self, key: tuple[str, str]) -> object:
        f = self.finder
        return f.gaz.entities[key[1]] if key[0] == "e" else f.role_lex.roles[key[1]]

    def __getitem__(self, k: str) -> object:
        if not dict.__contains__(self, k):
            raise KeyError(k)
        return self.get(k)

    def setdefault(self, k: str, default: object = None) -> object:  # type: ignore[override]
        if dict.__contains__(self, k):
            return self.get(k)
        self[k] = default
        return default

    def values(self) -> Any:  # type: ignore[override]
        return [self.get(k) for k in self]

    def items(self) -> Any:  # type: ignore[override]
        return [(k, self.get(k)) for k in self]

    def __reduce__(self) -> Any:
        return dict, (dict(self.items()),)


class MentionFinder(NameLookup, RoleMentions, StateInReach, Coreference, Groups, PluralPronouns):
    """Compiled matchers for one gazetteer and pack; reuse it across articles.

    `data_dir` holds names.yaml and roles.yaml (default: the folder above the gazetteer's files)."""

    def __init__(self, gaz: Gazetteer, voc: Vocabulary, data_dir: Path | None = None):
        self.gaz, self.voc = gaz, voc
        # each type with every type above it, made once (Vocabulary.ancestors makes a set at each call)
        self._ancestry = {t: frozenset(voc.ancestors(t)) for t in voc.types}
        self.names, self.descriptions = _Trie(), _Trie()
        first_names: set[str] = set()
        self.person_types = {t for t in voc.types if "Person" in voc.ancestors(t)}
        self._placeish = frozenset(t for t in voc.types if {"Country", "Place"} & voc.ancestors(t))
        if data_dir is None and gaz.files:  # the pack folder: the first above a gazetteer file with a vocabulary
            data_dir = next((p for p in Path(gaz.files[0]).parents if (p / "vocabulary.yaml").is_file()), None)
        self.lex, self.role_lex = _lexicons(data_dir, voc)
        # a curated one-word name that is also a common word matches only with its capital ("Congress",
        # "Trend"; not "a party congress"): names.yaml common_words and organisation words
        common = self.lex.common_words | self.lex.org_words.keys()
        imported = getattr(gaz, "imported_aliases", None) or {}
        for ent in gaz.entities.values():
            world_names = imported.get(ent.id, ())
            for name in dict.fromkeys((ent.label, *ent.aliases)):
                toks = tokenize(name)
                if toks:
                    # an acronym only in capitals; a name the world import added, with its capitals
                    self.names.add(toks, (ent, "name"), _is_acronym(name) or (
                        (name in world_names or len(toks) == 1 and toks[0].norm in common) and
                        tuple(t.text[:1].isupper() for t in toks)))
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
        self.group_lex = load_groups(data_dir / "groups.yaml", voc) if data_dir is not None else None
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

    def __getstate__(self) -> dict[str, object]:
        """For the pack cache: each trie's words below its root pickled apart, word by word
        (`_LazyNext`), so that a new process decodes only the subtries its articles reach."""
        d = dict(self.__dict__)
        ents = getattr(self.gaz, "entities", None)
        roles = getattr(getattr(self, "role_lex", None), "roles", None)
        if isinstance(ents, dict) and isinstance(roles, dict):
            for name in _TRIES:
                trie = d.get(name)
                if type(trie) is _Trie:
                    packed = _packed_trie(trie, ents, roles)
                    if packed is not None:
                        d[name] = ("packed", packed)
        return d

    def __setstate__(self, d: dict[str, object]) -> None:
        self.__dict__.update(d)
        for name in _TRIES:
            got = d.get(name)
            if type(got) is tuple and got[0] == "packed":
                root = _Trie()
                nxt = _LazyNext(got[1])
                nxt.finder = self
                root.next = nxt  # type: ignore[assignment]
                self.__dict__[name] = root

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
        quotes = art.quotes
        starts = [q[0] for q in quotes]  # (art.quote_at's bisection, once per article)
        person_types, honorifics = self.person_types, self.lex.honorifics
        reach_firsts, reach_hits = self._reach_firsts(), []  # sentences with a state's part ("Foreign Ministry", "army spokesman")
        for si, s in enumerate(sents):
            toks = art.tokens(s)
            quoted = _quoted(toks, quotes, starts, s.begin, s.end)
            keys = [n if n.isascii() else plain(n) for n in map(_NORM, toks)]  # the tries' keys, once per sentence
            spans = self._absorb(toks, self._unjoin(toks, self._metonymy(toks, self._known(toks, art.date, s.text, keys), keys),
                                                    s.kind))
            if spans:  # "the former Soviet republic": not the Soviet Union (the words around each name)
                spans = _acronym_after(toks, self._compass_pairs(toks, self._demonym_parties(
                    toks, self._communities(toks, self._former_states(toks, spans)))))
            taken = [False] * len(toks)
            for a, b, kind, ent in spans:
                taken[a:b] = [True] * (b - a)
                if kind == "name" and ent.type in person_types:  # type: ignore[attr-defined]
                    if a > 0:  # "Ms. Bhutto", "Mr Musharraf": the gender of a known person here
                        h = a - 2 if toks[a - 1].text == "." and a > 1 else a - 1
                        g = honorifics.get(toks[h].norm)
                        if g is not None:
                            genders[ent.id] = g if genders.get(ent.id, g) == g else ""  # type: ignore[attr-defined]
                    people.append((si, a, ent, art.text[toks[a].begin:toks[b - 1].end]))  # type: ignore[arg-type]
            roles = self._roles(toks, spans, keys)
            covered = list(taken)
            for a, b, _ in roles:
                covered[a:b] = [True] * (b - a)
            role_end = {b for _, b, _ in roles}
            role_start = {a for a, _, _ in roles}
            if roles:  # "former Prime Minister X", "President-elect X": a title, but no post held now
                roles = [r for r in roles if not self._not_now(toks, r[0], r[1], spans)]
            found = find_candidates(si, toks, covered, role_end, role_start, self.lex, self.first_names, s.kind,
                                    s.begin, s.text)
            if found:
                self._state_bodies(toks, spans, found)
            cands += found
            prepared.append((s, toks, quoted, spans, roles, found))
            if not reach_firsts.isdisjoint(keys):
                reach_hits.append(si)
        if reach_hits:
            self._in_reach(prepared, cands, reach_hits, (art.meta or {}).get("place"))
        resolve(cands, people, self.voc.types, self.lex)
        prepared = self._surnames_over_aliases(prepared, cands, people)
        if self.lex.shared_state_names:
            prepared = self._shared_names(prepared)
        self._bodies_of(prepared, cands)
        for c in cands:  # a woman's first name without an honorific is hers too: "Marie Okabe" is no "his"
            g = c.gender or ("female" if c.key.split(" ", 1)[0] in self.lex.female_first_names else None)
            if c.entity is not None and c.entity.type in self.person_types and g:
                genders.setdefault(c.entity.id, g)
        out: list[SentenceAnalysis] = []
        last_named: dict[str, int] = {}  # entity id -> char position of its latest mention
        recent_people: list[tuple[int, bool, Entity | None, int]] = []  # (pos, in_quote, entity or None = unnamed, sentence)
        holders: list[tuple[RoleEntity, Entity, Entity | None]] = []  # (role, person, state) in article order
        speakers: list[tuple[int, Entity]] = []  # (sentence order, person) of "X said", "said X"
        for order, (s, toks, quoted, spans, roles, found) in enumerate(prepared):
            sa = SentenceAnalysis(s, toks, quoted=quoted, names=self.lex)
            spans = sorted(spans + [(c.first, c.last, "unlinked" if getattr(c.entity, "unlinked", False) else "name", c.entity)
                                    for c in found if c.entity is not None] +
                           [(c.first, c.last, "unnamed", None) for c in found if c.entity is None and self._may_be_someone(toks, c)],
                           key=_FIRST)
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
                    ent = self._resolve_description(payload, last_named, named_here, a, b)  # type: ignore[arg-type]
                elif payload == IT:  # "it said": a state or body (kg.knowing.coreference)
                    ent = self._actor_pronoun(toks, a, sa, out)
                else:
                    ent = self._same_speaker(toks, a, payload, speakers, order, genders) or \
                        self._resolve_pronoun(payload, recent_people, q, s.index, genders)  # type: ignore[arg-type]
                    if ent is not None and ent.gender is None:
                        genders.setdefault(ent.id, payload)  # type: ignore[arg-type]  # "He says" of Gary Thomas: he, later too
                if ent is None:
                    continue
                self._add(sa, art, ent, a, b, kind, last_named, recent_people)
                if kind in ("name", "unlinked") and self._speaks(toks, a, b) and ent.type in self.person_types:
                    speakers.append((order, ent))
            self._roles_in(sa, art, roles, holders, last_named, recent_people)
            sa.mentions.sort(key=lambda m: (m.first, m.kind == "role"))
            sa.times = token_times(toks, art.text, art.date)
            out.append(sa)
        self._groups(out)  # "the six countries", "the two sides": the entities a nearby list names
        self._plural_pronouns(out)  # "A and B arrived. They met": the parties the sentence before opens with
        return out

    def _shared_names(self, prepared: list) -> list:
        """A state's short name that another state shares (names.yaml `shared_state_names`: "Congo",
        the Republic's label, is the Democratic Republic in most news) means that other state where
        the article names it otherwise (a longer name, its demonym or capital, someone affiliated to
        it) and never the first (its longer names, capital or people); else the first, as before."""
        shared = self.lex.shared_state_names
        hits = {(k, x) for k, p in enumerate(prepared) for x, (a, b, kind, _) in enumerate(p[3])
                if kind == "name" and b == a + 1 and p[1][a].norm in shared}
        if not hits:
            return prepared
        seen: set[str | None] = set()
        for k, p in enumerate(prepared):
            for x, (_, _, _, ent) in enumerate(p[3]):
                if (k, x) not in hits:
                    seen.add(getattr(ent, "id", None))  # (a pronoun's is a word)
                    seen.update(af.of for af in getattr(ent, "affiliations", ()))
        out = list(prepared)
        for k, x in sorted(hits):
            s, toks, quoted, spans, roles, found = out[k]
            a, b, kind, ent = spans[x]
            other = self.gaz.get(shared[toks[a].norm])
            if other is None or other.id == ent.id or not {other.id, other.capital} & seen or \
                    {ent.id, getattr(ent, "capital", None)} & seen:  # type: ignore[attr-defined]
                continue
            out[k] = (s, toks, quoted, [*spans[:x], (a, b, kind, other), *spans[x + 1:]], roles, found)
        return out

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
