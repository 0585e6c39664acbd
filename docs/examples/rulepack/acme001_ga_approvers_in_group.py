"""Approvers of Global Administrator activations belong to the approved approver group.

## What it checks
Every approver of the Global Administrator PIM policy (users, and the members of approver groups)
must be a member of the group named by the `group` option (display name or object id), nested
groups followed. The rule is the worked example of docs/custom-rules.md.

## Example
With `group = "PIM-Approvers"`, a policy approved by `approver-1` and `approver-2`, both members of
PIM-Approvers, passes; adding `carol`, who is not a member, fails for carol.
"""

from __future__ import annotations

from collections.abc import Iterator

from pimlint.engine import Finding, RuleContext, Severity, rule
from pimlint.queries import usable_approvers
from pimlint.roleclasses import GLOBAL_ADMIN


@rule(
    id="ACME-001",
    name="ga-approvers-in-group",
    title="Global Administrator activations are approved only by members of the approver group",
    severity=Severity.MEDIUM,
    category="custom",
    requires=("roleManagementPolicies", "groups", "users"),
    options={"group": "PIM-Approvers"},
    rationale="Only vetted, trained approvers may approve tier-0 activations; the group is their register.",
    remediation="Remove the approver from the Global Administrator PIM policy, or vet them and add them to the group.",
    references=("https://learn.microsoft.com/entra/id-governance/privileged-identity-management/pim-how-to-change-default-settings",
                "Acme policy IAM-7"),
    tags=("acme",),
)
def check(ctx: RuleContext) -> Iterator[Finding]:
    """Fail each Global Administrator approver outside the approver group."""
    wanted = str(ctx.option("group")).lower()
    group = next((g for g in ctx.tenant.groups.values() if wanted in (g.id, (g.display_name or "").lower())), None)
    policy = ctx.tenant.role_policy(GLOBAL_ADMIN)
    if group is None or policy is None:
        yield ctx.not_evaluated(f"group {wanted!r} or the Global Administrator policy is not in the export")
        return
    members: set[str] = set()
    frontier = [group.id]
    while frontier:
        current = ctx.tenant.groups.get(frontier.pop())
        for member in current.member_ids if current else ():
            (frontier if member in ctx.tenant.groups else []).append(member)
            members.add(member)
    approvers, _, _ = usable_approvers(ctx, policy)
    for user_id in sorted(approvers):
        res = ctx.resource(principal_id=user_id, role_id=GLOBAL_ADMIN, policy_id=policy.id)
        if user_id in members:
            yield ctx.passed(res, f"{res.principal} is in {group.label}")
        else:
            yield ctx.fail(res, f"{res.principal} approves Global Administrator activations but is not in {group.label}",
                           expected=f"a member of {group.label}", actual="not a member")
