"""The layout of publishers' pages and how an article is laid out by it: the patterns of
data/layout.yaml (furniture, datelines, credits, publication, source and note lines) and their
loading, and the split of an article's text into segments with one role each (headline, caption,
dateline, body, ...), with what those lines say about the article (place, publisher, date)."""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .dates import parse_date_near, parse_dateline_date
from ..errors import InputError
from .text import QUOTE_CHARS, norm
from ..yamlfile import load_yaml

if TYPE_CHECKING:  # an Article is laid out here, made in document (which imports this module)
    from .document import Article


@dataclass(slots=True, unsafe_hash=True)  # not frozen: a frozen dataclass sets each field through object.__setattr__
class Segment:
    """A stretch of the article with one layout role; only some roles yield facts (FACT_SEGMENTS)."""

    kind: str  # headline caption credit standfirst dateline heading body pullquote furniture frontmatter
    begin: int
    end: int
    paragraph: int


@dataclass(frozen=True)
class LinePattern:
    """A whole-line pattern of layout.yaml with the values it implies (e.g. a masthead's publisher)."""

    rx: re.Pattern[str]
    kind: str = "publication"
    values: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Layout:
    """How publishers' pages are laid out (data/layout.yaml): furniture, datelines, publication,
    source and note lines, credits, headlines."""

    furniture: tuple[re.Pattern[str], ...]
    datelines: tuple[re.Pattern[str], ...]
    credits: tuple[re.Pattern[str], ...]
    pullquote: re.Pattern[str]
    heading_max_words: int
    abbreviations: frozenset[str]
    publication: tuple[LinePattern, ...] = ()
    sources: tuple[re.Pattern[str], ...] = ()
    notes: tuple[re.Pattern[str], ...] = ()
    headline_max_words: int = 18
    dateline_within: int = 12
    languages: frozenset[str] = frozenset({"en"})  # ISO 639-1 codes of the languages the pack reads
    speaker_label: re.Pattern[str] | None = None  # a transcript's turn label in capitals ("SECRETARY RICE:")

    @property
    def dateline(self) -> re.Pattern[str]:  # the first one, for callers of the one-pattern layout
        return self.datelines[0]

    @property
    def credit(self) -> re.Pattern[str]:
        return self.credits[0]


@lru_cache(maxsize=8)
def load_layout(path: Path) -> Layout:
    d = load_yaml(path) or {}
    lines = getattr(d, "key_lines", {})
    defines = {str(k): str(v) for k, v in (d.get("defines") or {}).items()}

    def expand(p: str) -> str:
        for _ in range(10):  # defines may use defines
            q = re.sub(r"\{([A-Za-z_]\w*)\}", lambda m: defines.get(m[1], m[0]), p)
            if q == p:
                break
            p = q
        return p

    def compile_(key: str, p: Any, flags: int, line: int | None) -> re.Pattern[str]:
        try:
            return re.compile(expand(str(p)), flags)
        except (re.error, TypeError) as e:
            raise InputError(path, f"{key} pattern {p!r}: {e}", line) from None

    def many(key: str, flags: int = 0) -> tuple[re.Pattern[str], ...]:
        items = d.get(key) or []
        if isinstance(items, str):
            items = [items]
        at = getattr(items, "item_lines", [])
        return tuple(compile_(key, p, flags, at[i] if i < len(at) else lines.get(key))
                     for i, p in enumerate(items))

    pubs = []
    items = d.get("publication") or []
    at = getattr(items, "item_lines", [])
    for i, item in enumerate(items):
        line = at[i] if i < len(at) else lines.get("publication")
        if not isinstance(item, dict) or "pattern" not in item:
            raise InputError(path, "publication: each entry needs a pattern", line)
        values = tuple(sorted((str(k), str(v)) for k, v in item.items() if k not in ("pattern", "kind")))
        pubs.append(LinePattern(compile_("publication", item["pattern"], 0, line), str(item.get("kind", "publication")),
                                values))
    datelines = many("datelines") or many("dateline")
    if not datelines:
        raise InputError(path, "datelines: at least one pattern is needed")
    pull = d.get("pullquote")
    if pull is None:
        raise InputError(path, "pullquote: missing")
    return Layout(many("furniture", re.I), datelines, many("credits") or many("credit"),
                  compile_("pullquote", pull, 0, lines.get("pullquote")),
                  int(d.get("heading_max_words", 10)), frozenset(d.get("abbreviations", [])),
                  tuple(pubs), many("sources"), many("notes"), int(d.get("headline_max_words", 18)),
                  int(d.get("dateline_within", 12)),
                  frozenset(str(x).lower() for x in d.get("languages", ["en"])),
                  compile_("speaker_label", d["speaker_label"], 0, lines.get("speaker_label"))
                  if d.get("speaker_label") else None)


