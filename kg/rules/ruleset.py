"""The rule pack's data: a validated rule, its emits and examples, join rules and the rule set.

kg.rules.loader reads rule files into them (and re-exports them); the engine, the graph builder and
the pickled pack cache use them without the loader's parsing and validation.
"""
from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import InputError
from ..reading.text import norm
from .pattern import Capture, Firsts, Parsed, Slot


def rule_files(rules_dir: Path) -> list[Path]:
    """The rule files of a folder (or the one file given), in order (kg.rules.loader reads them)."""
    if rules_dir.is_file():
        return [rules_dir]
    if not rules_dir.is_dir():
        raise InputError(rules_dir, "rules folder not found")
    return sorted(p for p in rules_dir.rglob("*.yaml") if not p.name.startswith("_"))


@dataclass(frozen=True)
class Term:
    """One position of an emitted triple: a slot (with an optional attribute), the rule's node,
    an IRI constant, or a literal."""

    kind: str  # slot node iri literal ref docdate
    value: str = ""
    attr: str = ""
    datatype: str = ""  # for literals: an XSD/IRI datatype or "@lang"
    key: tuple[str, ...] = ()  # for ref: the slots whose values identify the referenced node


@dataclass(frozen=True)
class Emit:
    """One triple a rule emits, as written in the rule file (its line is kept for messages)."""

    s: Term
    p: str
    o: Term
    line: int
    negated: bool = False  # written `[s, p, o, not]`: the text says this does not hold
    when: tuple[str, str] | None = None  # `[s, p, o, if planned]` / `unless planned`: only for some frame forms


@dataclass(frozen=True)
class Example:
    """A sentence a rule must match (with the triples expected) or must not match."""

    text: str
    expect: tuple[str, ...] | None  # None: must not match
    date: str | None
    line: int


@dataclass
class Rule:
    """A validated rule: patterns compiled, emits checked against the vocabulary, examples kept."""

    id: str
    description: str
    file: str
    line: int
    order: int
    group: str
    priority: int
    patterns: list[Parsed]
    required: list[set[str]]
    emits: list[Emit]
    firsts: list[Firsts] = field(default_factory=list)
    node_classes: list[str] = field(default_factory=list)
    node_key: list[str] | None = None
    attribution: tuple[str, str] | None = None  # (holder slot, content slot or "")
    hypothetical: list[str] = field(default_factory=list)
    negation: str | None = None
    segments: frozenset[str] | None = None
    examples: list[Example] = field(default_factory=list)
    slots: dict[str, Slot | Capture] = field(default_factory=dict)
    node_scope: str = "article"  # "world": the same key is the same node in every article (a post)
    forms: list[str] = field(default_factory=list)  # per pattern: the frame form it derives from, or ""
    sources: list[str] = field(default_factory=list)  # per pattern: its text before word classes are expanded
    frame: dict[str, Any] | None = None
    parent: "Rule | None" = None  # a variant of a frame rule whose emits differ by form (`if planned`)
    defaults: dict[str, str] = field(default_factory=dict)  # time slot -> "article.date" when the text gives none
    variants: list["Rule"] = field(default_factory=list)
    background: bool = False  # the writer's own description of a mention (a title): asserted inside reported speech too
    own_act: bool = False  # said in the first person inside a quotation, the act is its speaker's own, not his claim
    not_named: dict[str, frozenset[str]] = field(default_factory=dict)  # slot -> names it never takes (a file's `not_named`)

    @property
    def has_node(self) -> bool:
        return bool(self.node_classes)

    @property
    def root(self) -> "Rule":
        """The rule as written (a variant's parent)."""
        return self.parent or self

    def form_of(self, i: int) -> str:
        return (self.forms[i] if i < len(self.forms) else "") or f"pattern {i + 1}"

    def __getattr__(self, name: str) -> Any:
        """A rule from the pack cache keeps its emits, examples, required words and sources pickled
        apart (kg.rules.pack: an article fires a few dozen of the ~300 rules, and only `kg rules
        test` reads examples): they are unpickled here, when first asked (`LAZY`)."""
        if name in LAZY:
            blob = self.__dict__.get("_lazy_" + name)
            if blob is not None:
                import pickle

                value = self.__dict__[name] = pickle.loads(blob)
                return value
        raise AttributeError(name)

    def __getstate__(self) -> tuple[tuple[str, ...], tuple[Any, ...]]:
        """The rule's attributes as (names, values): the pack cache holds ~460 rules of ~29
        attributes, and pickle's own rebuild interned and set each name one by one (~800
        instructions an attribute, ~11 M of a one-article build). Equal name tuples are one
        object, which pickle writes once."""
        d = self.__dict__
        names = tuple(d)
        return _WRITTEN.setdefault(names, names), tuple(d.values())

    def __setstate__(self, state: Any) -> None:
        if type(state) is dict:  # (a rule pickled as a plain dict of attributes)
            self.__dict__.update(state)
            return
        names, values = state
        shape = _SHAPES.get(names)
        if shape is None:  # names interned, as pickle's own rebuild does, so attribute lookups stay fast
            shape = _SHAPES[names] = tuple(map(sys.intern, names))
        self.__dict__.update(zip(shape, values))


_SHAPES: dict[tuple[str, ...], tuple[str, ...]] = {}  # a rule's attribute names read -> the same, interned
_WRITTEN: dict[tuple[str, ...], tuple[str, ...]] = {}  # those written: one object for equal tuples


# the fields of a Rule that kg.rules.pack's cache stores apart: a build reads the emits of the rules
# that fire; the examples (`kg rules test`), each pattern's required words (what kg.rules.index
# works the needs from, which the cache holds worked out) and its source (`kg rules list --frames`)
# are for other commands
LAZY = ("emits", "examples", "required", "sources")


Pattern = tuple[Term, str, Term]  # a triple pattern of a join rule: variables are `slot` terms


@dataclass
class JoinRule:
    """A rule over what one article asserts, across its sentences: triple patterns (`where`)
    whose variables bind to the article's terms, and triples to emit for each solution (see
    kg.rules.join). Written with `where` instead of `pattern`."""

    id: str
    description: str
    file: str
    line: int
    order: int
    where: list[Pattern]
    emits: list[Emit]
    examples: list[Example] = field(default_factory=list)
    unless: list[list[Pattern]] = field(default_factory=list)  # alternatives; a solution one of them extends is dropped


@dataclass
class RuleSet:
    """The rules of a pack in tie-break order (file order, then order in the file); join rules
    run after all sentence rules, in file order."""

    rules: list[Rule]
    files: list[str]
    joins: list[JoinRule] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.rules) + len(self.joins)

    def get(self, rule_id: str) -> Rule | JoinRule | None:
        return next((r for r in [*self.rules, *self.joins] if r.id == rule_id), None)


def fold_name(text: str) -> str:
    """A mention's text as `not_named` compares it: the tokens' normal form (kg.reading.text.norm),
    one space, no leading "the"."""
    words = norm(text).split()
    return " ".join(words[1:] if words[:1] == ["the"] else words)
