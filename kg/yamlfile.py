"""YAML loading that remembers line numbers, so errors in data files can name the line."""
from __future__ import annotations

from pathlib import Path
from typing import Any

from .errors import InputError


def _loader_class() -> Any:
    """PyYAML, imported when a data file is parsed: a cached rule pack needs no YAML at all."""
    import yaml

    try:  # the C loader is ~10x faster; the pure-Python one gives the same nodes
        return yaml.CSafeLoader
    except AttributeError:  # pragma: no cover
        return yaml.SafeLoader


class LDict(dict):
    """A mapping from YAML with the line of the mapping and of each key (1-based)."""

    line: int = 0
    key_lines: dict[str, int]


class LList(list):
    line: int = 0
    item_lines: list[int]


ALIAS_FACTOR = 10  # an alias may copy at most this many times the file's own nodes ...
ALIAS_SLACK = 100_000  # ... plus this many: ordinary reuse passes, a "billion laughs" does not


class _Walk:
    """What the conversion has seen: the nodes on the current path (a recursive alias), the
    distinct nodes and the nodes made (an alias re-expanded into exponentially many copies)."""

    def __init__(self) -> None:
        self.path: set[int] = set()
        self.seen: set[int] = set()
        self.made = 0


def _convert(node: Any, loader: Any, walk: _Walk | None = None) -> Any:
    import yaml

    walk = walk or _Walk()
    line = node.start_mark.line + 1
    if id(node) in walk.path:
        raise InputError(loader.name, "recursive YAML alias: a node that contains itself", line)
    walk.made += 1
    walk.seen.add(id(node))
    if walk.made > ALIAS_FACTOR * len(walk.seen) + ALIAS_SLACK:
        raise InputError(loader.name, f"YAML aliases expand to more than {walk.made:,} nodes from {len(walk.seen):,} "
                                      "written (an alias bomb?); write the data out instead", line)
    if isinstance(node, yaml.MappingNode):
        walk.path.add(id(node))
        d = LDict()
        d.line = line
        d.key_lines = {}
        for k, v in node.value:
            key = _convert(k, loader, walk) if not isinstance(k, yaml.ScalarNode) else loader.construct_scalar(k)
            if not isinstance(key, str):
                key = str(key)
            if key in d:
                raise InputError(loader.name, f"duplicate key {key!r}", k.start_mark.line + 1)
            d[key] = _convert(v, loader, walk)
            d.key_lines[key] = k.start_mark.line + 1
        walk.path.discard(id(node))
        return d
    if isinstance(node, yaml.SequenceNode):
        walk.path.add(id(node))
        seq = LList(_convert(v, loader, walk) for v in node.value)
        walk.path.discard(id(node))
        seq.line = line
        seq.item_lines = [v.start_mark.line + 1 for v in node.value]
        return seq
    return loader.construct_object(node, deep=True)


def load_yaml(path: Path) -> Any:
    """Parse one YAML file; syntax errors become an InputError naming the file and line."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as e:
        raise InputError(path, f"not valid UTF-8 (byte {e.start})") from None
    except OSError as e:
        raise InputError(path, e.strerror or str(e)) from None
    import yaml

    loader = _loader_class()(text)
    loader.name = str(path)
    try:
        node = loader.get_single_node()
        return None if node is None else _convert(node, loader)
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        raise InputError(path, f"YAML syntax: {e.problem or e.context}", mark.line + 1 if mark else None) from None
    except yaml.YAMLError as e:
        raise InputError(path, f"YAML: {e}") from None
    finally:
        loader.dispose()
