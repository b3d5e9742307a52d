"""The worker processes of `kg serve`: the limits a query runs under, a worker's life (open the
data, warm up, lock itself down, answer jobs), one job (check, run, serialise), and the pool that
hands queries to workers, kills those past the deadline and keeps cheap queries moving."""
from __future__ import annotations

import os
import queue
import signal
import sys
import threading
from dataclasses import dataclass
from typing import Any, Callable

from ..errors import KgError
from .protocol import (CONTENT_TYPE, GRAPH_FORMATS, RESULT_FORMATS, Refused, Reply, _first_line, check_query, error,
                       negotiate, serialize_result)
from .sandbox import _drop_inherited_sockets, _library_roots, _limit_memory, _sandbox, _tie_to_parent


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
