"""Named word classes, defined once in a rule pack and used by any rule as `@NAME`.

    # data/rules/_classes.yaml
    classes:
      MEET: ["~meet [with]", "~hold talks with", "~confer with", "~receive", "~host", "~sit down with"]
      LIGHT: {light: true, words: [also, again, reportedly, later, first]}
    forms:
      travel: {pp: [travelled]}      # extra or corrected forms for the inflection library

An entry is a pattern fragment; `~word` in it inflects (kg.rules.lemmas). In a pattern, `@MEET`
stands for all its entries as alternatives; `@MEET:pp` selects one form of each entry's `~word`
(base, s, past, pp, ing, finite, noun, all), and entries written without `~` (fixed phrases) are
used only where no form is selected. A class may name other classes. A class marked
`light: true` lists words that may be skipped without changing the meaning (adverbs such as
"also", "again", "reportedly"); it may never hold a negator, so that no rule skips a "not".

A rule file may also define classes under a top-level `classes:` key; every class is visible to
every rule of the pack, and a name defined twice is an error.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import InputError, Problem
from ..yamlfile import LDict, LList, load_yaml
from .lemmas import SELECTORS, LemmaError, inflect

CLASS_REF = re.compile(r"@([A-Z][A-Z0-9_]*)(?::([a-z]+))?")
LEMMA_REF = re.compile(r"~([A-Za-z][A-Za-z-]*)(?::([a-z]+))?")
NAME_RX = re.compile(r"[A-Z][A-Z0-9_]*")
# Between a class entry's verb and its preposition ("~meet with", "~arrive in", "~travel to") a light
# word and a time may stand, once here for every rule: "met separately on Tuesday with", "arrived late
# on Monday in", "flew last week to". Only a light class's words (never a negator) and a time
# expression (kg.reading's times, so never a name); entries that place their own time keep it, and a
# class named inside a slot ("{cue=@CRITICISE}") gains nothing (a slot holds no capture).
INNER_PREPS = "with|in|to|on|upon|for|at"
INNER = re.compile(rf"^(~[A-Za-z][A-Za-z-]*(?::[a-z]+)?) (?:(?=(?:{INNER_PREPS})(?: |$))|\[(?=(?:{INNER_PREPS})\]))")
NEGATORS = frozenset({"not", "n't", "never", "no", "neither", "nor", "cannot", "without", "nothing", "none", "nobody"})


@dataclass
class WordClass:
    name: str
    words: list[str]
    where: str  # FILE:LINE, for messages
    light: bool = False


@dataclass
class Classes:
    """The pack's word classes and extra inflections."""

    classes: dict[str, WordClass] = field(default_factory=dict)
    forms: dict[str, dict[str, tuple[str, ...]]] = field(default_factory=dict)

    def add_section(self, raw: Any, shown: str, line: int, problems: list[Problem]) -> None:
        """Read a `classes:` mapping (from _classes.yaml or a rule file)."""
        if not isinstance(raw, LDict):
            problems.append(Problem(shown, line, "'classes' maps NAMES in capitals to lists of words or phrases"))
            return
        for name, spec in raw.items():
            at = raw.key_lines[name]
            if not NAME_RX.fullmatch(name):
                problems.append(Problem(shown, at, f"class name {name!r}: capitals, digits and _ (used as @{name.upper()})"))
                continue
            light = False
            words = spec
            if isinstance(spec, LDict):
                unknown = set(spec) - {"words", "light", "note"}
                if unknown:
                    problems.append(Problem(shown, at, f"class {name}: unknown key(s) {', '.join(sorted(unknown))} (known: words, light, note)"))
                words, light = spec.get("words"), bool(spec.get("light", False))
            if not isinstance(words, list) or not words or not all(isinstance(w, str) and w.strip() for w in words):
                problems.append(Problem(shown, at, f"class {name}: a non-empty list of words or phrases"))
                continue
            if name in self.classes:
                problems.append(Problem(shown, at, f"class {name} is already defined at {self.classes[name].where}"))
                continue
            if light:
                bad = sorted({t for w in words for t in w.casefold().split()} & NEGATORS)
                if bad:
                    problems.append(Problem(shown, at, f"class {name} is light (skippable) but holds the negator(s) "
                                                       f"{', '.join(bad)}: a negation is never skipped"))
                    continue
            self.classes[name] = WordClass(name, [" ".join(w.split()) for w in words], f"{shown}:{at}", light)

    def add_forms(self, raw: Any, shown: str, line: int, problems: list[Problem]) -> None:
        if not isinstance(raw, LDict):
            problems.append(Problem(shown, line, "'forms' maps a lemma to {selector: [forms]}"))
            return
        for lemma, spec in raw.items():
            at = raw.key_lines[lemma]
            if not isinstance(spec, dict) or not all(k in SELECTORS and isinstance(v, list) for k, v in spec.items()):
                problems.append(Problem(shown, at, f"forms of {lemma!r}: a mapping of {', '.join(SELECTORS)} to lists of words"))
                continue
            tags = {"base": ("VB",), "s": ("VBZ",), "past": ("VBD",), "pp": ("VBN",), "ing": ("VBG",), "noun": ("NNS",)}
            entry = self.forms.setdefault(lemma.casefold(), {})
            for sel, words in spec.items():
                for tag in tags.get(sel, SELECTORS[sel]):
                    entry[tag] = tuple(sorted(set(entry.get(tag, ())) | {str(w).casefold() for w in words}))

    def expand(self, pattern: str) -> str:
        """Replace every @NAME[:form] by its entries, and every ~lemma[:form] by the alternatives of
        its forms, so the pattern parser sees plain words. Raises ValueError with a readable message."""
        out = self._classes_in(pattern, None, ())
        return LEMMA_REF.sub(lambda m: self._lemma(m.group(1), m.group(2) or "all"), out)

    def _inner_skip(self) -> str:
        """What may stand between a class entry's verb and its preposition: one light word (or
        "late", "early") and a time; "~meet [with]" becomes "~meet [SKIP with]" (no skip without
        the preposition), as flat alternatives (one way to match each, for the cost bound)."""
        light = [w for w in self.classes["LIGHT"].words if " " not in w and "@" not in w and "~" not in w]
        return "[(" + "|".join(dict.fromkeys(light + ["late", "early"])) + ")] [{t:time}]"

    def _lemma(self, lemma: str, sel: str) -> str:
        try:
            forms = inflect(lemma, sel, self.forms)
        except LemmaError as e:
            raise ValueError(str(e)) from None
        return forms[0] if len(forms) == 1 else "(" + "|".join(forms) + ")"

    def _classes_in(self, text: str, sel: str | None, stack: tuple[str, ...]) -> str:
        def sub(m: re.Match[str]) -> str:
            name, own = m.group(1), m.group(2)
            if own is not None and own not in SELECTORS:
                raise ValueError(f"@{name}:{own}: unknown form (known: {', '.join(SELECTORS)})")
            c = self.classes.get(name)
            if c is None:
                known = ", ".join(sorted(self.classes)) or "none defined"
                raise ValueError(f"unknown word class @{name} (classes: {known}); define it in rules/_classes.yaml")
            if name in stack:
                raise ValueError(f"word class @{name} names itself (through {' -> '.join(stack + (name,))})")
            want = own or sel
            before = text[:m.start()]
            inner = not c.light and "LIGHT" in self.classes and before.count("{") == before.count("}")
            entries = []
            for w in c.words:
                if want is not None and "~" not in w and "@" not in w:
                    continue  # a fixed phrase has no forms to select
                if want is not None:
                    w = re.sub(r"~([A-Za-z][A-Za-z-]*)(?!:|[A-Za-z-])", lambda mm: f"~{mm.group(1)}:{want}", w)
                e = self._classes_in(w, want, stack + (name,))
                if inner and "{t:" not in w and INNER.match(e):
                    e = INNER.sub(lambda mm: f"{mm.group(1)} {'[' if mm.group(0).endswith('[') else ''}{self._inner_skip()} ",
                                  e, count=1)
                entries.append(e)
            if not entries:
                raise ValueError(f"@{name}:{want}: no entry of the class has a ~word to put in that form")
            return "(" + "|".join(entries) + ")"
        return CLASS_REF.sub(sub, text)


def load_classes(files: list[Path], root: Path | None, problems: list[Problem], shown: Any) -> Classes:
    """Read `_classes.yaml` files (each: `classes:` and optional `forms:`)."""
    out = Classes()
    for path in files:
        name = shown(path, root)
        try:
            doc = load_yaml(path)
        except InputError as e:
            problems.append(Problem(name, e.problem.line, e.problem.message))
            continue
        if not isinstance(doc, LDict):
            problems.append(Problem(name, 1, "a classes file is a mapping with 'classes' (and optional 'forms', 'note')"))
            continue
        for k in sorted(set(doc) - {"classes", "forms", "note"}):
            problems.append(Problem(name, doc.key_lines[k], f"unknown top-level key {k!r} (known: classes, forms, note)"))
        if "forms" in doc:
            out.add_forms(doc["forms"], name, doc.key_lines["forms"], problems)
        if "classes" in doc:
            out.add_section(doc["classes"], name, doc.key_lines["classes"], problems)
    return out


__all__ = ["Classes", "WordClass", "load_classes", "LList"]
