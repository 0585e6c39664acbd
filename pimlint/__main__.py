"""Allow ``python -m pimlint``."""

from pimlint.cli import main

main()
