"""Number of users holding Global Administrator.

## What it checks
Counts the distinct users who hold Global Administrator in any way — active or eligible,
directly, through a role-assignable group (nested groups followed) or through PIM for Groups —
break-glass accounts included, and compares the count with `[min, max]`. The count cannot be
trusted when a holder cannot be resolved because the export lacks `users` or `groups`: the rule
then reports `not_evaluated`.

## Example
Six users eligible for Global Administrator fail with the default maximum of 4 (high); a single
Global Administrator fails the minimum of 2 (medium). Under `--profile scuba` the range is 2..8.
"""

from __future__ import annotations

from collections.abc import Iterator

from pimlint.engine import Finding, RuleContext, Severity, rule
from pimlint.roleclasses import GLOBAL_ADMIN


@rule(
    id="PIM103",
    name="global-admin-count",
    title="Between 2 and 4 users hold Global Administrator",
    severity=Severity.HIGH,
    category="standing-access",
    requires=("roleAssignmentScheduleInstances", "roleEligibilityScheduleInstances"),
    options={"min": 2, "max": 4},
    profiles={"scuba": {"min": 2, "max": 8}},
    rationale=(
        "Every Global Administrator can take over the whole tenant, so each one is an attack target; too many "
        "multiplies the attack surface and dilutes accountability. Fewer than two leaves no second person to "
        "recover the tenant when one account is lost or locked out."
    ),
    remediation=(
        "Review who holds Global Administrator (Entra admin center > Roles and administrators > Global "
        "Administrator, including eligible assignments and groups). Move day-to-day tasks to least-privileged "
        "roles (User Administrator, Exchange Administrator, ...) and remove the Global Administrator "
        "eligibility or assignment; keep two to four, break-glass accounts included. Graph: DELETE the "
        "eligibility with a roleEligibilityScheduleRequest (action adminRemove)."
    ),
    references=(
        "https://learn.microsoft.com/entra/identity/role-based-access-control/best-practices",
        "CIS Microsoft 365 v7 1.1.3",
        "CISA SCuBA MS.AAD.7.1v1",
        "NIST SP 800-53 AC-6(5)",
        "NIST CSF 2.0 PR.AA-05",
    ),
    tags=("scuba", "cis-m365"),
)
def check(ctx: RuleContext) -> Iterator[Finding]:
    """Fail when the number of Global Administrators is outside the configured range."""
    holdings = ctx.graph.by_role.get(GLOBAL_ADMIN, ())
    unresolved = sorted({h.principal_id for h in holdings if h.principal_kind in ("group", "unknown")
                         and not ctx.tenant.has("groups", "users")})
    if unresolved:
        yield ctx.not_evaluated(
            f"{len(unresolved)} Global Administrator holder(s) cannot be resolved to users: "
            "the export lacks the 'users' or 'groups' section"
        )
        return
    users = ctx.graph.holders(GLOBAL_ADMIN)
    low, high = int(ctx.option("min")), int(ctx.option("max"))
    res = ctx.resource(role_id=GLOBAL_ADMIN)
    evidence = sorted(ctx.tenant.principal_label(u) for u in users)
    expected = f"{low} to {high} users"
    actual = f"{len(users)} user{'s' if len(users) != 1 else ''}"
    if len(users) > high:
        yield ctx.fail(res, f"{len(users)} users hold Global Administrator (at most {high} recommended)",
                       severity=Severity.HIGH, expected=expected, actual=actual, evidence=evidence)
    elif len(users) < low:
        yield ctx.fail(res, f"only {len(users)} user(s) hold Global Administrator (at least {low} recommended)",
                       severity=Severity.MEDIUM, expected=expected, actual=actual, evidence=evidence)
    else:
        yield ctx.passed(res, f"{len(users)} users hold Global Administrator", evidence=evidence)
