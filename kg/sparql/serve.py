"""`kg serve`: a read-only SPARQL 1.1 Protocol endpoint over graph files or a store.

Safe by default, because neither query engine is (see shared research, anchors-rdf.md section 5):
rdflib reads local files for ``FROM <file:...>`` and fetches URLs for SERVICE and FROM; pyoxigraph
always follows SERVICE; neither has a timeout that can stop a running query. So:

* every query is parsed and its algebra inspected *before* it runs: updates, LOAD, SERVICE, and
  FROM / FROM NAMED naming anything but a graph served here are refused (HTTP 403);
* queries run in worker processes, which are killed at the deadline (and replaced), so a runaway
  query costs one worker for at most ``timeout`` seconds and the others keep answering;
* workers cannot reach the network or files: on Linux as root each worker enters its own empty
  network namespace; everywhere, an audit hook refuses sockets, subprocesses and file opens
  outside Python's own library folders once the worker is ready;
* results over ``max_rows`` are refused (never truncated with a 200); request bodies over
  ``max_body`` bytes are refused (413); the server binds 127.0.0.1 unless told otherwise.

Only the standard library is used for HTTP (one thread per connection; all the work is in the
workers), so `kg serve` needs no extra packages.
"""
from __future__ import annotations

import html
import json
import os
import queue
import re
import signal
import sys
import threading
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, Callable, Iterator
from urllib.parse import parse_qs, urlsplit

from ..errors import KgError
from .query import json_term

# media type -> short format name
RESULT_TYPES = {
    "application/sparql-results+json": "json", "application/json": "json",
    "application/sparql-results+xml": "xml", "application/xml": "xml", "text/xml": "xml",
    "text/csv": "csv", "text/tab-separated-values": "tsv",
}
GRAPH_TYPES = {
    "text/turtle": "turtle", "application/x-turtle": "turtle", "application/n-triples": "nt", "text/plain": "nt",
    "application/ld+json": "json-ld", "application/json": "json-ld",
}
CONTENT_TYPE = {
    "json": "application/sparql-results+json", "xml": "application/sparql-results+xml", "csv": "text/csv",
    "tsv": "text/tab-separated-values", "turtle": "text/turtle", "nt": "application/n-triples",
    "json-ld": "application/ld+json",
}
FORMAT_ALIASES = {"json": "json", "srj": "json", "xml": "xml", "srx": "xml", "csv": "csv", "tsv": "tsv",
                  "turtle": "turtle", "ttl": "turtle", "nt": "nt", "ntriples": "nt", "n-triples": "nt",
                  "json-ld": "json-ld", "jsonld": "json-ld"}
RESULT_FORMATS = ("json", "xml", "csv", "tsv")
GRAPH_FORMATS = ("turtle", "nt", "json-ld")


@dataclass
class Limits:
    """What one query may cost. Defaults suit a laptop; `kg serve --help` shows the options."""

    timeout: float = 10.0       # seconds of wall clock per query, then the worker is killed
    max_rows: int = 100_000     # rows (or triples) per result; more is an error, never a truncation
    max_body: int = 100_000     # bytes of request body (and of a GET query string)
    workers: int = 2            # worker processes (queries running at once)
    max_memory_mb: int = 2048   # address space a worker may add after loading the data (0: no cap)
    queue_wait: float = 10.0    # seconds a request waits for a free worker before 503
    fast: float = 1.0           # seconds a query runs before it counts as long (see Pool.run)
    client_timeout: float = 30.0  # seconds a client may take to send a request or read a reply
    max_connections: int = 256  # open client connections; more are answered 503 and closed
    max_reply: int = 32 << 20   # bytes of one serialised reply; more is a 400, never a truncation
    max_buffered: int = 256 << 20  # bytes of replies held for clients at once; more: 503


@dataclass
class Reply:
    status: int
    content_type: str
    body: bytes
    headers: dict[str, str] = field(default_factory=dict)
    retire: bool = False  # the worker that made it must be replaced (not sent to the client)


def error(status: int, message: str) -> Reply:
    return Reply(status, "text/plain; charset=utf-8", (message.rstrip() + "\n").encode("utf-8"))


class Refused(KgError):
    """A query the endpoint will not run (an update, SERVICE, or a dataset outside the served data)."""


# -- the query policy ---------------------------------------------------------------------------

@dataclass
class Checked:
    """A query that passed the policy: rdflib's translation of it, and the text the engine is to
    run, which is the text that was judged (see check_query)."""

    query: Any
    text: str

    @property
    def algebra(self) -> Any:
        return self.query.algebra


_SURROGATE = re.compile(r"[\ud800-\udfff]")


def engine_text(text: str) -> str:
    """The query text as every engine reads it alike: \\u and \\U escapes expanded once, before
    parsing, as SPARQL says and rdflib does. Oxigraph expands them only inside strings and IRIs,
    so a comment such as ``# \\u000A SERVICE ...`` would hide a SERVICE from one parser and not
    from the other; expanded text leaves nothing to read differently. Raises QueryError for an
    escape that spells another escape (read twice, it would differ again) or a lone surrogate."""
    from rdflib.plugins.sparql.parser import expandUnicodeEscapes, expandUnicodeEscapes_re

    from .store import QueryError

    try:
        out = expandUnicodeEscapes(text)
    except ValueError as e:
        raise QueryError(f"SPARQL syntax error: {_first_line(e)}") from None
    if out != text and expandUnicodeEscapes_re.search(out):
        raise QueryError("SPARQL syntax error: a \\u escape that spells another \\u escape is not accepted")
    m = _SURROGATE.search(out)
    if m:
        raise QueryError(f"SPARQL syntax error: unpaired surrogate code point U+{ord(m.group()):04X}")
    return out


