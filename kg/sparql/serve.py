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
import signal
import sys
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, Callable
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
    max_memory_mb: int = 2048   # address space a worker may add after loading the data
    queue_wait: float = 10.0    # seconds a request waits for a free worker before 503


@dataclass
class Reply:
    status: int
    content_type: str
    body: bytes
    headers: dict[str, str] = field(default_factory=dict)


def error(status: int, message: str) -> Reply:
    return Reply(status, "text/plain; charset=utf-8", (message.rstrip() + "\n").encode("utf-8"))


class Refused(KgError):
    """A query the endpoint will not run (an update, SERVICE, or a dataset outside the served data)."""


# -- the query policy ---------------------------------------------------------------------------

def check_query(text: str, served_graphs: set[str]) -> Any:
    """Parse `text` with rdflib and inspect its algebra before anything runs.

    Returns the translated rdflib query. Raises Refused for what a read-only endpoint must not do
    and kg.store.QueryError for syntax errors."""
    from rdflib.plugins.sparql import algebra, parser

    from .store import QueryError

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
    return q


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

def _sandbox(allowed_roots: list[str]) -> bool:
    """Cut the worker off from the network and the file system (best effort, defence in depth:
    the algebra check already refused SERVICE, FROM and LOAD). True when the network namespace
    could be made (Linux, as root), which also stops the engines' own (Rust) network code."""
    netns = False
    try:  # an empty network namespace: no route anywhere, not even loopback (needs root on Linux)
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

    sys.addaudithook(hook)
    return netns


def _limit_memory(extra_mb: int) -> None:
    """Cap the worker's address space at what it uses now (the data) plus `extra_mb`, so a query
    that builds a huge intermediate result fails (MemoryError, or the worker dies and is replaced)
    instead of pushing the machine into swap. Linux only; elsewhere a no-op."""
    try:
        import resource
        status = Path("/proc/self/status").read_text()
        vm = next(int(line.split()[1]) * 1024 for line in status.splitlines() if line.startswith("VmSize:"))
        limit = vm + extra_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    except (OSError, ValueError, StopIteration, ImportError):
        pass


def _library_roots() -> list[str]:
    import sysconfig
    roots = {sysconfig.get_paths()[k] for k in ("stdlib", "platstdlib", "purelib", "platlib")}
    roots.add(str(Path(__file__).resolve().parent.parent))  # kg/
    return sorted(os.path.realpath(r) for r in roots if r)


