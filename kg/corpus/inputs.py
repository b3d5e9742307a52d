"""Corpus inputs: listing files, folders, globs and JSON Lines, and reading each entry into a Job.

Everything an article needs travels in its Job (text and metadata), so workers need no access to the
input files."""
from __future__ import annotations

import glob
import hashlib
import json
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, Iterable, Iterator

from ..errors import InputError

ARTICLE_SUFFIXES = (".txt",)
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


@dataclass(frozen=True, slots=True)
class Failed:
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


def _is_glob(s: str) -> bool:
    return any(c in s for c in "*?[")


def _folder_files(folder: Path) -> list[str]:
    out = []
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for f in sorted(files):
            if not f.startswith(".") and f.endswith(ARTICLE_SUFFIXES + JSONL_SUFFIXES):
                out.append(os.path.join(root, f))
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


def iter_entries(inputs: list[tuple[str, bool]], stdin: IO[bytes] | None = None) -> Iterator[Entry]:
    """Every article entry, lazily (a JSON Lines file of millions of lines is never held whole)."""
    for path, explicit in inputs:
        if not _is_jsonl(path):
            yield Entry(path, path=path, explicit=explicit)
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


def count_entries(inputs: list[tuple[str, bool]]) -> int | None:
    """How many articles, for the progress bar's ETA (None when reading stdin)."""
    n = 0
    for path, _ in inputs:
        if path == "-":
            return None
        if _is_jsonl(path):
            with open(path, "rb") as fh:
                n += sum(1 for raw in fh if raw.strip())
        else:
            n += 1
    return n


def read_entry(e: Entry, index: int, settings_key: str, max_bytes: int | None) -> Job:
    """Read a file or decode a JSON line into a Job; InputError says what is wrong."""
    from ..reading.document import MAX_BYTES, _check_meta, _sidecar, read_text_file

    if e.path is not None:
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
    h = hashlib.sha1(f"{settings_key}\x1f{default_id}\x1f".encode())
    h.update(json.dumps(meta, sort_keys=True, default=str).encode())
    h.update(b"\x1f")
    h.update(text.encode("utf-8", "surrogatepass"))
    return Job(index, e.source, text, meta, default_id, h.hexdigest(), e.explicit)
