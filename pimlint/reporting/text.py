"""Human text: one line per failing finding, then a summary line (no banner)."""

from __future__ import annotations

from pimlint.engine.findings import Finding
from pimlint.levels import Status
from pimlint.reporting.common import one_line, score_text
from pimlint.result import RunResult


def _line(f: Finding) -> str:
    where = f.resource.describe(said=f.message)
    tail = f" ({where})" if where else ""
    if f.expected is not None or f.actual is not None:
        tail += f" [expected: {f.expected}; actual: {f.actual}]"
    return f"{f.rule} [{f.severity.value}] {f.message}{tail}"


def summary_line(result: RunResult) -> str:
    """``Found 3 findings (1 critical, 2 high) in contoso.com · score 71/100 (C) · 8 rules · 1 not evaluated (PIM403)``."""
    failures = result.failures()
    counts = ", ".join(f"{n} {sev}" for sev, n in result.severity_counts().items())
    tenant = result.tenant.domain or result.tenant.display_name or result.tenant.id
    head = f"Found {len(failures)} finding{'s' if len(failures) != 1 else ''}"
    head += f" ({counts})" if counts else ""
    parts = [f"{head} in {tenant}"]
    score = score_text(result)
    if score:
        parts.append(score)
    parts.append(f"{len(result.rules)} rules")
    skipped = [r for r in result.rules if r.status is Status.NOT_EVALUATED]
    if skipped:
        parts.append(f"{len(skipped)} not evaluated ({', '.join(r.id for r in skipped)})")
    waived = result.count(Status.WAIVED)
    if waived:
        parts.append(f"{waived} waived")
    if result.baseline is not None:
        parts.append(f"{result.count(Status.BASELINED)} baselined · {result.baseline.fixed} fixed since baseline")
    if result.crashes:
        parts.append(f"{len(result.crashes)} rule crash{'es' if len(result.crashes) != 1 else ''}")
    stamp = result.as_of.date().isoformat() if result.as_of else "unknown"
    parts.append(f"as of {stamp} ({result.as_of_source})")
    return " · ".join(parts)


def _suppressed(f: Finding) -> str:
    why = f"waiver {f.waiver.id} ({f.waiver.kind}, until {f.waiver.expires or 'no expiry'})" if f.waiver else "baseline"
    return f"{_line(f)} [{f.status.value}: {why}]"


def render_text(
    result: RunResult, show_not_evaluated: bool = False, verbose: bool = False, show_waived: bool = False
) -> str:
    """Failing findings (and optionally not-evaluated rules), then the summary; one line each, with
    control characters from the export escaped (no terminal escape sequences, no split lines)."""
    lines = [_line(f) for f in result.failures()]
    if verbose:
        lines = []
        for f in result.failures():
            lines.append(_line(f))
            lines.extend(f"    evidence: {e}" for e in f.evidence)
    if show_waived:
        lines.extend(_suppressed(f) for f in result.findings if f.status in (Status.WAIVED, Status.BASELINED))
    if show_not_evaluated or verbose:
        lines.extend(
            f"{r.id} [not evaluated] {r.reason}" for r in result.rules if r.status is Status.NOT_EVALUATED
        )
    for warning in result.warnings:
        lines.append(f"warning: {warning}")
    for crash in result.crashes:
        lines.append(f"error: rule {crash.rule} crashed: {crash.error}")
    lines.append(summary_line(result))
    if result.failures():
        lines.append(f"Run `pimlint rule {result.failures()[0].rule}` for details.")
    return "\n".join(one_line(line) for line in lines) + "\n"
