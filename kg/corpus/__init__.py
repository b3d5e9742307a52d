"""Corpus builds: many articles in, one graph file out, streamed, in parallel, incrementally.

Why this shape:

* Each article is analysed on its own (a fresh GraphBuilder per article), so memory does not
  grow with the corpus; entities and fact records still merge in the union because their IRIs
  are minted from content (gazetteer id; hash of the triple and its factuality).
* Workers (processes, or Dask) return each article's serialised named graph; the main process
  writes the chunks in input order, so the output is the same whatever the number of workers.
* N-Quads and TriG are streamed: chunks go to a hidden partial file next to the output, and a
  journal line per chunk (content hash, offset, length, checksum) follows each one. At the end
  the partial file becomes the output by an atomic rename (TriG gets its prefix header in one
  sequential copy). A killed run leaves the output untouched; the next run reuses every
  journaled chunk. The journal, kept as `OUTPUT.kg-manifest`, makes rebuilds incremental.
* Turtle, N-Triples and JSON-LD are one merged graph: their union is held in memory and written
  at the end (fine for thousands of articles; use N-Quads or TriG for millions).
"""
from __future__ import annotations

import glob
import hashlib
import json
import os
import sys
import time
from collections import deque
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, Callable, Iterable, Iterator

from ..errors import InputError, KgError

QUAD_FORMATS = ("nquads", "trig")
ARTICLE_SUFFIXES = (".txt",)
JSONL_SUFFIXES = (".jsonl", ".ndjson")
JSONL_KEYS = {"id", "text", "date", "url", "title", "publisher", "place", "author", "language", "caption", "credit"}
MANIFEST_SUFFIX = ".kg-manifest"
STORE_MANIFEST = "kg-manifest.jsonl"  # in an Oxigraph store's folder, beside kg-prefixes.json


# ---------------------------------------------------------------------------------------------
# Input: files, folders, globs, JSON Lines, stdin

@dataclass(frozen=True, slots=True)
class Job:
    """One article, read and ready for analysis (text and metadata travel to the worker, so
    workers need no access to the input files: a Dask cluster needs no shared disk)."""

    index: int
    source: str  # file path, or FILE:LINE for JSON Lines, for messages
    text: str
    meta: dict[str, Any]
    default_id: str
    key: str  # content hash: article, metadata, rule pack, kg version, output settings
    explicit: bool = False


@dataclass(frozen=True, slots=True)
class Failed:
    index: int
    source: str
    reason: str
    explicit: bool = False  # a file named on the command line: unreadable means bad input (exit 2)
    line: int | None = None
    id: str | None = None

    def __str__(self) -> str:
        where = f"{self.source}:{self.line}" if self.line else self.source
        return f"{where}: " + (f"article {self.id!r}: " if self.id else "") + self.reason


@dataclass(frozen=True)
class Entry:
    """A file, or one line of a JSON Lines file, before it is read."""

    source: str
    path: str | None = None  # an article file
    line: str | None = None  # one JSON Lines record
    explicit: bool = False


def _is_glob(s: str) -> bool:
    return any(c in s for c in "*?[")


def _folder_files(folder: Path) -> list[str]:
    out = []
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for f in sorted(files):
            if not f.startswith(".") and f.endswith(ARTICLE_SUFFIXES + JSONL_SUFFIXES):
                out.append(os.path.join(root, f))
    return out


def expand_inputs(args: Iterable[str | Path]) -> list[tuple[str, bool]]:
    """(path, named explicitly) of every input, in a stable order; `-` stays `-` (stdin).

    Checked before any work starts, so a typo stops the run with one line (exit 2)."""
    out: list[tuple[str, bool]] = []
    for a in args:
        s = str(a)
        p = Path(s)
        if s == "-":
            out.append(("-", True))
        elif p.is_dir():
            files = _folder_files(p)
            if not files:
                raise InputError(p, f"no articles in folder (looked for {', '.join(ARTICLE_SUFFIXES + JSONL_SUFFIXES)})")
            out += [(f, False) for f in files]
        elif p.exists() or not _is_glob(s):
            if not p.exists():
                raise InputError(p, "no such file")
            out.append((s, True))
        else:
            hits = sorted(glob.glob(s, recursive=True))
            files = [f for h in hits for f in (_folder_files(Path(h)) if os.path.isdir(h) else [h])]
            if not files:
                raise InputError(s, "no files match this pattern")
            out += [(f, False) for f in files]
    return out


def _is_jsonl(path: str) -> bool:
    return path == "-" or path.lower().endswith(JSONL_SUFFIXES)


def iter_entries(inputs: list[tuple[str, bool]], stdin: IO[bytes] | None = None) -> Iterator[Entry]:
    """Every article entry, lazily (a JSON Lines file of millions of lines is never held whole)."""
    for path, explicit in inputs:
        if not _is_jsonl(path):
            yield Entry(path, path=path, explicit=explicit)
            continue
        name = "<stdin>" if path == "-" else path
        try:
            fh = (stdin or sys.stdin.buffer) if path == "-" else open(path, "rb")
        except OSError as e:
            raise InputError(path, e.strerror or str(e)) from None
        try:
            for n, raw in enumerate(fh, 1):
                if raw.strip():
                    yield Entry(f"{name}:{n}", line=raw.decode("utf-8", "replace"))
        finally:
            if path != "-":
                fh.close()


