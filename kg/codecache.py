"""What every kg process compiles as it starts, kept compiled between processes.

Why: a one-article `kg build` spends about a third of its CPU time compiling the same things on
every start (docs/performance.md, "One article"):
* the methods `@dataclass` writes for kg's ~70 classes (`__init__`, `__repr__`, `__eq__`, ...),
  as source text compiled while the modules import;
* ~170 regular expressions (dates, the layout's datelines and bylines, tokens), which Python's
  `re` parses and compiles in Python code.
* the plans of the rule patterns' matchers (kg.rules.matchgen: what `kg.rules.match` decides
  as it builds a pattern's closures, ~180 M instructions of a one-article build), kept as marshal
  bytes that are decoded only when a pattern's part is first tried.
All are the same in every process. Their compiled forms are kept in kg's cache folder (the rule
pack's: KG_CACHE_DIR, else ~/.cache/kg; "off" turns both off), and a text or a pattern is compiled
only when it is new.

The `kg` command installs it (kg/cli), not `import kg`: a program that uses kg as a library keeps
Python's own compile steps, and the cache holds what the command's processes compile. When it
outgrows its bound, the next process that compiles something new writes only what it used.

Nothing but the compile changes: `dataclasses` gets its own `exec`, which runs the code object that
compiling the text gives; `re` gets a compile step that hands the kept program of a pattern to the
same `_sre.compile` its own compile step calls last (which checks the program before using it).
The `re` part uses the internals of CPython 3.11 and 3.12 and stays off on any other Python. A
missing, stale or unreadable cache file means compiling as before; the file is marshal data named
by the interpreter's bytecode magic, so another Python never reads it.
"""
from __future__ import annotations

import atexit
import builtins
import collections
import importlib.util
import marshal
import os
import re
import sys
import typing
from array import array
from pathlib import Path
from types import CodeType, FunctionType
from typing import Any

_FORMAT = 2  # of the file's entries; a new format is a new file name
_MAX_MATCH = 4000  # matcher plans' units (kg.rules.matchgen: marshal bytes, decoded when used): ~1,200 for the seed
_MAX_ENTRIES = 1000  # beyond it, a writer keeps only its own working set: a `kg build` uses ~420 entries;
# every start reads the whole file (3,000 entries, mostly stale dataclass sources of older kg
# code and test packs' patterns, were 2.2 MB and ~3 ms of a one-article build on this machine)

_compiler: Any = getattr(re, "_compiler", None)
_DEBUG = int(re.DEBUG)
_CODE_UNIT = "I"  # an unsigned int of _sre.CODESIZE bytes
_RE_OK = (sys.implementation.name == "cpython" and sys.version_info[:2] in ((3, 11), (3, 12))
          and _compiler is not None and all(hasattr(_compiler, n) for n in ("compile", "_code", "_parser", "_sre"))
          and array(_CODE_UNIT).itemsize == getattr(getattr(_compiler, "_sre", None), "CODESIZE", 0))


def _path() -> Path | None:
    root = os.environ.get("KG_CACHE_DIR") or str(Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "kg")
    if root.lower() == "off":
        return None
    return Path(root) / f"code-{_FORMAT}-{sys.implementation.cache_tag}-{importlib.util.MAGIC_NUMBER.hex()}.marshal"


_code: dict[Any, Any] = {}  # source text -> code object; (pattern, flags) -> the arguments of _sre.compile
_new = 0
_used: set[Any] = set()  # the keys this process compiled or took from the cache
_made: set[Any] = set()  # the expressions' keys this process compiled
stats = {"hits": 0, "compiled": 0}


def _exec(source: Any, globals: dict[str, Any] | None = None, locals: dict[str, Any] | None = None) -> None:
    """`exec` for the dataclasses module: the same run, the compile taken from the cache."""
    global _new
    if isinstance(source, str):
        code = _code.get(source)
        _used.add(source)
        if type(code) is not CodeType:  # (absent, or an entry of another shape another kg wrote)
            code = _code[source] = compile(source, "<string>", "exec", dont_inherit=True)  # as dataclasses compiles it
            stats["compiled"] += 1
            _new += 1
        else:
            stats["hits"] += 1
        source = code
    builtins.exec(source, globals, locals)


