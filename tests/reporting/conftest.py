"""Results of the sample exports, computed once per test session, and the golden-file switch."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from pimlint import api
from pimlint.config import load_settings
from pimlint.result import RunResult
from tests.conftest import REPO

SAMPLES = REPO / "sample_exports"
CORE_RULES = ("PIM101", "PIM103", "PIM201", "PIM204", "PIM206", "PIM301", "PIM401", "PIM403")
"""The golden files cover the core rules, so new rules elsewhere do not churn them."""
UPDATE = os.environ.get("PIMLINT_UPDATE_GOLDEN") == "1"


def sample_result(name: str, select: tuple[str, ...] | None = CORE_RULES) -> RunResult:
    """Check a sample export with its own config (display path relative to the repository)."""
    path = SAMPLES / name
    settings, _ = load_settings(path, None, {"select": select})
    return api.check(path, settings, api.CheckOptions(display=f"sample_exports/{name}"))


@pytest.fixture(scope="session")
def fabrikam() -> RunResult:
    """The typical small-business sample, core rules only."""
    return sample_result("fabrikam-smb")


@pytest.fixture(scope="session")
def samples() -> dict[str, RunResult]:
    """Every sample export with every rule."""
    return {p.name: sample_result(p.name, None) for p in sorted(SAMPLES.iterdir()) if p.is_dir()}


def golden(path: Path, text: str) -> None:
    """Compare with a golden file (``PIMLINT_UPDATE_GOLDEN=1`` rewrites it)."""
    if UPDATE or not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8", newline="\n")
        if not UPDATE:
            pytest.fail(f"{path} did not exist and was written; rerun")
    expected = path.read_text(encoding="utf-8")
    assert text == expected, f"{path.name} differs from its golden file (PIMLINT_UPDATE_GOLDEN=1 pytest to accept)"
