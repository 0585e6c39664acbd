"""Allow ``python -m pimlint``."""

from pimlint.cli import run

run()
