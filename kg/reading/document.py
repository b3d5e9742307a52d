"""Reading an article: layout (headline, caption, dateline, headings, body, furniture),
sentences with character offsets into the original text, quotations, and metadata.

Offsets always index the text exactly as read from the file (after UTF-8 decoding), so that
`article.text[s.begin:s.end] == s.text` for every sentence.
"""
from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from .dates import parse_date_near, parse_dateline_date
from ..errors import InputError
from .text import CLOSING_QUOTES, OPENING_QUOTES, QUOTE_CHARS, norm, slug
from ..yamlfile import load_yaml

MAX_BYTES = 5_000_000
FACT_SEGMENTS = frozenset({"headline", "caption", "standfirst", "heading", "body", "pullquote"})
META_KEYS = {"id", "title", "date", "place", "publisher", "url", "caption", "credit", "language", "author"}


@dataclass(frozen=True, slots=True)
class Segment:
    """A stretch of the article with one layout role; only some roles yield facts (FACT_SEGMENTS)."""

    kind: str  # headline caption credit standfirst dateline heading body pullquote furniture frontmatter
    begin: int
    end: int
    paragraph: int


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence with offsets such that article.text[begin:end] == text, for provenance."""

    index: int
    begin: int
    end: int
    text: str
    kind: str  # the kind of the segment it is in
    paragraph: int


@dataclass
class Article:
    """An article as read: its text, metadata, layout segments, sentences and quotations."""

    id: str
    text: str
    source: str  # the path or name it was read from, for messages
    meta: dict[str, Any] = field(default_factory=dict)
    segments: list[Segment] = field(default_factory=list)
    sentences: list[Sentence] = field(default_factory=list)
    quotes: list[tuple[int, int]] = field(default_factory=list)  # spans including the quote marks
    date_source: str = ""  # where the date came from: metadata, front matter, feed, dateline, publication line, ...
    date_span: tuple[int, int] | None = None  # the characters of the text it was read from, if any

    @property
    def date(self) -> dt.date | None:
        d = self.meta.get("date")
        return d if isinstance(d, dt.date) else None

    @property
    def unresolved_times(self) -> list[tuple[int, int, str]]:
        """Relative times ('today', 'on Friday') of an undated article: kept, as (begin, end, phrase),
        so a report can say what was left unresolved instead of losing it silently."""
        if self.date is not None:
            return []
        from .dates import unresolved_times
        from .text import tokenize

        out: list[tuple[int, int, str]] = []
        for s in self.sentences:
            toks = tokenize(s.text, s.begin)
            out += unresolved_times([k.norm for k in toks], [(k.begin, k.end) for k in toks], self.text)
        return out

    def quote_at(self, pos: int) -> tuple[int, int] | None:
        """The quotation around `pos`, by bisection: quotations are disjoint and in text order, and
        a scan per call made articles with many quotation marks quadratic."""
        import bisect

        qs = self.quotes
        i = bisect.bisect_right(qs, (pos, float("inf"))) - 1
        if i >= 0 and qs[i][0] <= pos < qs[i][1]:
            return qs[i]
        return None


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
                  frozenset(str(x).lower() for x in d.get("languages", ["en"])))


# ---------------------------------------------------------------------------------------------
# Reading files

def read_text_file(path: Path, max_bytes: int = MAX_BYTES) -> str:
    """UTF-8 text of an article file, or an InputError that says what is wrong with it."""
    if not path.exists():
        raise InputError(path, "no such file")
    if path.is_dir():
        raise InputError(path, "is a directory, not an article file")
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise InputError(path, f"file is {size:,} bytes, over the limit of {max_bytes:,} (see --max-bytes)")
        data = path.read_bytes()
    except OSError as e:
        raise InputError(path, e.strerror or str(e)) from None
    return decode_article(data, path)


def decode_article(data: bytes, source: str | Path) -> str:
    if not data.strip():
        raise InputError(source, "empty file: no article text")
    if b"\x00" in data[:8192]:
        raise InputError(source, "binary file (contains NUL bytes), not article text")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        line = data[: e.start].count(b"\n") + 1
        raise InputError(source, f"not valid UTF-8: byte 0x{data[e.start]:02x} at offset {e.start}", line) from None
    return text[1:] if text.startswith("\ufeff") else text


def _sidecar(path: Path) -> dict[str, Any]:
    for cand in (path.with_name(path.name + ".meta.yaml"), path.with_suffix(".meta.yaml"),
                 path.with_name(path.name + ".meta.json"), path.with_suffix(".meta.json")):
        if cand.is_file():
            if cand.suffix == ".json":
                try:
                    meta = json.loads(cand.read_text(encoding="utf-8"))
                except (ValueError, UnicodeDecodeError) as e:
                    raise InputError(cand, f"invalid JSON: {e}") from None
            else:
                meta = load_yaml(cand)
            if not isinstance(meta, dict):
                raise InputError(cand, "metadata must be a mapping of keys to values")
            return _check_meta(dict(meta), cand)
    return {}


def _check_meta(meta: dict[str, Any], source: str | Path, line: int | None = None) -> dict[str, Any]:
    unknown = sorted(set(meta) - META_KEYS)
    if unknown:
        raise InputError(source, f"unknown metadata key(s) {', '.join(unknown)}; known: {', '.join(sorted(META_KEYS))}", line)
    if "date" in meta and not isinstance(meta["date"], dt.date):
        d = parse_dateline_date(str(meta["date"]))
        if d is None:
            raise InputError(source, f"metadata date {meta['date']!r} is not a date (use YYYY-MM-DD)", line)
        meta["date"] = d
    if isinstance(meta.get("date"), dt.datetime):
        meta["date"] = meta["date"].date()
    return meta


def read_article(path: str | Path, *, layout: Layout, max_bytes: int = MAX_BYTES,
                 meta: dict[str, Any] | None = None) -> Article:
    """Read one article file (with optional front matter or sidecar metadata) and lay it out."""
    path = Path(path)
    text = read_text_file(path, max_bytes)
    given = _sidecar(path)
    given.update(meta or {})
    return parse_article(text, source=str(path), layout=layout, meta=given, default_id=path.stem)


WEAK_DATE_SOURCES = frozenset({"feed", "page metadata", "page address"})  # a dateline's full date wins over these


def parse_article(text: str, *, source: str, layout: Layout, meta: dict[str, Any] | None = None,
                  default_id: str | None = None, date_source: str = "metadata") -> Article:
    """Lay out an article already in memory (the API behind `read_article`). `date_source` says
    where a date in `meta` came from (a feed's or a page's date yields to a full dateline)."""
    if not text.strip():
        raise InputError(source, "empty file: no article text")
    meta = dict(meta or {})
    art = Article(id="", text=text, source=source)
    start = 0
    fm = re.match(r"---[ \t]*(?:\r\n?|\n)(.*?(?:\r\n?|\n))---[ \t]*(?:\r\n?|\n|$)", text, re.S)
    if fm:
        import yaml  # front matter is rare; the file loader's line tracking is not needed here

        try:
            front = yaml.safe_load(fm.group(1)) or {}
        except yaml.YAMLError as e:
            raise InputError(source, f"front matter is not valid YAML: {e}", 1) from None
        if not isinstance(front, dict):
            raise InputError(source, "front matter must be a mapping of keys to values", 1)
        front = _check_meta(front, source, 1)
        if "date" in front and "date" not in meta:
            date_source = "front matter"
        meta = {**front, **meta}
        art.segments.append(Segment("frontmatter", 0, fm.end(), -1))
        start = fm.end()
    _layout(art, start, layout, meta, date_source if "date" in meta else "")
    art.meta = meta
    art.id = str(meta.get("id") or slug(default_id or "") or "article")
    _find_quotes(art)
    _split_sentences(art, layout)
    return art


_BLOCK = re.compile(r"[^\r\n]+(?:(?:\r\n?|\n)[ \t]*[^\s][^\r\n]*)*")  # lines up to a blank line; CR, LF or CRLF
_LINE = re.compile(r"[^\r\n]+")
_PROSE_END = re.compile(r"[.!?][\"”’')\]]*$")


def _trim(text: str, b: int, e: int) -> tuple[int, int]:
    while b < e and text[b].isspace():
        b += 1
    while e > b and text[e - 1].isspace():
        e -= 1
    return b, e


def _blocks(text: str, start: int) -> list[tuple[int, int]]:
    out = []
    for m in _BLOCK.finditer(text, start):
        b, e = _trim(text, m.start(), m.end())
        if e > b:
            out.append((b, e))
    return out


def _lines(text: str, b: int, e: int) -> list[tuple[int, int]]:
    out = []
    for m in _LINE.finditer(text, b, e):
        lb, le = _trim(text, m.start(), m.end())
        if le > lb:
            out.append((lb, le))
    return out


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


def _line_kind(text: str, b: int, e: int, lay: Layout, found: _Found) -> str | None:
    """furniture, publication, byline, source or note if the line is one of those (recording
    what it says in `found`), else None."""
    line = text[b:e]
    if any(rx.search(line) for rx in lay.furniture):
        return "furniture"
    for lp in lay.publication:
        m = lp.rx.match(line)
        if m:
            for k, v in lp.values:
                found.put(k, v, b, e, f"{lp.kind} line")
            for k, v in m.groupdict().items():
                found.put(k, v, b + m.start(k), b + m.end(k), f"{lp.kind} line")
            return lp.kind
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
        elif lay.pullquote.match(chunk) and not re.search(r"[”\"]\s*,?\s*(he|she|they)\b", chunk):
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
            if any(rx.search(text[b:e]) for rx in lay.furniture):
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


def _find_quotes(art: Article) -> None:
    """Quotations paired within each paragraph; curly marks say their side, straight ones toggle.
    A quotation left open at the end of its paragraph runs to that end."""
    text = art.text
    for seg in art.segments:
        if seg.kind not in FACT_SEGMENTS:
            continue
        open_at = None
        for pos in range(seg.begin, seg.end):
            c = text[pos]
            if c not in QUOTE_CHARS:
                continue
            if open_at is None and c not in CLOSING_QUOTES:
                open_at = pos
            elif open_at is not None and c not in OPENING_QUOTES:
                art.quotes.append((open_at, pos + 1))
                open_at = None
            elif open_at is not None:  # an opening mark inside an open quote: restart there
                open_at = pos
        if open_at is not None:
            art.quotes.append((open_at, seg.end))


_BOUNDARY = re.compile(r"[.!?]+(?:[\"”’')\]]+)?(?=\s+[\"“(\[]*[A-Z0-9\u00C0-\u024F])")


def _split_sentences(art: Article, lay: Layout) -> None:
    """Split fact-bearing segments at . ! ? followed by space and a capital, unless the stop ends a
    known abbreviation, an initial (J. Smith) or a dotted acronym (U.S.), or sits inside a
    quotation that goes on in lower case."""
    text = art.text
    for seg in art.segments:
        if seg.kind not in FACT_SEGMENTS:
            continue
        b = seg.begin
        for m in _BOUNDARY.finditer(text, seg.begin, seg.end):
            word = re.search(r"([\w.]+)\.$", text[b:m.start() + 1])
            if m.group().startswith(".") and word and m.group() == ".":
                w = word.group(1)
                if w in lay.abbreviations or re.fullmatch(r"[A-Z]", w) or re.fullmatch(r"(?:\w\.)+\w", w):
                    continue
            e = m.end()
            _add_sentence(art, seg, b, e)
            b = e
            while b < seg.end and text[b].isspace():
                b += 1
        if b < seg.end:
            _add_sentence(art, seg, b, seg.end)


def _add_sentence(art: Article, seg: Segment, b: int, e: int) -> None:
    while e > b and art.text[e - 1].isspace():
        e -= 1
    if e > b:
        art.sentences.append(Sentence(len(art.sentences), b, e, art.text[b:e], seg.kind, seg.paragraph))
