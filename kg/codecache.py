"""The compiled code of the methods `dataclasses` writes, kept between processes.

Why: `@dataclass` writes each class's `__init__`, `__repr__`, `__eq__`, `__hash__` (and, when
frozen, `__setattr__` and `__delattr__`) as source text and compiles it while the module imports.
For the ~70 classes a `kg build` imports, that compiling is about a sixth of a one-article build's
CPU time (docs/performance.md, "One article"). The text is the same in every process, so its
compiled code is kept in kg's cache folder (the rule pack's: KG_CACHE_DIR, else
~/.cache/kg; "off" turns both off) and a text is compiled only when it is new.

Nothing but the compile changes: `dataclasses` calls `exec(text, globals, namespace)`; this module
gives that module its own `exec`, which looks the text up and runs the same code object that
compiling the text would give. A missing, stale or unreadable cache file means compiling as before.
The file is marshal data keyed by the interpreter's bytecode magic, so another Python never reads it.
"""
from __future__ import annotations

import atexit
import builtins
import dataclasses
import importlib.util
import marshal
import os
import sys
from pathlib import Path
from types import CodeType
from typing import Any

_MAX_ENTRIES = 4000  # a process that defines many classes of its own does not grow the file without end


def _path() -> Path | None:
    root = os.environ.get("KG_CACHE_DIR") or str(Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "kg")
    if root.lower() == "off":
        return None
    return Path(root) / f"dataclass-code-{sys.implementation.cache_tag}-{importlib.util.MAGIC_NUMBER.hex()}.marshal"


_code: dict[str, CodeType] = {}
_new: dict[str, CodeType] = {}
stats = {"hits": 0, "compiled": 0}


def _exec(source: Any, globals: dict[str, Any] | None = None, locals: dict[str, Any] | None = None) -> None:
    """`exec` for the dataclasses module: the same run, the compile taken from the cache."""
    if isinstance(source, str):
        code = _code.get(source)
        if code is None:
            code = _new[source] = _code[source] = compile(source, "<string>", "exec", dont_inherit=True)  # as dataclasses compiles it
            stats["compiled"] += 1
        else:
            stats["hits"] += 1
        source = code
    builtins.exec(source, globals, locals)


def install() -> None:
    """Read the cache, give `dataclasses` the caching `exec` and write what is new at exit
    (once per process)."""
    if getattr(dataclasses, "exec", None) is _exec:
        return
    atexit.register(save)
    path = _path()
    if path is not None:
        try:
            with open(path, "rb") as f:
                data = marshal.load(f)
            if isinstance(data, dict):
                _code.update((k, v) for k, v in data.items() if isinstance(k, str) and isinstance(v, CodeType))
        except Exception:  # absent, unreadable or truncated: compile as before
            pass
    dataclasses.exec = _exec  # type: ignore[attr-defined]


def save() -> None:
    """Write the cache if this process compiled a text it did not hold (temporary file, then
    rename, so a reader never sees half a file)."""
    path = _path()
    if not _new or path is None or len(_code) > _MAX_ENTRIES:
        return
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
        with open(tmp, "wb") as f:
            marshal.dump(dict(sorted(_code.items())), f)
        os.replace(tmp, path)
        _new.clear()
    except Exception:  # a cache that cannot be written costs speed, not correctness
        pass
