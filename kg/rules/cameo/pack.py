"""A CAMEO pack loaded for coding: verb forms, patterns filed by block, synsets, agents and
discards, with the indexes the coder looks them up by (kg.rules.cameo.coder says how a sentence
is coded). The pack is cached by kg.graph.events (as marshal data), so what loads at every cold
start is kept small: plain tuples for verbs, one marshal string per block for patterns (compiled by
the word or synset a clause needs them for, when it first does).
"""
from __future__ import annotations

import json
import marshal
from dataclasses import dataclass, field
from pathlib import Path
from collections import namedtuple
from typing import Iterable, Sequence

from ...errors import InputError


@dataclass
class _Pattern:
    """One CAMEO verb pattern, as the coder tries it."""

    elements: tuple[tuple[str, bool], ...]
    code: str
    src: str
    order: int
    needs: frozenset[str]  # literal words the sentence must contain
    text: str
    synsets: tuple[str, ...] = ()  # synsets one of whose phrases the sentence must contain


# (collections.namedtuple, what typing.NamedTuple makes, without its class syntax: under `from
# __future__ import annotations` that compiles each field's annotation at import, ~1 M instructions a class)
# block, head: str; before, after: tuple[str, ...]; code, src: str
_Verb = namedtuple("_Verb", ("block", "head", "before", "after", "code", "src"), module=__name__)
_Verb.__doc__ = """A verb of a block (a tuple: the pack unpickles thousands of them at every cold start)."""


