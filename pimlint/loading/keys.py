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


def canonicalize(value: Any) -> Any:
    """Return ``value`` with canonical keys; returns the same object when nothing changes."""
    if isinstance(value, list):
        changed = False
        items = []
        for item in value:
            new = canonicalize(item)
            changed = changed or new is not item
            items.append(new)
        return items if changed else value
    if not isinstance(value, dict):
        return value
    names = canonical_names()
    out: dict[str, Any] = {}
    changed = False
    extra: Any = None
    for key, item in value.items():
        canon = names.get(key.lower(), key)
        if canon.lower() == _ADDITIONAL and isinstance(item, dict):
            extra = item
            changed = True
            continue
        new = canonicalize(item)
        changed = changed or canon != key or new is not item
        if canon in out and out[canon] is not None:
            continue
        out[canon] = new
    if extra is not None:
        for key, item in canonicalize(extra).items():
            if out.get(key) is None:
                out[key] = item
    return out if changed else value
