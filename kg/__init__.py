"""kg: news articles to an RDF knowledge graph with hand-curated, declarative rules.

The pieces, in the order they run (imports go one way only):
document (reading, layout, sentences) -> mentions (gazetteer, coreference) -> rules (patterns,
matching, factuality) -> graph (RDF with provenance) -> export / explain / cli.
"""
from __future__ import annotations

from .graph.build import BuildResult, analyse, build, build_result
from .reading.document import Article, parse_article, read_article
from .errors import InputError, KgError, RuleError
from .graph.explain import explain
from .knowing.mentions import MentionFinder
from .rules.pack import Pack
from .rules import load_rules

__all__ = ["Article", "BuildResult", "InputError", "KgError", "MentionFinder", "Pack", "RuleError", "analyse",
           "build", "build_result", "explain", "load_rules", "network", "parse_article", "read_article"]
__version__ = "0.1.0"


def __getattr__(name: str) -> object:
    """`kg.network` (the networkx projection) is imported on first use, so `import kg` stays light."""
    if name == "network":
        import importlib

        return importlib.import_module(".network", __name__)  # a callable module: kg.network(graph)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