@dataclass
class CameoPack:
    """A loaded CAMEO pack, indexed for coding (see the module docstring)."""

    # form -> the number of its shard in `verb_shards`, which hold its verbs (as _Verb fields): a
    # cold build decodes the few shards its first article's verb forms are in, not all ~7,000 forms'
    verbs: dict[str, int] = field(default_factory=dict)
    verb_shards: list[bytes] = field(default_factory=list)  # marshal data: {form: verbs} of ~7 forms in order
    # block -> its patterns filed for `candidates`, as marshal data: [needing no word, {word: [...]}, {synset: [...]}]
    raw_patterns: dict[str, bytes] = field(default_factory=dict)
    patterns: dict[str, list[_Pattern]] = field(default_factory=dict)  # block -> compiled patterns (file order)
    pattern_index: dict[str, tuple[list[_Pattern], dict[str, list], dict[str, list], dict[str, list[str]],
                                   dict[str, list[_Pattern]]]] = \
        field(default_factory=dict)  # block -> (patterns needing no word, raw by a word, raw by a synset,
    # synsets by first word, the compiled lists of the words and synsets met so far)
    synsets: dict[str, tuple[tuple[str, ...], ...]] = field(default_factory=dict)
    agents: dict[str, tuple[str, bool]] = field(default_factory=dict)  # phrase -> (code, prefix)
    discards: list[tuple[tuple[str, ...], bool]] = field(default_factory=list)
    discard_trie: dict = field(default_factory=dict)  # word trie -> story discard?
    synset_first: dict[str, dict[str, list[tuple[str, ...]]]] = field(default_factory=dict)  # by first word
    synset_last: dict[str, dict[str, list[tuple[str, ...]]]] = field(default_factory=dict)  # by last word
    sources: tuple[str, ...] = ()

    transforms: list[tuple[str, bool, str, str, str]] = field(default_factory=list)  # (verb, self, code, src, text)
    nested: list[tuple[str, str, str, str, str, str]] = field(default_factory=list)  # (outer, form, inner, code, src, text)
    n_patterns: int = 0
    # first word -> its agent phrases as marshal data ({phrase: (code, prefix)}): a cold build decodes
    # those of the few words its first article has (`agents_at`), not all ~5,100 phrases
    agent_shards: dict[str, bytes] = field(default_factory=dict)

    def agents_at(self, word: str) -> tuple[tuple[int, ...], dict[str, tuple[str, bool]]]:
        """The lengths (longest first) and the agent phrases of the phrases beginning with a word
        of `agent_shards` (decoded on first use)."""
        cache = self.__dict__.get("_agents_at")
        if cache is None:
            cache = self.__dict__["_agents_at"] = {}
        got = cache.get(word)
        if got is None:
            phrases = marshal.loads(self.agent_shards[word])
            got = cache[word] = (tuple(sorted({p.count(" ") + 1 for p in phrases}, reverse=True)), phrases)
        return got

    def verbs_of(self, form: str) -> tuple[_Verb, ...]:
        """The verbs a form may be, as _Verb tuples (made on first use: the pack keeps plain
        tuples, which unpickle faster at every cold start)."""
        cache = self.__dict__.get("_verb_objects")
        if cache is None:
            cache = self.__dict__["_verb_objects"] = {}
        vs = cache.get(form)
        if vs is None:
            vs = cache[form] = tuple(_Verb._make(r) for r in self._rows(form))
        return vs

    def _rows(self, form: str) -> tuple[tuple, ...]:
        """The verbs a form may be as plain tuples, from its shard (decoded when first needed)."""
        s = self.verbs.get(form)
        if s is None:
            return ()
        shards = self.__dict__.get("_verb_rows")
        if shards is None:
            shards = self.__dict__["_verb_rows"] = {}
        rows = shards.get(s)
        if rows is None:
            rows = shards[s] = marshal.loads(self.verb_shards[s])
        return rows.get(form, ())

    def verb_code(self, verb: str) -> str | None:
        """The code of a verb (its own, else its block's), by its base form."""
        for raw in self._rows(verb):
            v = _Verb._make(raw)
            if v.head == verb and not v.before and not v.after:
                return v.code
        return None

    def stands_for(self, inner: str, code: str) -> bool:
        """Whether an event code is of the kind the verb named in a transformation stands for:
        "q" any; a verb whose code is a category's head (ATTACK, 190) any code of its category
        (19x); else its own code and those under it (ASSASSINATE, 186)."""
        if inner == "q":
            return True
        vc = self.verb_code(inner)
        if not vc or not vc.isdigit():
            return False
        return code.startswith(vc[:2] if len(vc) == 3 and vc.endswith("0") else vc)

    def block_patterns(self, block: str) -> list[_Pattern]:
        """All of a block's patterns, compiled, in file order (`candidates` compiles only those a
        clause's words could need)."""
        ps = self.patterns.get(block)
        if ps is None:
            free, by_word, by_synset = marshal.loads(self.raw_patterns.get(block, _NO_PATTERNS))
            raws = [*free, *(r for rs in by_word.values() for r in rs), *(r for rs in by_synset.values() for r in rs)]
            ps = self.patterns[block] = [_compile_pattern(r) for r in sorted(raws, key=lambda r: r[3])]
        return ps

    def candidates(self, block: str, words: set[str] | frozenset[str]) -> list[_Pattern]:
        """The block's patterns whose every literal word is among `words`, and for each synset
        they name the first word of one of its phrases. Each pattern is filed under one of its
        words (the longest: rare words are long), or if it has none under one of its synsets, so
        a sentence looks up its own words in the block's index and meets only patterns that name
        one of them, plus the few that need neither ("- $ * +"); then the rest is checked. The
        pack keeps the filing as one marshal string per block (`index_patterns`), and a word's or
        synset's patterns are compiled when a clause first holds it: a one-article build meets
        a few dozen of the ~300 blocks, and in them a few hundred of their ~4,700 patterns."""
        idx = self.pattern_index.get(block)
        if idx is None:
            free_raw, by_word, by_synset = marshal.loads(self.raw_patterns.get(block, _NO_PATTERNS))
            led: dict[str, list[str]] = {}  # a first word of a phrase -> the synsets (leading a pattern) it begins
            for name in by_synset:
                for w in self.synset_first.get(name, ()):
                    led.setdefault(w, []).append(name)
            idx = self.pattern_index[block] = ([_compile_pattern(r) for r in free_raw], by_word, by_synset, led, {})
        free, by_word, by_synset, led, done = idx
        out = list(free)
        if led:  # the synsets one of whose phrases may begin at a word of the clause
            names = {name for w in led.keys() & words for name in led[w]}
            for name in names:
                ps = done.get(name)  # (synset names begin with "&", words never do)
                if ps is None:
                    ps = done[name] = [_compile_pattern(r) for r in by_synset[name]]
                out += [p for p in ps if len(p.synsets) == 1 or self._synsets_in(p.synsets[1:], words)]
        # the block's words the clause has (one set operation in C; the order of candidates does
        # not matter: the coder keeps the best-scoring one, ties to the earliest in the file)
        for w in by_word.keys() & words:
            ps = done.get(w)
            if ps is None:
                ps = done[w] = [_compile_pattern(r) for r in by_word[w]]
            out += [p for p in ps if p.needs <= words and (not p.synsets or self._synsets_in(p.synsets, words))]
        return out

    def _synsets_in(self, names: tuple[str, ...], words: set[str] | frozenset[str]) -> bool:
        """Whether the words hold the first word of a phrase of each synset (most patterns that
        name only synsets, "- * &MILITARY", fail here, before any matching)."""
        return all(not words.isdisjoint(self.synset_first.get(n, ())) for n in names)


