"""Rule authoring help: what a corpus says that the rules miss, and what each rule finds.

`suggest` lists pairs of entities named in one sentence with no rule firing that covers both,
grouped by the words between them (the first word there that is a verb, as its lemma, first), so
a curator sees the most frequent phrasings the pack misses and writes a rule for the top ones.
`coverage` counts, per rule, its firings and the sentences they came from, and lists the rules
that never fired. Both read articles as `kg build` does and run the whole rule set.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

from ..errors import KgError
from ..reading.document import read_article
from .engine import extract
from .pack import Pack

MAX_BETWEEN = 12  # tokens between two mentions for them to count as related
# words that are never the verb of a phrasing (auxiliaries, light verbs kept as context)
NOT_VERBS = frozenset({"is", "are", "was", "were", "be", "been", "being", "has", "have", "had", "do", "does", "did",
                       "will", "would", "can", "could", "may", "might", "shall", "should", "must", "'s", "s"})


@dataclass
class Phrasing:
    """One way two entity types are linked in the corpus, with how often and where."""

    key: str  # "meet: {Person} met with {Person}"
    lemma: str
    count: int = 0
    examples: list[str] = field(default_factory=list)


def articles(paths: Iterable[Path]) -> list[Path]:
    """The article files of a corpus: files as given, folders searched for *.txt (sorted)."""
    out: list[Path] = []
    for p in paths:
        if p.is_dir():
            out += sorted(x for x in p.rglob("*.txt") if x.is_file())
        else:
            out.append(p)
    return out


def _lemma(word: str) -> str | None:
    """The verb lemma of a word, or None when the word is not a verb form (LemmInflect's table)."""
    if not word.isalpha() or word in NOT_VERBS:
        return None
    from lemminflect import getAllLemmas

    lem = getAllLemmas(word, upos="VERB")
    forms = lem.get("VERB") if lem else None
    return forms[0] if forms else None


def _read(paths: list[Path], pack: Pack, warn: Callable[[str], None]):
    for path in paths:
        try:
            art = read_article(path, layout=pack.layout)
            analyses = pack.finder.analyse(art)
            yield path, art, analyses, extract(art, analyses, pack.rules, pack.vocabulary)
        except KgError as e:
            warn(f"skipped {path}: {e}")


def suggest(paths: list[Path], pack: Pack, warn: Callable[[str], None] = lambda s: None,
            min_count: int = 1) -> list[Phrasing]:
    """Phrasings between co-occurring entities that no rule covered, most frequent first."""
    groups: dict[str, Phrasing] = {}
    for path, art, analyses, ex in _read(paths, pack, warn):
        spans = defaultdict(list)
        for f in ex.firings + [d for d, _ in ex.dropped]:
            spans[f.sentence.index].append((f.first, f.last))
        for sa in analyses:
            ms = [m for m in sa.mentions if m.kind not in ("pronoun", "role") and m.entity.type != "Role"]
            for i, a in enumerate(ms):
                for j, b in enumerate(ms[i + 1:], i + 1):
                    if b.first < a.last or a.entity.id == b.entity.id or b.first - a.last > MAX_BETWEEN:
                        continue
                    if any(a.last <= m.first and m.last <= b.first for m in ms[i + 1:j]):
                        continue  # another entity stands between: the closer pairs are counted
                    if any(s <= a.first and b.last <= e for s, e in spans[sa.sentence.index]):
                        continue  # a rule covered both
                    words = [t.norm for t in sa.tokens[a.last:b.first]]
                    lemma = next((lm for w in words if (lm := _lemma(w))), None)
                    shown = " ".join(words) if words else "(next to each other)"
                    key = f"{lemma or '-'}: {{{a.entity.type}}} {shown} {{{b.entity.type}}}"
                    ph = groups.setdefault(key, Phrasing(key, lemma or "-"))
                    ph.count += 1
                    if len(ph.examples) < 2:
                        ph.examples.append(f"{path.name}: {sa.sentence.text.strip()}")
    out = [p for p in groups.values() if p.count >= min_count]
    lemma_total = Counter()
    for p in out:
        lemma_total[p.lemma] += p.count
    out.sort(key=lambda p: (p.lemma == "-", -lemma_total[p.lemma], p.lemma, -p.count, p.key))
    return out


def coverage(paths: list[Path], pack: Pack, warn: Callable[[str], None] = lambda s: None) -> list[tuple[str, int, int, str]]:
    """(rule id, firings, sentences, file:line) for every sentence rule, most firings first; rules
    that never fired have 0."""
    firings: Counter[str] = Counter()
    sentences: dict[str, set[tuple[str, int]]] = defaultdict(set)
    for path, art, analyses, ex in _read(paths, pack, warn):
        for f in ex.firings:
            rid = f.rule.root.id
            firings[rid] += 1
            sentences[rid].add((str(path), f.sentence.index))
    rows = {}
    for r in pack.rules.rules:
        if r.parent is None:
            rows[r.id] = (r.id, firings[r.id], len(sentences[r.id]), f"{r.file}:{r.line}")
    return sorted(rows.values(), key=lambda x: (-x[1], x[0]))