def check_query(text: str, served_graphs: set[str]) -> Checked:
    """Parse `text` with rdflib and inspect its algebra before anything runs.

    Returns the translated query and the text to run (escapes expanded: the engine must run what
    was judged, see engine_text). Raises Refused for what a read-only endpoint must not do and
    kg.store.QueryError for syntax errors and queries too complex to parse safely."""
    from rdflib.plugins.sparql import algebra, parser

    from .store import QueryError, check_complexity

    text = engine_text(text)
    check_complexity(text)  # before rdflib's parser, which recurses and is slow on long chains
    try:
        tree = parser.parseQuery(text)
    except Exception as e:  # pyparsing's ParseException and friends
        try:
            parser.parseUpdate(text)
        except Exception:
            raise QueryError(f"SPARQL syntax error: {_first_line(e)}") from None
        raise Refused("updates (INSERT, DELETE, LOAD, CLEAR, CREATE, DROP, ...) are refused: this endpoint is read-only") from None
    try:
        q = algebra.translateQuery(tree)
    except Exception as e:
        raise QueryError(f"SPARQL error: {_first_line(e)}") from None
    for d in q.algebra.get("datasetClause") or []:
        iri = d.default if d.default is not None else d.named
        if str(iri) not in served_graphs:
            kind = "FROM" if d.default is not None else "FROM NAMED"
            raise Refused(f"{kind} <{iri}> refused: only graphs served here may be named "
                          f"({len(served_graphs)} article graphs; list them with SELECT DISTINCT ?g {{ GRAPH ?g {{}} }})")
    _walk(q.algebra, set())
    return Checked(q, text)


def _walk(node: Any, seen: set[int]) -> None:
    from rdflib.plugins.sparql.parserutils import CompValue

    if id(node) in seen:
        return
    seen.add(id(node))
    if isinstance(node, CompValue):
        if node.name in ("ServiceGraphPattern", "SERVICE") or "service" in node.name.lower():
            raise Refused(f"SERVICE <{node.get('term')}> refused: this endpoint does not query other endpoints")
        for v in node.values():
            _walk(v, seen)
    elif isinstance(node, (list, tuple)):
        for v in node:
            _walk(v, seen)


def _first_line(e: BaseException) -> str:
    s = str(e).strip().splitlines()
    return (s[0] if s else type(e).__name__)[:300]


# -- content negotiation ------------------------------------------------------------------------

def parse_accept(accept: str | None) -> list[tuple[float, str]]:
    """(q, media type) pairs, best first; a missing header accepts anything."""
    out = []
    for i, part in enumerate((accept or "*/*").split(",")):
        bits = [b.strip() for b in part.split(";")]
        mt, qv = bits[0].lower(), 1.0
        for b in bits[1:]:
            if b.lower().startswith("q="):
                try:
                    qv = float(b[2:])
                except ValueError:
                    qv = 0.0
        if mt and qv > 0:
            out.append((qv, -i, mt))
    return [(qv, mt) for qv, _, mt in sorted(out, reverse=True)]


def negotiate(accept: str | None, fmt: str | None, kind: str) -> str | None:
    """The format for a result of `kind` (SELECT/ASK or GRAPH), or None when nothing acceptable."""
    allowed, table, default = ((RESULT_FORMATS, RESULT_TYPES, "json") if kind != "GRAPH"
                               else (GRAPH_FORMATS, GRAPH_TYPES, "turtle"))
    if fmt:
        f = FORMAT_ALIASES.get(fmt.lower())
        if f is None and fmt.lower() in table:
            f = table[fmt.lower()]
        return f if f in allowed else None
    for _, mt in parse_accept(accept):
        if mt in table:
            return table[mt]
        if mt in ("*/*", "application/*", "text/*"):
            if mt == "text/*":
                return "tsv" if kind != "GRAPH" else "turtle"
            return default
    return None


def acceptable_at_all(accept: str | None, fmt: str | None) -> bool:
    """Cheap early 406: the client accepts neither a results format nor a graph format."""
    return negotiate(accept, fmt, "SELECT") is not None or negotiate(accept, fmt, "GRAPH") is not None


# -- serialising results ------------------------------------------------------------------------

def _nt(t: Any) -> str:
    from rdflib import BNode, Literal, URIRef

    from ..graph.export import _nt_term
    if isinstance(t, BNode):
        return f"_:{t}"
    if isinstance(t, (URIRef, Literal)):
        return _nt_term(t)
    return ""


def _xml_term(t: Any) -> str:
    from rdflib import BNode, URIRef
    e = html.escape
    if isinstance(t, URIRef):
        return f"<uri>{e(str(t))}</uri>"
    if isinstance(t, BNode):
        return f"<bnode>{e(str(t))}</bnode>"
    attr = f' xml:lang="{e(t.language)}"' if t.language else (f' datatype="{e(str(t.datatype))}"' if t.datatype else "")
    return f"<literal{attr}>{e(str(t))}</literal>"


