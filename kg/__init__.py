"""kg: news articles to an RDF knowledge graph with hand-curated, declarative rules.

The pieces, in the order they run (imports go one way only):
document (reading, layout, sentences) -> mentions (gazetteer, coreference) -> rules (patterns,
matching, factuality) -> graph (RDF with provenance) -> export / explain / cli.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .errors import InputError, KgError, RuleError
    from .graph.build import BuildResult, analyse, build, build_result
    from .graph.explain import explain
    from .knowing.mentions import MentionFinder
    from .reading.document import Article, parse_article, read_article
    from .rules import load_rules
    from .rules.pack import Pack

# The API's names and the modules that hold them, imported on first use: `import kg` (and so every
# `kg` command) stays light, and a command loads only the stages it runs.
_LAZY = {"BuildResult": ".graph.build", "analyse": ".graph.build", "build": ".graph.build",
         "build_result": ".graph.build", "explain": ".graph.explain", "MentionFinder": ".knowing.mentions",
         "Article": ".reading.document", "parse_article": ".reading.document", "read_article": ".reading.document",
         "load_rules": ".rules", "Pack": ".rules.pack",
         # (the errors too: the `kg` command reads its code cache before kg.errors makes its class)
         "InputError": ".errors", "KgError": ".errors", "RuleError": ".errors"}

__all__ = ["Article", "BuildResult", "InputError", "KgError", "MentionFinder", "Pack", "RuleError", "analyse",
           "build", "build_result", "explain", "load_rules", "network", "parse_article", "read_article"]
__version__ = "0.1.0"


def __getattr__(name: str) -> object:
    """The API (see _LAZY) and `kg.network` (the networkx projection, a callable module:
    kg.network(graph)) are imported on first use."""
    import importlib

    if name == "network":
        return importlib.import_module(".network", __name__)
    if name in _LAZY:
        value = getattr(importlib.import_module(_LAZY[name], __name__), name)
        globals()[name] = value  # once
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
