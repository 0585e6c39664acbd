"""Values from the export cannot inject markup, table cells, formulas or terminal control into reports."""

from __future__ import annotations

import csv
import io
from functools import cache

from pimlint.reporting import render
from pimlint.result import RunResult
from tests.builders import GA, hardened
from tests.harness import run

EVIL = "=cmd|' /C calc'!A0<script>alert(1)</script>`x`a|b\nnext\x1b[31m@contoso.onmicrosoft.com"
"""A UPN (the label reports use) with a formula, markup, backticks, a pipe, a newline and an ANSI escape."""


@cache
def _result() -> RunResult:
    t = hardened()
    t.active(t.user("dave"), GA)  # fails PIM101, so the label is in a finding
    t.sections["users"][-1]["userPrincipalName"] = EVIL
    return run(t)


def test_html_escapes_export_values() -> None:
    html = render(_result(), "html")
    assert "<script>alert(1)" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_markdown_escapes_pipes_backticks_markup_and_newlines() -> None:
    md = render(_result(), "markdown")
    assert "<script>" not in md and "\\`x\\`" in md and "a\\|b" in md
    assert not any(line.startswith("next") for line in md.splitlines())


def test_csv_guards_formulas() -> None:
    rows = list(csv.reader(io.StringIO(render(_result(), "csv"))))
    cells = [cell for row in rows for cell in row]
    assert "'" + EVIL in cells and EVIL not in cells
    assert not any(cell[:1] in ("=", "+", "@") for cell in cells)


def test_text_report_keeps_one_line_per_finding_without_terminal_escapes() -> None:
    text = render(_result(), "text", verbose=True)
    assert "\x1b" not in text and not any(line.startswith("next") for line in text.splitlines())
