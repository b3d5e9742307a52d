"""Every leader linked by a surname alone ("Mugabe was declared the winner") on the development
sets, with its sentence, for a reader to check by eye; and, where an English word list is at hand,
the leader surnames of 2005-2012 that are English words too (candidates for names.yaml
`common_words`). The false links this finds are the measure of kg/knowing/worldstore.py `_surnames`.

    python tests/bench/leader_surnames.py [--words /usr/share/dict/words]
"""
from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from kg.knowing.worldstore import leader_on  # noqa: E402
from kg.reading.document import parse_article  # noqa: E402
from kg.rules.pack import Pack  # noqa: E402

HELDOUT = ROOT / "tests" / "heldout"
SENTENCE_SETS = ["sentences-7.yaml", "sentences-6.yaml", "dev-4.yaml", "sentences.yaml", "sentences-2.yaml"]
ARTICLE_SETS = ["articles-7", "articles-6"]


def _texts() -> list[tuple[str, str, dt.date]]:
    out = []
    for name in SENTENCE_SETS:
        for i, item in enumerate(yaml.safe_load((HELDOUT / name).read_text(encoding="utf-8"))):
            day = item.get("date") or "2006-03-03"
            day = day if isinstance(day, dt.date) else dt.date.fromisoformat(str(day))
            out.append((f"{name}:{i}", item["text"], day))
    for folder in ARTICLE_SETS:
        for a in yaml.safe_load((HELDOUT / folder / "index.yaml").read_text(encoding="utf-8")):
            path = ROOT / a["file"]
            if path.is_file():
                day = a["date"]
                out.append((a["id"], path.read_text(encoding="utf-8"),
                            day if isinstance(day, dt.date) else dt.date.fromisoformat(str(day))))
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--words", default="/usr/share/dict/words", help="an English word list, one a line (optional)")
    args = ap.parse_args()
    pack = Pack.load()
    finder, world = pack.finder, pack.gazetteer.world
    links = 0
    for where, text, day in _texts():
        art = parse_article(text, source=where, layout=pack.layout, meta={"id": "x", "date": day})
        for sa in finder.analyse(art):
            for m in sa.mentions:
                if m.kind == "name" and m.last == m.first + 1 and m.entity in world.short.values():
                    links += 1
                    print(f"{where}\t{m.text} -> {m.entity.id}\t{sa.sentence.text[:150]}")
    print(f"{links} surname-alone links on the development sets")
    words = Path(args.words)
    if words.is_file():
        common = {w.strip() for w in words.read_text(encoding="utf-8", errors="replace").split() if w.strip().islower()}
        keys = set()
        for e in world:
            if e.type != "Person" or len(e.label.split()) < 2:
                continue
            k = e.label.casefold().split()[-1]
            entry = world.surnames.get(k)
            if entry and k in common and k not in finder.lex.common_words and any(
                    leader_on(entry, dt.date(y, m, 1)) is not None for y in range(2005, 2013) for m in (1, 7)):
                keys.add(k)
        print(f"leader surnames of 2005-2012 that {words} holds and names.yaml common_words does not: "
              f"{' '.join(sorted(keys)) or 'none'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
