"""Break-glass account not tested recently.

## What it checks
For each declared break-glass account found in the export: the newest *successful* sign-in —
`signInActivity.lastSuccessfulSignInDateTime` or a `signIns` record with `status.errorCode` 0 —
must lie within `test-days` (90) before the as-of date. No break-glass declared, no as-of date, or
no sign-in data for the account (no `signInActivity` and no `signIns` section) is
`not_evaluated`: silence is not proof of a test.

## Example
A break-glass account whose last successful sign-in was 200 days before `exportedAt` fails; one
tested 20 days before passes.
"""

from __future__ import annotations

from collections.abc import Iterator

from pimlint.engine import Finding, RuleContext, Severity, rule
from pimlint.model import User
from pimlint.queries import last_successful_sign_in
from pimlint.rulekit import break_glass_findings


@rule(
    id="PIM403",
    name="break-glass-untested",
    title="Every break-glass account signed in successfully within the test interval (default 90 days)",
    severity=Severity.HIGH,
    category="break-glass",
    requires=("users",),
    options={"test-days": 90},
    rationale=(
        "An emergency account that has not been used in months may have an expired or lost credential, a "
        "broken FIDO2 key or a Conditional Access policy that now blocks it — discovered only during the "
        "emergency. Regular test sign-ins (and the alert they raise) prove the recovery path works."
    ),
    remediation=(
        "Sign in with each break-glass account at least every 90 days (and after changes to Conditional "
        "Access or authentication methods), following the documented procedure; verify the monitoring alert "
        "fires. Export signInActivity (AuditLog.Read.All) or sign-in logs so pimlint can see the test."
    ),
    references=(
        "https://learn.microsoft.com/entra/identity/role-based-access-control/security-emergency-access",
        "NIST SP 800-53 CP-4",
        "NIST CSF 2.0 RC.RP-01",
    ),
)
def check(ctx: RuleContext) -> Iterator[Finding]:
    """Fail each break-glass account without a recent successful sign-in."""
    as_of = ctx.as_of
    if as_of is None and ctx.break_glass.user_ids:  # with no account, break_glass_findings says so first
        yield ctx.not_evaluated("the export has no reference time (manifest exportedAt or --as-of)")
        return

    def judge(user: User) -> Iterator[Finding]:
        days = int(ctx.option("test-days"))
        res = ctx.resource(principal_id=user.id)
        last, known = last_successful_sign_in(ctx, user)
        if not known:
            yield ctx.not_evaluated(f"{user.label}: no sign-in data (signInActivity or signIns) in the export", res)
            return
        if last is not None and (as_of - last).days <= days:
            yield ctx.passed(res, f"{user.label} last signed in successfully on {last.date().isoformat()}")
            return
        actual = "never" if last is None else f"{last.date().isoformat()} ({(as_of - last).days} days before as-of)"
        yield ctx.fail(
            res,
            f"break-glass account {user.label} has no successful sign-in in the last {days} days",
            expected=f"a successful sign-in within {days} days",
            actual=f"last successful sign-in: {actual}",
        )

    yield from break_glass_findings(ctx, judge)