def serialize_result(res: Any, fmt: str, prefixes: dict[str, str] | None = None) -> bytes:
    """SPARQL 1.1 results (JSON, XML, CSV, TSV) or a graph (Turtle, N-Triples, JSON-LD)."""
    import csv
    import io

    if res.kind == "GRAPH":
        from rdflib import Graph
        g = Graph(bind_namespaces="none")
        for p, ns in (prefixes or {}).items():
            g.bind(p, ns, override=True, replace=True)
        for t in res.triples:
            g.add(t)
        return g.serialize(format={"turtle": "turtle", "nt": "nt", "json-ld": "json-ld"}[fmt]).encode("utf-8")
    if fmt == "json":
        if res.kind == "ASK":
            return json.dumps({"head": {}, "boolean": bool(res.boolean)}).encode()
        rows = [{v: json_term(x) for v, x in zip(res.vars, r) if x is not None} for r in res.rows]
        return json.dumps({"head": {"vars": res.vars}, "results": {"bindings": rows}}, ensure_ascii=False).encode("utf-8")
    if fmt == "xml":
        out = ['<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">\n<head>']
        if res.kind == "ASK":
            out.append(f"</head>\n<boolean>{'true' if res.boolean else 'false'}</boolean>\n</sparql>\n")
            return "".join(out).encode("utf-8")
        out += [f'<variable name="{html.escape(v)}"/>' for v in res.vars]
        out.append("</head>\n<results>\n")
        for r in res.rows:
            out.append("<result>" + "".join(f'<binding name="{html.escape(v)}">{_xml_term(x)}</binding>'
                                             for v, x in zip(res.vars, r) if x is not None) + "</result>\n")
        out.append("</results>\n</sparql>\n")
        return "".join(out).encode("utf-8")
    if res.kind == "ASK":  # CSV/TSV have no boolean form; a one-cell table is what tools read best
        return ("_askResult\r\n" if fmt == "csv" else "?_askResult\n").encode() + (b"true" if res.boolean else b"false") + b"\n"
    if fmt == "csv":
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\r\n")
        w.writerow(res.vars)
        for r in res.rows:
            w.writerow(["" if x is None else (f"_:{x}" if type(x).__name__ == "BNode" else str(x)) for x in r])
        return buf.getvalue().encode("utf-8")
    lines = ["\t".join("?" + v for v in res.vars)]
    lines += ["\t".join(_nt(x) if x is not None else "" for x in r) for r in res.rows]
    return ("\n".join(lines) + "\n").encode("utf-8")


# -- workers ------------------------------------------------------------------------------------

# syscalls a locked-down worker may not make, per machine: (AUDIT_ARCH, seccomp's own number, denied)
_SECCOMP = {
    "x86_64": (0xC000003E, 317, {"socket": 41, "connect": 42, "accept": 43, "bind": 49, "listen": 50,
                                 "socketpair": 53, "execve": 59, "ptrace": 101, "accept4": 288,
                                 "process_vm_readv": 310, "process_vm_writev": 311, "execveat": 322,
                                 "io_uring_setup": 425, "io_uring_enter": 426, "io_uring_register": 427}),
    "aarch64": (0xC00000B7, 277, {"ptrace": 117, "socket": 198, "socketpair": 199, "bind": 200, "listen": 201,
                                  "accept": 202, "connect": 203, "execve": 221, "accept4": 242,
                                  "process_vm_readv": 270, "process_vm_writev": 271, "execveat": 281,
                                  "io_uring_setup": 425, "io_uring_enter": 426, "io_uring_register": 427}),
}


def _seccomp_no_network() -> None:
    """Forbid, in every thread of this process and its future children, the system calls that
    reach a network or another program: socket, connect, bind, listen, accept, socketpair, exec,
    ptrace, io_uring (EPERM; foreign-ABI calls kill the process). This is what stops the engines'
    own (Rust) network code when no network namespace can be made (not root): the audit hook only
    sees Python. Raises KgError when the filter cannot be installed."""
    import ctypes
    import errno
    import platform

    machine = platform.machine()
    if machine not in _SECCOMP:
        raise KgError(f"kg serve: no seccomp filter for this machine ({machine}); the workers cannot be locked down")
    arch, nr_seccomp, denied = _SECCOMP[machine]
    LD_W_ABS, JEQ, JGE, RET = 0x20, 0x15, 0x35, 0x06
    ALLOW, KILL, DENY = 0x7FFF0000, 0x80000000, 0x00050000 | errno.EPERM
    nrs = sorted(denied.values())
    n = len(nrs)
    prog = [(LD_W_ABS, 0, 0, 4), (JEQ, 1, 0, arch), (RET, 0, 0, KILL), (LD_W_ABS, 0, 0, 0)]
    if machine == "x86_64":  # the x32 ABI numbers its calls from 0x40000000: refuse them all
        prog.append((JGE, n + 1, 0, 0x40000000))
    prog += [(JEQ, n - i, 0, nr) for i, nr in enumerate(nrs)]
    prog += [(RET, 0, 0, ALLOW), (RET, 0, 0, DENY)]

    class Filter(ctypes.Structure):
        _fields_ = [("code", ctypes.c_ushort), ("jt", ctypes.c_ubyte), ("jf", ctypes.c_ubyte), ("k", ctypes.c_uint32)]

    class Prog(ctypes.Structure):
        _fields_ = [("len", ctypes.c_ushort), ("filter", ctypes.POINTER(Filter))]

    filters = (Filter * len(prog))(*[Filter(*i) for i in prog])
    fprog = Prog(len(prog), filters)
    libc = ctypes.CDLL(None, use_errno=True)
    libc.syscall.restype = ctypes.c_long
    if libc.prctl(38, 1, 0, 0, 0) != 0:  # PR_SET_NO_NEW_PRIVS, required to filter without CAP_SYS_ADMIN
        raise KgError(f"kg serve: cannot set no_new_privs: {os.strerror(ctypes.get_errno())}")
    # SECCOMP_SET_MODE_FILTER with SECCOMP_FILTER_FLAG_TSYNC: every thread (RocksDB's too)
    r = libc.syscall(ctypes.c_long(nr_seccomp), ctypes.c_uint(1), ctypes.c_uint(1), ctypes.byref(fprog))
    if r != 0:
        why = os.strerror(ctypes.get_errno()) if r < 0 else f"thread {r} could not be synchronised"
        raise KgError(f"kg serve: cannot install the seccomp filter that keeps workers off the network: {why}")


