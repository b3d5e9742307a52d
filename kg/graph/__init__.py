"""The graph: RDF with provenance from rule firings, its terms, writers, validation and explanation
(imports reading, knowing, rules)."""
