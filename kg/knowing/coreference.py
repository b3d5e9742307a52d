"""Descriptions and pronouns for the mention finder (kg.knowing.mentions.MentionFinder).

Descriptions ("the movement", "the envoy") and pronouns ("he") depend on context: they resolve to
an entity already named in this article, never through a global table, and a pronoun never reaches
past a person kg could not name to one it knows.
"""
from __future__ import annotations

from ..reading.text import Token
from .gazetteer import Entity
from .names import Candidate

PRONOUNS = {"he": "male", "him": "male", "his": "male", "himself": "male",
            "she": "female", "her": "female", "hers": "female", "herself": "female"}
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
