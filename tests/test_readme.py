"""The README's front door holds, and the Python examples of the README and the guide's pages print what
the page says they print. (Every shell block of both is run by tests/test_docs.py.)

A Python block is followed by a ```text block with its output; each output line must equal the
printed line, or, where the page ends it with "...", start with what comes before the "...".
"""
from __future__ import annotations

import contextlib
import io
import re

import pytest

from .conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
FENCE = re.compile(r"^```(\w*)[^\n]*\n(.*?)^```[ \t]*\n", re.S | re.M)
OWN_PAGES = ("index.md", "getting-started.md", "tutorial.md", "rule-pack.md", "graph-model.md", "network.md",
             "corpora.md", "stores.md", "performance.md", "design.md")  # the guide; other pages document their own APIs
PAGES = [ROOT / "README.md", *(ROOT / "docs" / p for p in OWN_PAGES)]


def python_examples() -> list[tuple[str, str, str | None]]:
    """(where, code, expected output or None) for every python block of the README and the docs."""
    out = []
    for page in PAGES:
        text = page.read_text(encoding="utf-8")
        found = list(FENCE.finditer(text))
        for i, m in enumerate(found):
            if m.group(1) != "python":
                continue
            nxt = found[i + 1] if i + 1 < len(found) else None
            follows = nxt is not None and nxt.group(1) == "text" and not text[m.end():nxt.start()].strip()
            where = f"{page.relative_to(ROOT)}:{text.count(chr(10), 0, m.start()) + 1}"
            out.append((where, m.group(2), nxt.group(2) if follows else None))
    return out


def test_opening_commands_are_the_install_and_test_commands():
    blocks = re.findall(r"```(\w+)\n(.*?)```", README, re.S)
    first, second = [b for lang, b in blocks[:2]]
    assert "pip install ." in first and "kg build data/articles/" in first
    assert "pip install -e '.[test]'" in second and "python -m pytest" in second
    assert "python3 -m pytest" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def test_readme_is_a_front_door():
    """Short, with one picture and links to every page of the site."""
    assert len(README.splitlines()) <= 80
    assert len(re.findall(r"!\[[^\]]*\]\(([^)]+)\)", README)) == 1
    nav = re.findall(r":\s*([\w./-]+\.md)\s*$", (ROOT / "mkdocs.yml").read_text(encoding="utf-8"), re.M)
    for page in nav:
        if page in ("index.md",) or not (ROOT / "docs" / page).is_file():
            continue
        assert f"docs/{page}" in README or page not in OWN_PAGES, f"the README does not link docs/{page}"
    for link in re.findall(r"\]\((docs/[^)#]+)", README):
        assert (ROOT / link).is_file(), f"README links to a missing {link}"


EXAMPLES = python_examples()


def test_every_python_example_shows_its_output():
    assert EXAMPLES, "the docs have Python examples"
    missing = [where for where, _, expected in EXAMPLES if expected is None]
    assert not missing, f"add a ```text block with the output after: {missing}"


@pytest.mark.parametrize("where,code,expected", EXAMPLES, ids=[w for w, _, _ in EXAMPLES])
def test_python_examples_print_what_the_page_says(where, code, expected, monkeypatch):
    monkeypatch.chdir(ROOT)
    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        exec(compile(code, where, "exec"), {})
    got = buf.getvalue().splitlines()
    want = (expected or "").splitlines()
    assert len(got) == len(want), f"{where}: printed {len(got)} lines, the page shows {len(want)}:\n{buf.getvalue()}"
    for g, w in zip(got, want):
        ok = g.startswith(w[:-3]) if w.endswith("...") else g == w
        assert ok, f"{where}: printed {g!r}, the page shows {w!r}"
