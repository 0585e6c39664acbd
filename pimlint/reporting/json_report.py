"""The canonical JSON result: sorted keys, two-space indent, UTF-8, trailing newline."""

from __future__ import annotations

from pimlint.reporting.canonical_json import dumps
from pimlint.result import RunResult


def render_json(result: RunResult) -> str:
    """Byte-stable JSON of a run result."""
    data = result.model_dump(mode="json")
    return dumps(data) + "\n"
