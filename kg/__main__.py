"""`python -m kg`: the `kg` command, for a Python whose scripts folder is not on PATH."""
from kg.cli import run

run()
