"""Finding the gazetteer's entities in an article: names, descriptions, pronouns.

Names match longest-first over folded, lower-cased tokens; an alias written in capitals (US, EU)
matches only in capitals, so "us" is not the United States. Descriptions ("the movement") and
pronouns ("he") depend on context: they resolve to an entity already named in this article,
never through a global table.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from ..reading.dates import TimeValue, find_times
from ..reading.document import FACT_SEGMENTS, Article, Sentence
from .gazetteer import Entity, Gazetteer
from ..reading.text import Token, tokenize
from .vocab import Vocabulary

PRONOUNS = {"he": "male", "him": "male", "his": "male", "himself": "male",
            "she": "female", "her": "female", "hers": "female", "herself": "female"}
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
    kind: str  # name | demonym | description | pronoun
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
            node = node.next.setdefault(w.norm, _Trie())
        if node.value is None:
            node.value = []
        node.value.append((case_sensitive, " ".join(w.folded for w in words), payload))


def _is_acronym(name: str) -> bool:
    letters = [c for c in name if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters) and len(letters) <= 6


class MentionFinder:
    """Compiled matchers for one gazetteer; reuse it across articles."""

    def __init__(self, gaz: Gazetteer, voc: Vocabulary):
        self.gaz, self.voc = gaz, voc
        self.names, self.descriptions = _Trie(), _Trie()
        for ent in gaz.entities.values():
            for name in dict.fromkeys((ent.label, *ent.aliases)):
                toks = tokenize(name)
                if toks:
                    self.names.add(toks, (ent, "name"), _is_acronym(name))
            for name in ent.demonyms:  # "Russian President": the adjective stands for the country
                toks = tokenize(name)
                if toks:
                    self.names.add(toks, (ent, "demonym"), False)
            for desc in ent.descriptions:
                toks = tokenize(desc)
                if toks:
                    self.descriptions.add(toks, ent, False)
        self.person_types = {t for t in voc.types if "Person" in voc.ancestors(t)}

    def _longest(self, trie: _Trie, toks: list[Token], i: int) -> tuple[int, list[object]] | None:
        node, best, j = trie, None, i
        while j < len(toks) and toks[j].norm in node.next:
            node = node.next[toks[j].norm]
            j += 1
            if node.value:
                folded = " ".join(t.folded for t in toks[i:j])
                hits = [p for cs, f, p in node.value if not cs or f == folded]
                if hits:
                    best = (j, hits)
        return best

    def analyse(self, art: Article) -> list[SentenceAnalysis]:
        """Tokens, mentions and times for every fact-bearing sentence, in document order."""
        out: list[SentenceAnalysis] = []
        last_named: dict[str, int] = {}  # entity id -> char position of its latest mention
        recent_people: list[tuple[int, bool, Entity, int]] = []  # (pos, in_quote, entity, sentence)
        for s in art.sentences:
            if s.kind not in FACT_SEGMENTS:
                continue
            toks = tokenize(s.text, s.begin)
            sa = SentenceAnalysis(s, toks, quoted=[art.quote_at(t.begin) is not None and not (
                t.text in '"“”' and art.quote_at(t.begin) in ((t.begin, t.begin + 1),)) for t in toks])
            # names first (they also anchor descriptions written in the same sentence)
            spans: list[tuple[int, int, str, object]] = []
            i = 0
            while i < len(toks):
                hit = self._longest(self.names, toks, i)
                dhit = self._longest(self.descriptions, toks, i)
                if dhit and (not hit or dhit[0] > hit[0]):
                    spans.append((i, dhit[0], "description", dhit[1]))
                    i = dhit[0]
                elif hit:
                    ent_, kind_ = hit[1][0]  # type: ignore[misc]
                    spans.append((i, hit[0], kind_, ent_))
                    i = hit[0]
                elif toks[i].norm in PRONOUNS:
                    spans.append((i, i + 1, "pronoun", PRONOUNS[toks[i].norm]))
                    i += 1
                else:
                    i += 1
            named_here = [(a, p) for a, b, k, p in spans if k in ("name", "demonym")]
            for a, b, kind, payload in spans:
                pos = toks[a].begin
                quoted = sa.quoted[a]
                ent: Entity | None
                if kind in ("name", "demonym"):
                    ent = payload  # type: ignore[assignment]
                elif kind == "description":
                    ent = self._resolve_description(payload, last_named, named_here, a)  # type: ignore[arg-type]
                else:
                    ent = self._resolve_pronoun(payload, recent_people, quoted, s.index)  # type: ignore[arg-type]
                if ent is None:
                    continue
                poss = b < len(toks) and toks[b].norm in ("'s", "'")
                m = Mention(ent, s.index, a, b, pos, toks[b - 1].end, art.text[pos:toks[b - 1].end], kind, poss, quoted)
                sa.mentions.append(m)
                last_named[ent.id] = pos
                if ent.type in self.person_types:
                    recent_people.append((pos, quoted, ent, s.index))
            sa.times = find_times([t.norm for t in toks], [(t.begin, t.end) for t in toks], art.text, art.date)
            out.append(sa)
        return out

    def _resolve_description(self, cands: list[Entity], last_named: dict[str, int],
                             named_here: list[tuple[int, object]], at: int) -> Entity | None:
        seen = [(last_named[c.id], c.id, c) for c in cands if c.id in last_named]
        if seen:
            return max(seen, key=lambda x: (x[0], x[1]))[2]
        ahead = [p for a, p in named_here if a > at and p in cands]
        return ahead[0] if ahead else None  # type: ignore[return-value]

    def _resolve_pronoun(self, gender: str, people: list[tuple[int, bool, Entity, int]], quoted: bool,
                         sentence: int) -> Entity | None:
        """The latest person of matching gender within reach; a pronoun outside a quotation skips
        people named inside quotations (in '"...Arafat...," he told', he is the speaker)."""
        for pos, q, ent, s in reversed(people):
            if sentence - s > PRONOUN_REACH:
                return None
            if q and not quoted:
                continue
            if ent.gender in (None, gender):
                return ent
        return None
