"""A principal that holds no critical role can obtain one through the privilege graph.

## What it checks
A backwards search from tier 0 (the critical roles at tenant scope, and the tenant itself, which a
tier-0 Microsoft Graph application permission controls) over every edge of the privilege graph:
group membership, ownership of groups, applications and service principals, PIM for Groups,
active and eligible roles, and the capabilities roles give: resetting a user's password
(Microsoft's who-can-reset matrix, honouring administrative-unit scope and restricted-management
units), managing a group's membership and adding credentials to an application (directly, or by
making someone its owner: Hybrid Identity Administrator, Partner Tier1/2) — for custom roles,
from the actions they allow (`…/users/password/update`, `…/groups/members/update`,
`…/applications/credentials/update`, …). Every user or
service principal that reaches tier 0 without holding a critical role fails, with its cheapest
path hop by hop (active hops cost 1, eligible 2, eligible with approval 4). Critical when the start
holds no privileged role at all, high otherwise. Approvers are not a path: PIM forbids
self-approval.

## Example
`helpdesk-hank` is eligible for Helpdesk Administrator; `dev-dora` holds no role and owns the app
`Deployer`, whose service principal holds `RoleManagement.ReadWrite.Directory`. Hank can reset
Dora's password, sign in as her, add a secret to `Deployer` and grant himself Global
Administrator: PIM501 fails for Hank (high, he holds a privileged role) and for Dora (critical).
"""

from __future__ import annotations

from collections.abc import Iterator

from pimlint.engine import Finding, RuleContext, Severity, rule
from pimlint.graph.explain import describe_path, hop_cost_word


@rule(
    id="PIM501",
    name="escalation-path",
    title="Nobody can reach a critical role except the principals that hold one",
    severity=Severity.CRITICAL,
    category="graph",
    requires=("roleEligibilityScheduleInstances",),
    rationale=(
        "Attackers do not need Global Administrator itself: owning the group or application that holds it, "
        "resetting the password of an eligible admin, or adding members to a privileged group gets them there. "
        "Each such path makes tier 0 as weak as its weakest hop, and the principals at its start are "
        "tier 0 in all but name."
    ),
    remediation=(
        "Break each hop the finding lists: remove owners from role-assignable groups and from applications and "
        "service principals that hold privileged roles or tier-0 Graph permissions (Entra admin center > Groups "
        "or Enterprise applications > Owners; Graph DELETE /groups/{id}/owners/{owner-id}/$ref); keep accounts "
        "that can be reset by helpdesk roles out of privileged paths, or put privileged accounts in a "
        "restricted-management administrative unit; scope helpdesk and user administration roles to "
        "administrative units. PowerShell: Remove-MgGroupOwnerDirectoryObjectByRef, "
        "Remove-MgServicePrincipalOwnerDirectoryObjectByRef."
    ),
    references=(
        "https://learn.microsoft.com/entra/identity/role-based-access-control/privileged-roles-permissions",
        "https://learn.microsoft.com/entra/identity/role-based-access-control/security-planning",
        "MITRE ATT&CK T1098 Account Manipulation",
        "MITRE ATT&CK T1078.004 Valid Accounts: Cloud Accounts",
        "NIST SP 800-53 AC-6",
    ),
    tags=("graph",),
)
def check(ctx: RuleContext) -> Iterator[Finding]:
    """Fail every user or service principal with a path to tier 0 that holds no critical role."""
    pg = ctx.graph
    tree = pg.search(pg.tier0_targets(ctx.roles.critical))
    for start in tree.reached(("user", "servicePrincipal")):
        principal_id = start.split(":", 1)[1]
        holdings = pg.by_principal.get(principal_id, ())
        if any(h.scope == "/" and ctx.roles.is_critical(h.role_id) for h in holdings):
            continue
        held = sorted({h.role_id for h in holdings})
        path = tree.path(start)
        if path is None or (len(path.hops) == 1 and path.hops[0].kind == "app_role"):
            continue  # holding a tier-0 permission itself is PIM503's
        end = pg.graph.nodes[path.end]
        role_id = end.get("role_id")
        what = ctx.roles.name(role_id) if role_id else f"tenant control ({path.hops[-1].detail})"
        privileged = [ctx.roles.name(r) for r in held if ctx.roles.is_privileged(r)]
        res = ctx.resource(principal_id=principal_id, role_id=role_id,
                           detail=None if role_id else f"permission:{path.hops[-1].detail}")
        yield ctx.fail(
            res,
            f"{res.principal} can obtain {what} in {len(path.hops)} hop(s) ({hop_cost_word(path)})",
            severity=Severity.HIGH if privileged else Severity.CRITICAL,
            expected="no path to a critical role from a principal that does not hold one",
            actual=f"path of cost {path.cost}" + (f"; already holds {', '.join(sorted(privileged))}" if privileged else ""),
            evidence=describe_path(pg.graph, path),
        )
