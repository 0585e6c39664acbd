"""Standing (permanent active) assignment of a privileged role.

## What it checks
Every active directory-role assignment of a privileged role held by a user or a group (or by a
principal the export does not resolve) that is admin-assigned (`assignmentType` Assigned, or a
`roleAssignments` row without a PIM schedule) and has no end date. Rows that Graph lists for a
group's members (`memberType` Group) are judged through the group's own assignment. Declared
break-glass accounts holding Global Administrator are exempt, and so is every principal (object id or
UPN) listed in `exempt-principals` (SCuBA's `RoleExclusions`). Service principals are PIM108's.

## Example
A `roleAssignmentScheduleInstances` row for Global Administrator with `assignmentType: Assigned`,
`endDateTime: null` and a user as principal fails; the same user made eligible passes.
"""

from __future__ import annotations

from collections.abc import Iterator

from pimlint.engine import Finding, RuleContext, Severity, rule
from pimlint.roleclasses import GLOBAL_ADMIN


@rule(
    id="PIM101",
    name="standing-privileged-access",
    title="No user or group holds a privileged role through a permanent active assignment",
    severity=Severity.CRITICAL,
    category="standing-access",
    requires=("roleAssignmentScheduleInstances",),
    rationale=(
        "A permanently active privileged role is always usable: a phished password or stolen token of that "
        "account is immediately tenant-wide power, with no activation step, no MFA at activation, no approval "
        "and no activation audit trail. PIM exists to replace exactly this with just-in-time eligibility."
    ),
    remediation=(
        "Entra admin center > Identity Governance > Privileged Identity Management > Microsoft Entra roles > "
        "Assignments > Active assignments: for the role, select the principal and choose Update to make the "
        "assignment eligible (or time-bound), or Remove it and add an eligible assignment. Graph: POST "
        "/roleManagement/directory/roleEligibilityScheduleRequests with action adminAssign, then POST "
        "/roleManagement/directory/roleAssignmentScheduleRequests with action adminRemove for the active one. "
        "PowerShell: New-MgRoleManagementDirectoryRoleEligibilityScheduleRequest / "
        "New-MgRoleManagementDirectoryRoleAssignmentScheduleRequest -Action adminRemove."
    ),
    references=(
        "https://learn.microsoft.com/entra/id-governance/privileged-identity-management/pim-deployment-plan",
        "CISA SCuBA MS.AAD.7.4v1",
        "CIS Microsoft 365 v7 5.3.1",
        "NIST SP 800-53 AC-2(7), AC-6(5)",
        "NIST CSF 2.0 PR.AA-05",
        "MITRE ATT&CK T1078.004",
    ),
    options={"exempt-principals": []},
    tags=("scuba", "cis-m365"),
)
def check(ctx: RuleContext) -> Iterator[Finding]:
    """Fail each standing assignment of a privileged role to a user or group."""
    exempt = {str(p).strip().lower() for p in ctx.option("exempt-principals")}
    for a in ctx.tenant.active_assignments:
        if not a.is_standing or not ctx.roles.is_privileged(a.role_id):
            continue
        kind = ctx.tenant.principal_kind(a.principal_id)
        if kind == "servicePrincipal" or (a.member_type == "group" and kind == "user"):
            continue
        if a.role_id == GLOBAL_ADMIN and a.principal_id in ctx.break_glass.user_ids:
            continue
        user = ctx.user(a.principal_id)
        if a.principal_id in exempt or (user is not None and (user.upn or "").lower() in exempt):
            continue
        res = ctx.resource(principal_id=a.principal_id, role_id=a.role_id, scope=a.scope)
        who = f"group {res.principal}" if kind == "group" else (res.principal or a.principal_id)
        evidence = [f"assignment {a.id or '(no id)'} from {a.source}"]
        if kind == "group":
            members = {
                h.principal_id
                for h in ctx.graph.by_role.get(a.role_id, ())
                if h.principal_kind == "user" and h.standing and a.principal_id in h.via_groups
            }
            evidence.append(f"{len(members)} user(s) hold it standing through the group")
        origin = "outside PIM" if a.from_schedule is False else "in PIM"
        yield ctx.fail(
            res,
            f"{res.role} is permanently active for {who}",
            severity=Severity.CRITICAL if ctx.roles.is_critical(a.role_id) else Severity.HIGH,
            expected="eligible (just-in-time) or time-bound assignment",
            actual=f"permanent active assignment made {origin}",
            evidence=evidence,
        )
