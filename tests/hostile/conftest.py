"""Collects the outcome of every hostile input and prints the corpus summary line at the end."""

from __future__ import annotations

from collections import Counter
from typing import Any

import pytest

TRIED: dict[str, str] = {}
"""Hostile input name → the outcome it got (``error``, ``warning``, ``runs``) or ``UNEXPECTED``."""


@pytest.fixture
def record_outcome() -> Any:
    """Call with (name, outcome) once a hostile input got its expected outcome; unexpected otherwise."""

    def record(name: str, outcome: str) -> None:
        TRIED[name] = outcome

    return record


def pytest_terminal_summary(terminalreporter: Any) -> None:
    if not TRIED:
        return
    counts = Counter(TRIED.values())
    unexpected = counts.pop("UNEXPECTED", 0)
    detail = ", ".join(f"{n} {kind}" for kind, n in sorted(counts.items()))
    terminalreporter.write_line(
        f"hostile corpus: {len(TRIED)} hostile inputs tried, {len(TRIED) - unexpected} got their expected outcome"
        f" ({detail}){f'; {unexpected} did NOT' if unexpected else ''}"
    )
