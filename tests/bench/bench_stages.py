"""Where a cold one-article build's instructions go, stage by stage (valgrind; prints, asserts nothing).

Why: on this shared machine CPU timers move by a third between minutes, and a start-up change of
1-2% hides in that noise; instructions counted by valgrind move by well under 1%. The script runs
itself once per stage in a new process, cut (`os._exit`) after that stage, as `kg build` sets the
collector up (`gc.freeze()` after the pack, `gc.set_threshold(200_000, 20, 20)`), and prints each
stage's count as the difference from the one before. The seed article is analysed twice, so the
second round shows what the first one paid for once per process (matchers built, packs decoded).

    python tests/bench/bench_stages.py            # about 5 minutes: 9 runs under valgrind

Needs valgrind. Run it once before timing after a change: the first run writes the rule pack and
code caches (into a folder of its own, as bench_build.py does).
"""
from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "data" / "articles" / "rferl-2006-03-03-hamas-moscow.txt"
STAGES = ["imports (Python, kg.cli, the build's modules)", "reading the pack cache",
          "layout and mentions", "rules", "CAMEO coding", "graph"]


def _exit() -> None:
    """End here, as `kg build` does (no heap teardown), keeping what the code cache learnt (its
    own atexit writer does not run after `os._exit`)."""
    from kg import codecache

    codecache.save()
    os._exit(0)


def _run_to(stop: int) -> None:
    """This process, cut after stage `stop` (0-5; 10 + n: stage n of a second round)."""
    import gc

    gc.disable()
    import kg.cli  # noqa: F401 - installs the code cache, as the command does
    import kg.corpus.build  # noqa: F401
    import kg.corpus.work  # noqa: F401
    import kg.graph.build  # noqa: F401
    import kg.graph.events  # noqa: F401
    import kg.rules.engine  # noqa: F401
    if stop == 0:
        _exit()
    from kg.rules.pack import Pack
    pack = Pack.load()
    gc.freeze()
    gc.set_threshold(200_000, 20, 20)
    gc.enable()
    if stop == 1:
        _exit()
    from kg.graph.builder import GraphBuilder, Minter
    from kg.graph.events import code_article
    from kg.reading.document import parse_article
    from kg.rules.engine import extract
    text = SEED.read_text(encoding="utf-8")
    for rnd in range(2 if stop >= 10 else 1):
        last = rnd == (1 if stop >= 10 else 0)
        art = parse_article(text, source="seed", layout=pack.layout, default_id="seed")
        an = pack.finder.analyse(art)
        if last and stop % 10 == 2:
            _exit()
        ex = extract(art, an, pack.rules, pack.vocabulary)
        if last and stop % 10 == 3:
            _exit()
        ex.cameo = code_article(ex, pack)
        if last and stop % 10 == 4:
            _exit()
        GraphBuilder(pack.vocabulary, pack.gazetteer, Minter()).add_extraction(ex)
    _exit()


def _count(stop: int, env: dict[str, str]) -> int:
    cmd = [os.path.realpath(sys.executable), __file__, "--stop", str(stop)]
    subprocess.run(cmd, check=True, cwd=ROOT, env=env)  # caches and bytecode written first
    r = subprocess.run(["valgrind", "--tool=cachegrind", "--cache-sim=no", "--cachegrind-out-file=/dev/null", *cmd],
                       capture_output=True, text=True, cwd=ROOT, env=env)
    m = re.search(r"I\s+refs:\s+([\d,]+)", r.stderr)
    if m is None:
        raise SystemExit(f"valgrind gave no count for stage {stop}:\n{r.stderr[-2000:]}")
    return int(m.group(1).replace(",", ""))


def main() -> None:
    if len(sys.argv) == 3 and sys.argv[1] == "--stop":
        sys.path.insert(0, str(ROOT))
        _run_to(int(sys.argv[2]))
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env.update(PYTHONHASHSEED="0", KG_CACHE_DIR=str(Path(tempfile.gettempdir()) / "kg-bench-stages-cache"))
    first = [_count(s, env) for s in range(6)]
    second = [first[5], *(_count(s, env) for s in (12, 13, 14))]  # a whole first round, then the second's stages
    print(f"cold one-article build of {SEED.name}, stage by stage (M instructions, valgrind, PYTHONHASHSEED=0)")
    print(f"{'stage':48} {'first article':>14} {'second':>8}")
    prev = 0
    again = {2: second[1] - second[0], 3: second[2] - second[1], 4: second[3] - second[2]}
    for i, (name, n) in enumerate(zip(STAGES, first)):
        extra = f"{again[i] / 1e6:8.1f}" if i in again else ""
        print(f"{name:48} {(n - prev) / 1e6:14.1f} {extra}")
        prev = n
    print(f"{'total to the graph (no Turtle, no corpus path)':48} {first[-1] / 1e6:14.1f}")


if __name__ == "__main__":
    main()