def _eval_code(source: str) -> CodeType:
    """An expression's code object, as `compile(source, "<string>", "eval")` in a module without
    `__future__` imports gives it (typing's ForwardRef, collections' namedtuple), kept by text."""
    global _new
    key = ("eval", source)
    code = _code.get(key)
    _used.add(key)
    if type(code) is not CodeType:  # (absent, or an entry of another shape another kg wrote)
        code = _code[key] = compile(source, "<string>", "eval", dont_inherit=True)
        _made.add(key)
        stats["compiled"] += 1
        _new += 1
    elif key not in _made:  # (a hit is what the file gave: namedtuples and annotations repeat texts)
        stats["hits"] += 1
    return code


def _typing_compile(source: Any, filename: Any, mode: Any, *args: Any, **kw: Any) -> Any:
    """`compile` for the typing module (a ForwardRef compiles its text: a NamedTuple's string
    annotations, ~30 of them as kg starts): the same code object, from the cache."""
    if type(source) is str and filename == "<string>" and mode == "eval" and not args and not kw:
        return _eval_code(source)
    return builtins.compile(source, filename, mode, *args, **kw)


def _collections_eval(source: Any, *args: Any) -> Any:
    """`eval` for the collections module (namedtuple's `__new__`, a lambda's text): the same run,
    the compile taken from the cache."""
    if type(source) is str and source[:1] not in (" ", "\t", ""):  # (eval strips leading blanks)
        source = _eval_code(source)
    return builtins.eval(source, *args)


def _re_compile(p: Any, flags: int = 0) -> Any:
    """re's last compile step (re/_compiler.py `compile`), its program kept by pattern and flags."""
    global _new
    flags = int(flags)  # a RegexFlag is not marshal data (and `int & RegexFlag` runs enum's Python `__rand__`)
    if not isinstance(p, (str, bytes)) or flags & _DEBUG:
        return _re_plain(p, flags)
    key = (p, flags)
    args = _code.get(key)
    _used.add(key)
    if type(args) is not tuple or len(args) != 5 or type(args[1]) is not bytes:  # (absent, or another shape)
        tree = _compiler._parser.parse(p, flags)
        # kept as the bytes of an array of code units: marshal reads bytes at once, a list int by int
        program = array(_CODE_UNIT, _compiler._code(tree, flags)).tobytes()
        groupindex = tree.state.groupdict
        indexgroup: list[str | None] = [None] * tree.state.groups
        for k, i in groupindex.items():
            indexgroup[i] = k
        args = _code[key] = (int(flags | tree.state.flags), program, tree.state.groups - 1, dict(groupindex), tuple(indexgroup))
        stats["compiled"] += 1
        _new += 1
    else:
        stats["hits"] += 1
    flags2, program, groups, groupindex, indexgroup = args
    try:
        return _compiler._sre.compile(p, flags2, array(_CODE_UNIT, program).tolist(), groups, groupindex, indexgroup)
    except Exception:  # an entry another kg wrote otherwise: compile it here, as re would
        del _code[key]
        return _re_compile(p, flags)


_re_plain: Any = _compiler.compile if _RE_OK else None
_plain: dict[str, Any] = {}


def _expand_lang(loc: Any) -> Any:
    """gettext's expansion of a locale name into the names its catalogues may be filed under
    (`de_DE.UTF-8` -> `de_DE.UTF-8`, `de_DE`, `de.UTF-8`, `de`), kept by name. click asks gettext for
    each message it shows or declares (~19 a `kg build`, where no catalogue exists); each ask
    expanded the names of LANGUAGE / LC_ALL / LC_MESSAGES / LANG again, and the first imported
    `locale` for its alias table (~4 M instructions, ~7.6 M with the asks). The expansion depends
    on the name alone; which catalogue files exist gettext still looks up at each ask."""
    global _new
    if type(loc) is not str:
        return _plain["lang"](loc)
    key = ("lang", loc)
    got = _code.get(key)
    _used.add(key)
    if type(got) is not list or not all(type(x) is str for x in got):  # (absent, or another shape)
        got = _code[key] = list(_plain["lang"](loc))
        stats["compiled"] += 1
        _new += 1
    return list(got)


