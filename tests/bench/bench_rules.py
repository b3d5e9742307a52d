"""Benchmark: the rules' cost on real text, and how reading and matching scale with an article's size.

Two measurements, each printed as a table; nothing is asserted (timings on a shared machine are
noisy: CPU seconds are printed beside wall seconds, and the lead re-runs this on a quiet machine).

* **throughput**: real news sentences (the seed article and the PETRARCH2 GigaWord sample of AFP
  wire sentences in ../shared/third-party beside the checkout, or $KG_THIRD_PARTY) built as many small articles;
  the time of rule matching alone (`kg.rules.engine.extract`, mentions found beforehand) and of
  the whole analysis, in sentences per CPU-second. Compare a run before and after a rule-language
  change on the same machine (frames must not cost more than 25%).
* **scaling**: one article of 1, 2 and 4 MB made by repeating real text (the seed's body), and the
  same with an unclosed quotation mark in every paragraph (`Meshaal said "we will ...`), read,
  analysed and matched; time per MB should be flat (linear), not grow with the size.
* **per rule**: on the real articles of bench_real_text.py (`seed` and `voa`), each rule's tries
  (patterns that passed the index and the start bound and were run by the matcher), matches, and
  CPU milliseconds in the matcher, the costliest first: the few rules worth making cheaper; and,
  per sentence, how many patterns the index files under its words, how many of them hold every
  feature they need, are placed in order, tried and match (how much a finer index could spare).

    python tests/bench/bench_rules.py                     # both
    python tests/bench/bench_rules.py --only throughput --rounds 5
    python tests/bench/bench_rules.py --only scaling --sizes 0.25 0.5 1
    python tests/bench/bench_rules.py --only per-rule --rounds 10 --top 25
"""
from __future__ import annotations

import argparse
import os
import re
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from kg.reading.document import parse_article  # noqa: E402
from kg.rules.engine import extract  # noqa: E402
from kg.rules.pack import Pack  # noqa: E402

SEED = ROOT / "data" / "articles" / "rferl-2006-03-03-hamas-moscow.txt"


def third_party() -> Path:
    env = os.environ.get("KG_THIRD_PARTY")
    if env:
        return Path(env)
    for up in ROOT.parents:
        cand = up / "shared" / "third-party"
        if cand.is_dir():
            return cand
    return ROOT / "third-party"


def real_paragraphs() -> list[str]:
    """Paragraphs of real news text: the seed's body and, when present, the GigaWord sample."""
    paras = [p.strip() for p in SEED.read_text(encoding="utf-8").split("\n\n") if len(p.strip()) > 80]
    giga = third_party() / "petrarch2" / "text" / "GigaWord.sample.PETR.xml"
    if giga.is_file():
        for t in re.findall(r"<Text>(.*?)</Text>", giga.read_text(encoding="utf-8"), re.S):
            if len(t.split()) > 5:
                paras.append(" ".join(t.split()))
    return paras


def cpu() -> float:
    t = os.times()
    return t.user + t.system


def throughput(pack: Pack, rounds: int, copies: int) -> None:
    paras = real_paragraphs()
    arts = []
    for k in range(copies):
        for i in range(0, len(paras), 4):
            text = "\n\n".join(paras[i:i + 4])
            arts.append(parse_article(text, source=f"<bench {k}.{i}>", layout=pack.layout, meta={"id": f"b{k}-{i}"}))
    analyses = [pack.finder.analyse(a) for a in arts]
    n = sum(len(a) for a in analyses)
    rules, voc = pack.rules, pack.vocabulary
    match_cpu, whole_cpu = [], []
    for _ in range(rounds):
        c = cpu()
        for a, an in zip(arts, analyses):
            extract(a, an, rules, voc)
        match_cpu.append(cpu() - c)
        c = cpu()
        for a in arts:
            extract(a, pack.finder.analyse(a), rules, voc)
        whole_cpu.append(cpu() - c)
    print(f"throughput: {len(arts)} articles, {n} sentences of real text, {len(rules.rules)} sentence rules, "
          f"{sum(len(r.patterns) for r in rules.rules)} patterns; {rounds} rounds (median, CPU seconds)")
    m, w = statistics.median(match_cpu), statistics.median(whole_cpu)
    print(f"  rule matching only      {m:8.3f} s   {n / m:10.0f} sentences/CPU-s")
    print(f"  mentions + matching     {w:8.3f} s   {n / w:10.0f} sentences/CPU-s")


def scaling(pack: Pack, sizes: list[float]) -> None:
    body = "\n\n".join(p for p in SEED.read_text(encoding="utf-8").split("\n\n") if len(p.strip()) > 80)
    unclosed = "\n\n".join(f'Meshaal said "we will {p}' for p in body.split("\n\n"))
    print("scaling: one article of repeated real text; seconds (wall / CPU) and seconds per MB")
    print(f"  {'text':<22} {'MB':>5} {'read':>7} {'analyse':>8} {'match':>7} {'total CPU':>10} {'CPU s/MB':>9}")
    for name, unit in (("seed body", body), ("unclosed quotations", unclosed)):
        for mb in sizes:
            reps = max(1, int(mb * 1_000_000 / len(unit.encode())))
            text = "\n\n".join([unit] * reps)
            c0 = cpu()
            art = parse_article(text, source="<bench>", layout=pack.layout, meta={"id": "big"})
            c1 = cpu()
            an = pack.finder.analyse(art)
            c2 = cpu()
            extract(art, an, pack.rules, pack.vocabulary)
            c3 = cpu()
            size = len(text.encode()) / 1e6
            print(f"  {name:<22} {size:5.2f} {c1 - c0:7.2f} {c2 - c1:8.2f} {c3 - c2:7.2f} {c3 - c0:10.2f} {(c3 - c0) / size:9.2f}",
                  flush=True)


