"""CAMEO event coding from the event-data community's dictionaries (TABARI / PETRARCH format).

`dictionary` reads the verb, agent and discard dictionaries (with FILE:LINE errors), `importer`
writes them as a kg pack (data/cameo/), `coder` codes sentences without a parser: who did what
to whom, as CAMEO codes, from an index of the verb patterns by verb form.
"""
