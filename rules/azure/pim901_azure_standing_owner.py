"""Standing Owner-class access to Azure subscriptions, management groups or the root.

## What it checks
In every exported subscription (`azure/<subscription>/`): each active assignment of Owner, User
Access Administrator or Role Based Access Control Administrator (or a role in `roles`) to a user or
group at subscription, management-group or root (`/`) scope that is permanent — an admin-assigned
schedule instance without end, or a `roleAssignments` row with no schedule instance — fails:
critical at the root scope, high otherwise. Resource-group and resource scopes are out of scope.

## Example
A user with a permanent active Owner assignment on `/subscriptions/…` fails (high); the same user
eligible for Owner through PIM passes.
"""

from __future__ import annotations

from collections.abc import Iterator

from pimlint.engine import Finding, RuleContext, Severity, rule
from pimlint.queries import AZURE_OWNER_ROLES, azure_top_scope


@rule(
    id="PIM901",
    name="azure-standing-owner",
    title="No user or group holds Owner-class Azure roles permanently at subscription scope or above",
    severity=Severity.CRITICAL,
    category="azure",
    options={"roles": list(AZURE_OWNER_ROLES)},
    rationale=(
        "Owner, User Access Administrator and RBAC Administrator can grant themselves or anyone any Azure "
        "role, read secrets through role changes and delete the subscription. Held standing, a compromised "
        "account owns the workloads; at the root scope it owns every subscription in the tenant."
    ),
    remediation=(
        "Azure portal > Privileged Identity Management > Azure resources > the subscription > Assignments: "
        "convert active Owner/User Access Administrator assignments to eligible (Update > Eligible) and remove "
        "the plain RBAC assignment (Access control (IAM) > Role assignments > Remove). Root-scope assignments: "
        "`az role assignment delete --scope /`. ARM: PUT roleEligibilityScheduleRequests, DELETE "
        "roleAssignments/{id}."
    ),
    references=(
        "https://learn.microsoft.com/azure/role-based-access-control/best-practices",
        "CIS Microsoft Azure Foundations v6 5.3.3",
        "NIST SP 800-53 AC-6(5)",
        "NIST CSF 2.0 PR.AA-05",
        "MITRE ATT&CK T1078.004",
    ),
    tags=("azure",),
)
def check(ctx: RuleContext) -> Iterator[Finding]:
    """Fail each permanent active Owner-class assignment at subscription scope or above."""
    if not ctx.tenant.azure:
        yield ctx.not_evaluated("the export has no azure/<subscription>/ sections")
        return
    roles = {str(r).lower() for r in ctx.option("roles")}
    seen: set[tuple[str, str, str]] = set()
    for sub_id, sub in sorted(ctx.tenant.azure.items()):
        if not {"roleAssignments", "roleAssignmentScheduleInstances"} & sub.sections:
            yield ctx.not_evaluated(f"subscription {sub_id}: no role assignments exported",
                                    ctx.resource(scope=f"/subscriptions/{sub_id}"))
            continue
        scheduled = {(a.principal_id, a.role_id, a.scope) for a in sub.active_assignments}
        plain = [a for a in sub.role_assignments if (a.principal_id, a.role_id, a.scope) not in scheduled]
        for a in (*sub.active_assignments, *plain):
            key = (a.principal_id, a.role_id, a.scope)
            if (a.role_id not in roles or key in seen or not azure_top_scope(a.scope)
                    or (a.principal_type or "user") not in ("user", "group")):
                continue
            seen.add(key)
            res = ctx.resource(principal_id=a.principal_id, scope=a.scope, object_id=a.role_id,
                               object_label=sub.role_name(a.role_id), object_kind="azure role")
            if not a.is_permanent or a.assignment_type == "activated":
                yield ctx.passed(res, f"{res.principal}: {res.object} at {a.scope} is time-bound")
                continue
            yield ctx.fail(res, f"{res.principal} holds {res.object} permanently at {a.scope}",
                           severity=Severity.CRITICAL if a.scope == "/" else Severity.HIGH,
                           expected="eligible (PIM) or time-bound assignment",
                           actual=f"permanent active assignment ({a.source})")
