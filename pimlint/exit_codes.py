"""The four process exit codes pimlint uses (cli-ux.md §5.3); nothing else exits."""

from __future__ import annotations

OK = 0
"""Ran; no finding at or above ``--fail-on``."""
FINDINGS = 1
"""Ran; at least one finding at or above ``--fail-on``."""
USAGE_OR_INPUT_ERROR = 2
"""Could not run as asked: bad usage, config, or input."""
INTERNAL_ERROR = 3
"""A bug: an unexpected exception, including a rule that crashed."""
