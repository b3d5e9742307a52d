"""The entities kg knows: stable ids, types, names, aliases and context-bound descriptions.

The gazetteer is data (`data/gazetteer/*.yaml`); every entry becomes an IRI under the base
namespace, and its names are what mention finding looks for.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ..errors import Problem, RuleError
from .vocab import Vocabulary
from ..yamlfile import LDict, LList, load_yaml

ENTITY_KEYS = {"id", "type", "label", "aliases", "descriptions", "demonyms", "same_as", "gender", "note"}
ID_RX = re.compile(r"^[a-z0-9][a-z0-9-]*$")


@dataclass(frozen=True)
class Entity:
    """An entity kg knows, with every name and description that may refer to it."""

    id: str
    type: str
    label: str
    aliases: tuple[str, ...]
    descriptions: tuple[str, ...]
    same_as: tuple[str, ...]
    gender: str | None
    source: str  # file:line, for provenance and messages
    demonyms: tuple[str, ...] = ()


@dataclass
class Gazetteer:
    """All known entities by id, with the files they came from (for messages)."""

    entities: dict[str, Entity]
    files: tuple[str, ...]

    def __len__(self) -> int:
        return len(self.entities)


def load_gazetteer(paths: list[Path], voc: Vocabulary) -> Gazetteer:
    """Load and validate every gazetteer file; all problems are reported together."""
    problems: list[Problem] = []
    entities: dict[str, Entity] = {}
    names: dict[str, str] = {}
    for path in paths:
        doc = load_yaml(path)
        if not isinstance(doc, LDict) or not isinstance(doc.get("entities"), LList):
            problems.append(Problem(str(path), 1, "a gazetteer file is a mapping with a list under 'entities'"))
            continue
        for i, e in enumerate(doc["entities"]):
            line = doc["entities"].item_lines[i]
            ent = _entity(e, str(path), line, voc, problems)
            if ent is None:
                continue
            if ent.id in entities:
                problems.append(Problem(str(path), line, f"entity id {ent.id!r} already defined at {entities[ent.id].source}"))
                continue
            for name in (ent.label, *ent.aliases, *ent.demonyms):
                key = name.lower()
                if names.get(key, ent.id) != ent.id:
                    problems.append(Problem(str(path), line, f"name {name!r} of {ent.id!r} is also a name of {names[key]!r}"))
                names[key] = ent.id
            entities[ent.id] = ent
    if problems:
        raise RuleError(problems)
    return Gazetteer(entities, tuple(str(p) for p in paths))


def _entity(e: object, path: str, line: int, voc: Vocabulary, problems: list[Problem]) -> Entity | None:
    def bad(msg: str, key: str | None = None) -> None:
        kl = e.key_lines.get(key, line) if isinstance(e, LDict) and key else line
        problems.append(Problem(path, kl, msg, e.get("id") if isinstance(e, dict) else None))

    if not isinstance(e, LDict):
        bad("an entity is a mapping (id, type, label, ...)")
        return None
    n = len(problems)
    for k in sorted(set(e) - ENTITY_KEYS):
        bad(f"unknown key {k!r} (known: {', '.join(sorted(ENTITY_KEYS))})", k)
    for k in ("id", "type", "label"):
        if not isinstance(e.get(k), str) or not e.get(k):
            bad(f"missing or empty {k!r}", k)
    if isinstance(e.get("id"), str) and not ID_RX.match(e["id"]):
        bad(f"id {e['id']!r} must be lower-case letters, digits and hyphens", "id")
    if isinstance(e.get("type"), str) and e["type"] not in voc.types:
        bad(f"unknown type {e['type']!r} (known: {', '.join(sorted(voc.types))})", "type")
    lists = {}
    for k in ("aliases", "descriptions", "same_as", "demonyms"):
        v = e.get(k, [])
        if not isinstance(v, list) or not all(isinstance(x, str) and x.strip() for x in v):
            bad(f"{k!r} must be a list of non-empty strings", k)
            v = []
        lists[k] = tuple(v)
    for s in lists["same_as"]:
        if voc.expand(s) is None:
            bad(f"same_as {s!r} needs a declared prefix (e.g. wd:Q42)", "same_as")
    if e.get("gender") not in (None, "male", "female"):
        bad("gender is male or female", "gender")
    if len(problems) > n:
        return None
    return Entity(e["id"], e["type"], e["label"], lists["aliases"], lists["descriptions"], lists["same_as"],
                  e.get("gender"), f"{path}:{line}", lists["demonyms"])
