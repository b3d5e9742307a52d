"""The rule pack cache: a validated pack is reused, and any change to a pack file is seen."""
from __future__ import annotations

import shutil

import pytest

from kg.errors import RuleError
from kg.pack import Pack

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
    """A cache written by another kg (here: one of its modules changed) is not read."""
    import os

    import kg.rules.loader as loader

    monkeypatch.setenv("KG_CACHE_DIR", str(tmp_path / "cache"))
    pack = Pack(ROOT / "data", ROOT / "ontology")
    before = pack._cache_file()
    st = os.stat(loader.__file__)
    try:
        os.utime(loader.__file__, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000_000))
        assert pack._cache_file() != before
    finally:
        os.utime(loader.__file__, ns=(st.st_atime_ns, st.st_mtime_ns))
    assert pack._cache_file() == before
