"""Knowing: the vocabulary, the gazetteer and the mentions of known and unknown names (imports reading)."""