def _worker_main(conn: Any, opener: Callable[[], Any], limits: Limits) -> None:
    """A worker: open the data, warm up, lock itself down, then answer jobs until the pipe closes."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    import rdflib.plugins.sparql
    rdflib.plugins.sparql.SPARQL_LOAD_GRAPHS = False  # never fetch FROM graphs (belt and braces)
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
        _sandbox(_library_roots())
        _limit_memory(limits.max_memory_mb)
    except Exception as e:
        conn.send(("error", f"{type(e).__name__}: {_first_line(e)}"))
        return
    conn.send(("ready", (len(served), store.triple_count())))
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            return
        conn.send(run_job(store, served, limits, *job))


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
            res = store.query(text, max_rows=limits.max_rows, parsed=parsed)
        else:
            res = store.query(text, max_rows=limits.max_rows)
        body = serialize_result(res, f, store.prefixes())
        return Reply(200, CONTENT_TYPE[f] + ("; charset=utf-8" if f in ("csv", "tsv", "turtle", "nt") else ""), body)
    except Refused as e:
        return error(403, str(e))
    except ResultTooLarge as e:
        return error(400, f"result too large: {e}")
    except QueryError as e:
        return error(400, str(e))
    except MemoryError:
        return error(503, f"query needs more memory than this endpoint allows ({limits.max_memory_mb} MB)")
    except Exception as e:  # an engine bug must not kill the worker silently
        return error(500, f"query failed: {_first_line(e)}")


class Worker:
    def __init__(self, ctx: Any, opener: Callable[[], Any], limits: Limits):
        self.conn, child = ctx.Pipe()
        self.proc = ctx.Process(target=_worker_main, args=(child, opener, limits), daemon=True)
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
    """Worker processes holding the data; a query that outlives the deadline loses its worker."""

    def __init__(self, opener: Callable[[], Any], limits: Limits, start_timeout: float = 300):
        import multiprocessing

        # fork: workers inherit data already loaded in the parent (memory stores), so replacing a
        # killed worker costs milliseconds, not a reload
        self.ctx = multiprocessing.get_context("fork")
        self.opener, self.limits, self.start_timeout = opener, limits, start_timeout
        self.idle: queue.Queue[Worker] = queue.Queue()
        self.all: set[Worker] = set()
        self.lock = threading.Lock()
        self.graphs = self.triples = 0
        for _ in range(max(1, limits.workers)):
            w = self._spawn()
            self.graphs, self.triples = w.graphs
            self.idle.put(w)
        self.timeouts = 0

    def _spawn(self) -> Worker:
        w = Worker(self.ctx, self.opener, self.limits)
        w.wait_ready(self.start_timeout)
        with self.lock:
            self.all.add(w)
        return w

    def _replace(self, w: Worker) -> None:
        w.kill()
        with self.lock:
            self.all.discard(w)
        try:
            self.idle.put(self._spawn())
        except Exception as e:  # pragma: no cover - the pool shrinks; say so in the log
            print(f"kg serve: could not replace a worker: {e}", file=sys.stderr)

    def run(self, text: str, accept: str | None, fmt: str | None) -> Reply:
        try:
            w = self.idle.get(timeout=self.limits.queue_wait)
        except queue.Empty:
            return Reply(503, "text/plain; charset=utf-8", b"server busy: every query worker is in use; retry later\n",
                         {"Retry-After": "2"})
        try:
            w.conn.send((text, accept, fmt))
            if w.conn.poll(self.limits.timeout):
                reply = w.conn.recv()
                self.idle.put(w)
                return reply
        except (EOFError, OSError, BrokenPipeError):
            threading.Thread(target=self._replace, args=(w,), daemon=True).start()
            return error(500, "query failed: the worker process died (out of memory?)")
        self.timeouts += 1
        self._replace(w)  # SIGKILL: the CPU is free at once
        return error(503, f"query timed out after {self.limits.timeout:g} s (the limit of this endpoint)")

    def close(self) -> None:
        with self.lock:
            ws = list(self.all)
        for w in ws:
            w.kill()


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
    tpl = (Path(__file__).parent.parent / "web" / "query.html").read_text(encoding="utf-8")
    data = json.dumps(queries).replace("</", "<\\/")
    return tpl.replace("/*QUERIES*/[]", data).encode("utf-8")


class Handler(BaseHTTPRequestHandler):
    server_version = "kg-serve"
    protocol_version = "HTTP/1.1"
    pool: Pool
    limits: Limits
    page: bytes

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
        if r.status >= 400 and r.status not in (403, 404, 406):
            self.send_header("Connection", "close")
            self.close_connection = True
        self.end_headers()
        if not head_only:
            self.wfile.write(r.body)

    def do_GET(self) -> None:
        url = urlsplit(self.path)
        if len(self.path) > self.limits.max_body:
            return self._send(error(414, f"request line over {self.limits.max_body} bytes"))
        if url.path in ("/", "/index.html"):
            return self._send(Reply(200, "text/html; charset=utf-8", self.page,
                                    {"Content-Security-Policy": "default-src 'self'; script-src 'unsafe-inline'; style-src 'unsafe-inline'"}))
        if url.path == "/sparql":
            params = parse_qs(url.query, keep_blank_values=True)
            return self._query(params)
        return self._send(error(404, f"no such page: {url.path} (the endpoint is /sparql, the query page /)"))

    def do_HEAD(self) -> None:
        self._send(Reply(200 if urlsplit(self.path).path in ("/", "/sparql") else 404, "text/plain", b""), head_only=True)

    def do_POST(self) -> None:
        url = urlsplit(self.path)
        if url.path != "/sparql":
            return self._send(error(404, f"no such endpoint: {url.path} (use /sparql)"))
        if "chunked" in (self.headers.get("Transfer-Encoding") or "").lower():
            return self._send(error(411, "send a Content-Length (chunked bodies are not accepted)"))
        try:
            n = int(self.headers.get("Content-Length") or "-1")
        except ValueError:
            n = -1
        if n < 0:
            return self._send(error(411, "Content-Length required"))
        if n > self.limits.max_body:
            return self._send(error(413, f"request body of {n} bytes is over the limit of {self.limits.max_body}"))
        body = self.rfile.read(n) if n else b""
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
    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 64
    verbose = False


def make_server(opener: Callable[[], Any], *, host: str = "127.0.0.1", port: int = 8000, limits: Limits | None = None,
                queries: Path | None = None) -> tuple[Server, Pool]:
    """The HTTP server and its worker pool (started; call serve_forever on the server)."""
    limits = limits or Limits()
    pool = Pool(opener, limits)
    handler = type("KgHandler", (Handler,), {"pool": pool, "limits": limits, "page": _page(named_queries(queries))})
    try:
        srv = Server((host, port), handler)
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
