"""Break-glass account signed in.

## What it checks
Every sign-in record (`signIns`) of a declared break-glass account within the window — from the
first to the last PIM audit event, or the sign-ins' own span when no audit log was exported — is
reported for post-incident review, one finding each (time, application, result). Each use must be
matched to an incident or a scheduled test. No break-glass account declared is `not_evaluated`.

## Example
`bg-01` signs in to the Azure Portal on Saturday night during the window: an info finding to
review. Test sign-ins outside the window, or none, pass.
"""

from __future__ import annotations

from collections.abc import Iterator

from pimlint.engine import Finding, RuleContext, Severity, rule
from pimlint.model import User
from pimlint.operations.window import data_window
from pimlint.rulekit import break_glass_findings


@rule(
    id="PIM806",
    name="break-glass-used",
    title="Every break-glass sign-in in the window is reviewed",
    severity=Severity.INFO,
    category="operations",
    requires=("signIns",),
    rationale=(
        "Emergency accounts bypass most controls, so every use must be explained: an incident, a scheduled test, "
        "or an attacker. Microsoft recommends alerting on any break-glass sign-in; this rule lists them for the "
        "post-incident or weekly review."
    ),
    remediation=(
        "Match each listed sign-in to an incident ticket or a scheduled test; investigate any other use at once "
        "(revoke sessions, rotate the credential). Entra admin center → Monitoring & health → Sign-in logs "
        "(filter by user). Graph: GET /auditLogs/signIns?$filter=userId eq '{id}'. Set up an alert rule on "
        "break-glass sign-ins."
    ),
    references=(
        "https://learn.microsoft.com/entra/identity/role-based-access-control/security-emergency-access",
        "NIST SP 800-53 AC-2(12)",
        "NIST SP 800-53 IR-4",
    ),
    tags=("operations", "break-glass"),
)
def check(ctx: RuleContext) -> Iterator[Finding]:
    """One finding per break-glass sign-in inside the window."""
    window = data_window(ctx.tenant)

    def judge(user: User) -> Iterator[Finding]:
        user_id, label, upn = user.id, user.label, (user.upn or "").lower()
        used = [s for s in ctx.tenant.sign_ins
                if (s.user_id == user_id or (upn and (s.upn or "").lower() == upn))
                and window is not None and window.contains(s.created)]
        for s in used:
            outcome = "success" if s.succeeded else f"failure (error {s.error_code})"
            line = f"{s.created:%Y-%m-%d %H:%M} UTC · {s.app_display_name or s.app_id or 'unknown app'} · {outcome}"
            yield ctx.fail(
                ctx.resource(principal_id=user_id, detail=s.id or s.created.isoformat()),
                f"break-glass account {label} signed in on {s.created:%Y-%m-%d %H:%M} UTC: review it",
                expected="each break-glass sign-in matched to an incident or a scheduled test",
                actual=line,
                evidence=[line, f"window {window.describe()}" if window else "no window"],
            )
        if not used:
            span = window.describe() if window else "no audit or sign-in events"
            yield ctx.passed(ctx.resource(principal_id=user_id), f"no sign-in of {label} in the window ({span})")

    yield from break_glass_findings(ctx, judge)
