"""The pattern language: one sentence, matched token by token.

    word          a word, compared case-insensitively with typography folded (’ = ')
    recogni*      a word starting with "recogni"
    (a b|c)       alternatives;  [a b|c]  optional alternatives;  x?  optional item
    ..N           a gap of 0 to N tokens (shortest first); ..N!(a|b) a gap that crosses neither word
    {x:Person}    an entity mention whose type is Person or below it; {x:Person|Organization}
    {x:Entity}    any entity mention;  {x:Agent+}  a list of them ("the US, the EU and Israel"):
                  the rule fires once per item
    {q:quote}     a quotation, marks included (its value is the whole quotation, even when it
                  runs on past this sentence)
    {t:time}      a time expression, normalised against the article date
    {n:number}    a number, in digits or words ("six")
    {c:text}      1 to 40 tokens (longest first); {c:text 2-12} sets the bounds
    {c:clause}    like text, but it stops at a clause boundary (";", "--", or a comma before
                  and/but/or/while/saying/which/who)
    {w=a b|c}     the words matched by the alternatives, captured under the name w
    \\?  \\|       punctuation that is also syntax, taken literally

Everything else (commas, dashes, quote marks) is a literal token.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from collections import namedtuple
from typing import Callable, Iterator, TypeVar, Union

from ..reading.text import tokenize

DEFAULT_TEXT_MAX = 40
CAPTURE_KINDS = {"quote", "time", "number", "text", "clause"}


class PatternError(ValueError):
    """A pattern that does not parse; `col` is the 1-based column in the pattern string."""

    def __init__(self, message: str, col: int):
        super().__init__(f"{message} (column {col})")
        self.col = col


@dataclass(frozen=True)
class Word:
    """A token in one of several normal forms (`prefix`: a form may begin the token)."""

    forms: frozenset[str]
    prefix: bool = False


@dataclass(frozen=True)
class Gap:
    """Up to `max` tokens of anything; with `stops` (`..12!(said|who)`), of anything but those
    words, so a gap cannot cross into another clause."""

    max: int
    stops: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Slot:
    """A typed entity slot or a capture of a quote, time, number, text or clause."""

    name: str
    kind: str  # "entity" or a capture kind
    types: tuple[str, ...] = ()
    min: int = 1
    max: int = DEFAULT_TEXT_MAX
    many: bool = False  # {x:Agent+}: a coordinated list ("the US, the EU and Israel"), one fact per item


@dataclass(frozen=True)
class Capture:
    """A named capture of the text that a sub-pattern matches."""

    name: str
    body: "Alt"


@dataclass(frozen=True)
class Opt:
    """An optional part."""

    body: "Node"


@dataclass(frozen=True)
class Seq:
    """Parts that match one after another."""

    items: tuple["Node", ...]


@dataclass(frozen=True)
class Alt:
    """Alternatives, tried in order (the first that leads to a match wins)."""

    options: tuple[Seq, ...]


@dataclass(frozen=True)
class Assert:
    """A test that consumes no token: `^` (the sentence starts here) or `!word` / `!(a|b)` (the
    next token is none of these words), so a rule can say where a text slot may not begin."""

    kind: str  # "start" | "not"
    forms: frozenset[str] = frozenset()


Node = Union[Word, Gap, Slot, Capture, Opt, Seq, Alt, Assert]

_LEX = re.compile(r"\s+|\\.|\.\.\d*|\{[^{}]*\}?|!\([^()]*\)|[()\[\]|?]|[^\s()\[\]{}|?\\]+")
_SLOT = re.compile(r"^\{\s*([A-Za-z_]\w*)\s*(?:(:)\s*([^}]*?)|(=)(.*?))\s*\}$", re.S)


@dataclass
class Parsed:
    """A parsed pattern and the slots it defines."""

    root: Alt
    slots: dict[str, Slot | Capture] = field(default_factory=dict)


def parse_pattern(src: str, known_types: set[str] | None = None) -> Parsed:
    """Parse a pattern string; raise PatternError with the column of the first problem."""
    toks = [(m.group(), m.start() + 1) for m in _LEX.finditer(src) if not m.group().isspace()]
    if not toks:
        raise PatternError("empty pattern", 1)
    out = Parsed(Alt(()))
    p = _Parser(toks, out, known_types, src)
    out.root = p.alts(top=True)
    if p.i < len(toks):
        raise PatternError(f"unexpected {toks[p.i][0]!r}", toks[p.i][1])
    if all(_can_be_empty(s) for s in out.root.options):
        raise PatternError("the pattern can match nothing; give it at least one required word or slot", 1)
    return out


R = TypeVar("R")


def by_node(fn: Callable[[Node], R]) -> Callable[[Node], R]:
    """Memoise a function of one pattern node. The matcher's compiler asks such questions (what
    can a part begin with, can it be empty) of every optional part at every depth, and nested
    frames make that exponential (80,000 calls, half a second of a one-article build's start-up);
    nodes are shared and immutable (`_share`), so an answer holds for the node's life. The node
    is kept with its answer, so its id is never reused while the entry lives."""
    memo: dict[int, tuple[Node, R]] = {}

    def memoised(n: Node) -> R:
        hit = memo.get(id(n))
        if hit is not None and hit[0] is n:
            return hit[1]
        out = fn(n)
        memo[id(n)] = (n, out)
        return out
    memoised.__doc__ = fn.__doc__
    return memoised


@by_node
def _can_be_empty(n: Node) -> bool:
    """Whether a node can match no token."""
    t = type(n)  # (`is` tests: the node classes have no subclasses)
    if t is Opt or t is Gap or t is Assert:
        return True
    if t is Seq:
        return all(_can_be_empty(i) for i in n.items)
    if t is Alt:
        return any(_can_be_empty(o) for o in n.options)
    if t is Capture:
        return _can_be_empty(n.body)
    return False


_SHARED: dict[object, object] = {}


def _share(node: "N") -> "N":
    """One object per distinct node (nodes are immutable): patterns repeat words and whole
    fragments (`define`), and shared nodes make the cached pack ~3x fewer objects to load and
    the matcher compile each of them once."""
    return _SHARED.setdefault(node, node)  # type: ignore[return-value]


N = TypeVar("N")


class _Parser:
    def __init__(self, toks: list[tuple[str, int]], out: Parsed, known_types: set[str] | None, src: str):
        self.toks, self.i, self.out, self.known, self.src = toks, 0, out, known_types, src

    def peek(self) -> str | None:
        return self.toks[self.i][0] if self.i < len(self.toks) else None

    def col(self) -> int:
        return self.toks[self.i][1] if self.i < len(self.toks) else len(self.src) + 1

    def alts(self, top: bool = False, closer: str | None = None) -> Alt:
        options = [self.seq()]
        while self.peek() == "|":
            if top:
                raise PatternError("'|' must be inside ( ), [ ] or {name=...}", self.col())
            self.i += 1
            options.append(self.seq())
        return _share(Alt(tuple(options)))

    def seq(self) -> Seq:
        items: list[Node] = []
        while (t := self.peek()) is not None and t not in ("|", ")", "]"):
            col = self.col()
            self.i += 1
            if t == "(":
                node: Node = self.group(")", col)
            elif t == "[":
                node = _share(Opt(self.group("]", col)))
            elif t == "?":
                if not items:
                    raise PatternError("'?' must follow something to make optional", col)
                items[-1] = _share(Opt(items[-1]))
                continue
            elif t.startswith(".."):
                if not t[2:].isdigit():
                    raise PatternError("a gap needs a bound, like ..5", col)
                node = _share(Gap(int(t[2:])))
                if node.max == 0:
                    raise PatternError("a gap of ..0 matches nothing; remove it", col)
                nt = self.peek()
                if nt is not None and nt.startswith("!(") and self.col() == col + len(t):  # "..12!(said|who)": words it may not cross
                    self.i += 1
                    node = _share(Gap(node.max, frozenset(x.norm for w in nt[2:-1].split("|") for x in tokenize(w))))
            elif t.startswith("{"):
                node = self.slot(t, col)
            elif t == "!" and self.src[col:col + 1] == "(":
                raise PatternError("'!(' takes plain words separated by |, without nested parentheses", col)
            elif t == "^":
                node = _share(Assert("start"))
            elif t.startswith("!") and len(t) > 1:
                body = t[2:-1] if t.startswith("!(") else t[1:]
                forms = frozenset(x.norm for w in body.split("|") for x in tokenize(w)[:1])
                if not forms or any(len(tokenize(w)) != 1 for w in body.split("|")):
                    raise PatternError(f"{t!r}: '!' takes one word or (one|word|each)", col)
                node = _share(Assert("not", forms))
            else:
                if t.startswith("\\"):
                    t = t[1:]
                words = self.words(t, col)
                node = words[0] if len(words) == 1 else _share(Seq(tuple(words)))
            items.append(node)
        if not items:
            raise PatternError("empty alternative", self.col())
        return _share(Seq(tuple(items)))

    def group(self, closer: str, col: int) -> Alt:
        alt = self.alts(closer=closer)
        if self.peek() != closer:
            raise PatternError(f"missing {closer!r} for the group opened here", col)
        self.i += 1
        return alt

    def words(self, t: str, col: int) -> list[Node]:
        prefix = t.endswith("*") and len(t) > 1
        toks = tokenize(t[:-1] if prefix else t)
        if not toks:
            raise PatternError(f"no word in {t!r}", col)
        out: list[Node] = [_share(Word(frozenset([x.norm]))) for x in toks]
        if prefix:
            out[-1] = _share(Word(frozenset([toks[-1].norm]), True))
        return out

    def slot(self, t: str, col: int) -> Node:
        m = _SLOT.match(t)
        if not m:
            raise PatternError(f"bad slot {t!r}: write {{name:Type}}, {{name:quote}} or {{name=words}}", col)
        name = m.group(1)
        if m.group(4):  # {name=alternatives}
            inner = [(mm.group(), col + m.start(5) + mm.start()) for mm in _LEX.finditer(m.group(5)) if not mm.group().isspace()]
            if not inner:
                raise PatternError(f"capture {name!r} has no words", col)
            sub = _Parser(inner, self.out, self.known, self.src)
            body = sub.alts()
            if sub.i < len(inner):
                raise PatternError(f"unexpected {inner[sub.i][0]!r}", inner[sub.i][1])
            node: Slot | Capture = _share(Capture(name, body))
        else:
            spec = m.group(3).split()
            if not spec:
                raise PatternError(f"slot {name!r} needs a type, like {{{name}:Person}}", col)
            kind = spec[0]
            if kind in CAPTURE_KINDS:
                lo, hi = 1, DEFAULT_TEXT_MAX
                if len(spec) > 1:
                    b = re.fullmatch(r"(\d+)-(\d+)", spec[1])
                    if kind not in ("text", "clause") or not b or int(b[1]) < 1 or int(b[1]) > int(b[2]):
                        raise PatternError(f"slot {name!r}: only text and clause take bounds, as text 1-20", col)
                    lo, hi = int(b[1]), int(b[2])
                node = _share(Slot(name, kind, (), lo, hi))
            else:
                joined = " ".join(spec)
                many = joined.endswith("+")
                types = tuple(x.strip() for x in joined.rstrip("+").split("|"))
                for ty in types:
                    if self.known is not None and ty != "Entity" and ty not in self.known:
                        raise PatternError(f"slot {name!r}: unknown type {ty!r} (known: {', '.join(sorted(self.known))}, "
                                           f"Entity, {', '.join(sorted(CAPTURE_KINDS))})", col)
                node = _share(Slot(name, "entity", types, many=many))
        prev = self.out.slots.get(name, node)
        if not compatible(prev, node):
            raise PatternError(f"slot {name!r} is defined twice, differently", col)
        self.out.slots[name] = node
        return node


def compatible(a: "Slot | Capture", b: "Slot | Capture") -> bool:
    """Two definitions of one slot name agree when they bind the same kind of value (a text slot
    may have other bounds, a capture other words)."""
    if isinstance(a, Capture) or isinstance(b, Capture):
        return isinstance(a, Capture) and isinstance(b, Capture)
    textual = ("text", "clause")
    return a.kind in textual and b.kind in textual or (a.kind, a.types) == (b.kind, b.types)


def required_words(n: Node) -> set[str]:
    """Words every match must contain: a cheap filter that skips sentences a rule cannot match."""
    if isinstance(n, Word):
        return set(n.forms) if len(n.forms) == 1 and not n.prefix else set()
    if isinstance(n, Assert):
        return set()
    if isinstance(n, Seq):
        out: set[str] = set()
        for i in n.items:
            out |= required_words(i)
        return out
    if isinstance(n, Alt):
        sets = [required_words(o) for o in n.options]
        return set.intersection(*sets) if sets else set()
    if isinstance(n, Capture):
        return required_words(n.body)
    return set()


def anchor_words(n: Node) -> frozenset[str] | None:
    """Words of which every match must contain at least one (None: no such set), so that a
    sentence is only tried against the patterns whose anchor it contains. Sharper than
    `required_words` for patterns that begin with alternatives ("(urged|called on) ...")."""
    if isinstance(n, Word):
        return None if n.prefix else n.forms
    if isinstance(n, Capture):
        return anchor_words(n.body)
    if isinstance(n, Alt):
        out: set[str] = set()
        for o in n.options:
            a = anchor_words(o)
            if a is None:
                return None
            out |= a
        return frozenset(out)
    if isinstance(n, Seq):
        best: frozenset[str] | None = None
        for i in n.items:
            a = anchor_words(i)
            if a is not None and (best is None or rank(a) < rank(best)):
                best = a
        return best
    return None  # a gap, an optional part or a slot can match anything


# Words so frequent that a pattern filed under them would be tried on nearly every sentence: an
# anchor of rarer words is preferred (a frame's "(has|have|had) met" is filed under its verb).
COMMON = frozenset("the a an of to in on at by for with and or but as that who which whom is are was were be been "
                   "being has have had do does did will would not no it its his her their he she they this , . ' 's - "
                   "said says".split())


def rank(words: frozenset[str] | set[str]) -> tuple[bool, int]:
    """How good an anchor is: rare words first, then fewer of them."""
    return (bool(COMMON & set(words)), len(words))


# (collections.namedtuple, what typing.NamedTuple makes, without its class syntax: under `from
# __future__ import annotations` that compiles each field's annotation at import, ~1 M instructions a class)
# words: frozenset[str] = frozenset(); prefixes: tuple[str, ...] = (); entity, quote, time, number,
# anything: bool = False
Firsts = namedtuple("Firsts", ("words", "prefixes", "entity", "quote", "time", "number", "anything"),
                    defaults=(frozenset(), (), False, False, False, False, False), module=__name__)
Firsts.__doc__ = """What the first token of a match can be: a cheap test that skips start positions. A named
    tuple, not a frozen dataclass: the matcher's compiler makes one per pattern node and per
    optional part it builds (~7,000 for a one-article build), and a frozen dataclass sets each
    of its seven fields through `object.__setattr__`."""


def _firsts_or(self: Firsts, o: Firsts) -> Firsts:
    return _new(Firsts, (self[0] | o[0], self[1] + o[1], self[2] or o[2], self[3] or o[3], self[4] or o[4],
                         self[5] or o[5], self[6] or o[6]))


Firsts.__or__ = _firsts_or  # type: ignore[assignment,method-assign]


_new = tuple.__new__  # a Firsts made from its seven fields directly (its __new__ is a Python function)
_ANYTHING = Firsts(anything=True)
_ENTITY = Firsts(entity=True)


@by_node
def firsts(n: Node) -> Firsts:
    """What the first token of a node's match can be."""
    t = type(n)  # (`is` tests: the node classes have no subclasses)
    if t is Word:
        return Firsts(prefixes=tuple(n.forms)) if n.prefix else _new(Firsts, (n.forms, (), False, False, False, False, False))
    if t is Gap or t is Assert:
        return _ANYTHING
    if t is Slot:
        if n.kind == "entity":
            return _ENTITY
        if n.kind in ("text", "clause"):
            return _ANYTHING
        return Firsts(**{n.kind: True})
    if t is Capture or t is Opt:  # (an optional part that matches nothing: the sequence looks at the next item)
        return firsts(n.body)
    if t is Alt:
        return _joined([firsts(o) for o in n.options])
    assert t is Seq
    parts = []
    for item in n.items:
        parts.append(firsts(item))
        if not _can_be_empty(item):
            return _joined(parts)
    return _joined([*parts, _ANYTHING])


def _joined(fs: list[Firsts]) -> Firsts:
    """`fs[0] | fs[1] | ...` made at once: one object and one union of the word sets, where
    joining them one by one made a growing set per option (an alternation of 60 verbs)."""
    if len(fs) == 1:
        return fs[0]
    words, prefixes, entity, quote, time, number, anything = zip(*fs)  # (the fields, each across fs)
    return _new(Firsts, (frozenset().union(*words), sum(prefixes, ()), True in entity, True in quote, True in time,
                         True in number, True in anything))


def walk(n: Node) -> Iterator[Node]:
    yield n
    if isinstance(n, Seq):
        for i in n.items:
            yield from walk(i)
    elif isinstance(n, Alt):
        for o in n.options:
            yield from walk(o)
    elif isinstance(n, (Opt, Capture)):
        yield from walk(n.body)


def _items(n: Node) -> tuple[Node, ...]:
    """A node as the flat sequence of its parts (nested sequences opened)."""
    if isinstance(n, Seq):
        return tuple(x for i in n.items for x in _items(i))
    return (n,)


def _alt_cost(options: list[tuple[Node, ...]]) -> int:
    """Options that begin with different words cannot both match at one token, and options that
    share a first word (one-day, one-hour, one-on-one: a word class of hyphenated words) are
    bounded by what follows it, as a trie: only options one of which is a prefix of another can
    all match there."""
    by_word: dict[str, int] = {}
    shared: dict[str, list[tuple[Node, ...]]] = {}
    free = 0
    for o in options:
        if not o:
            free += 1  # an option that ends here is one way
            continue
        h = o[0]
        if isinstance(h, Word) and not h.prefix and len(h.forms) == 1:
            shared.setdefault(next(iter(h.forms)), []).append(o[1:])
            continue
        c = 1
        for x in o:
            c *= cost(x)
        if isinstance(h, Word) and not h.prefix:
            for w in h.forms:
                by_word[w] = by_word.get(w, 0) + c
        else:
            free += c
    for w, rests in shared.items():
        by_word[w] = by_word.get(w, 0) + _alt_cost(rests)
    return free + max(by_word.values(), default=0)


def cost(n: Node) -> int:
    """An upper bound on the ways a node can match from one token (the paths a backtracking
    matcher may try): gaps and text slots multiply along a sequence. The loader refuses patterns
    whose bound is too high, so no rule pack can make matching take minutes on one sentence."""
    if isinstance(n, Gap):
        return n.max + 1
    if isinstance(n, Slot):
        return n.max - n.min + 1 if n.kind in ("text", "clause") else 1
    if isinstance(n, (Capture,)):
        return cost(n.body)
    if isinstance(n, Opt):  # skipping it is one more way only when its body can match in many ways
        c = cost(n.body)
        return c + 1 if c > 1 else 1
    if isinstance(n, Alt):
        return _alt_cost([_items(o) for o in n.options])
    if isinstance(n, Seq):
        out = 1
        for i in n.items:
            out *= cost(i)
        return out
    return 1
