"""The documentation runs: every `sh` and `bash` block of README.md and of each page under docs/
runs, in order, in a fresh temporary folder holding a copy of the rule pack (data/) and the
ontology, as a newcomer in a fresh clone would run them. So a page cannot tell users to run
`kg serve seed.trig` without an earlier command making `seed.trig`.

Markers, an HTML comment on the line just before a block:
* `<!-- docs-test: skip REASON -->`: the block is not run (a cluster, a server kg does not ship,
  half an hour of benchmark); the reason is required, and skipped blocks are counted below.
* `<!-- docs-test: fails TEXT -->`: the block must exit non-zero and print TEXT (a page showing an
  error on purpose).
After a page, everything its commands created must be covered by .gitignore, so following the
docs inside a checkout leaves no untracked files.
`pip install ...` at the start of a line (alone or before `&&`) is not run: the suite runs inside
the installed checkout. Each block runs under `bash -e -o pipefail`; whatever it leaves running
(`kg serve ... &` without its `kill`) is ended with its process group, and fails the test.
Also: `mkdocs build --strict` builds the site (when mkdocs is installed, as the test extra does).
"""
from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from .conftest import ROOT

MARKER = re.compile(r"<!--\s*docs-test:\s*(skip|fails)\b\s*(.*?)\s*-->")
FENCE = re.compile(r"^```(\w*)[^\n]*\n(.*?)^```", re.S | re.M)
PIP = re.compile(r"^\s*pip install [^&\n]*(?:&&\s*)?", re.M)
COPIED = {"data", "ontology", "tests", ".ci"}  # what the folder starts with, like a clone
MAX_SKIPPED_SHARE = 0.3  # at most three in ten shell blocks may be skipped (servers kg does not ship, benchmarks)


@dataclass
class Block:
    page: str
    line: int
    lang: str
    body: str
    mark: str  # "", "skip" or "fails"
    reason: str


def pages() -> list[Path]:
    """README.md, then the pages of mkdocs.yml's nav in order, then any other page under docs/."""
    nav = re.findall(r":\s*([\w./-]+\.md)\s*$", (ROOT / "mkdocs.yml").read_text(encoding="utf-8"), re.M)
    listed = [ROOT / "docs" / n for n in nav if (ROOT / "docs" / n).is_file()]
    rest = sorted(p for p in (ROOT / "docs").rglob("*.md") if p not in listed)
    return [ROOT / "README.md", *listed, *rest]


def blocks(page: Path) -> list[Block]:
    text = page.read_text(encoding="utf-8")
    out = []
    for m in FENCE.finditer(text):
        if m.group(1) not in ("sh", "bash"):
            continue
        before = text[:m.start()].rstrip("\n").rsplit("\n", 1)[-1]
        mk = MARKER.search(before)
        out.append(Block(str(page.relative_to(ROOT)), text.count("\n", 0, m.start()) + 1, m.group(1), m.group(2),
                         mk.group(1) if mk else "", mk.group(2) if mk else ""))
    return out


ALL = {str(p.relative_to(ROOT)): blocks(p) for p in pages()}


def test_markers_name_a_reason_and_skips_are_few():
    every = [b for bs in ALL.values() for b in bs]
    skipped = [b for b in every if b.mark == "skip"]
    for b in skipped:
        assert b.reason, f"{b.page}:{b.line}: a skipped block must say why"
    print(f"{len(every)} shell blocks in {len(ALL)} pages; {len(skipped)} skipped:")
    for b in skipped:
        print(f"  {b.page}:{b.line}: {b.reason}")
    assert len(every) >= 20
    assert len(skipped) <= MAX_SKIPPED_SHARE * len(every), "most of the documentation must run"