def count_entries(inputs: list[tuple[str, bool]]) -> int | None:
    """How many articles, for the progress bar's ETA (None when reading stdin)."""
    n = 0
    for path, _ in inputs:
        if path == "-":
            return None
        if _is_jsonl(path):
            with open(path, "rb") as fh:
                n += sum(1 for raw in fh if raw.strip())
        else:
            n += 1
    return n


def read_entry(e: Entry, index: int, settings_key: str, max_bytes: int | None) -> Job:
    """Read a file or decode a JSON line into a Job; InputError says what is wrong."""
    from ..reading.document import MAX_BYTES, _check_meta, _sidecar, read_text_file

    if e.path is not None:
        p = Path(e.path)
        text = read_text_file(p, max_bytes or MAX_BYTES)
        meta = _sidecar(p)
        default_id = p.stem
    else:
        assert e.line is not None
        try:
            rec = json.loads(e.line)
        except ValueError as x:
            raise InputError(e.source, f"invalid JSON: {x}") from None
        if not isinstance(rec, dict):
            raise InputError(e.source, "a JSON Lines record must be an object with id and text")
        unknown = sorted(set(rec) - JSONL_KEYS)
        if unknown:
            raise InputError(e.source, f"unknown key(s) {', '.join(unknown)}; known: {', '.join(sorted(JSONL_KEYS))}")
        text, rid = rec.get("text"), rec.get("id")
        if not isinstance(text, str) or not text.strip():
            raise InputError(e.source, "no article text (key 'text')")
        if rid is None or not str(rid).strip():
            raise InputError(e.source, "no article id (key 'id')")
        meta = _check_meta({k: v for k, v in rec.items() if k != "text" and v is not None}, e.source)
        meta["id"] = str(rid)
        default_id = str(rid)
    h = hashlib.sha1(f"{settings_key}\x1f{default_id}\x1f".encode())
    h.update(json.dumps(meta, sort_keys=True, default=str).encode())
    h.update(b"\x1f")
    h.update(text.encode("utf-8", "surrogatepass"))
    return Job(index, e.source, text, meta, default_id, h.hexdigest(), e.explicit)


# ---------------------------------------------------------------------------------------------
# Settings and what a rebuild depends on

@dataclass(frozen=True)
class Settings:
    """Everything a worker needs to rebuild the pack and produce an article's chunk. Folders are
    None for kg's own pack, so a Dask worker uses its own installation; `pack_key` lets it check
    that its pack (and kg) are the client's."""

    data_dir: str | None
    ontology_dir: str | None
    rules_path: str | None
    base: str
    fmt: str
    pack_key: str = ""
    nquads_too: bool = False  # a store is written too: send the N-Quads chunk along with the output's


# ---------------------------------------------------------------------------------------------
# The work on one article (in a worker process, a Dask worker, or in-process)

@dataclass
class Done:
    index: int
    source: str
    key: str
    id: str
    chunk: bytes | None = None  # quad formats: the article's named graph, serialised
    sha: str = ""  # checksum of chunk, computed by the worker so the main process does less
    nq: bytes | None = None  # for a store: the named graph as N-Quads (chunk itself in N-Quads)
    graph: str = ""  # the article's named graph
    triples: set[Any] | None = None  # triple formats: the article's triples
    used: tuple[str, ...] = ()  # TriG: prefixes the chunk uses
    counts: dict[str, int] = field(default_factory=dict)
    entities: tuple[str, ...] = ()


_PACKS: dict[Settings, Any] = {}


def _pack_for(s: Settings) -> Any:
    pack = _PACKS.get(s)
    if pack is None:
        from ..rules.pack import Pack
        pack = Pack.load(s.data_dir, s.ontology_dir, s.rules_path)
        if s.pack_key and _key(pack.components) != s.pack_key:
            raise InputError(s.data_dir or "kg's rule pack", "this worker's kg or rule pack differs from the client's; "
                             "install the same kg on every worker and put --data on shared storage")
        _PACKS[s] = pack
    return pack


def _key(comps: dict[str, str]) -> str:
    return hashlib.sha1(json.dumps(comps, sort_keys=True).encode()).hexdigest()


