"""Locate the files that ship with pimlint: the built-in rule pack, the schemas, the data tables.

In an installed package they live in ``pimlint.builtin_rules``, ``pimlint.schemas`` and
``pimlint.data`` (pyproject maps the repository's ``rules/`` and ``schemas/`` there). Run from a
source checkout without installing, the repository folders are used directly.
"""

from __future__ import annotations

import importlib.util
from functools import cache
from pathlib import Path

_PACKAGE_ROOT = Path(__file__).resolve().parent


def _shipped_dir(package: str, checkout_dir: str) -> Path:
    spec = importlib.util.find_spec(package)
    if spec is not None and spec.submodule_search_locations:
        return Path(next(iter(spec.submodule_search_locations)))
    return _PACKAGE_ROOT.parent / checkout_dir


@cache
def rules_dir() -> Path:
    """The built-in rule pack directory."""
    return _shipped_dir("pimlint.builtin_rules", "rules")


@cache
def schemas_dir() -> Path:
    """The JSON Schema directory."""
    return _shipped_dir("pimlint.schemas", "schemas")


def data_file(name: str) -> Path:
    """A data table shipped in ``pimlint/data``."""
    return _PACKAGE_ROOT / "data" / name
