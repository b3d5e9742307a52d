"""Web archives (WARC, as crawlers and researchers keep them): one article per HTML response or
resource record, read with warcio (the Webrecorder library). Records are read one at a time, so
an archive of any size streams; a truncated or corrupt record is reported and the archive stops
there (nothing after a broken record can be trusted to be where its header says)."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Iterator

from ..errors import InputError
from .kinds import WARC_SUFFIXES, looks_like_warc  # noqa: F401  (their home was here)



@dataclass
class Record:
    """An HTML record: `number` counts records of the archive from 1; `error` if it is unreadable."""

    number: int
    url: str
    date: dt.date | None
    data: bytes
    error: str | None = None


def read_warc(path: str, max_bytes: int) -> Iterator[Record]:
    """The HTML records of a WARC file (plain or gzipped); a broken record ends the archive with
    a Record whose `error` says what is wrong."""
    try:
        from warcio.archiveiterator import ArchiveIterator
        from warcio.exceptions import ArchiveLoadFailed
    except ImportError as e:
        raise InputError(path, f"reading WARC needs warcio: pip install warcio ({e})") from None
    n = 0
    try:
        fh = open(path, "rb")
    except OSError as e:
        raise InputError(path, e.strerror or str(e)) from None
    with fh:
        it = ArchiveIterator(fh)
        try:
            for rec in it:
                n += 1
                if rec.rec_type not in ("response", "resource"):
                    continue
                ctype = (rec.http_headers.get_header("Content-Type") if rec.http_headers else None) \
                    or rec.rec_headers.get_header("Content-Type") or ""
                if "html" not in ctype.lower():
                    continue
                url = rec.rec_headers.get_header("WARC-Target-URI") or ""
                date = _date(rec.rec_headers.get_header("WARC-Date"))
                declared = rec.rec_headers.get_header("Content-Length")
                stream = rec.content_stream()
                data = stream.read(max_bytes + 1)
                if len(data) > max_bytes:
                    yield Record(n, url, date, b"", f"page is over the limit of {max_bytes:,} bytes (see --max-bytes)")
                    continue
                if declared is not None and rec.length is not None and _short(rec):
                    yield Record(n, url, date, b"", f"truncated record (WARC-Content-Length {declared})")
                    return
                yield Record(n, url, date, data)
        except (ArchiveLoadFailed, EOFError, OSError, ValueError) as e:
            yield Record(n + (0 if n else 1), "", None, b"", f"truncated or corrupt record: {type(e).__name__}: {e}")


def _short(rec: object) -> bool:
    """warcio reads a record's declared length; a file cut inside the block leaves it short."""
    raw = getattr(rec, "raw_stream", None)
    limit = getattr(raw, "limit", None)
    return bool(limit)  # bytes the record still owed when the file ended


def _date(v: str | None) -> dt.date | None:
    if not v:
        return None
    try:
        return dt.date.fromisoformat(v[:10])
    except ValueError:
        return None
