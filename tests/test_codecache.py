"""kg/codecache.py: the compiled dataclass methods, namedtuples' `__new__`, string annotations and
regular expressions kept between processes
must behave exactly as compiling them does, and a bad cache file must cost nothing but time."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from .conftest import ROOT

# A process that makes a few dataclasses of the kinds kg uses (frozen, defaults, factories, slots,
# string annotations) and prints how they behave and what their generated methods' code is.
PROBE = r'''
import json, sys
if sys.argv[1] == "kg":
    import kg.cli  # the kg command installs the cache
    from kg import codecache
from dataclasses import dataclass, field, FrozenInstanceError

@dataclass(frozen=True)
class Point:
    """a point"""
    x: int
    y: "int" = 0
    tags: tuple = ()

@dataclass(slots=True)
class Bag:
    name: str
    items: list = field(default_factory=list)

p, q = Point(1, 2, ("a",)), Point(1, 2, ("a",))
b = Bag("n")
b.items.append(3)
try:
    p.x = 5
    frozen = False
except FrozenInstanceError:
    frozen = True
def code(fn):
    c = fn.__code__
    return [c.co_code.hex(), repr(c.co_consts), list(c.co_varnames), c.co_flags, c.co_filename]
out = {"repr": [repr(p), repr(b)], "eq": p == q, "hash": hash(p) == hash(q), "frozen": frozen,
       "annotations": repr(Point.__init__.__annotations__),
       "code": [code(Point.__init__), code(Point.__eq__), code(Point.__hash__), code(Point.__setattr__),
                code(Bag.__init__), code(Bag.__repr__.__wrapped__)],
       "stats": codecache.stats if sys.argv[1] == "kg" else None}
from typing import ForwardRef, NamedTuple
class Span(NamedTuple):  # string annotations (ForwardRef compiles them) and namedtuple's __new__ (eval)
    """a span"""
    first: "int"
    last: "tuple[int, ...] | None" = None
ref = ForwardRef("dict[str, list[int]]").__forward_code__
out["namedtuple"] = [code(Span.__new__), repr(Span.__annotations__), repr(Span(1)), list(Span._fields),
                     [ref.co_code.hex(), repr(ref.co_consts), list(ref.co_names), ref.co_flags, ref.co_filename]]
import re
PATTERNS = [(r"(?:on )?(\d{1,2}) (january|february|march)(?:,? (\d{4}))?", re.I),
            (r"^(?P<place>[A-Z][A-Za-z.'’-]*(?:[ /][A-Z][A-Za-z.'’-]*){0,3}), (?P<date>\w+ \d+)", 0),
            (rb"<(/?)(?:table|tr|td)\b[^>]*>", re.I), (r"[^\W\d_]+(?:['’][^\W_]+)*|\S", 0)]
rx = [re.compile(p, f) for p, f in PATTERNS]
fresh = [re._compiler.compile(p, f) if sys.argv[1] == "plain" else codecache._re_plain(p, f) for p, f in PATTERNS]
out["regex_same"] = [a == b for a, b in zip(rx, fresh)]  # Pattern equality compares flags and the compiled program
out["regex"] = [[r.pattern if isinstance(r.pattern, str) else r.pattern.decode(), r.flags, r.groups, dict(r.groupindex)] for r in rx]
out["found"] = [rx[0].findall("On 3 March 2006, and 12 January"), rx[1].match("MOSCOW, March 3").groupdict(),
                rx[3].findall("Mish'al's talks, Lavrov’s")]
import gettext  # (click asks it for each message: the kg command keeps the expansions, and "none found")
out["gettext"] = [[gettext._expand_lang(n) for n in ("C.UTF-8", "de_DE.UTF-8@euro", "pt_BR", "sr@latin")],
                  gettext.find("messages"), gettext.find("kg-none", all=True), gettext.find("kg-none", languages=["fr_FR"]),
                  gettext.gettext("Show this message and exit."), gettext.ngettext("one", "many", 2)]
print(json.dumps(out))
'''


def _probe(mode: str, cache: Path | str) -> dict:
    env = {**os.environ, "KG_CACHE_DIR": str(cache), "PYTHONPATH": str(ROOT)}
    r = subprocess.run([sys.executable, "-c", PROBE, mode], capture_output=True, text=True, env=env, cwd=ROOT, check=True)
    return json.loads(r.stdout)


def test_cached_code_is_the_code_compiling_gives(tmp_path: Path) -> None:
    plain = _probe("plain", tmp_path)
    first = _probe("kg", tmp_path)  # compiles, then writes the cache at exit
    files = list(tmp_path.glob("code-*.marshal"))
    assert len(files) == 1
    second = _probe("kg", tmp_path)  # reads it
    assert first["stats"]["compiled"] > 0
    assert second["stats"]["compiled"] == 0 and second["stats"]["hits"] >= first["stats"]["compiled"]
    for got in (first, second):
        assert {k: v for k, v in got.items() if k != "stats"} == {k: v for k, v in plain.items() if k != "stats"}
    assert plain["eq"] and plain["hash"] and plain["frozen"]
    assert plain["annotations"] == repr({"x": int, "y": "int", "tags": tuple, "return": None})
    assert all(second["regex_same"]) and all(first["regex_same"])


def test_a_bad_cache_file_is_compiled_over(tmp_path: Path) -> None:
    _probe("kg", tmp_path)
    (cache,) = tmp_path.glob("code-*.marshal")
    cache.write_bytes(b"\x00not marshal data")
    got = _probe("kg", tmp_path)
    assert got["stats"]["hits"] == 0 and got["eq"] and got["frozen"]
    assert cache.read_bytes() != b"\x00not marshal data"  # rewritten whole
    assert not list(tmp_path.glob("*.tmp"))


def test_cache_off_reads_and_writes_nothing() -> None:
    got = _probe("kg", "off")
    assert got["stats"]["compiled"] > 0 and got["stats"]["hits"] == 0
    assert not (ROOT / "off").exists()


def test_entries_another_kg_wrote_otherwise_are_compiled_over(tmp_path: Path) -> None:
    """A pattern's entry of the wrong shape (an older format, a program that is not this Python's)
    and a source text whose code is not a code object are compiled as if absent."""
    import marshal

    _probe("kg", tmp_path)
    (cache,) = tmp_path.glob("code-*.marshal")
    data = marshal.loads(cache.read_bytes())
    keys = [k for k in data if isinstance(k, tuple) and len(k) == 2 and isinstance(k[1], int)]  # patterns
    exprs = [k for k in data if isinstance(k, tuple) and k[0] == "eval"]  # namedtuples' and annotations' code
    assert keys and exprs
    for i, k in enumerate(keys):
        data[k] = (data[k][0], [1, 2, 3], 0, {}, ()) if i % 2 else (data[k][0], b"\x00" * 12, 0, {}, ())
    for i, k in enumerate(exprs):
        data[k] = b"\x00" * 12 if i % 2 else (0, b"", 0, {}, ())
    srcs = [k for k in data if isinstance(k, str)]  # dataclasses' methods
    langs = [k for k in data if isinstance(k, tuple) and k[0] == "lang"]  # gettext's expansions
    assert srcs and langs
    for i, k in enumerate(srcs):
        data[k] = b"\x00" * 12 if i % 2 else ("def f(): pass",)
    for i, k in enumerate(langs):
        data[k] = b"en" if i % 2 else ["en", 3]
    cache.write_bytes(marshal.dumps(data))
    got, plain = _probe("kg", tmp_path), _probe("plain", tmp_path)
    assert all(got["regex_same"]) and got["found"] == plain["found"]
    assert got["namedtuple"] == plain["namedtuple"]
    assert got["code"] == plain["code"] and got["repr"] == plain["repr"] and got["gettext"] == plain["gettext"]


def test_import_kg_alone_leaves_python_as_it_is() -> None:
    """A program that uses kg as a library keeps Python's own compile steps."""
    code = "import dataclasses, re, kg, kg.graph.build; print(hasattr(dataclasses, 'exec'), re._compiler.compile.__module__)"
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT,
                       env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert r.stdout.split() == ["False", "re._compiler"]


