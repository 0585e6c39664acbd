"""One module per CLI command; ``pimlint.cli`` imports each only when it runs."""
