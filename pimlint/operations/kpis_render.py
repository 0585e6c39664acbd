"""Render a ``KpiReport`` as text, JSON or CSV (pure functions, deterministic)."""

from __future__ import annotations

import csv
import io
import json

from tabulate import tabulate

from pimlint.operations.kpis import Kpi, KpiReport


def _value(k: Kpi) -> str:
    if k.value is None:
        return "n/a"
    return f"{k.value:g}"


def _window(report: KpiReport) -> str:
    if report.window_start is None or report.window_end is None:
        return f"window: {report.window_source}"
    return (f"window: {report.window_start:%Y-%m-%d %H:%M} → {report.window_end:%Y-%m-%d %H:%M} UTC "
            f"({report.window_days:g} days, {report.window_source})")


def render_text(report: KpiReport) -> str:
    """Three tables: KPIs, activations per role, approvals per approver."""
    rows = [(k.name, _value(k), k.unit, k.events, k.note or "") for k in report.kpis]
    parts = [_window(report), "", tabulate(rows, headers=("kpi", "value", "unit", "events", "note"))]
    if report.roles:
        parts += ["", tabulate([(r.role, r.succeeded, r.failed, r.denied) for r in report.roles],
                               headers=("role", "succeeded", "failed", "denied"))]
    if report.approvers:
        parts += ["", tabulate([(a.approver, a.approvals) for a in report.approvers], headers=("approver", "approvals"))]
    return "\n".join(parts) + "\n"


def render_csv(report: KpiReport) -> str:
    """One row per KPI: name, value, unit, window, events, note."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(("kpi", "value", "unit", "window_start", "window_end", "events", "note"))
    for k in report.kpis:
        writer.writerow((k.name, "" if k.value is None else f"{k.value:g}", k.unit,
                         k.window_start.isoformat() if k.window_start else "",
                         k.window_end.isoformat() if k.window_end else "", k.events, k.note or ""))
    return out.getvalue()


def render(report: KpiReport, fmt: str) -> str:
    """``text``, ``json`` (sorted keys, two-space indent) or ``csv``."""
    if fmt == "json":
        return json.dumps(report.model_dump(mode="json"), sort_keys=True, indent=2, ensure_ascii=False) + "\n"
    if fmt == "csv":
        return render_csv(report)
    return render_text(report)
