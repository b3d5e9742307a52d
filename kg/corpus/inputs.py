"""Corpus inputs: listing files, folders, globs, JSON Lines, saved pages, feeds and web archives,
and reading each entry into a Job.

Everything an article needs travels in its Job (text or page, and metadata), so workers need no
access to the input files. A saved page travels as its HTML: extracting its main text is work for
the workers, not for the process that reads the inputs. A feed is split into items and a WARC
file into records here, lazily, so that each becomes an article of its own."""
from __future__ import annotations

import glob
import json
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, Iterable, Iterator

from .. import digest
from ..errors import InputError

from ..reading.kinds import FEED_SUFFIXES, HTML_SUFFIXES, WARC_SUFFIXES, looks_like_feed, looks_like_html, looks_like_warc

ARTICLE_SUFFIXES = (".txt",) + HTML_SUFFIXES + FEED_SUFFIXES + WARC_SUFFIXES
JSONL_SUFFIXES = (".jsonl", ".ndjson")
JSONL_KEYS = {"id", "text", "date", "url", "title", "publisher", "place", "author", "language", "caption", "credit"}


@dataclass(frozen=True, slots=True)
class Job:
    """One article, read and ready for analysis (text and metadata travel to the worker, so
    workers need no access to the input files: a Dask cluster needs no shared disk)."""

    index: int
    source: str  # file path, or FILE:LINE for JSON Lines, for messages
    text: str
    meta: dict[str, Any]
    default_id: str
    key: str  # content hash: article, metadata, rule pack, kg version, output settings
    explicit: bool = False
    html: bytes | None = None  # a saved page or an archived response: the worker extracts its text
    date_source: str = "metadata"  # where meta's date came from (kg.reading.document.WEAK_DATE_SOURCES)


@dataclass(frozen=True, slots=True)
class Failed:
    """An article that could not be read or built, and why."""

    index: int
    source: str
    reason: str
    explicit: bool = False  # a file named on the command line: unreadable means bad input (exit 2)
    line: int | None = None
    id: str | None = None

    def __str__(self) -> str:
        where = f"{self.source}:{self.line}" if self.line else self.source
        return f"{where}: " + (f"article {self.id!r}: " if self.id else "") + self.reason


@dataclass(frozen=True)
class Entry:
    """A file, or one line of a JSON Lines file, before it is read."""

    source: str
    path: str | None = None  # an article file
    line: str | None = None  # one JSON Lines record
    explicit: bool = False
    kind: str = "text"  # text | html (a page: file or archived record) | item (of a feed)
    data: bytes | None = None  # an archived page's HTML
    text: str | None = None  # a feed item's text
    meta: dict[str, Any] | None = None  # what the feed or archive says of the item
    error: str | None = None  # an entry that cannot be read, found while listing (a broken record)


def _is_glob(s: str) -> bool:
    return any(c in s for c in "*?[")


def _folder_files(folder: Path) -> list[str]:
    out = []
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for f in sorted(files):
            path = os.path.join(root, f)
            if not f.startswith(".") and (f.lower().endswith(ARTICLE_SUFFIXES + JSONL_SUFFIXES)
                                          or f.lower().endswith(".xml") and _sniff(path) == "feed"):
                out.append(path)
    return out


def expand_inputs(args: Iterable[str | Path]) -> list[tuple[str, bool]]:
    """(path, named explicitly) of every input, in a stable order; `-` stays `-` (stdin).

    Checked before any work starts, so a typo stops the run with one line (exit 2)."""
    out: list[tuple[str, bool]] = []
    for a in args:
        s = str(a)
        p = Path(s)
        if s == "-":
            out.append(("-", True))
        elif p.is_dir():
            files = _folder_files(p)
            if not files:
                raise InputError(p, f"no articles in folder (looked for {', '.join(ARTICLE_SUFFIXES + JSONL_SUFFIXES)})")
            out += [(f, False) for f in files]
        elif p.exists() or not _is_glob(s):
            if not p.exists():
                raise InputError(p, "no such file")
            out.append((s, True))
        else:
            hits = sorted(glob.glob(s, recursive=True))
            files = [f for h in hits for f in (_folder_files(Path(h)) if os.path.isdir(h) else [h])]
            if not files:
                raise InputError(s, "no files match this pattern")
            out += [(f, False) for f in files]
    return out


def _is_jsonl(path: str) -> bool:
    return path == "-" or path.lower().endswith(JSONL_SUFFIXES)


def _sniff(path: str) -> str:
    """text, html, feed or warc: by the name's ending, else by the first bytes (a saved page
    named `page`, a feed named `.xml`, a `.txt` that is really HTML)."""
    low = path.lower()
    if low.endswith(WARC_SUFFIXES):
        return "warc"
    if low.endswith(FEED_SUFFIXES):
        return "feed"
    try:
        with open(path, "rb") as f:
            head = f.read(4096)
    except OSError:
        return "text"  # read_entry says what is wrong with it
    if looks_like_warc(head):
        return "warc"
    if looks_like_feed(head):
        return "feed"
    if low.endswith(HTML_SUFFIXES) or looks_like_html(head):
        return "html"
    return "text"