def process(s: Settings, job: Job) -> Done | Failed:
    """Analyse one article and serialise its named graph; any failure is returned, not raised,
    so one bad article never stops the others."""
    from ..graph.build import analyse
    from ..reading.document import parse_article
    from ..graph.export import _block, _Names, to_nquads
    from ..graph.builder import GraphBuilder, Minter

    art = None
    try:
        pack = _pack_for(s)
        art = parse_article(job.text, source=job.source, layout=pack.layout, meta=job.meta,
                            default_id=job.default_id)
        ex = analyse(art, pack)
        gb = GraphBuilder(pack.vocabulary, pack.gazetteer, Minter(s.base))
        gb.add_extraction(ex)
    except InputError as e:
        return Failed(job.index, job.source, e.problem.message, job.explicit, e.problem.line)
    except Exception as e:  # a rule or the engine failed on this article: report, skip, go on
        return Failed(job.index, job.source, f"extraction failed: {type(e).__name__}: {e}",
                      id=art.id if art is not None and art.id else None)
    counts = dict(gb.counts, firings=len(ex.firings) + gb.counts["joins"], sentences=len(art.sentences), triples=len(gb.kg_triples))
    ((g, ts),) = gb.kg_graphs.items()
    done = Done(job.index, job.source, job.key, art.id, counts=counts, entities=tuple(sorted(gb._entities)),
                graph=str(g))
    nq = to_nquads(gb.kg_graphs).encode("utf-8") if s.fmt == "nquads" or s.nquads_too else None
    if s.fmt == "nquads":
        done.chunk = nq
    elif s.fmt == "trig":
        names = _Names(gb.prefixes())
        block = f"\n{names.iri(str(g))} {{\n" + "\n\n".join(_block(names, ts, "    ")) + "\n}\n"
        done.chunk, done.used = block.encode("utf-8"), tuple(sorted(names.used))
    else:
        done.triples = gb.kg_triples
    if done.chunk is not None:
        done.sha = hashlib.sha1(done.chunk).hexdigest()
    if s.nquads_too:
        done.nq = nq  # the same object as chunk for N-Quads: pickled once
    return done


def process_batch(s: Settings, jobs: list[Job]) -> list[Done | Failed]:
    return [process(s, j) for j in jobs]


# ---------------------------------------------------------------------------------------------
# Executors: in-process, a process pool, Dask. Each yields results in input order from a bounded
# window of work in flight, so memory stays flat and the output does not depend on scheduling.

class _Local:
    def __init__(self, s: Settings):
        self.s = s

    def submit(self, jobs: list[Job]) -> Callable[[], list[Done | Failed]]:
        res = process_batch(self.s, jobs)
        return lambda: res

    def close(self) -> None:
        pass


class _Pool:
    def __init__(self, s: Settings, jobs: int):
        import multiprocessing as mp

        ctx = mp.get_context("fork" if "fork" in mp.get_all_start_methods() else "spawn")
        self.s, self.pool = s, ctx.Pool(jobs, initializer=_quiet_worker)

    def submit(self, jobs: list[Job]) -> Callable[[], list[Done | Failed]]:
        return self.pool.apply_async(process_batch, (self.s, jobs)).get

    def close(self) -> None:
        self.pool.terminate()
        self.pool.join()


def _quiet_worker() -> None:
    """Ctrl-C stops the main process, which stops the pool: no traceback from every worker."""
    import signal
    signal.signal(signal.SIGINT, signal.SIG_IGN)


class _Dask:
    def __init__(self, s: Settings, address: str, workers: int):
        try:
            from dask.distributed import Client, LocalCluster
        except ImportError:
            raise InputError("--dask", "Dask is not installed: pip install 'kg-news[dask]'") from None
        self.s, self.cluster = s, None
        if address == "local":
            self.cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                        host="127.0.0.1", dashboard_address=None)
            address = self.cluster.scheduler_address
        elif address.startswith("tcp://"):  # fail in a second, not after Dask's retries, on a wrong address
            import socket
            host, _, port = address[6:].rpartition(":")
            try:
                socket.create_connection((host.strip("[]"), int(port)), timeout=10).close()
            except (OSError, ValueError) as e:
                raise InputError("--dask", f"cannot reach the Dask scheduler at {address}: {e}") from None
        try:
            self.client = Client(address, timeout="30s")
        except OSError as e:
            raise InputError("--dask", f"cannot reach the Dask scheduler at {address}: {e}") from None

    def submit(self, jobs: list[Job]) -> Callable[[], list[Done | Failed]]:
        fut = self.client.submit(process_batch, self.s, jobs, pure=False)
        return fut.result

    def close(self) -> None:
        self.client.close()
        if self.cluster is not None:
            self.cluster.close()


# ---------------------------------------------------------------------------------------------
# Chunk store: the output being written, and the chunks of earlier runs that can be reused

