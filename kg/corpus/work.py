"""The work on one article (in-process, in a worker process or on a Dask worker), its settings, and
the executors that run it: each yields results in input order from a bounded window of work in flight."""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any, Callable

from .. import digest
from ..errors import InputError
from .inputs import Failed, Job

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
    time_limit: float = 0  # seconds one article may take (0: no limit); a slower article fails, the run goes on


# ---------------------------------------------------------------------------------------------
# The work on one article (in a worker process, a Dask worker, or in-process)

@dataclass
class Done:
    """One article built: what the main process writes and counts."""

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
    records: dict[str, list[str]] = field(default_factory=dict)  # kind -> short hashes of its fact and node IRIs


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
    return digest.sha1(json.dumps(comps, sort_keys=True).encode()).hexdigest()


def process(s: Settings, job: Job) -> Done | Failed:
    """Analyse one article and serialise its named graph; any failure is returned, not raised,
    so one bad article never stops the others."""
    try:
        with _time_limit(s.time_limit, job.source):
            return _process(s, job)
    except ArticleTimeout as e:
        return Failed(job.index, job.source, str(e), job.explicit)


class ArticleTimeout(BaseException):  # not an Exception: the per-article handlers must not swallow it
    pass


def _signal() -> Any:
    """Python's signal functions as the interpreter's own `_signal` module has them (the one
    `signal` wraps, already loaded at start): the same calls, with plain ints for signal numbers
    and handlers, without `signal`'s enum classes (~2 M instructions of a one-article build to
    make). `signal` itself where there is no `_signal`."""
    try:
        import _signal

        if all(hasattr(_signal, n) for n in ("signal", "setitimer", "SIGALRM", "ITIMER_REAL")):
            return _signal
    except ImportError:
        pass
    import signal

    return signal


class _time_limit:
    """SIGALRM after `seconds` in the main thread of this process (kg's workers and -j 1 run articles
    there; a Dask worker's threads cannot take signals and get no limit)."""

    def __init__(self, seconds: float, source: str):
        self.seconds, self.source = seconds, source

    def __enter__(self) -> None:
        import threading

        self.armed = bool(self.seconds) and threading.current_thread() is threading.main_thread()
        if self.armed:
            signal = _signal()

            def expire(signum: int, frame: Any) -> None:
                raise ArticleTimeout(f"took longer than {self.seconds:g} s (--article-timeout): skipped")
            self.old = signal.signal(signal.SIGALRM, expire)
            signal.setitimer(signal.ITIMER_REAL, self.seconds)

    def __exit__(self, *exc: Any) -> None:
        if self.armed:
            signal = _signal()
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, self.old)


def _process(s: Settings, job: Job) -> Done | Failed:
    from ..graph.build import analyse
    from ..reading.document import parse_article
    from ..graph.export import _block, _Names, to_nquads
    from ..graph.builder import GraphBuilder, Minter

    art = None
    try:
        pack = _pack_for(s)
        text, meta, date_source = job.text, job.meta, job.date_source
        if job.html is not None:  # a saved page or an archived response: its main text and metadata
            from ..reading.html import extract_page

            page = extract_page(job.html, job.source, url=meta.get("url"))
            text, meta = page.text, {**page.meta, **meta}
            date_source = page.date_source if "date" in page.meta and "date" not in job.meta else date_source
        _check_language(text, meta, pack.layout.languages, job.source)
        art = parse_article(text, source=job.source, layout=pack.layout, meta=meta,
                            default_id=job.default_id, date_source=date_source)
        ex = analyse(art, pack)
        gb = GraphBuilder(pack.vocabulary, pack.gazetteer, Minter(s.base))
        gb.add_extraction(ex)
    except InputError as e:
        return Failed(job.index, job.source, e.problem.message, job.explicit, e.problem.line)
    except Exception as e:  # a rule or the engine failed on this article: report, skip, go on
        return Failed(job.index, job.source, f"extraction failed: {type(e).__name__}: {e}",
                      id=art.id if art is not None and art.id else None)
    ((g, ts),) = gb.kg_graphs.items()  # one article, one graph: its triples are the builder's union
    counts = dict(gb.counts, firings=len(ex.firings) + gb.counts["joins"], sentences=len(art.sentences), triples=len(ts))
    if art.date is None:
        counts["undated"], counts["unresolved times"] = 1, len(art.unresolved_times)
    done = Done(job.index, job.source, job.key, art.id, counts=counts, entities=tuple(sorted(gb._entities)),
                graph=str(g), records=_records(gb, ts))
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
        done.sha = digest.sha1(done.chunk).hexdigest()
    if s.nquads_too:
        done.nq = nq  # the same object as chunk for N-Quads: pickled once
    return done


def _check_language(text: str, meta: dict[str, Any], languages: frozenset[str], source: str) -> None:
    """Skip an article the rule pack cannot read: its language, detected from the text (or, for
    a text too short to tell, as its page or feed declares it), must be one the pack declares."""
    from ..reading.language import detect, primary

    if not languages:
        return
    found = detect(text)
    lang, how = (found[0], "detected") if found else (primary(str(meta["language"])), "declared") \
        if meta.get("language") else (None, "")
    if lang is not None and lang not in languages:
        raise InputError(source, f"the article is in language {lang!r} ({how}), not one the rule pack reads "
                                 f"({', '.join(sorted(languages))}): skipped; a pack for it declares "
                                 f"`languages:` in its layout.yaml")


def _records(gb: Any, triples: Any) -> dict[str, list[str]]:
    """The article's fact records and event, statement and role nodes, as short hashes, so the
    corpus summary counts them once however many articles report them."""
    from ..graph.iris import KGO, _u
    from ..knowing.vocab import RDF

    # one pass; predicates tested by dictionary lookup with the builder's own shared IRI objects,
    # so a hit is an identity check (an IRI made here would be compared by the term class's
    # Python __eq__ at every triple whose predicate it is)
    which = {_u(KGO + "claimedBy"): 0, _u(RDF + "type"): 1}
    claimed: set[Any] = set()
    types: dict[str, set[str]] = {}
    nodes = gb._nodes
    for s, p, o in triples:
        k = which.get(p)
        if k is None:
            continue
        if k == 0:
            claimed.add(s)
        elif s in nodes:
            types.setdefault(s, set()).add(str(o))
    out: dict[str, list[str]] = {"facts": [], "claims": [], "events": [], "statements": [], "roles": []}
    for r in gb._facts:
        out["claims" if r in claimed else "facts"].append(_short(r))
    for n, cs in types.items():
        kinds = {gb._kind(str(c)) for c in cs}
        kind = next((k for k in ("statements", "events", "roles") if k in kinds), None)
        if kind:
            out[kind].append(_short(n))
    return {k: sorted(v) for k, v in out.items() if v}


def _short(iri: str) -> str:
    return digest.blake2b(iri.encode("utf-8"), digest_size=8).hexdigest()


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
