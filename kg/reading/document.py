"""Reading an article: its file and metadata, its layout (headline, caption, dateline, headings,
body, furniture; laid out by kg.reading.layout), quotations, and sentences with character offsets
into the original text.

Offsets always index the text exactly as read from the file (after UTF-8 decoding), so that
`article.text[s.begin:s.end] == s.text` for every sentence.
"""
from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from .dates import parse_dateline_date
from ..errors import InputError
from .layout import WEAK_DATE_SOURCES, Layout, LinePattern, Segment, _layout, load_layout  # noqa: F401 - re-exported
from .text import CLOSING_QUOTES, OPENING_QUOTES, QUOTE_CHARS, Token, slug, tokenize
from ..yamlfile import load_yaml

MAX_BYTES = 5_000_000
FACT_SEGMENTS = frozenset({"headline", "caption", "standfirst", "heading", "body", "pullquote"})
META_KEYS = {"id", "title", "date", "place", "publisher", "url", "caption", "credit", "language", "author"}


@dataclass(slots=True, unsafe_hash=True)  # not frozen: a frozen dataclass sets each field through object.__setattr__
class Sentence:
    """A sentence with offsets such that article.text[begin:end] == text, for provenance (but for the
    case of a transcript's speaker label in capitals, which `text` writes in title case)."""

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
    # per sentence index: (sentence, its tokens), made once (mention finding and the unresolved times need them)
    _tokens: dict[int, tuple[Sentence, list[Token]]] = field(default_factory=dict, repr=False, compare=False)
    _unresolved: list[tuple[int, int, str]] | None = field(default=None, repr=False, compare=False)

    @property
    def date(self) -> dt.date | None:
        d = self.meta.get("date")
        return d if isinstance(d, dt.date) else None

    @cached_property  # the graph builder and the corpus summary both ask (each a pass over the tokens)
    def unresolved_times(self) -> list[tuple[int, int, str]]:
        """Relative times ('today', 'on Friday') of an undated article: kept, as (begin, end, phrase),
        so a report can say what was left unresolved instead of losing it silently."""
        if self.date is not None:
            return []
        if self._unresolved is None:  # asked for by the graph and by the corpus's counts: found once
            from .dates import token_unresolved

            out: list[tuple[int, int, str]] = []
            for s in self.sentences:
                out += token_unresolved(self.tokens(s), self.text)
            self._unresolved = out
        return list(self._unresolved)

    def tokens(self, s: Sentence) -> list[Token]:
        """The tokens of one of this article's sentences, made the first time they are asked for
        (mention finding and the unresolved times both need them). Callers must not change the list."""
        got = self._tokens.get(s.index)
        if got is None or got[0] is not s:
            got = self._tokens[s.index] = (s, tokenize(s.text, s.begin))
        return got[1]

    def quote_at(self, pos: int) -> tuple[int, int] | None:
        """The quotation around `pos`, by bisection: quotations are disjoint and in text order, and
        a scan per call made articles with many quotation marks quadratic."""
        import bisect

        qs = self.quotes
        i = bisect.bisect_right(qs, (pos, float("inf"))) - 1
        if i >= 0 and qs[i][0] <= pos < qs[i][1]:
            return qs[i]
        return None


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


def _find_quotes(art: Article) -> None:
    """Quotations paired within each paragraph; curly marks say their side, straight ones toggle.
    A quotation left open at the end of its paragraph runs to that end."""
    text = art.text
    for seg in art.segments:
        if seg.kind not in FACT_SEGMENTS:
            continue
        open_at = None
        for m in _QUOTE_MARK.finditer(text, seg.begin, seg.end):  # the marks only, not every character
            pos, c = m.start(), m.group()
            if open_at is None and c not in CLOSING_QUOTES:
                open_at = pos
            elif open_at is not None and c not in OPENING_QUOTES:
                art.quotes.append((open_at, pos + 1))
                open_at = None
            elif open_at is not None:  # an opening mark inside an open quote: restart there
                open_at = pos
        if open_at is not None:
            art.quotes.append((open_at, seg.end))


_QUOTE_MARK = re.compile("[" + re.escape("".join(sorted(QUOTE_CHARS))) + "]")
_INITIAL = re.compile(r"[A-Z]")
_DOTTED = re.compile(r"(?:\w\.)+\w")
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
            if m.group() == ".":  # the word before a lone full stop (`[\w.]+` up to it, from b on)
                s0 = k = m.start()
                while k > b and (text[k - 1] == "." or text[k - 1].isalnum() or text[k - 1] == "_"):
                    k -= 1  # walked back from the stop: a search from b was quadratic in the paragraph
                w = text[k:s0]
                if w and (w in lay.abbreviations or _INITIAL.fullmatch(w) or _DOTTED.fullmatch(w)):
                    continue
            e = m.end()
            _add_sentence(art, seg, b, e, lay)
            b = e
            while b < seg.end and text[b].isspace():
                b += 1
        if b < seg.end:
            _add_sentence(art, seg, b, seg.end, lay)


def _add_sentence(art: Article, seg: Segment, b: int, e: int, lay: Layout | None = None) -> None:
    while e > b and art.text[e - 1].isspace():
        e -= 1
    if e > b:
        text = art.text[b:e]
        if b == seg.begin and seg.kind == "body" and lay is not None and lay.speaker_label is not None:
            m = lay.speaker_label.match(text)  # "SECRETARY RICE: Good morning." read as "Secretary Rice: ..."
            if m:
                text = m.group().title() + text[m.end():]  # the same length: offsets hold, only the case differs
        art.sentences.append(Sentence(len(art.sentences), b, e, text, seg.kind, seg.paragraph))
