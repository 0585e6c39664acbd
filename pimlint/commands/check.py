"""``pimlint check``: lint one export bundle, or several (one tenant each) in parallel."""

from __future__ import annotations

import sys
from functools import partial
from pathlib import Path
from typing import Any

import click

from pimlint import exit_codes
from pimlint.cli import retain
from pimlint.commands.common import (
    SEVERITIES,
    emit,
    errors,
    input_format_option,
    one_line,
    overrides,
    parse_as_of,
    selection_options,
)
from pimlint.reporting import FORMATS

EXTRA_OUTPUTS = ("json", "sarif", "junit", "csv", "markdown", "html")


def extra_output_options(func: Any) -> Any:
    """``--json-output FILE`` … ``--html-output FILE``: more reports from the same run."""
    for fmt in reversed(EXTRA_OUTPUTS):
        func = click.option(f"--{fmt}-output", f"{fmt}_output", type=click.Path(path_type=Path, dir_okay=False),
                            help=f"Also write the {fmt} report to FILE (with several PATHs: FILE in each tenant's "
                                 "folder under -o DIR).")(func)
    return func


def check_one(path: Path, config_file: Path | None, cli: dict[str, Any], options: dict[str, Any],
              no_waivers: bool, no_baseline: bool, rules_dirs: tuple[Path, ...] = (), trust_config: bool = False,
              frameworks: tuple[str, ...] = (), isolated: bool = False) -> Any:
    """Settings for one bundle (its own config file), then the whole pipeline (picklable for workers)."""
    from pimlint import api
    from pimlint.config import load_config
    from pimlint.errors import ConfigError

    loaded = load_config(path, config_file, cli, isolated=isolated)
    packs = loaded.settings.rules_dir
    if packs and config_file is None and not trust_config:
        raise ConfigError(f"{loaded.path}: rules-dir names a rule pack, i.e. Python code that would run with your "
                          "permissions, in a config file found beside the export; pass --trust-config if you trust "
                          "whoever wrote it (or name the pack yourself with --rules-dir)")
    result = api.check(path, loaded.settings, api.CheckOptions(
        waivers=loaded.waivers_path(), apply_waivers=not no_waivers,
        baseline=None if no_baseline else loaded.baseline_path(), rules_dirs=(*rules_dirs, *packs), **options,
    ))
    if frameworks:
        from pimlint.engine.registry import load_registry
        from pimlint.frameworks import attach

        result = attach(result, frameworks, load_registry((*rules_dirs, *packs)))
    return result


@click.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@selection_options
@click.option("-f", "--format", "fmt", type=click.Choice(FORMATS), default="text", show_default=True,
              help="Report format (stdout, or -o).")
@click.option("-o", "--output", "--output-dir", "output", type=click.Path(path_type=Path),
              help="Write the report to FILE (with several PATHs: per-tenant reports under DIR).")
@extra_output_options
@click.option("--fail-under", type=click.IntRange(0, 100), default=None,
              help="Also fail (exit 1) when the posture score is below this value.")
@click.option("--redact", is_flag=True, help="Replace UPNs, names and ids with stable pseudonyms in every report.")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=None,
              help="Processes to use: tenants checked in parallel with several PATHs; with one PATH, a large "
                   "audit log is read, and half its rules run, in a second process (default: the CPU count).")
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
@click.option("--sarif-include-waived", is_flag=True,
              help="SARIF reports also carry waived findings, as suppressed results with the waiver's reason.")
@click.option("-v", "--verbose", is_flag=True, help="Show the evidence behind each finding.")
@click.option("--framework", "frameworks", multiple=True, type=click.Choice(("cis-m365", "scuba", "nist-csf", "soc2")),
              help="Add a per-control pass/fail table for this framework (repeatable).")
@click.option("--rules-dir", "rules_dirs", multiple=True, type=click.Path(path_type=Path, file_okay=False),
              help="Also load the custom rule pack in DIR (repeatable).")
@click.option("--trust-config", is_flag=True, help="Run rule packs named by rules-dir in a discovered config file.")
@click.option("--isolated", is_flag=True,
              help="Ignore every config file and the waivers and baseline in .pimlint/: defaults and this command line only.")
@input_format_option
@click.option("--debug", is_flag=True, help="Show tracebacks instead of one-line errors.")
def check(paths: tuple[Path, ...], config_file: Path | None, select: tuple[str, ...], ignore: tuple[str, ...],
          extend_select: tuple[str, ...], extend_ignore: tuple[str, ...], profile: str | None, fmt: str,
          output: Path | None, fail_on: str | None, exit_zero: bool, as_of: str | None,
          show_not_evaluated: bool, waivers_file: Path | None, no_waivers: bool, baseline_file: Path | None,
          no_baseline: bool, show_waived: bool, sarif_include_waived: bool, verbose: bool, input_format: str | None,
          debug: bool, fail_under: int | None, redact: bool, jobs: int | None, frameworks: tuple[str, ...],
          rules_dirs: tuple[Path, ...], trust_config: bool, isolated: bool, **outputs: Path | None) -> None:
    """Lint the export bundle at PATH (a bundle folder or a single JSON file).

    Several PATHs (e.g. `tenants/*/`) are checked in parallel, one tenant each: a summary table is
    printed, per-tenant reports go under -o DIR, and the exit code is the worst of the tenants'.
    """
    with errors(debug):
        from pimlint.output import write_atomic
        from pimlint.reporting import render

        cli = overrides(select, ignore, extend_select, extend_ignore, profile,
                        **{"fail-on": fail_on, "waivers": waivers_file, "baseline": baseline_file})
        runner = partial(check_one, config_file=config_file, cli=cli, no_waivers=no_waivers, no_baseline=no_baseline,
                         rules_dirs=rules_dirs, trust_config=trust_config, frameworks=frameworks, isolated=isolated,
                         options={"as_of": parse_as_of(as_of), "debug": debug, "input_format": input_format,
                                  "fail_under": fail_under, "redact": redact,
                                  **({"workers": 1} if len(paths) > 1 else {"workers": jobs or 2, "retain": retain})})
        render_options = {"show_not_evaluated": show_not_evaluated, "verbose": verbose, "show_waived": show_waived,
                          "include_suppressed": sarif_include_waived}
        extras = [(fmt_, target) for fmt_ in EXTRA_OUTPUTS if (target := outputs[f"{fmt_}_output"]) is not None]
        if len(paths) > 1:
            from pimlint.reporting.tenants import check_tenants

            code = check_tenants(paths, runner, jobs, fmt, output, extras, render_options)
        else:
            from pimlint.api import without_cyclic_gc

            with without_cyclic_gc():
                result = runner(paths[0])
                for extra, target in extras:
                    write_atomic(target, render(result, extra, **render_options))
                text = render(result, fmt, **render_options)
            if fmt == "text" and result.compliance:
                from pimlint.frameworks import render_text

                text += "".join("\n" + render_text(table) for table in result.compliance)
            emit(text, output)
            for crash in result.crashes:
                click.echo(one_line(f"pimlint: error: rule {crash.rule} crashed: {crash.error}"), err=True)
            code = result.gate.exit_code
        if exit_zero and code == exit_codes.FINDINGS:
            click.echo("pimlint: gate overridden by --exit-zero", err=True)
            code = exit_codes.OK
    sys.exit(code)