WEAK_DATE_SOURCES = frozenset({"feed", "page metadata", "page address"})  # a dateline's full date wins over these


_BLOCK = re.compile(r"[^\r\n]+(?:(?:\r\n?|\n)[ \t]*[^\s][^\r\n]*)*")  # lines up to a blank line; CR, LF or CRLF
_LINE = re.compile(r"[^\r\n]+")
_SAID_AFTER = re.compile(r"[”\"]\s*,?\s*(he|she|they)\b")  # a quotation that goes on: no pullquote
_PROSE_END = re.compile(r"[.!?][\"”’')\]]*$")


def _spans(rx: re.Pattern[str], text: str, b: int, e: int) -> list[tuple[int, int]]:
    """The matches of rx in text[b:e] without their leading and trailing spaces (by str.strip
    and lstrip, which strip what isspace() is true of), the empty ones left out."""
    out = []
    for m in rx.finditer(text, b, e):
        s = m.group()
        core = s.strip()
        if core:
            lb = m.start() + len(s) - len(s.lstrip())
            out.append((lb, lb + len(core)))
    return out


def _blocks(text: str, start: int) -> list[tuple[int, int]]:
    return _spans(_BLOCK, text, start, len(text))


def _lines(text: str, b: int, e: int) -> list[tuple[int, int]]:
    return _spans(_LINE, text, b, e)


@dataclass
class _Found:
    """What the page's own lines say about it, first found first (the caller decides priority)."""

    values: dict[str, tuple[str, int, int, str]] = field(default_factory=dict)  # key -> (value, begin, end, from)

    def put(self, key: str, value: str | None, b: int, e: int, where: str) -> None:
        if value and value.strip() and key not in self.values:
            self.values[key] = (value.strip(), b, e, where)

    def get(self, key: str) -> str | None:
        v = self.values.get(key)
        return v[0] if v else None


_BACKREF = re.compile(r"\\[1-9]|\(\?P=")
_NAMED = re.compile(r"(?<!\\)\(\?P<\w+>")
_UNIONS: dict[int, tuple] = {}  # id(layout) -> (layout, its unions)


def _union(rxs: tuple[re.Pattern[str], ...]) -> re.Pattern[str] | None:
    """One pattern that matches (or finds) where any of `rxs` does, to rule a line out in one
    regex instead of one per pattern (a page has hundreds of lines, the layout dozens of
    patterns); None when they cannot be joined (mixed flags, back references), and then each is
    tried. Named groups become plain ones: the union only says whether one of them matches."""
    if not rxs or len({rx.flags for rx in rxs}) != 1 or any(_BACKREF.search(rx.pattern) for rx in rxs):
        return None
    try:
        return re.compile("|".join(f"(?:{_NAMED.sub('(?:', rx.pattern)})" for rx in rxs), rxs[0].flags)
    except re.error:
        return None


def _anchored(rx: re.Pattern[str]) -> bool:
    """Whether a pattern can match only at the start of the string (`^...` with no alternative
    outside it): searched for, it is tried at one place only, and so is a union of such."""
    try:
        from re import _parser  # type: ignore[attr-defined]

        items = _parser.parse(rx.pattern, rx.flags)
        return len(items) > 0 and items[0] == (_parser.AT, _parser.AT_BEGINNING) and not rx.flags & re.M
    except Exception:  # another Python's internals: no union, each pattern is searched
        return False


