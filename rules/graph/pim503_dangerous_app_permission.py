"""A service principal holds a tier-0 Microsoft Graph application permission.

## What it checks
Every application permission (`appRoleAssignments`) a service principal holds on Microsoft Graph
whose app role id is in pimlint's tier-0 table (`pimlint/data/graph-app-permissions-tier0.csv`:
permissions that lead to Global Administrator or equivalent, such as
`RoleManagement.ReadWrite.Directory`, `AppRoleAssignment.ReadWrite.All`,
`Application.ReadWrite.All`, `UserAuthenticationMethod.ReadWrite.All`). One finding per service
principal and permission. Grants on another resource than Microsoft Graph are ignored.

## Example
The service principal `Deployer` holds `RoleManagement.ReadWrite.Directory` on Microsoft Graph: it
can assign itself Global Administrator without any PIM control. PIM503 fails for `Deployer`.
"""

from __future__ import annotations

from collections.abc import Iterator

from pimlint.engine import Finding, RuleContext, Severity, rule
from pimlint.graph.build import node


@rule(
    id="PIM503",
    name="dangerous-app-permission",
    title="No service principal holds a tier-0 Microsoft Graph application permission",
    severity=Severity.CRITICAL,
    category="graph",
    requires=("servicePrincipals",),
    rationale=(
        "An application permission works without a signed-in user, without MFA, without PIM activation and "
        "around Conditional Access for users: whoever holds a credential of the service principal (its owners, "
        "application administrators, a leaked secret) holds tier 0."
    ),
    remediation=(
        "Remove the permission or replace it with a narrower one (Entra admin center > Enterprise applications > "
        "the app > Permissions > Review permissions; Graph DELETE "
        "/servicePrincipals/{id}/appRoleAssignments/{assignment-id}). If it is needed, remove all owners, "
        "use certificate or federated credentials only, and restrict the app with Conditional Access for "
        "workload identities. PowerShell: Remove-MgServicePrincipalAppRoleAssignment."
    ),
    references=(
        "https://learn.microsoft.com/graph/permissions-reference",
        "https://learn.microsoft.com/entra/identity/enterprise-apps/overview-assign-app-owners",
        "MITRE ATT&CK T1098.003 Account Manipulation: Additional Cloud Roles",
        "MITRE ATT&CK T1528 Steal Application Access Token",
        "CISA SCuBA MS.AAD.5.1v1",
    ),
    tags=("graph", "workload-identities"),
)
def check(ctx: RuleContext) -> Iterator[Finding]:
    """Fail each (service principal, tier-0 Graph permission) pair."""
    g = ctx.graph.graph
    for sp_id in sorted(ctx.tenant.service_principals):
        key = node("servicePrincipal", sp_id)
        grants = sorted(d["permission"] for _, _, d in g.out_edges(key, data=True) if d["kind"] == "app_role") \
            if key in g else []
        for permission in grants:
            res = ctx.resource(principal_id=sp_id, detail=permission)
            yield ctx.fail(res, f"service principal {res.principal} holds {permission} on Microsoft Graph",
                           expected="no tier-0 Microsoft Graph application permission", actual=permission,
                           evidence=[f"appRoleAssignments of {res.principal}: {permission}"])
