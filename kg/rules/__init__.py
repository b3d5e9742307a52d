"""Declarative extraction rules: the pattern language, loading and validation, and matching."""
from .engine import Context, Extraction, Firing, extract
from .loader import Rule, RuleSet, load_rules, rule_files
from .pattern import PatternError, parse_pattern

__all__ = ["Context", "Extraction", "Firing", "PatternError", "Rule", "RuleSet", "extract", "load_rules",
           "parse_pattern", "rule_files"]
