"""The package's layout holds: imports flow one way through the pipeline's stages (docs/design.md).

Every `import` in kg/ (at the top of a module or inside a function: a lazy import is still a
dependency) is parsed with `ast`, resolved to the kg module it names, and checked against the
order below: a module may import its own stage and earlier ones, never a later one. A folder that
is not in the order fails the test, so a new stage is placed (and documented) on purpose.
"""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

from .conftest import ROOT

# Stage of each top-level part of kg/, in pipeline order (docs/design.md says why).
STAGES: list[tuple[str, ...]] = [
    ("codecache", "digest", "errors", "yamlfile"),   # base
    ("reading",),             # articles, layout, sentences, dates
    ("knowing",),             # vocabulary, gazetteer, mentions
    ("rules",),               # patterns, matching, the engine, join rules, the pack
    ("graph",),               # RDF terms, building, writing, validation, explanation
    ("sparql", "network"),    # what is built on a graph: query, serve, push; the network of actors
    ("corpus",),              # many articles: inputs, workers, sinks
    ("cli",),                 # the `kg` command (thin)
    ("__main__",),            # `python -m kg`: runs the command
]
RANK = {part: i for i, parts in enumerate(STAGES) for part in parts}
KG = ROOT / "kg"


def part_of(module: str) -> str | None:
    """'kg.graph.build' -> 'graph'; 'kg' (the package's facade) -> None."""
    bits = module.split(".")
    return bits[1] if len(bits) > 1 and bits[0] == "kg" else None


def module_name(path: Path) -> str:
    rel = path.relative_to(ROOT).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imports(path: Path) -> list[tuple[int, str]]:
    """(line, kg module) for every import of a kg module in the file, relative ones resolved."""
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    here = module_name(path).split(".")
    package = here if path.name == "__init__.py" else here[:-1]
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out += [(node.lineno, a.name) for a in node.names if a.name.split(".")[0] == "kg"]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[:len(package) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            if target.split(".")[0] != "kg":
                continue
            if target == "kg" or (node.level and not node.module):  # `from .. import x`: x may be a module
                out += [(node.lineno, f"{target}.{a.name}") for a in node.names]
            else:
                out.append((node.lineno, target))
    return out


MODULES = sorted(p for p in KG.rglob("*.py") if "__pycache__" not in p.parts)


def test_every_part_of_kg_has_a_stage():
    parts = {p.relative_to(KG).parts[0].removesuffix(".py") for p in MODULES} - {"__init__"}
    assert parts <= set(RANK), f"place {sorted(parts - set(RANK))} in STAGES here and in docs/design.md"


def test_the_design_page_names_every_stage():
    page = (ROOT / "docs" / "design.md").read_text(encoding="utf-8")
    for part in RANK:
        assert f"`kg/{part}" in page, f"docs/design.md does not describe kg/{part}"


@pytest.mark.parametrize("path", [p for p in MODULES if part_of(module_name(p))], ids=lambda p: str(p.relative_to(KG)))
def test_imports_flow_one_way(path: Path):
    mine = part_of(module_name(path))
    bad = []
    for line, target in imports(path):
        theirs = part_of(target)
        if theirs is None or theirs not in RANK:
            if theirs is None and target == "kg":
                bad.append(f"{path.relative_to(ROOT)}:{line}: imports the kg facade (import the module it names)")
            continue
        sibling = RANK[theirs] == RANK[mine] and theirs != mine and RANK[mine] != 0  # the base modules share one stage
        if RANK[theirs] > RANK[mine] or sibling:
            bad.append(f"{path.relative_to(ROOT)}:{line}: kg/{mine} imports {target} (a later or a sibling stage)")
    assert not bad, "\n".join(bad)


def test_the_checker_sees_a_backward_import(tmp_path: Path):
    """The parser resolves relative imports: a graph module importing the CLI is caught."""
    fake = KG / "graph" / "_probe_for_test.py"
    src = "from ..cli import main\nfrom . import build\nfrom ...kg import errors\n"
    tree_imports = []
    try:
        fake.write_text(src, encoding="utf-8")
        tree_imports = [t for _, t in imports(fake)]
    finally:
        fake.unlink()
    assert "kg.cli" in tree_imports and "kg.graph.build" in tree_imports
