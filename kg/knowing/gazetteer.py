"""The entities kg knows: stable ids, types, names, aliases and context-bound descriptions.

The gazetteer is data (`data/gazetteer/*.yaml`); every entry becomes an IRI under the base
namespace, and its names are what mention finding looks for.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from ..errors import Problem, RuleError
from ..yamlfile import LDict, LList, load_yaml
from .entity import Affiliation, Code, Entity, name_key  # noqa: F401 (Affiliation, Code: the API, re-exported)
from .vocab import Vocabulary
from .worldstore import WorldStore

ENTITY_KEYS = {"id", "type", "label", "aliases", "descriptions", "demonyms", "same_as", "gender", "note",
               "codes", "affiliations", "located_in", "capital", "part_of", "source"}
EXTEND_KEYS = {"extends", "aliases", "demonyms", "codes", "affiliations", "located_in", "capital", "part_of", "source",
               "note"}
ID_RX = re.compile(r"^[a-z0-9][a-z0-9-]*$")


@dataclass
class Gazetteer:
    """The entities kg knows. `entities` holds the curated ones (hand-written in the pack, with
    what the world import adds to them), as Entity objects; `world` the imported ones, decoded on
    demand (see WorldStore). `get`, `candidates`, `pick` and `by_code` look in both, curated first."""

    entities: dict[str, Entity]
    files: tuple[str, ...]
    world: WorldStore | None = None
    # curated entity id -> the aliases the world import added to it: proper names, which the mention
    # finder matches only written with their capitals, as it does the world's own ("U.S. military
    # support" is not the U.S. Department of Defense's imported alias "U.S. Military")
    imported_aliases: dict[str, frozenset[str]] = field(default_factory=dict)
    _curated_names: dict[str, tuple[str, ...]] | None = None
    _curated_codes: dict[str, tuple[str, ...]] | None = None

    def __len__(self) -> int:
        return len(self.entities) + (len(self.world) if self.world else 0)

    def get(self, entity_id: str) -> Entity | None:
        """A curated or imported entity by id."""
        e = self.entities.get(entity_id)
        if e is None and self.world is not None:
            e = self.world.get(entity_id)
        return e

    def all(self):
        """Every entity, curated first (decodes the whole world: for tools, not for builds)."""
        yield from self.entities.values()
        if self.world is not None:
            yield from self.world

    def candidates(self, name: str) -> list[Entity]:
        """Every entity that has `name` as label, alias or demonym (compared by name key), curated
        ones first, then imported ones in import order: the names engineer picks among them."""
        if self._curated_names is None:
            self._index()
        k = name_key(name)
        out = [self.entities[i] for i in self._curated_names.get(k, ())]  # type: ignore[union-attr]
        if self.world is not None:
            out += self.world.named(k)
        return out

    def pick(self, name: str, day: date | None = None) -> Entity | None:
        """The entity a name means on `day`: a curated one if any; else the only candidate, or
        the only one with a dated code or affiliation valid that day; None when undecidable."""
        cands = self.candidates(name)
        curated = [e for e in cands if e.curated]
        if curated:
            return curated[0]
        if len(cands) == 1:
            return cands[0]
        if day is not None:
            active = [e for e in cands if e.active_on(day)]
            if len(active) == 1:
                return active[0]
        return None

    def match_world(self, norms: list[str], folded: list[str], i: int,
                    day: date | None = None) -> tuple[int, Entity | None, list[Entity]] | None:
        """The longest imported name at token i: (end token, the entity it means on `day` or None
        when several share it and the date does not decide, all of them). For mention finding,
        after the curated names: `norms`/`folded` are the tokens' `norm`/`folded` forms."""
        if self.world is None:
            return None
        hit = self.world.longest(norms, folded, i)
        if hit is None:
            return None
        end, ents = hit
        if len(ents) == 1:
            return end, ents[0], ents
        active = [e for e in ents if day is not None and e.active_on(day)]
        return end, (active[0] if len(active) == 1 else None), ents

    def by_code(self, code: str) -> list[Entity]:
        """Entities whose own code is `code` (RUS -> the Russian state), curated first."""
        if self._curated_codes is None:
            self._index()
        out = [self.entities[i] for i in self._curated_codes.get(code, ())]  # type: ignore[union-attr]
        if self.world is not None:
            out += [self.world.at(i) for i in self.world.codes.get(code, ())]  # type: ignore[union-attr]
        return out

    def capital_of(self, state_id: str) -> Entity | None:
        e = self.get(state_id)
        return self.get(e.capital) if e and e.capital else None

    def state_of(self, place_id: str) -> Entity | None:
        e = self.get(place_id)
        return self.get(e.located_in) if e and e.located_in else None

    def _index(self) -> None:
        names: dict[str, list[str]] = {}
        codes: dict[str, list[str]] = {}
        for e in self.entities.values():
            for n in (e.label, *e.aliases, *e.demonyms):
                ids = names.setdefault(name_key(n), [])
                if e.id not in ids:
                    ids.append(e.id)
            for c in e.codes:
                ids = codes.setdefault(c.code, [])
                if e.id not in ids:
                    ids.append(e.id)
        same: dict[tuple[str, ...], tuple[str, ...]] = {}  # equal id lists as one tuple (the pack cache writes it once)
        self._curated_names = {k: same.setdefault(t, t) for k, v in names.items() for t in (tuple(v),)}
        self._curated_codes = {k: same.setdefault(t, t) for k, v in codes.items() for t in (tuple(v),)}


