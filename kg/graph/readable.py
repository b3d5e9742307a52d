"""Terms as people read them: one table of prefixes for every answer kg shows, whether the graph
came from a file (where rdflib renames a clashing prefix, `schema1:`, or invents `ns1:`) or from
a store (which keeps the prefixes it was given), and compact names for IRIs without labels."""
from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from functools import lru_cache

from .builder import DEFAULT_BASE

BASE_PREFIXES = {"kgr": "", "ent": "entity/", "node": "node/", "fact": "fact/", "firing": "firing/", "rule": "rule/",
                 "art": "article/"}
_GENERATED = re.compile(r"ns\d+|[a-z]+\d+")  # rdflib's own names for namespaces it was not given one for


@lru_cache(maxsize=1)
def _shipped() -> tuple[tuple[str, str], ...]:
    """The prefixes of kg's shipped vocabulary (data/vocabulary.yaml), read without the rule pack."""
    import yaml

    from ..rules.pack import default_data_dir

    try:
        d = yaml.safe_load((default_data_dir() / "vocabulary.yaml").read_text(encoding="utf-8"))
        return tuple((str(k), str(v)) for k, v in (d.get("prefixes") or {}).items())
    except (OSError, AttributeError, yaml.YAMLError):
        return ()


def display_prefixes(own: Iterable[tuple[str, str]] | Mapping[str, str] = (), base: str = DEFAULT_BASE) -> dict[str, str]:
    """kg's prefixes first (the vocabulary's, then ent:, node:, fact:, ... under `base`), then the
    graph's own for namespaces kg has no name for, skipping names rdflib generated."""
    out: dict[str, str] = dict(_shipped())
    out.update({p: base + tail for p, tail in BASE_PREFIXES.items()})
    known = set(out.values())
    items = own.items() if isinstance(own, Mapping) else own
    for p, ns in sorted((str(p), str(ns)) for p, ns in items):
        if ns in known or p in out or not p or _GENERATED.fullmatch(p):
            continue
        out[p] = ns
        known.add(ns)
    return out


class Curies:
    """Compact names (`kgo:Meeting`, `ent:hamas`) for IRIs; `<iri>` when no prefix fits."""

    def __init__(self, prefixes: Mapping[str, str]):
        self.prefixes = sorted(prefixes.items(), key=lambda kv: (-len(kv[1]), kv[0]))  # longest namespace wins

    def __call__(self, iri: str) -> str:
        for p, ns in self.prefixes:
            if ns and iri.startswith(ns) and re.fullmatch(r"[\w.-]*", iri[len(ns):]) and not iri.endswith("."):
                return f"{p}:{iri[len(ns):]}"
        return f"<{iri}>"
