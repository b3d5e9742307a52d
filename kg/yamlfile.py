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


def _convert(node: Any, loader: Any) -> Any:
    import yaml

    if isinstance(node, yaml.MappingNode):
        d = LDict()
        d.line = node.start_mark.line + 1
        d.key_lines = {}
        for k, v in node.value:
            key = loader.construct_object(k, deep=True) if not isinstance(k, yaml.ScalarNode) else loader.construct_scalar(k)
            if not isinstance(key, str):
                key = str(key)
            if key in d:
                raise InputError(loader.name, f"duplicate key {key!r}", k.start_mark.line + 1)
            d[key] = _convert(v, loader)
            d.key_lines[key] = k.start_mark.line + 1
        return d
    if isinstance(node, yaml.SequenceNode):
        seq = LList(_convert(v, loader) for v in node.value)
        seq.line = node.start_mark.line + 1
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
