"""SPARQL over a graph: stores, queries, the read-only endpoint and pushes to graph databases (imports graph)."""
