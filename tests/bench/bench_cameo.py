"""Benchmark: CAMEO coding with the whole CAMEO verb dictionary (data/cameo) and the Phoenix actors
(the world gazetteer) loaded. Prints figures; asserts nothing.

    python tests/bench/bench_cameo.py [--rounds 5] [--runs 7] [--text FILE.xml]

* **throughput** on real article text (median wall time of the rounds, and the fastest CPU time,
  which a shared machine disturbs less): the wire sentences of PETRARCH's GigaWord sample (77
  sentences of AFP/APW/XIN copy, grouped into articles by story id, each read as published on its
  date) and the seed article, through kg's whole analysis (layout, mentions, kg's rules, CAMEO
  coding); the CAMEO coding alone is timed too (`code_article`), as is how many of the
  dictionary's patterns a sentence meets.
* **cold one-article build**: `kg build` of the seed in a new process, next to the floor (a
  Python process that imports rdflib and click and writes one triple), with the pack caches warm.
* **peak memory** of that process and of this one after loading everything.
"""
from __future__ import annotations

import argparse
import gc
import os
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
SEED = ROOT / "data" / "articles" / "rferl-2006-03-03-hamas-moscow.txt"
GIGAWORD = ROOT.parent / "shared" / "third-party" / "petrarch2" / "text" / "GigaWord.sample.PETR.xml"
FLOOR = """
import click, rdflib
g = rdflib.Graph()
g.add((rdflib.URIRef("http://example.org/a"), rdflib.URIRef("http://example.org/b"), rdflib.Literal("c")))
g.serialize(destination={out!r}, format="turtle")
"""
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def wire_articles(path: Path) -> list[str]:
    """The sample's sentences grouped by story (id before the last '_'), as articles with their date."""
    import xml.etree.ElementTree as ET

    stories: dict[str, tuple[str, list[str]]] = {}
    for s in ET.parse(path).getroot().iter("Sentence"):
        sid = (s.get("id") or "").strip()
        d = (s.get("date") or "").strip()
        text = " ".join((s.findtext("Text") or "").split())
        key = sid.rsplit("_", 1)[0]
        stories.setdefault(key, (d, []))[1].append(text)
    out = []
    for key, (d, sents) in sorted(stories.items()):
        date = f"{d[:4]}-{d[4:6]}-{d[6:8]}" if re.fullmatch(r"\d{8}", d) else ""
        out.append(f"---\nid: {key}\ndate: {date}\n---\n" + "\n\n".join(sents) + "\n")
    return out


