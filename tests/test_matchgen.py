"""Matchers made from plans (kg.rules.matchgen) match as the closures kg.rules.match builds do: the same
matches from every start, the same step budget spent (a pattern over budget stops at the same
point), and the command keeps their code between processes."""
from __future__ import annotations

import marshal
import os
import subprocess
import sys
from pathlib import Path

import pytest

from kg import codecache
from kg.reading.document import parse_article
from kg.rules import match
from kg.rules.engine import extract
from kg.rules.index import _runtime
from kg.rules.pack import Pack
from kg.rules.view import SentenceView

from .conftest import ROOT

SEED = ROOT / "data" / "articles" / "rferl-2006-03-03-hamas-moscow.txt"
TEXTS = [SEED, *sorted((ROOT / "tests" / "heldout" / "articles-11").glob("*.txt"))]
OWN = """WASHINGTON, May 2 (kg) -- Iran and Syria, allies for decades, signed a defence pact on Monday, the Syrian Foreign Ministry said.
"We will not accept sanctions," Foreign Minister Ali Larijani told reporters after the talks in Moscow, adding that the United States, Russia and China had failed to agree.
Russian President Vladimir Putin met Hamas leader Khalid Mishal in the Kremlin on Friday and urged him to recognise Israel, a spokesman said.
"""


@pytest.fixture(scope="module")
def prepared(tmp_path_factory: pytest.TempPathFactory):
    """A pack read back from its cache (its patterns keyed), and generated code kept in memory."""
    cache = tmp_path_factory.mktemp("cache")
    old = os.environ.get("KG_CACHE_DIR")
    os.environ["KG_CACHE_DIR"] = str(cache)
    try:
        Pack.load()  # writes the cache
        pack = Pack.load()  # reads it: the rules carry the key of their generated matchers
    finally:
        if old is None:
            os.environ.pop("KG_CACHE_DIR", None)
        else:
            os.environ["KG_CACHE_DIR"] = old
    return pack


def _views(pack: Pack) -> list[tuple[SentenceView, object]]:
    out = []
    texts = [(p.stem, p.read_text(encoding="utf-8")) for p in TEXTS] + [("own", OWN)]
    for name, text in texts:
        art = parse_article(text, source=name, layout=pack.layout, default_id=name)
        an = pack.finder.analyse(art)
        out.append((art, an))
    return out


def test_generated_matchers_find_what_closures_find(prepared: Pack, monkeypatch: pytest.MonkeyPatch) -> None:
    pack = prepared
    monkeypatch.setattr(codecache, "_installed", True)
    monkeypatch.setattr(codecache, "_code", {})
    monkeypatch.setattr(codecache, "_used", set())
    arts = _views(pack)
    for art, an in arts:  # the patterns these articles reach, their matchers generated
        extract(art, an, pack.rules, pack.vocabulary)
    pats, _ = _runtime(pack.rules.rules)  # the patterns whose matchers were made (each keyed, its tree read here)
    roots = [(p.root.tree(), p.root.key) for p in dict.values(pats) if p.m is not None]
    assert len(roots) > 100
    assert any(isinstance(k, tuple) and k[0] == "match" for k in codecache._code)
    views = [SentenceView(sa, art.text, art.quotes, pack.vocabulary, art.date) for art, an in arts for sa in an]
    for budget in (match.STEP_BUDGET, 40):  # a small budget: patterns stop part way, at the same step
        monkeypatch.setattr(match, "STEP_BUDGET", budget)
        for root, key in roots:
            gen, closures = match._generated(root, key), match._build(root, match._end)
            for v in views:
                starts = list(range(v.n))
                v.over_budget = 0
                a = match.find_upto(gen, v, starts, v.n)
                spent_a, over_a = v.budget, v.over_budget
                v.over_budget = 0
                b = match.find_upto(closures, v, starts, v.n)
                assert (a, spent_a, over_a) == (b, v.budget, v.over_budget), (key, v.sa.sentence.text)


def test_a_pattern_keeps_its_plans_key_in_any_list_of_rules(prepared: Pack) -> None:
    """The key of a pattern's plan is its number in the pack, also when a list of some of its rules
    is indexed (`kg rules explain` matches each rule alone): else such a list gave its patterns the
    keys of the pack's first ones, and their matchers were made from other patterns' plans."""
    from kg.rules.index import _entries, _pats
    rules = prepared.rules.rules
    first = _pats(rules[:1])[0]  # the pack's first pattern: number 0 in either list
    base, zero = match.KEYS[id(first.root)][1].rsplit(":", 1)
    assert zero == "0" and base.startswith("pack-")
    keys: dict[int, set[str]] = {}  # (a root two patterns share has either key: their plans are the same)
    for e in _entries(rules):
        keys.setdefault(id(e[2]), set()).add(f"{base}:{e[0]}")
    assert len(keys) > 100
    for some in (rules, *([r] for r in rules[1:])):
        for p in _pats(some):
            assert match.KEYS[id(p.root)][1] in keys[id(p.root)], (p.rule.id, p.i)


def test_the_command_keeps_generated_code_and_builds_the_same(tmp_path: Path) -> None:
    env = {**os.environ, "KG_CACHE_DIR": str(tmp_path / "cache"), "PYTHONPATH": str(ROOT)}
    outs = []
    for i in range(3):  # the pack written (closures), matchers generated, then read back
        out = tmp_path / f"seed{i}.nq"
        subprocess.run([sys.executable, "-m", "kg.cli", "build", str(SEED), "-o", str(out), "-q", "-j", "1"],
                       check=True, env=env, cwd=ROOT)
        outs.append(out.read_bytes())
    assert outs[0] == outs[1] == outs[2]
    (code,) = (tmp_path / "cache").glob("code-*.marshal")
    data = marshal.loads(code.read_bytes())
    units = [k for k in data if isinstance(k, tuple) and k[0] == "match"]
    assert len(units) > 100 and any(k[0] == "matchsets" for k in data if isinstance(k, tuple))
    pack_file = next((tmp_path / "cache").glob("pack-*.pickle")).stem
    assert all(k[2].startswith(pack_file + ":") for k in units)  # keyed by the pack cache: a rule edit is a new key
