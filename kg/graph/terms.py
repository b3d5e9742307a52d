"""RDF terms as kg builds them: small `str` subclasses (the text is the IRI or the lexical form).

`kg build` makes, sorts and writes tens of thousands of terms and never needs rdflib's parsers or
SPARQL engine, yet importing rdflib costs about as much as the rest of a build of one article.
So the builder and kg's own writers use these terms, and the Python API converts to rdflib terms
on first use (`to_rdflib`). Equality follows RDF: an IRI never equals a literal with the same
text, and literals compare lexical form, datatype and language.
"""
from __future__ import annotations

import datetime as _dt
from functools import partial
from typing import Any, Callable, Union

XSD = "http://www.w3.org/2001/XMLSchema#"


class IRI(str):
    """An IRI, as its text."""

    __slots__ = ()

    def __eq__(self, other: object) -> bool:
        return type(other) is IRI and str.__eq__(self, other)

    def __ne__(self, other: object) -> bool:  # (join solving compares terms with !=: one frame, not two)
        return type(other) is not IRI or not str.__eq__(self, other)

    __hash__ = str.__hash__

    def __repr__(self) -> str:
        return f"IRI({str.__repr__(self)})"

    def __reduce__(self) -> tuple[Any, ...]:
        return (IRI, (str(self),))


class Literal(str):
    """A literal: the str is its lexical form; `datatype` an IRI or None (a plain string),
    `language` a tag or None. Python ints, bools, floats and dates get their XSD datatype and
    canonical lexical form, as rdflib gives them."""

    # Class defaults: a plain literal (most of a graph's) sets no attribute of its own, and a
    # datatype is one shared IRI object per datatype, so comparing two is an identity check.
    datatype: IRI | None = None
    language: str | None = None
    _nt: str | None = None  # its N-Triples text, kept by kg.graph.export for tagged literals (names recur)

    def __new__(cls, value: object, datatype: str | None = None, lang: str | None = None) -> "Literal":
        if datatype is None and lang is None and type(value) is str:
            return str.__new__(cls, value)
        if not isinstance(value, str):
            value, dt = _lexical(value)
            datatype = datatype or dt
        elif datatype is not None and (datatype == _XSD_INTEGER or datatype == _XSD_BOOLEAN):
            value = _canonical(value, datatype)
        self = str.__new__(cls, value)
        if lang:
            self.language = lang
        elif datatype:
            key = datatype if type(datatype) is str else str(datatype)
            d = _DATATYPES.get(key)
            if d is None:
                d = _DATATYPES[key] = IRI(key)
            self.datatype = d
        return self

    def __eq__(self, other: object) -> bool:
        if type(other) is not Literal or not str.__eq__(self, other):
            return False
        a, b = self.datatype, other.datatype
        return (a is b or a == b) and self.language == other.language

    def __ne__(self, other: object) -> bool:
        return not self.__eq__(other)

    # The text's own hash (C, no Python frame): equal literals have equal text, and literals that
    # differ only in datatype or language are rare enough in one graph to share a bucket.
    __hash__ = str.__hash__

    def __repr__(self) -> str:
        extra = f", lang={self.language!r}" if self.language else f", datatype={str(self.datatype)!r}" if self.datatype else ""
        return f"Literal({str.__repr__(self)}{extra})"

    def __reduce__(self) -> tuple[Any, ...]:
        return (Literal, (str(self), self.datatype, self.language))


Term = Union[IRI, Literal]

_DATATYPES: dict[str, IRI] = {}  # datatype IRI text -> the one shared IRI object
_XSD_INTEGER, _XSD_BOOLEAN = XSD + "integer", XSD + "boolean"


# plain(text) is Literal(text) for a str known to be one: str's own constructor, called with no
# Python frame (the graph builder makes hundreds per article)
plain: Callable[[str], Literal] = partial(str.__new__, Literal)


def tagged(text: str, lang: str) -> Literal:
    """Literal(text, lang=lang) for a str and a non-empty tag."""
    lit = str.__new__(Literal, text)
    lit.language = lang
    return lit


def integer(n: int) -> Literal:
    """Literal(n) for an int known to be one (not a bool): an xsd:integer."""
    lit = str.__new__(Literal, str(n))
    lit.datatype = _INTEGER
    return lit


_INTEGER = _DATATYPES[_XSD_INTEGER] = IRI(_XSD_INTEGER)


def _lexical(v: object) -> tuple[str, str]:
    if isinstance(v, bool):
        return ("true" if v else "false"), XSD + "boolean"
    if isinstance(v, int):
        return str(v), XSD + "integer"
    if isinstance(v, float):
        return repr(v), XSD + "double"
    if isinstance(v, _dt.datetime):
        return v.isoformat(), XSD + "dateTime"
    if isinstance(v, _dt.date):
        return v.isoformat(), XSD + "date"
    raise TypeError(f"no RDF literal for {type(v).__name__}")


def _canonical(lex: str, datatype: str) -> str:
    """Integers and booleans in canonical form ("+02" is 2), as rdflib normalises them."""
    if datatype == XSD + "integer":
        try:
            return str(int(lex.strip()))
        except ValueError:
            return lex  # ill-typed: kept as written
    low = lex.strip().lower()
    return {"true": "true", "1": "true", "false": "false", "0": "false"}.get(low, lex)


def is_literal(t: object) -> bool:
    """A literal, of kg's or rdflib's kind (both carry `datatype`)."""
    return type(t) is Literal or hasattr(t, "datatype")


def to_rdflib(t: Any) -> Any:
    """The equal rdflib term (rdflib terms pass through)."""
    from rdflib import Literal as RLiteral
    from rdflib import URIRef

    if type(t) is IRI:
        return URIRef(str(t))
    if type(t) is Literal:
        return RLiteral(str(t), lang=t.language, datatype=URIRef(str(t.datatype)) if t.datatype else None)
    return t


def from_rdflib(t: Any) -> Any:
    """The equal kg term (for graphs read back with rdflib)."""
    if type(t) in (IRI, Literal):
        return t
    if hasattr(t, "datatype"):
        return Literal(str(t), str(t.datatype) if t.datatype else None, t.language)
    if type(t).__name__ == "URIRef":
        return IRI(str(t))
    raise ValueError(f"blank nodes are not kg terms: {t!r}")
