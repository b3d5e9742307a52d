"""Tokens and normal forms shared by mention finding and rule matching.

Typographic variants (curly quotes and apostrophes, dashes) are folded so that a rule or
an alias written with ASCII characters matches text set with typographic ones.
"""
from __future__ import annotations

import re
from collections import namedtuple

_FOLD = str.maketrans({
    "\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u2032": "'", "`": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u00ab": '"', "\u00bb": '"',
    "\u2013": "-", "\u2014": "-", "\u2212": "-", "\u00a0": " ",
})

QUOTE_CHARS = frozenset('"\u201c\u201d\u201e\u00ab\u00bb')
OPENING_QUOTES = frozenset("\u201c\u201e\u00ab")
CLOSING_QUOTES = frozenset("\u201d\u00bb")

# One token: an abbreviation with inner dots (U.S.), a word with inner apostrophes or hyphen-free
# letters (Mish'al), a number, a possessive ending, or any single other character.
_TOKEN = re.compile(
    r"(?:[^\W\d_]\.){2,}"                     # U.S. / e.g.
    r"|[''\u2019]s\b(?![''\u2019\w])"         # possessive 's
    r"|[^\W_]+(?:[''\u2019](?![sS]\b)[^\W_]+)*"  # words, Mish'al (a final 's stays apart)
    r"|\.\.\.|\S",
    re.UNICODE,
)
# The same tokens, each with the spaces before it: only spaces lie between two tokens (`\S` is
# one), so a token's offset is the previous one's end plus its spaces, with no search for it, and
# the regex does not fail once at every space before it finds the next token.
_SPACED_TOKEN = re.compile(r"(\s*)(" + _TOKEN.pattern + ")", re.UNICODE)


def fold(text: str) -> str:
    """Typographic folding only (case kept): used for acronym aliases that must match in capitals."""
    return text.translate(_FOLD)


def norm(text: str) -> str:
    """The form tokens are compared in: folded and lower-cased."""
    return text.translate(_FOLD).lower()


# (collections.namedtuple, what typing.NamedTuple makes, without its class syntax: under `from
# __future__ import annotations` that compiles each field's annotation at import, ~1 M instructions a class)
# text: str, begin and end: int (character offsets into the article text), norm: str, folded: str
Token = namedtuple("Token", ("text", "begin", "end", "norm", "folded"), module=__name__)
Token.__doc__ = """A token with offsets into the article and its folded and normal forms. A named tuple, not
    a frozen dataclass: an article has thousands of tokens, and a frozen dataclass sets each
    field through object.__setattr__ (tokenizing took 3-8 times longer)."""


_FORMS: dict[str, tuple[str, str]] = {}  # token text -> (norm, folded): most tokens recur


def tokenize(text: str, offset: int = 0) -> list[Token]:
    """Tokens of `text` with offsets shifted by `offset` (the position of `text` in the article)."""
    out = []
    add = out.append
    forms = _FORMS
    if len(forms) > 200_000:  # a long corpus: bound the memo
        forms.clear()
    get = forms.get
    new = tuple.__new__  # the named tuple made directly (its __new__ is a Python function)
    end = offset
    for spaces, t in _SPACED_TOKEN.findall(text):  # strings, not match objects
        b = end + len(spaces)
        end = b + len(t)
        f = get(t)
        if f is None:
            folded = t.translate(_FOLD)
            f = forms[t] = (folded.lower(), folded)
        add(new(Token, (t, b, end, f[0], f[1])))
    return out


def slug(text: str) -> str:
    """A readable IRI-safe fragment: ASCII letters and digits joined by hyphens (may be empty)."""
    s = re.sub(r"[^a-z0-9]+", "-", norm(text).encode("ascii", "ignore").decode()).strip("-")
    return s[:60].strip("-")


_ITEM_LEAD = re.compile(r"^(?:and|or|then|of|to|also)\s+", re.I)


def split_items(text: str) -> list[str]:
    """The items of a list written in prose: split at semicolons if there are any, else at
    commas, else at 'and'; leading connectives (and, or, of, to) are dropped."""
    t = text.strip().strip('"“”').strip().rstrip(".;:,").strip()
    head, colon, rest = t.partition(":")
    if colon and ";" in rest and ";" not in head:  # "the principles: of A; of B; and of C"
        t = rest
    if ";" in t:
        parts = t.split(";")
    elif "," in t:
        parts = t.split(",")
    else:
        parts = re.split(r"\s+and\s+", t)
    out = []
    for p in parts:
        p = p.strip()
        while _ITEM_LEAD.match(p):
            p = _ITEM_LEAD.sub("", p, count=1).strip()
        if p:
            out.append(p)
    return out
