"""The README's examples run: its Python blocks execute, and its shell commands that name real
files work as written."""
from __future__ import annotations

import re
import shlex
import shutil
import subprocess
import sys

import pytest

from .conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
BLOCKS = re.findall(r"```(\w+)\n(.*?)```", README, re.S)


def test_opening_commands_are_the_install_and_test_commands():
    first, second = [b for lang, b in BLOCKS[:2]]
    assert "pip install ." in first and "kg build data/articles/" in first
    assert "pip install -e '.[test]'" in second and "python -m pytest" in second
    assert "python3 -m pytest" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


@pytest.mark.parametrize("i", [i for i, (lang, _) in enumerate(BLOCKS) if lang == "python"])
def test_python_blocks_run(i, monkeypatch, capsys):
    monkeypatch.chdir(ROOT)
    exec(compile(BLOCKS[i][1], f"README.md block {i}", "exec"), {})
    assert capsys.readouterr().out.strip()


def _runnable_commands() -> list[str]:
    cmds = []
    for lang, body in BLOCKS:
        if lang != "bash":
            continue
        for line in body.splitlines():
            cmd = line.split("  #")[0].strip()
            if not cmd.startswith("kg ") or "..." in cmd or any(w.isupper() for w in shlex.split(cmd)[1:] if w.isalpha()):
                continue
            cmds.append(cmd)
    return cmds


@pytest.fixture(scope="module")
def workdir(tmp_path_factory):
    """A scratch folder with the data the commands read and the seed graph they query."""
    d = tmp_path_factory.mktemp("readme")
    shutil.copytree(ROOT / "data", d / "data")
    subprocess.run([sys.executable, "-m", "kg.cli", "build", "data/articles/rferl-2006-03-03-hamas-moscow.txt",
                    "-o", "seed.ttl", "-q"], check=True, cwd=d)
    return d


@pytest.mark.parametrize("cmd", _runnable_commands())
def test_shell_commands_run(cmd, workdir):
    argv = [sys.executable, "-m", "kg.cli", *shlex.split(cmd)[1:]]
    r = subprocess.run(argv, capture_output=True, text=True, cwd=workdir, timeout=300)
    assert r.returncode == 0, f"{cmd}\n{r.stdout[-2000:]}\n{r.stderr[-2000:]}"