def test_importing_the_kg_command_leaves_the_collector_on() -> None:
    """kg.cli holds the collector off only while it reads the code cache and imports click: a
    program (or test) that imports it keeps its garbage collection."""
    code = "import gc; gc.enable(); import kg.cli; a = gc.isenabled(); gc.disable(); print(a, gc.get_threshold())"
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT,
                       env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert r.stdout.split(maxsplit=1) == ["True", "(700, 10, 10)\n"]


def test_an_outgrown_cache_is_rewritten_with_the_working_set(tmp_path: Path) -> None:
    import marshal

    _probe("kg", tmp_path)
    (cache,) = tmp_path.glob("code-*.marshal")
    data = marshal.loads(cache.read_bytes())
    own = len(data)
    # stale entries just past the bound: a kg build's working set is ~420, and every start reads
    # the whole file, so the bound stays near it (it was 3,000 and the file had reached 2.2 MB)
    data.update({f"# filler {i}\n": compile("pass", "<string>", "exec") for i in range(1000)})
    cache.write_bytes(marshal.dumps(data))
    src = PROBE.replace("print(json.dumps(out))", "import dataclasses\n@dataclasses.dataclass\nclass New:\n    z: int = 7\nprint(json.dumps(out))")
    env = {**os.environ, "KG_CACHE_DIR": str(tmp_path), "PYTHONPATH": str(ROOT)}
    subprocess.run([sys.executable, "-c", src, "kg"], capture_output=True, text=True, env=env, cwd=ROOT, check=True)
    kept = marshal.loads(cache.read_bytes())
    assert not any(isinstance(k, str) and k.startswith("# filler") for k in kept)
    assert own <= len(kept) <= own + 10


def test_a_failed_write_leaves_no_temporary_file(tmp_path: Path) -> None:
    src = PROBE.replace("print(json.dumps(out))", "codecache._code[('x', 0)] = (0, object(), 0, {}, ())\ncodecache._new += 1\nprint(json.dumps(out))")
    env = {**os.environ, "KG_CACHE_DIR": str(tmp_path), "PYTHONPATH": str(ROOT)}
    subprocess.run([sys.executable, "-c", src, "kg"], capture_output=True, text=True, env=env, cwd=ROOT, check=True)
    assert not list(tmp_path.glob("*.tmp"))