def _sandbox(allowed_roots: list[str]) -> bool:
    """Cut the worker off from the network and the file system (defence in depth: the algebra
    check already refused SERVICE, FROM and LOAD). On Linux a seccomp filter forbids creating or
    connecting sockets for the whole process, Rust code included, for any user; as root the worker
    also enters an empty network namespace. Everywhere, an audit hook refuses Python's sockets,
    subprocesses and file opens outside Python's library folders. Returns True when the network
    namespace was made. Raises KgError on Linux when the seccomp filter cannot be installed."""
    netns = False
    if sys.platform == "linux":
        try:  # an empty network namespace: no route anywhere, not even loopback (needs CAP_SYS_ADMIN)
            import ctypes
            libc = ctypes.CDLL(None, use_errno=True)
            netns = libc.unshare(0x40000000) == 0  # CLONE_NEWNET
        except (OSError, AttributeError):
            pass

    roots = tuple(r.rstrip("/") + "/" for r in allowed_roots)
    denied = ("socket.connect", "socket.bind", "socket.getaddrinfo", "socket.gethostbyname", "urllib.Request",
              "subprocess.Popen", "os.system", "os.exec", "os.posix_spawn", "os.spawn", "os.fork", "os.forkpty",
              "shutil.copyfile", "os.remove", "os.rename", "os.mkdir", "os.rmdir", "os.truncate")

    def hook(event: str, args: tuple) -> None:
        if event in denied:
            raise PermissionError(f"kg serve worker: {event} is not allowed")
        if event == "open":
            path, mode = args[0], args[1]
            if isinstance(path, int):
                return
            p = os.fsdecode(path) if isinstance(path, (str, bytes, os.PathLike)) else ""
            if (mode and any(c in str(mode) for c in "wax+")) or not os.path.abspath(p).startswith(roots):
                raise PermissionError(f"kg serve worker: opening {p!r} is not allowed")

    if sys.platform == "linux":
        _seccomp_no_network()
    sys.addaudithook(hook)
    return netns


def _limit_memory(extra_mb: int) -> None:
    """Cap the worker's address space at what it uses now (the data) plus `extra_mb`, so a query
    that builds a huge intermediate result fails (MemoryError, or the worker dies and is replaced)
    instead of pushing the machine into swap. Must run before the sandbox, which closes /proc.
    Raises KgError when the cap cannot be applied (0: no cap, asked for explicitly)."""
    if extra_mb <= 0:
        return
    try:
        import resource
    except ImportError:
        raise KgError("--max-memory needs a Unix system (use --max-memory 0 to serve without a cap)") from None
    try:
        status = Path("/proc/self/status").read_text()
        vm = next(int(line.split()[1]) * 1024 for line in status.splitlines() if line.startswith("VmSize:"))
    except (OSError, ValueError, StopIteration) as e:
        raise KgError(f"--max-memory: cannot read this process's size from /proc ({e}); "
                      "use --max-memory 0 to serve without a cap") from None
    limit = vm + extra_mb * 1024 * 1024
    try:
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    except (OSError, ValueError) as e:
        hard = resource.getrlimit(resource.RLIMIT_AS)[1]
        raise KgError(f"--max-memory {extra_mb}: cannot cap a worker's memory at {limit >> 20} MB "
                      f"({e}; the hard limit is {'unlimited' if hard < 0 else f'{hard >> 20} MB'})") from None
    if resource.getrlimit(resource.RLIMIT_AS)[0] != limit:
        raise KgError(f"--max-memory {extra_mb}: the memory cap did not take effect")


def _tie_to_parent(parent: int) -> None:
    """Die with the server: SIGKILL when the thread that forked this worker ends (the pool forks
    from one long-lived thread), so a `kill -9` of kg serve leaves no orphan holding its port."""
    if sys.platform != "linux":
        return
    import ctypes
    libc = ctypes.CDLL(None, use_errno=True)
    libc.prctl(1, signal.SIGKILL, 0, 0, 0)  # PR_SET_PDEATHSIG
    if os.getppid() != parent:  # the server died before the line above
        os._exit(1)


def _drop_inherited_sockets(keep: set[int]) -> None:
    """A forked worker inherits the server's sockets: the listening one and its clients'
    connections. Holding them would keep the port open after the server dies and keep clients
    waiting for a close; each is replaced by /dev/null (closing the number outright could let a
    stale Python object close whatever reuses it)."""
    import stat

    try:
        fds = [int(f) for f in os.listdir("/proc/self/fd")]
    except OSError:
        return
    null = os.open(os.devnull, os.O_RDWR | getattr(os, "O_CLOEXEC", 0))
    for fd in fds:
        if fd < 3 or fd in keep or fd == null:
            continue
        try:
            if stat.S_ISSOCK(os.fstat(fd).st_mode):
                os.dup2(null, fd)
        except OSError:
            continue
    os.close(null)


def _library_roots() -> list[str]:
    import sysconfig
    roots = {sysconfig.get_paths()[k] for k in ("stdlib", "platstdlib", "purelib", "platlib")}
    roots.add(str(Path(__file__).resolve().parent.parent))  # kg/
    return sorted(os.path.realpath(r) for r in roots if r)


