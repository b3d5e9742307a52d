"""Reading verbs without a tagger: which forms of the pack's verbs in a sentence are verbs.

A form the words around it make a noun or an adjective is skipped ("a brief private visit",
"a Georgian offer", "other transport links", "with visiting X"), as is what is alleged after
"of" + gerund ("accused X of sending troops to help Y"). kg.rules.cameo.coder codes the rest.
"""
from __future__ import annotations

from typing import Sequence

from .pack import CameoPack, _Verb
from .phrases import AUXILIARIES, BE, CLAUSE_END, DETERMINERS, PREPOSITIONS

QUANTIFIERS = frozenset("other another some many several few each both all such two three four five six seven eight "
                        "nine ten dozens hundreds thousands".split())  # like a determiner before a noun
PRONOUNS = frozenset("he she it they we i you who which that this there".split())
ADVERBS = frozenset("also still now often frequently again already never then reportedly repeatedly just "
                    "only even not n't".split())


class VerbReader:
    """Finds the verbs of a sentence with one pack; `adjectives` are the tokens of actors named
    by an adjective (kg's demonyms), which may modify a noun after a determiner."""

    def __init__(self, pack: CameoPack, adjectives: set[int] | None = None):
        self.pack = pack
        self._adjectives = adjectives or set()

    def find(self, toks: Sequence[str], taken: set[int]) -> list[tuple[int, int, int, _Verb]]:
        """(first, last, head index, verb) for every verb form read as a verb."""
        out: list[tuple[int, int, int, _Verb]] = []
        alleged = len(toks)  # where "of" + gerund begins what is alleged ("accused X of sending ...")
        forms, verbs_of = self.pack.verbs, self.pack.verbs_of
        for i, t in [(i, t) for i, t in enumerate(toks) if t in forms]:  # the few verb forms of the sentence
            if i in taken:
                continue
            for v in verbs_of(t):
                a, b = i - len(v.before), i + 1 + len(v.after)
                if a < 0 or tuple(toks[a:i]) != v.before or tuple(toks[i + 1:b]) != v.after:
                    continue
                if not v.after and not v.before and (self._after_determiner(toks, a, taken, t == v.head)
                                                     or self._plural_noun(toks, a, taken, v)
                                                     or self._modifier(toks, a, taken)):
                    continue  # "an attack", "a Georgian offer", "transport links", "with visiting": a noun
                if a > 0 and toks[a - 1] == "(" and b < len(toks) and toks[b] == ")":
                    continue  # "Musa Abu Marzuk (left)": a caption's position
                if a > 0 and toks[a - 1] == "of" and t.endswith("ing"):
                    alleged = min(alleged, a)
                    continue  # "accuses Russia of encouraging X": what is alleged, not an event
                if alleged < a and not any(toks[x] in CLAUSE_END for x in range(alleged, a)):
                    continue  # "... of sending troops to help prop up Y": still what is alleged
                out.append((a, b, i, v))
                break
        return out

    def _after_determiner(self, toks: Sequence[str], a: int, taken: set[int], base: bool = False) -> bool:
        """A determiner before the word, with at most two modifiers between ("a brief private"),
        adverbs of those modifiers ("Russia's newly returned ambassador"), and, before a base form
        (which may be a noun), an actor right after the determiner used as an adjective: after "a"
        any ("a Georgian offer", "a police raid"), after "the" or a possessive only an adjective
        the caller marks (kg's demonyms: "the Iranian visit"; not "the Central African Republic
        agree")."""
        k = a - 1
        step = 0
        while step < 3:
            if k < 0:
                return False
            w = toks[k]
            if w in DETERMINERS:
                return True
            if w in QUANTIFIERS or w.isdigit():  # "other transport links", "two visits"; not "they all agreed"
                return base or toks[a].endswith("s")
            if k in taken:
                j = k
                while j > 0 and j - 1 in taken:
                    j -= 1
                return base and j > 0 and (toks[j - 1] in ("a", "an") or toks[j - 1] in DETERMINERS
                                           and all(x in self._adjectives for x in range(j, k + 1)))
            if w.endswith("ly") and w.isalpha() and k > 0 and (toks[k - 1] in DETERMINERS or k - 1 in taken):
                k -= 1
                continue  # "'s newly returned"
            if (k in taken or not w.isalpha() or w in AUXILIARIES or w in BE or w in PREPOSITIONS or w.endswith("ly")
                    or w in ("not", "n't", "to", "and", "or", "that", "ever", "never") or w.endswith("ed")):
                return False
            if not (base or toks[a].endswith(("s", "ing"))):
                return False  # a past form after a noun is its verb: "X's new mayor left"
            k -= 1
            step += 1
        return False

    def _plural_noun(self, toks: Sequence[str], a: int, taken: set[int], v: _Verb) -> bool:
        """A verb's -s form that is a plural noun ("other transport links", "disputes about",
        "high-level talks"): it is a verb only after what can be its subject (an actor or
        agent, a pronoun, an adverb after one), or after "and", "but" or a comma when a noun
        phrase follows it ("and accuses Georgia of")."""
        w = toks[a]
        if w == v.head or not w.endswith("s") or w.endswith("ss"):
            return False
        k = a - 1
        while k >= 0 and (toks[k] in ADVERBS or toks[k].endswith("ly") and toks[k].isalpha()):
            k -= 1
        if k < 0:
            return True
        p = toks[k]
        if k in taken:  # after an actor, unless that actor is an earlier verb's object ("struck Hamas targets in")
            j = k
            while j > 0 and j - 1 in taken:
                j -= 1
            return j > 0 and any(toks[j - 1] != v.head for v in self.pack.verbs_of(toks[j - 1]))
        if p in PRONOUNS:
            return False
        if p in ("and", "but", ",", "or", "also"):
            nxt = toks[a + 1] if a + 1 < len(toks) else ""
            return not (a + 1 in taken or nxt in DETERMINERS or nxt in PRONOUNS)
        return True

    def _modifier(self, toks: Sequence[str], a: int, taken: set[int]) -> bool:
        """An -ing form between "with" and an actor is its adjective ("met with visiting Foreign
        Minister X"), not a verb."""
        return toks[a].endswith("ing") and a > 0 and toks[a - 1] == "with" and a + 1 in taken
