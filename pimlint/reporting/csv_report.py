"""CSV for spreadsheets: one row per finding (every status), guarded against formula injection."""

from __future__ import annotations

import csv
import io

from pimlint.engine.findings import Finding
from pimlint.result import RunResult

COLUMNS = (
    "rule", "name", "severity", "status", "category", "tenant", "principal", "principal_id", "role", "role_id",
    "object", "object_id", "scope", "message", "expected", "actual", "fingerprint", "waiver_id", "waiver_expires",
)
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def guard(value: str) -> str:
    """A value a spreadsheet will not evaluate: a leading ``'`` before ``= + - @``, tab or CR."""
    return "'" + value if value.startswith(_FORMULA_START) else value


def _row(result: RunResult, f: Finding) -> list[str]:
    r = f.resource
    values = (
        f.rule, f.name, f.severity.value, f.status.value, f.category, result.tenant_label(), r.principal,
        r.principal_id, r.role, r.role_id, r.object, r.object_id, r.scope, f.message, f.expected, f.actual,
        f.fingerprint, f.waiver.id if f.waiver else None,
        f.waiver.expires.isoformat() if f.waiver and f.waiver.expires else None,
    )
    return [guard(v or "") for v in values]


def render_csv(result: RunResult) -> str:
    """A header row, then one row per finding in the engine's order."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(COLUMNS)
    writer.writerows(_row(result, f) for f in result.findings)
    return buffer.getvalue()
