"""The driver of a corpus build: inputs to workers to the output file and/or store, then the atomic
finish and the manifest."""
from __future__ import annotations

import errno
import glob
import json
import os
import sys
import time
from collections import deque
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, Callable, Iterable

from .. import digest
from ..errors import InputError, KgError
from .inputs import Failed, Job, count_entries, expand_inputs, iter_entries, read_entry, _is_jsonl
from .progress import Progress
from .sinks import IdSet, _Lock, _Sources, _StoreSink, _drop_state_dir, _state
from .work import Done, Settings, _Dask, _Local, _PACKS, _Pool, _key

QUAD_FORMATS = ("nquads", "trig")
MANIFEST_SUFFIX = ".manifest.jsonl"  # .kg/OUTPUT.manifest.jsonl beside the output
LEGACY_MANIFEST_SUFFIX = ".kg-manifest"  # OUTPUT.kg-manifest of earlier versions: read once, then removed
MERGED_KINDS = ("facts", "events", "statements", "claims", "roles")


@dataclass
class CorpusResult:
    """What a corpus build did: articles built and reused, failures, counts."""

    articles: int = 0
    reused: int = 0
    failures: list[Failed] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(
        ("facts", "events", "statements", "claims", "roles", "firings", "sentences", "triples"), 0))
    entities: set[str] = field(default_factory=set)
    fmt: str = "turtle"
    seconds: float = 0.0
    store_note: str = ""  # with a store: how many graphs went in, and the store's size
    reported: dict[str, int] = field(default_factory=dict)  # facts, events, ... summed over the articles
    undated: list[str] = field(default_factory=list)  # sources of the articles with no date found (first 20)

    def summary(self) -> str:
        """Counts of the merged graph: a fact three articles report is one fact (its record
        merges them), so facts, events, statements, claims and roles are counted once each."""
        c = self.counts
        unit = "quads" if self.fmt in QUAD_FORMATS else "triples"
        s = (f"{self.articles} article(s): {len(self.entities)} entities, {c['facts']} facts, {c['events']} events, "
             f"{c['statements']} statements, {c['claims']} claims, {c['roles']} roles, {c['firings']} rule firings, "
             f"{c['triples']} {unit}")
        if self.reused:
            s += f"; {self.reused} unchanged"
        if self.failures:
            s += f"; {len(self.failures)} failed"
        if c.get("undated"):
            names = ", ".join(self.undated[:3]) + (", ..." if c["undated"] > 3 else "")
            s += (f"; warning: no date found in {c['undated']} article(s) ({names}): "
                  f"{c.get('unresolved times', 0)} relative time(s) left unresolved")
        return s


def build_corpus(inputs: Iterable[str | Path], output: Path | None, *, fmt: str, base: str,
                 data_dir: Path | None = None, ontology_dir: Path | None = None, rules_path: Path | None = None,
                 max_bytes: int | None = None, jobs: int | None = None, dask: str | None = None,
                 force: bool = False, progress: bool | None = None, stdin: IO[bytes] | None = None,
                 on_failure: Callable[[Failed], None] | None = None, batch: int = 0,
                 store: str | None = None, time_limit: float = 0, pack: Any = None) -> CorpusResult:
    """Build the graph of a corpus into `output` (None: standard output, or no text at all when
    `store` is given) and into the store `store` names (``oxigraph:PATH``) if any; `pack` is the
    rule pack of data_dir/ontology_dir/rules_path when the caller loaded it already. Raises
    InputError for bad input that stops everything (BusyError if another build is writing the
    same output or store); per-article failures are in the result."""
    from contextlib import ExitStack

    listed = expand_inputs(inputs)
    with ExitStack() as stack:  # locks and the store are released however the build ends
        if output is not None:  # a symlink's target is written; a FIFO or device is streamed into, never replaced
            from ..graph.export import output_target, stdout_into
            output, streamed = output_target(output)
            if streamed:
                if store:
                    raise InputError(output, "cannot write: a FIFO or device output cannot go with a store")
                stack.enter_context(stdout_into(output))
                output = None
        if output is not None:
            stack.enter_context(_Lock(output))
        sink = stack.enter_context(_StoreSink(store, force)) if store else None
        return _build(listed, output, sink, fmt=fmt, base=base, data_dir=data_dir, ontology_dir=ontology_dir,
                      rules_path=rules_path, max_bytes=max_bytes, jobs=jobs, dask=dask, force=force,
                      progress=progress, stdin=stdin, on_failure=on_failure, batch=batch,
                      time_limit=time_limit, pack=pack)


