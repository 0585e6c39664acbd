"""A compiled fast path for JSON Schema validation: ``is_valid`` only, for the keywords pimlint's
schemas use.

jsonschema walks a schema object for every record and resolves every ``$ref`` anew; on a
100,000-user export that costs seconds. ``compile_schema`` turns a schema into nested Python
closures once. It answers only *whether* a record is valid — for an invalid record the caller asks
jsonschema for the explanation, so messages never depend on this module. A schema using a keyword
this compiler does not know raises ``NotCompilable`` and the caller uses jsonschema alone.
Equivalence with jsonschema is property-tested (tests/loading/test_fastcheck.py).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any
from urllib.parse import urldefrag, urljoin

Check = Callable[[Any], bool]

_ANNOTATIONS = frozenset({"$schema", "$id", "$defs", "definitions", "title", "description", "examples", "default",
                          "$comment", "deprecated", "readOnly", "writeOnly", "format"})
_TYPES: dict[str, Check] = {
    "string": lambda v: isinstance(v, str),
    "boolean": lambda v: isinstance(v, bool),
    "null": lambda v: v is None,
    "object": lambda v: isinstance(v, dict),
    "array": lambda v: isinstance(v, list),
    "number": lambda v: isinstance(v, (int, float)) and not isinstance(v, bool),
    "integer": lambda v: (isinstance(v, int) and not isinstance(v, bool)) or (isinstance(v, float) and v.is_integer()),
}


class NotCompilable(Exception):
    """The schema uses a keyword the fast path does not implement."""


def _equal(a: Any, b: Any) -> bool:
    """JSON equality: ``1 == 1.0`` but ``True != 1``."""
    if isinstance(a, bool) or isinstance(b, bool):
        return type(a) is type(b) and a == b
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        return a == b
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(_equal(x, y) for x, y in zip(a, b))
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(_equal(a[k], b[k]) for k in a)
    return type(a) is type(b) and a == b


class Compiler:
    """Compiles schemas from a store of ``$id`` → schema document, resolving ``$ref`` once each."""

    def __init__(self, documents: dict[str, Any]) -> None:
        self.documents = documents
        self.cache: dict[str, Check] = {}

    def compile_uri(self, uri: str) -> Check:
        """The check for the schema at an absolute URI (with an optional JSON-pointer fragment)."""
        if uri in self.cache:
            return self.cache[uri]
        cell: list[Check] = []
        self.cache[uri] = lambda v: cell[0](v)  # placeholder for recursive references
        base, fragment = urldefrag(uri)
        if base not in self.documents:
            raise NotCompilable(f"unknown schema {base}")
        node = self.documents[base]
        for part in filter(None, fragment.split("/")):
            key = part.replace("~1", "/").replace("~0", "~")
            node = node[int(key)] if isinstance(node, list) else node[key]
        check = self.compile(node, base)
        cell.append(check)
        self.cache[uri] = check
        return check

    def compile(self, schema: Any, base: str) -> Check:
        """Compile one schema node found in the document ``base``."""
        if schema is True:
            return lambda v: True
        if schema is False:
            return lambda v: False
        if not isinstance(schema, dict):
            raise NotCompilable("schema must be an object or boolean")
        base = urljoin(base, schema["$id"]) if "$id" in schema else base
        checks: list[Check] = []
        for key, value in schema.items():
            if key in _ANNOTATIONS:
                continue
            builder = getattr(self, "_kw_" + key.lstrip("$").replace("-", "_"), None)
            if builder is None:
                raise NotCompilable(f"keyword {key!r}")
            if key in ("then", "else"):
                continue
            checks.append(builder(value, base, schema))
        if not checks:
            return lambda v: True
        if len(checks) == 1:
            return checks[0]
        return lambda v: all(c(v) for c in checks)

    # keywords ----------------------------------------------------------------------------
    def _kw_ref(self, value: str, base: str, _: dict[str, Any]) -> Check:
        target = urljoin(base, value)
        resolved: list[Check] = []

        def check(v: Any) -> bool:
            if not resolved:
                resolved.append(self.compile_uri(target))
            return resolved[0](v)

        return check

    def _kw_type(self, value: str | list[str], base: str, _: dict[str, Any]) -> Check:
        tests = [_TYPES[t] for t in ([value] if isinstance(value, str) else value)]
        return lambda v: any(t(v) for t in tests)

    def _kw_properties(self, value: dict[str, Any], base: str, _: dict[str, Any]) -> Check:
        compiled = [(name, self.compile(sub, base)) for name, sub in value.items()]
        return lambda v: not isinstance(v, dict) or all(c(v[n]) for n, c in compiled if n in v)

    def _kw_additionalProperties(self, value: Any, base: str, schema: dict[str, Any]) -> Check:
        known = set(schema.get("properties", {}))
        sub = self.compile(value, base)
        return lambda v: not isinstance(v, dict) or all(sub(x) for k, x in v.items() if k not in known)

    def _kw_required(self, value: list[str], base: str, _: dict[str, Any]) -> Check:
        return lambda v: not isinstance(v, dict) or all(name in v for name in value)

    def _kw_items(self, value: Any, base: str, _: dict[str, Any]) -> Check:
        sub = self.compile(value, base)
        return lambda v: not isinstance(v, list) or all(sub(x) for x in v)

    def _kw_minItems(self, value: int, base: str, _: dict[str, Any]) -> Check:
        return lambda v: not isinstance(v, list) or len(v) >= value

    def _kw_maxItems(self, value: int, base: str, _: dict[str, Any]) -> Check:
        return lambda v: not isinstance(v, list) or len(v) <= value

    def _kw_minLength(self, value: int, base: str, _: dict[str, Any]) -> Check:
        return lambda v: not isinstance(v, str) or len(v) >= value

    def _kw_maxLength(self, value: int, base: str, _: dict[str, Any]) -> Check:
        return lambda v: not isinstance(v, str) or len(v) <= value

    def _kw_pattern(self, value: str, base: str, _: dict[str, Any]) -> Check:
        regex = re.compile(value)
        return lambda v: not isinstance(v, str) or regex.search(v) is not None

    def _kw_minimum(self, value: float, base: str, _: dict[str, Any]) -> Check:
        return lambda v: not _TYPES["number"](v) or v >= value

    def _kw_maximum(self, value: float, base: str, _: dict[str, Any]) -> Check:
        return lambda v: not _TYPES["number"](v) or v <= value

    def _kw_const(self, value: Any, base: str, _: dict[str, Any]) -> Check:
        return lambda v: _equal(v, value)

    def _kw_enum(self, value: list[Any], base: str, _: dict[str, Any]) -> Check:
        return lambda v: any(_equal(v, option) for option in value)

    def _kw_anyOf(self, value: list[Any], base: str, _: dict[str, Any]) -> Check:
        subs = [self.compile(s, base) for s in value]
        return lambda v: any(s(v) for s in subs)

    def _kw_allOf(self, value: list[Any], base: str, _: dict[str, Any]) -> Check:
        subs = [self.compile(s, base) for s in value]
        return lambda v: all(s(v) for s in subs)

    def _kw_oneOf(self, value: list[Any], base: str, _: dict[str, Any]) -> Check:
        subs = [self.compile(s, base) for s in value]
        return lambda v: sum(1 for s in subs if s(v)) == 1

    def _kw_not(self, value: Any, base: str, _: dict[str, Any]) -> Check:
        sub = self.compile(value, base)
        return lambda v: not sub(v)

    def _kw_if(self, value: Any, base: str, schema: dict[str, Any]) -> Check:
        condition = self.compile(value, base)
        then = self.compile(schema.get("then", True), base)
        otherwise = self.compile(schema.get("else", True), base)
        return lambda v: then(v) if condition(v) else otherwise(v)

    _kw_then = _kw_else = _kw_if  # handled by "if"; listed so the keywords count as known
