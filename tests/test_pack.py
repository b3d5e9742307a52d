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
