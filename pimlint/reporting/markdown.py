"""GitHub-flavoured Markdown for pull-request comments and report appendices.

Every value from the export goes through ``escape``: table pipes, backticks, newlines and HTML
cannot break the layout or inject markup.
"""

from __future__ import annotations

from pimlint.engine.findings import Finding
from pimlint.levels import Status
from pimlint.reporting.common import SEVERITIES, categories, reported, rule_docs
from pimlint.result import RunResult

_MD_SPECIAL = str.maketrans({c: "\\" + c for c in "\\`*_[]|#"})


def escape(value: object) -> str:
    """Inline-safe Markdown text: newlines as spaces, Markdown syntax backslash-escaped, ``&`` and ``<``
    as entities (no tag or entity can start)."""
    text = " ".join(str(value).split())
    return text.translate(_MD_SPECIAL).replace("&", "&amp;").replace("<", "&lt;")


def _table(headers: tuple[str, ...], rows: list[tuple[object, ...]]) -> list[str]:
    lines = ["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
    lines.extend("| " + " | ".join(escape(v) for v in row) + " |" for row in rows)
    return lines


def _finding(f: Finding) -> str:
    where = f.resource.describe()
    text = f"- **{f.rule}** {escape(f.message)}"
    if where:
        text += f" — {escape(where)}"
    if f.expected is not None or f.actual is not None:
        text += f" (expected: {escape(f.expected)}; actual: {escape(f.actual)})"
    return text


def _waiver_row(f: Finding) -> tuple[object, ...]:
    w = f.waiver
    where = f.resource.describe() or "tenant"
    return (f.rule, where, w.id, w.owner, w.expires or "", w.reason) if w else (f.rule, where, "", "", "", "")


def render_markdown(result: RunResult) -> str:
    """Summary, score by category, findings by severity, waived and not-evaluated sections."""
    out = [f"# pimlint report: {escape(result.tenant_label())}", ""]
    stamp = result.as_of.date().isoformat() if result.as_of else "unknown"
    counts = result.severity_counts()
    summary = ", ".join(f"{n} {sev}" for sev, n in counts.items()) or "none"
    if result.score is not None:
        out.append(f"**Posture score: {result.score.value}/100 (grade {result.score.grade})** · "
                   f"coverage {result.score.coverage}%")
        out.append("")
    out += [f"Failing findings: {len(result.failures())} ({summary}) · {len(result.rules)} rules · "
            f"as of {stamp} ({escape(result.as_of_source)}) · {escape(result.tool.name)} {escape(result.tool.version)}",
            ""]
    if result.score is not None:
        rows = [(c.label, "n/a" if c.value is None else c.value, c.grade or "–", c.failing, f"{c.coverage}%")
                for c in categories(result)]
        out += ["## Score by category", "", *_table(("category", "score", "grade", "failing", "coverage"), rows), ""]
    failures = result.failures()
    if failures:
        out += ["## Findings", ""]
        for sev in SEVERITIES:
            mine = [f for f in failures if f.severity is sev]
            if mine:
                out += [f"### {sev.value.capitalize()} ({len(mine)})", "", *(_finding(f) for f in mine), ""]
        docs = rule_docs()
        fixes = [(rid, docs[rid]) for rid in dict.fromkeys(f.rule for f in failures) if rid in docs]
        if fixes:
            out += ["## Remediation", ""]
            out += [f"- **{rid} {escape(meta.title)}**: {escape(meta.remediation)}" for rid, meta in fixes]
            out.append("")
    for table in getattr(result, "compliance", ()) or ():
        data = table.model_dump(mode="json")
        rows = [(c["control"], c.get("title", ""), c["status"], ", ".join(c.get("rules", ())))
                for c in data.get("controls", ())]
        out += [f"## Compliance: {escape(data.get('title', ''))}", "",
                *_table(("control", "title", "status", "rules"), rows), ""]
    waived = [f for f in reported(result) if f.status is Status.WAIVED]
    if waived:
        rows = [_waiver_row(f) for f in waived]
        out += ["## Waived", "", *_table(("rule", "resource", "waiver", "owner", "expires", "reason"), rows), ""]
    skipped = [r for r in result.rules if r.status is Status.NOT_EVALUATED]
    if skipped:
        out += ["## Not evaluated", "", *_table(("rule", "title", "reason"), [(r.id, r.title, r.reason or "")
                                                                            for r in skipped]), ""]
    for crash in result.crashes:
        out.append(f"> **Error:** rule {escape(crash.rule)} crashed: {escape(crash.error)}")
    return "\n".join(out).rstrip("\n") + "\n"
