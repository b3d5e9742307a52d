"""Time expressions normalised against the article's date.

Relative phrases ("today", "on Friday", "in January", "last year") resolve against the date the
article was published, as news coders (TimeML, NewsReader) do. Each found phrase keeps its
original text; the value is an ISO string with its XML Schema datatype.
"""
from __future__ import annotations

import datetime as dt
import re
from itertools import accumulate
from dataclasses import dataclass

MONTHS = {m: i for i, m in enumerate(
    "january february march april may june july august september october november december".split(), 1)}
MONTHS.update({k[:3]: v for k, v in list(MONTHS.items())})
MONTHS["sept"] = 9
WEEKDAYS = {d: i for i, d in enumerate("monday tuesday wednesday thursday friday saturday sunday".split())}
NUMBERS = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
    "sixteen seventeen eighteen nineteen twenty".split())}
NUMBERS.update({"thirty": 30, "forty": 40, "fifty": 50, "hundred": 100, "a": 1, "an": 1, "several": None,
                "few": None, "a few": None})
UNITS = {"day": "D", "days": "D", "week": "W", "weeks": "W", "month": "M", "months": "M",
         "year": "Y", "years": "Y", "hour": "H", "hours": "H"}


@dataclass(frozen=True, slots=True)
class TimeValue:
    """A normalised time: `value` in the lexical form of `datatype` (an xsd local name)."""

    value: str
    datatype: str  # date | gYearMonth | gYear | duration
    phrase: str
    relation: str = "at"  # at | since | until | during | before | after (from the preposition)
    begin: int = 0
    end: int = 0


_WEEKDAY_LEAD = re.compile(r"^(?:[A-Za-z]+day|(?:Mon|Tue|Tues|Wed|Thu|Thur|Thurs|Fri|Sat|Sun)\.?),? ")
_ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_MONTH_DAY_YEAR = re.compile(r"([A-Za-z]+) (\d{1,2}),? (\d{4})")
_DAY_MONTH_YEAR = re.compile(r"(\d{1,2}) ([A-Za-z]+),? (\d{4})")


def parse_dateline_date(text: str) -> dt.date | None:
    """'March 3, 2006' / '3 March 2006' / '2006-03-03' -> date, else None."""
    if not text:
        return None  # (asked for every article, most with no publication line)
    text = _WEEKDAY_LEAD.sub("", text.strip()).replace(".", "")
    m = _ISO_DATE.fullmatch(text)
    if m:
        return _safe_date(int(m[1]), int(m[2]), int(m[3]))
    m = _MONTH_DAY_YEAR.fullmatch(text)
    if m and m[1].lower() in MONTHS:
        return _safe_date(int(m[3]), MONTHS[m[1].lower()], int(m[2]))
    m = _DAY_MONTH_YEAR.fullmatch(text)
    if m and m[2].lower() in MONTHS:
        return _safe_date(int(m[3]), MONTHS[m[2].lower()], int(m[1]))
    return None


def parse_date_near(text: str, ref: dt.date | None) -> dt.date | None:
    """A date with or without its year ('Jan. 31', '3 March'): a date without a year takes the
    year that puts it on or before `ref` (a dateline is never after its publication date), within
    a year; None without `ref`."""
    full = parse_dateline_date(text)
    if full is not None or ref is None:
        return full
    s = text.strip().replace(".", "")
    m = re.fullmatch(r"([A-Za-z]+) (\d{1,2})", s) or re.fullmatch(r"(\d{1,2}) ([A-Za-z]+)", s)
    if not m:
        return None
    month, day = (m[1], m[2]) if not m[1].isdigit() else (m[2], m[1])
    if month.lower() not in MONTHS:
        return None
    for year in (ref.year, ref.year - 1):
        d = _safe_date(year, MONTHS[month.lower()], int(day))
        if d is not None and d <= ref + dt.timedelta(days=1):
            return d
    return None


def _safe_date(y: int, m: int, d: int) -> dt.date | None:
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


def _number(words: list[str]) -> int | None:
    if len(words) == 1 and words[0].isdigit():
        return int(words[0])
    return NUMBERS.get(" ".join(words))


