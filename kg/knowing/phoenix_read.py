"""Reading Phoenix (PETRARCH/TABARI) actor dictionaries: records, codes with dates, names.

The format is documented in PETRARCH's `dictionaries.rst`:

    PRIMARY_PHRASE [CODE]      a record; an optional default code (or several, with dates)
    +SYNONYM_PHRASE            another name of the record
    <TAB>[CODE 040309-061231]  a date-bounded code: <DATE (until), >DATE (from), D1-D2 (between)

Dates are YYMMDD (00-30 = 20YY, else 19YY) or YYYYMMDD, bounds inclusive. Consecutive primary
phrases before the first code share one record (as PETRARCH reads them). Bad lines are reported as
`FILE:LINE: what is wrong`, all together. kg.knowing.phoenix converts the records into gazetteer
entries; kg.rules.cameo reads the validation actors with the same parser.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from ..errors import Problem
from ..reading.text import slug
from .gazetteer import name_key

# CAMEO sector codes (the three letters after a state's code): GOV in RUSGOV, REB in PSEREBHMS.
SECTORS = frozenset("""COP GOV INS JUD MIL OPP REB SEP SPY UAF AGR BUS CRM CVL DEV EDU ELI ENV HLH HRI
LAB LEG MED MOD RAD REF REL AMN IRC GRP UNO PKO NGO IGO IMG MNC ATH BUD CHR CON DRZ HIN ITH JAN JEW
MOS SHI SUN SIK TAO UNR CON""".split())

_CODE = re.compile(r"^[A-Z0-9]{3,}$")
_DATE = re.compile(r"^\d{6,}$")


@dataclass(frozen=True)
class Restriction:
    """A code, valid from `start` to `end` (inclusive; None is open)."""

    code: str
    start: date | None
    end: date | None


@dataclass
class Record:
    """One dictionary record: its names (first is the primary phrase), codes and where it is."""

    file: str  # file name, no folder (it is written into shipped data)
    line: int
    names: list[str] = field(default_factory=list)
    codes: list[Restriction] = field(default_factory=list)
    comments: list[str] = field(default_factory=list)

    @property
    def where(self) -> str:
        return f"{self.file}:{self.line}"


def parse_date(s: str) -> date:
    """A Phoenix date: YYMMDD (00-30 is 20YY) or YYYYMMDD (only the first eight digits count,
    as in PETRARCH, which some entries rely on)."""
    if len(s) > 7:
        y, m, d = int(s[:4]), int(s[4:6]), int(s[6:8])
    else:
        y, m, d = int(s[:2]), int(s[2:4]), int(s[4:6])
        y += 2000 if y <= 30 else 1900
    return date(y, m, d)  # ValueError for a day or month that does not exist


class Skip(ValueError):
    """A restriction PETRARCH itself skips (the null code ---, an interval that ends before it
    begins): reported as a warning, not an error, so the published dictionaries import."""


def _restriction(body: str) -> Restriction:
    """`CODE`, `CODE <DATE`, `CODE >DATE`, `CODE D1-D2` or `CODE DATE` (from that day on)."""
    parts = body.split(None, 1)
    if not parts:
        raise ValueError("empty code restriction []")
    code, rest = parts[0], (parts[1].replace(" ", "") if len(parts) > 1 else "")
    if code == "---":
        raise Skip("the null code --- is skipped")
    if not _CODE.match(code):
        raise ValueError(f"code {code!r} is not capital letters and digits")
    if not rest:
        return Restriction(code, None, None)
    try:
        if rest[0] in "<>":
            if not _DATE.match(rest[1:]):
                raise ValueError
            d = parse_date(rest[1:])
            return Restriction(code, None, d) if rest[0] == "<" else Restriction(code, d, None)
        a, dash, b = rest.partition("-")
        if not _DATE.match(a) or (dash and not _DATE.match(b)):
            raise ValueError
        start, end = parse_date(a), (parse_date(b) if dash else None)
    except ValueError:
        raise ValueError(f"date restriction {rest!r} of {code} is not <DATE, >DATE, DATE-DATE or DATE "
                         "with dates YYMMDD or YYYYMMDD") from None
    if end is not None and end < start:
        raise Skip(f"date restriction {rest!r} of {code} ends before it begins: skipped, as PETRARCH does")
    return Restriction(code, start, end)


_BRACKETS = re.compile(r"\[([^\[\]]*)\]")


def parse_actors(path: Path, problems: list[Problem], warnings: list[Problem] | None = None) -> list[Record]:
    """The records of one actor dictionary. Errors (a line that cannot be read as the format
    says) go to `problems`, what PETRARCH itself skips or repairs to `warnings`; both located."""
    warnings = [] if warnings is None else warnings
    name = path.name
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as e:
        problems.append(Problem(str(path), None, f"cannot read: {e}"))
        return []
    records: list[Record] = []
    cur: Record | None = None
    gap = True  # a blank line since the last primary phrase: the next one starts a new record
    for n, raw in enumerate(text.splitlines(), 1):
        if "---STOP---" in raw:
            break
        body, _, comment = raw.partition("#")
        if raw.lstrip().startswith("<!"):
            continue
        if not body.strip():
            if not raw.strip():
                gap = True
            continue
        comment = comment.strip()

        def bad(msg: str) -> None:
            problems.append(Problem(str(path), n, msg))

        def warn(msg: str) -> None:
            warnings.append(Problem(str(path), n, msg))

        def add_code(body: str, to: list[Restriction]) -> None:
            try:
                to.append(_restriction(body))
            except Skip as e:
                warn(str(e))
            except ValueError as e:
                bad(str(e))

        indented = body[0] in " \t"
        stripped = body.strip()
        if indented and stripped.startswith("["):  # date restrictions of the current record
            if cur is None:
                bad("a code restriction before any actor phrase")
                continue
            rest = _BRACKETS.sub("", stripped).strip()
            if rest or stripped.count("[") != stripped.count("]"):
                bad(f"a restriction line holds only [CODE ...] groups, not {stripped!r}")
                continue
            for m in _BRACKETS.finditer(stripped):
                add_code(m.group(1), cur.codes)
            if comment:
                cur.comments.append(comment)
            continue
        if stripped.startswith("+"):  # a synonym of the current record
            phrase = stripped[1:].partition(";")[0].strip()
            if "]" in phrase and "[" not in phrase:
                warn(f"stray ']' removed from synonym {phrase!r}")
                phrase = phrase.replace("]", "")
            if cur is None:
                bad("a synonym (+PHRASE) before any actor phrase")
            elif "[" in phrase:
                bad("a synonym line (+PHRASE) carries no code")
            elif not _phrase_ok(phrase):
                warn(f"synonym {phrase!r} has no letters: skipped (it would match numbers)")
            else:
                cur.names.append(phrase)
            continue
        # a primary phrase, possibly with codes: PHRASE [CODE] [CODE D1-D2] ...; an indented
        # phrase (one entry of the International file is so written) is read the same way
        phrase, br, rest = stripped.partition("[")
        phrase = phrase.partition(";")[0].strip()
        codes: list[Restriction] = []
        if br:
            groups = "[" + rest
            lead = re.match(r"^(?:\s*\[[^\[\]]*\])+", groups)
            if lead is None or "[" in groups[lead.end():] or "]" in groups[lead.end():]:
                bad(f"after the phrase only [CODE ...] groups may follow, not {groups.strip()!r}")
                continue
            if groups[lead.end():].strip(" \t;"):  # text after the codes: PETRARCH ignores it
                comment = (comment + " " + groups[lead.end():].strip()).strip()
            for m in _BRACKETS.finditer(lead.group()):
                add_code(m.group(1), codes)
        if not _phrase_ok(phrase):
            warn(f"actor phrase {phrase!r} has no letters: record skipped (it would match numbers)")
            cur, gap = Record(name, n, [phrase], codes), False  # kept out, with its synonyms
            continue
        if cur is not None and not cur.codes and not gap and not codes:
            cur.names.append(phrase)  # PETRARCH: primaries before the first code share a record
        else:
            cur = Record(name, n, [phrase], codes)
            records.append(cur)
        if comment:
            cur.comments.append(comment)
        gap = False
    return records


def _phrase_ok(phrase: str) -> bool:
    return any(c.isalpha() for c in phrase)


# -- names --------------------------------------------------------------------------------------
_LOWER = frozenset("of the and for in on to at by de da del della van von der den bin bint ibn la le du des al el y".split())
_ROMAN = re.compile(r"^(?:I{1,3}|IV|V|VI{1,3}|IX|X{1,3})$")


def normal_case(phrase: str, acronyms: bool = False) -> str:
    """`CONDOLEEZZA_RICE_` -> `Condoleezza Rice`; `ORGANIZATION_OF_THE_ISLAMIC_CONFERENCE` ->
    `Organization of the Islamic Conference`. Dotted abbreviations (U.N.) and roman numerals stay
    in capitals; with `acronyms`, so does a one-word name of up to five letters (NATO, FARC)."""
    words = [w for w in re.split(r"[_\s]+", phrase) if w]
    out = []
    for i, w in enumerate(words):
        if ("." in w and sum(c.isalpha() for c in w) <= 4 and len(w) <= 5 and w.count(".") >= 2) or _ROMAN.match(w):
            out.append(w)  # U.N., U.S., II
        elif acronyms and w.isalpha() and ((len(words) == 1 and len(w) <= 5) or (len(w) == 2 and w.lower() not in _LOWER)
                                           or not set(w.lower()) & set("aeiouy")):
            out.append(w)  # an organisation's acronym: NATO, the UN, FSB
        elif i > 0 and w.lower() in _LOWER:
            out.append(w.lower())
        else:
            # each hyphen part capitalised (Ki-Moon); after an apostrophe only a one-letter prefix
            # starts a new capital (O'Brien, D'Estaing), not a possessive or Mish'al
            w = "-".join(x[:1].upper() + x[1:] for x in w.lower().split("-"))
            out.append(re.sub(r"\b([A-Za-z])'([a-z])", lambda m: m.group(1).upper() + "'" + m.group(2).upper(), w))
    return " ".join(out)


def record_names(rec: Record, acronyms: bool = False) -> list[str]:
    """The record's names in normal case, first the primary one, each name key once."""
    seen: set[str] = set()
    out = []
    for i, p in enumerate(rec.names):
        label = normal_case(p, acronyms)
        if i == 0:  # "Stanko Todorov (acting": the remark is not part of the name
            label = re.sub(r"\s*\(.*$|\)", "", label).strip() or label
        elif re.search(r"[()]|\s[.,]", label):  # "Samoa (american)", "Dmitri A .medvedev": not a name
            continue
        k = name_key(label)
        if k and k not in seen:
            seen.add(k)
            out.append(label)
    return out


def id_for(label: str) -> str:
    """The slug of a label; empty when the label has no ASCII letters or digits (the caller then
    mints one from a hash: an id is always IRI-safe)."""
    return slug(label)
