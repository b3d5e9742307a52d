"""What kg knows of one entity: its names, codes and dated affiliations (kg.knowing.gazetteer
loads them; kg.knowing.worldstore keeps the imported ones compact)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ..reading.text import tokenize


def name_key(name: str) -> str:
    """The form names are indexed and compared in: the mention tokenizer's normal forms joined by
    spaces ("Mish’al" and "MISH'AL" share a key), so a name found in text has the same key."""
    return " ".join(t.norm for t in tokenize(name))


_PLAIN: dict[str, str] = {}
_LETTERS = str.maketrans({"đ": "d", "ð": "d", "ł": "l", "ø": "o", "ı": "i", "ß": "ss", "æ": "ae", "œ": "oe", "þ": "th"})


def plain(norm: str) -> str:
    """A token's normal form without diacritics ("erdoğan" -> "erdogan"): how the world store
    indexes and looks up names, so that they match however the text or the dictionary spells them."""
    if norm.isascii():
        return norm
    p = _PLAIN.get(norm)
    if p is None:
        import unicodedata

        d = unicodedata.normalize("NFKD", norm.translate(_LETTERS))
        p = _PLAIN[norm] = "".join(c for c in d if not unicodedata.combining(c)) or norm
    return p


def _within(start: date | None, end: date | None, day: date | None) -> bool:
    """`day` in [start, end], either bound open when None; no day (an undated article) is in every period."""
    return day is None or ((start is None or start <= day) and (end is None or day <= end))


class _Period:
    """What a code and an affiliation share: a validity period from `start` to `end`, inclusive
    (None is open), which their dataclasses declare."""

    __slots__ = ()
    start: date | None
    end: date | None

    def valid_on(self, day: date | None) -> bool:
        return _within(self.start, self.end, day)

    @property
    def dated(self) -> bool:
        return self.start is not None or self.end is not None


@dataclass(frozen=True, slots=True)
class Code(_Period):
    """An actor code (RUS, IGOUNO, RUSGOV) valid from `start` to `end`, inclusive; None is open."""

    code: str
    start: date | None = None
    end: date | None = None

    def __reduce__(self) -> tuple[type, tuple[str, date | None, date | None]]:
        # unpickled by one call of the class: a frozen slotted dataclass's own pickling rebuilds
        # each instance through dataclasses' Python `__setstate__` (`fields()`, then a setattr per
        # field), ~16,000 instructions for each of the ~230 the pack cache holds
        return Code, (self.code, self.start, self.end)


@dataclass(frozen=True, slots=True)
class Affiliation(_Period):
    """A date-bounded membership: `code` as the dictionary gives it (RUSGOV), `of` the entity id of
    the state or organisation it encodes (None if none is known), `sector` (GOV, MIL, REB, ...)."""

    of: str | None
    sector: str | None
    code: str
    start: date | None = None
    end: date | None = None

    def __reduce__(self) -> tuple[type, tuple[str | None, str | None, str, date | None, date | None]]:
        return Affiliation, (self.of, self.sector, self.code, self.start, self.end)  # (as Code's)


@dataclass(frozen=True)
class Entity:
    """An entity kg knows, with every name and description that may refer to it."""

    id: str
    type: str
    label: str
    aliases: tuple[str, ...]
    descriptions: tuple[str, ...]
    same_as: tuple[str, ...]
    gender: str | None
    source: str  # file:line of the gazetteer entry, for messages
    demonyms: tuple[str, ...] = ()
    codes: tuple[Code, ...] = ()
    affiliations: tuple[Affiliation, ...] = ()
    located_in: str | None = None
    capital: str | None = None
    origin: str | None = None  # the entry's `source`: where an imported entity comes from (FILE:LINE)
    part_of: str | None = None  # the organisation or state this body is a part of (W3C ORG subOrganizationOf)

    @property
    def curated(self) -> bool:
        """Written by hand in the pack (not imported from a dictionary)."""
        return self.origin is None

    def codes_on(self, day: date | None) -> list[str]:
        """Own codes and affiliation codes valid on `day` (all of them when `day` is None), dated
        ones first (an undated code is a dictionary's default, used when no dated one applies),
        each once, in entry order."""
        dated = [c.code for c in (*self.codes, *self.affiliations) if c.dated and c.valid_on(day)]
        undated = [c.code for c in (*self.codes, *self.affiliations) if not c.dated]
        return list(dict.fromkeys(dated + undated))

    def affiliations_on(self, day: date | None) -> list[Affiliation]:
        """Affiliations whose dates include `day` (undated ones excluded unless `day` is None)."""
        return [a for a in self.affiliations if (day is None or a.dated) and a.valid_on(day)]

    def active_on(self, day: date | None) -> bool:
        """Whether the entity has a dated code or affiliation valid on `day`."""
        return any(c.dated and c.valid_on(day) for c in (*self.codes, *self.affiliations))