def iter_entries(inputs: list[tuple[str, bool]], stdin: IO[bytes] | None = None,
                 max_bytes: int | None = None) -> Iterator[Entry]:
    """Every article entry, lazily (a JSON Lines file or a web archive of millions of records is
    never held whole)."""
    from ..reading.document import MAX_BYTES

    limit = max_bytes or MAX_BYTES
    for path, explicit in inputs:
        if not _is_jsonl(path):
            kind = _sniff(path)
            if kind == "feed":
                yield from _feed_entries(path, limit)
            elif kind == "warc":
                yield from _warc_entries(path, limit)
            else:
                yield Entry(path, path=path, explicit=explicit, kind=kind)
            continue
        name = "<stdin>" if path == "-" else path
        try:
            fh = (stdin or sys.stdin.buffer) if path == "-" else open(path, "rb")
        except OSError as e:
            raise InputError(path, e.strerror or str(e)) from None
        try:
            for n, raw in enumerate(fh, 1):
                if raw.strip():
                    yield Entry(f"{name}:{n}", line=raw.decode("utf-8", "replace"))
        finally:
            if path != "-":
                fh.close()


def _feed_entries(path: str, limit: int) -> Iterator[Entry]:
    from ..reading.feeds import read_feed

    try:
        size = os.path.getsize(path)
        if size > limit:
            yield Entry(path, error=f"feed is {size:,} bytes, over the limit of {limit:,} (see --max-bytes)")
            return
        with open(path, "rb") as f:
            data = f.read()
        for item in read_feed(data, path):
            yield Entry(f"{path}#item{item.number}", kind="item", text=item.text, meta=item.meta, error=item.error)
    except InputError as e:
        yield Entry(path, error=e.problem.message)
    except OSError as e:
        yield Entry(path, error=e.strerror or str(e))


def _warc_entries(path: str, limit: int) -> Iterator[Entry]:
    from ..reading.warc import read_warc

    try:
        n = 0
        for rec in read_warc(path, limit):
            n += 1
            meta = {"url": rec.url, "id": rec.url} if rec.url else {}
            yield Entry(f"{path}#record{rec.number}", kind="html", data=rec.data, meta=meta, error=rec.error)
        if n == 0:
            yield Entry(path, error="no HTML responses in this web archive")
    except InputError as e:
        yield Entry(path, error=e.problem.message)


def count_entries(inputs: list[tuple[str, bool]]) -> int | None:
    """How many articles, for the progress bar's ETA (None when reading stdin)."""
    n = 0
    for path, _ in inputs:
        if path == "-":
            return None
        if _is_jsonl(path):
            with open(path, "rb") as fh:
                n += sum(1 for raw in fh if raw.strip())
        elif _sniff(path) in ("feed", "warc"):
            return None  # their items are counted as they are read
        else:
            n += 1
    return n


def read_entry(e: Entry, index: int, settings_key: str, max_bytes: int | None) -> Job:
    """Read a file or decode a JSON line into a Job; InputError says what is wrong."""
    from ..reading.document import MAX_BYTES, _check_meta, _sidecar, read_text_file

    html: bytes | None = None
    date_source = "metadata"
    if e.error is not None:
        raise InputError(e.source, e.error)
    if e.kind == "html" and e.path is not None:
        p = Path(e.path)
        html = _read_page(p, max_bytes or MAX_BYTES)
        text, meta, default_id = "", _sidecar(p), p.stem
    elif e.kind == "html":
        html, text, meta = e.data or b"", "", dict(e.meta or {})
        default_id = str(meta.get("id") or e.source)
    elif e.kind == "item":
        text = e.text or ""
        meta = _check_meta(dict(e.meta or {}), e.source)
        default_id, date_source = str(meta.get("id") or e.source), "feed"
    elif e.path is not None:
        p = Path(e.path)
        text = read_text_file(p, max_bytes or MAX_BYTES)
        meta = _sidecar(p)
        default_id = p.stem
    else:
        assert e.line is not None
        try:
            rec = json.loads(e.line)
        except ValueError as x:
            raise InputError(e.source, f"invalid JSON: {x}") from None
        if not isinstance(rec, dict):
            raise InputError(e.source, "a JSON Lines record must be an object with id and text")
        unknown = sorted(set(rec) - JSONL_KEYS)
        if unknown:
            raise InputError(e.source, f"unknown key(s) {', '.join(unknown)}; known: {', '.join(sorted(JSONL_KEYS))}")
        text, rid = rec.get("text"), rec.get("id")
        if not isinstance(text, str) or not text.strip():
            raise InputError(e.source, "no article text (key 'text')")
        if rid is None or not str(rid).strip():
            raise InputError(e.source, "no article id (key 'id')")
        meta = _check_meta({k: v for k, v in rec.items() if k != "text" and v is not None}, e.source)
        meta["id"] = str(rid)
        default_id = str(rid)
    h = digest.sha1(f"{settings_key}\x1f{default_id}\x1f".encode())
    h.update(json.dumps(meta, sort_keys=True, default=str).encode())
    h.update(b"\x1f")
    h.update(text.encode("utf-8", "surrogatepass"))
    if html is not None:
        h.update(b"\x1fhtml\x1f" + html)
    return Job(index, e.source, text, meta, default_id, h.hexdigest(), e.explicit, html, date_source)


def _read_page(p: Path, max_bytes: int) -> bytes:
    if p.is_dir():
        raise InputError(p, "is a directory, not a page")
    try:
        size = p.stat().st_size
        if size > max_bytes:
            raise InputError(p, f"file is {size:,} bytes, over the limit of {max_bytes:,} (see --max-bytes)")
        data = p.read_bytes()
    except OSError as e:
        raise InputError(p, e.strerror or str(e)) from None
    if not data.strip():
        raise InputError(p, "empty file: no page")
    if b"\x00" in data[:8192]:
        raise InputError(p, "binary file (contains NUL bytes), not an HTML page")
    return data