def load_gazetteer(paths: list[Path], voc: Vocabulary) -> Gazetteer:
    """Load and validate every gazetteer file; all problems are reported together."""
    problems: list[Problem] = []
    entities: dict[str, Entity] = {}
    names: dict[str, str] = {}  # curated names only: two curated entities may not share one
    extensions: list[tuple[LDict, str, int]] = []
    for path in paths:
        items = _generated_entries(path)
        if items is None:
            doc = load_yaml(path)
            if not isinstance(doc, LDict) or not isinstance(doc.get("entities"), LList):
                problems.append(Problem(str(path), 1, "a gazetteer file is a mapping with a list under 'entities'"))
                continue
            items = list(zip(doc["entities"], doc["entities"].item_lines))
        for e, line in items:
            if isinstance(e, LDict) and "extends" in e:
                extensions.append((e, str(path), line))
                continue
            ent = _entity(e, str(path), line, voc, problems)
            if ent is None:
                continue
            if ent.id in entities:
                problems.append(Problem(str(path), line, f"entity id {ent.id!r} already defined at {entities[ent.id].source}"))
                continue
            if ent.curated:
                for name in (ent.label, *ent.aliases, *ent.demonyms):
                    key = name.lower()
                    if names.get(key, ent.id) != ent.id:
                        problems.append(Problem(str(path), line, f"name {name!r} of {ent.id!r} is also a name of {names[key]!r}"))
                    names[key] = ent.id
            entities[ent.id] = ent
    own = {k: set(v.aliases) for k, v in entities.items() if v.curated}
    for e, path, line in extensions:
        _extend(e, path, line, entities, problems, names)
    for ent in entities.values():
        for key, ref in (("located_in", ent.located_in), ("capital", ent.capital), ("part_of", ent.part_of),
                         *(("affiliations", a.of) for a in ent.affiliations)):
            if ref is not None and ref not in entities:
                problems.append(Problem(*_where(ent.source), f"{key}: no entity {ref!r} in the gazetteer", ent.id))
                break
    if problems:
        raise RuleError(problems)
    # curated entities (and those they extend) as objects; imported ones in the compact store
    curated = {k: v for k, v in entities.items() if v.curated}
    imported = [v for v in entities.values() if not v.curated]
    gaz = Gazetteer(curated, tuple(str(p) for p in paths), WorldStore(imported) if imported else None,
                    {k: frozenset(a for a in v.aliases if a not in own[k]) for k, v in curated.items()
                     if k in own and len(v.aliases) > len(own[k])})
    gaz._index()
    return gaz


GENERATED = "# Generated by `kg gazetteer import"


def _generated_entries(path: Path) -> list[tuple[object, int]] | None:
    """The entries of a file `kg gazetteer import` wrote, read line by line (each value is JSON,
    which is YAML too): ~7x faster than the YAML parser on the world's 26,000 entries. None if
    the file is not such a file or was edited out of its shape (then it is read as YAML)."""
    import json

    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    if not text.startswith(GENERATED):
        return None
    out: list[tuple[object, int]] = []
    cur: LDict | None = None
    key = ""
    try:
        for n, line in enumerate(text.splitlines(), 1):
            if not line or line.startswith("#") or line == "entities:":
                continue
            if line.startswith("      - ") and cur is not None and isinstance(cur.get(key), list):
                cur[key].append(json.loads(line[8:]))
                continue
            if line.startswith("  - "):
                cur = LDict()
                cur.line, cur.key_lines = n, {}
                out.append((cur, n))
                body = line[4:]
            elif line.startswith("    ") and not line.startswith("     ") and cur is not None:
                body = line[4:]
            else:
                return None
            key, sep, val = body.partition(":")
            if not sep or not key.isidentifier() or key in cur:
                return None
            cur[key] = json.loads(val) if val.strip() else []
            cur.key_lines[key] = n
    except ValueError:  # not JSON: an edited file, read as YAML
        return None
    return out


def _where(source: str) -> tuple[str, int | None]:
    path, _, line = source.rpartition(":")
    return (path, int(line)) if line.isdigit() else (source, None)


