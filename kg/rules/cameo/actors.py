"""Actors for the coder: from an actor dictionary (read by kg.knowing.phoenix, the same parser the
world gazetteer import uses) or from kg's mentions of entities that carry CAMEO codes.

Either way the coder gets `Unit`s: token spans with the actor's code on the article's date.
"""
from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any, Sequence

from ...errors import Problem, RuleError
from .pack import _trie_add, find_phrases
from .phrases import Unit
from .dictionary import plural, words


def code_on(restrictions: Sequence[Any], day: date | None) -> str | None:
    """The first date-bounded code valid on `day`, else the undated (default) one."""
    default = None
    for r in restrictions:
        if r.start is None and r.end is None:
            default = default or r.code
            continue
        if day is not None and (r.start is None or r.start <= day) and (r.end is None or day <= r.end):
            return r.code
    return default


class ActorTable:
    """Actor phrases of one or more actor dictionaries, as a word trie."""

    def __init__(self) -> None:
        self.trie: dict = {}
        self.count = 0

    @classmethod
    def from_files(cls, paths: Sequence[str | Path]) -> "ActorTable":
        from ...knowing.phoenix import parse_actors

        problems: list[Problem] = []
        table = cls()
        for p in paths:
            for rec in parse_actors(Path(p), problems, []):
                label = rec.names[0].replace("_", " ").strip() if rec.names else ""
                for name in rec.names:
                    ws = words(name)
                    if not ws:
                        continue
                    table.add(ws, label, rec.codes)
                    if not name.rstrip().endswith("_"):
                        table.add(ws[:-1] + [plural(ws[-1])], label, rec.codes)
        if problems:
            raise RuleError(problems)
        return table

    def add(self, ws: list[str], label: str, codes: Sequence[Any]) -> None:
        _trie_add(self.trie, ws, (label, tuple(codes)))
        self.count += 1

    def units(self, toks: Sequence[str], day: date | None) -> list[Unit]:
        out = []
        for a, b, (label, codes) in find_phrases(self.trie, toks):
            code = code_on(codes, day)
            if code and code != "---":
                out.append(Unit(a, b, code, label=label))
        return out
