"""Errors a user can act on: each names the file, the line and what is wrong."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


class KgError(Exception):
    """Base class of every error kg reports to a user (the CLI prints it in one line, no traceback)."""


@dataclass(frozen=True)
class Problem:
    """One located problem in an input file (article, rule file, gazetteer, graph)."""

    path: str
    line: int | None
    message: str
    rule: str | None = None

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        who = f" (rule {self.rule})" if self.rule else ""
        return f"{where}: {self.message}{who}"


class InputError(KgError):
    """An article or data file that kg cannot read."""

    def __init__(self, path: str | Path, message: str, line: int | None = None):
        self.problem = Problem(str(path), line, message)
        super().__init__(str(self.problem))


class ProblemsError(KgError):
    """Several located problems found together, so a user fixes them in one pass."""

    def __init__(self, problems: list[Problem], what: str = "problems"):
        self.problems = problems
        lines = "\n".join(f"  {p}" for p in problems)
        super().__init__(f"{len(problems)} {what}:\n{lines}" if len(problems) > 1 else str(problems[0]))


class RuleError(ProblemsError):
    """Rule or gazetteer files that do not validate."""

    def __init__(self, problems: list[Problem]):
        super().__init__(problems, "errors in rule data")