def _trie_add(trie: dict, words: Sequence[str], value: object) -> None:
    node = trie
    for w in words:
        node = node.setdefault(w, {})
    node.setdefault("", value)  # the first entry for a phrase wins


def load_pack(folder: str | Path) -> CameoPack:
    """Read a pack written by `kg rules import cameo` (verbs.jsonl, agents.jsonl, discards.jsonl)."""
    folder = Path(folder)
    vp = folder / "verbs.jsonl"
    if not vp.is_file():
        raise InputError(folder, "not a CAMEO pack (no verbs.jsonl); make one with `kg rules import cameo`")
    pack = CameoPack()
    verbs: dict[str, tuple[tuple, ...]] = {}
    shared: dict[tuple, tuple] = {}  # equal values as one object: marshal writes the others as references
    block_code: dict[str, str] = {}
    raw: dict[str, list] = {}
    order = 0
    for n, line in enumerate(vp.read_text(encoding="utf-8").splitlines(), 1):
        try:
            rec = json.loads(line)
        except ValueError as e:
            raise InputError(vp, f"not JSON: {e}", n) from None
        if "pattern" in rec:
            raw.setdefault(rec["block"], []).append([rec["pattern"], rec["code"], rec["src"], order])
            order += 1
        elif "verb" in rec:
            v = (rec["block"], rec["verb"], tuple(rec["before"]), tuple(rec["after"]),
                 rec["code"] or block_code.get(rec["block"], "---"), rec["src"])  # a plain tuple: fast to unpickle
            for f in rec["forms"]:
                verbs[f] = verbs.get(f, ()) + (v,)
        elif "transform" in rec and rec["speech"] in ("SAY", "CLAIM"):
            pack.transforms.append((rec["transform"], rec["self"], rec["code"], rec["src"], rec["text"]))
        elif "transform" in rec:  # WANT, ATTEMPT: a verb nested under another by "to"
            pack.nested.append((rec["speech"].lower(), rec["form"], rec["transform"], rec["code"], rec["src"], rec["text"]))
        elif "synset" in rec:
            pack.synsets[rec["synset"]] = tuple(tuple(p) for p in rec["phrases"])
        elif "block" in rec:
            block_code[rec["block"]] = rec["code"]
        elif "source" in rec:
            pack.sources += (rec["source"],)
    ap = folder / "agents.jsonl"
    if ap.is_file():
        for line in ap.read_text(encoding="utf-8").splitlines():
            rec = json.loads(line)
            code = (rec["code"], rec["prefix"])
            pack.agents.setdefault(" ".join(rec["agent"]), shared.setdefault(code, code))
    dp = folder / "discards.jsonl"
    if dp.is_file():
        for line in dp.read_text(encoding="utf-8").splitlines():
            rec = json.loads(line)
            pack.discards.append((tuple(rec["discard"]), rec["story"]))
    pack.verbs, pack.verb_shards = _shard_verbs(verbs)
    pack.raw_patterns = {b: index_patterns(v) for b, v in raw.items()}
    pack.n_patterns = order
    index_pack(pack)
    return pack


