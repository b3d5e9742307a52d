"""A rule pack: the data kg extracts with (vocabulary, gazetteer, rules, layout) and the ontology.

The default pack is the one shipped with kg (`data/` and `ontology/`); `--data DIR` points to
another folder with the same layout, so users extend kg by editing files, never code.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from .document import Layout, load_layout
from .errors import InputError
from .gazetteer import Gazetteer, load_gazetteer
from .mentions import MentionFinder
from .rules.loader import RuleSet, load_rules, rule_files
from .vocab import Vocabulary, load_vocabulary


def _find(name: str) -> Path:
    here = Path(__file__).resolve().parent
    for cand in (here / name, here.parent / name):  # installed wheel, then a source checkout
        if cand.is_dir():
            return cand
    raise InputError(here, f"kg's {name}/ folder is missing from this installation")


def default_data_dir() -> Path:
    return _find("data")


def default_ontology_dir() -> Path:
    return _find("ontology")


@dataclass
class Pack:
    data_dir: Path
    ontology_dir: Path
    rules_path: Path | None = None  # a rules folder or file other than data_dir/rules

    @classmethod
    def load(cls, data_dir: str | Path | None = None, ontology_dir: str | Path | None = None,
             rules: str | Path | None = None) -> "Pack":
        """Open a pack and validate all of it now, so that errors surface before any article is read."""
        d = Path(data_dir) if data_dir else default_data_dir()
        if not d.is_dir():
            raise InputError(d, "data folder not found")
        pack = cls(d, Path(ontology_dir) if ontology_dir else default_ontology_dir(), Path(rules) if rules else None)
        pack.rules  # noqa: B018 - load and validate eagerly
        return pack

    @cached_property
    def vocabulary(self) -> Vocabulary:
        return load_vocabulary(self.data_dir, self.ontology_dir)

    @cached_property
    def gazetteer(self) -> Gazetteer:
        files = sorted((self.data_dir / "gazetteer").glob("*.yaml"))
        if not files:
            raise InputError(self.data_dir / "gazetteer", "no gazetteer files (*.yaml)")
        return load_gazetteer(files, self.vocabulary)

    @cached_property
    def rules(self) -> RuleSet:
        self.gazetteer  # noqa: B018 - report gazetteer errors first
        return load_rules(rule_files(self.rules_path or self.data_dir / "rules"), self.vocabulary, self.data_dir)

    @cached_property
    def layout(self) -> Layout:
        return load_layout(self.data_dir / "layout.yaml")

    @cached_property
    def finder(self) -> MentionFinder:
        return MentionFinder(self.gazetteer, self.vocabulary)
