"""Saved web pages: the main text and metadata of an HTML page, with trafilatura.

Why trafilatura: it is the usual choice for news main-text extraction (best or near-best F1 in the
published comparisons, e.g. Bevendorff et al. 2023 and trafilatura's own benchmark), maintained,
pure Python on lxml, and it reads the metadata kg needs in one pass: title, author, site name,
canonical address and, through htmldate (same author), the publication date from the markup,
the page's address or its text. Boilerplate (navigation, related links, footers) is what it is
built to drop, so it yields no facts. The graph's text and offsets are those of the extracted
text, paragraphs separated by blank lines.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from ..errors import InputError
from .kinds import HTML_SUFFIXES, looks_like_html  # noqa: F401  (their home was here)



@dataclass
class Page:
    """What a page gives kg: its main text and the metadata found in it."""

    text: str
    meta: dict[str, Any] = field(default_factory=dict)
    date_source: str = ""  # "page metadata", "page address", or "" when the page has no date



def _decode(data: bytes, source: str) -> str:
    if b"\x00" in data[:8192]:
        raise InputError(source, "binary file (contains NUL bytes), not an HTML page")
    m = re.search(rb"""<meta[^>]+charset=["']?([\w-]+)""", data[:4096], re.I)
    for enc in ([m[1].decode("ascii", "replace")] if m else []) + ["utf-8"]:
        try:
            return data.decode(enc)
        except (UnicodeDecodeError, LookupError):
            continue
    from charset_normalizer import from_bytes  # a trafilatura dependency

    best = from_bytes(data).best()
    if best is None:
        raise InputError(source, "not text: no character encoding decodes this page")
    return str(best)


def extract_page(data: bytes, source: str, url: str | None = None) -> Page:
    """The main text and metadata of an HTML page; InputError if the page has no main text."""
    html = _decode(data, source)
    if not re.search(r"<\w", html):
        raise InputError(source, "not an HTML page (no tags)")
    try:
        import trafilatura
    except ImportError as e:
        raise InputError(source, f"reading HTML needs trafilatura: pip install trafilatura ({e})") from None
    html = _unwrap_layout_tables(html)
    doc = trafilatura.bare_extraction(html, url=url, with_metadata=True, include_comments=False,
                                      include_tables=False, favor_precision=True,
                                      date_extraction_params={"extensive_search": True, "original_date": True})
    d = doc.as_dict() if doc is not None and hasattr(doc, "as_dict") else (doc or {})
    paras = [p.strip() for p in (d.get("text") or "").splitlines() if p.strip()]
    if not paras:
        raise InputError(source, "no main text in this page (only navigation, links or boilerplate)")
    meta: dict[str, Any] = {}
    if d.get("title"):
        meta["title"] = d["title"].strip()
    if d.get("author"):
        meta["author"] = d["author"].strip()
    if d.get("sitename"):
        meta["publisher"] = d["sitename"].strip()
    page_url = d.get("url") or url
    if page_url:
        meta["url"] = page_url
    lang = d.get("language") or _html_lang(html)
    if lang:
        meta["language"] = lang
    date_source = ""
    if d.get("date"):
        try:
            meta["date"] = dt.date.fromisoformat(str(d["date"])[:10])
            date_source = "page address" if page_url and _date_in_url(page_url, meta["date"]) else "page metadata"
        except ValueError:
            pass
    return Page("\n\n".join(paras) + "\n", meta, date_source)


_LAYOUT_TABLE = re.compile(r"<td\b[^>]*>(?:(?!</td>).){0,2000}?<(?:p|h[1-6]|div)\b", re.I | re.S)
_TABLE_TAG = re.compile(r"<(/?)(?:table|tbody|thead|tr|td|th)\b[^>]*>", re.I)


def _unwrap_layout_tables(html: str) -> str:
    """Pages of the 2000s laid out whole articles in table cells; a table whose cells hold
    paragraphs is layout, not data, so it becomes plain blocks (else its text comes out as one
    flattened row)."""
    if not _LAYOUT_TABLE.search(html):
        return html
    return _TABLE_TAG.sub(lambda m: f"<{m[1]}div>", html)


def _html_lang(html: str) -> str | None:
    m = re.search(r"""<html[^>]*\blang=["']?([A-Za-z]{2,3})(?:[-_][\w-]+)?""", html[:4096], re.I)
    if not m:
        m = re.search(r"""<meta[^>]+http-equiv=["']?content-language["']?[^>]+content=["']?([A-Za-z]{2,3})""", html[:4096], re.I)
    return m[1].lower() if m else None


def _date_in_url(url: str, date: dt.date) -> bool:
    y, m, d = date.year, date.month, date.day
    return bool(re.search(rf"{y}[-/_]?0?{m}[-/_]?0?{d}(?!\d)", url))
