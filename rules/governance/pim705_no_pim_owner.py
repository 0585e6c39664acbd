"""Nobody but Global Administrators can manage PIM.

## What it checks
Counts the users who hold Privileged Role Administrator (active or eligible, directly or through
groups) but not Global Administrator. None means PIM settings, assignments and approvals are
administered only with the tenant's most powerful role.

## Example
Only Global Administrators and no Privileged Role Administrator fails; one eligible Privileged
Role Administrator who is not Global Administrator passes.
"""

from __future__ import annotations

from collections.abc import Iterator

from pimlint.engine import Finding, RuleContext, Severity, rule
from pimlint.roleclasses import GLOBAL_ADMIN, PRIVILEGED_ROLE_ADMIN


@rule(
    id="PIM705",
    name="no-pim-owner",
    title="Someone other than the Global Administrators administers PIM",
    severity=Severity.LOW,
    category="governance",
    requires=("roleAssignmentScheduleInstances", "roleEligibilityScheduleInstances"),
    rationale=(
        "PIM is run day to day — settings, assignments, access reviews. When only Global Administrators can "
        "do it, they activate tenant-wide power for routine role management, or PIM is left untended. A "
        "dedicated Privileged Role Administrator is the least-privileged owner."
    ),
    remediation=(
        "Make the PIM owner (e.g. the identity team lead's admin account) eligible for Privileged Role "
        "Administrator in PIM, with approval, and use it instead of Global Administrator for PIM work."
    ),
    references=(
        "https://learn.microsoft.com/entra/id-governance/privileged-identity-management/pim-deployment-plan",
        "NIST SP 800-53 AC-5",
        "NIST CSF 2.0 GV.RR-02",
    ),
)
def check(ctx: RuleContext) -> Iterator[Finding]:
    """Fail when every Privileged Role Administrator is also Global Administrator."""
    owners = sorted(set(ctx.graph.holders(PRIVILEGED_ROLE_ADMIN)) - set(ctx.graph.holders(GLOBAL_ADMIN)))
    res = ctx.resource(role_id=PRIVILEGED_ROLE_ADMIN)
    if owners:
        yield ctx.passed(res, f"{len(owners)} Privileged Role Administrator(s) besides the Global Administrators",
                         evidence=[ctx.tenant.principal_label(o) for o in owners])
    else:
        yield ctx.fail(res, "no user holds Privileged Role Administrator apart from Global Administrators",
                       expected="at least one Privileged Role Administrator who is not Global Administrator",
                       actual="none")
