"""Scores the world gazetteer on the development set tests/data/world-dev/actors.yaml: for each
actor a passage names, whether kg makes an entity of it (found), links it to a gazetteer entry
(linked), to the expected one (right) or to another (wrong, each listed).

    python tests/bench/world_dev.py [--errors] [--set FILE]

The set is for tuning (docs/world.md); figures on it are development figures, not held-out ones.
"""
from __future__ import annotations

import argparse
import datetime as dt
import re
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))


def _occurrences(text: str, form: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in re.finditer(r"(?<![\w-])" + re.escape(form) + r"(?![\w-])", text)]


def score(path: Path, errors: bool) -> int:
    from kg.graph.build import build_articles
    from kg.reading.document import parse_article
    from kg.rules.pack import Pack

    pack = Pack.load()
    gaz = pack.gazetteer
    items = yaml.safe_load(path.read_text(encoding="utf-8"))
    tot = {"named": 0, "found": 0, "linked": 0, "right": 0, "wrong": 0}
    wrong: list[str] = []
    missed: list[str] = []
    unlinked: list[str] = []
    for item in items:
        day = item["date"] if isinstance(item["date"], dt.date) else dt.date.fromisoformat(str(item["date"]))
        art = parse_article(item["text"], source=item["id"], layout=pack.layout, meta={"id": item["id"], "date": day})
        res = build_articles([art], pack)
        mentions = [m for s in res.extractions[0].analyses for m in s.mentions if m.kind != "pronoun"]
        one = dict.fromkeys(tot, 0)
        for actor in item["actors"]:
            one["named"] += 1
            occ = [o for f in actor.get("forms") or [actor["name"]] for o in _occurrences(art.text, f)]
            if not occ:
                raise SystemExit(f"{path}: {item['id']}: {actor['name']!r} does not occur in the text")
            hits = [m for m in mentions for b, e in occ if m.begin < e and b < m.end]
            if not hits:
                missed.append(f"{item['id']}: {actor['name']}")
                continue
            one["found"] += 1
            linked = {m.entity.id for m in hits if not getattr(m.entity, "unlinked", False)
                      and getattr(m.entity, "iri", None) is None and gaz.get(m.entity.id) is not None}
            if not linked:
                if actor.get("id"):
                    unlinked.append(f"{item['id']}: {actor['name']} (expected {actor['id']})")
                continue
            one["linked"] += 1
            if actor.get("id") in linked:
                one["right"] += 1
            others = sorted(linked - {actor.get("id")})
            if others:
                one["wrong"] += 1
                wrong.append(f"{item['id']}: {actor['name']} -> {', '.join(others)} (expected {actor.get('id')})")
        print(f"{item['id']:<36} named {one['named']:>3}  found {one['found']:>3}  linked {one['linked']:>3}"
              f"  right {one['right']:>3}  wrong {one['wrong']:>2}")
        for k in tot:
            tot[k] += one[k]
    print(f"{'all':<36} named {tot['named']:>3}  found {tot['found']:>3} ({tot['found'] / tot['named']:.1%})"
          f"  linked {tot['linked']:>3}  right {tot['right']:>3} ({tot['right'] / max(tot['linked'], 1):.1%} of linked,"
          f" {tot['right'] / tot['named']:.1%} of named)  wrong {tot['wrong']}")
    if errors:
        print("\n".join(["", "wrong links:", *wrong, "", "not linked:", *unlinked, "", "no entity:", *missed]))
    return 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--set", type=Path, default=ROOT / "tests" / "data" / "world-dev" / "actors.yaml")
    ap.add_argument("--errors", action="store_true")
    a = ap.parse_args(argv)
    return score(a.set, a.errors)


if __name__ == "__main__":
    raise SystemExit(main())
