"""``pimlint check``: lint one export bundle."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from pimlint import exit_codes
from pimlint.commands.common import (
    SEVERITIES,
    emit,
    errors,
    input_format_option,
    overrides,
    parse_as_of,
    selection_options,
)


@click.command()
@click.argument("path", type=click.Path(path_type=Path))
@selection_options
@click.option("-f", "--format", "fmt", type=click.Choice(("text", "json")), default="text", show_default=True,
              help="Report format.")
@click.option("-o", "--output", type=click.Path(path_type=Path, dir_okay=False), help="Write the report to FILE.")
@click.option("--fail-on", type=click.Choice((*SEVERITIES, "never")), default=None,
              help="Lowest severity that fails the run (default: low).")
@click.option("--exit-zero", is_flag=True, help="Exit 0 even with failing findings (errors still exit 2/3).")
@click.option("--as-of", "as_of", help="Reference date for time-based rules (default: the export's exportedAt).")
@click.option("--show-not-evaluated", is_flag=True, help="List rules that could not be evaluated.")
@click.option("--waivers", "waivers_file", type=click.Path(path_type=Path, dir_okay=False),
              help="Waiver file (default: .pimlint/waivers.toml if present).")
@click.option("--no-waivers", is_flag=True, help="Apply no waivers (audit mode; PIM010/PIM011 not evaluated).")
@click.option("--baseline", "baseline_file", type=click.Path(path_type=Path, dir_okay=False),
              help="Baseline file: report only findings it does not absorb (default: .pimlint/baseline.json if present).")
@click.option("--no-baseline", is_flag=True, help="Ignore the baseline.")
@click.option("--show-waived", is_flag=True, help="Also list waived and baselined findings.")
@click.option("-v", "--verbose", is_flag=True, help="Show the evidence behind each finding.")
@input_format_option
@click.option("--debug", is_flag=True, help="Show tracebacks instead of one-line errors.")
def check(path: Path, config_file: Path | None, select: tuple[str, ...], ignore: tuple[str, ...],
          extend_select: tuple[str, ...], extend_ignore: tuple[str, ...], profile: str | None, fmt: str,
          output: Path | None, fail_on: str | None, exit_zero: bool, as_of: str | None,
          show_not_evaluated: bool, waivers_file: Path | None, no_waivers: bool, baseline_file: Path | None,
          no_baseline: bool, show_waived: bool, verbose: bool, input_format: str | None,
          debug: bool) -> None:
    """Lint the export bundle at PATH (a bundle folder or a single JSON file)."""
    with errors(debug):
        from pimlint import api
        from pimlint.config import load_config
        from pimlint.reporting import render

        loaded = load_config(path, config_file, overrides(
            select, ignore, extend_select, extend_ignore, profile,
            **{"fail-on": fail_on, "waivers": waivers_file, "baseline": baseline_file},
        ))
        settings = loaded.settings
        result = api.check(path, settings, api.CheckOptions(
            as_of=parse_as_of(as_of), debug=debug, waivers=loaded.waivers_path(), apply_waivers=not no_waivers,
            baseline=None if no_baseline else loaded.baseline_path(), input_format=input_format,
        ))
        options = {} if fmt == "json" else {"show_not_evaluated": show_not_evaluated, "verbose": verbose,
                                             "show_waived": show_waived}
        emit(render(result, fmt, **options), output)
        for crash in result.crashes:
            click.echo(f"pimlint: error: rule {crash.rule} crashed: {crash.error}", err=True)
        code = result.gate.exit_code
        if exit_zero and code == exit_codes.FINDINGS:
            click.echo("pimlint: gate overridden by --exit-zero", err=True)
            code = exit_codes.OK
    sys.exit(code)
