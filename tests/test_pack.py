"""The rule pack cache: a validated pack is reused, and any change to a pack file is seen."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from kg.errors import RuleError
from kg.rules.pack import Pack

from .conftest import ROOT


def test_cache_is_reused_and_invalidated(tmp_path, monkeypatch):
    monkeypatch.setenv("KG_CACHE_DIR", str(tmp_path / "cache"))
    data = tmp_path / "pack"
    shutil.copytree(ROOT / "data", data)
    first = Pack.load(data)
    files = list((tmp_path / "cache").glob("pack-*.pickle"))
    assert len(files) == 1
    again = Pack.load(data)
    assert [r.id for r in again.rules.rules] == [r.id for r in first.rules.rules]
    assert "rules" in again.__dict__  # came from the cache, not parsed lazily later
    f = data / "rules" / "leadership.yaml"
    f.write_text(f.read_text(encoding="utf-8").replace("id: leader.deputy", "id: leader.deputy-head"), encoding="utf-8")
    changed = Pack.load(data)
    assert changed.rules.get("leader.deputy-head") is not None and changed.rules.get("leader.deputy") is None
    f.write_text(f.read_text(encoding="utf-8").replace("id: leader.deputy-head", "id: Bad Id"), encoding="utf-8")
    with pytest.raises(RuleError, match="'id' is required"):
        Pack.load(data)  # an invalid pack is never served from the cache


def test_cache_can_be_switched_off(tmp_path, monkeypatch):
    monkeypatch.setenv("KG_CACHE_DIR", "off")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    Pack.load()
    assert not list(tmp_path.rglob("*.pickle"))


def test_cache_follows_kg_code(tmp_path, monkeypatch):
    """A cache written by another kg (here: a copy of kg with one module changed) is not read."""
    import kg.rules.pack as kp

    monkeypatch.setenv("KG_CACHE_DIR", str(tmp_path / "cache"))
    code = tmp_path / "kg"
    shutil.copytree(Path(kp.__file__).parent.parent, code, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(kp, "__file__", str(code / "rules" / "pack.py"))
    before = Pack(ROOT / "data", ROOT / "ontology")._cache_file()
    assert Pack(ROOT / "data", ROOT / "ontology")._cache_file() == before
    loader = code / "rules" / "loader.py"
    loader.write_text(loader.read_text(encoding="utf-8") + "\n# changed\n", encoding="utf-8")
    assert Pack(ROOT / "data", ROOT / "ontology")._cache_file() != before


def test_rules_from_the_cache_hold_what_the_loaded_rules_hold(tmp_path, monkeypatch):
    """A rule pickles as (names, values) (kg.rules.ruleset.Rule.__getstate__): the cached pack's
    rules have the same attributes, names interned, variants pointing at their parent; a pickled
    rule keeps its attributes' order, and copies as before."""
    import copy
    import pickle
    import sys

    from kg.rules.ruleset import Rule

    monkeypatch.setenv("KG_CACHE_DIR", str(tmp_path / "cache"))
    fresh = Pack.load()  # parsed (and the cache written)
    cached = Pack.load()
    assert "rules" in cached.__dict__
    for a, b in zip(fresh.rules.rules, cached.rules.rules, strict=True):
        for k in ("id", "file", "line", "order", "group", "priority", "node_classes", "attribution", "negation",
                  "segments", "node_scope", "forms", "defaults", "background", "emits", "examples", "required"):
            assert getattr(b, k) == getattr(a, k), (a.id, k)
        assert all(k is sys.intern(k) for k in b.__dict__)
        assert all(v.parent is b for v in b.variants)
    r = Rule("x", "", "f.yaml", 1, 0, "g", 0, [], [], [])
    r.variants.append(Rule("x.v", "", "f.yaml", 1, 1, "g", 0, [], [], [], parent=r))
    again = pickle.loads(pickle.dumps(r, protocol=pickle.HIGHEST_PROTOCOL))
    assert again.variants[0].parent is again and list(again.__dict__) == list(r.__dict__)
    assert copy.copy(r).variants is r.variants and copy.deepcopy(r).variants[0].parent is not r