def _worker_main(conn: Any, opener: Callable[[], Any], limits: Limits, parent: int) -> None:
    """A worker: open the data, warm up, cap its memory, lock itself down, then answer jobs until
    the pipe closes."""
    _tie_to_parent(parent)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # not the server's handler, inherited by the fork
    _drop_inherited_sockets({conn.fileno()})
    import logging

    import rdflib.plugins.sparql
    rdflib.plugins.sparql.SPARQL_LOAD_GRAPHS = False  # never fetch FROM graphs (belt and braces)
    logging.getLogger("rdflib.term").setLevel(logging.ERROR)  # ill-typed literals are data: no traceback per term
    try:
        store = opener()
        served = set(store.graph_names())
        # warm up: import everything a query and every serialiser will need before the lockdown
        for q in ("SELECT * WHERE { ?s ?p ?o } LIMIT 1", "ASK { ?s ?p ?o }",
                  "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o } LIMIT 1"):
            r = store.query(q)
            check_query(q, served)
            for f in (GRAPH_FORMATS if r.kind == "GRAPH" else RESULT_FORMATS):
                serialize_result(r, f)
        _limit_memory(limits.max_memory_mb)  # reads /proc: before the sandbox
        _sandbox(_library_roots())
    except Exception as e:
        conn.send(("error", str(e) if isinstance(e, KgError) else f"{type(e).__name__}: {_first_line(e)}"))
        return
    conn.send(("ready", (len(served), store.triple_count())))
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            return
        reply = run_job(store, served, limits, *job)
        conn.send(reply)
        if reply.retire:  # a MemoryError may have left the heap fragmented: start afresh
            os._exit(0)


_CHECKED: dict[str, Any] = {}  # query text -> checked, translated query (per worker; rdflib's parser is slow)


def run_job(store: Any, served: set[str], limits: Limits, text: str, accept: str | None, fmt: str | None) -> Reply:
    """Check, run and serialise one query; every outcome is a Reply (never an exception)."""
    from .store import QueryError, ResultTooLarge

    try:
        parsed = _CHECKED.get(text)
        if parsed is None:
            parsed = check_query(text, served)
            if len(_CHECKED) >= 256:
                _CHECKED.clear()
            _CHECKED[text] = parsed
        kind = parsed.algebra.name
        kind = "GRAPH" if kind in ("ConstructQuery", "DescribeQuery") else ("ASK" if kind == "AskQuery" else "SELECT")
        f = negotiate(accept, fmt, kind)
        if f is None:
            wanted = fmt or accept
            offer = ", ".join(CONTENT_TYPE[x] for x in (GRAPH_FORMATS if kind == "GRAPH" else RESULT_FORMATS))
            return error(406, f"cannot give a {kind if kind != 'GRAPH' else 'CONSTRUCT/DESCRIBE'} result as {wanted!r}; offered: {offer}")
        if store.kind == "memory":
            res = store.query(parsed.text, max_rows=limits.max_rows, parsed=parsed.query)
        else:  # the expanded text: what the check judged, not what the client sent
            res = store.query(parsed.text, max_rows=limits.max_rows)
        body = serialize_result(res, f, store.prefixes())
        if len(body) > limits.max_reply:
            return error(400, f"result too large: {len(body)} bytes, over the limit of {limits.max_reply}; add a LIMIT")
        return Reply(200, CONTENT_TYPE[f] + ("; charset=utf-8" if f in ("csv", "tsv", "turtle", "nt") else ""), body)
    except Refused as e:
        return error(403, str(e))
    except ResultTooLarge as e:
        return error(400, f"result too large: {e}")
    except QueryError as e:
        return error(400, str(e))
    except MemoryError:
        r = error(503, f"query needs more memory than this endpoint allows ({limits.max_memory_mb} MB)")
        r.retire = True
        return r
    except Exception as e:  # an engine bug must not kill the worker silently
        return error(500, f"query failed: {_first_line(e)}")


class Worker:
    def __init__(self, ctx: Any, opener: Callable[[], Any], limits: Limits):
        self.conn, child = ctx.Pipe()
        self.proc = ctx.Process(target=_worker_main, args=(child, opener, limits, os.getpid()), daemon=True)
        self.proc.start()
        child.close()
        self.ready = False

    def wait_ready(self, timeout: float) -> None:
        if not self.conn.poll(timeout):
            self.kill()
            raise KgError(f"a query worker did not start within {timeout:.0f} s")
        try:
            msg = self.conn.recv()
        except (EOFError, OSError):
            msg = ("error", "it exited")
        if msg[0] != "ready":
            self.kill()
            raise KgError(f"a query worker could not start: {msg[1]}")
        self.ready, self.graphs = True, msg[1]

    def kill(self) -> None:
        if self.proc.is_alive():
            os.kill(self.proc.pid, signal.SIGKILL)
        self.proc.join(5)
        self.conn.close()


