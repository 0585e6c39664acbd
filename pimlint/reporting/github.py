"""GitHub Actions workflow commands: one ``::error``/``::warning``/``::notice`` annotation per
failing finding, then a ``::notice`` with the summary."""

from __future__ import annotations

from pimlint.levels import Severity
from pimlint.reporting.common import finding_line, input_file, one_line, reported
from pimlint.reporting.text import summary_line
from pimlint.result import RunResult

_COMMANDS = {Severity.CRITICAL: "error", Severity.HIGH: "error", Severity.MEDIUM: "warning",
             Severity.LOW: "notice", Severity.INFO: "notice"}


def _data(text: str) -> str:
    return one_line(text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A"))


def _prop(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def render_github(result: RunResult) -> str:
    """Annotations for failing findings (waived ones are not annotated) and the summary line."""
    lines = []
    for f in reported(result):
        if f.status.value != "fail":
            continue
        props = f"file={_prop(input_file(result, f.rule))},line=1,title={_prop(f'{f.rule} {f.name}')}"
        lines.append(f"::{_COMMANDS[f.severity]} {props}::{_data(f'[{f.severity.value}] {finding_line(f)}')}")
    lines.append(f"::notice title=pimlint::{_data(summary_line(result))}")
    return "\n".join(lines) + "\n"
