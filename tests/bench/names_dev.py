"""Named actors on the names engineer's development articles (tests/data/names-dev/index.yaml):
the share kg makes an entity for, the share whose mentions all land on one entity, the share of
gazetteer actors linked to the right entry, and every wrong link (an actor given another
gazetteer entry, or one no gazetteer lists given an entry).

    python tests/bench/names_dev.py [--cache DIR] [--errors]

Public-domain articles are in tests/data/names-dev/; the others are read from --cache DIR (their
addresses are in the index) and skipped when absent. Figures only: this is a development set,
tuned on, not a held-out one.
"""
from __future__ import annotations

import argparse
import sys
import unicodedata
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from kg.reading.document import read_article  # noqa: E402
from kg.rules.pack import Pack  # noqa: E402

DEV = ROOT / "tests" / "data" / "names-dev"


def fold(s: str) -> str:
    s = unicodedata.normalize("NFKD", s.replace("’", "'"))
    return " ".join("".join(c for c in s if not unicodedata.combining(c)).casefold().split())


def score(pack: Pack, item: dict, path: Path) -> tuple[dict[str, int], list[str]]:
    """One article's figures (actors, found, one, gaz, linked, wrong, extra) and notes on its misses."""
    art = read_article(path, layout=pack.layout)
    text = fold(art.text)
    ms = [m for sa in pack.finder.analyse(art) for m in sa.mentions if m.kind not in ("role", "pronoun")]
    row = dict.fromkeys(("actors", "found", "one", "gaz", "linked", "wrong", "extra"), 0)
    notes: list[str] = []
    claimed: set[str] = set()
    for act in item["actors"]:
        forms = {fold(act["name"]), *(fold(f) for f in act.get("forms") or [])}
        hits = [m for m in ms if fold(m.text) in forms or fold(m.entity.label) == fold(act["name"])]
        ids = sorted({m.entity.id for m in hits})
        claimed.update(ids)
        row["actors"] += 1
        gold = act.get("id")
        # a name of several words written in full must be found in full ("Ban Ki-moon", not "Ban Ki")
        whole = len(act["name"].split()) > 1 and fold(act["name"]) in text
        full = {f for f in forms if len(f.split()) > 1}
        if hits and (not whole or any(fold(m.text) in full for m in hits) or
                     any(fold(act["name"]) in fold(m.text) for m in ms)):  # (inside a longer name: "United Nations General Assembly")
            row["found"] += 1
        else:
            notes.append(f"  missed  {act['name']} ({act['type']})")
        if len(ids) == 1:
            row["one"] += 1
        elif ids:
            notes.append(f"  split   {act['name']}: {', '.join(ids)}")
        if gold:
            row["gaz"] += 1
            if {gold, *(act.get("accept") or [])} & set(ids):
                row["linked"] += 1
        named = {m.entity.id for m in hits if fold(m.entity.label).replace("'", "") in {f.replace("'", "") for f in forms}}
        ok = {gold, *(act.get("accept") or [])}  # a gazetteer's other entry for the same actor
        bad = [i for i in ids if not i.startswith("unlinked/") and i not in ok and i not in named]  # (an entry of its own name is it)
        if bad:
            row["wrong"] += 1
            notes.append(f"  WRONG   {act['name']} -> {', '.join(bad)}")
    extra = sorted({m.entity.label for m in ms if m.entity.id.startswith("unlinked/") and m.entity.id not in claimed})
    row["extra"] = len(extra)
    if extra:
        notes.append("  extra   " + "; ".join(extra))
    return row, notes


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--cache", type=Path, help="folder holding the articles that are not public domain")
    ap.add_argument("--errors", action="store_true", help="list every miss and wrong link")
    a = ap.parse_args()
    pack = Pack.load()
    index = yaml.safe_load((DEV / "index.yaml").read_text(encoding="utf-8"))
    tot = dict.fromkeys(("actors", "found", "one", "gaz", "linked", "wrong", "extra"), 0)
    print(f"{'article':48s} actors found one-entity gazetteer linked wrong extra")
    for item in index["articles"]:
        path = DEV / item["file"]
        if not path.is_file() and a.cache is not None:
            path = a.cache / item["file"]
        if not path.is_file():
            print(f"{item['file']:48s} (not here: pass --cache)")
            continue
        row, notes = score(pack, item, path)
        for k in tot:
            tot[k] += row[k]
        print(f"{item['file']:48s} {row['actors']:6d} {row['found']:5d} {row['one']:10d} {row['gaz']:9d} {row['linked']:6d} "
              f"{row['wrong']:5d} {row['extra']:5d}")
        if a.errors and notes:
            print("\n".join(notes))
    n, g = tot["actors"] or 1, tot["gaz"] or 1
    print(f"all: {tot['actors']} actors; found {tot['found'] / n:.0%}, on one entity {tot['one'] / n:.0%}; "
          f"gazetteer actors linked right {tot['linked']}/{tot['gaz']} ({tot['linked'] / g:.0%}); wrong links {tot['wrong']}; "
          f"unlisted unlinked entities {tot['extra']}")


if __name__ == "__main__":
    main()
