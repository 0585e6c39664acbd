"""``pimlint kpis``: the operations KPIs of one export (rule-catalog.md "KPIs")."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from pimlint.commands.common import LOAD_WORKERS, emit, errors, parse_as_of


@click.command("kpis")
@click.argument("path", type=click.Path(path_type=Path))
@click.option("--since", help="Start of the window (YYYY-MM-DD or ISO 8601; default: the first audit event).")
@click.option("--until", help="End of the window (default: the last audit event).")
@click.option("-f", "--format", "fmt", type=click.Choice(("text", "json", "csv")), default="text", show_default=True)
@click.option("-o", "--output", type=click.Path(path_type=Path, dir_okay=False), help="Write to FILE.")
@click.option("--config", "config_file", type=click.Path(path_type=Path, dir_okay=False), help="Config file.")
@click.option("--as-of", "as_of", help="Reference date (default: the export's exportedAt).")
@click.option("--debug", is_flag=True, help="Show tracebacks instead of one-line errors.")
def kpis(path: Path, since: str | None, until: str | None, fmt: str, output: Path | None, config_file: Path | None,
         as_of: str | None, debug: bool) -> None:
    """Print the PIM KPIs of the export at PATH over its window, with per-role and approver counts."""
    with errors(debug):
        from pimlint.config import load_settings
        from pimlint.engine.context import Facts, resolve_break_glass
        from pimlint.graph import build_graph
        from pimlint.loading.api import load
        from pimlint.operations.kpis import compute_kpis
        from pimlint.operations.kpis_render import render
        from pimlint.roleclasses import RoleClasses

        settings, _ = load_settings(path, config_file, {})
        loaded = load(path, as_of=parse_as_of(as_of), timezone=settings.timezone,
                      max_bytes=settings.max_input_mb * 1024 * 1024, workers=LOAD_WORKERS)
        tenant = loaded.tenant
        facts = Facts(tenant=tenant, graph=build_graph(tenant),
                      roles=RoleClasses(tenant, settings.critical_roles, settings.extra_privileged_roles),
                      settings=settings, break_glass=resolve_break_glass(tenant, settings.break_glass))
        report = compute_kpis(facts, _bound(since, "--since"), _bound(until, "--until", end=True))
        emit(render(report, fmt), output)


def _bound(value: str | None, flag: str, end: bool = False) -> Any:
    """A window bound; a bare date as ``--until`` means the end of that day."""
    if value is None:
        return None
    from datetime import timedelta

    from pimlint.errors import ConfigError
    from pimlint.timeutil import TimeFormatError, parse_datetime

    try:
        stamp = parse_datetime(value)
    except TimeFormatError:
        stamp = None
    if stamp is None:
        raise ConfigError(f"{flag}: expected YYYY-MM-DD or an ISO 8601 timestamp, got {value!r}")
    return stamp + timedelta(days=1, microseconds=-1) if end and len(value.strip()) == 10 else stamp
