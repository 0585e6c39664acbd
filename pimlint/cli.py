"""The ``pimlint`` command line. Thin: options → settings → ``api`` → renderer → exit code.

Heavy modules (pydantic models, networkx, jsonschema, the rule pack) are imported inside the
commands, so ``pimlint --version`` and ``--help`` start instantly.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import click

from pimlint import __version__, exit_codes

SEVERITIES = ("info", "low", "medium", "high", "critical")


def _split(values: tuple[str, ...]) -> tuple[str, ...] | None:
    """``--select A,B --select C`` → ``("A", "B", "C")``; ``None`` when not given."""
    items = tuple(part.strip() for value in values for part in value.split(",") if part.strip())
    return items or None


@contextmanager
def _errors(debug: bool) -> Iterator[None]:
    """Map exceptions to one stderr line and the documented exit codes."""
    from pimlint.errors import PimlintError

    try:
        yield
    except PimlintError as exc:
        if debug:
            raise
        click.echo(f"pimlint: error: {exc.format()}", err=True)
        sys.exit(exc.exit_code)
    except KeyboardInterrupt:
        click.echo("pimlint: interrupted", err=True)
        sys.exit(130)
    except click.exceptions.Exit:
        raise
    except Exception as exc:  # the last line of defence: never a bare traceback
        if debug:
            raise
        click.echo(f"pimlint: internal error: {type(exc).__name__}: {exc} (rerun with --debug for a traceback)", err=True)
        sys.exit(exit_codes.INTERNAL_ERROR)


def _parse_as_of(value: str | None) -> Any:
    if value is None:
        return None
    from datetime import UTC, datetime

    from pimlint.errors import ConfigError
    from pimlint.timeutil import TimeFormatError, parse_datetime

    if value.lower() == "today":
        return datetime.now(UTC)
    try:
        return parse_datetime(value)
    except TimeFormatError:
        raise ConfigError(f"--as-of: expected YYYY-MM-DD, an ISO 8601 timestamp or 'today', got {value!r}") from None


def _emit(text: str, output: Path | None) -> None:
    if output is None:
        click.echo(text, nl=False)
        return
    from pimlint.output import write_atomic

    write_atomic(output, text)


def selection_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """``--select/--ignore/--extend-select/--extend-ignore/--profile/--config``, shared by commands."""
    for decorator in reversed(
        (
            click.option("--config", "config_file", type=click.Path(path_type=Path, dir_okay=False),
                         help="Config file (default: pimlint.toml or .pimlint.toml beside the bundle)."),
            click.option("--select", multiple=True, help="Rules to run: ids, prefixes, names, tag:X or ALL (comma-separated)."),
            click.option("--ignore", multiple=True, help="Rules not to run (same selectors)."),
            click.option("--extend-select", multiple=True, help="Add to the configured selection."),
            click.option("--extend-ignore", multiple=True, help="Add to the configured ignores."),
            click.option("--profile", type=click.Choice(("default", "scuba", "strict")), default=None,
                         help="Threshold profile (default: Microsoft guidance + CIS)."),
        )
    ):
        func = decorator(func)
    return func


def _overrides(select: tuple[str, ...], ignore: tuple[str, ...], extend_select: tuple[str, ...],
               extend_ignore: tuple[str, ...], profile: str | None, **extra: Any) -> dict[str, Any]:
    return {
        "select": _split(select),
        "ignore": _split(ignore),
        "extend-select": _split(extend_select),
        "extend-ignore": _split(extend_ignore),
        "profile": profile,
        **extra,
    }


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="pimlint", message="%(prog)s %(version)s")
def main() -> None:
    """Lint exported Microsoft Entra PIM configuration, offline."""


@main.command()
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
@click.option("-v", "--verbose", is_flag=True, help="Show the evidence behind each finding.")
@click.option("--debug", is_flag=True, help="Show tracebacks instead of one-line errors.")
def check(path: Path, config_file: Path | None, select: tuple[str, ...], ignore: tuple[str, ...],
          extend_select: tuple[str, ...], extend_ignore: tuple[str, ...], profile: str | None, fmt: str,
          output: Path | None, fail_on: str | None, exit_zero: bool, as_of: str | None,
          show_not_evaluated: bool, verbose: bool, debug: bool) -> None:
    """Lint the export bundle at PATH (a bundle folder or a single JSON file)."""
    with _errors(debug):
        from pimlint import api
        from pimlint.config import load_settings
        from pimlint.reporting import render

        settings, _ = load_settings(
            path, config_file, _overrides(select, ignore, extend_select, extend_ignore, profile, **{"fail-on": fail_on})
        )
        result = api.check(path, settings, api.CheckOptions(as_of=_parse_as_of(as_of), debug=debug))
        options = {} if fmt == "json" else {"show_not_evaluated": show_not_evaluated, "verbose": verbose}
        _emit(render(result, fmt, **options), output)
        for crash in result.crashes:
            click.echo(f"pimlint: error: rule {crash.rule} crashed: {crash.error}", err=True)
        code = result.gate.exit_code
        if exit_zero and code == exit_codes.FINDINGS:
            click.echo("pimlint: gate overridden by --exit-zero", err=True)
            code = exit_codes.OK
    sys.exit(code)


@main.command("rules")
@selection_options
@click.option("-f", "--format", "fmt", type=click.Choice(("table", "json")), default="table", show_default=True)
def list_rules(config_file: Path | None, select: tuple[str, ...], ignore: tuple[str, ...],
               extend_select: tuple[str, ...], extend_ignore: tuple[str, ...], profile: str | None, fmt: str) -> None:
    """List the rules (honours --select/--ignore and the config)."""
    with _errors(False):
        from pimlint import api
        from pimlint.config import load_settings
        from pimlint.docs import rules_json, rules_table

        settings, _ = load_settings(Path("."), config_file,
                                    _overrides(select, ignore, extend_select, extend_ignore, profile))
        registry = api.selected_registry(settings)
        click.echo(rules_json(registry, settings) if fmt == "json" else rules_table(registry), nl=fmt == "table")


@main.command("rule")
@click.argument("rule_id")
@click.option("-f", "--format", "fmt", type=click.Choice(("text", "markdown", "json")), default="text", show_default=True)
@click.option("--profile", type=click.Choice(("default", "scuba", "strict")), default="default", show_default=True)
def show_rule(rule_id: str, fmt: str, profile: str) -> None:
    """Explain one rule: what it checks, why, how to fix it, references, options."""
    with _errors(False):
        from pimlint.config import Settings
        from pimlint.docs import rule_page
        from pimlint.engine.registry import load_registry
        from pimlint.errors import ConfigError

        registry = load_registry()
        found = registry.get(rule_id)
        if found is None:
            import difflib

            names = [r.meta.id for r in registry] + [r.meta.name for r in registry]
            close = difflib.get_close_matches(rule_id, names, n=1, cutoff=0.6)
            raise ConfigError(f"no rule {rule_id!r}" + (f" (did you mean {close[0]!r}?)" if close else ""))
        click.echo(rule_page(found, Settings(profile=profile), fmt), nl=False)
