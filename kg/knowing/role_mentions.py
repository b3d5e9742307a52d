"""Role mentions and seats of power for the mention finder (kg.knowing.mentions.MentionFinder).

Roles ("foreign minister") are mentions of type Role; who holds one is read from the text
("Foreign Minister Sergei Lavrov"), and "the envoy" refers to the latest holder. Capitals and
seats of power that act ("Moscow demanded", "the Kremlin said") stand for their state (metonymy).
"""
from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from ..reading.document import Article
from ..reading.text import Token
from .gazetteer import Entity
from .names import plain
from .roles import RoleEntity

if TYPE_CHECKING:
    from .mentions import Mention, SentenceAnalysis

_NONE: frozenset[str] = frozenset()  # the ancestry of a type the vocabulary does not know
_EARLY = date.min  # an affiliation open at its start sorts first
# heads of a state or government: "the Georgian president" may be the one such person the article named
_HEADS = frozenset({"kgo:President", "kgo:PrimeMinister", "kgo:Chancellor", "kgo:King", "kgo:Emir", "kgo:Leader"})
_POSSESSIVES = frozenset({"his", "her", "its", "their", "our", "my", "your"})  # "their officials in": whose?
_ADVERBS = frozenset({"later", "also", "again", "then", "still", "now", "too", "himself", "herself", "earlier", "once"})



