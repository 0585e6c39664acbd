"""A group through which a privileged role is held is not role-assignable.

## What it checks
Every group on a holding path of a privileged role (a group that holds the role, or one nested into
such a group statically or through PIM for Groups) must be role-assignable (`isAssignableToRole`).
Only role-assignable groups are protected: their membership can be changed only by Privileged Role
Administrators, Global Administrators and the group's owners, and their members' credentials only by
Privileged Authentication Administrators. Any other group can be changed by Groups, User, Intune or
Knowledge Administrators, Directory Writers, and Graph apps with `Group.ReadWrite.All`.

## Example
`Helpdesk-Team` (a security group, not role-assignable) is an eligible member, through PIM for
Groups, of the role-assignable `GA-Eligible` group: PIM502 fails for `Helpdesk-Team`.
"""

from __future__ import annotations

from collections.abc import Iterator

from pimlint.engine import Finding, RuleContext, Severity, rule


@rule(
    id="PIM502",
    name="privileged-group-not-protected",
    title="Every group through which a privileged role is held is role-assignable",
    severity=Severity.HIGH,
    category="graph",
    requires=("groups",),
    rationale=(
        "A group that is not role-assignable is managed by a far larger set of administrators and applications "
        "than the role it leads to. Whoever can add members to it holds the privileged role by proxy."
    ),
    remediation=(
        "Create a role-assignable group (Entra admin center > Groups > New group, 'Microsoft Entra roles can be "
        "assigned to the group' = Yes; Graph POST /groups with isAssignableToRole true), move the members and the "
        "role or PIM-for-Groups assignment to it, then remove the unprotected group from the path. The flag "
        "cannot be changed on an existing group. PowerShell: New-MgGroup -IsAssignableToRole."
    ),
    references=(
        "https://learn.microsoft.com/entra/identity/role-based-access-control/groups-concept",
        "https://learn.microsoft.com/entra/id-governance/privileged-identity-management/concept-pim-for-groups",
        "MITRE ATT&CK T1098.007 Account Manipulation: Additional Local or Domain Groups",
        "NIST SP 800-53 AC-6(1)",
    ),
    tags=("graph",),
)
def check(ctx: RuleContext) -> Iterator[Finding]:
    """Fail each group on a privileged holding path that is not role-assignable."""
    paths: dict[str, set[str]] = {}
    for h in ctx.graph.holdings:
        if ctx.roles.is_privileged(h.role_id):
            for group_id in (*h.via_groups, *([h.principal_id] if h.principal_kind == "group" else [])):
                paths.setdefault(group_id, set()).add(h.role_id)
    for group_id in sorted(paths):
        group = ctx.tenant.groups.get(group_id)
        res = ctx.resource(principal_id=group_id)
        roles = ", ".join(sorted(ctx.roles.name(r) for r in paths[group_id]))
        if group is None:
            yield ctx.not_evaluated(f"group {group_id} (on the path to {roles}) is not in the export", res)
        elif group.is_assignable_to_role:
            yield ctx.passed(res, f"group {group.label} is role-assignable")
        else:
            yield ctx.fail(res, f"group {group.label} leads to {roles} but is not role-assignable",
                           expected="isAssignableToRole true", actual="isAssignableToRole false",
                           evidence=[f"privileged role(s) held through it: {roles}"])
