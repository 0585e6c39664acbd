"""Shared fixtures: bundles written to temporary folders."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.builders import GA, hardened

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture
def hardened_bundle(tmp_path: Path) -> Path:
    """The golden tenant as a single-file bundle with its pimlint.toml."""
    return hardened().write(tmp_path)


@pytest.fixture
def failing_bundle(tmp_path: Path) -> Path:
    """The golden tenant plus a standing Global Administrator."""
    t = hardened()
    t.active(t.user("dave"), GA)
    return t.write(tmp_path)