class _Sources:
    """Chunks from the previous output (via its manifest) and from interrupted runs (via their
    journals), by content hash; each is checked against its checksum before reuse."""

    def __init__(self) -> None:
        self.index: dict[str, tuple[int, int, int, str, dict[str, Any]]] = {}
        self.files: list[IO[bytes]] = []

    def add(self, data: Path, journal: Path, base_offset: int = 0) -> None:
        if not data.is_file() or not journal.is_file():
            return
        fh = open(data, "rb")
        size = os.fstat(fh.fileno()).st_size
        self.files.append(fh)
        n = len(self.files) - 1
        with open(journal, encoding="utf-8") as j:
            for line in j:
                try:
                    rec = json.loads(line)
                    off, ln = base_offset + rec["offset"], rec["length"]
                    if "key" in rec and off + ln <= size:
                        self.index.setdefault(rec["key"], (n, off, ln, rec["sha"], rec))
                except (ValueError, KeyError, TypeError):
                    continue  # a journal line cut short by a kill

    def get(self, key: str) -> tuple[bytes, dict[str, Any]] | None:
        hit = self.index.get(key)
        if hit is None:
            return None
        n, off, ln, sha, rec = hit
        fh = self.files[n]
        fh.seek(off)
        data = fh.read(ln)
        if len(data) != ln or hashlib.sha1(data).hexdigest() != sha:
            return None
        return data, rec

    def close(self) -> None:
        for f in self.files:
            f.close()


def _hidden(out: Path, tag: str) -> Path:
    return out.with_name(f".{out.name}.{tag}")


class BusyError(KgError):
    """Another kg build is writing the same output or store."""


class _Lock:
    """An exclusive lock on what a build writes (an output file, a store), held for the whole build
    in `.NAME.kg-lock` beside it, so two builds never interleave their partial files, journals,
    manifests or graphs. A second build fails at once, naming the holder, rather than waiting:
    two builds of one output at once are a mistake (an overlapping cron job, a double start), a
    waiting build would redo or undo the other's work behind the user's back, and whoever wants
    to queue can (`flock FILE kg build ...`). The lock goes with the process, even on kill -9."""

    def __init__(self, target: Path):
        self.path, self.fd = _hidden(Path(target), "kg-lock"), None
        try:
            import fcntl
        except ImportError:  # not POSIX: no locking
            return
        while True:
            try:
                fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o666)
            except OSError as e:
                raise InputError(target, f"cannot write: {e.strerror or e}") from None
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                pid = os.pread(fd, 32, 0).decode("ascii", "replace").strip() or "?"
                os.close(fd)
                raise BusyError(f"another kg build is writing {target} (pid {pid})") from None
            except OSError:  # a file system without flock: go on unlocked
                os.close(fd)
                return
            try:  # the holder removes the file on release: make sure we locked the current one
                same = os.stat(self.path).st_ino == os.fstat(fd).st_ino
            except FileNotFoundError:
                same = False
            if same:
                break
            os.close(fd)
        os.ftruncate(fd, 0)
        os.write(fd, f"{os.getpid()}\n".encode())
        self.fd = fd

    def release(self) -> None:
        if self.fd is not None:
            self.path.unlink(missing_ok=True)  # while still held, so no one locks a removed file
            os.close(self.fd)
            self.fd = None

    def __enter__(self) -> "_Lock":
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()