def per_rule(pack: Pack, rounds: int, top: int) -> None:
    """Tries, matches and matcher time per rule on the real articles (the fastest of `rounds` for
    the time; the counts are the same in every round)."""
    import kg.rules.engine as engine
    import kg.rules.view as view
    from kg.rules.index import _runtime

    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from bench_real_text import texts

    analysed = []
    for which in ("seed", "voa"):
        for name, text in texts(which):
            art = parse_article(text, source=name, layout=pack.layout, default_id=name)
            analysed.append((art, pack.finder.analyse(art)))
    n = sum(len(an) for _, an in analysed)
    for art, an in analysed:  # compile every pattern the articles try
        extract(art, an, pack.rules, pack.vocabulary)
    pats, _ = _runtime(pack.rules.rules)
    owner: dict[int, str] = {}
    for p in pats:
        if p.m is not None:
            owner[id(p.m)] = owner[id(p.m)] + "|" + p.rule.id if id(p.m) in owner and p.rule.id not in owner[id(p.m)] \
                else owner.get(id(p.m), p.rule.id)
    tries: dict[str, int] = {}
    found: dict[str, int] = {}
    spent: dict[str, float] = {}
    placed = [0]
    real_find, real_ordered, clock = engine.find_upto, view.SentenceView.ordered, time.process_time

    def counted(m, v, st, bound):  # type: ignore[no-untyped-def]
        t0 = clock()
        out = real_find(m, v, st, bound)
        t1 = clock()
        r = owner.get(id(m), "?")
        tries[r] = tries.get(r, 0) + 1
        found[r] = found.get(r, 0) + len(out)
        spent[r] = spent.get(r, 0.0) + t1 - t0
        return out

    def ordered(self, options):  # type: ignore[no-untyped-def]
        placed[0] += 1
        return real_ordered(self, options)

    real_match, views, filed, held = engine.match_sentence, [0], [0], [0]

    def matched(rules, v):  # type: ignore[no-untyped-def]
        # the patterns the sentence's words file (kg.rules.index.Bits.by_word) and those of them
        # that hold every feature they need, as match_sentence works them out
        _, bits = _runtime(rules)
        got, has = set(bits.always), 0
        for w in v.words:
            e = bits.by_word.get(w)
            if e is not None:
                has |= e[1]
                got.update(e[0])
        for m in v.mention_at.values():
            has |= bits.mention_bits(v, m)
        has |= (bits.quote if v.quote_at else 0) | (bits.time if v.time_at else 0)
        views[0] += 1
        filed[0] += len(got)
        held[0] += sum(1 for k in got if not bits.need[k] & ~has)
        return real_match(rules, v)

    best: dict[str, float] = {}
    engine.find_upto, view.SentenceView.ordered = counted, ordered  # type: ignore[assignment]
    try:
        for _ in range(rounds):
            tries.clear(), found.clear(), spent.clear()
            placed[0] = 0
            for art, an in analysed:
                extract(art, an, pack.rules, pack.vocabulary)
            for r, x in spent.items():
                best[r] = min(best.get(r, float("inf")), x)
        engine.match_sentence = matched  # type: ignore[assignment]
        tries.clear(), found.clear(), spent.clear()
        placed[0] = 0
        for art, an in analysed:  # once more, counting what the index files for each sentence (not timed)
            extract(art, an, pack.rules, pack.vocabulary)
    finally:
        engine.find_upto, view.SentenceView.ordered = real_find, real_ordered  # type: ignore[assignment]
        engine.match_sentence = real_match  # type: ignore[assignment]
    total = sum(best.values())
    print(f"per rule: {len(analysed)} real articles, {n} sentences; {placed[0]} patterns placed in order "
          f"(SentenceView.ordered), {sum(tries.values())} tries, {sum(found.values())} matches, "
          f"{total * 1000:.2f} ms in the matcher (each rule's fastest of {rounds} rounds)")
    k = views[0] or 1
    print(f"  per sentence ({views[0]} sentence views, second passes included): {filed[0] / k:.1f} patterns filed "
          f"under its words, {held[0] / k:.1f} holding every feature they need, {placed[0] / k:.1f} placed in order, "
          f"{sum(tries.values()) / k:.1f} tried, {sum(found.values()) / k:.1f} matches")
    print(f"  {'rule':<44} {'tries':>6} {'matches':>8} {'ms':>7} {'share':>6}")
    for r in sorted(best, key=lambda r: -best[r])[:top]:
        print(f"  {r[:44]:<44} {tries[r]:6d} {found[r]:8d} {best[r] * 1000:7.3f} {best[r] / total:6.1%}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--only", choices=["throughput", "scaling", "per-rule"])
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--copies", type=int, default=10, help="copies of the real text in the throughput run")
    ap.add_argument("--sizes", type=float, nargs="+", default=[1, 2, 4], help="article sizes in MB for the scaling run")
    ap.add_argument("--top", type=int, default=30, help="rules listed by the per-rule run")
    a = ap.parse_args()
    pack = Pack.load()
    if a.only in (None, "throughput"):
        throughput(pack, a.rounds, a.copies)
    if a.only in (None, "scaling"):
        scaling(pack, a.sizes)
    if a.only in (None, "per-rule"):
        per_rule(pack, a.rounds, a.top)


if __name__ == "__main__":
    main()
