"""Writing graphs: deterministic serialisations and atomic files.

Turtle is written by our own small writer so that the same graph always gives the same bytes
(subjects, predicates and objects sorted; no blank nodes) and so that prefixed names are only
used where every RDF store reads them back alike (no escaped characters in local names).
"""
from __future__ import annotations

import os
import re
from pathlib import Path
from contextlib import contextmanager
from operator import itemgetter
from typing import Any, Iterable, Iterator

from ..errors import InputError
from .terms import IRI, Literal, is_literal

FORMATS = {"turtle": ".ttl", "trig": ".trig", "nt": ".nt", "nquads": ".nq", "json-ld": ".jsonld"}
ALIASES = {"ttl": "turtle", "ntriples": "nt", "n-triples": "nt", "nq": "nquads", "n-quads": "nquads",
           "jsonld": "json-ld"}
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
XSD = "http://www.w3.org/2001/XMLSchema#"
_LOCAL = re.compile(r"^[A-Za-z0-9_](?:[A-Za-z0-9_.-]*[A-Za-z0-9_-])?$")
_ESC = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f"}
_IRI_BAD = re.compile(r'[\x00-\x20<>"{}|^`\\]')

Node = Any  # a kg.terms term, or an rdflib URIRef / Literal (API users may pass either)
Triple = tuple[Node, Node, Node]


def format_for(path: str | Path | None, fmt: str | None) -> str:
    """The output format: given explicitly, else from the file extension (an unknown one is an error),
    else Turtle (no extension: standard output, a pipe, a device)."""
    if fmt:
        f = ALIASES.get(fmt.lower(), fmt.lower())
        if f not in FORMATS:
            raise InputError(str(path or "-"), f"unknown format {fmt!r} (choose from {', '.join(FORMATS)})")
        return f
    if path:
        ext = Path(str(path)).suffix.lower()
        for f, e in FORMATS.items():
            if e == ext:
                return f
        if ext == ".json":
            return "json-ld"
        if ext and not Path(str(path)).is_char_device():  # no silent Turtle in an x.rdf (devices: any name)
            raise InputError(str(path), f"unknown output extension {ext!r} (known: {', '.join(FORMATS.values())}, .json; "
                                        "or name the format with -f)")
    return "turtle"


def _iri(u: str) -> str:
    return "<" + _IRI_BAD.sub(lambda m: f"%{ord(m.group()):02X}", u) + ">"


_SPECIAL = re.compile(r'[\\"\x00-\x1f\x7f]')


def _string(s: str) -> str:
    """A quoted string literal (one regex scan: article texts are long and mostly need nothing)."""
    if not _SPECIAL.search(s):
        return '"' + s + '"'
    return '"' + _SPECIAL.sub(lambda m: _ESC.get(m.group()) or f"\\u{ord(m.group()):04X}", s) + '"'


def _check_iri(t: Node) -> None:
    if type(t).__name__ == "BNode":
        raise ValueError(f"blank nodes are not written by kg: {t!r}")


class _Names:
    def __init__(self, prefixes: dict[str, str]):
        # longest namespace first, so kgr: (…/id/) wins over a shorter prefix of it; one regex
        # tries them in that order (alternation backtracks to the next namespace when the rest
        # is not a plain local name), in C rather than a Python loop per IRI
        self.prefixes = sorted(prefixes.items(), key=lambda kv: (-len(kv[1]), kv[0]))
        self._ns: dict[str, str] = {}
        for p, ns in self.prefixes:
            self._ns.setdefault(ns, p)
        alts = "|".join(re.escape(ns) for ns in self._ns)
        self._rx = re.compile(f"({alts})({_LOCAL.pattern[1:-1]})\\Z") if self._ns else None
        self.used: set[str] = set()
        # IRI text (a plain str: an IRI key would compare by kg's Python __eq__) -> its written
        # form: a graph names its predicates, classes and entities again and again, and the
        # regex above is the writer's dearest step
        self._memo: dict[str, str] = {}

    def iri(self, u: str) -> str:
        r = self._memo.get(u)
        if r is None:
            m = self._rx.match(u) if self._rx is not None else None
            if m is not None:
                p = self._ns[m.group(1)]
                self.used.add(p)
                r = f"{p}:{m.group(2)}"
            else:
                r = _iri(u)
            self._memo[str(u)] = r
        return r

    def term(self, t: Node) -> str:
        tt = type(t)
        if tt is IRI:  # kg's own terms first (most of a graph's), with no checks to make
            return self.iri(str(t))
        if tt is Literal or is_literal(t):
            lex = t if tt is Literal else str(t)  # (rdflib's Literal has its own `+`)
            lang = t.language
            if lang:
                return _string(lex) + "@" + lang
            dt = t.datatype
            if dt is None:
                return _string(lex)
            dt = str(dt)
            if dt == _XSD_STRING:
                return _string(lex)
            lex = str(lex)
            if dt == _XSD_INTEGER and _INTEGER_LEX.fullmatch(lex) or dt == _XSD_BOOLEAN and lex in ("true", "false"):
                return lex
            return _string(lex) + "^^" + self.iri(dt)
        _check_iri(t)
        return self.iri(str(t))