def _required(rx: re.Pattern[str]) -> str | None:
    """The longest run of plain characters every match of `rx` contains (lower-cased for a
    case-blind pattern, which then must be ASCII), or None: a line without it needs no search."""
    try:
        from re import _parser  # type: ignore[attr-defined]

        items = list(_parser.parse(rx.pattern, rx.flags))
        best, run = "", ""
        for op, av in items + [(None, None)]:  # top-level items must all match, in this order
            if op == _parser.LITERAL:
                run += chr(av)
                continue
            best, run = max(best, run, key=len), ""
    except Exception:
        return None
    if rx.flags & re.I:
        best = best.lower() if best.isascii() else ""
    return best or None


def _unions(lay: Layout) -> tuple:
    """Per layout, made once: the union of its furniture patterns anchored at the line's start
    (matched once) with the others (searched one by one, each with the plain text it requires),
    and the unions of its publication-line, note-or-source and dateline patterns (all matched at
    the start)."""
    got = _UNIONS.get(id(lay))
    if got is None or got[0] is not lay:
        if len(_UNIONS) > 32:  # layouts made and dropped (tests, tools): keep the memo small
            _UNIONS.clear()
        anchored = tuple(rx for rx in lay.furniture if _anchored(rx))
        union = _union(anchored)
        rest = tuple((rx, _required(rx), bool(rx.flags & re.I)) for rx in lay.furniture
                     if union is None or rx not in anchored)
        got = _UNIONS[id(lay)] = (lay, (union, rest), _union(tuple(lp.rx for lp in lay.publication)),
                                  _union(lay.notes + lay.sources), _union(lay.datelines))
    return got[1], got[2], got[3], got[4]


def _is_furniture(line: str, lay: Layout) -> bool:
    union, rest = _unions(lay)[0]
    if union is not None and union.match(line) is not None:
        return True
    low = None
    for rx, lit, blind in rest:  # the others are searched, unless the line lacks their plain text
        if lit is not None:
            if not blind:
                if lit not in line:
                    continue
            elif line.isascii():  # ASCII: case-blind matching is matching lower-cased
                if low is None:
                    low = line.lower()
                if lit not in low:
                    continue
        if rx.search(line):
            return True
    return False


def _line_kind(text: str, b: int, e: int, lay: Layout, found: _Found) -> str | None:
    """furniture, publication, byline, source or note if the line is one of those (recording
    what it says in `found`), else None."""
    line = text[b:e]
    if _is_furniture(line, lay):
        return "furniture"
    _, pubs, others, _ = _unions(lay)
    for lp in lay.publication if pubs is None or pubs.match(line) else ():
        m = lp.rx.match(line)
        if m:
            for k, v in lp.values:
                found.put(k, v, b, e, f"{lp.kind} line")
            for k, v in m.groupdict().items():
                found.put(k, v, b + m.start(k), b + m.end(k), f"{lp.kind} line")
            return lp.kind
    if others is not None and others.match(line) is None:
        return None
    for kind, rxs in (("note", lay.notes), ("source", lay.sources)):
        for rx in rxs:
            m = rx.match(line)
            if m:
                for k, v in m.groupdict().items():
                    found.put(k, v, b + m.start(k), b + m.end(k), f"{kind} line")
                return kind
    return None


def _dateline(lay: Layout, text: str, b: int, e: int) -> re.Match[str] | None:
    line = text[b:e]  # matched alone: `^` is its start whatever the line ends (CR, LF)
    union = _unions(lay)[3]
    if union is not None and union.match(line) is None:
        return None  # no dateline pattern matches (most lines): none is tried for its groups
    for rx in lay.datelines:
        m = rx.match(line)
        if m and m.end() < len(line):  # a dateline opens a paragraph: text must follow
            return m
    return None


def _credit(lay: Layout, chunk: str) -> re.Match[str] | None:
    for rx in lay.credits:
        m = rx.search(chunk)
        if m:
            return m
    return None


