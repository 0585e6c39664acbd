"""The client report: one self-contained offline HTML file (inline CSS and SVG, no scripts, no fonts).

Sections: executive summary with the score gauge, charts, KPIs (when the result has them), findings
with remediation from the rule metadata, compliance by reference, waiver register, not-evaluated
rules, and the evidence appendix. Every value that comes from the export or the result is escaped.
"""

from __future__ import annotations

from collections.abc import Iterable
from html import escape
from typing import Any

from pimlint.engine.findings import Finding
from pimlint.engine.metadata import RuleMeta
from pimlint.levels import Status
from pimlint.reporting.common import SEVERITIES, categories, reported, rule_docs
from pimlint.reporting.html_style import STYLE
from pimlint.reporting.svg import GRADE_COLORS, SEVERITY_COLORS, bars, gauge
from pimlint.result import RunResult
from pimlint.scoring import grade_of

_FRAMEWORKS = (
    ("CISA SCuBA", "CISA SCuBA"),
    ("CIS", "CIS Benchmarks"),
    ("NIST SP 800-53", "NIST SP 800-53"),
    ("NIST CSF", "NIST CSF 2.0"),
    ("MITRE", "MITRE ATT&CK"),
    ("https://", "Microsoft guidance"),
)


def _e(value: object) -> str:
    return escape(str(value))


def _badge(severity: str) -> str:
    return f'<span class="badge sev-{_e(severity)}">{_e(severity)}</span>'


def _table(headers: Iterable[str], rows: Iterable[Iterable[str]], cls: str = "") -> str:
    """A table; cells are already-escaped HTML."""
    head = "".join(f"<th>{_e(h)}</th>" for h in headers)
    body = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in rows)
    return f'<table class="{cls}"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'


def _header(result: RunResult) -> str:
    t = result.tenant
    stamp = result.as_of.strftime("%d %B %Y") if result.as_of else "unknown date"
    name = t.display_name or t.domain or t.id
    sub = " · ".join(_e(p) for p in (t.domain if t.domain != name else None, f"tenant {t.id}") if p)
    return (
        '<header class="hero"><div class="wrap">'
        '<p class="eyebrow">Privileged Identity Management · posture report</p>'
        f"<h1>{_e(name)}</h1><p class=\"meta\">{sub}</p>"
        f'<p class="meta">Configuration as of {_e(stamp)} ({_e(result.as_of_source)}) · profile {_e(result.profile)} · '
        f"{_e(result.tool.name)} {_e(result.tool.version)}</p></div></header>"
    )


def _summary_sentence(result: RunResult) -> str:
    failures = result.failures()
    counts = result.severity_counts()
    if not failures:
        text = "No failing findings: every evaluated control meets the expected state."
    else:
        parts = ", ".join(f"{n} {sev}" for sev, n in counts.items())
        text = f"{len(failures)} failing finding{'s' if len(failures) != 1 else ''} ({parts})."
    if result.score is not None:
        score = result.score
        text += (f" The posture score is {score.value} out of 100 (grade {score.grade}), computed over "
                 f"{score.coverage}% of the rule weight that the export allowed to evaluate.")
        if grade_of(score.value) != score.grade:
            text += f" The grade is capped at {score.grade} by the most severe finding still standing."
    return _e(text)


def _tiles(result: RunResult) -> str:
    counts = result.severity_counts()
    evaluated = [r for r in result.rules if r.status is not Status.NOT_EVALUATED]
    passed = sum(r.status is Status.PASS for r in evaluated)
    tiles = [(str(counts.get(s.value, 0)), s.value.capitalize(), f"sev-{s.value}") for s in SEVERITIES[:4]]
    tiles.append((f"{passed}/{len(evaluated)}", "Rules passed", "neutral"))
    tiles.append((str(len(result.rules) - len(evaluated)), "Not evaluated", "neutral"))
    return '<div class="tiles">' + "".join(
        f'<div class="tile {cls}"><span class="tile-value">{_e(v)}</span><span class="tile-label">{_e(label)}</span></div>'
        for v, label, cls in tiles
    ) + "</div>"