def _extend(e: LDict, path: str, line: int, entities: dict[str, Entity], problems: list[Problem],
            curated_names: dict[str, str]) -> None:
    """Apply an `extends` entry: more names, codes, affiliations and links for an entity defined
    elsewhere (how the world import adds to the curated entities without rewriting them)."""
    import dataclasses

    n = len(problems)
    target = e.get("extends")
    for k in sorted(set(e) - EXTEND_KEYS):
        problems.append(Problem(path, e.key_lines.get(k, line),
                                f"unknown key {k!r} in an extends entry (known: {', '.join(sorted(EXTEND_KEYS))})"))
    base = entities.get(target) if isinstance(target, str) else None
    if base is None:
        problems.append(Problem(path, line, f"extends: no entity {target!r} in the gazetteer"))
        return
    parts = _parts(e, path, line, problems)
    for name in (*parts["aliases"], *parts["demonyms"]):  # as between curated entities: one name, one entity
        other = curated_names.get(name.lower(), base.id)
        if other != base.id and base.curated:
            problems.append(Problem(path, line, f"name {name!r} added to {base.id!r} is a name of {other!r}"))
    if len(problems) > n:
        return
    seen = {name_key(x) for x in (base.label, *base.aliases, *base.demonyms)}
    aliases = [a for a in parts["aliases"] if name_key(a) not in seen]
    seen.update(name_key(a) for a in aliases)
    demonyms = [a for a in parts["demonyms"] if name_key(a) not in seen]
    entities[base.id] = dataclasses.replace(
        base, aliases=base.aliases + tuple(dict.fromkeys(aliases)), demonyms=base.demonyms + tuple(dict.fromkeys(demonyms)),
        codes=base.codes + parts["codes"], affiliations=base.affiliations + parts["affiliations"],
        located_in=base.located_in or parts["located_in"], capital=base.capital or parts["capital"],
        part_of=base.part_of or parts["part_of"])


def _date(v: object, what: str, bad: list[str]) -> date | None:
    if v is None:
        return None
    if isinstance(v, date):
        return v
    try:
        return date.fromisoformat(str(v))
    except ValueError:
        bad.append(f"{what} {v!r} is not a date YYYY-MM-DD or null")
        return None


def _parts(e: LDict, path: str, line: int, problems: list[Problem]) -> dict:
    """The fields an imported or extending entry may carry, validated."""
    def bad(msg: str, key: str) -> None:
        problems.append(Problem(path, e.key_lines.get(key, line), msg, e.get("id") if isinstance(e.get("id"), str) else None))

    out: dict = {}
    for k in ("aliases", "demonyms"):
        v = e.get(k, [])
        if not isinstance(v, list) or not all(isinstance(x, str) and x.strip() for x in v):
            bad(f"{k!r} must be a list of non-empty strings", k)
            v = []
        out[k] = tuple(v)
    codes = []
    for c in e.get("codes", []) or []:
        errs: list[str] = []
        if isinstance(c, str) and c:
            codes.append(Code(c))
        elif isinstance(c, dict) and isinstance(c.get("code"), str) and not set(c) - {"code", "from", "to"}:
            codes.append(Code(c["code"], _date(c.get("from"), "from", errs), _date(c.get("to"), "to", errs)))
        else:
            errs.append("a code is CODE or {code: CODE, from: DATE, to: DATE}")
        for m in errs:
            bad(f"codes: {m}", "codes")
    out["codes"] = tuple(codes)
    affs = []
    for a in e.get("affiliations", []) or []:
        errs = []
        if not isinstance(a, dict) or not isinstance(a.get("code"), str) or set(a) - {"of", "sector", "code", "from", "to"}:
            bad("an affiliation is {of: ID, sector: SECTOR, code: CODE, from: DATE, to: DATE}", "affiliations")
            continue
        if a.get("of") is not None and not isinstance(a.get("of"), str):
            errs.append("'of' is an entity id or null")
        affs.append(Affiliation(a.get("of"), a.get("sector"), a["code"],
                                _date(a.get("from"), "from", errs), _date(a.get("to"), "to", errs)))
        for m in errs:
            bad(f"affiliations: {m}", "affiliations")
    out["affiliations"] = tuple(affs)
    for k in ("located_in", "capital", "part_of", "source"):
        v = e.get(k)
        if v is not None and not isinstance(v, str):
            bad(f"{k!r} must be a string", k)
            v = None
        out[k] = v
    return out


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
    parts = _parts(e, path, line, problems)
    if len(problems) > n:
        return None
    return Entity(e["id"], e["type"], e["label"], lists["aliases"], lists["descriptions"], lists["same_as"],
                  e.get("gender"), f"{path}:{line}", lists["demonyms"], parts["codes"], parts["affiliations"],
                  parts["located_in"], parts["capital"], parts["source"], parts["part_of"])
