"""The native layout: Graph and ARM response bodies saved as export-bundle.md describes."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pimlint.loading import bundle
from pimlint.loading.bundle import RawBundle


def read_directory(path: Path, display: str, max_bytes: int) -> RawBundle:
    """A bundle folder."""
    return bundle.read_directory(path, display, max_bytes)


def from_document(document: Any, display: str) -> RawBundle:
    """A single-file bundle (an object keyed by section name)."""
    return bundle.from_document(document, display)
