"""Validate every record of every section against its JSON Schema in ``schemas/``.

Errors name the file and the JSON path of the offending value, and say what was expected.
Records are checked by the compiled fast path (``fastcheck``); jsonschema — imported only when
needed, to keep start-up quick — explains any record the fast path rejects.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from functools import cache
from typing import TYPE_CHECKING, Any

from pimlint import speedups
from pimlint.errors import InputError
from pimlint.loading.bundle import Chunk
from pimlint.loading.fastcheck import Check, Compiler, NotCompilable
from pimlint.resources import schemas_dir

if TYPE_CHECKING:
    from jsonschema import Draft202012Validator
    from jsonschema.exceptions import ValidationError
    from referencing import Registry

_TYPE_NAMES = {"string": "a string", "null": "null", "boolean": "true/false", "integer": "an integer",
               "number": "a number", "object": "an object", "array": "an array"}


@cache
def _documents() -> dict[str, Any]:
    """Every schema in ``schemas/`` by its ``$id``."""
    documents = {}
    for path in sorted(schemas_dir().rglob("*.json")):
        schema = json.loads(path.read_text(encoding="utf-8"))
        if "$id" in schema:
            documents[schema["$id"]] = schema
    return documents


@cache
def _registry() -> Registry:
    from referencing import Registry, Resource

    return Registry().with_resources((uri, Resource.from_contents(doc)) for uri, doc in _documents().items())


@cache
def fast_check(schema_file: str) -> Check | None:
    """The compiled ``is_valid`` of a schema, or ``None`` when it cannot be compiled (or is disabled).

    It is off with the other speed-ups (``pimlint.speedups``), to compare results with jsonschema alone.
    """
    path = schemas_dir() / schema_file
    if not speedups.enabled() or not path.is_file():
        return None
    schema = json.loads(path.read_text(encoding="utf-8"))
    try:
        return Compiler(_documents()).compile(schema, schema.get("$id", path.as_uri()))
    except NotCompilable:
        return None


@cache
def validator(schema_file: str) -> Draft202012Validator | None:
    """The compiled validator for ``schemas/<schema_file>``; ``None`` when no schema exists."""
    from jsonschema import Draft202012Validator

    path = schemas_dir() / schema_file
    if not path.is_file():
        return None
    return Draft202012Validator(json.loads(path.read_text(encoding="utf-8")), registry=_registry())


def schema_file_for(section: str) -> str:
    """Where a section's record schema lives (``azure/<sub>/<name>`` sections use ``azure/<name>``)."""
    if section.startswith("azure/"):
        return f"azure/{section.rsplit('/', 1)[-1]}.schema.json"
    return f"sections/{section}.schema.json"


def _json_path(base: str, error: ValidationError) -> str:
    path = base
    for part in error.absolute_path:
        path += f"[{part}]" if isinstance(part, int) else f".{part}"
    return path


def _describe(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False, default=str)
    return text if len(text) <= 60 else text[:57] + "..."


def explain(error: ValidationError) -> str:
    """A one-line explanation: what was expected and what was found."""
    if error.validator == "type":
        expected = error.validator_value if isinstance(error.validator_value, list) else [error.validator_value]
        names = " or ".join(_TYPE_NAMES.get(t, t) for t in expected)
        return f"expected {names}, got {_describe(error.instance)}"
    if error.validator == "pattern" and isinstance(error.schema, dict) and "title" in error.schema:
        return f"expected {error.schema['title']}, got {_describe(error.instance)}"
    if error.validator == "required":
        return error.message.replace("is a required property", "is required but missing")
    return error.message if len(error.message) <= 200 else error.message[:197] + "..."


def _raise_if_invalid(schema_file: str, record: Any, file: str, path: str) -> None:
    from jsonschema.exceptions import best_match

    check = validator(schema_file)
    error = best_match(check.iter_errors(record)) if check is not None else None
    if error is not None:
        raise InputError(file, explain(error), _json_path(path, error))


def _is_valid(schema_file: str) -> Callable[[Any], bool] | None:
    """The fastest available ``is_valid`` for a schema; ``None`` when there is no schema."""
    fast = fast_check(schema_file)
    if fast is not None:
        return fast
    check = validator(schema_file)
    return check.is_valid if check is not None else None


def record_check(section: str, file: str, path_of: Callable[[int], str]) -> Callable[[Any, int], None] | None:
    """``check(record, index)``: raise ``InputError`` if a record of ``file`` does not match the
    section schema (``path_of(index)`` is its JSON path); ``None`` when the section has no schema."""
    schema_file = schema_file_for(section)
    is_valid = _is_valid(schema_file)
    if is_valid is None:
        return None

    def check(record: Any, index: int) -> None:
        if not is_valid(record):
            _raise_if_invalid(schema_file, record, file, path_of(index))

    return check


def validate_chunks(section: str, chunks: list[Chunk]) -> None:
    """Validate every record of a section (a streamed chunk validates each record as it is read)."""
    for chunk in chunks:
        check = record_check(section, chunk.file, chunk.path_of)
        if check is None:
            return
        if chunk.stream is not None:
            chunk.stream.check = check
            continue
        for index, record in enumerate(chunk.records):
            check(record, index)


def validate_manifest(manifest: dict[str, Any], file: str) -> None:
    """Validate ``manifest.json``."""
    is_valid = _is_valid("manifest.schema.json")
    if is_valid is not None and not is_valid(manifest):
        _raise_if_invalid("manifest.schema.json", manifest, file, "$")
