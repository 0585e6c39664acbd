"""A compiled fast path for JSON Schema validation: ``is_valid`` only, for the keywords pimlint's
schemas use.

jsonschema walks a schema object for every record and resolves every ``$ref`` anew; on a
100,000-user export that costs seconds. ``compile_schema`` turns a schema into nested Python
closures once. It answers only *whether* a record is valid — for an invalid record the caller asks
jsonschema for the explanation, so messages never depend on this module. A schema using a keyword
this compiler does not know raises ``NotCompilable`` and the caller uses jsonschema alone.
The generated code comes only from pimlint's own schema files, never from an export.
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


_TYPE_TESTS = {
    "string": "isinstance({v}, str)",
    "boolean": "({v} is True or {v} is False)",
    "null": "{v} is None",
    "object": "isinstance({v}, dict)",
    "array": "isinstance({v}, list)",
    "number": "(isinstance({v}, (int, float)) and not isinstance({v}, bool))",
    "integer": "((isinstance({v}, int) and not isinstance({v}, bool)) or (isinstance({v}, float) and {v}.is_integer()))",
}
_NUMBER = _TYPE_TESTS["number"].format(v="v")


def _type_test(value: str | list[str], var: str) -> str:
    """The inline test of a ``type`` keyword on the variable ``var``."""
    names = [value] if isinstance(value, str) else value
    return " or ".join(_TYPE_TESTS[t].format(v=var) for t in names)


class Compiler:
    """Generates one Python function per schema node (``$ref`` targets once each) and ``exec``s them.

    Generated code inlines every keyword test, so validating a record costs a few plain Python
    comparisons per field instead of a walk over the schema objects.
    """

    def __init__(self, documents: dict[str, Any]) -> None:
        self.documents = documents
        self.lines: list[str] = []
        self.names: dict[str, str] = {}
        self.constants: list[Any] = []
        self.namespace: dict[str, Any] = {"_equal": _equal, "_C": self.constants, "_MISSING": object()}
        self.emitted = 0
        self.counter = 0

    def compile(self, schema: Any, base: str) -> Check:
        """Compile a schema found in the document ``base`` into an ``is_valid`` function."""
        name = self._node(schema, base)
        source = "\n".join(self.lines[self.emitted:])
        self.emitted = len(self.lines)
        exec(compile(source, "<pimlint-schema>", "exec"), self.namespace)  # noqa: S102 - our own generated code
        check: Check = self.namespace[name]
        return check

    def _resolve(self, uri: str) -> str:
        if uri in self.names:
            return self.names[uri]
        base, node = self._lookup(uri)
        name = self._fresh()
        self.names[uri] = name
        self._node(node, base, name)
        return name

    def _lookup(self, uri: str) -> tuple[str, Any]:
        """(document URI, schema node) a ``$ref`` URI points at."""
        base, fragment = urldefrag(uri)
        if base not in self.documents:
            raise NotCompilable(f"unknown schema {base}")
        node = self.documents[base]
        for part in filter(None, fragment.split("/")):
            key = part.replace("~1", "/").replace("~0", "~")
            node = node[int(key)] if isinstance(node, list) else node[key]
        return base, node

    def _inline(self, schema: Any, base: str, var: str) -> str | None:
        """An inline test on ``var`` for a schema that is only a ``type`` (through plain ``$ref``s):
        most fields of an export, where a function call would cost more than the test."""
        for _ in range(8):
            if not isinstance(schema, dict) or "$id" in schema:
                return None
            keywords = [k for k in schema if k not in _ANNOTATIONS]
            if keywords == ["$ref"]:
                base, schema = self._lookup(urljoin(base, schema["$ref"]))
                continue
            return _type_test(schema["type"], var) if keywords == ["type"] else None
        return None

    def _fresh(self) -> str:
        self.counter += 1
        return f"_f{self.counter}"

    def _const(self, value: Any) -> str:
        self.constants.append(value)
        return f"_C[{len(self.constants) - 1}]"

    def _node(self, schema: Any, base: str, name: str | None = None) -> str:
        name = name or self._fresh()
        if schema is True or schema is False:
            self.lines.append(f"def {name}(v):\n    return {schema}")
            return name
        if not isinstance(schema, dict):
            raise NotCompilable("schema must be an object or boolean")
        base = urljoin(base, schema["$id"]) if "$id" in schema else base
        body: list[str] = []
        for key, value in schema.items():
            if key in _ANNOTATIONS or key in ("then", "else"):
                continue
            builder = getattr(self, "_kw_" + key.lstrip("$"), None)
            if builder is None:
                raise NotCompilable(f"keyword {key!r}")
            body.extend(builder(value, base, schema))
        self.lines.append(f"def {name}(v):\n" + "".join(f"    {line}\n" for line in body) + "    return True")
        return name

    def _fail_unless(self, condition: str, guard: str | None = None) -> list[str]:
        if guard is None:
            return [f"if not ({condition}): return False"]
        return [f"if {guard} and not ({condition}): return False"]

    # keywords: each returns lines of the function body --------------------------------------
    def _kw_ref(self, value: str, base: str, _: dict[str, Any]) -> list[str]:
        return self._fail_unless(f"{self._resolve(urljoin(base, value))}(v)")

    def _kw_type(self, value: str | list[str], base: str, _: dict[str, Any]) -> list[str]:
        return self._fail_unless(_type_test(value, "v"))

    def _kw_properties(self, value: dict[str, Any], base: str, _: dict[str, Any]) -> list[str]:
        lines = ["if isinstance(v, dict):"]
        for prop, sub in value.items():
            lines.append(f"    x = v.get({prop!r}, _MISSING)")
            test = self._inline(sub, base, "x") or f"{self._node(sub, base)}(x)"
            lines.append(f"    if x is not _MISSING and not ({test}): return False")
        return lines if len(lines) > 1 else []

    def _kw_additionalProperties(self, value: Any, base: str, schema: dict[str, Any]) -> list[str]:
        known = self._const(frozenset(schema.get("properties", {})))
        fn = self._node(value, base)
        return [f"if isinstance(v, dict) and not all({fn}(x) for k, x in v.items() if k not in {known}): return False"]

    def _kw_required(self, value: list[str], base: str, _: dict[str, Any]) -> list[str]:
        return [f"if isinstance(v, dict) and {name!r} not in v: return False" for name in value]

    def _kw_items(self, value: Any, base: str, _: dict[str, Any]) -> list[str]:
        test = self._inline(value, base, "x") or f"{self._node(value, base)}(x)"
        return ["if isinstance(v, list):", "    for x in v:", f"        if not ({test}): return False"]

    def _kw_minItems(self, value: int, base: str, _: dict[str, Any]) -> list[str]:
        return self._fail_unless(f"len(v) >= {int(value)}", "isinstance(v, list)")

    def _kw_maxItems(self, value: int, base: str, _: dict[str, Any]) -> list[str]:
        return self._fail_unless(f"len(v) <= {int(value)}", "isinstance(v, list)")

    def _kw_minLength(self, value: int, base: str, _: dict[str, Any]) -> list[str]:
        return self._fail_unless(f"len(v) >= {int(value)}", "isinstance(v, str)")

    def _kw_maxLength(self, value: int, base: str, _: dict[str, Any]) -> list[str]:
        return self._fail_unless(f"len(v) <= {int(value)}", "isinstance(v, str)")

    def _kw_pattern(self, value: str, base: str, _: dict[str, Any]) -> list[str]:
        return self._fail_unless(f"{self._const(re.compile(value))}.search(v) is not None", "isinstance(v, str)")

    def _kw_minimum(self, value: float, base: str, _: dict[str, Any]) -> list[str]:
        return self._fail_unless(f"v >= {self._const(value)}", _NUMBER)

    def _kw_maximum(self, value: float, base: str, _: dict[str, Any]) -> list[str]:
        return self._fail_unless(f"v <= {self._const(value)}", _NUMBER)

    def _kw_const(self, value: Any, base: str, _: dict[str, Any]) -> list[str]:
        return self._fail_unless(f"_equal(v, {self._const(value)})")

    def _kw_enum(self, value: list[Any], base: str, _: dict[str, Any]) -> list[str]:
        return self._fail_unless(f"any(_equal(v, o) for o in {self._const(list(value))})")

    def _kw_anyOf(self, value: list[Any], base: str, _: dict[str, Any]) -> list[str]:
        return self._fail_unless(" or ".join(f"{self._node(s, base)}(v)" for s in value))

    def _kw_allOf(self, value: list[Any], base: str, _: dict[str, Any]) -> list[str]:
        return [line for s in value for line in self._fail_unless(f"{self._node(s, base)}(v)")]

    def _kw_oneOf(self, value: list[Any], base: str, _: dict[str, Any]) -> list[str]:
        return self._fail_unless(" + ".join(f"bool({self._node(s, base)}(v))" for s in value) + " == 1")

    def _kw_not(self, value: Any, base: str, _: dict[str, Any]) -> list[str]:
        return self._fail_unless(f"not {self._node(value, base)}(v)")

    def _kw_if(self, value: Any, base: str, schema: dict[str, Any]) -> list[str]:
        condition = self._node(value, base)
        then = self._node(schema.get("then", True), base)
        otherwise = self._node(schema.get("else", True), base)
        return self._fail_unless(f"{then}(v) if {condition}(v) else {otherwise}(v)")
