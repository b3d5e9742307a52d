"""Roles (titles of posts) and seats of power, as data (`data/roles.yaml`).

A role mention ("foreign minister", "Vice President") is exposed to patterns as an entity of
type `Role`, whose IRI is the role's own (`kgo:ForeignMinister`), so that one post rule covers
every title ("[{c:Country}] {r:Role} {p:Person}"). Longest form wins: "vice president" is a
role of its own and never a "president".
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..errors import Problem, RuleError
from ..yamlfile import LDict, LList, load_yaml
from .gazetteer import Entity
from .vocab import Vocabulary

ROLE_KEYS = {"iri", "label", "variants", "body", "sector", "broader", "note", "default_body"}
SEAT_KEYS = {"name", "variants", "stands_for", "kind", "note"}


@dataclass(frozen=True)
class RoleEntity(Entity):
    """A role as an entity of type Role; `iri` is the role's IRI (the id is its CURIE), so the
    graph writes `kgo:ForeignMinister`, not a minted entity IRI."""

    iri: str = ""
    broader: str | None = None
    body: str = ""
    sector: str | None = None
    default_body: str | None = None  # a gazetteer id: "the Secretary-General's X" with no holder named is this body's X


@dataclass(frozen=True)
class Seat:
    """A capital or seat of power that stands for a state when it acts."""

    names: tuple[str, ...]
    stands_for: str  # a name the gazetteer knows
    kind: str  # capital | seat
    source: str


@dataclass
class RoleLexicon:
    """The roles by CURIE and the seats of power, as loaded from data/roles.yaml."""

    roles: dict[str, RoleEntity] = field(default_factory=dict)
    seats: list[Seat] = field(default_factory=list)

    def narrower_or_same(self, role: str, general: str) -> bool:
        """Whether `role` is `general` or below it through `broader` ("the envoy" covers a special envoy)."""
        seen: set[str] = set()
        r: str | None = role
        while r is not None and r not in seen:
            if r == general:
                return True
            seen.add(r)
            r = self.roles[r].broader if r in self.roles else None
        return False


def load_roles(path: Path, voc: Vocabulary) -> RoleLexicon:
    """Load and validate data/roles.yaml; every problem is reported as FILE:LINE at once."""
    lex = RoleLexicon()
    if not path.is_file():
        return lex
    doc = load_yaml(path)
    problems: list[Problem] = []
    if not isinstance(doc, LDict) or not isinstance(doc.get("roles", []), LList):
        raise RuleError([Problem(str(path), 1, "a roles file is a mapping with a list under 'roles' (and 'seats')")])
    forms: dict[str, str] = {}
    for i, r in enumerate(doc.get("roles", [])):
        line = doc["roles"].item_lines[i]

        def bad(msg: str, key: str | None = None) -> None:
            kl = r.key_lines.get(key, line) if isinstance(r, LDict) and key else line
            problems.append(Problem(str(path), kl, msg))
        if not isinstance(r, LDict):
            bad("a role is a mapping (iri, label, variants, body, sector, broader)")
            continue
        for k in sorted(set(r) - ROLE_KEYS):
            bad(f"unknown key {k!r} (known: {', '.join(sorted(ROLE_KEYS))})", k)
        iri, label = r.get("iri"), r.get("label")
        if not isinstance(iri, str) or not isinstance(label, str) or not label.strip():
            bad("a role needs an 'iri' (a CURIE) and a 'label'")
            continue
        full = voc.expand(iri)
        if full is None:
            bad(f"iri {iri!r} needs a declared prefix", "iri")
            continue
        if full not in voc.individuals:
            bad(f"role {iri!r} is not declared in the ontology (ontology/*.ttl: `{iri} a org:Role`)", "iri")
        variants = r.get("variants", [])
        if not isinstance(variants, list) or not all(isinstance(v, str) and v.strip() for v in variants):
            bad("'variants' must be a list of non-empty strings", "variants")
            variants = []
        for f in (label, *variants):
            key = f.casefold()
            if forms.get(key, iri) != iri:
                bad(f"form {f!r} of {iri} is also a form of {forms[key]}", "variants")
            forms[key] = iri
        if iri in lex.roles:
            bad(f"role {iri} is defined twice", "iri")
        lex.roles[iri] = RoleEntity(iri, "Role", label, tuple(variants), (), (), None, f"{path}:{line}", (),
                                    iri=full, broader=r.get("broader"), body=str(r.get("body", "")),
                                    sector=r.get("sector"), default_body=r.get("default_body"))
    for iri, role in lex.roles.items():
        if role.broader is not None and role.broader not in lex.roles:
            problems.append(Problem(str(path), int(role.source.rsplit(":", 1)[1]), f"{iri}: broader role {role.broader!r} is not in this file"))
    seats = doc.get("seats", [])
    if not isinstance(seats, list):
        problems.append(Problem(str(path), doc.key_lines.get("seats", 1), "'seats' must be a list"))
        seats = []
    for i, s in enumerate(seats):
        line = doc["seats"].item_lines[i]
        if not isinstance(s, dict) or not isinstance(s.get("name"), str) or not isinstance(s.get("stands_for"), str):
            problems.append(Problem(str(path), line, "a seat is a mapping with 'name' and 'stands_for'"))
            continue
        unknown = sorted(set(s) - SEAT_KEYS)
        if unknown:
            problems.append(Problem(str(path), line, f"unknown key {unknown[0]!r} (known: {', '.join(sorted(SEAT_KEYS))})"))
        if s.get("kind", "seat") not in ("seat", "capital"):
            problems.append(Problem(str(path), line, "a seat's kind is 'seat' or 'capital'"))
        lex.seats.append(Seat((s["name"], *(s.get("variants") or [])), s["stands_for"], s.get("kind", "seat"), f"{path}:{line}"))
    if problems:
        raise RuleError(problems)
    return lex
