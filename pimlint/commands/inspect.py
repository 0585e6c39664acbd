"""``pimlint inspect PATH``: the normalized tenant model as JSON, exactly what the rules see.

Deterministic: keys sorted, sets sorted, timestamps in ISO 8601, byte-identical across runs.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from pimlint.commands.common import LOAD_WORKERS, emit, errors, input_format_option, parse_as_of


def plain(value: Any) -> Any:
    """JSON-ready data: models to dicts, sets sorted, tuples to lists, timestamps and durations as text."""
    from datetime import datetime, timedelta
    from enum import Enum

    from pydantic import BaseModel

    if isinstance(value, BaseModel):
        return {name: plain(getattr(value, name)) for name in sorted(type(value).model_fields)}
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in sorted(value.items(), key=lambda kv: str(kv[0]))}
    if isinstance(value, (set, frozenset)):
        return sorted((plain(v) for v in value), key=lambda v: str(v))
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, timedelta):
        return value.total_seconds()
    return value


@click.command("inspect")
@click.argument("path", type=click.Path(path_type=Path))
@input_format_option
@click.option("--section", "fields", multiple=True,
              help="Only these model fields (e.g. users, policies, azure); repeatable.")
@click.option("--as-of", "as_of", help="Reference date (default: the export's exportedAt).")
@click.option("-o", "--output", type=click.Path(path_type=Path, dir_okay=False), help="Write the JSON to FILE.")
@click.option("--debug", is_flag=True, help="Show tracebacks instead of one-line errors.")
def inspect(path: Path, input_format: str | None, fields: tuple[str, ...], as_of: str | None, output: Path | None,
            debug: bool) -> None:
    """Print the normalized model of the export at PATH as JSON (timedeltas in seconds)."""
    with errors(debug):
        import json

        from pimlint.errors import ConfigError
        from pimlint.loading.api import load
        from pimlint.model import Tenant

        unknown = sorted(set(fields) - set(Tenant.model_fields))
        if unknown:
            raise ConfigError(f"--section: unknown model field(s) {', '.join(unknown)} "
                              f"(fields: {', '.join(sorted(Tenant.model_fields))})")
        tenant = load(path, str(path), as_of=parse_as_of(as_of), input_format=input_format,
                      workers=LOAD_WORKERS).tenant
        doc = plain(tenant)
        if fields:
            doc = {name: doc[name] for name in sorted(set(fields) | {"info"})}
        emit(json.dumps(doc, indent=2, sort_keys=True, ensure_ascii=False) + "\n", output)