def _top_risks(result: RunResult) -> str:
    top = result.failures()[:5]
    if not top:
        return ""
    items = "".join(f"<li>{_badge(f.severity.value)} {_e(f.message)}</li>" for f in top)
    return f'<h3>Top risks</h3><ol class="risks">{items}</ol>'


def _executive(result: RunResult) -> str:
    score = result.score
    dial = gauge(score.value, score.grade, "out of 100") if score else ""
    return (
        '<section class="card summary"><div class="gauge-box">' + dial + "</div>"
        f'<div class="exec"><h2>Executive summary</h2><p class="lead">{_summary_sentence(result)}</p>'
        f"{_tiles(result)}{_top_risks(result)}</div></section>"
    )


def _charts(result: RunResult) -> str:
    counts = result.severity_counts()
    sev_rows = [(s.value.capitalize(), counts.get(s.value, 0), SEVERITY_COLORS[s.value], str(counts.get(s.value, 0)))
                for s in SEVERITIES]
    sev_chart = bars(sev_rows, max(counts.values(), default=1), "Failing findings by severity")
    cat_chart = ""
    if result.score is not None:
        rows = []
        for c in categories(result):
            if c.value is None:
                rows.append((c.label, 0, "#9ca3af", "not evaluated"))
            else:
                note = f"{c.value} {c.grade}" + (f" · {c.failing} finding{'s' if c.failing != 1 else ''}" if c.failing else "")
                rows.append((c.label, c.value, GRADE_COLORS.get(c.grade or "", "#6b7280"), note))
        cat_chart = (f'<div class="card chart"><h3>Score by category</h3>{bars(rows, 100, "Score by category")}'
                     "</div>")
    return (f'<section class="grid"><div class="card chart"><h3>Failing findings by severity</h3>{sev_chart}</div>'
            f"{cat_chart}</section>")


def _kpi_text(value: Any, unit: str) -> str:
    shown = f"{value:.1f}".rstrip("0").rstrip(".") if isinstance(value, float) else str(value)
    if unit == "%":
        return f"{shown}%"
    return f"{shown} {unit}" if unit in ("hours", "minutes", "days") else shown


def _kpi_label(name: str, unit: str) -> str:
    label = name.replace("_pct", "").replace("_", " ").capitalize()
    return f"{label} ({unit})" if unit not in ("%", "hours", "minutes", "days", "", "count") else label


def _kpis(result: RunResult) -> str:
    """KPI tiles and activations per role, where the export has activity logs."""
    raw = getattr(result, "kpis", None)
    data: dict[str, Any] = raw.model_dump(mode="json") if raw is not None else {}
    items = [k for k in data.get("kpis", ()) if k.get("value") is not None]
    if not items:
        return ""
    tiles = "".join(
        f'<div class="tile neutral"><span class="tile-value">{_e(_kpi_text(k.get("value"), k.get("unit", "")))}</span>'
        f'<span class="tile-label">{_e(_kpi_label(k.get("name", ""), k.get("unit", "")))}</span></div>'
        for k in items
    )
    days = data.get("window_days")
    window = f"over {days:.0f} days of exported logs" if isinstance(days, int | float) else "over the exported logs"
    roles = sorted(data.get("roles", ()), key=lambda r: (-r.get("succeeded", 0), r.get("role", "")))[:8]
    chart = ""
    if roles:
        rows = [(r.get("role", ""), r.get("succeeded", 0), "#2f6fb0", str(r.get("succeeded", 0))) for r in roles]
        chart = f'<h3>Activations per role</h3>{bars(rows, max(r[1] for r in rows), "Activations per role")}'
    return (f'<section class="card"><h2>Operations KPIs</h2><p class="note">Activation activity {_e(window)}.</p>'
            f'<div class="tiles kpi">{tiles}</div>{chart}</section>')


