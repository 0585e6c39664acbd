"""``pimlint report``: re-render a saved JSON result in another format."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from pimlint.commands.common import errors
from pimlint.reporting import FORMATS


@click.command()
@click.option("--from", "source", required=True, type=click.Path(path_type=Path, dir_okay=False),
              help="A result written by `pimlint check --format json`.")
@click.option("-f", "--format", "fmt", type=click.Choice(FORMATS), default="text", show_default=True,
              help="Report format.")
@click.option("-o", "--output", type=click.Path(path_type=Path, dir_okay=False), help="Write the report to FILE.")
@click.option("--redact", is_flag=True, help="Replace UPNs, names and ids with stable pseudonyms.")
@click.option("--sarif-include-waived", is_flag=True,
              help="SARIF: also carry waived findings, as suppressed results with the waiver's reason.")
@click.option("--debug", is_flag=True, help="Show tracebacks instead of one-line errors.")
def report(source: Path, fmt: str, output: Path | None, redact: bool, sarif_include_waived: bool, debug: bool) -> None:
    """Render the saved result --from FILE as text, json, sarif, junit, csv, markdown, html or github.

    Exits 0 when the report was written, whatever the result's findings (the gate is `check`'s).
    """
    with errors(debug):
        from pydantic import ValidationError

        from pimlint.commands.common import emit
        from pimlint.errors import InputError
        from pimlint.reporting import render
        from pimlint.result import RunResult

        try:
            text = source.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise InputError(str(source), f"cannot read result: {exc}") from None
        try:
            result = RunResult.model_validate_json(text)
        except ValidationError as exc:
            first = exc.errors()[0]
            where = ".".join(str(p) for p in first["loc"]) or "(document)"
            raise InputError(str(source), f"not a pimlint result: {where}: {first['msg']}") from None
        if redact:
            from pimlint.redact import redact as pseudonymise

            result = pseudonymise(result)
        emit(render(result, fmt, include_suppressed=sarif_include_waived), output)
    sys.exit(0)
