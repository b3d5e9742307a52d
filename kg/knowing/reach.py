"""The state in reach: common names that stand for a part of a state the text does not name there.

"Foreign Ministry spokesman Qin Gang", "Georgian interior ministry spokesman", "army spokesman Brig.
Udaya Nanayakkara", "government spokesman Jean-Francois Cope": a ministry's common name is the
ministry of the state written before it (its demonym or possessor) or, without one, of the state in
reach: the state of the article's dateline (when the article names it), else the state the
article names most (when one leads), else the one state its sentence names.
A state's ministry is a body of its own (the gazetteer's curated one, "Chinese Foreign Ministry",
or an unlinked body minted per state, "Georgian Interior Ministry", whose org:subOrganizationOf is
the state), so a post in it reaches the state through the graph. A part of a state before a title
("army spokesman", "government spokesman", and a ministry in lower case that the text does not
name, "foreign ministry spokesman") stands for the state in reach itself (the annotators'
convention: a state's army and government are the state). Both lists are data (names.yaml
`state_bodies`, `state_parts`); with no state in reach, nothing changes.
"""
from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from ..reading.text import Token
from .gazetteer import Entity
from .names import Candidate, UnlinkedEntity, unlinked_id

if TYPE_CHECKING:
    from .namelexicon import NameLexicon

_NONE: frozenset[str] = frozenset()
_KINDS = ("name", "demonym", "metonym")
_COMPASS = frozenset({"north", "south", "east", "west"})