def run(cmd: list[str]) -> tuple[float, float]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT, env=ENV)
    dt = time.perf_counter() - t
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return dt, (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rounds", type=int, default=5, help="passes over the text (median reported)")
    ap.add_argument("--runs", type=int, default=7, help="cold builds and floors")
    ap.add_argument("--text", type=Path, default=GIGAWORD)
    a = ap.parse_args()

    from kg.graph.build import analyse
    from kg.graph.events import code_article, coder_for
    from kg.reading.document import parse_article, read_article
    from kg.rules.pack import Pack

    t0 = time.perf_counter()
    pack = Pack.load()
    pack.finder  # noqa: B018
    coder = coder_for(pack.data_dir)
    load_s = time.perf_counter() - t0
    assert coder is not None, "no CAMEO pack in the data folder"
    arts = [parse_article(t, source=f"<wire {i}>", layout=pack.layout, default_id=f"wire-{i}")
            for i, t in enumerate(wire_articles(a.text))]
    arts.append(read_article(SEED, layout=pack.layout))
    n_sent = sum(len(pack.finder.analyse(x)) for x in arts)

    whole, cameo, whole_cpu, cameo_cpu = [], [], [], []
    stats = {"verbs": 0, "block_patterns": 0, "tried": 0, "events": 0}
    for r in range(a.rounds):
        gc.collect()
        t_all = t_cam = c_all = c_cam = 0.0
        for art in arts:
            t, c = time.perf_counter(), time.process_time()
            ex = analyse(art, pack)
            t_all += time.perf_counter() - t
            c_all += time.process_time() - c
            t, c = time.perf_counter(), time.process_time()
            coded = code_article(ex, pack)
            t_cam += time.perf_counter() - t
            c_cam += time.process_time() - c
            if r == 0:
                stats["events"] += len(coded)
        whole.append(t_all)
        cameo.append(t_cam)
        whole_cpu.append(c_all)
        cameo_cpu.append(c_cam)
    # how many patterns a sentence meets: the verb index, then the required-word filter
    from kg.rules.cameo.coder import split_contractions

    for art in arts:
        for sa in pack.finder.analyse(art):
            toks, _ = split_contractions([t.norm for t in sa.tokens])
            words = set(toks)
            for _, _, _, v in coder.verbs(toks, set()):
                ps = coder.pack.block_patterns(v.block)
                stats["verbs"] += 1
                stats["block_patterns"] += len(ps)
                stats["tried"] += len(coder.pack.candidates(v.block, words))
    rss_self = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    tmp = Path(tempfile.mkdtemp())
    floor_cmd = [sys.executable, "-c", FLOOR.format(out=str(tmp / "floor.ttl"))]
    build_cmd = [sys.executable, "-m", "kg.cli", "build", str(SEED), "-o", str(tmp / "seed.ttl"), "-q"]
    run(floor_cmd), run(build_cmd)  # bytecode and pack caches, as after installing and a first run
    floor, cold, floor_cpu, cold_cpu = [], [], [], []
    for _ in range(a.runs):
        for cmd, wall, cpu in ((floor_cmd, floor, floor_cpu), (build_cmd, cold, cold_cpu)):
            w, c = run(cmd)
            wall.append(w)
            cpu.append(c)
    rss = subprocess.run([sys.executable, "-c", "import resource,subprocess,sys;"
                          f"subprocess.run({build_cmd!r}, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL);"
                          "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"],
                         capture_output=True, text=True, cwd=ROOT, env=ENV).stdout.strip()

    med_all, med_cam = statistics.median(whole), statistics.median(cameo)
    n_pat = coder.pack.n_patterns
    print(f"CAMEO pack: {n_pat:,} patterns in {len(coder.pack.raw_patterns)} verb blocks, {len(coder.pack.verbs):,} verb forms; "
          f"world gazetteer: {len(pack.gazetteer):,} entities; load in-process {load_s:.2f} s")
    print(f"text: {len(arts)} articles, {n_sent} sentences ({a.text.name} + the seed); {stats['events']} coded events; "
          f"median of {a.rounds} rounds")
    print()
    ca, cc = min(whole_cpu), min(cameo_cpu)
    print("| what | median s | sentences/s | fastest CPU s | sentences/s by CPU |")
    print("|---|---|---|---|---|")
    print(f"| whole analysis (layout, mentions, kg's rules, CAMEO coding) | {med_all:.3f} | {n_sent / med_all:,.0f} "
          f"| {ca:.3f} | {n_sent / ca:,.0f} |")
    print(f"| CAMEO coding alone (code_article) | {med_cam:.3f} | {n_sent / med_cam:,.0f} | {cc:.3f} | {n_sent / cc:,.0f} |")
    print()
    v = max(stats["verbs"], 1)
    print(f"patterns met: {stats['verbs']} verb forms found; their blocks hold {stats['block_patterns'] / v:.1f} patterns "
          f"on average, {stats['tried'] / v:.1f} pass the word index (required words and synsets) and are matched "
          f"(of {n_pat:,}: {100 * stats['tried'] / v / n_pat:.2f}%)")
    print()
    fm, cm = statistics.median(floor), statistics.median(cold)
    print("| cold one-article build | median s | min s | CPU s |")
    print("|---|---|---|---|")
    print(f"| floor: python + rdflib + click, 1 triple | {fm:.3f} | {min(floor):.3f} | {statistics.median(floor_cpu):.3f} |")
    print(f"| kg build of the seed (CAMEO + world gazetteer) | {cm:.3f} | {min(cold):.3f} | {statistics.median(cold_cpu):.3f} |")
    print(f"cold / floor: {cm / fm:.2f} (median wall), {min(cold) / min(floor):.2f} (min), "
          f"{statistics.median(cold_cpu) / statistics.median(floor_cpu):.2f} (CPU)")
    print(f"peak RSS: cold build {int(rss) / 1024:.0f} MiB; this benchmark process (everything loaded) {rss_self:.0f} MiB")


if __name__ == "__main__":
    main()
