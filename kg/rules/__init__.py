"""Declarative extraction rules: the pattern language, loading and validation, and matching."""
from .engine import Context, Extraction, Firing, extract
from .pattern import PatternError, parse_pattern
from .ruleset import Rule, RuleSet, rule_files


def __getattr__(name: str) -> object:
    """`load_rules`, imported when first asked for: a build that reads its rule pack from the cache
    never imports kg.rules.loader (its frames, word classes and checks)."""
    if name == "load_rules":
        from .loader import load_rules

        return load_rules
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

__all__ = ["Context", "Extraction", "Firing", "PatternError", "Rule", "RuleSet", "extract", "load_rules",
           "parse_pattern", "rule_files"]
