"""A group that carries privileged access has nested groups.

## What it checks
Every group on a holding path of a privileged role whose direct members (static `members`, or
PIM-for-Groups members and owners) include another group. Nesting hides who holds the role: the
inner group's owners and membership managers decide, and reviews of the outer group miss them.

## Example
`inner` (3 members) is a member of `GA-Eligible`, which is eligible for Global Administrator:
PIM504 fails for `GA-Eligible`.
"""

from __future__ import annotations

from collections.abc import Iterator

from pimlint.engine import Finding, RuleContext, Severity, rule


@rule(
    id="PIM504",
    name="nested-privileged-group",
    title="No group that carries privileged access has nested groups",
    severity=Severity.MEDIUM,
    category="graph",
    requires=("groups",),
    rationale=(
        "Nested groups make privileged access transitive and invisible: the people holding the role are decided "
        "by the inner group's owners and managers, access reviews of the outer group do not show them, and "
        "role-assignable protection stops at the first hop."
    ),
    remediation=(
        "Replace the nested group by its members (or by PIM-for-Groups eligibilities of those people) in the "
        "privileged group: Entra admin center > Groups > the group > Members > Remove; Graph DELETE "
        "/groups/{id}/members/{nested-id}/$ref. PowerShell: Remove-MgGroupMemberDirectoryObjectByRef."
    ),
    references=(
        "https://learn.microsoft.com/entra/identity/role-based-access-control/groups-concept",
        "https://learn.microsoft.com/entra/fundamentals/how-to-manage-groups",
        "MITRE ATT&CK T1069.003 Permission Groups Discovery: Cloud Groups",
        "NIST SP 800-53 AC-2",
    ),
    tags=("graph",),
)
def check(ctx: RuleContext) -> Iterator[Finding]:
    """Fail each privileged group with a group among its direct or PIM members."""
    carrying: dict[str, set[str]] = {}
    for h in ctx.graph.holdings:
        if ctx.roles.is_privileged(h.role_id):
            for group_id in (*h.via_groups, *([h.principal_id] if h.principal_kind == "group" else [])):
                carrying.setdefault(group_id, set()).add(h.role_id)
    pim: dict[str, set[str]] = {}
    for ga in ctx.tenant.group_assignments:
        pim.setdefault(ga.group_id, set()).add(ga.principal_id)
    for group_id in sorted(carrying):
        group = ctx.tenant.groups.get(group_id)
        members = set(group.member_ids if group else ()) | pim.get(group_id, set())
        nested = sorted(ctx.tenant.principal_label(m) for m in members if m in ctx.tenant.groups)
        res = ctx.resource(principal_id=group_id)
        roles = ", ".join(sorted(ctx.roles.name(r) for r in carrying[group_id]))
        if nested:
            yield ctx.fail(res, f"group {res.principal} ({roles}) has nested group(s): {', '.join(nested)}",
                           expected="only users (or service principals) as members", actual=f"{len(nested)} nested",
                           evidence=[f"nested: {n}" for n in nested])
        else:
            yield ctx.passed(res, f"group {res.principal} has no nested groups")
