"""Reading: an article's text, layout, sentences and dates (imports nothing else of kg but errors and yamlfile)."""