class _StoreSink:
    """`--store oxigraph:PATH`: each finished article's graph replaces its named graph in the store
    as it arrives (kg.store.replace_article: loaded in Rust, the default graph kept the union), and
    a line of PATH/kg-manifest.jsonl then records it (content key, graph, counts). A rebuild skips
    the articles whose graph still holds what the same key produced; a killed run leaves every
    finished article in place and the next run redoes only the rest. The index in memory is a
    key -> line offset and a graph -> key map, not the records."""

    def __init__(self, spec: str, force: bool):
        from ..sparql.store import OxigraphStore, parse_store_spec

        _, path = parse_store_spec(spec)
        if path is None:
            raise InputError(spec, "this store keeps nothing after kg build ends; use oxigraph:PATH")
        self.spec, self.force, self.written = spec, force, 0
        self.batch: list[tuple[str, str, bytes, bytes, bytes]] = []  # new articles not yet in the store
        self.batch_graphs: set[str] = set()
        self.lock = _Lock(path)
        try:
            self.st = OxigraphStore(path)
            self.man = path / STORE_MANIFEST
            self.keys: dict[str, int] = {}  # content key -> offset of its manifest line
            self.latest: dict[str, str] = {}  # graph -> content key of what it holds
            self.lines = 0
            if self.man.is_file():
                with open(self.man, "rb") as f:
                    off = 0
                    for raw in f:
                        try:
                            rec = json.loads(raw)
                            self.keys[rec["key"]], self.latest[rec["graph"]] = off, rec["key"]
                            self.lines += 1
                        except (ValueError, KeyError, TypeError):
                            pass  # a line cut short by a kill
                        off += len(raw)
            self.fh = open(self.man, "ab")
            if self.fh.tell() and self._last_byte() != b"\n":
                self.fh.write(b"\n")  # end a line cut short by a kill
        except BaseException:
            self.lock.release()
            raise

    def _last_byte(self) -> bytes:
        with open(self.man, "rb") as f:
            f.seek(-1, os.SEEK_END)
            return f.read(1)

    def get(self, key: str) -> dict[str, Any] | None:
        """The manifest record of `key` if its graph still holds what `key` produced."""
        off = None if self.force else self.keys.get(key)
        if off is None:
            return None
        with open(self.man, "rb") as f:
            f.seek(off)
            rec = json.loads(f.readline())
        return rec if self.latest.get(rec["graph"]) == key else None

    BATCH = 16  # new articles per store transaction: ~25% less time per quad than one article each

    def put(self, key: str, ident: str, graph: str, nquads: bytes, counts: dict[str, int],
            entities: Iterable[str]) -> None:
        """Write an article's graph (new articles in batches, replaced ones at once); its manifest
        line follows once its graph is in the store."""
        import pyoxigraph as ox

        from ..graph.export import _iri
        from ..sparql.store import replace_article

        end = f" {_iri(graph)} .\n".encode("utf-8")  # every quad of the chunk is in this graph
        if nquads.count(end) != nquads.count(b"\n"):
            raise KgError(f"internal error: the N-Quads of {graph} are not all in that graph")
        line = json.dumps({"key": key, "id": ident, "graph": graph, "counts": counts, "entities": list(entities)},
                          ensure_ascii=False).encode("utf-8") + b"\n"
        if graph in self.batch_graphs or self.st.ox.contains_named_graph(ox.NamedNode(graph)):
            self.flush()
            replace_article(self.st, graph, nquads.replace(end, b" .\n"))
            self._record([(key, graph, line)])
            return
        self.batch.append((key, graph, line, nquads, nquads.replace(end, b" .\n")))
        self.batch_graphs.add(graph)
        if len(self.batch) >= self.BATCH:
            self.flush()

    def flush(self) -> None:
        """Load the batch of new articles, then record them."""
        from ..sparql.store import add_articles

        if self.batch:
            add_articles(self.st, b"".join(b[3] for b in self.batch), b"".join(b[4] for b in self.batch))
            self._record([b[:3] for b in self.batch])
            self.batch.clear()
            self.batch_graphs.clear()

    def _record(self, done: list[tuple[str, str, bytes]]) -> None:
        self.fh.flush()
        off = self.fh.tell()
        for key, graph, line in done:
            self.fh.write(line)
            self.keys[key], self.latest[graph] = off, key
            off += len(line)
            self.lines += 1
            self.written += 1
        self.fh.flush()

    def finish(self, prefixes: dict[str, str]) -> str:
        """Record the prefixes, drop superseded manifest lines; a note for the summary."""
        self.flush()
        self.st.replace_graphs({}, prefixes)
        self.fh.close()
        if self.lines > len(self.latest):  # articles rebuilt since: keep the last line of each graph
            tmp = _hidden(self.man, "tmp")
            with open(self.man, "rb") as f, open(tmp, "wb") as out:
                off = 0
                for raw in f:
                    try:
                        rec = json.loads(raw)
                        if self.latest.get(rec["graph"]) == rec["key"] and self.keys[rec["key"]] == off:
                            out.write(raw if raw.endswith(b"\n") else raw + b"\n")
                    except (ValueError, KeyError, TypeError):
                        pass
                    off += len(raw)
                out.flush()
                os.fsync(out.fileno())
            os.replace(tmp, self.man)
        return f"{self.written} graph(s) into {self.spec} ({self.st.triple_count()} triples in store)"

    def __enter__(self) -> "_StoreSink":
        return self

    def __exit__(self, *exc: object) -> None:
        self.fh.close()
        self.st.close()
        self.lock.release()


class IdSet:
    """The article ids seen so far, as 64-bit hashes in one flat array kept at most half full
    (about 16 bytes an article, where a Python set of ints takes about 70): the only state of a
    build that grows with the corpus."""

    def __init__(self) -> None:
        from array import array
        self._a = array("Q", [0]) * 1024
        self._n = 0

    def add(self, ident: str) -> bool:
        """Add an id; False if it was there already."""
        h = int.from_bytes(hashlib.blake2b(ident.encode("utf-8", "surrogatepass"), digest_size=8).digest(), "big") | 1
        if not self._put(self._a, h):
            return False
        self._n += 1
        if 2 * self._n > len(self._a):
            from array import array
            bigger = array("Q", [0]) * (2 * len(self._a))
            for x in self._a:
                if x:
                    self._put(bigger, x)
            self._a = bigger
        return True

    @staticmethod
    def _put(a: Any, h: int) -> bool:
        mask = len(a) - 1
        i = (h >> 17) & mask
        while True:
            x = a[i]
            if x == 0:
                a[i] = h
                return True
            if x == h:
                return False
            i = (i + 1) & mask


# ---------------------------------------------------------------------------------------------
# Progress

