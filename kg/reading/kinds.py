"""What kind of input a file is (text, saved web page, feed, web archive), by its name or its
first bytes.

Why a module of its own: every `kg build` sniffs its inputs, most of which are plain text; the
readers of pages, feeds and archives (kg.reading.html, .feeds, .warc) are imported only for the
inputs that need them, which keeps a one-article build's start-up light.
"""
from __future__ import annotations

import re

HTML_SUFFIXES = (".html", ".htm", ".xhtml")
FEED_SUFFIXES = (".rss", ".atom")
WARC_SUFFIXES = (".warc", ".warc.gz")

_HTML = re.compile(rb"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b", re.I | re.S)
_FEED = re.compile(rb"^\s*(?:<\?xml[^>]*>\s*)?(?:<\?xml-stylesheet[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:rss|feed|rdf:RDF)\b",
                   re.I | re.S)


def looks_like_html(head: bytes) -> bool:
    """The first bytes of a file are an HTML document (a saved page with any name)."""
    return bool(_HTML.match(head[:4096]))


def looks_like_feed(head: bytes) -> bool:
    """The first bytes of a file are an RSS, Atom or RDF feed."""
    return bool(_FEED.match(head[:4096]))


def looks_like_warc(head: bytes) -> bool:
    """The first bytes of a file are a web archive record, plain or gzipped."""
    if head.startswith(b"WARC/"):
        return True
    if head[:2] == b"\x1f\x8b":
        import gzip
        import zlib

        try:
            return zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(head, 16).startswith(b"WARC/")
        except (zlib.error, gzip.BadGzipFile):
            return False
    return False
