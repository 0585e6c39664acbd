"""Canonical key spelling: exports differ only in case (PowerShell writes PascalCase).

Every property name the schemas declare is the canonical spelling; any key that matches one
case-insensitively is renamed to it. PowerShell's ``AdditionalProperties`` object is flattened into
its parent (fields already present in the parent win). Unknown keys are kept as they are.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from functools import cache
from typing import Any

from pimlint.resources import schemas_dir

_ADDITIONAL = "additionalproperties"


def _property_names(node: Any) -> Iterator[str]:
    if isinstance(node, dict):
        props = node.get("properties")
        if isinstance(props, dict):
            yield from props
        for value in node.values():
            yield from _property_names(value)
    elif isinstance(node, list):
        for value in node:
            yield from _property_names(value)


@cache
def canonical_names() -> dict[str, str]:
    """Lower-cased key → canonical key, from every schema in ``schemas/``."""
    names: dict[str, str] = {}
    for path in sorted(schemas_dir().rglob("*.json")):
        for name in _property_names(json.loads(path.read_text(encoding="utf-8"))):
            names.setdefault(name.lower(), name)
    return names


_RESOLVED: dict[str, str] = {}
CANONICAL_KEYS: set[str] = set()
"""Keys known to be spelled canonically already: a dict whose keys all are here needs no renaming."""
_FLATTEN = ""
"""Marker: the key is PowerShell's ``AdditionalProperties`` and is flattened into its parent."""


def _canonical_key(key: str) -> str:
    """The canonical spelling of one key (memoised: exports repeat the same keys millions of times)."""
    found = _RESOLVED.get(key)
    if found is None:
        lowered = key.lower()
        found = _FLATTEN if lowered == _ADDITIONAL else canonical_names().get(lowered, key)
        _RESOLVED[key] = found
        if found == key:
            CANONICAL_KEYS.add(key)
    return found


def _canonicalize_children(value: dict[str, Any]) -> dict[str, Any]:
    """A dict whose keys are already canonical: canonicalize nested values, copying only on change."""
    out: dict[str, Any] | None = None
    for key, item in value.items():
        if isinstance(item, (dict, list)):
            new = canonicalize(item)
            if new is not item:
                if out is None:
                    out = dict(value)
                out[key] = new
    return value if out is None else out


def canonical_object(value: dict[str, Any]) -> dict[str, Any]:
    """One object with canonical keys, its values taken as they are (already canonical).

    The same object is returned when its keys are canonical; otherwise a new dict, with
    ``AdditionalProperties`` flattened in (fields already present win) and, of keys that differ
    only in case, the first non-null value kept.
    """
    if CANONICAL_KEYS.issuperset(value) or all(_canonical_key(key) == key for key in value):
        return value
    out: dict[str, Any] = {}
    extra: Any = None
    for key, item in value.items():
        canon = _canonical_key(key)
        if canon == _FLATTEN and isinstance(item, dict):
            extra = item
            continue
        canon = canon or key
        if out.get(canon) is None:
            out[canon] = item
    if extra is not None:
        for key, item in extra.items():
            if out.get(key) is None:
                out[key] = item
    return out


def canonicalize(value: Any) -> Any:
    """Return ``value`` with canonical keys; returns the same object when nothing changes."""
    if isinstance(value, list):
        copied: list[Any] | None = None
        for index, item in enumerate(value):
            if isinstance(item, (dict, list)):
                new = canonicalize(item)
                if new is not item:
                    if copied is None:
                        copied = list(value)
                    copied[index] = new
        return value if copied is None else copied
    if not isinstance(value, dict):
        return value
    return canonical_object(_canonicalize_children(value))
