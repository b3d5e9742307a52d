"""RSS and Atom feeds: one article per item (its content or description, title, date, link),
read with feedparser, which copes with the many dialects and broken feeds found in the wild."""
from __future__ import annotations

import datetime as dt
import html as htmllib
import re
from dataclasses import dataclass, field
from typing import Any, Iterator

from ..errors import InputError
from .kinds import FEED_SUFFIXES, looks_like_feed  # noqa: F401  (their home was here)

_BLOCK_END = re.compile(r"<\s*(?:br\s*/?|/p|/div|/li|/h[1-6]|/blockquote|/tr)\s*>", re.I)


@dataclass
class Item:
    """One feed item: `number` counts from 1 in the feed, for messages; `error` if it has no text."""

    number: int
    text: str
    meta: dict[str, Any] = field(default_factory=dict)
    error: str | None = None



def _plain(fragment: str) -> str:
    """An item's HTML content as text, one paragraph per block element."""
    if "<" not in fragment:
        return htmllib.unescape(fragment).strip()
    text = _BLOCK_END.sub("\n\n", fragment)
    text = re.sub(r"<[^>]+>", "", text)
    text = htmllib.unescape(text)
    paras = [re.sub(r"[ \t\r\f\v]+", " ", p).strip() for p in re.split(r"\n\s*\n", text)]
    return "\n\n".join(" ".join(p.split("\n")).strip() for p in paras if p.strip())


def read_feed(data: bytes, source: str) -> Iterator[Item]:
    """The items of an RSS or Atom feed; InputError if it is not a feed or has no items."""
    import feedparser

    if b"\x00" in data[:8192]:
        raise InputError(source, "binary file (contains NUL bytes), not an RSS or Atom feed")
    f = feedparser.parse(data)
    if not f.entries:
        if f.get("bozo") and not f.get("version"):
            raise InputError(source, f"not an RSS or Atom feed: {f.get('bozo_exception')}")
        raise InputError(source, "the feed has no items")
    channel = f.get("feed", {})
    lang = channel.get("language")
    publisher = channel.get("title")
    for n, e in enumerate(f.entries, 1):
        content = ""
        if e.get("content"):
            content = max((c.get("value", "") for c in e["content"]), key=len)
        body = _plain(content or e.get("summary") or e.get("description") or "")
        meta: dict[str, Any] = {}
        title = _plain(e.get("title") or "")
        if title:
            meta["title"] = title
        if e.get("link"):
            meta["url"] = e["link"]
        if e.get("author"):
            meta["author"] = e["author"]
        if publisher:
            meta["publisher"] = _plain(publisher)
        if lang:
            meta["language"] = lang
        when = e.get("published_parsed") or e.get("updated_parsed")
        if when:
            meta["date"] = dt.date(when.tm_year, when.tm_mon, when.tm_mday)
        ident = e.get("id") or e.get("link")
        if ident:
            meta["id"] = str(ident)
        if not body.strip():
            yield Item(n, "", meta, "the item has no text (no description or content)")
            continue
        text = (title + "\n\n" if title else "") + body + "\n"
        yield Item(n, text, meta)