def _resource_rows(findings: list[Finding]) -> list[list[str]]:
    rows = []
    for f in findings:
        r = f.resource
        who = r.principal or r.principal_id or r.object or r.object_id or "tenant-wide"
        detail = _e(f.message)
        if f.expected is not None or f.actual is not None:
            detail += f'<div class="ea">expected: {_e(f.expected)} · actual: {_e(f.actual)}</div>'
        rows.append([_badge(f.severity.value), _e(who), _e(r.role or "–"), detail])
    return rows


def _rule_section(rule_id: str, findings: list[Finding], meta: RuleMeta | None, title: str) -> str:
    worst = findings[0].severity.value
    refs = "".join(f"<li>{_e(ref)}</li>" for ref in (meta.references if meta else ()))
    body = _table(("severity", "principal / object", "role", "finding"), _resource_rows(findings), "findings")
    advice = ""
    if meta is not None:
        advice = (f'<div class="advice"><div><h4>Why it matters</h4><p>{_e(meta.rationale)}</p></div>'
                  f"<div><h4>How to fix</h4><p>{_e(meta.remediation)}</p></div></div>"
                  + (f'<h4>References</h4><ul class="refs">{refs}</ul>' if refs else ""))
    count = f"{len(findings)} finding{'s' if len(findings) != 1 else ''}"
    return (f'<article class="card rule sev-border-{_e(worst)}"><h3>{_badge(worst)} <code>{_e(rule_id)}</code> '
            f'{_e(title)} <span class="count">{_e(count)}</span></h3>{body}{advice}</article>')


def _findings(result: RunResult) -> str:
    failures = result.failures()
    if not failures:
        return '<section><h2>Findings and remediation</h2><p class="ok">No failing findings.</p></section>'
    docs = rule_docs()
    titles = {r.id: r.title for r in result.rules}
    grouped: dict[str, list[Finding]] = {}
    for f in failures:
        grouped.setdefault(f.rule, []).append(f)
    order = sorted(grouped, key=lambda rid: (-grouped[rid][0].severity.rank, rid))
    return "<section><h2>Findings and remediation</h2>" + "".join(
        _rule_section(rid, grouped[rid], docs.get(rid), titles.get(rid, rid)) for rid in order
    ) + "</section>"


def _framework(reference: str) -> str:
    return next((name for prefix, name in _FRAMEWORKS if reference.startswith(prefix)), "Other")


_VERDICTS = {"fail": "Not met", "not_evaluated": "Not evaluated", "pass": "Met", "waived": "Met (waived)",
             "baselined": "Not met (baselined)"}


def _state(status: str) -> str:
    return f'<span class="state {_e(status)}">{_e(_VERDICTS.get(status, status))}</span>'


def _framework_tables(result: RunResult) -> str:
    """The ``--framework`` tables of the result (control, title, verdict, rules), when there are any."""
    parts = []
    for table in getattr(result, "compliance", ()) or ():
        data = table.model_dump(mode="json")
        rows = [[_e(c["control"]), _e(c.get("title", "")), _e(", ".join(c.get("rules", ()))), _state(c["status"])]
                for c in data.get("controls", ())]
        parts.append(f"<h3>{_e(data.get('title', data.get('framework', '')))}</h3>"
                     + _table(("control", "title", "rules", "status"), rows, "compliance"))
    if not parts:
        return ""
    return ('<section class="card"><h2>Compliance</h2><p class="note">A control is met when every rule that '
            "evidences it passes.</p>" + "".join(parts) + "</section>")


