"""Disabled or inactive account holding a privileged role.

## What it checks
Every user who holds a privileged role (break-glass accounts excepted: PIM403/PIM404 judge them)
fails when the account is disabled, or when its newest successful sign-in
(`signInActivity.lastSuccessfulSignInDateTime` or a `signIns` record) is older than `stale-days`
(90) before the as-of date — or it never signed in and was created before that. A user without
sign-in data in the export is `not_evaluated`.

## Example
An eligible Privileged Role Administrator last seen 200 days before the export fails; a disabled
Exchange Administrator fails; an admin who signed in last week passes.
"""

from __future__ import annotations

from collections.abc import Iterator

from pimlint.engine import Finding, RuleContext, Severity, rule
from pimlint.queries import last_successful_sign_in


@rule(
    id="PIM110",
    name="inactive-privileged-principal",
    title="Privileged roles are held only by enabled accounts in active use",
    severity=Severity.MEDIUM,
    category="standing-access",
    requires=("users",),
    options={"stale-days": 90},
    rationale=(
        "Unused privileged accounts are nobody's daily concern: their owner left or changed job, nobody "
        "notices a password spray or a new MFA method on them. Microsoft's PIM alert 'Potential stale "
        "accounts in a privileged role' exists for this reason; disabled holders are leftovers to clean up."
    ),
    remediation=(
        "Remove the role from accounts unused for 90 days (PIM > Microsoft Entra roles > Assignments) and "
        "from disabled accounts, then delete or keep them disabled. Check Entra admin center > Users > "
        "Sign-in logs before removal."
    ),
    references=(
        "https://learn.microsoft.com/entra/id-governance/privileged-identity-management/pim-how-to-configure-security-alerts",
        "NIST SP 800-53 AC-2(3)",
        "NIST CSF 2.0 PR.AA-01",
        "MITRE ATT&CK T1078",
    ),
)
def check(ctx: RuleContext) -> Iterator[Finding]:
    """Fail each disabled or stale privileged user."""
    days = int(ctx.option("stale-days"))
    for user_id in ctx.privileged_user_ids():
        user = ctx.user(user_id)
        if user is None or user_id in ctx.break_glass.user_ids:
            continue
        res = ctx.resource(principal_id=user_id)
        if user.account_enabled is False:
            yield ctx.fail(res, f"{user.label} holds a privileged role but is disabled",
                           expected="an enabled account (or the role removed)", actual="accountEnabled false")
            continue
        last, known = last_successful_sign_in(ctx, user)
        if not known or ctx.as_of is None:
            yield ctx.not_evaluated(f"{user.label}: no sign-in data or reference time in the export", res)
            continue
        seen = last or user.created
        if seen is not None and (ctx.as_of - seen).days <= days:
            yield ctx.passed(res, f"{user.label} is in use")
            continue
        actual = f"last successful sign-in {last.date().isoformat()}" if last else "never signed in"
        yield ctx.fail(res, f"{user.label} holds a privileged role but has not signed in for over {days} days",
                       expected=f"a successful sign-in within {days} days", actual=actual)