class Pool:
    """Worker processes holding the data; a query that outlives the deadline loses its worker.

    Fair to cheap queries under load: a query that has run `fast` seconds is long, and at most
    workers - 1 long queries run at once (a long query that finds no slot is stopped with 503), so
    one worker always turns over within `fast` seconds; and requests wait in order of what their
    query text usually costs, so a client repeating an expensive query queues behind the cheap
    ones instead of taking every worker in turn."""

    def __init__(self, opener: Callable[[], Any], limits: Limits, start_timeout: float = 300):
        import itertools
        import multiprocessing

        # fork: workers inherit data already loaded in the parent (memory stores), so replacing a
        # killed worker costs milliseconds, not a reload
        self.ctx = multiprocessing.get_context("fork")
        self.opener, self.limits, self.start_timeout = opener, limits, start_timeout
        self.cv = threading.Condition()
        self.idle: list[Worker] = []
        self.waiting: list[tuple[float, int]] = []  # heap of (priority, arrival) tickets
        self.seq = itertools.count()
        self.long_slots = threading.Semaphore(max(1, limits.workers - 1))
        self.cost: dict[int, tuple[float, float]] = {}  # hash of a query text -> (usual seconds, when)
        self.all: set[Worker] = set()
        self.lock = threading.Lock()
        self.graphs = self.triples = 0
        # every worker is forked by this one thread: a worker's PR_SET_PDEATHSIG fires when the
        # thread that forked it ends, so it must not be a request's thread
        self._forks: queue.Queue[queue.Queue] = queue.Queue()
        threading.Thread(target=self._fork_loop, daemon=True, name="kg-serve-forks").start()
        for _ in range(max(1, limits.workers)):
            w = self._spawn()
            self.graphs, self.triples = w.graphs
            self._release(w)
        self.timeouts = 0

    def _fork_loop(self) -> None:
        while True:
            done = self._forks.get()
            try:
                done.put(Worker(self.ctx, self.opener, self.limits))
            except BaseException as e:  # noqa: BLE001 - handed to the caller
                done.put(e)

    def _spawn(self) -> Worker:
        done: queue.Queue = queue.Queue(1)
        self._forks.put(done)
        w = done.get()
        if isinstance(w, BaseException):
            raise w
        w.wait_ready(self.start_timeout)
        with self.lock:
            self.all.add(w)
        return w

    def _release(self, w: Worker) -> None:
        with self.cv:
            self.idle.append(w)
            self.cv.notify_all()

    def _acquire(self, priority: float) -> Worker | None:
        """An idle worker, once every request ahead (lower priority, then earlier) has one; None
        after queue_wait."""
        import heapq
        import time

        deadline = time.monotonic() + self.limits.queue_wait
        with self.cv:
            ticket = (priority, next(self.seq))
            heapq.heappush(self.waiting, ticket)
            try:
                while not (self.idle and self.waiting[0] == ticket):
                    left = deadline - time.monotonic()
                    if left <= 0:
                        return None
                    self.cv.wait(left)
                return self.idle.pop()
            finally:
                self.waiting.remove(ticket)
                heapq.heapify(self.waiting)
                self.cv.notify_all()

    def _key(self, text: str) -> int:
        return hash(" ".join(text.split()))

    def _priority(self, key: int) -> float:
        """What this query text usually costs, in seconds (a moving average of its recent runs,
        halving every minute it is not run, so a refused text is tried again later): 0 when new."""
        import time

        c = self.cost.get(key)
        return 0.0 if c is None else c[0] * 0.5 ** ((time.monotonic() - c[1]) / 60)

    def _charge(self, key: int, seconds: float) -> None:
        import time

        if len(self.cost) > 10_000:
            self.cost.clear()
        old = self.cost.get(key)
        avg = seconds if old is None else 0.5 * self._priority(key) + 0.5 * seconds
        self.cost[key] = (avg, time.monotonic())

    def _replace(self, w: Worker) -> None:
        w.kill()
        with self.lock:
            self.all.discard(w)
        try:
            self._release(self._spawn())
        except Exception as e:  # pragma: no cover - the pool shrinks; say so in the log
            print(f"kg serve: could not replace a worker: {e}", file=sys.stderr)

    def _died(self, w: Worker) -> Reply:
        """The reply for a query whose worker died under it (it is replaced in the background)."""
        w.proc.join(2)
        code = w.proc.exitcode
        threading.Thread(target=self._replace, args=(w,), daemon=True).start()
        if code in (-signal.SIGABRT, -signal.SIGKILL):  # Rust aborts when an allocation fails; the OOM killer kills
            return error(503, f"query needs more memory than this endpoint allows ({self.limits.max_memory_mb} MB "
                              "per worker); its worker was replaced")
        return error(500, f"query failed: the query engine crashed ({_exit_text(code)}); its worker was replaced")

    def run(self, text: str, accept: str | None, fmt: str | None) -> Reply:
        import time

        lim = self.limits
        busy = Reply(503, "text/plain; charset=utf-8", b"server busy: every query worker is in use; retry later\n",
                     {"Retry-After": "2"})
        key = self._key(text)
        priority = self._priority(key)
        fast = min(lim.fast, lim.timeout)
        # a text known to run long waits for a long-query slot first: it never takes the worker kept for short queries
        slot = priority >= fast and fast < lim.timeout
        if slot and not self.long_slots.acquire(timeout=lim.queue_wait):
            return busy
        try:
            w = self._acquire(priority)
            if w is None:
                return busy
            t0 = time.monotonic()
            try:
                w.conn.send((text, accept, fmt))
                done = w.conn.poll(lim.timeout if slot else fast)
                if not done and not slot and fast < lim.timeout:  # it turned out long: only if a slot is free
                    if not self.long_slots.acquire(blocking=False):
                        self._charge(key, lim.timeout)  # as dear as a timeout: next time it waits for a slot
                        self._replace(w)
                        return Reply(503, "text/plain; charset=utf-8",
                                     (f"server busy: this query ran over {fast:g} s while other long queries hold the "
                                      "other workers (one is kept for short queries); retry later\n").encode(),
                                     {"Retry-After": "5"})
                    slot = True
                    done = w.conn.poll(lim.timeout - fast)
                if done:
                    reply = w.conn.recv()
                    self._charge(key, time.monotonic() - t0)
                    if reply.retire:
                        threading.Thread(target=self._replace, args=(w,), daemon=True).start()
                    else:
                        self._release(w)
                    return reply
            except (EOFError, OSError):
                self._charge(key, lim.timeout)
                return self._died(w)
            self.timeouts += 1
            self._charge(key, lim.timeout)
            self._replace(w)  # SIGKILL: the CPU is free at once
            return error(503, f"query timed out after {lim.timeout:g} s (the limit of this endpoint)")
        finally:
            if slot:
                self.long_slots.release()

    def close(self) -> None:
        with self.lock:
            ws = list(self.all)
        for w in ws:
            w.kill()


