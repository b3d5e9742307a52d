"""Plural group mentions ("six world powers", "the two sides", "both men", "the pair") resolved to
the entities a nearby list names.

A report names the parties once ("United States, Russia, China, France, and Britain, along with
Germany") and then counts them ("the six countries", "the two leaders"), in the sentence before or
after. Read at mention level, the group phrase stands for every member, so every sentence rule
(met, agreed, visited, said ...) reads "the six countries met in London" as it reads the list
itself, one fact per member (kg.rules.engine expands a group mention like a list slot).

Precision before recall: a phrase is resolved only when it counts its members (a number or
"both"), and only to a list of exactly that many entities of the noun's type; when the nearest
sentence that has such a list has two different ones (or the sentence before and the one after
disagree), nothing is resolved. The words are data (data/groups.yaml).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import Problem, RuleError
from ..yamlfile import LDict, LList, load_yaml

if TYPE_CHECKING:  # pragma: no cover
    from .gazetteer import Entity
    from .mentions import Mention, SentenceAnalysis
    from .vocab import Vocabulary

KEYS = {"reach", "numbers", "pair_words", "pair_nouns", "determiners", "modifiers", "nouns", "list_words", "coordinators",
        "not_after", "apposition", "known"}
_MEMBER_KINDS = frozenset({"name", "unlinked", "metonym", "description", "demonym"})


@dataclass
class GroupLexicon:
    """The words of data/groups.yaml, as sets for the finder."""

    before: int = 3
    after: int = 1
    numbers: dict[str, int] = field(default_factory=dict)
    pair_words: frozenset[str] = frozenset()
    pair_nouns: dict[str, str] = field(default_factory=dict)
    determiners: frozenset[str] = frozenset()
    modifiers: frozenset[str] = frozenset()
    nouns: dict[str, str] = field(default_factory=dict)
    list_words: frozenset[str] = frozenset()
    coordinators: frozenset[str] = frozenset()
    not_after: frozenset[str] = frozenset()  # a list after these words names targets, not parties ("sanctions on A, B and C")
    apposition: frozenset[str] = frozenset()  # a list after the phrase in its own sentence follows one of these ("the six countries -- A, B ...")
    openers: frozenset[str] = frozenset()  # words a group phrase can begin with
    counters: frozenset[str] = frozenset()  # words every group phrase holds (a count, "both", "pair"): a quick test per sentence
    known: dict[tuple[str, int], tuple[str, ...]] = field(default_factory=dict)  # (noun, count) -> member ids, when no list names them

    def __bool__(self) -> bool:
        return bool(self.nouns or self.pair_nouns)


def load_groups(path: Path, voc: Vocabulary | None = None) -> GroupLexicon:
    """Load and validate data/groups.yaml (absent: no group is ever read); every problem as FILE:LINE."""
    if not path.is_file():
        return GroupLexicon()
    doc = load_yaml(path)
    problems: list[Problem] = []

    def bad(line: int, msg: str) -> None:
        problems.append(Problem(str(path), line, msg))
    if not isinstance(doc, LDict):
        raise RuleError([Problem(str(path), 1, "a groups file is a mapping (nouns, numbers, reach, ...)")])
    for k in sorted(set(doc) - KEYS):
        bad(doc.key_lines.get(k, 1), f"unknown key {k!r} (known: {', '.join(sorted(KEYS))})")

    def words(key: str) -> frozenset[str]:
        v = doc.get(key, [])
        if not isinstance(v, LList) or not all(isinstance(w, str) and w.strip() for w in v):
            bad(doc.key_lines.get(key, 1), f"'{key}' is a list of words")
            return frozenset()
        return frozenset(w.strip().lower() for w in v)

    def typed(key: str) -> dict[str, str]:
        v = doc.get(key, {})
        if not isinstance(v, LDict):
            bad(doc.key_lines.get(key, 1), f"'{key}' maps a word to an entity type")
            return {}
        out = {}
        for w, t in v.items():
            if not isinstance(t, str) or voc is not None and t not in voc.types:
                bad(v.key_lines.get(w, 1), f"{w!r}: {t!r} is not an entity type of the vocabulary")
                continue
            out[str(w).lower()] = t
        return out
    lex = GroupLexicon()
    nums = doc.get("numbers", {})
    if not isinstance(nums, LDict) or not all(isinstance(n, int) and n >= 2 for n in nums.values()):
        bad(doc.key_lines.get("numbers", 1), "'numbers' maps a count word to a whole number of at least 2")
    else:
        lex.numbers = {str(w).lower(): n for w, n in nums.items()}
    reach = doc.get("reach", {})
    if not isinstance(reach, LDict) or set(reach) - {"before", "after"} or \
            not all(isinstance(n, int) and 0 <= n <= 10 for n in reach.values()):
        bad(doc.key_lines.get("reach", 1), "'reach' is {before: N, after: N}, sentences (0 to 10)")
    else:
        lex.before, lex.after = reach.get("before", lex.before), reach.get("after", lex.after)
    lex.pair_words, lex.determiners, lex.modifiers = words("pair_words"), words("determiners"), words("modifiers")
    lex.list_words, lex.coordinators = words("list_words"), words("coordinators")
    lex.not_after, lex.apposition = words("not_after"), words("apposition")
    lex.nouns, lex.pair_nouns = typed("nouns"), typed("pair_nouns")
    known = doc.get("known", [])
    for item in known if isinstance(known, LList) else [None]:
        ids = item.get("members") if isinstance(item, LDict) else None
        if not (isinstance(item, LDict) and isinstance(item.get("noun"), str) and isinstance(ids, LList) and
                all(isinstance(i, str) for i in ids) and item.get("count") == len(ids) >= 2):
            bad(getattr(item, "line", doc.key_lines.get("known", 1)), "'known' is a list of {noun, count, members: [entity ids]}, count = number of members")
            continue
        lex.known[(item["noun"].lower(), item["count"])] = tuple(ids)
    if problems:
        raise RuleError(problems)
    lex.openers = frozenset(lex.numbers) | lex.pair_words | lex.determiners
    lex.counters = frozenset(lex.numbers) | lex.pair_words | frozenset(lex.pair_nouns)
    return lex


def _number(w: str, lex: GroupLexicon) -> int | None:
    n = lex.numbers.get(w)
    if n is None and len(w) < 3 and w.isascii() and w.isdigit():  # "²" is a digit to Python, not a count
        n = int(w)
    return n if n is None or n >= 2 else None


def find_phrases(norms: list[str], lex: GroupLexicon) -> list[tuple[int, int, int, str]]:
    """Group phrases of one sentence: (first token, end token, count, member type).
    "the six world powers", "six world powers", "both men", "both the sides", "the pair"."""
    out = []
    n, i = len(norms), 0
    while i < n:
        w = norms[i]
        if w not in lex.openers and not (w.isascii() and w.isdigit()):
            i += 1
            continue
        start, j, count = i, i, None
        if norms[j] in lex.determiners:
            j += 1
            if j < n and norms[j] in lex.pair_nouns and norms[start] == "the":  # "the pair"
                if j + 1 >= n or norms[j + 1] != "of":
                    out.append((start, j + 1, 2, lex.pair_nouns[norms[j]]))
                i = j + 1
                continue
        if j < n and norms[j] in lex.pair_words:
            count, j = 2, j + 1
            if j < n and norms[j] == "the":
                j += 1
        elif j < n:
            count = _number(norms[j], lex)
            if count is not None:
                j += 1
        if count is None:
            i += 1
            continue
        while j < n and norms[j] in lex.modifiers and norms[j] not in lex.nouns:
            j += 1
        # "the six countries", not "the six countries' ministers"? Both: the possessive is theirs.
        if j < n and norms[j] in lex.nouns and (j + 1 >= n or norms[j + 1] != "of"):
            out.append((start, j + 1, count, lex.nouns[norms[j]]))
            i = j + 1
            continue
        i += 1
    return out


class Groups:
    """The method of MentionFinder that adds group mentions to an analysed article (a mixin)."""

    group_lex: GroupLexicon

    def _groups(self, out: list[SentenceAnalysis]) -> None:
        """Add a mention of kind "group" for each group phrase that resolves; its `members` are
        one mention per entity, spanning the phrase (what a rule binds, one fact each)."""
        lex = getattr(self, "group_lex", None)
        if not lex:
            return
        found = []
        for k, sa in enumerate(out):
            norms = [t.norm for t in sa.tokens]
            if not lex.counters.isdisjoint(norms) or any(w.isascii() and w.isdigit() for w in norms):
                for ph in find_phrases(norms, lex):
                    found.append((k, ph))
        if not found:
            return
        from .mentions import Mention

        ancestors: dict[str, frozenset[str]] = getattr(self, "_ancestry", {})
        memo: dict[tuple[int, str, bool], list[tuple[tuple[Entity, ...], int, int]]] = {}

        def fits(m: Mention, t: str) -> bool:
            """A member of a group of type t: of that type, or a name kg could not type (an
            unlinked "Agent": "Khurshid Kasuri") in a group of people."""
            typ = m.entity.type
            return m.kind in _MEMBER_KINDS and (t in ancestors.get(typ, frozenset()) or
                                                t == "Person" and m.kind == "unlinked" and typ == "Agent") and \
                (m.kind != "demonym" or t == "Country")

        def lists(k: int, t: str, pairs: bool) -> list[tuple[tuple[Entity, ...], int, int]]:
            """The coordinated lists of sentence k whose members are of type t (each as its
            distinct entities in order, with its first and end token); with `pairs`, a sentence
            with no list but exactly two such entities ("Mukherjee met Kasuri over lunch") gives
            them as its one pair. A list after "on" or "against" names targets ("sanctions on
            A, B and C"), not parties: no list."""
            key = (k, t, pairs)
            hit = memo.get(key)
            if hit is not None:
                return hit
            sa = out[k]
            ms = sorted((m for m in sa.mentions if fits(m, t) and not m.members), key=lambda m: m.first)
            norms = [tk.norm for tk in sa.tokens]
            res: list[tuple[tuple[Entity, ...], int, int]] = []
            run: list[Mention] = []
            joined = False

            def close() -> None:
                ents = tuple(dict.fromkeys(x.entity for x in run))
                first = run[0].first
                before = first - 1 if first > 0 and norms[first - 1] == "the" else first
                if len(ents) >= 2 and joined and not (before > 0 and norms[before - 1] in lex.not_after):
                    res.append((ents, first, run[-1].last))
            for m in ms:
                if run and m.first >= run[-1].last:
                    gap = norms[run[-1].last:m.first]
                    if gap and all(w in lex.list_words for w in gap):
                        joined = joined or any(w in lex.coordinators for w in gap)
                        run.append(m)
                        continue
                    close()
                run, joined = [m], False
            if run:
                close()
            if pairs and not res:
                res = pair(sa, ms)
            memo[key] = res
            return res

        def pair(sa: SentenceAnalysis, ms: list[Mention]) -> list[tuple[tuple[Entity, ...], int, int]]:
            """The one pair of mentions ms with no list: exactly two entities, neither a demonym, a
            possessor nor the body of a title ("Somalia's government", "the UN envoy": no party)."""
            roles = {m.first for m in sa.mentions if m.kind == "role"}
            ents = tuple(dict.fromkeys(m.entity for m in ms if m.kind != "demonym" and not m.in_quote and
                                       not m.possessive and m.last not in roles))
            return [(ents, ms[0].first, ms[-1].last)] if len(ents) == 2 else []

        named: set[str] | None = None  # the entities the article names, for a known group
        for k, (a, b, count, t) in found:
            sa = out[k]
            if any(m.first < b and a < m.last for m in sa.mentions):
                continue  # part of a name kg knows ("the Two Sessions"): not a group phrase
            chosen, disagree = None, False
            for d in range(0, max(lex.before, lex.after) + 1):
                cands = []
                if d == 0:  # its own sentence: a list before it, or one after it in apposition
                    norms = [tk.norm for tk in sa.tokens]
                    cands = [x for x, f, e in lists(k, t, False) if len(x) == count and
                             (e <= a or f >= b and f - b <= 12 and any(w in lex.apposition for w in norms[b:f]))]
                    if not cands and count == 2 and t == "Person" and not lists(k, t, False):  # round 19: "A met B
                        # in X, and the two leaders signed": the one pair of people before the phrase in its own
                        # sentence, with no list in it ("the two sides" may be a company's state: no pair of Agents)
                        cands = [x for x, _, _ in pair(sa, sorted((m for m in sa.mentions if fits(m, t) and not m.members
                                                                   and m.last <= a), key=lambda m: m.first))]
                else:
                    if d <= lex.before and k - d >= 0:
                        cands += [x for x, _, _ in lists(k - d, t, count == 2) if len(x) == count]
                    if d <= lex.after and k + d < len(out):
                        cands += [x for x, _, _ in lists(k + d, t, False) if len(x) == count]
                if cands:
                    if len({frozenset(x) for x in cands}) == 1:
                        chosen = cands[0]
                    disagree = chosen is None
                    break  # the nearest candidates disagree: nothing
            ids = lex.known.get((sa.tokens[b - 1].norm, count), ()) if chosen is None and not disagree else ()
            if ids:  # no list nearby: a group the data names ("six world powers": the P5+1), when the
                # article names each member somewhere (a reader then knows who they are; a lone "six powers" stays unread)
                if named is None:
                    named = {m.entity.id for x in out for m in x.mentions if m.kind in _MEMBER_KINDS}
                ents = tuple(e for e in (self.gaz.get(i) for i in ids) if e is not None and e.id in named)  # type: ignore[attr-defined]
                chosen = ents if len(ents) == count else None
            if chosen is None:
                continue
            toks = sa.tokens
            begin, end = toks[a].begin, toks[b - 1].end
            text = sa.sentence.text[begin - sa.sentence.begin:end - sa.sentence.begin]
            poss = b < len(toks) and toks[b].norm in ("'s", "'")
            q = bool(sa.quoted and sa.quoted[a])
            members = tuple(Mention(e, sa.sentence.index, a, b, begin, end, text, "group", poss, q) for e in chosen)
            sa.mentions.append(Mention(chosen[0], sa.sentence.index, a, b, begin, end, text, "group", poss, q, members))
            sa.mentions.sort(key=lambda m: (m.first, m.kind == "role"))


def member_mentions(m: Any) -> tuple[Any, ...]:
    """A group mention's members (one mention per entity), or the mention itself."""
    return getattr(m, "members", ()) or (m,)