class Progress:
    """One self-rewriting line on a terminal: done/total, articles/s, ETA. Silent otherwise."""

    def __init__(self, total: int | None, stream: IO[str] | None = None, enabled: bool | None = None):
        self.stream = stream or sys.stderr
        self.on = self.stream.isatty() if enabled is None else enabled
        self.total, self.t0, self.last, self.n = total, time.monotonic(), 0.0, 0

    def tick(self, n: int = 1) -> None:
        self.n += n
        now = time.monotonic()
        if self.on and now - self.last >= 0.1:
            self.last = now
            rate = self.n / max(now - self.t0, 1e-9)
            line = f"kg: {self.n:,}" + (f"/{self.total:,}" if self.total else "") + f" articles  {rate:,.0f}/s"
            if self.total and rate > 0:
                eta = int(max(self.total - self.n, 0) / rate)
                line += f"  ETA {eta // 3600}:{eta // 60 % 60:02d}:{eta % 60:02d}"
            self.stream.write("\r" + line + "\x1b[K")
            self.stream.flush()

    def close(self) -> None:
        if self.on and self.last:
            self.stream.write("\r\x1b[K")
            self.stream.flush()


# ---------------------------------------------------------------------------------------------
# The driver

@dataclass
class CorpusResult:
    articles: int = 0
    reused: int = 0
    failures: list[Failed] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(
        ("facts", "events", "statements", "claims", "roles", "firings", "sentences", "triples"), 0))
    entities: set[str] = field(default_factory=set)
    fmt: str = "turtle"
    seconds: float = 0.0
    store_note: str = ""  # with a store: how many graphs went in, and the store's size

    def summary(self) -> str:
        c = self.counts
        unit = "quads" if self.fmt in QUAD_FORMATS else "triples"
        s = (f"{self.articles} article(s): {len(self.entities)} entities, {c['facts']} facts, {c['events']} events, "
             f"{c['statements']} statements, {c['claims']} claims, {c['roles']} roles, {c['firings']} rule firings, "
             f"{c['triples']} {unit}")
        if self.reused:
            s += f"; {self.reused} unchanged"
        if self.failures:
            s += f"; {len(self.failures)} failed"
        return s


def build_corpus(inputs: Iterable[str | Path], output: Path | None, *, fmt: str, base: str,
                 data_dir: Path | None = None, ontology_dir: Path | None = None, rules_path: Path | None = None,
                 max_bytes: int | None = None, jobs: int | None = None, dask: str | None = None,
                 force: bool = False, progress: bool | None = None, stdin: IO[bytes] | None = None,
                 on_failure: Callable[[Failed], None] | None = None, batch: int = 0,
                 store: str | None = None) -> CorpusResult:
    """Build the graph of a corpus into `output` (None: standard output, or no text at all when
    `store` is given) and into the store `store` names (``oxigraph:PATH``) if any. Raises
    InputError for bad input that stops everything (BusyError if another build is writing the
    same output or store); per-article failures are in the result."""
    from contextlib import ExitStack

    listed = expand_inputs(inputs)
    with ExitStack() as stack:  # locks and the store are released however the build ends
        if output is not None:
            stack.enter_context(_Lock(output))
        sink = stack.enter_context(_StoreSink(store, force)) if store else None
        return _build(listed, output, sink, fmt=fmt, base=base, data_dir=data_dir, ontology_dir=ontology_dir,
                      rules_path=rules_path, max_bytes=max_bytes, jobs=jobs, dask=dask, force=force,
                      progress=progress, stdin=stdin, on_failure=on_failure, batch=batch)


