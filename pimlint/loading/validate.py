"""Validate every record of every section against its JSON Schema in ``schemas/``.

Errors name the file and the JSON path of the offending value, and say what was expected.
"""

from __future__ import annotations

import json
import os
from functools import cache
from typing import Any

from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError, best_match
from referencing import Registry, Resource

from pimlint.errors import InputError
from pimlint.loading.bundle import Chunk
from pimlint.loading.fastcheck import Check, Compiler, NotCompilable
from pimlint.resources import schemas_dir

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
    return Registry().with_resources((uri, Resource.from_contents(doc)) for uri, doc in _documents().items())


@cache
def fast_check(schema_file: str) -> Check | None:
    """The compiled ``is_valid`` of a schema, or ``None`` when it cannot be compiled (or is disabled).

    ``PIMLINT_NO_FASTPATH=1`` turns the fast path off, to compare results with jsonschema alone.
    """
    path = schemas_dir() / schema_file
    if os.environ.get("PIMLINT_NO_FASTPATH") or not path.is_file():
        return None
    schema = json.loads(path.read_text(encoding="utf-8"))
    try:
        return Compiler(_documents()).compile(schema, schema.get("$id", path.as_uri()))
    except NotCompilable:
        return None


@cache
def validator(schema_file: str) -> Draft202012Validator | None:
    """The compiled validator for ``schemas/<schema_file>``; ``None`` when no schema exists."""
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


def validate_record(section: str, record: Any, file: str, path: str) -> None:
    """Raise ``InputError`` if ``record`` does not match the section schema."""
    check = validator(schema_file_for(section))
    if check is None:
        return
    error = best_match(check.iter_errors(record))
    if error is not None:
        raise InputError(file, explain(error), _json_path(path, error))


def validate_chunks(section: str, chunks: list[Chunk]) -> None:
    """Validate every record of a section."""
    check = validator(schema_file_for(section))
    if check is None:
        return
    is_valid = fast_check(schema_file_for(section)) or check.is_valid
    for chunk in chunks:
        for index, record in enumerate(chunk.records):
            if not is_valid(record):
                validate_record(section, record, chunk.file, chunk.path_of(index))


def validate_manifest(manifest: dict[str, Any], file: str) -> None:
    """Validate ``manifest.json``."""
    check = validator("manifest.schema.json")
    if check is None:
        return
    error = best_match(check.iter_errors(manifest))
    if error is not None:
        raise InputError(file, explain(error), _json_path("$", error))
