"""Reading graph files that kg (or anyone) wrote, with errors that name the file."""
from __future__ import annotations

from pathlib import Path

from rdflib import Dataset, Graph

from ..errors import InputError

_BY_EXT = {".ttl": "turtle", ".nt": "nt", ".trig": "trig", ".nq": "nquads", ".jsonld": "json-ld", ".json": "json-ld"}


def load_graph(path: str | Path, fmt: str | None = None) -> Graph:
    """Parse a graph file into one rdflib Graph (quad formats are merged into their union)."""
    path = Path(path)
    if not path.is_file():
        raise InputError(path, "no such file" if not path.exists() else "not a file")
    fmt = fmt or _BY_EXT.get(path.suffix.lower())
    if fmt is None:
        raise InputError(path, f"unknown graph format {path.suffix!r} (use .ttl, .nt, .trig, .nq or .jsonld)")
    try:
        if fmt in ("trig", "nquads"):
            ds = Dataset()
            ds.parse(str(path), format=fmt)
            g = Graph(bind_namespaces="none")
            for p, ns in ds.namespaces():
                g.bind(p, ns)
            for s, p, o, _ in ds.quads((None, None, None, None)):
                g.add((s, p, o))
            return g
        g = Graph(bind_namespaces="none")  # the file's own prefixes, not rdflib's defaults
        g.parse(str(path), format=fmt)
        return g
    except Exception as e:  # rdflib raises many types for bad syntax
        raise InputError(path, f"not valid {fmt}: {str(e).splitlines()[0][:300]}") from None