def _exit_text(code: int | None) -> str:
    if code is None:
        return "still running"
    if code < 0:
        try:
            return signal.Signals(-code).name
        except ValueError:
            return f"signal {-code}"
    return f"exit status {code}"


# -- HTTP ---------------------------------------------------------------------------------------

def named_queries(folder: Path | None) -> list[dict[str, str]]:
    """The competency queries offered on the query page: name (file stem) and text."""
    if folder is None or not folder.is_dir():
        return []
    out = []
    for p in sorted(folder.glob("*.rq")):
        try:
            out.append({"name": p.stem, "query": p.read_text(encoding="utf-8")})
        except (OSError, UnicodeDecodeError):
            continue
    return out


def _page(queries: list[dict[str, str]]) -> bytes:
    from .query import query_page  # the editor (CodeMirror) inlined, readable results

    return query_page(queries)


_CONTENT_LENGTH = re.compile(r"[0-9]{1,15}")
_BUSY = b"server busy: too many connections; retry later\n"
_TOO_MANY = (b"HTTP/1.1 503 Service Unavailable\r\nContent-Type: text/plain; charset=utf-8\r\nRetry-After: 2\r\n"
             b"Connection: close\r\nContent-Length: %d\r\n\r\n%s" % (len(_BUSY), _BUSY))


class Handler(BaseHTTPRequestHandler):
    """HTTP/1.1 with keep-alive, parsed strictly: a request's body is read whole or the connection
    is closed after the reply (a body left unread would be read as the next request), one
    Content-Length of digits only, and every socket times out (`client_timeout`)."""

    server_version = "kg-serve"
    protocol_version = "HTTP/1.1"
    pool: Pool
    limits: Limits
    page: bytes

    def setup(self) -> None:
        self.timeout = self.limits.client_timeout  # StreamRequestHandler sets it on the socket
        super().setup()

    def log_message(self, format: str, *args: Any) -> None:  # quiet; the CLI can turn it on
        if getattr(self.server, "verbose", False):
            super().log_message(format, *args)

    def _send(self, r: Reply, head_only: bool = False) -> None:
        self.send_response(r.status)
        self.send_header("Content-Type", r.content_type)
        self.send_header("Content-Length", str(len(r.body)))
        self.send_header("X-Content-Type-Options", "nosniff")
        for k, v in r.headers.items():
            self.send_header(k, v)
        if r.status >= 400 and r.status not in (403, 404, 406) or self._unread_body():
            self.send_header("Connection", "close")
            self.close_connection = True
        self.end_headers()
        if not head_only:
            with self.server.buffered(len(r.body)) as ok:  # type: ignore[attr-defined]
                if ok:
                    self.wfile.write(r.body)
                else:  # too many large replies held for slow clients already
                    self.close_connection = True

    def _unread_body(self) -> bool:
        """Whether this request announced a body that was not read (then the connection must close)."""
        if getattr(self, "_body_read", False):
            return False
        return bool(self.headers.get("Transfer-Encoding")) or (self.headers.get("Content-Length") or "0").strip() != "0"

    def _length(self) -> int | Reply:
        """The request's Content-Length, strictly (digits only, one header), or the error reply."""
        values = self.headers.get_all("Content-Length") or []
        if self.headers.get("Transfer-Encoding"):
            if "chunked" in self.headers.get("Transfer-Encoding", "").lower() and not values:
                return error(411, "send a Content-Length (chunked bodies are not accepted)")
            return error(400, "Transfer-Encoding is not accepted: send a Content-Length")
        if not values:
            return error(411, "Content-Length required")
        if len(values) > 1:
            return error(400, "more than one Content-Length header")
        v = values[0].strip()
        if not _CONTENT_LENGTH.fullmatch(v):
            return error(400, f"Content-Length is not a number of bytes: {v[:40]!r}")
        return int(v)

    def _drain(self) -> None:
        """Read a body sent with GET or HEAD (ignored) if it is small and well framed; otherwise the
        connection closes after the reply (see _unread_body)."""
        n = self._length() if self.headers.get("Content-Length") else 0
        if isinstance(n, int) and 0 < n <= self.limits.max_body:
            if len(self.rfile.read(n)) == n:
                self._body_read = True

    def do_GET(self) -> None:
        self._drain()
        url = urlsplit(self.path)
        if len(self.path) > self.limits.max_body:
            return self._send(error(414, f"request line over {self.limits.max_body} bytes"))
        if url.path in ("/", "/index.html"):
            return self._send(Reply(200, "text/html; charset=utf-8", self.page,
                                    {"Content-Security-Policy": "default-src 'self'; script-src 'unsafe-inline'; style-src 'unsafe-inline'"}))
        if url.path == "/sparql":
            params = parse_qs(url.query, keep_blank_values=True)
            return self._query(params)
        if url.path == "/explain":  # the evidence of one term: a static page whose queries go to /sparql
            from ..graph.explain import explain_page
            return self._send(Reply(200, "text/html; charset=utf-8", explain_page(),
                                    {"Content-Security-Policy": "default-src 'self'; script-src 'unsafe-inline'; style-src 'unsafe-inline'"}))
        return self._send(error(404, f"no such page: {url.path} (the endpoint is /sparql, the query page /)"))

    def do_HEAD(self) -> None:
        self._drain()
        self._send(Reply(200 if urlsplit(self.path).path in ("/", "/sparql") else 404, "text/plain", b""), head_only=True)

    def do_POST(self) -> None:
        url = urlsplit(self.path)
        n = self._length()
        if isinstance(n, Reply):
            return self._send(n)
        if n > self.limits.max_body:
            return self._send(error(413, f"request body of {n} bytes is over the limit of {self.limits.max_body}"))
        body = self.rfile.read(n) if n else b""
        if len(body) < n:  # the client closed (or timed out: TimeoutError ends the connection)
            self.close_connection = True
            return
        self._body_read = True
        if url.path != "/sparql":
            return self._send(error(404, f"no such endpoint: {url.path} (use /sparql)"))
        ctype = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        params = parse_qs(url.query, keep_blank_values=True)
        try:
            text = body.decode("utf-8")
        except UnicodeDecodeError:
            return self._send(error(400, "the request body is not UTF-8"))
        if ctype == "application/x-www-form-urlencoded":
            for k, v in parse_qs(text, keep_blank_values=True).items():
                params.setdefault(k, []).extend(v)
        elif ctype == "application/sparql-query":
            params["query"] = [text]
        elif ctype == "application/sparql-update":
            return self._send(error(403, "updates are refused: this endpoint is read-only"))
        else:
            return self._send(error(415, f"unsupported Content-Type {ctype or '(none)'}: use "
                                         "application/x-www-form-urlencoded or application/sparql-query"))
        return self._query(params)

    def _query(self, params: dict[str, list[str]]) -> None:
        if "update" in params:
            return self._send(error(403, "updates are refused: this endpoint is read-only"))
        qs = params.get("query", [])
        if len(qs) != 1 or not qs[0].strip():
            return self._send(error(400, "give exactly one non-empty 'query' parameter"))
        if any(v.strip() for k in ("default-graph-uri", "named-graph-uri") for v in params.get(k, [])):
            return self._send(error(403, "default-graph-uri and named-graph-uri are refused; use FROM in the query"))
        fmt = (params.get("format") or [None])[0]
        accept = self.headers.get("Accept")
        if fmt and FORMAT_ALIASES.get(fmt.lower()) is None and fmt.lower() not in RESULT_TYPES and fmt.lower() not in GRAPH_TYPES:
            return self._send(error(406, f"unknown format {fmt!r}: use json, xml, csv, tsv, turtle, nt or json-ld"))
        if not acceptable_at_all(accept, fmt):
            return self._send(error(406, f"no acceptable result type in Accept: {accept}"))
        self._send(self.pool.run(qs[0], accept, fmt))