def _build(listed: list[tuple[str, bool]], output: Path | None, sink: "_StoreSink | None", *, fmt: str, base: str,
           data_dir: Path | None, ontology_dir: Path | None, rules_path: Path | None, max_bytes: int | None,
           jobs: int | None, dask: str | None, force: bool, progress: bool | None, stdin: IO[bytes] | None,
           on_failure: Callable[[Failed], None] | None, batch: int, time_limit: float = 0,
           pack: Any = None) -> CorpusResult:
    from ..rules.pack import Pack

    text_out = output is not None or sink is None  # a store without -o: no text at all
    if not text_out:
        fmt = "nquads"  # what the workers send back for the store
    pack = pack or Pack.load(data_dir, ontology_dir, rules_path)
    comps = pack.components
    settings = Settings(str(data_dir) if data_dir else None, str(ontology_dir) if ontology_dir else None,
                        str(rules_path) if rules_path else None, base, fmt, _key(comps), nquads_too=sink is not None,
                        time_limit=time_limit)
    _PACKS[settings] = pack  # forked workers inherit it, loaded and validated
    # an article's key does not depend on the format, so a store and a file share it; a file's
    # chunks are looked up by key and format
    settings_key = digest.sha1(json.dumps([comps, base], sort_keys=True).encode()).hexdigest()
    jobs = max(1, jobs or os.cpu_count() or 1)
    if len(listed) == 1 and not _is_jsonl(listed[0][0]) and not dask:
        jobs = 1  # one article file: no pool to start
    total = count_entries(listed) if (progress or progress is None and sys.stderr.isatty()) else None
    res = CorpusResult(fmt=fmt)
    t0 = time.monotonic()

    streamed = fmt in QUAD_FORMATS
    sources = _Sources()
    if output is not None and streamed:
        partial, journal = _state(output, "partial", create=True), _state(output, "journal")
        # chunks of interrupted runs: move them aside so this run can start its own partial file
        olds = sorted(partial.parent.glob(f"{glob.escape(output.name)}.resume*.data"))
        if partial.exists() and journal.exists():
            k = len(olds)
            while _state(output, f"resume{k}.data").exists():
                k += 1
            os.replace(partial, _state(output, f"resume{k}.data"))
            os.replace(journal, _state(output, f"resume{k}.idx"))
            olds.append(_state(output, f"resume{k}.data"))
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
    merged = {k: IdSet() for k in MERGED_KINDS}
    distinct = dict.fromkeys(MERGED_KINDS, 0)
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
            records = rec.get("records", {}) if rec else d.records
            for kind, hashes in records.items():
                if kind in merged:
                    distinct[kind] += sum(merged[kind].add(h) for h in hashes)
            if (rec["counts"] if rec else d.counts).get("undated") and len(res.undated) < 20:
                res.undated.append(d.source)
            graph = rec.get("graph", "") if rec else d.graph
            if sink is not None and nq is not None:
                sink.put(d.key, d.id, graph, nq, rec["counts"] if rec else d.counts,
                         rec["entities"] if rec else d.entities)
            if data is not None and text_out:
                used.update(rec["used"] if rec else d.used)
                out_fh.write(data)
                out_fh.flush()
                line = {"key": f"{d.key}.{fmt}", "id": d.id, "graph": graph, "source": d.source, "offset": offset,
                        "length": len(data), "sha": rec["sha"] if rec else d.sha or digest.sha1(data).hexdigest(),
                        "counts": rec["counts"] if rec else d.counts,
                        "entities": list(rec["entities"] if rec else d.entities), "records": records,
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

        for i, entry in enumerate(iter_entries(listed, stdin, max_bytes)):
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
    except OSError as e:
        if e.errno in _FULL and (output is not None or sink is not None):  # nothing partial is kept
            raise InputError(output if output is not None else sink.spec,  # type: ignore[union-attr]
                             f"cannot write: {e.strerror or e} (nothing written; any previous output is unchanged)") from None
        interrupted = True
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
        if output is not None and streamed:
            _drop_state_dir(output)
    res.reported = {k: res.counts.get(k, 0) for k in MERGED_KINDS}
    res.counts.update(distinct)
    res.seconds = time.monotonic() - t0
    if fmt not in QUAD_FORMATS:
        res.counts["triples"] = len(union)
    return res


_FULL = {errno.ENOSPC, errno.EDQUOT, errno.EFBIG}  # a full disk, a quota, a file size limit


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
    man = _state(output, MANIFEST_SUFFIX[1:])
    if not man.is_file():
        man = output.with_name(output.name + LEGACY_MANIFEST_SUFFIX)
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
        tmp = _state(output, "final")
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
    man = _state(output, MANIFEST_SUFFIX[1:], create=True)
    tmp = _state(output, "manifest.tmp")
    try:
        with open(tmp, "w", encoding="utf-8") as out, open(journal, encoding="utf-8") as j:
            out.write(json.dumps({"kg-manifest": 1, "format": fmt, "base": base, "header": len(header.encode("utf-8")),
                                  "components": comps}) + "\n")
            for line in j:
                out.write(line)
            out.flush()
            os.fsync(out.fileno())
        _chmod_default(tmp)
        os.replace(tmp, man)
    finally:
        tmp.unlink(missing_ok=True)
    output.with_name(output.name + LEGACY_MANIFEST_SUFFIX).unlink(missing_ok=True)  # moved into .kg/
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