def _build(listed: list[tuple[str, bool]], output: Path | None, sink: "_StoreSink | None", *, fmt: str, base: str,
           data_dir: Path | None, ontology_dir: Path | None, rules_path: Path | None, max_bytes: int | None,
           jobs: int | None, dask: str | None, force: bool, progress: bool | None, stdin: IO[bytes] | None,
           on_failure: Callable[[Failed], None] | None, batch: int) -> CorpusResult:
    from ..rules.pack import Pack

    text_out = output is not None or sink is None  # a store without -o: no text at all
    if not text_out:
        fmt = "nquads"  # what the workers send back for the store
    pack = Pack.load(data_dir, ontology_dir, rules_path)
    comps = pack.components
    settings = Settings(str(data_dir) if data_dir else None, str(ontology_dir) if ontology_dir else None,
                        str(rules_path) if rules_path else None, base, fmt, _key(comps), nquads_too=sink is not None)
    _PACKS[settings] = pack  # forked workers inherit it, loaded and validated
    # an article's key does not depend on the format, so a store and a file share it; a file's
    # chunks are looked up by key and format
    settings_key = hashlib.sha1(json.dumps([comps, base], sort_keys=True).encode()).hexdigest()
    jobs = max(1, jobs or os.cpu_count() or 1)
    if len(listed) == 1 and not _is_jsonl(listed[0][0]) and not dask:
        jobs = 1  # one article file: no pool to start
    total = count_entries(listed) if (progress or progress is None and sys.stderr.isatty()) else None
    res = CorpusResult(fmt=fmt)
    t0 = time.monotonic()

    streamed = fmt in QUAD_FORMATS
    sources = _Sources()
    if output is not None and streamed:
        partial, journal = _hidden(output, "kg-partial"), _hidden(output, "kg-journal")
        # chunks of interrupted runs: move them aside so this run can start its own partial file
        olds = sorted(output.parent.glob(f".{glob.escape(output.name)}.kg-resume*.data"))
        if partial.exists() and journal.exists():
            k = len(olds)
            while _hidden(output, f"kg-resume{k}.data").exists():
                k += 1
            os.replace(partial, _hidden(output, f"kg-resume{k}.data"))
            os.replace(journal, _hidden(output, f"kg-resume{k}.idx"))
            olds.append(_hidden(output, f"kg-resume{k}.data"))
        if not force:
            _add_manifest(sources, output)
            for d in olds:
                sources.add(d, d.with_suffix(".idx"))
    else:
        from ..graph.export import create_beside  # not tempfile: its import costs a one-article build ~3 ms
        if output is not None:
            folder = str(output.parent)
        else:
            import tempfile
            folder = tempfile.gettempdir()
        fd, name = create_beside(folder, ".kg-", ".partial")
        os.close(fd)
        partial, journal, olds = Path(name), Path(name + ".journal"), []

    executor: Any = None
    out_fh = open(partial, "wb")
    jr = open(journal, "w", encoding="utf-8")
    union: set[Any] = set()
    used: set[str] = set()
    seen_ids = IdSet()
    offset = 0
    bar = Progress(total, enabled=progress)
    ok = interrupted = False
    try:
        def write(d: Done, data: bytes | None, rec: dict[str, Any] | None, nq: bytes | None) -> None:
            nonlocal offset
            if not seen_ids.add(d.id):
                fail(Failed(d.index, d.source, f"duplicate article id {d.id!r} (an earlier article has it)"))
                return
            res.articles += 1
            for k, v in (rec["counts"] if rec else d.counts).items():
                res.counts[k] = res.counts.get(k, 0) + v
            res.entities.update(rec["entities"] if rec else d.entities)
            graph = rec.get("graph", "") if rec else d.graph
            if sink is not None and nq is not None:
                sink.put(d.key, d.id, graph, nq, rec["counts"] if rec else d.counts,
                         rec["entities"] if rec else d.entities)
            if data is not None and text_out:
                used.update(rec["used"] if rec else d.used)
                out_fh.write(data)
                out_fh.flush()
                line = {"key": f"{d.key}.{fmt}", "id": d.id, "graph": graph, "source": d.source, "offset": offset,
                        "length": len(data), "sha": rec["sha"] if rec else d.sha or hashlib.sha1(data).hexdigest(),
                        "counts": rec["counts"] if rec else d.counts,
                        "entities": list(rec["entities"] if rec else d.entities),
                        "used": sorted(rec["used"] if rec else d.used)}
                jr.write(json.dumps(line, ensure_ascii=False) + "\n")
                jr.flush()
                offset += len(data)
            elif d.triples is not None and text_out:
                union.update(d.triples)
            if res.articles % 256 == 0:
                _trim()

        def fail(f: Failed) -> None:
            if f.explicit:
                raise InputError(f.source, f.reason, f.line)
            res.failures.append(f)
            if on_failure:
                on_failure(f)

        def emit(item: Done | Failed | tuple[Done, bytes | None, dict[str, Any], bytes | None]) -> None:
            if isinstance(item, Failed):
                fail(item)
            elif isinstance(item, tuple):
                res.reused += 1
                write(*item)
            else:
                write(item, item.chunk, None, item.nq)
            bar.tick()

        # articles per task: a pool task costs the main process about 3 ms (measured on 2 cores),
        # so 16 articles (~150 ms of work) make that ~2% of its time; Dask keeps 4, so a client of a
        # big cluster holds less in flight
        size = batch or (1 if jobs == 1 and not dask else 4 if dask else 16)
        window = 4 * jobs
        pending: deque[Callable[[], list[Any]]] = deque()
        buf: list[Job] = []

        def flush_buf() -> None:
            nonlocal executor
            if not buf:
                return
            if executor is None:
                executor = (_Dask(settings, dask, jobs) if dask else
                            _Pool(settings, jobs) if jobs > 1 else _Local(settings))
            pending.append(executor.submit(list(buf)))
            buf.clear()
            while len(pending) > window:
                for it in pending.popleft()():
                    emit(it)

        for i, entry in enumerate(iter_entries(listed, stdin)):
            try:
                job = read_entry(entry, i, settings_key, max_bytes)
            except InputError as e:
                pr = e.problem
                f = (Failed(i, entry.source, pr.message, entry.explicit, pr.line) if pr.path == entry.source
                     else Failed(i, entry.source, str(pr), entry.explicit))
                flush_buf()
                pending.append(lambda f=f: [f])
                continue
            # reuse: the output file's chunk (checked), and the store's graph or that chunk if it is N-Quads
            hit = sources.get(f"{job.key}.{fmt}") if sources.index else None
            srec = sink.get(job.key) if sink is not None else None
            if hit is not None and text_out or srec is not None and not text_out:
                data, rec = hit or (None, srec)
                nq = None
                if sink is not None and srec is None:
                    nq = data if fmt == "nquads" and rec.get("graph") else None
                if sink is None or srec is not None or nq is not None:
                    flush_buf()
                    d = Done(i, job.source, job.key, rec["id"])
                    pending.append(lambda it=(d, data, rec, nq): [it])
                    continue
            buf.append(job)
            if len(buf) >= size:
                flush_buf()
        flush_buf()
        while pending:
            for it in pending.popleft()():
                emit(it)
        bar.close()
        out_fh.close()
        jr.close()
        if res.articles and text_out:
            header = ""
            if fmt == "trig":
                from ..graph.export import _iri
                prefixes = _prefixes(pack, base)
                header = "\n".join(f"@prefix {p}: {_iri(ns)} ." for p, ns in sorted(prefixes.items()) if p in used) + "\n"
            _finish(partial, journal, output, fmt, header, union, pack, base, comps, offset)
        if sink is not None:
            res.store_note = sink.finish(_prefixes(pack, base))
        ok = True
    except KgError:
        raise
    except BaseException:
        interrupted = True
        raise
    finally:
        bar.close()
        if executor is not None:
            executor.close()
        sources.close()
        out_fh.close()
        jr.close()
        if not (streamed and output is not None and interrupted):
            partial.unlink(missing_ok=True)
            journal.unlink(missing_ok=True)
        if ok:
            for d in olds:
                d.unlink(missing_ok=True)
                d.with_suffix(".idx").unlink(missing_ok=True)
    res.seconds = time.monotonic() - t0
    if fmt not in QUAD_FORMATS:
        res.counts["triples"] = len(union)
    return res


