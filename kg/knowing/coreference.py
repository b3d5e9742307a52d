"""Descriptions and pronouns for the mention finder (kg.knowing.mentions.MentionFinder).

Descriptions ("the movement", "the envoy") and pronouns ("he") depend on context: they resolve to
an entity already named in this article, never through a global table, and a pronoun never reaches
past a person kg could not name to one it knows.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from ..reading.text import Token
from .gazetteer import Entity
from .names import Candidate
from .role_mentions import _ADVERBS

if TYPE_CHECKING:
    from .mentions import SentenceAnalysis

PRONOUNS = {"he": "male", "him": "male", "his": "male", "himself": "male",
            "she": "female", "her": "female", "hers": "female", "herself": "female",
            "it": "it"}  # "it" only as an actor's subject before a verb of names.yaml pronoun_actor_verbs
IT = "it"
_SUBJECT_AT = 3  # tokens that may open a sentence before its subject ("On Monday, Iran said")
PRONOUN_REACH = 6  # sentences back that a pronoun may look for its antecedent


class Coreference:
    """Methods of MentionFinder that resolve descriptions and pronouns (a mixin)."""

    def _may_be_someone(self, toks: list[Token], c: Candidate) -> bool:
        """A capitalised word kg did not take for a name (it opens a sentence and the article
        never confirms it) that acts like a speaker ("Kalugin said"): not an entity, but no pronoun
        may reach past it to a person kg knows. Plurals ("Officials said") are not someone."""
        return (c.tentative and c.last < len(toks) and toks[c.last].norm in self.lex.actor_verbs and
                not toks[c.last - 1].norm.endswith("s"))

    def _resolve_description(self, cands: list[Entity], last_named: dict[str, int],
                             named_here: list[tuple[int, object]], at: int, end: int | None = None) -> Entity | None:
        seen = [(last_named[c.id], c.id, c) for c in cands if c.id in last_named]
        if seen:
            return max(seen, key=lambda x: (x[0], x[1]))[2]
        # a name after the description is the one it means only in apposition ("the Sudanese leader,
        # Omar al-Bashir"), never an object further on ("The President will meet with ..., President Kufuor")
        ahead = [p for a, p in named_here if a > at and (end is None or a <= end + 2) and p in cands]
        return ahead[0] if ahead else None  # type: ignore[return-value]

    def _resolve_pronoun(self, gender: str, people: list[tuple[int, bool, Entity | None, int]], quoted: bool,
                         sentence: int, genders: dict[str, str] | None = None) -> Entity | None:
        """The latest person of matching gender within reach; a pronoun outside a quotation skips
        people named inside quotations (in '"...Arafat...," he told', he is the speaker). A person
        kg could not name (an unknown name it could not type, "a spokesman") stops the search: the
        pronoun is left unresolved rather than handed to someone kg knows.

        A pronoun that no person of its own sentence precedes, even quoted ("He later flew to Kiev"), is a
        subject that continues the last sentence that named people: it is that sentence's first
        person (its subject: "Bush met Putin in Moscow. He later flew to Kiev" is Bush), when the
        gender fits and the sentence names no one kg could not name."""
        ok = [p for p in people if not (p[1] and not quoted)]
        if ok and people[-1][3] != sentence and sentence - ok[-1][3] <= PRONOUN_REACH:
            last = ok[-1][3]
            theirs = [p for p in ok if p[3] == last]
            if any(p[2] is None for p in theirs):
                return None
            for _, _, ent, _ in theirs:
                if ((genders or {}).get(ent.id) or ent.gender) in (None, gender):  # type: ignore[union-attr]
                    return ent
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

    def _actor_pronoun(self, toks: list[Token], a: int, sa: "SentenceAnalysis",
                       done: list["SentenceAnalysis"]) -> Entity | None:
        """"It said", "it denied", "what it said was evidence": "it" before a verb of speaking or of
        a stand (names.yaml `pronoun_actor_verbs`) is the state, body or group that is the subject of
        its sentence ("India handed Pakistan a dossier of what it said was evidence") or, when "it"
        opens the sentence or follows a quotation that opens it, of the sentence just before ("The
        Pakistani foreign ministry rejected the charge. It said ..."; '"...," the Foreign Office said
        in a statement. "...," it said'). Only a subject kg knows and that is no person; inside a
        quotation, after a subject that is a person, or with no such subject, "it" is no one (it is
        mostly a thing: "it is", "it would")."""
        lex = self.lex  # type: ignore[attr-defined]
        v = a + 2 if a + 2 < len(toks) and toks[a + 1].norm in _ADVERBS else a + 1  # "It also said", "it later denied"
        if v >= len(toks) or toks[v].norm not in lex.pronoun_actor_verbs or sa.quoted[a]:
            return None
        before = [m for m in sa.mentions if m.kind != "role" and m.last <= a and not m.in_quote]
        if before:
            return self._actor_subject(before, sa)
        if _opening(toks, sa.quoted, 0) + _SUBJECT_AT < a or not done:
            return None  # "it" after other words and no actor before it in its sentence
        prev = done[-1]
        if prev.sentence.index != sa.sentence.index - 1:
            return None
        return self._actor_subject([m for m in prev.mentions if m.kind != "role" and not m.in_quote], prev)

    def _actor_subject(self, mentions: list, sa: "SentenceAnalysis") -> Entity | None:
        """The subject of a sentence, from its mentions outside quotations in order, when it opens the
        sentence (or follows the quotation that opens it) and is a state, a body or a group kg knows
        ("Russian Foreign Minister Lavrov" is Lavrov, a person: no one for "it")."""
        if not mentions or mentions[0].first > _opening(sa.tokens, sa.quoted, 0) + _SUBJECT_AT:
            return None
        m = mentions[0]
        if m.kind == "demonym" and len(mentions) > 1 and mentions[1].first <= m.last + 3:
            m = mentions[1]  # "Russian Foreign Minister Lavrov", "the Pakistani foreign ministry"
        ent = m.entity
        ancestry = self._ancestry.get(getattr(ent, "type", ""), frozenset())  # type: ignore[attr-defined]
        if ent.type in self.person_types or "Agent" not in ancestry or m.members:  # type: ignore[attr-defined]
            return None
        return ent


def _opening(toks: list[Token], quoted: list[bool], i: int) -> int:
    """The first token from i that is neither inside a quotation nor punctuation (a quotation that
    opens a sentence, with its comma, comes before the sentence's own words)."""
    while i < len(toks) and (quoted[i] or not toks[i].text[:1].isalnum()):
        i += 1
    return i


# "They visited Benin": the words a subject list of named parties may hold besides its names
_LIST_GLUE = frozenset({",", "and", "the", "mr", "mrs", "ms", "dr", "."})
_AFTER_WITH = frozenset({"to", "in", "on", "at", "for", "from", "during", "last", "this", ",", ".", ";"})


class PluralPronouns:
    """The method of MentionFinder that reads a subject "they" as the named parties of the sentence
    before (a mixin): "Nicolas Sarkozy and Vladimir Putin arrived in Moscow. They met for two hours";
    "Secretary Rice traveled with the President and Mrs. Bush to Africa. They visited Benin". Only
    when that sentence opens with a coordinated list of two or more named people or states (or one
    person who went "with" such names), nothing else, and "they" opens its own sentence before a
    verb; a "they" of unnamed people ("Thousands of activists gathered ... They marched") stays
    unresolved. The "they" becomes a group mention whose members the rules read as a list."""

    def _plural_pronouns(self, out: list["SentenceAnalysis"]) -> None:
        for k in range(1, len(out)):
            sa, prev = out[k], out[k - 1]
            toks = sa.tokens
            at = _after_adverbial(toks, _opening(toks, sa.quoted, 0), sa, "they")
            if at + 1 >= len(toks) or toks[at].norm != "they" or sa.quoted[at] or \
                    prev.sentence.index != sa.sentence.index - 1 or any(m.first <= at < m.last for m in sa.mentions):
                continue
            if not (toks[at + 1].text.islower() and toks[at + 1].text.isalpha()):
                continue
            ents = self._subject_parties(prev)
            if len(ents) < 2:
                continue
            from .mentions import Mention
            t = toks[at]
            members = tuple(Mention(e, sa.sentence.index, at, at + 1, t.begin, t.end, t.text, "group") for e in ents)
            sa.mentions.append(Mention(ents[0], sa.sentence.index, at, at + 1, t.begin, t.end, t.text, "group",
                                       False, False, members))
            sa.mentions.sort(key=lambda m: (m.first, m.kind == "role"))

    def _subject_parties(self, sa: "SentenceAnalysis") -> tuple[Entity, ...]:
        """The named people or states of the coordinated list that opens sentence sa (with the
        names after "with" when one person opens it and goes with them), or () when the subject is
        anything else: a possessor, a body of unnamed people, a name kg could not type."""
        toks = sa.tokens
        at = _opening(toks, sa.quoted, 0)
        at = _after_adverbial(toks, at, sa, None)
        ents, end = self._party_run(sa, at)
        if not ents or end >= len(toks):
            return ()
        verb = toks[end].norm
        if not (toks[end].text.islower() and (verb in self.lex.they_verbs or verb.endswith("ed") or verb in self.lex.actor_verbs)):  # type: ignore[attr-defined]
            return ()
        if len(ents) == 1 and end + 1 < len(toks) and toks[end + 1].norm == "with":
            more, stop = self._party_run(sa, end + 2)
            if more and (stop >= len(toks) or toks[stop].norm in _AFTER_WITH):
                ents = tuple(dict.fromkeys(ents + more))
        return ents if len(ents) >= 2 else ()

    def _party_run(self, sa: "SentenceAnalysis", i: int) -> tuple[tuple[Entity, ...], int]:
        """The people and states a list from token i names (its names, titles and "and"), and the
        token after it; () when the list holds an entity of another kind or a demonym, is held
        (possessive), is quoted or ends on "and" or a comma."""
        toks = sa.tokens
        cover: dict[int, "object"] = {}
        for m in sa.mentions:
            for j in range(m.first, m.last):
                cover.setdefault(j, m)
        ents: list[Entity] = []
        j, last_m = i, None
        while j < len(toks) and (j in cover or toks[j].norm in _LIST_GLUE):
            if toks[j].norm == "." and not (j > 0 and toks[j - 1].norm in _LIST_GLUE):
                break
            m = cover.get(j)
            if m is not None:
                nxt = cover.get(m.last)  # type: ignore[attr-defined]
                if nxt is not None and not m.possessive and (m.kind == "demonym" or nxt.kind == "role"):  # type: ignore[attr-defined]
                    j = m.last  # type: ignore[attr-defined]  # "South African President Thabo Mbeki": the title's state
                    continue
                if m.in_quote or m.possessive or m.members or m.kind == "demonym":  # type: ignore[attr-defined]
                    return (), j
                if m.kind != "role":  # type: ignore[attr-defined]
                    ent = m.entity  # type: ignore[attr-defined]
                    anc = self._ancestry.get(ent.type, frozenset())  # type: ignore[attr-defined]
                    if not (ent.type in self.person_types or "Country" in anc):  # type: ignore[attr-defined]
                        return (), j
                    ents.append(ent)
                last_m = m
                j = m.last  # type: ignore[attr-defined]
                continue
            j += 1
        if last_m is None or toks[j - 1].norm in (",", "and", "the") or (j < len(toks) and toks[j].norm in ("'s", "'")):
            return (), j
        and_ = any(toks[x].norm == "and" for x in range(i, j))
        ents_ = tuple(dict.fromkeys(ents))
        return (ents_ if len(ents_) == 1 or and_ else ()), j


def _after_adverbial(toks: list[Token], at: int, sa: "SentenceAnalysis", word: str | None) -> int:
    """Where a sentence's subject starts after an opening adverbial that names no one and ends in a
    comma ("On Tuesday, they met"; "Later, Sarkozy and Putin ..."): the token after the comma,
    within _SUBJECT_AT + 2 tokens; else `at`. With `word`, only when that word follows the comma."""
    for c in range(at + 1, min(len(toks) - 1, at + _SUBJECT_AT + 3)):
        if toks[c].norm == ",":
            if any(m.first < c for m in sa.mentions if m.first >= at) or word is not None and toks[c + 1].norm != word:
                return at
            return c + 1
    return at
