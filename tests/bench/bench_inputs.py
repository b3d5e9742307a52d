"""Reading speed of the inputs of issue 16: layout reading per MB of real text (the seed, repeated
to 1, 2 and 4 MB: time per MB should stay flat), main-text extraction per saved page, feed items
per second, language detection per article. Prints figures; timings taken on a shared machine
are noisy, so re-run on a quiet one before quoting them.

    python tests/bench/bench_inputs.py [--reps 3]
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))


def best(fn, reps: int) -> float:
    times = []
    for _ in range(reps):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--reps", type=int, default=3)
    a = ap.parse_args()
    from kg.reading.document import parse_article
    from kg.reading.feeds import read_feed
    from kg.reading.html import extract_page
    from kg.reading.language import detect
    from kg.rules.pack import Pack

    layout = Pack.load().layout
    seed = (ROOT / "data" / "articles" / "rferl-2006-03-03-hamas-moscow.txt").read_text(encoding="utf-8")
    print("| what | size | best of reps | per unit |")
    print("|---|---|---|---|")
    for mb in (1, 2, 4):
        text = seed * max(1, int(mb * 1e6 / len(seed)))
        t = best(lambda: parse_article(text, source="bench", layout=layout), a.reps)
        print(f"| layout and sentences | {len(text) / 1e6:.1f} MB | {t:.2f} s | {t / (len(text) / 1e6):.2f} s/MB |")
    for page in sorted((ROOT / "tests" / "data" / "pages").glob("*.html")):
        if "boilerplate" in page.name:
            continue
        data = page.read_bytes()
        t = best(lambda: extract_page(data, page.name), a.reps)
        print(f"| extract_page {page.name[:40]} | {len(data):,} B | {t * 1000:.1f} ms | {t * 1000:.1f} ms/page |")
    feed = (ROOT / "tests" / "data" / "feeds" / "bbc-news-world-2017-01-20.rss").read_bytes()
    t = best(lambda: list(read_feed(feed, "bench")), a.reps)
    print(f"| read_feed (3 items) | {len(feed):,} B | {t * 1000:.1f} ms | {t / 3 * 1000:.1f} ms/item |")
    t = best(lambda: detect(seed), a.reps)
    print(f"| detect language (English) | {len(seed):,} chars | {t * 1000:.2f} ms | {t * 1000:.2f} ms/article |")
    german = ("Russland hat nach Angaben des Außenministeriums in Moskau auch Kontakte zur Hamas, die von den USA, "
              "der EU und Israel als Terrororganisation eingestuft wird. ") * 5
    detect(german)  # the first call reads the 100 stoplists
    t = best(lambda: detect(german), a.reps)
    print(f"| detect language (German, lists read) | {len(german):,} chars | {t * 1000:.2f} ms | {t * 1000:.2f} ms/article |")


if __name__ == "__main__":
    main()