@pytest.fixture
def folder(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    """A fresh folder like a clone (the rule pack, the ontology), and `kg` on PATH as this checkout."""
    for d in ("data", "ontology"):
        shutil.copytree(ROOT / d, tmp_path / d)
    (tmp_path / "tests").symlink_to(ROOT / "tests")  # the evaluation and benchmark scripts, read-only by use
    shutil.copytree(ROOT / ".ci", tmp_path / ".ci")
    bin_dir = tmp_path.parent / f"{tmp_path.name}-bin"
    bin_dir.mkdir()
    shim = bin_dir / "kg"
    shim.write_text(f"#!/bin/sh\nexec {sys.executable} -m kg.cli \"$@\"\n", encoding="utf-8")
    shim.chmod(0o755)
    env = dict(os.environ, PATH=f"{bin_dir}{os.pathsep}{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
               PYTHONPATH=str(ROOT) + (os.pathsep + os.environ["PYTHONPATH"] if os.environ.get("PYTHONPATH") else ""))
    env.pop("KG_DATA", None)
    return tmp_path, env


def _group_alive(pgid: int, grace: float) -> bool:
    """Whether any process of the group is still running after `grace` seconds."""
    end = time.monotonic() + grace
    while True:
        try:
            os.killpg(pgid, 0)
        except ProcessLookupError:
            return False
        if time.monotonic() > end:
            return True
        time.sleep(0.1)


def run_block(b: Block, cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess:
    body = PIP.sub("", b.body)
    p = subprocess.Popen(["bash", "-e", "-o", "pipefail", "-c", body], cwd=cwd, env=env, text=True,
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)
    try:
        out, err = p.communicate(timeout=600)
    finally:
        leftover = _group_alive(p.pid, grace=10.0)  # processes that were stopped get time to exit
        if leftover:  # a server started with & and never stopped
            os.killpg(p.pid, signal.SIGKILL)
    r = subprocess.CompletedProcess(p.args, p.returncode, out, err)
    r.leftover = leftover  # type: ignore[attr-defined]
    return r


@pytest.mark.parametrize("page", [p for p, bs in ALL.items() if bs])
def test_page_commands_run_in_order(page: str, folder: tuple[Path, dict[str, str]]):
    cwd, env = folder
    ran = 0
    for b in ALL[page]:
        if b.mark == "skip":
            continue
        r = run_block(b, cwd, env)
        where = f"{b.page}:{b.line}"
        if b.mark == "fails":
            assert r.returncode != 0, f"{where}: this block is shown failing, but it exited 0\n{r.stdout[-1500:]}"
            assert b.reason in r.stdout + r.stderr, f"{where}: the failure should say {b.reason!r}\n{r.stderr[-1500:]}"
        else:
            assert r.returncode == 0, f"{where}: exit {r.returncode}\n--- block\n{b.body}--- stdout\n" \
                                      f"{r.stdout[-2000:]}\n--- stderr\n{r.stderr[-2000:]}"
        assert not r.leftover, f"{where}: the block left a process running (stop what it starts)"  # type: ignore[attr-defined]
        ran += 1
    assert ran, f"{page}: every block is skipped"
    made = sorted(p.name for p in cwd.iterdir() if p.name not in COPIED)
    kept = [m for m in made if subprocess.run(["git", "check-ignore", "--no-index", "-q", m + ("/" if (cwd / m).is_dir() else "")],
                                              cwd=ROOT).returncode != 0]
    assert not kept, f"{page}: its commands leave files that .gitignore does not cover: {kept}"


def test_pip_lines_are_only_installs():
    """The lines the runner leaves out install kg or its extras, nothing a page relies on later."""
    for page, bs in ALL.items():
        for b in bs:
            for m in PIP.finditer(b.body):
                line = m.group(0).split("#")[0].strip()
                assert re.fullmatch(r"pip install( [-\w.'\[\],=<>]+)+( &&)?", line), f"{page}:{b.line}: {line}"


def test_site_builds_strictly(tmp_path: Path):
    """mkdocs.yml and every page: no broken link, no page missing from the nav."""
    pytest.importorskip("mkdocs", reason="mkdocs not installed (pip install -e '.[docs]')")
    r = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(tmp_path / "site")],
                       cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr[-3000:]
    assert (tmp_path / "site" / "index.html").is_file()
