"""Words that inflect: a pattern names a lemma once (`~meet`) and matches its forms (meet, meets,
met, meeting).

The forms come from LemmInflect (PyPI `lemminflect`, MIT): a maintained English inflection
library that ships its own tables (no model download, no network), covers irregular verbs
(meet/met, hold/held, lead/led, seek/sought) and, for words not in its tables, applies English
spelling rules (doubling, -ie/-y, silent e). A hand table would have to list every irregular verb
the inventory uses and would drift; a full NLP pipeline (spaCy) would cost seconds per process
for the same table look-up. LemmInflect follows American spelling, so British variants are added
here (-ise beside -ize, doubled -ll- in travelled). A rule pack may add or override forms in
`_classes.yaml` under `forms:` (see kg.rules.classes).

Inflection happens when rules are loaded; a validated pack is cached, so building articles never
imports LemmInflect.
"""
from __future__ import annotations

from functools import lru_cache

# selector -> Penn tags: what `~meet:pp` and friends match
SELECTORS: dict[str, tuple[str, ...]] = {
    "base": ("VB", "VBP"),
    "s": ("VBZ",),
    "past": ("VBD",),
    "pp": ("VBN",),
    "ing": ("VBG",),
    "finite": ("VB", "VBP", "VBZ", "VBD"),
    "noun": ("NN", "NNS"),
    "all": ("VB", "VBP", "VBZ", "VBD", "VBN", "VBG", "NN", "NNS"),
}


class LemmaError(ValueError):
    """An unknown selector or a word the inflection library cannot inflect."""


@lru_cache(maxsize=None)
def _table(lemma: str) -> dict[str, tuple[str, ...]]:
    from lemminflect import getAllInflections, getAllInflectionsOOV

    out: dict[str, set[str]] = {}
    verb = getAllInflections(lemma, upos="VERB") or getAllInflectionsOOV(lemma, upos="VERB")
    noun = getAllInflections(lemma, upos="NOUN")
    for tag, forms in {**verb, **noun}.items():
        out.setdefault(tag, set()).update(forms)
    if "VBN" not in out and "VBD" in out:
        out["VBN"] = set(out["VBD"])  # regular verbs: the past participle is the past tense
    for tag in ("VB", "VBP"):
        out.setdefault(tag, set()).add(lemma)
    for tag in list(out):
        for f in list(out[tag]):
            out[tag] |= _british(f)
    return {t: tuple(sorted(v)) for t, v in out.items()}


def _british(form: str) -> set[str]:
    """British spellings beside LemmInflect's American ones: recognised, criticises, travelled."""
    out = set()
    for us, gb in (("ize", "ise"), ("ized", "ised"), ("izes", "ises"), ("izing", "ising"),
                   ("yzed", "ysed"), ("yze", "yse"), ("yzes", "yses"), ("yzing", "ysing")):
        if form.endswith(us) and len(form) > len(us) + 2:
            out.add(form[: -len(us)] + gb)
    for us, gb in (("eled", "elled"), ("eling", "elling")):
        if form.endswith(us):
            out.add(form[: -len(us)] + gb)
    return out


def inflect(lemma: str, selector: str = "all", extra: dict[str, dict[str, tuple[str, ...]]] | None = None) -> tuple[str, ...]:
    """The forms of `lemma` that `selector` names, in a stable order (the lemma first)."""
    lemma = lemma.casefold()
    if selector not in SELECTORS:
        raise LemmaError(f"unknown form {selector!r} in ~{lemma}:{selector} (known: {', '.join(SELECTORS)})")
    if not lemma.isalpha() and not lemma.replace("-", "").isalpha():
        raise LemmaError(f"~{lemma}: a lemma is one word of letters")
    table = dict(_table(lemma))
    for tag, forms in (extra or {}).get(lemma, {}).items():
        table[tag] = tuple(sorted(set(table.get(tag, ())) | set(forms)))
    found: set[str] = set()
    for tag in SELECTORS[selector]:
        found.update(table.get(tag, ()))
    if not found:
        raise LemmaError(f"~{lemma}:{selector}: no such form (say it in _classes.yaml under 'forms')")
    return tuple(sorted(found, key=lambda f: (f != lemma, f)))
