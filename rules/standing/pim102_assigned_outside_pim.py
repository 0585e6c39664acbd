"""Privileged role assigned outside PIM.

## What it checks
Every active assignment of a privileged role (or of the roles in `roles`) must have been made
through PIM: a `roleAssignments` row with no matching `roleAssignmentScheduleInstances` row, or a
schedule instance whose `startDateTime` is null, is a direct assignment that bypassed PIM's
settings (no expiry, no justification, no notification). Rows Graph lists for a group's members
(`memberType` Group) are judged through the group's own assignment. Break-glass accounts are not
exempt: assign them through PIM as permanent active assignments.

## Example
A user who is Privileged Role Administrator through `roleAssignments` only fails; the same
assignment present as a schedule instance with a start date passes.
"""

from __future__ import annotations

from collections.abc import Iterator

from pimlint.engine import Finding, RuleContext, Severity, rule
from pimlint.queries import SCUBA_ROLES, option_roles


@rule(
    id="PIM102",
    name="assigned-outside-pim",
    title="Privileged roles are assigned only through PIM",
    severity=Severity.HIGH,
    category="standing-access",
    requires=("roleAssignmentScheduleInstances",),
    options={"roles": []},
    profiles={"scuba": {"roles": list(SCUBA_ROLES)}},
    rationale=(
        "An assignment made directly in the directory (or by a script calling the legacy role APIs) skips every "
        "PIM control: it has no expiry, was not justified, raised no notification and will not show up where "
        "PIM assignments are reviewed. Microsoft raises the PIM alert 'Roles are being assigned outside of PIM' "
        "for exactly this."
    ),
    remediation=(
        "PIM > Microsoft Entra roles > Assignments: find the assignment (it shows no start or end), remove it "
        "and re-create it through PIM as an eligible (or, for break-glass accounts, permanent active) "
        "assignment. Graph: POST /roleManagement/directory/roleEligibilityScheduleRequests (adminAssign), then "
        "DELETE /roleManagement/directory/roleAssignments/{id}. PowerShell: "
        "Remove-MgRoleManagementDirectoryRoleAssignment."
    ),
    references=(
        "https://learn.microsoft.com/entra/id-governance/privileged-identity-management/pim-how-to-configure-security-alerts",
        "CISA SCuBA MS.AAD.7.5v1",
        "NIST SP 800-53 AC-2(1)",
        "NIST CSF 2.0 PR.AA-05",
        "MITRE ATT&CK T1098.003",
    ),
    tags=("scuba",),
)
def check(ctx: RuleContext) -> Iterator[Finding]:
    """Fail each active privileged assignment without a PIM schedule."""
    roles = option_roles(ctx, ctx.roles.privileged)
    for a in ctx.tenant.active_assignments:
        if a.role_id not in roles:
            continue
        if a.member_type == "group" and ctx.tenant.principal_kind(a.principal_id) == "user":
            continue
        res = ctx.resource(principal_id=a.principal_id, role_id=a.role_id, scope=a.scope)
        if a.from_schedule is False:
            actual = "a roleAssignments row with no schedule instance"
        elif a.source == "roleAssignmentScheduleInstances" and a.start is None:
            actual = "a schedule instance with startDateTime null"
        else:
            yield ctx.passed(res, f"{res.role} of {res.principal} is managed by PIM")
            continue
        yield ctx.fail(
            res,
            f"{res.role} was assigned to {res.principal} outside PIM",
            expected="an assignment made through PIM (a schedule with a start date)",
            actual=actual,
            evidence=[f"assignment {a.id or '(no id)'} from {a.source}"],
        )