def _is_headline(chunk: str, lay: Layout) -> bool:
    """Sentence case, title case or capitals: a short single line not ending like a sentence part."""
    words = chunk.split()
    return (0 < len(words) <= lay.headline_max_words and "\n" not in chunk and "\r" not in chunk
            and chunk[-1] not in ".,;:" and (chunk[0].isupper() or chunk[0].isdigit() or chunk[0] in QUOTE_CHARS
                                             or chunk[0] in "'‘"))


def _find_dateline(text: str, blocks: list[tuple[int, int]], lay: Layout) -> tuple[int, re.Match[str]] | None:
    """The dateline among the article's first lines (also right after a photo credit): where it
    starts and its match. Looks no further than `dateline_within` lines or the third paragraph of prose."""
    n = prose = 0
    scratch = _Found()
    for b, e in blocks:
        for lb, le in _lines(text, b, e):
            n += 1
            if n > lay.dateline_within or prose >= 3:
                return None
            if _line_kind(text, lb, le, lay, scratch):
                continue
            m = _dateline(lay, text, lb, le)
            if m:
                return lb, m
            c = _credit(lay, text[lb:le])
            if c and c.end() < le - lb:
                m = _dateline(lay, text, lb + c.end(), le)
                if m:
                    return lb + c.end(), m
            if _PROSE_END.search(text[lb:le]):
                prose += 1
    return None


def _layout(art: Article, start: int, lay: Layout, meta: dict[str, Any], date_source: str) -> None:
    text = art.text
    blocks = _blocks(text, start)
    found = _Found()
    dl = _find_dateline(text, blocks, lay)
    segs: list[Segment] = []
    title = meta.get("title")
    headline_seen = False
    in_front = True
    last_end = blocks[-1][1] if blocks else 0

    def body_block(b: int, e: int, i: int) -> None:
        """A paragraph of the body: lines that are furniture, source or note lines stand apart."""
        run_b = None
        lines = _lines(text, b, e)
        if len(lines) == 1 and _line_kind(text, b, e, lay, found) is None:
            return body_unit(b, e, i)
        for lb, le in lines:
            kind = _line_kind(text, lb, le, lay, found)
            if kind is None:
                run_b = lb if run_b is None else run_b
                run_e = le
                continue
            if run_b is not None:
                body_unit(run_b, run_e, i)
                run_b = None
            segs.append(Segment(kind, lb, le, i))
        if run_b is not None:
            body_unit(run_b, run_e, i)

    def body_unit(b: int, e: int, i: int) -> None:
        chunk = text[b:e]
        if _is_heading(chunk, lay):
            segs.append(Segment("heading", b, e, i))
        elif lay.pullquote.match(chunk) and not _SAID_AFTER.search(chunk):
            segs.append(Segment("pullquote", b, e, i))
        else:
            segs.append(Segment("body", b, e, i))

    def caption(b: int, e: int, i: int, m: re.Match[str] | None) -> int:
        """A caption line with its credit; returns where the text after the credit starts."""
        if m is None:
            segs.append(Segment("caption", b, e, i))
            meta.setdefault("caption", text[b:e])
            return e
        cb = b + m.start()
        while text[cb].isspace():
            cb += 1
        ce = b + m.end("credit")
        if ce < len(text) and text[ce] == ")":
            ce += 1
        cap_e = _rstrip(text, b, cb)
        if cap_e > b:
            segs.append(Segment("caption", b, cap_e, i))
            meta.setdefault("caption", text[b:cap_e])
        segs.append(Segment("credit", cb, ce, i))
        meta.setdefault("credit", m["credit"].strip())
        rest = b + m.end()
        while rest < e and text[rest].isspace():
            rest += 1
        return rest

    for i, (b, e) in enumerate(blocks):
        if not in_front:
            if _is_furniture(text[b:e], lay):
                segs.append(Segment("furniture", b, e, i))
            else:
                body_block(b, e, i)
            continue
        for lb, le in _lines(text, b, e):
            if dl is not None and lb <= dl[0] < le + 1:  # the dateline, maybe after a caption and credit
                pos, m = dl
                if pos > lb:
                    c = _credit(lay, text[lb:pos + 1])
                    caption(lb, pos, i, c)
                segs.append(Segment("dateline", pos, pos + m.end() - m.start(), i))
                gd = m.groupdict()
                for k in ("place", "publisher"):
                    if gd.get(k):
                        found.put("dateline " + k, gd[k], pos + m.start(k) - m.start(), pos + m.end(k) - m.start(), "dateline")
                if gd.get("date"):
                    found.put("dateline date", gd["date"], pos + m.start("date") - m.start(),
                              pos + m.end("date") - m.start(), "dateline")
                body_block(pos + m.end() - m.start(), e, i)
                in_front = False
                break
            kind = _line_kind(text, lb, le, lay, found)
            if kind:
                segs.append(Segment(kind, lb, le, i))
                continue
            chunk = text[lb:le]
            # sentence case only when text follows: a lone line (a rule's example) stays a sentence
            if not headline_seen and (le < last_end and _is_headline(chunk, lay) or _is_heading(chunk, lay)) and (
                    title is None or norm(chunk).strip() == norm(str(title)).strip()):
                segs.append(Segment("headline", lb, le, i))
                meta.setdefault("title", chunk)
                headline_seen = True
                continue
            c = _credit(lay, chunk)
            if c is not None and (headline_seen or title is not None or dl is not None):
                rest = caption(lb, le, i, c)
                if rest < le:
                    if dl is None:
                        body_block(rest, e, i)
                        in_front = False
                        break
                    segs.append(Segment("standfirst", rest, le, i))
                continue
            if _PROSE_END.search(chunk) or not (headline_seen or title is not None):
                if dl is not None:
                    segs.append(Segment("standfirst", lb, le, i))
                    continue
                body_block(lb, e, i)  # the body starts here, with the rest of this paragraph
                in_front = False
                break
            caption(lb, le, i, None)  # a short line between the headline and the body: a photo caption
    art.segments.extend(sorted(segs, key=lambda s: (s.begin, s.end)))
    _metadata(art, meta, found, date_source)