def _trim() -> None:
    """Give freed heap back to the system (glibc). Chunks of ~100 KB arrive on the pool's result
    thread and are freed on this one; without this the allocator's arenas fragment and the main
    process's RSS creeps up with the corpus although Python holds nothing more."""
    global _MALLOC_TRIM
    if _MALLOC_TRIM is None:
        try:
            import ctypes
            _MALLOC_TRIM = ctypes.CDLL("libc.so.6").malloc_trim
        except (OSError, AttributeError):
            _MALLOC_TRIM = False
    if _MALLOC_TRIM:
        _MALLOC_TRIM(0)


_MALLOC_TRIM: Any = None


def _prefixes(pack: Any, base: str) -> dict[str, str]:
    from ..graph.builder import GraphBuilder, Minter
    return GraphBuilder(pack.vocabulary, pack.gazetteer, Minter(base)).prefixes()


def _add_manifest(sources: _Sources, output: Path) -> None:
    man = output.with_name(output.name + MANIFEST_SUFFIX)
    if not man.is_file() or not output.is_file():
        return
    try:
        with open(man, encoding="utf-8") as f:
            head = json.loads(f.readline())
        sources.add(output, man, int(head.get("header", 0)))
    except (ValueError, OSError, AttributeError):
        return  # an unreadable manifest only means a full rebuild


def _finish(partial: Path, journal: Path, output: Path | None, fmt: str, header: str, union: set[Any],
            pack: Any, base: str, comps: dict[str, str], body_len: int) -> None:
    """Turn the partial file into the output (atomic rename), then write the manifest."""
    from ..graph.export import serialize, write_atomic

    if fmt not in QUAD_FORMATS:
        text = serialize(union, fmt, _prefixes(pack, base))
        if output is None:
            sys.stdout.write(text)
            sys.stdout.flush()
        else:
            write_atomic(output, text)
        return
    if output is None:
        with open(partial, "rb") as f:
            out = sys.stdout.buffer
            out.write(header.encode("utf-8"))
            _copy(f, out, body_len)
            out.flush()
        return
    if fmt == "trig":
        tmp = _hidden(output, "kg-final")
        with open(partial, "rb") as f, open(tmp, "wb") as out:
            out.write(header.encode("utf-8"))
            _copy(f, out, body_len)
            out.flush()
            os.fsync(out.fileno())
        partial.unlink()
        partial = tmp
    else:
        with open(partial, "rb+") as f:
            os.fsync(f.fileno())
    _chmod_default(partial)
    os.replace(partial, output)
    man = output.with_name(output.name + MANIFEST_SUFFIX)
    tmp = _hidden(man, "tmp")
    with open(tmp, "w", encoding="utf-8") as out, open(journal, encoding="utf-8") as j:
        out.write(json.dumps({"kg-manifest": 1, "format": fmt, "base": base, "header": len(header.encode("utf-8")),
                              "components": comps}) + "\n")
        for line in j:
            out.write(line)
        out.flush()
        os.fsync(out.fileno())
    _chmod_default(tmp)
    os.replace(tmp, man)
    journal.unlink(missing_ok=True)


def _copy(src: IO[bytes], dst: IO[bytes], n: int) -> None:
    while n > 0:
        b = src.read(min(n, 1 << 20))
        if not b:
            break
        dst.write(b)
        n -= len(b)


def _chmod_default(path: Path) -> None:
    mask = os.umask(0)
    os.umask(mask)
    os.chmod(path, 0o666 & ~mask)
