"""Service principal with standing privileged role.

## What it checks
Every active assignment of a privileged role to a service principal that has no end date
(admin-assigned or made outside PIM) fails: critical for the critical roles, high otherwise. A
principal is a service principal when the export's `servicePrincipals` section lists it.

## Example
An automation app's service principal permanently assigned Privileged Role Administrator fails
(critical); the same app assigned Exchange Administrator until a date passes.
"""

from __future__ import annotations

from collections.abc import Iterator

from pimlint.engine import Finding, RuleContext, Severity, rule


@rule(
    id="PIM108",
    name="service-principal-standing-privilege",
    title="No service principal holds a privileged role permanently",
    severity=Severity.CRITICAL,
    category="standing-access",
    requires=("roleAssignmentScheduleInstances", "servicePrincipals"),
    rationale=(
        "A service principal authenticates with a secret or certificate that lives in pipelines, scripts and "
        "key vaults, cannot do MFA and is rarely monitored. With a permanent privileged role, a leaked "
        "credential or a compromised app owner is tenant-wide power at any hour."
    ),
    remediation=(
        "Replace directory roles of apps with narrowly scoped Microsoft Graph application permissions or "
        "administrative-unit-scoped roles; where a role is unavoidable, give it an end date and review it. "
        "Remove the assignment: Entra admin center > Roles and administrators > role > Assignments, or Graph "
        "DELETE /roleManagement/directory/roleAssignments/{id}."
    ),
    references=(
        "https://learn.microsoft.com/entra/identity/role-based-access-control/security-planning",
        "CIS Microsoft 365 v7 5.3.1",
        "NIST SP 800-53 AC-6(5)",
        "NIST CSF 2.0 PR.AA-05",
        "MITRE ATT&CK T1098.001",
    ),
)
def check(ctx: RuleContext) -> Iterator[Finding]:
    """Fail each permanent active privileged assignment of a service principal."""
    for a in ctx.tenant.active_assignments:
        if a.principal_id not in ctx.tenant.service_principals or not ctx.roles.is_privileged(a.role_id):
            continue
        res = ctx.resource(principal_id=a.principal_id, role_id=a.role_id, scope=a.scope)
        if not a.is_standing:
            yield ctx.passed(res, f"{res.principal} holds {res.role} until {a.end.date() if a.end else '?'}")
            continue
        yield ctx.fail(
            res,
            f"service principal {res.principal} holds {res.role} permanently",
            severity=Severity.CRITICAL if ctx.roles.is_critical(a.role_id) else Severity.HIGH,
            expected="no directory role, or a time-bound assignment",
            actual="permanent active assignment",
            evidence=[f"assignment {a.id or '(no id)'} from {a.source}"],
        )