_XSD_STRING, _XSD_INTEGER, _XSD_BOOLEAN = XSD + "string", XSD + "integer", XSD + "boolean"
_INTEGER_LEX = re.compile(r"[+-]?\d+")


def _sort_key(t: Node) -> tuple[int, str, str]:
    if type(t) is IRI:
        return (0, str(t), "")
    if is_literal(t):
        return (1, str(t), str(t.datatype or t.language or ""))
    return (0, str(t), "")


def _pred_key(p: Node) -> tuple[int, str]:
    return (0 if str(p) == RDF_TYPE else 1, str(p))


def _block(names: _Names, triples: Iterable[Triple], indent: str = "") -> list[str]:
    by_s: dict[Node, dict[Node, list[Node]]] = {}
    for s, p, o in triples:
        preds = by_s.get(s)
        if preds is None:
            by_s[s] = {p: [o]}
        else:
            objs = preds.get(p)
            if objs is None:
                preds[p] = [o]
            else:
                objs.append(o)
    lines: list[str] = []
    term, iri, sep = names.term, names.iri, f" ;\n{indent}    "
    known: dict[Node, tuple[tuple[bool, str], str]] = {}  # predicate -> its sort key and written name
    first = itemgetter(0)
    for s in sorted(by_s, key=_sort_key):
        items = []
        for p, objs in by_s[s].items():
            k = known.get(p)
            if k is None:
                ps = str(p)
                k = known[p] = ((ps != RDF_TYPE, ps), "a" if ps == RDF_TYPE else iri(ps))
            items.append((k, objs))
        if len(items) > 1:
            items.sort(key=first)
        parts = [f"{k[1]} {term(objs[0])}" if len(objs) == 1 else
                 f"{k[1]} " + ", ".join([term(o) for o in sorted(set(objs), key=_sort_key)]) for k, objs in items]
        lines.append(f"{indent}{term(s)} " + sep.join(parts) + " .")
    return lines


def to_turtle(triples: Iterable[Triple], prefixes: dict[str, str]) -> str:
    names = _Names(prefixes)
    body = _block(names, triples)
    head = [f"@prefix {p}: {_iri(ns)} ." for p, ns in sorted(prefixes.items()) if p in names.used]
    return "\n".join(head) + "\n\n" + "\n\n".join(body) + "\n"


def to_trig(graphs: dict[Node, set[Triple]], prefixes: dict[str, str]) -> str:
    names = _Names(prefixes)
    chunks = []
    for g in sorted(graphs, key=str):
        inner = _block(names, graphs[g], "    ")
        chunks.append(f"{names.iri(str(g))} {{\n" + "\n\n".join(inner) + "\n}")
    head = [f"@prefix {p}: {_iri(ns)} ." for p, ns in sorted(prefixes.items()) if p in names.used]
    return "\n".join(head) + "\n\n" + "\n\n".join(chunks) + "\n"


def _nt_term(t: Node) -> str:
    if not is_literal(t):
        _check_iri(t)
        return _iri(str(t))
    if t.language:
        return _string(str(t)) + "@" + t.language
    if t.datatype and str(t.datatype) != XSD + "string":
        return _string(str(t)) + "^^" + _iri(str(t.datatype))
    return _string(str(t))


def to_ntriples(triples: Iterable[Triple]) -> str:
    return "".join(sorted(f"{_nt_term(s)} {_nt_term(p)} {_nt_term(o)} .\n" for s, p, o in triples))


class _NTMemo(dict):
    """IRI -> its N-Triples text; a miss writes the term (and remembers it unless it is a literal)."""

    __slots__ = ()

    def __missing__(self, t: Node) -> str:
        if type(t) is IRI:  # kg's own (most misses: an article's firings, facts, nodes, sentences)
            r = self[t] = "<" + t + ">" if not _IRI_BAD.search(t) else _iri(t)
            return r
        r = _nt_term(t)
        if not is_literal(t):
            self[t] = r
        return r


_NT_IRIS = _NTMemo()  # IRI -> its N-Triples text, across articles (bounded below)


