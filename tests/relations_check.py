"""A sentence's relations as the held-out scorer reads them back from the RDF, for the rule tests
that hold a sentence to exactly the relations a reader lists (the scorer is the one judge)."""
from __future__ import annotations

import datetime as dt
import importlib.util
import sys
from typing import Any, Callable

from .conftest import ROOT


def scorer() -> Any:
    name = "heldout_evaluate_world"
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, ROOT / "tests" / "heldout" / "evaluate_world.py")
        mod = importlib.util.module_from_spec(spec)
        sys.modules[name] = mod
        spec.loader.exec_module(mod)
    return sys.modules[name]


def unexpected_and_missed(pack: Any, text: str, date: str, expect: list[str], keep: Callable[[Any], bool],
                          source: str = "rules-test") -> tuple[list[str], list[str]]:
    """The relations kg gives beyond `expect`, and those of `expect` it does not give, among those `keep` admits."""
    ev = scorer()
    g, names, _ = ev._build(text, source, {"id": source, "date": dt.date.fromisoformat(date)}, pack)
    gold = [ev.parse_rel(r) for r in expect]
    got = {r for r in ev._graph_relations(g) if keep(r)}
    pairs = ev.match_relations(gold, got, names, {}, {})
    wrong = [str(k) for k, gr in pairs if gr is None]
    matched = {id(gr) for _, gr in pairs if gr is not None}
    return wrong, [str(gr) for gr in gold if id(gr) not in matched]
