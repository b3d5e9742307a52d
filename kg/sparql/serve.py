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
workers), so `kg serve` needs no extra packages. This module holds the HTTP handler and server;
the formats and the query check are in protocol.py, the workers' confinement in sandbox.py, the
worker pool in workers.py.
"""
from __future__ import annotations

import re
import signal
import sys
import threading
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, Callable, Iterator
from urllib.parse import parse_qs, urlsplit

from ..errors import KgError
from .protocol import FORMAT_ALIASES, GRAPH_TYPES, RESULT_TYPES, Reply, _first_line, acceptable_at_all, error
from .workers import Limits, Pool


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