def _metadata(art: Article, meta: dict[str, Any], found: _Found, date_source: str) -> None:
    """Fill in what the page's lines say (the given metadata wins), and record where the date came from."""
    place = found.get("dateline place") or found.get("place")
    if place:
        meta.setdefault("place", place.title() if place.isupper() else place)
    pub = found.get("dateline publisher") or found.get("publisher")
    if pub:
        meta.setdefault("publisher", pub)
    if found.get("author"):
        meta.setdefault("author", found.get("author"))
    given = meta.get("date") if isinstance(meta.get("date"), dt.date) else None
    if given is not None and date_source not in WEAK_DATE_SOURCES:
        art.date_source = date_source
        return
    pub_date = parse_dateline_date(found.get("date") or "")
    ref, ref_from = (pub_date, found.values["date"][3]) if pub_date else (given, date_source)
    dl_text = found.get("dateline date")
    dl_date = parse_date_near(dl_text, ref) if dl_text else None
    if dl_date is not None:
        _, b, e, _ = found.values["dateline date"]
        full = parse_dateline_date(dl_text) is not None
        meta["date"], art.date_source, art.date_span = dl_date, "dateline" if full else f"dateline, year from the {ref_from}", (b, e)
    elif pub_date is not None:
        _, b, e, where = found.values["date"]
        meta["date"], art.date_source, art.date_span = pub_date, where, (b, e)
    elif given is not None:
        art.date_source = date_source
    if pub_date is not None and meta.get("date") != pub_date:
        meta.setdefault("published", pub_date)


def _rstrip(text: str, b: int, e: int) -> int:
    while e > b and text[e - 1].isspace():
        e -= 1
    return e


def _is_heading(chunk: str, lay: Layout) -> bool:
    words = chunk.split()
    return (0 < len(words) <= lay.heading_max_words and "\n" not in chunk and "\r" not in chunk
            and chunk[-1] not in ".!?\"”':;," and chunk[0] not in QUOTE_CHARS
            and sum(w[0].isupper() for w in words if w[0].isalpha()) * 2 >= len(words))
