"""Render a ``DiffReport`` as text, JSON or markdown (for a pull-request comment)."""

from __future__ import annotations

import json

from pimlint.diff import Change, DiffReport, FindingRef

_GROUPS = (("weaken", "Weakened"), ("strengthen", "Strengthened"), ("neutral", "Changed"))


def _change(c: Change) -> str:
    return f"{c.subject}: {c.field} {c.old or '—'} → {c.new or '—'}"


def _finding(f: FindingRef) -> str:
    return f"{f.rule} [{f.severity}] {f.message}"


def counts(report: DiffReport) -> dict[str, int]:
    """How many changes of each kind."""
    out = {label.lower(): sum(c.effect == effect for c in report.changes) for effect, label in _GROUPS}
    out.update(escalation_paths=len(report.escalation_paths), appeared=len(report.appeared),
               disappeared=len(report.disappeared))
    return out


def _summary(report: DiffReport) -> str:
    n = counts(report)
    verdict = "posture weakened" if report.weakened else "posture not weakened"
    return (f"{verdict}: {n['weakened']} weakened · {n['strengthened']} strengthened · {n['changed']} other changes"
            f" · {n['escalation_paths']} new escalation paths · {n['appeared']} findings appeared"
            f" · {n['disappeared']} disappeared")


def render_text(report: DiffReport) -> str:
    """One section per kind of change, then a summary line."""
    lines = [f"{report.old.tenant} ({report.old.as_of or 'unknown'}) → {report.new.tenant} ({report.new.as_of or 'unknown'})"]
    for effect, label in _GROUPS:
        group = [c for c in report.changes if c.effect == effect]
        if group:
            lines += ["", f"{label} ({len(group)}):", *(f"  {_change(c)}" for c in group)]
    for title, refs, mark in (("New escalation paths", report.escalation_paths, "+"),
                              ("Findings appeared", report.appeared, "+"),
                              ("Findings disappeared", report.disappeared, "-")):
        if refs:
            lines += ["", f"{title} ({len(refs)}):", *(f"  {mark} {_finding(f)}" for f in refs)]
    lines += ["", _summary(report)]
    return "\n".join(lines) + "\n"


def render_json(report: DiffReport) -> str:
    """The report with its counts and verdict, stable key order."""
    data = report.model_dump(mode="json")
    data.update(weakened=report.weakened, summary=counts(report))
    return json.dumps(data, sort_keys=True, indent=2, ensure_ascii=False) + "\n"


def _cell(text: str | None) -> str:
    return (text or "—").replace("|", "\\|")


def render_markdown(report: DiffReport) -> str:
    """GitHub-flavoured markdown: a verdict, a table of setting changes, findings lists."""
    icon = ":warning:" if report.weakened else ":white_check_mark:"
    lines = [f"### pimlint diff: {_cell(report.new.tenant)}", "", f"{icon} {_summary(report)}", ""]
    if report.changes:
        lines += ["| effect | subject | field | old | new |", "|---|---|---|---|---|"]
        lines += [f"| {c.effect} | {_cell(c.subject)} | {_cell(c.field)} | {_cell(c.old)} | {_cell(c.new)} |"
                  for c in report.changes]
        lines.append("")
    for title, refs in (("New escalation paths", report.escalation_paths), ("Findings appeared", report.appeared),
                        ("Findings disappeared", report.disappeared)):
        if refs:
            lines += [f"**{title}**", "", *(f"- `{f.rule}` **{f.severity}** {_cell(f.message)}" for f in refs), ""]
    return "\n".join(lines)


RENDERERS = {"text": render_text, "json": render_json, "markdown": render_markdown}