# Token-level grammar. Each entry: regex over the space-joined normalised tokens (anchored at a token
# start), and a function (match, article date) -> (value, datatype) or None.
def _rules() -> list[tuple[re.Pattern[str], object]]:
    month = "(" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
    wd = "(" + "|".join(WEEKDAYS) + ")"
    num = r"(\d+|" + "|".join(sorted((k for k in NUMBERS if k not in ("a", "an")), key=len, reverse=True)) + ")"
    R: list[tuple[str, object]] = [
        (rf"(?:on )?{month} (\d{{1,2}}) , (\d{{4}})", lambda m, d: (_iso(int(m[3]), MONTHS[m[1]], int(m[2])), "date")),
        (rf"(?:on )?(\d{{1,2}}) {month} (\d{{4}})", lambda m, d: (_iso(int(m[3]), MONTHS[m[2]], int(m[1])), "date")),
        (rf"(?:on )?{month} (\d{{1,2}})(?! \d)", lambda m, d: (_iso(_year_for(d, MONTHS[m[1]]), MONTHS[m[1]], int(m[2])), "date")),
        (rf"(?:on )?(\d{{1,2}}) {month}", lambda m, d: (_iso(_year_for(d, MONTHS[m[2]]), MONTHS[m[2]], int(m[1])), "date")),
        (rf"{month} (\d{{4}})", lambda m, d: (f"{int(m[2]):04d}-{MONTHS[m[1]]:02d}", "gYearMonth")),
        (rf"in {month}", lambda m, d: (f"{_year_for(d, MONTHS[m[1]]):04d}-{MONTHS[m[1]]:02d}", "gYearMonth")),
        (r"today|tonight|this (?:morning|afternoon|evening)", lambda m, d: (d.isoformat(), "date")),
        (r"yesterday", lambda m, d: ((d - dt.timedelta(days=1)).isoformat(), "date")),
        (r"tomorrow", lambda m, d: ((d + dt.timedelta(days=1)).isoformat(), "date")),
        (rf"(?:on |last |this |next )?{wd}", lambda m, d: (_weekday(d, m[1], m[0].startswith("next")), "date")),
        (r"last year", lambda m, d: (f"{d.year - 1:04d}", "gYear")),
        (r"this year", lambda m, d: (f"{d.year:04d}", "gYear")),
        (r"next year", lambda m, d: (f"{d.year + 1:04d}", "gYear")),
        (r"last month", lambda m, d: (_month_shift(d, -1), "gYearMonth")),
        (r"next month", lambda m, d: (_month_shift(d, 1), "gYearMonth")),
        (r"(?:in|since|until|before|after|from) (1[89]\d\d|20\d\d)", lambda m, d: (m[1], "gYear")),
        (rf"(?:for )?(?:more than |over |nearly |almost |about )?{num} (days?|weeks?|months?|years?|hours?)",
         lambda m, d: _duration(m)),
        (r"(?:over |in |during )?the (?:past|last) (?:few |several |(\w+) )?(days|weeks|months|years)",
         lambda m, d: _duration_past(m, d)),
    ]
    global _ANY, _FIRST, _ANCHORS
    _ANY = re.compile("|".join(f"(?:{p})" for p, _ in R))  # matches at a position iff some rule does
    # the words a phrase of some rule may open with (a number in digits may too): a sentence
    # without one has no time phrase, and a position without one needs no regex tried
    _FIRST = frozenset({*MONTHS, *WEEKDAYS, *(k.split()[0] for k in NUMBERS), "on", "last", "this", "next", "in",
                        "since", "until", "before", "after", "from", "for", "more", "over", "nearly", "almost",
                        "about", "during", "the", "today", "tonight", "yesterday", "tomorrow"})
    # every phrase a rule accepts holds one whole token of these or one in digits (a month, a
    # weekday, a unit, a day word): a sentence with neither has none, whatever opens a phrase
    # ("the", "in", "a" are in most sentences, these words and digits in few)
    _ANCHORS = frozenset({*MONTHS, *WEEKDAYS, *UNITS, "today", "tonight", "yesterday", "tomorrow", "morning",
                          "afternoon", "evening"})
    return [(re.compile(p), f) for p, f in R]


def _iso(y: int, m: int, d: int) -> str | None:
    date = _safe_date(y, m, d)
    return date.isoformat() if date else None


def _year_for(d: dt.date, month: int) -> int:
    """A month named without a year is the most recent one (news reports the past)."""
    return d.year if month <= d.month + 1 else d.year - 1


def _weekday(d: dt.date, name: str, forward: bool = False) -> str:
    """A weekday named in news is the latest one up to the article date, unless it says 'next'."""
    if forward:
        return (d + dt.timedelta(days=(WEEKDAYS[name] - d.weekday() - 1) % 7 + 1)).isoformat()
    back = (d.weekday() - WEEKDAYS[name]) % 7
    return (d - dt.timedelta(days=back)).isoformat()


def _month_shift(d: dt.date, k: int) -> str:
    y, m = divmod(d.year * 12 + d.month - 1 + k, 12)
    return f"{y:04d}-{m + 1:02d}"


def _duration(m: re.Match[str]) -> tuple[str, str] | None:
    n = _number(m[1].split())
    if n is None:
        return None
    unit = UNITS[m[2]]
    return (f"PT{n}H" if unit == "H" else f"P{n}{unit}"), "duration"


def _duration_past(m: re.Match[str], d: dt.date) -> tuple[str, str] | None:
    """'over the past few days': a period that ends on the article's date (its length is kept
    as a duration when the text gives it)."""
    n = _number([m[1]]) if m[1] else None
    return (f"P{n}{UNITS[m[2]]}" if n else d.isoformat()), ("duration" if n else "date")


