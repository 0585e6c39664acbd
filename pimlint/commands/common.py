"""Helpers shared by the commands: error mapping, option groups, output."""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import click

from pimlint import exit_codes

SEVERITIES = ("info", "low", "medium", "high", "critical")


def split(values: tuple[str, ...]) -> tuple[str, ...] | None:
    """``--select A,B --select C`` → ``("A", "B", "C")``; ``None`` when not given."""
    items = tuple(part.strip() for value in values for part in value.split(",") if part.strip())
    return items or None


_UNSAFE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
MAX_MESSAGE = 2000
"""Characters of an error line; values quoted from an export can be megabytes long."""


def one_line(text: str) -> str:
    """``text`` made safe for one stderr line: control, line-breaking and bidi characters escaped
    (no terminal escape sequences from an export), lone surrogates escaped, at most ``MAX_MESSAGE``."""
    text = text[: MAX_MESSAGE * 2].encode("utf-8", "backslashreplace").decode("utf-8")
    text = _UNSAFE.sub(lambda m: ascii(m.group())[1:-1], text)
    return text if len(text) <= MAX_MESSAGE else text[: MAX_MESSAGE - 3] + "..."


@contextmanager
def errors(debug: bool = False) -> Iterator[None]:
    """Map exceptions to one stderr line and the documented exit codes."""
    from pimlint.errors import PimlintError

    try:
        yield
    except PimlintError as exc:
        if debug:
            raise
        click.echo(f"pimlint: error: {one_line(exc.format())}", err=True)
        sys.exit(exc.exit_code)
    except KeyboardInterrupt:
        click.echo("pimlint: interrupted", err=True)
        sys.exit(130)
    except click.exceptions.Exit:
        raise
    except BrokenPipeError:  # the reader of stdout went away (`pimlint check … | head`)
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        click.echo("pimlint: error: output closed early (broken pipe)", err=True)
        sys.exit(exit_codes.USAGE_OR_INPUT_ERROR)
    except Exception as exc:  # the last line of defence: never a bare traceback
        if debug:
            raise
        message = one_line(f"{type(exc).__name__}: {exc}")
        click.echo(f"pimlint: internal error: {message} (rerun with --debug for a traceback)", err=True)
        sys.exit(exit_codes.INTERNAL_ERROR)


def parse_as_of(value: str | None) -> Any:
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


LOAD_WORKERS = 2
"""Processes a command may use to load one export: a second one reads a large audit log meanwhile
(Linux, two CPUs; ``pimlint.loading.background``). ``check`` takes it from ``--jobs``."""


def emit(text: str, output: Path | None) -> None:
    if output is None:
        click.echo(text, nl=False)
        return
    from pimlint.output import write_atomic

    write_atomic(output, text)


INPUT_FORMATS = ("graph", "entraexporter", "scubagear", "azurehound")
"""Export layouts ``--input-format`` can force (``pimlint.importers.detect.FORMATS``)."""

input_format_option = click.option(
    "--input-format", type=click.Choice(INPUT_FORMATS), default=None,
    help="Read PATH as this layout instead of detecting it (a pimlint/Graph bundle, an EntraExporter folder, "
         "ScubaGear's ProviderSettingsExport.json, AzureHound JSON).",
)


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


def overrides(select: tuple[str, ...], ignore: tuple[str, ...], extend_select: tuple[str, ...],
               extend_ignore: tuple[str, ...], profile: str | None, **extra: Any) -> dict[str, Any]:
    return {
        "select": split(select),
        "ignore": split(ignore),
        "extend-select": split(extend_select),
        "extend-ignore": split(extend_ignore),
        "profile": profile,
        **extra,
    }


