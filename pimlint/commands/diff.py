"""``pimlint diff OLD NEW``: what changed between two exports in privilege terms."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from pimlint import exit_codes
from pimlint.commands.common import LOAD_WORKERS, emit, errors


@click.command("diff")
@click.argument("old", type=click.Path(path_type=Path))
@click.argument("new", type=click.Path(path_type=Path))
@click.option("--config", "config_file", type=click.Path(path_type=Path, dir_okay=False),
              help="Config file (default: discovered for NEW); the same settings judge both exports.")
@click.option("-f", "--format", "fmt", type=click.Choice(("text", "json", "markdown")), default="text",
              show_default=True)
@click.option("-o", "--output", type=click.Path(path_type=Path, dir_okay=False), help="Write the report to FILE.")
@click.option("--fail-on-weaken", is_flag=True, help="Exit 1 when the change weakens posture.")
def diff(old: Path, new: Path, config_file: Path | None, fmt: str, output: Path | None, fail_on_weaken: bool) -> None:
    """Compare the export bundles OLD and NEW: holders, standing access, policy settings, findings."""
    with errors():
        from pimlint import api
        from pimlint.config import load_config
        from pimlint.diff import diff_exports
        from pimlint.diff_render import RENDERERS
        from pimlint.loading.api import load
        from pimlint.roleclasses import RoleClasses

        settings = load_config(new, config_file, {}).settings
        registry = api.selected_registry(settings)
        sides = []
        for path in (old, new):
            loaded = load(path, timezone=settings.timezone, max_bytes=settings.max_input_mb * 1024 * 1024,
                          workers=LOAD_WORKERS)
            roles = RoleClasses(loaded.tenant, settings.critical_roles, settings.extra_privileged_roles)
            sides.append((loaded.tenant, api.evaluate(loaded, settings, registry), roles))
        (old_t, old_r, old_roles), (new_t, new_r, new_roles) = sides
        report = diff_exports(old_t, new_t, old_r, new_r, old_roles, new_roles)
        emit(RENDERERS[fmt](report), output)
    sys.exit(exit_codes.FINDINGS if fail_on_weaken and report.weakened else exit_codes.OK)
