"""Corpus builds: many articles in, one graph file out, streamed, in parallel, incrementally.

Why this shape:

* Each article is analysed on its own (a fresh GraphBuilder per article), so memory does not
  grow with the corpus; entities and fact records still merge in the union because their IRIs
  are minted from content (gazetteer id; hash of the triple and its factuality).
* Workers (processes, or Dask) return each article's serialised named graph; the main process
  writes the chunks in input order, so the output is the same whatever the number of workers.
* N-Quads and TriG are streamed: chunks go to a partial file in `.kg/` next to the output, and a
  journal line per chunk (content hash, offset, length, checksum) follows each one. At the end
  the partial file becomes the output by an atomic rename (TriG gets its prefix header in one
  sequential copy). A killed run leaves the output untouched; the next run reuses every
  journaled chunk. The journal, kept as the manifest `.kg/OUTPUT.manifest.jsonl`, makes rebuilds
  incremental; `.kg/` beside the output holds all of kg's bookkeeping (partial file, journal, lock).
* Turtle, N-Triples and JSON-LD are one merged graph: their union is held in memory and written
  at the end (fine for thousands of articles; use N-Quads or TriG for millions).

Inputs: text, JSON Lines, saved pages, RSS/Atom feeds and WARC archives (docs/inputs.md).

Modules by job: inputs (listing and reading entries), work (settings, processing, pools, Dask),
sinks (chunk sources, lock, store sink, id set), progress, build (build_corpus and finishing).
"""
from __future__ import annotations

from .build import MANIFEST_SUFFIX, QUAD_FORMATS, CorpusResult, build_corpus
from .inputs import (ARTICLE_SUFFIXES, JSONL_KEYS, JSONL_SUFFIXES, Entry, Failed, Job, count_entries,
                     expand_inputs, iter_entries, read_entry)
from .progress import Progress
from .sinks import STORE_MANIFEST, BusyError, IdSet
from .work import Done, Settings, process, process_batch

__all__ = ["ARTICLE_SUFFIXES", "JSONL_KEYS", "JSONL_SUFFIXES", "MANIFEST_SUFFIX", "QUAD_FORMATS", "STORE_MANIFEST",
           "BusyError", "CorpusResult", "Done", "Entry", "Failed", "IdSet", "Job", "Progress", "Settings",
           "build_corpus", "count_entries", "expand_inputs", "iter_entries", "process", "process_batch", "read_entry"]