class StateInReach:
    """Methods of MentionFinder for the common names of a state's parts (a mixin)."""

    def _reach_firsts(self) -> frozenset[str]:
        """The first words of every phrase of names.yaml `state_bodies` and `state_parts` (made once)."""
        firsts = self.__dict__.get("_reach_first_words")
        if firsts is None:
            lex: NameLexicon = self.lex  # type: ignore[attr-defined]
            firsts = self.__dict__["_reach_first_words"] = frozenset(
                w[0] for w in (*lex.state_bodies, *lex.state_parts, *lex.rebel_words))
        return firsts

    def _is_state(self, ent: object) -> bool:
        return "Country" in self._ancestry.get(getattr(ent, "type", ""), _NONE)  # type: ignore[attr-defined]

    def _in_reach(self, prepared: list, cands: list[Candidate], hits: list[int], place: str | None = None) -> None:
        """Give the common names of state bodies and parts in sentences `hits` (indices into
        `prepared`) their state; a capitalised body ("Foreign Ministry") that the name finder took
        for an unknown name is taken from `cands` and its sentence's candidates. `place`: the
        article's dateline place ("HANOI - ... said foreign ministry spokesman Le Dung" is Vietnam's
        even where the article names the United States as often)."""
        lex: NameLexicon = self.lex  # type: ignore[attr-defined]
        tally: Counter[str] = Counter()
        states: dict[str, Entity] = {}
        armed: dict[str, Entity] = {}  # armed groups the article names (a REB code: LKAREB, PSEREBHMS)
        first_at: dict[str, int] = {}  # entity id -> the first sentence naming it
        for n, (_, _, _, spans, _, _) in enumerate(prepared):
            for _, _, kind, ent in spans:
                if kind in _KINDS and self._is_state(ent):
                    tally[ent.id] += 1  # type: ignore[attr-defined]
                    states[ent.id] = ent  # type: ignore[attr-defined]
                    first_at.setdefault(ent.id, n)  # type: ignore[attr-defined]
                elif kind == "name" and any(c.code[3:6] == "REB" for c in getattr(ent, "codes", ())):
                    armed[ent.id] = ent  # type: ignore[attr-defined]
                    first_at.setdefault(ent.id, n)  # type: ignore[attr-defined]
        # "the rebels said": the one armed group the article names, else no one
        rebel = next(iter(armed.values())) if len(armed) == 1 else None
        # strong evidence only: the state the article is filed from (its dateline), when it names
        # it, else the one state it names. Neither the state it names most nor the one state of the
        # sentence: on the development articles (sets 6-10) those gave the wrong state 6 times in
        # 7 ("Foreign Ministry spokeswoman Jiang Yu" in a story on North Korea filed from Beijing;
        # "Pakistan rejects ...," foreign ministry spokesman Abdul Basit said" in one on India),
        # while the dateline and the lone state were right 5 times in 5 (docs/names.md)
        article = states[next(iter(tally))] if len(tally) == 1 else None
        home = self._dateline_state(place) if place else None
        if home is not None and home.id in tally:
            article = home
        bodies = {w: len(w) for w in lex.state_bodies}
        parts = {w: len(w) for w in lex.state_parts}
        rebels = frozenset(lex.rebel_words)
        longest = max((len(w) for w in (*bodies, *parts, *rebels)), default=0)
        firsts = self._reach_firsts()
        dropped: set[int] = set()
        for n in hits:
            s, toks, quoted, spans, roles, found = prepared[n]
            reach = article
            norms = [t.norm for t in toks]
            starts = [i for i, w in enumerate(norms) if w in firsts]  # (few: the words that open a phrase)
            covered = {x for a, b, _, _ in spans if any(a <= i < b for i in starts) for x in range(a, b)}
            new: list[tuple[int, int, str, object]] = []
            after = 0
            for i in starts:
                if i < after or i in covered:
                    continue
                hit = None
                for k in range(min(longest, len(toks) - i), 0, -1):
                    w = tuple(norms[i:i + k])
                    if w in bodies or w in parts or w in rebels:
                        hit = (k, w in bodies, w in rebels)
                        break
                if hit is None:
                    continue
                k, body, armed_group = hit
                if body and any(c.first < i + k and i < c.last and (c.first < i or c.last > i + k) for c in found):
                    continue  # inside a longer name: "the Ministry of Foreign Affairs and Trade"
                # alone ("the army said", "the rebels said"), an actor the article has named before
                # this sentence: "Hezbollah fired rockets at northern Israel, the army said" alone
                # may be either side's army
                if armed_group:
                    made = (i, i + k, "metonym", rebel) if rebel is not None and first_at[rebel.id] < n and \
                        self._acts_alone(toks, i, i + k) else None  # type: ignore[attr-defined]
                elif body:
                    made = self._state_body(toks, spans, roles, i, i + k, reach)
                else:
                    # named before this sentence, or as the subject that opens it ("Sri Lankan troops overran
                    # the stronghold, the military said"; not "Hezbollah fired at northern Israel, the army said")
                    made = self._state_part(toks, spans, roles, i, i + k, reach, reach is not None and (
                        first_at[reach.id] < n or bool(spans) and spans[0][3] is reach and spans[0][0] <= 2
                        and spans[0][2] in _KINDS and spans[0][1] <= i))  # type: ignore[attr-defined]
                if made is not None:
                    if not body and not armed_group and any(ra == i for ra, _, _ in roles):  # "army spokesman": the state, then the role "spokesman"
                        roles = [(i + k, rb, r) if ra == i else (ra, rb, r) for ra, rb, r in roles]
                    new.append(made)
                    for c in found:
                        if c.first < made[1] and made[0] < c.last:
                            dropped.add(id(c))
                after = i + k
            if new:
                keep = [(a, b, kind, e) for a, b, kind, e in spans if not any(a < y and x < b for x, y, _, _ in new)]
                prepared[n] = (s, toks, quoted, sorted(keep + new, key=lambda x: x[0]), roles,
                               [c for c in found if id(c) not in dropped])
        if dropped:
            cands[:] = [c for c in cands if id(c) not in dropped]

    def _former_states(self, toks: list[Token], spans: list) -> list:
        """Drop a state's NAME used as an adjective after a past word before a word for a state ("the
        former Soviet republic", "its small, former Soviet neighbour", "ex-Soviet states"): the phrase
        is another state, which the text names elsewhere, not the Soviet Union acting. The name alone
        stays the state ("the former Yugoslavia", "the collapse of the Soviet Union"), and so does it
        before a person ("former Soviet leader Mikhail Gorbachev" was the Soviet Union's leader).
        names.yaml `former_state_words`, `former_state_nouns`; looks at the words around each name
        only (no pass over the sentence's tokens)."""
        lex = self.lex  # type: ignore[attr-defined]
        past, nouns = lex.former_state_words, lex.former_state_nouns
        n = len(toks)
        drop = None
        for x, (a, b, kind, ent) in enumerate(spans):
            if kind != "name" or a == 0 or b >= n or toks[b].norm not in nouns:
                continue
            k = a - 2 if a >= 2 and toks[a - 1].text == "-" and toks[a - 1].begin == toks[a - 2].end else a - 1
            if toks[k].norm in past and self._is_state(ent):
                drop = (drop or set()) | {x}  # "former Soviet republic": "Soviet" qualifies "republic"
        return spans if drop is None else [sp for x, sp in enumerate(spans) if x not in drop]

    def _communities(self, toks: list[Token], spans: list) -> list:
        """A state's name or demonym right before another state's demonym names a people, not a
        state ("Greek Cypriot leader X", "Turkish Cypriot leader Y", "Bosnian Serb leader Z"): one
        unlinked Group ("Greek Cypriots") over both words, so neither state gets its leader."""
        out, x, n = [], 0, len(spans)
        while x < n:
            a, b, kind, ent = spans[x]
            if x + 1 < n and kind in ("name", "demonym") and spans[x + 1][2] == "demonym" and spans[x + 1][0] == b \
                    and ent is not spans[x + 1][3] and self._is_state(ent) and toks[a].text[:1].isupper():
                b2 = spans[x + 1][1]
                words = " ".join(t.text for t in toks[a:b2])
                label = words if words.endswith("s") else words + "s"
                out.append((a, b2, "name", UnlinkedEntity(unlinked_id(label), "Group", label, (), (), (), None, "text", ())))
                x += 2
                continue
            out.append(spans[x])
            x += 1
        return out

    def _demonym_parties(self, toks: list[Token], spans: list) -> list:
        """A state's demonym that opens a party's name no gazetteer lists ("Serbian Radical Party",
        "Iraqi Islamic Party": capitals up to a word of names.yaml `party_words`) is part of that
        name: neither the state nor a shorter party the name holds ("Islamic Party"); the name
        finder then reads the whole as one unknown organisation."""
        words = self.lex.party_words  # type: ignore[attr-defined]
        if not words or not any(kind == "demonym" for _, _, kind, _ in spans):
            return spans
        drop: set[int] = set()
        n = len(toks)
        for x, (a, b, kind, ent) in enumerate(spans):
            if kind != "demonym" or not self._is_state(ent) or not toks[a].text[:1].isupper():
                continue
            j, inside = b, []
            while j < n and toks[j].text[:1].isupper() and toks[j].begin > toks[j - 1].end:
                k = next((y for y, sp in enumerate(spans) if sp[0] == j), None)
                if k is not None:
                    if spans[k][2] not in ("name", "unlinked") or self._is_state(spans[k][3]):
                        break
                    inside.append(k)
                    j = spans[k][1]
                else:
                    j += 1
            if j > b and toks[j - 1].norm in words and (j == n or not toks[j].text[:1].isupper()):
                drop.add(x)
                drop.update(inside)
        return [sp for y, sp in enumerate(spans) if y not in drop] if drop else spans

    def _compass_pairs(self, toks: list[Token], spans: list) -> list:
        """"North and South Korea", "East and West Germany": the first compass word is the other
        state of the pair, when the gazetteer knows it by that word and the rest of the name."""
        out = list(spans)
        for a, b, kind, ent in spans:
            if kind != "name" or a < 2 or toks[a].norm not in _COMPASS or toks[a - 1].norm != "and" or \
                    toks[a - 2].norm not in _COMPASS or not toks[a - 2].text[:1].isupper() or \
                    any(x[0] <= a - 2 < x[1] for x in spans):
                continue
            name = " ".join([toks[a - 2].text] + [t.text for t in toks[a + 1:b]])
            other = next((e for e in (self.gaz.candidates(name) if hasattr(self.gaz, "candidates") else ())  # type: ignore[attr-defined]
                          if e.type == getattr(ent, "type", None)), None)
            if other is not None:
                out.append((a - 2, a - 1, "name", other))
        return sorted(out, key=lambda x: x[0]) if len(out) > len(spans) else spans

    def _dateline_state(self, place: str) -> Entity | None:
        """The state of a dateline's place (its own state, or the state a city is in)."""
        for e in self.gaz.candidates(place) if hasattr(self.gaz, "candidates") else ():  # type: ignore[attr-defined]
            if self._is_state(e):
                return e
            where = self.gaz.get(e.located_in) if getattr(e, "located_in", None) else None  # type: ignore[attr-defined]
            if where is not None and self._is_state(where):
                return where
        return None

    def _state_named_before(self, toks: list[Token], spans: list, a: int) -> tuple[int, Entity] | None:
        """The state named just before token a (its demonym, name or acting seat, with "'s")."""
        k = a - 1 if a > 0 and toks[a - 1].norm in ("'s", "'") else a
        for x, y, kind, ent in spans:
            if y == k and kind in _KINDS and self._is_state(ent):
                return x, ent  # type: ignore[return-value]
        return None

    def _state_body(self, toks: list[Token], spans: list, roles: list, a: int, b: int,
                    reach: Entity | None) -> tuple[int, int, str, object] | None:
        """A ministry's common name: the gazetteer's body of that state, else one minted for it."""
        before = self._state_named_before(toks, spans, a)
        start, state = before if before is not None else (a, reach)
        if before is None and a > 0 and (toks[a - 1].text[:1].isupper() and toks[a - 1].norm not in ("the", "a")):
            return None  # "Tarnovia Foreign Ministry", "Fatah Interior Ministry": a name kg does not know
        words = " ".join(t.text for t in toks[a:b])
        title = " ".join(w if w.isupper() or w in ("of", "the", "for") else w[:1].upper() + w[1:] for w in words.split())
        titled = not toks[a].text[:1].isupper() and any(ra == b for ra, _, _ in roles)
        if state is None:
            # no state the evidence makes plain: a ministry of no state ("foreign ministry spokesman
            # Abdul Basit"), as the name finder makes one of "Foreign Ministry", rather than a wrong state's
            return (a, b, "name", UnlinkedEntity(unlinked_id(title), "GovernmentBody", title, (), (), (), None, "text", ())) \
                if titled else None
        if before is None and titled:
            # "said foreign ministry spokesman Le Dung" filed from Hanoi: a title in a ministry the text does not name is the state's
            return a, b, "metonym", state
        demonym = state.demonyms[0] if getattr(state, "demonyms", ()) else None
        names = ([f"{d} {title}" for d in state.demonyms] + [f"{state.label}'s {title}", f"{title} of {state.label}"])
        for name in names:
            for e in self.gaz.candidates(name) if hasattr(self.gaz, "candidates") else ():  # type: ignore[attr-defined]
                if getattr(e, "part_of", None) == state.id or e.type == "GovernmentBody" and not getattr(e, "part_of", None):
                    return start, b, "name", e
        label = f"{demonym} {title}" if demonym else f"{state.label}'s {title}"
        # (the IRI as the name finder mints a body after its state's name: "Interior Ministry (Georgia)")
        ent = UnlinkedEntity(unlinked_id(f"{title} ({state.label})"), "GovernmentBody", label, (), (), (), None, "text", (),
                             part_of=state.id)
        return start, b, "name", ent

    def _state_part(self, toks: list[Token], spans: list, roles: list, a: int, b: int,
                    reach: Entity | None, named_before: bool = False) -> tuple[int, int, str, object] | None:
        """"army spokesman", "the military spokesman", "government spokesman": the state in reach,
        as a metonym, before a title (a role of roles.yaml that starts there or right after it), or
        alone as an actor's subject ("the military said") when the state was `named_before` this
        sentence; never after a state or a name ("Pakistan's army spokesman", "Iranian government
        spokesman" keep their state and the rules read them)."""
        if reach is None or self._state_named_before(toks, spans, a) is not None:
            return None
        if a > 0 and toks[a - 1].text[:1].isupper() and toks[a - 1].norm != "the":
            return None  # "Tamil Tigers military spokesman": a name before it, known or not
        if not any(ra == a and rb > b or ra == b for ra, rb, _ in roles) and not (
                named_before and self._acts_alone(toks, a, b)):
            return None
        return a, b, "metonym", reach

    def _acts_alone(self, toks: list[Token], a: int, b: int) -> bool:
        """"the military said", "the army denied", "the rebels say": a generic actor after "the" (no
        possessor before it) as the subject of a verb that opens what an actor does (names.yaml
        `actor_verbs`, `speech_verbs`); "the military operation", "fighting the rebels" are not."""
        lex = self.lex  # type: ignore[attr-defined]
        return (a > 0 and toks[a - 1].norm == "the" and (a < 2 or toks[a - 2].norm not in ("'s", "'")) and
                b < len(toks) and (toks[b].norm in lex.actor_verbs or toks[b].norm in lex.speech_verbs))