def _shard_verbs(verbs: dict[str, tuple[tuple, ...]]) -> tuple[dict[str, int], list[bytes]]:
    """The forms' shard numbers and the shards (`CameoPack.verbs`): forms in alphabetical order cut
    into at most 1,024 runs of ~7, each run's verbs one marshal string (the forms of one verb
    mostly share a run; 256 runs of ~27 decoded 2 M instructions more for the seed, a string per
    form about as much as 1,024 runs)."""
    forms = sorted(verbs)
    n = max(1, min(1024, len(forms)))
    at = {f: i * n // len(forms) for i, f in enumerate(forms)}
    shards: list[dict[str, tuple[tuple, ...]]] = [{} for _ in range(n)]
    for f in forms:
        shards[at[f]][f] = verbs[f]
    return {f: at[f] for f in verbs}, [marshal.dumps(s) for s in shards]


def index_patterns(raws: list[list]) -> bytes:
    """A block's patterns (pattern, code, source, order) filed as `CameoPack.candidates` looks
    them up, as one marshal string: those needing no word, those needing some word under the
    longest of their words, the others under their first synset. Marshal, not JSON: a cold
    build decodes the blocks its first article meets, and `marshal.loads` takes a quarter of
    the time `json.loads` did (the data are JSON's lists and strings all the same)."""
    free: list[list] = []
    by_word: dict[str, list[list]] = {}
    by_synset: dict[str, list[list]] = {}
    for r in raws:
        p = _compile_pattern(r)
        if p.needs:
            by_word.setdefault(max(sorted(p.needs), key=len), []).append(r)
        elif p.synsets:
            by_synset.setdefault(p.synsets[0], []).append(r)
        else:
            free.append(r)
    return marshal.dumps(json.loads(json.dumps([free, by_word, by_synset])))  # (as JSON had them: lists, not tuples)


_NO_PATTERNS = marshal.dumps([[], {}, {}])


def _compile_pattern(r: list) -> _Pattern:
    elements, code, src, order = r
    els = tuple((e, bool(g)) for e, g in elements)
    needs = frozenset(e for e, _ in els if e not in "*$+^%" and not e.startswith("&"))
    text = " ".join(("_" if g else "") + e for e, g in els).replace(" _", "_")
    return _Pattern(els, code, src, order, needs, text, tuple(sorted({e for e, _ in els if e.startswith("&")})))


def index_pack(pack: CameoPack) -> None:
    """The lookup tables matching needs: synset phrases by first and last word, discards as a trie."""
    for name, phrases in pack.synsets.items():
        first: dict[str, list[tuple[str, ...]]] = {}
        last: dict[str, list[tuple[str, ...]]] = {}
        for ph in phrases:
            if ph:
                first.setdefault(ph[0], []).append(ph)
                last.setdefault(ph[-1], []).append(ph)
        pack.synset_first[name], pack.synset_last[name] = first, last
    by_first: dict[str, dict[str, tuple[str, bool]]] = {}
    for phrase, coded in pack.agents.items():
        by_first.setdefault(phrase.split(" ")[0], {})[phrase] = coded
    pack.agent_shards = {w: marshal.dumps(d) for w, d in by_first.items()}
    pack.discard_trie = {}
    for words, story in pack.discards:
        node = pack.discard_trie
        for w in words:
            node = node.setdefault(w, {})
        node[""] = node.get("", False) or story


def find_phrases(trie: dict, toks: Sequence[str]) -> Iterable[tuple[int, int, object]]:
    """Longest matches of a word trie over tokens, left to right, not overlapping."""
    i, n = 0, len(toks)
    while i < n:
        node, best, j = trie, None, i
        while j < n and toks[j] in node:
            node = node[toks[j]]
            j += 1
            if "" in node:
                best = (j, node[""])
        if best:
            yield i, best[0], best[1]
            i = best[0]
        else:
            i += 1


def split_contractions(toks: Sequence[str]) -> tuple[list[str], list[int]]:
    """didn't -> did n't, won't -> wo n't (the dictionaries' Treebank forms); returns the new
    tokens and, for each, the index of the token it came from."""
    if "n't" not in " ".join(toks):  # most sentences: nothing to split (one scan, in C)
        return list(toks), list(range(len(toks)))
    out, origin = [], []
    for i, t in enumerate(toks):
        if t.endswith("n't") and len(t) > 3:
            out += [t[:-3], "n't"]
            origin += [i, i]
        else:
            out.append(t)
            origin.append(i)
    return out, origin
