"""Break-glass account without permanent active Global Administrator.

## What it checks
Each declared break-glass account found in the export must hold Global Administrator standing:
active and without end, directly or through a group (an eligibility needs PIM, MFA and perhaps
approval — exactly what may be broken in an emergency). No break-glass declared is
`not_evaluated`.

## Example
`bg-01` with a permanent active Global Administrator assignment passes; `bg-02` only eligible
for it fails.
"""

from __future__ import annotations

from collections.abc import Iterator

from pimlint.engine import Finding, RuleContext, Severity, rule
from pimlint.model import User
from pimlint.roleclasses import GLOBAL_ADMIN
from pimlint.rulekit import break_glass_findings


@rule(
    id="PIM402",
    name="break-glass-not-permanent-ga",
    title="Every break-glass account holds Global Administrator permanently and actively",
    severity=Severity.HIGH,
    category="break-glass",
    requires=("roleAssignmentScheduleInstances",),
    rationale=(
        "Emergency access must work when PIM, MFA providers or approvers do not. An account that first has to "
        "activate Global Administrator depends on the very services that may be failing, and one whose "
        "assignment expires stops working on a date nobody remembers."
    ),
    remediation=(
        "PIM > Microsoft Entra roles > Global Administrator > Add assignments: select the break-glass account, "
        "assignment type Active, tick 'Permanently assigned'. Graph: POST "
        "/roleManagement/directory/roleAssignmentScheduleRequests with action adminAssign and "
        "scheduleInfo.expiration.type noExpiration."
    ),
    references=(
        "https://learn.microsoft.com/entra/identity/role-based-access-control/security-emergency-access",
        "CIS Microsoft 365 v7 1.1.2",
        "NIST SP 800-53 CP-2",
        "NIST CSF 2.0 RC.RP-01",
    ),
)
def check(ctx: RuleContext) -> Iterator[Finding]:
    """Fail each break-glass account without standing Global Administrator."""

    def judge(user: User) -> Iterator[Finding]:
        res = ctx.resource(principal_id=user.id, role_id=GLOBAL_ADMIN)
        held = [h for h in ctx.graph.by_principal.get(user.id, ()) if h.role_id == GLOBAL_ADMIN]
        if any(h.standing for h in held):
            yield ctx.passed(res, f"{res.principal} holds Global Administrator permanently")
            return
        actual = ("eligible or time-bound only" if held else "no Global Administrator assignment")
        yield ctx.fail(res, f"break-glass account {res.principal} does not hold Global Administrator permanently",
                       expected="permanent active Global Administrator assignment", actual=actual)

    yield from break_glass_findings(ctx, judge)