class _Suffix(dict):
    """Datatype IRI -> what follows a literal's quoted text in N-Triples ("" for xsd:string)."""

    __slots__ = ()

    def __missing__(self, dt: Node) -> str:
        r = self[dt] = "" if str(dt) == XSD + "string" else "^^" + _iri(str(dt))
        return r


_DT_SUFFIX = _Suffix()


def _nt_literal(o: Literal) -> str:
    """A kg literal's N-Triples text (_nt_term's, without its checks: kg's literals share one
    IRI object per datatype, so the suffix is one identity lookup)."""
    lex = '"' + o + '"' if not _SPECIAL.search(o) else _string(o)
    if o.language:  # a name or label: the builder keeps an entity's names for every article that
        r = o._nt = lex + "@" + o.language  # mentions it, so the text is kept on the literal
        return r
    dt = o.datatype
    return lex if dt is None else lex + _DT_SUFFIX[dt]


def to_nquads(graphs: dict[Node, set[Triple]]) -> str:
    """Sorted N-Quads lines. Each IRI is written once, and remembered across calls (predicates,
    classes, entities and rules recur in every article of a corpus; an IRI hashes as its text,
    and kg's shared IRI objects are found by identity; a miss is the memo's __missing__, so a
    hit costs one subscript); literals, mostly distinct, are written as they come, by a
    shortcut for kg's own. Corpus builds write every article through here, so it is a hot path."""
    memo = _NT_IRIS
    if len(memo) > 50_000:  # a corpus's own IRIs (firings, facts) would otherwise pile up
        memo.clear()
    lit, lit_text = Literal, _nt_literal
    out: list[str] = []
    add = out.append
    for g, ts in graphs.items():
        tail = " " + memo[g] + " .\n"
        for s, p, o in ts:
            add(f"{memo[s]} {memo[p]} {(o._nt or lit_text(o)) if type(o) is lit else memo[o]}{tail}")
    out.sort()
    return "".join(out)


def to_jsonld(triples: Iterable[Triple], prefixes: dict[str, str]) -> str:
    """Flattened JSON-LD: one object per subject, keys and values sorted (rdflib's JSON-LD writer
    orders repeated values differently from run to run)."""
    import json

    names = _Names(prefixes)

    def key(iri: str) -> str:
        c = names.iri(iri)
        return c[1:-1] if c.startswith("<") else c

    def value(t: Node) -> dict[str, str]:
        if not is_literal(t):
            _check_iri(t)
            return {"@id": str(t)}
        v = {"@value": str(t)}
        if t.language:
            v["@language"] = t.language
        elif t.datatype and str(t.datatype) != XSD + "string":
            v["@type"] = key(str(t.datatype))
        return v

    by_s: dict[Node, dict[str, list[Node]]] = {}
    for s, p, o in triples:
        by_s.setdefault(s, {}).setdefault(str(p), []).append(o)
    graph = []
    for s in sorted(by_s, key=_sort_key):
        obj: dict[str, object] = {"@id": str(s)}
        for p in sorted(by_s[s], key=lambda x: (x != RDF_TYPE, x)):
            objs = sorted(set(by_s[s][p]), key=_sort_key)
            if p == RDF_TYPE and not any(is_literal(o) for o in objs):
                obj["@type"] = [key(str(o)) for o in objs]
            else:
                obj[key(p)] = [value(o) for o in objs]
        graph.append(obj)
    context = {p: ns for p, ns in sorted(prefixes.items()) if p in names.used}
    return json.dumps({"@context": context, "@graph": graph}, indent=1, ensure_ascii=False) + "\n"


def serialize(triples: set[Triple], fmt: str, prefixes: dict[str, str],
              graphs: dict[Node, set[Triple]] | None = None) -> str:
    """Text of the graph in `fmt`; quad formats use `graphs` (one named graph per article)."""
    if fmt == "turtle":
        return to_turtle(triples, prefixes)
    if fmt == "nt":
        return to_ntriples(triples)
    if fmt == "json-ld":
        return to_jsonld(triples, prefixes)
    graphs = graphs if graphs is not None else {}
    if fmt == "trig":
        return to_trig(graphs, prefixes)
    if fmt == "nquads":
        return to_nquads(graphs)
    raise ValueError(fmt)


