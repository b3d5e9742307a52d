"""kg: news articles to an RDF knowledge graph with hand-curated, declarative rules.

The pieces, in the order they run (imports go one way only):
document (reading, layout, sentences) -> mentions (gazetteer, coreference) -> rules (patterns,
matching, factuality) -> graph (RDF with provenance) -> export / explain / cli.
"""
from __future__ import annotations

from .build import BuildResult, analyse, build, build_result
from .document import Article, parse_article, read_article
from .errors import InputError, KgError, RuleError
from .mentions import MentionFinder
from .pack import Pack
from .rules import load_rules

__all__ = ["Article", "BuildResult", "InputError", "KgError", "MentionFinder", "Pack", "RuleError", "analyse",
           "build", "build_result", "explain", "load_rules", "network", "parse_article", "read_article"]
__version__ = "0.1.0"


def __getattr__(name: str) -> object:
    """`kg.network` (the networkx projection) and `kg.explain` (which reads graphs with rdflib) are
    imported on first use, so `import kg` and `kg build` stay light."""
    import importlib

    if name == "network":
        return importlib.import_module(".network", __name__)  # a callable module: kg.network(graph)
    if name == "explain":
        fn = importlib.import_module(".explain", __name__).explain
        globals()["explain"] = fn  # the function, not the submodule the import just set
        return fn
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