_RULES = None
_ANY: re.Pattern[str] | None = None
_FIRST: frozenset[str] = frozenset()
_ANCHORS: frozenset[str] = frozenset()
_DIGIT = re.compile(r"\d")
_PREPS = {"since": "since", "until": "until", "till": "until", "before": "before", "after": "after",
          "during": "during", "over": "during", "for": "during", "in": "at", "on": "at"}


def may_hold_times(norms: list[str]) -> bool:
    """Whether a sentence (its normalised tokens) has a word that may open a time phrase."""
    global _RULES
    if _RULES is None:
        _RULES = _rules()
    first = _FIRST
    return any(w in first or w[:1].isdigit() for w in norms)


def find_times(norms: list[str], offsets: list[tuple[int, int]], text: str, when: dt.date | None) -> list[tuple[int, int, TimeValue]]:
    """Time phrases in one sentence, as (first token, end token, value); longest first, no overlaps.

    `norms` are the normalised tokens, `offsets` their character spans in `text` (the article).
    Without an article date only absolute dates are resolved.
    """
    return _find(norms, offsets, 0, text, when)


def token_times(toks: list, text: str, when: dt.date | None) -> list[tuple[int, int, TimeValue]]:
    """find_times for a sentence's tokens (kg.reading.text.Token), which carry their offsets:
    no list of offsets is made for the many sentences without a time phrase."""
    return _find([t[3] for t in toks], toks, 1, text, when)


_ABSOLUTE = re.compile(r"\d|[a-z]+ \d+ , \d{4}")


def _find(norms: list[str], offsets: list, at: int, text: str, when: dt.date | None) -> list[tuple[int, int, TimeValue]]:
    """find_times; the character span of token i is offsets[i][at], offsets[i][at + 1]."""
    global _RULES
    if _RULES is None:
        _RULES = _rules()
    joined = " ".join(norms)
    if _ANCHORS.isdisjoint(norms) and _DIGIT.search(joined) is None:
        return []  # no month, weekday, unit, day word or number: no phrase (set operations, no loop)
    first = _FIRST
    cands = [i for i, w in enumerate(norms) if w in first or w[:1].isdigit()]
    if not cands:
        return []  # no word that opens a time phrase
    offs = list(accumulate([len(w) + 1 for w in norms], initial=0))  # where token i starts in `joined`
    anywhere = _ANY.match  # type: ignore[union-attr]
    live = [i for i in cands if anywhere(joined, offs[i]) is not None]
    if not live:
        return []  # one combined regex rules out most positions before each rule is tried
    ends = {offs[i + 1] - 1: i + 1 for i in range(len(norms))}
    found: list[tuple[int, int, TimeValue]] = []
    taken = [False] * len(norms)
    for i in live:
        if taken[i]:
            continue
        pos = offs[i]
        best = None
        for rx, fn in _RULES:
            m = rx.match(joined, pos)
            if not m or m.end() not in ends:
                continue
            j = ends[m.end()]
            if best and j <= best[1]:
                continue
            if when is None and not _ABSOLUTE.match(m.group()):
                continue
            res = fn(m, when or dt.date(1, 1, 1))  # type: ignore[operator]
            if res and res[0]:
                best = (i, j, res)
        if best:
            i, j, (value, dtype) = best
            b, e = offsets[i][at], offsets[j - 1][at + 1]
            rel = _PREPS.get(norms[i]) or (_PREPS.get(norms[i - 1], "at") if i > 0 else "at")
            if norms[i] in ("over", "in", "during", "the") and "past" in norms[i:j] or "last" in norms[i + 1:j]:
                rel = "pastUntil"
            found.append((i, j, TimeValue(value, dtype, text[b:e], rel, b, e)))
            for k in range(i, j):
                taken[k] = True
    return found


def unresolved_times(norms: list[str], offsets: list[tuple[int, int]], text: str) -> list[tuple[int, int, str]]:
    """Relative time phrases ('today', 'on Friday', 'last year') that need the article's date:
    for an undated article they stay unresolved, and are reported rather than silently lost.
    Returned as (begin, end, phrase) character spans of `text`."""
    return _unresolved(norms, offsets, 0, text)


def token_unresolved(toks: list, text: str) -> list[tuple[int, int, str]]:
    """unresolved_times for a sentence's tokens (kg.reading.text.Token), which carry their offsets."""
    return _unresolved([t[3] for t in toks], toks, 1, text)


def _unresolved(norms: list[str], offsets: list, at: int, text: str) -> list[tuple[int, int, str]]:
    if not norms:
        return []
    absolute = {(t.begin, t.end) for _, _, t in _find(norms, offsets, at, text, None)}
    return [(t.begin, t.end, t.phrase) for _, _, t in _find(norms, offsets, at, text, dt.date(2000, 6, 15))
            if (t.begin, t.end) not in absolute]