def create_beside(folder: str | Path, prefix: str, suffix: str) -> tuple[int, str]:
    """A new file with a name no one else has (O_EXCL), opened for writing, with the usual
    permissions (0666 less the umask). tempfile.mkstemp would do, but importing tempfile (and
    random) costs a whole build of a short article a few milliseconds."""
    for _ in range(100):
        name = os.path.join(folder, f"{prefix}{os.getpid()}-{os.urandom(6).hex()}{suffix}")
        try:
            return os.open(name, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0), 0o666), name
        except FileExistsError:
            continue
    raise FileExistsError(f"no free temporary name in {folder}")


def output_target(path: str | Path) -> tuple[Path, bool]:
    """Where writing "to `path`" really goes, and whether it must be streamed rather than replaced.

    A rename over `path` would replace whatever is there, so: symlinks are followed (the target
    is written, the link stays), except a link someone else planted in a shared sticky folder
    such as /tmp (the kernel's protected_symlinks rule); a FIFO, a character device (/dev/null, a
    terminal) and /dev/stdout or /dev/fd/N are streamed into, as a shell redirection would; a
    block device, a socket or a folder is refused. Returns (path, streamed); raises InputError."""
    import stat

    cur = Path(path)
    for _ in range(40):
        try:
            st = os.lstat(cur)
        except FileNotFoundError:
            return cur, False
        except OSError as e:
            raise InputError(path, f"cannot write: {e.strerror or e}") from None
        if stat.S_ISLNK(st.st_mode):
            parent = cur.parent if str(cur.parent) else Path(".")
            if re.fullmatch(r"/proc/(self|\d+)/fd", os.path.realpath(parent)):
                return cur, True  # /dev/stdout, /dev/fd/N: an open file of this process
            d = os.stat(parent)
            if (d.st_mode & stat.S_ISVTX and d.st_mode & stat.S_IWOTH
                    and st.st_uid not in (os.geteuid(), d.st_uid)):
                raise InputError(path, f"cannot write: {cur} is a symlink another user made in a shared folder")
            cur = parent / os.readlink(cur)
            continue
        if stat.S_ISREG(st.st_mode):
            return cur, False
        if stat.S_ISFIFO(st.st_mode) or stat.S_ISCHR(st.st_mode):
            return cur, True
        kind = ("a directory" if stat.S_ISDIR(st.st_mode) else "a block device" if stat.S_ISBLK(st.st_mode)
                else "a socket" if stat.S_ISSOCK(st.st_mode) else "not a regular file")
        raise InputError(path, f"cannot write: is {kind}")
    raise InputError(path, "cannot write: too many levels of symbolic links")


def open_stream(path: str | Path) -> Any:
    """A binary file object writing into a FIFO, device or /dev/fd/N found by output_target: never
    created, truncated or renamed over (appending keeps what a `>>` redirection already holds).
    This process's own /dev/fd/N is the descriptor itself (a socket cannot be reopened by name)."""
    p = Path(path)
    try:
        if p.name.isdigit() and os.path.realpath(p.parent) == f"/proc/{os.getpid()}/fd":
            fd = os.dup(int(p.name))
        else:
            fd = os.open(p, os.O_WRONLY | os.O_APPEND | getattr(os, "O_CLOEXEC", 0))
    except OSError as e:
        raise InputError(path, f"cannot write: {e.strerror or e}") from None
    return os.fdopen(fd, "wb")


@contextmanager
def stdout_into(path: str | Path) -> Iterator[None]:
    """Standard output (sys.stdout and its buffer) redirected into a stream output_target found,
    for writers that stream their output there."""
    import io
    import sys

    with open_stream(path) as f:
        old, sys.stdout = sys.stdout, io.TextIOWrapper(f, encoding="utf-8", newline="", write_through=True)
        try:
            yield
        finally:
            try:
                sys.stdout.flush()
            finally:
                sys.stdout.detach()
                sys.stdout = old


def write_atomic(path: str | Path, text: str | bytes) -> None:
    """Write via a temporary file in the same folder and rename it into place, so a reader never
    sees half a file and a failure leaves no partial output. Through a symlink, its target is
    written; a FIFO or a device is streamed into (see output_target)."""
    target, streamed = output_target(path)
    data = text.encode("utf-8") if isinstance(text, str) else text
    if streamed:
        try:
            with open_stream(target) as f:
                f.write(data)
        except OSError as e:
            raise InputError(path, f"cannot write: {e.strerror or e}") from None
        return
    path = target
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise InputError(path, f"cannot write: folder {folder} does not exist")
    try:
        fd, tmp = create_beside(folder, f".{path.name}.", ".tmp")
    except OSError as e:
        raise InputError(path, f"cannot write: {e.strerror or e}") from None
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except OSError as e:
        Path(tmp).unlink(missing_ok=True)
        raise InputError(path, f"cannot write: {e.strerror or e}") from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