class RoleMentions:
    """Methods of MentionFinder for roles, their holders and acting seats of power (a mixin)."""

    def _metonymy(self, toks: list[Token], spans: list[tuple[int, int, str, object]],
                  keys: list[str] | None = None) -> list[tuple[int, int, str, object]]:
        """Capitals and seats of power that act become their state ("Moscow demanded"); a capital
        known only as a description of its state stays a place where it does not act; a seat the
        gazetteer lists as a body (a government body) stays that body.

        `keys`: the tokens' normal forms without diacritics (the tries' keys), if the caller has them."""
        if keys is None:
            keys = [plain(t.norm) for t in toks]
        spans = self._governments(spans, keys)
        heads = self.seats.next
        out: list[tuple[int, int, str, object]] = []
        taken = set()
        for a, b, kind, payload in spans:
            hit = self._longest(self.seats, toks, a, keys) if kind in ("name", "description") and keys[a] in heads else None
            if hit is not None and hit[0] == b and not (kind == "name" and "Place" not in self._ancestry.get(payload.type, _NONE)
                                                        and not self._seat_government(payload, hit[1][0])):  # type: ignore[arg-type]
                # (a seat the gazetteer names as a body is that body, "the Pentagon", unless the body is
                # the state's government itself, "the Kremlin", "the White House": then, acting, the state)
                if self._acts(toks, a, b):
                    out.append((a, b, "metonym", hit[1][0]))
                    taken.update(range(a, b))
                    continue
                s = self._governs_from(toks, a)
                if s is not None and out and out[-1][1] > s and out[-1][2] == "description" and out[-1][0] >= s - 1:
                    out.pop()  # "the government" as a description of some government: this one's, named here
                if s is not None and (not out or out[-1][1] <= s):  # "the government in Kinshasa": the state
                    out.append((s, b, "metonym", hit[1][0]))
                    taken.update(range(s, b))
                    continue
                if kind == "description":
                    continue  # "in Washington": the city, which the unknown-name finder will name
            out.append((a, b, kind, payload))
            taken.update(range(a, b))
        if heads.keys().isdisjoint(keys):
            return out  # no word of the sentence opens a seat's name (most): nothing more to look at
        after = 0  # seats no gazetteer lists ("the Kremlin"), left to right, not overlapping
        for i in [i for i, k in enumerate(keys) if k in heads]:
            if i < after or i in taken:
                continue
            hit = self._longest(self.seats, toks, i, keys)
            if hit is not None and not any(k in taken for k in range(i, hit[0])) and self._acts(toks, i, hit[0]):
                out.append((i, hit[0], "metonym", hit[1][0]))
                after = hit[0]
        return sorted(out, key=lambda x: x[0])

    def _governs_from(self, toks: list[Token], a: int) -> int | None:
        """The first token of "the government in", "officials in", "senior government officials in"
        before a capital at token a (names.yaml `capital_people`): those who govern from it, so its
        state. None after a name, a demonym, a possessive or another noun ("U.S. officials in",
        "Hamas leaders in", "opposition officials in", "their officials in")."""
        lex = self.lex
        k = a - 2
        if k < 0 or toks[a - 1].norm != "in" or toks[k].norm not in lex.capital_people:
            return None
        j = k - 1
        while j >= 0 and toks[j].norm in lex.capital_people_modifiers:
            j -= 1
        if j >= 0 and not (toks[j].norm in lex.function_words and toks[j].norm not in _POSSESSIVES or
                           toks[j].norm in lex.object_verbs or toks[j].norm in lex.capital_people_verbs):
            return None
        return j + 1

    def _governments(self, spans: list[tuple[int, int, str, object]], keys: list[str]) -> list[tuple[int, int, str, object]]:
        """A leader's name before a word of government ("the Bush administration", "the Obama White
        House", "the Olmert government", "Mubarak's government": names.yaml `government_words`) is the
        state he governs, not the person: one metonym over the name and the words (a span that starts in
        them goes)."""
        words = self.lex.government_words
        if not words:
            return spans
        firsts = self.__dict__.get("_government_firsts")
        if firsts is None:  # (made once per finder)
            firsts = self.__dict__["_government_firsts"] = frozenset(w[0] for w in words)
        out: list[tuple[int, int, str, object]] = []
        end = -1
        for a, b, kind, ent in spans:
            if a < end:
                continue  # "White House" after "Obama": inside the metonym
            o = b + 1 if b + 1 < len(keys) and keys[b] in ("'s", "'") and keys[b + 1] in self.lex.owned_governments else b
            if kind == "name" and o < len(keys) and keys[o] in firsts and ent.type in self.person_types:  # type: ignore[attr-defined]
                w = next((w for w in words if tuple(keys[o:o + len(w)]) == w), None)
                state = self._governed(ent) if w is not None else None  # type: ignore[arg-type]
                if state is not None and w is not None:
                    end = o + len(w)
                    out.append((a, end, "metonym", state))
                    continue
            out.append((a, b, kind, ent))
        return out

    def _governed(self, person: Entity) -> Entity | None:
        """The state whose plain government code (USAGOV, ISRGOV) a person's affiliations hold, the
        latest one when several; None for a person with none (a rebel leader's "camp" is no state)."""
        best = None
        for af in getattr(person, "affiliations", ()):
            code = af.code or ""
            if af.sector == "GOV" and af.of and len(code) == 6 and code.endswith("GOV") and (
                    best is None or (af.start or _EARLY) >= (best.start or _EARLY)):
                best = af
        if best is None:
            return None
        state = self.gaz.get(best.of) if hasattr(self.gaz, "get") else None
        return state if state is not None and "Country" in self._ancestry.get(state.type, _NONE) else None

    def _speaks(self, toks: list[Token], a: int, b: int) -> bool:
        """Whether the person named at tokens a..b is a sentence's speaker: "said Igor Ivanov, ...",
        "Lavrov said", "Lavrov told" (names.yaml `speech_verbs`)."""
        verbs = self.lex.speech_verbs
        if b < len(toks) and (toks[b].norm in verbs or toks[b].norm == "," and b + 1 < len(toks) and toks[b + 1].norm in verbs):
            return True  # "Lavrov said", "Iran's chief negotiator, Ali Larijani, told reporters"
        k = a - 1
        while k >= max(a - 6, 0) and (toks[k].text[:1].isupper() or toks[k].norm in ("'s", "'", ".")):
            k -= 1  # "said Defence Minister Arvid Kolstad", "said Russia's Foreign Minister Sergei Lavrov"
        return k >= 0 and toks[k].norm in verbs

    def _same_speaker(self, toks: list[Token], a: int, gender: str, speakers: list[tuple[int, Entity]],
                      order: int, genders: dict[str, str]) -> Entity | None:
        """A pronoun that opens a sentence ("He said", "His comments were relayed") continues the
        previous sentence's speaker ("..., said Igor Ivanov, who is due to meet Bezhuashvili. He
        said ..." is Ivanov, not the person last named): the subject goes on; None to resolve it as
        any pronoun when that sentence had no speaker of the pronoun's gender."""
        if a != 0 or not speakers:
            return None
        k, ent = speakers[-1]
        if k != order - 1:
            return None
        return ent if ((genders or {}).get(ent.id) or ent.gender) in (None, gender) else None

    @staticmethod
    def _seat_government(body: Entity, state: Entity) -> bool:
        """Whether a body named as a seat of power is its state's government itself: one of its codes
        is the state's code with GOV and nothing more (the Kremlin's RUSGOV, not the Pentagon's USAMIL)."""
        own = {c.code for c in getattr(state, "codes", ())}
        return any(c.code.endswith("GOV") and c.code[:-3] in own for c in getattr(body, "codes", ()))

    def _acts(self, toks: list[Token], a: int, b: int) -> bool:
        """Whether a capital or seat at tokens a..b acts (is the subject of a verb of acting or
        speaking, owns a position, or is the object of an act: names.yaml `object_verbs`): then it
        stands for its state; else it is the place."""
        lex = self.lex
        p = a - 1
        if p >= 0 and toks[p].norm == "the":
            p -= 1
        prev = toks[p].norm if p >= 0 else ""
        if prev in lex.object_verbs or p > 0 and f"{toks[p - 1].norm} {prev}" in lex.object_verbs:
            return True  # the object of an act: "accused Khartoum of", "urged Moscow to", "called on Tehran to"
        j = self._list_opener(toks, p)
        if j > 0 and (toks[j].norm in lex.object_verbs or f"{toks[j - 1].norm} {toks[j].norm}" in lex.object_verbs):
            return True  # a later object of the act: "accused Moscow and Beijing of", "urged London, Paris and Berlin to"
        if prev == "that" and p > 0 and toks[p - 1].norm in lex.demand_that_verbs:
            return True  # the subject of what is demanded of it: "demanded that Pyongyang not conduct"
        if prev in ("on", "against") and p > 0 and toks[p - 1].norm in lex.act_nouns:
            return True  # "imposed sanctions on Damascus", "an arms embargo on Asmara"
        if prev == "of" and p > 0 and toks[p - 1].norm in lex.stance_nouns:
            return True  # "a fierce opponent of Washington", "a close ally of Moscow": a state's rival or friend
        if self._reacts_from(toks, j) and not (b < len(toks) and toks[b].norm == "to"):
            return True  # "drawing protests from Beijing", "condemnation from Washington and Brussels" (not "from X to Y")
        if prev in lex.place_preps or prev in ("to", "from", "via", "of", "for", "outside", "between"):
            return False
        if prev == "by":
            return True
        k = b
        if k + 2 < len(toks) and toks[k].norm == "," and toks[k + 1].norm in ("a", "an", "one"):
            j = k + 2  # "Moscow, a member of the Quartet,", "Beijing, a permanent member of": an apposition
            while j < min(len(toks), k + 5) and toks[j].norm not in lex.stance_nouns:
                j += 1
            if j + 1 < len(toks) and toks[j].norm in lex.stance_nouns and toks[j + 1].norm == "of":
                return True
        if k < len(toks) and toks[k].norm in ("'s", "'"):
            j = k + 1
            if j + 1 < len(toks) and toks[j].text.isupper() and toks[j + 1].norm in self.roles.next:
                j += 1  # "Washington's U.N. ambassador": an acronym between (the body the post is at)
            if j < len(toks) and toks[j].norm in self.roles.next:  # "Washington's chief nuclear envoy"
                r = self._longest(self.roles, toks, j)
                if r is not None and any(getattr(x, "body", "") == "state" and getattr(x, "sector", None) for x in r[1]):
                    return True  # a state's post ("Moscow's mayor" is the city's: body city)
            return k + 1 < len(toks) and toks[k + 1].norm in lex.actor_nouns
        if k < len(toks) and toks[k].norm in self.roles.next:  # "Kremlin spokesman", "White House officials"
            r = self._longest(self.roles, toks, k)
            if r is not None and any(getattr(x, "body", "") in ("state", "organization") for x in r[1]):
                return True  # the seat's post is the state's ("Moscow mayor" is the city's: body city)
        while k < len(toks) and (toks[k].norm.endswith("ly") or toks[k].norm in ("on", "last", "this") or
                                 toks[k].norm in lex.not_names or toks[k].norm.isdigit()):
            k += 1  # "Moscow strongly condemned", "Tehran on Monday rejected"
        return k < len(toks) and toks[k].norm in lex.actor_verbs

    def _reacts_from(self, toks: list[Token], j: int) -> bool:
        """Whether the capital is the source of a reaction: j, the token before it or before the list
        it ends (`_list_opener`), is "from" after a noun of names.yaml `reaction_nouns` ("drawing
        protests from Beijing", "condemnation from Washington and Brussels")."""
        return j >= 1 and toks[j].norm == "from" and toks[j - 1].norm in self.lex.reaction_nouns

    @staticmethod
    def _list_opener(toks: list[Token], p: int) -> int:
        """The token before a list of capitalised names whose last member follows token p, when p
        is "and" or "," ("from" of "from Washington and Brussels", "accused" of "accused Moscow and
        Beijing"); p itself otherwise; -1 when the list opens the sentence."""
        if p < 0 or toks[p].norm not in ("and", ","):
            return p
        while p >= 0 and (toks[p].norm in ("and", ",", "the") or toks[p].text[:1].isupper()):
            p -= 1  # back over the list's earlier members
        return p

    def _roles(self, toks: list[Token], spans: list[tuple[int, int, str, object]],
               keys: list[str] | None = None) -> list[tuple[int, int, RoleEntity]]:
        """Role mentions, longest first, outside names ("Vice President" is never a "President").
        `keys` as for _metonymy."""
        if keys is None:
            keys = [plain(t.norm) for t in toks]
        heads = self.roles.next
        if heads.keys().isdisjoint(keys):
            return []  # no word of the sentence opens a role's name
        blocked = set()
        for a, b, kind, _ in spans:
            if kind in ("name", "demonym", "metonym"):
                blocked.update(range(a, b))
        out = []
        after = 0
        for i in [i for i, k in enumerate(keys) if k in heads]:
            if i < after or i in blocked:
                continue
            hit = self._longest(self.roles, toks, i, keys)
            if hit is not None and not any(k in blocked for k in range(i, hit[0])):
                out.append((i, hit[0], hit[1][0]))  # type: ignore[arg-type]
                after = hit[0]
        return out

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
            p = toks[k - 1].norm if k > 0 else ""  # a verb after its subject: "troops ousted President X", "the coup that ousted"
            return not (toks[k].norm in lex.past_title_verbs and p.isalpha() and not p.endswith("ly") and
                        (p not in lex.function_words or p in ("that", "which", "who")))
        if b < len(toks) and toks[b].norm in lex.future_title_words:
            return True
        return b + 1 < len(toks) and toks[b].text == "-" and toks[b + 1].norm in lex.future_title_words

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
        before = len(holders)  # holders of earlier sentences; this sentence's count only before the reference
        here: dict[int, int] = {}  # index in holders -> token of the title or name in this sentence
        for a, b, role in roles:
            k = b
            if k + 1 < len(toks) and toks[k].text == "," and (a == 0 or toks[a - 1].norm in ("the", "'s", "'") or
                                                             a - 1 in ends):
                k += 1  # "Iran's chief negotiator, Ali Larijani", "the foreign minister, Sergei Lavrov"
            while k < len(toks) and (toks[k].norm in self.lex.honorifics or toks[k].text == "."):
                k += 1
            m = at.get(k)
            if m is not None and m.entity.type in self.person_types:  # title before the name
                here[len(holders)] = a
                holders.append((role, m.entity, self._state_before(toks, a, ends)))
                attached.add(a)
        for m in people:  # NAME, [the|a] [COUNTRY's|demonym|modifiers] ROLE
            if m.last < len(toks) and toks[m.last].text == ",":
                for a, b, role in roles:
                    if m.last < a <= m.last + 6 and not any(toks[x].text in ',;:.!?"“”()' for x in range(m.last + 1, a)) and \
                            not (b < len(toks) and toks[b].norm in ("'s", "'")):  # "X, the Secretary-General's envoy": not his title
                        here[len(holders)] = m.first
                        holders.append((role, m.entity, self._state_before(toks, a, ends)))
                        attached.add(a)
                        break
        for a, b, role in roles:
            self._add(sa, art, role, a, b, "role", last_named, [])
            if a in attached:
                continue
            # "The President will meet with ..., President Kufuor": no holder named after the reference
            known = holders[:before] + [h for i, h in enumerate(holders[before:], before) if here.get(i, a) < a]
            ref = self._role_reference(toks, a, b, role, known, ends, at, last_named)
            body = self._default_body(toks, a, b, role, roles) if ref is None else None
            if ref is not None:
                first, ent = ref
                self._add(sa, art, ent, first, b, "description", last_named, recent_people)
            elif body is not None:  # "the Secretary-General's Special Representative": the UN's, its holder unnamed
                self._add(sa, art, body, a - 1, b, "body", {}, [])  # (no actor named: "both sides", "it" skip it)
            else:  # someone kg cannot name ("a spokesman said"): no pronoun may reach past him
                recent_people.append((toks[a].begin, sa.quoted[a], None, sa.sentence.index))

    def _default_body(self, toks: list[Token], a: int, b: int, role: RoleEntity,
                      roles: list[tuple[int, int, RoleEntity]]) -> Entity | None:
        """The body (roles.yaml `default_body`) that "the <role>'s" stands for before another title
        when the article names no holder of the role: "the Secretary-General's Special
        Representative" is the UN's."""
        if not role.default_body or a == 0 or toks[a - 1].norm != "the" or b + 1 >= len(toks) or \
                toks[b].norm not in ("'s", "'") or not any(r_a == b + 1 for r_a, _, _ in roles):
            return None
        get = getattr(self.gaz, "get", None)
        return get(role.default_body) if get is not None else None

    def _state_before(self, toks: list[Token], a: int, ends: dict[int, Mention]) -> Entity | None:
        """The state or body written just before a role ("Russian", "Russia's", "the EU's")."""
        m = ends.get(a) or (ends.get(a - 1) if a > 0 and toks[a - 1].norm in ("'s", "'") else None)
        if m is not None and m.entity.type not in self.person_types:
            return m.entity
        return None

    def _role_reference(self, toks: list[Token], a: int, b: int, role: RoleEntity,
                        holders: list[tuple[RoleEntity, Entity, Entity | None]], ends: dict[int, Mention],
                        at: dict[int, Mention], last_named: dict[str, int] | None = None) -> tuple[int, Entity] | None:
        """"the foreign minister" -> (first token, the person who holds it in this article); "the
        Georgian president" with no holder titled so -> the one person named so far whom the
        gazetteer has in that state's government then (a head's title only)."""
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
        held = [(person, st) for r, person, st in reversed(holders)
                if self.role_lex.narrower_or_same(r.id, role.id) and (state is None or st is state)]
        if held and state is None and len({p.id for p, _ in held}) > 1:
            # a bare "the Secretary-General" repeats a bare title (or the role's default body's): the
            # holder titled so, not a later "Forces Nouvelles Secretary-General" (the most recent if none)
            body = role.default_body
            bare = next((p for p, st in held if st is None or body is not None and st.id == body), None)
            if bare is not None:
                return first, bare
        if held:
            return first, held[0][0]
        if state is not None and last_named and role.id in _HEADS and hasattr(self.gaz, "get") and \
                (b >= len(toks) or toks[b].norm not in ("'s", "'")):  # "the Israeli prime minister's office" is no one
            ruling = {e.id: e for e in (self.gaz.get(i) for i in last_named) if e is not None and
                      e.type in self.person_types and self._governed(e) is state}
            if len(ruling) == 1:
                return first, next(iter(ruling.values()))
        return None
