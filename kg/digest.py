"""SHA-1, SHA-256 and BLAKE2b for kg's keys and checksums, without OpenSSL for short inputs.

`import hashlib` loads OpenSSL's libcrypto (`_hashlib`): ~11 M instructions of a one-article
`kg build` (docs/performance.md, "Twentieth round"), for a few digests of texts of a few hundred
bytes. Python's own `_sha1` and `_sha256` give the same digests and are faster on short inputs
(no OpenSSL context per call) but several times slower on long ones, so an input of `LONG` bytes
or more is hashed by hashlib's (imported then). BLAKE2b is Python's own in hashlib as well.
"""
from __future__ import annotations

from typing import Any

LONG = 1 << 14

try:
    from _blake2 import blake2b
    from _sha1 import sha1 as short_sha1
except ImportError:  # (an interpreter built without them)
    from hashlib import blake2b, sha1 as short_sha1
try:
    from _sha2 import sha256 as short_sha256  # type: ignore[import-not-found]  # (3.12)
except ImportError:
    try:
        from _sha256 import sha256 as short_sha256  # type: ignore[import-not-found, no-redef]  # (3.11)
    except ImportError:
        from hashlib import sha256 as short_sha256


def sha1(data: Any = b"") -> Any:
    """A SHA-1 hash object of `data`, as `hashlib.sha1(data)` (the same digest; `update` it with
    short texts: a long one is hashed faster by `hashlib.sha1`)."""
    if len(data) < LONG:
        return short_sha1(data)
    import hashlib

    return hashlib.sha1(data)


def sha256(data: Any = b"") -> Any:
    """A SHA-256 hash object of `data`, as `hashlib.sha256(data)` (the same digest)."""
    if len(data) < LONG:
        return short_sha256(data)
    import hashlib

    return hashlib.sha256(data)


__all__ = ["LONG", "blake2b", "sha1", "sha256", "short_sha1", "short_sha256"]