class Server(ThreadingHTTPServer):
    """One thread per connection, at most `limits.max_connections` of them; errors of a client's
    connection (it went away, it timed out) are one line in the verbose log, never a traceback."""

    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 64
    verbose = False
    limits: Limits

    def __init__(self, addr: tuple[str, int], handler: type, limits: Limits) -> None:
        self.limits = limits
        self.open_connections = 0
        self.held = 0  # bytes of replies being written to clients
        self.count_lock = threading.Lock()
        super().__init__(addr, handler)

    def process_request(self, request: Any, client_address: Any) -> None:
        with self.count_lock:
            full = self.open_connections >= self.limits.max_connections
            if not full:
                self.open_connections += 1
        if full:
            try:
                request.setblocking(False)
                request.send(_TOO_MANY)
            except OSError:
                pass
            self.shutdown_request(request)
            return
        try:
            super().process_request(request, client_address)
        except BaseException:
            with self.count_lock:
                self.open_connections -= 1
            raise

    def process_request_thread(self, request: Any, client_address: Any) -> None:
        try:
            super().process_request_thread(request, client_address)
        finally:
            with self.count_lock:
                self.open_connections -= 1

    @contextmanager
    def buffered(self, n: int) -> Iterator[bool]:
        """Room to hold an n-byte reply while a client reads it (False: over max_buffered)."""
        with self.count_lock:
            ok = self.held + n <= self.limits.max_buffered or self.held == 0
            if ok:
                self.held += n
        try:
            yield ok
        finally:
            if ok:
                with self.count_lock:
                    self.held -= n

    def handle_error(self, request: Any, client_address: Any) -> None:
        e = sys.exc_info()[1]
        if self.verbose or not isinstance(e, OSError):
            print(f"kg serve: {client_address[0]}:{client_address[1]}: {type(e).__name__}: {_first_line(e) if e else ''}",
                  file=sys.stderr)


def make_server(opener: Callable[[], Any], *, host: str = "127.0.0.1", port: int = 8000, limits: Limits | None = None,
                queries: Path | None = None) -> tuple[Server, Pool]:
    """The HTTP server and its worker pool (started; call serve_forever on the server)."""
    limits = limits or Limits()
    pool = Pool(opener, limits)
    handler = type("KgHandler", (Handler,), {"pool": pool, "limits": limits, "page": _page(named_queries(queries))})
    try:
        srv = Server((host, port), handler, limits)
    except OSError as e:
        pool.close()
        raise KgError(f"cannot listen on {host}:{port}: {e.strerror or e}") from None
    return srv, pool


def serve(opener: Callable[[], Any], *, host: str, port: int, limits: Limits, queries: Path | None,
          announce: Callable[[str], None], verbose: bool = False) -> None:
    srv, pool = make_server(opener, host=host, port=port, limits=limits, queries=queries)
    srv.verbose = verbose
    h, p = srv.server_address[:2]
    announce(f"kg: serving {pool.triples} triples in {pool.graphs} named graph(s) at http://{h}:{p}/ (SPARQL endpoint http://{h}:{p}/sparql); "
             f"timeout {limits.timeout:g} s, max {limits.max_rows} rows, {limits.workers} worker(s)")

    def stop(*_: object) -> None:
        threading.Thread(target=srv.shutdown, daemon=True).start()
    signal.signal(signal.SIGTERM, stop)
    try:
        srv.serve_forever(poll_interval=0.2)
    except KeyboardInterrupt:
        pass
    finally:
        srv.server_close()
        pool.close()