def _compliance(result: RunResult) -> str:
    frameworks = _framework_tables(result)
    if frameworks:
        return frameworks
    docs = rule_docs()
    status = {r.id: r.status for r in result.rules}
    controls: dict[tuple[str, str], list[str]] = {}
    for rid in status:
        for ref in docs[rid].references if rid in docs else ():
            controls.setdefault((_framework(ref), ref), []).append(rid)
    if not controls:
        return ""
    order = [name for _, name in _FRAMEWORKS] + ["Other"]
    rows = []
    for (framework, ref), rids in sorted(controls.items(), key=lambda kv: (order.index(kv[0][0]), kv[0][1])):
        states = {status[r] for r in rids}
        verdict = ("fail" if Status.FAIL in states else "not_evaluated" if Status.NOT_EVALUATED in states else "pass")
        ref_html = f'<a href="{_e(ref)}">{_e(ref)}</a>' if ref.startswith("https://") else _e(ref)
        rows.append([_e(framework), ref_html, _e(", ".join(rids)), _state(verdict)])
    return ('<section class="card"><h2>Compliance by reference</h2><p class="note">Each control is met when every '
            "rule mapped to it passes.</p>" + _table(("framework", "control", "rules", "status"), rows, "compliance")
            + "</section>")


def _waivers(result: RunResult) -> str:
    waived = [f for f in reported(result) if f.status is Status.WAIVED]
    if not waived:
        return '<section class="card"><h2>Waiver register</h2><p class="note">No waivers in force.</p></section>'
    rows = []
    for f in waived:
        w = f.waiver
        rows.append([_e(w.id if w else "–"), f"<code>{_e(f.rule)}</code>", _e(f.resource.describe() or "tenant"),
                     _e(w.kind if w else "–"), _e(w.owner if w else "–"),
                     _e(w.expires.isoformat() if w and w.expires else "no expiry"), _e(w.reason if w else "–")])
    return ('<section class="card"><h2>Waiver register</h2>'
            + _table(("waiver", "rule", "resource", "kind", "owner", "expires", "reason"), rows) + "</section>")


def _not_evaluated(result: RunResult) -> str:
    skipped = [r for r in result.rules if r.status is Status.NOT_EVALUATED]
    if not skipped:
        return ""
    rows = [[f"<code>{_e(r.id)}</code>", _e(r.title), _e(r.reason or "")] for r in skipped]
    return ('<section class="card"><h2>Not evaluated</h2><p class="note">The export lacked the data these rules need; '
            "they count neither as passed nor as failed and lower the score's coverage.</p>"
            + _table(("rule", "control", "reason"), rows) + "</section>")


def _appendix(result: RunResult) -> str:
    rules = [[f"<code>{_e(r.id)}</code>", _e(r.title), _badge(r.severity.value),
              f'<span class="state {_e(r.status.value)}">{_e(r.status.value.replace("_", " "))}</span>']
             for r in result.rules]
    inputs = [[_e(i.file), f"<code>{_e(i.sha256)}</code>"] for i in result.inputs]
    crashes = "".join(f'<p class="error">Rule {_e(c.rule)} crashed: {_e(c.error)}</p>' for c in result.crashes)
    return ('<section class="card appendix"><h2>Appendix: rules and evidence</h2>' + crashes
            + _table(("rule", "control", "severity", "result"), rules)
            + "<h3>Input files</h3>" + _table(("file", "sha256"), inputs)
            + f'<p class="note">Settings digest <code>{_e(result.settings_digest or "n/a")}</code> · result schema '
            f"version {_e(result.schema_version)}</p></section>")


def render_html(result: RunResult) -> str:
    """The whole report as one HTML document."""
    title = f"PIM posture report — {result.tenant_label()}"
    body = "".join((
        _executive(result), _charts(result), _kpis(result), _findings(result), _compliance(result),
        _waivers(result), _not_evaluated(result), _appendix(result),
    ))
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{_e(title)}</title><style>{STYLE}</style></head><body>"
        f'{_header(result)}<main class="wrap">{body}</main>'
        '<footer class="wrap">Produced offline by pimlint from an exported configuration; no data left the machine '
        "that ran it.</footer></body></html>\n"
    )
