from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "data" / "articles" / "rferl-2006-03-03-hamas-moscow.txt"


def write_rules(tmp_path: Path, body: str, name: str = "bad.yaml") -> Path:
    """A rule file of `body` (dedented) in tmp_path/rules/, for loader tests."""
    import textwrap
    d = tmp_path / "rules"
    d.mkdir(exist_ok=True)
    f = d / name
    f.write_text(textwrap.dedent(body), encoding="utf-8")
    return f


@pytest.fixture(scope="session")
def pack():
    from kg.rules.pack import Pack
    return Pack.load()


@pytest.fixture(scope="session")
def seed_result(pack):
    from kg.graph.build import build_result
    return build_result([SEED], pack=pack)


@pytest.fixture(scope="session")
def seed_turtle(seed_result):
    from kg.graph.export import serialize
    b = seed_result.builder
    return serialize(b.triples, "turtle", b.prefixes(), b.by_article)


@pytest.fixture
def run():
    """Run the CLI in-process; returns the click Result (stdout and stderr kept apart)."""
    from kg.cli import main

    def _run(*args: str):
        return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)
    return _run


def run_kg(*args: str, env: dict[str, str] | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess:
    """Run `python -m kg.cli` as a real process (for exit codes, tracebacks and hash seeds)."""
    e = dict(os.environ, **(env or {}))
    return subprocess.run([sys.executable, "-m", "kg.cli", *map(str, args)], capture_output=True, text=True,
                          env=e, cwd=cwd or ROOT, timeout=120)


def stop(proc: subprocess.Popen, grace: float = 15) -> None:
    """End a server the tests started: SIGTERM, then SIGKILL if it does not exit in time."""
    import signal
    if proc.poll() is not None:
        return
    proc.send_signal(signal.SIGTERM)
    try:
        proc.wait(grace)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(10)
