"""Where a build's chunks go and come from: chunks of earlier runs (manifest, journals), the build
lock, the Oxigraph store sink, and the set of article ids seen."""
from __future__ import annotations

import json
import os
from pathlib import Path
from typing import IO, Any, Iterable

from .. import digest
from ..errors import InputError, KgError

STORE_MANIFEST = "kg-manifest.jsonl"  # in an Oxigraph store's folder, beside kg-prefixes.json


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
        if len(data) != ln or digest.sha1(data).hexdigest() != sha:
            return None
        return data, rec

    def close(self) -> None:
        for f in self.files:
            f.close()


STATE_DIR = ".kg"  # beside an output: its manifest, and while a build runs its partial file, journal and lock


def _state(out: Path, tag: str, create: bool = False) -> Path:
    """Where kg keeps what it knows of an output file or store: `.kg/NAME.TAG` beside it, one
    hidden folder for all of kg's bookkeeping rather than files littered beside every output."""
    d = out.parent / STATE_DIR
    if create:
        os.makedirs(d, exist_ok=True)
    return d / f"{out.name}.{tag}"


def _drop_state_dir(out: Path) -> None:
    try:
        os.rmdir(out.parent / STATE_DIR)  # only when empty: nothing kept for this or another output
    except OSError:
        pass


def _hidden(out: Path, tag: str) -> Path:
    return out.with_name(f".{out.name}.{tag}")


class BusyError(KgError):
    """Another kg build is writing the same output or store."""


class _Lock:
    """An exclusive lock on what a build writes (an output file, a store), held for the whole build
    in `.kg/NAME.lock` beside it, so two builds never interleave their partial files, journals,
    manifests or graphs. A second build fails at once, naming the holder, rather than waiting:
    two builds of one output at once are a mistake (an overlapping cron job, a double start), a
    waiting build would redo or undo the other's work behind the user's back, and whoever wants
    to queue can (`flock FILE kg build ...`). The lock goes with the process, even on kill -9."""

    def __init__(self, target: Path):
        self.target = Path(target)
        self.path, self.fd = _state(self.target, "lock"), None
        try:
            import fcntl
        except ImportError:  # not POSIX: no locking
            return
        try:
            os.makedirs(self.path.parent, exist_ok=True)
        except OSError as e:
            raise InputError(target, f"cannot write: {e.strerror or e}") from None
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
        try:
            os.ftruncate(fd, 0)
            os.write(fd, f"{os.getpid()}\n".encode())
        except OSError as e:  # a full disk: leave no stale lock file behind
            self.path.unlink(missing_ok=True)
            os.close(fd)
            _drop_state_dir(self.target)
            raise InputError(target, f"cannot write: {e.strerror or e}") from None
        self.fd = fd

    def release(self) -> None:
        if self.fd is not None:
            self.path.unlink(missing_ok=True)  # while still held, so no one locks a removed file
            os.close(self.fd)
            self.fd = None
            _drop_state_dir(self.target)

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
        h = int.from_bytes(digest.blake2b(ident.encode("utf-8", "surrogatepass"), digest_size=8).digest(), "big") | 1
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