_none_found: set[Any] = set()


def _find(domain: Any, localedir: Any = None, languages: Any = None, all: Any = False) -> Any:
    """gettext's search for a message catalogue, its answer "none" kept for the process (by the
    arguments and the four variables gettext reads): click's ~19 asks of a `kg build` each
    looked for the same missing files. A catalogue found is looked for again at each ask."""
    try:
        key = (domain, localedir, None if languages is None else tuple(languages), all,
               *(os.environ.get(v) for v in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")))
        hash(key)
    except TypeError:
        return _plain["find"](domain, localedir, languages, all)
    if key in _none_found:
        return [] if all else None
    got = _plain["find"](domain, localedir, languages, all)
    if not got:
        _none_found.add(key)
    return got


def active() -> bool:
    """Whether this process keeps compiled code between runs (the `kg` command installed it)."""
    return _installed


def get(key: Any) -> Any:
    """An entry other kg code keeps here (kg.rules.matchgen: a matcher's marshal bytes), marked used.
    The file's entries are not checked as it is read: the caller checks the value's shape (another
    kg of the same format may have written another)."""
    _used.add(key)
    return _code.get(key)


def put(key: Any, value: Any) -> None:
    """Keep `value` (marshal data) under `key`, written at exit."""
    global _new
    _code[key] = value
    _used.add(key)
    stats["compiled"] += 1
    _new += 1


_installed = False
_hooks: list[Any] = []


def before_save(fn: Any) -> None:
    """Call `fn` before the cache is written (it may `put` what it kept meanwhile)."""
    if fn not in _hooks:
        _hooks.append(fn)


def install() -> None:
    """Read the cache, give `dataclasses` and `re` the caching steps and write what is new at exit
    (once per process)."""
    global _installed, _code
    if _installed:
        return
    _installed = True
    path = _path()
    if path is not None:
        try:
            with open(path, "rb") as f:  # read whole: marshal.load(f) reads object by object (~10x slower)
                data = marshal.loads(f.read())
            if type(data) is dict:  # taken as it is: each reader checks an entry's shape when it uses it
                data.update(_code)  # (filtering ~2,400 entries here cost every start ~1.4 ms, ~8 M instructions)
                _code = data
        except Exception:  # absent, unreadable or truncated: compile as before
            pass
    typing.compile = _typing_compile  # type: ignore[attr-defined]
    collections.eval = _collections_eval  # type: ignore[attr-defined]
    if _RE_OK:
        _compiler.compile = _re_compile
    import gettext

    if type(getattr(gettext, "_expand_lang", None)) is FunctionType and type(getattr(gettext, "find", None)) is FunctionType:
        _plain["lang"], _plain["find"] = gettext._expand_lang, gettext.find  # type: ignore[attr-defined]
        gettext._expand_lang, gettext.find = _expand_lang, _find  # type: ignore[attr-defined]
    import dataclasses  # (here: it imports inspect and dis, whose namedtuples and patterns then come from the cache)

    dataclasses.exec = _exec  # type: ignore[attr-defined]
    atexit.register(save)


def save() -> None:
    """Write the cache if this process compiled something it did not hold (a temporary file, then
    a rename, so a reader never sees half a file)."""
    global _new
    for fn in _hooks:
        fn()
    path = _path()
    if not _new or path is None:
        return
    units = sum(1 for k in _code if type(k) is tuple and k and k[0] in ("match", "matchsets"))
    keep = _code if len(_code) - units <= _MAX_ENTRIES and units <= _MAX_MATCH else {k: _code[k] for k in _used if k in _code}
    tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(tmp, "wb") as f:
            marshal.dump(keep, f)
        os.replace(tmp, path)
        _new = 0
    except Exception:  # a cache that cannot be written costs speed, not correctness
        try:
            tmp.unlink()
        except OSError:
            pass
