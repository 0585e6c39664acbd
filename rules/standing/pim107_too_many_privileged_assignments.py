"""Too many assignments of privileged roles.

## What it checks
Counts the active and eligible assignments of privileged roles (directory schedule instances; JIT
activations and rows Graph lists for a group's members are not counted twice) and fails when the
count exceeds `max` (10, Microsoft's RBAC best-practice threshold at which the portal warns).

## Example
Twelve eligible assignments of privileged roles fail; five pass. Assigning the role to one
role-assignable group counts once, however many members it has.
"""

from __future__ import annotations

from collections.abc import Iterator

from pimlint.engine import Finding, RuleContext, Severity, rule


@rule(
    id="PIM107",
    name="too-many-privileged-assignments",
    title="At most 10 assignments of privileged roles exist",
    severity=Severity.LOW,
    category="standing-access",
    requires=("roleAssignmentScheduleInstances", "roleEligibilityScheduleInstances"),
    options={"max": 10},
    rationale=(
        "Each privileged assignment is an account an attacker can target and an entry a reviewer must "
        "understand. Microsoft flags more than ten as a sign that least privilege has drifted; beyond that, "
        "reviews become rubber stamps."
    ),
    remediation=(
        "Review privileged assignments (Entra admin center > Roles and administrators, filter 'Privileged'), "
        "remove the ones no longer needed and move the rest to less privileged roles or to role-assignable "
        "groups managed with PIM for Groups."
    ),
    references=(
        "https://learn.microsoft.com/entra/identity/role-based-access-control/best-practices",
        "NIST SP 800-53 AC-6(7)",
        "NIST CSF 2.0 PR.AA-05",
    ),
)
def check(ctx: RuleContext) -> Iterator[Finding]:
    """Fail when privileged assignments exceed ``max``."""
    counted = [a for a in (*ctx.tenant.active_assignments, *ctx.tenant.eligible_assignments)
               if ctx.roles.is_privileged(a.role_id) and a.assignment_type != "activated" and a.member_type != "group"]
    limit = int(ctx.option("max"))
    per_role: dict[str, int] = {}
    for a in counted:
        per_role[ctx.roles.name(a.role_id)] = per_role.get(ctx.roles.name(a.role_id), 0) + 1
    evidence = [f"{name}: {n}" for name, n in sorted(per_role.items())]
    res = ctx.resource(detail="privileged-assignments")
    if len(counted) > limit:
        yield ctx.fail(res, f"{len(counted)} assignments of privileged roles (at most {limit} recommended)",
                       expected=f"at most {limit}", actual=str(len(counted)), evidence=evidence)
    else:
        yield ctx.passed(res, f"{len(counted)} assignments of privileged roles", evidence=evidence)
