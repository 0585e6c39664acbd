"""A privileged role is reachable through PIM for Groups under a weaker policy than the role's own.

## What it checks
For every privileged role held through PIM for Groups (a principal is an active or eligible member
or owner of a group that holds the role, nested groups followed), the effective policy of the path
is the weakest of the role's own policy and the member/owner policies of the groups along it. The
path fails when a group's policy drops a control the role's policy demands: MFA (or an
authentication context) on activation, approval, or a maximum activation no longer than the
role's. One finding per group, access (member or owner) and role.

## Example
Global Administrator requires approval, MFA and at most 2 hours; the role-assignable group
`GA-Eligible` holds it, and its PIM-for-Groups member policy asks for neither approval nor MFA and
allows 8 hours: PIM208 fails for (`GA-Eligible`, member, Global Administrator).
"""

from __future__ import annotations

from collections.abc import Iterator

from pimlint.engine import Finding, RuleContext, Severity, rule
from pimlint.model import RolePolicy
from pimlint.queries import policy_sections_present


def _controls(policy: RolePolicy) -> tuple[bool, bool, float | None]:
    """(MFA or auth context, approval, maximum activation hours) on activation."""
    enablement, context, approval = policy.activation_enablement, policy.activation_auth_context, policy.activation_approval
    mfa = bool(enablement and enablement.requires_mfa) or bool(context and context.is_enabled)
    expiration = policy.activation_expiration
    hours = expiration.maximum_duration.total_seconds() / 3600 if expiration and expiration.maximum_duration else None
    return mfa, bool(approval and approval.is_approval_required), hours


def weaknesses(role: RolePolicy, group: RolePolicy) -> list[str]:
    """What the group's policy drops of the role's."""
    role_mfa, role_approval, role_hours = _controls(role)
    group_mfa, group_approval, group_hours = _controls(group)
    out = []
    if role_mfa and not group_mfa:
        out.append("no MFA on activation")
    if role_approval and not group_approval:
        out.append("no approval")
    if role_hours is not None and (group_hours is None or group_hours > role_hours):
        allowed = "unlimited" if group_hours is None else f"{group_hours:g} h"
        out.append(f"activation up to {allowed} instead of {role_hours:g} h")
    return out


@rule(
    id="PIM208",
    name="weaker-group-path",
    title="PIM for Groups paths to a privileged role are at least as strict as the role's own policy",
    severity=Severity.HIGH,
    category="activation-controls",
    requires=("privilegedAccessGroupEligibilityScheduleInstances",),
    rationale=(
        "When a group holds the role, activating the group membership is activating the role. A member policy "
        "without MFA or approval, or with a longer duration, silently replaces the controls set on the role "
        "itself: the role's settings look right and protect nothing."
    ),
    remediation=(
        "Align the group's member and owner settings with the role's: PIM > Groups > the group > Settings > "
        "Member (and Owner) > Edit: require MFA or the same authentication context, approval with the same "
        "approvers, and the same maximum duration. Graph: PATCH "
        "/policies/roleManagementPolicies/{group-policy-id}/rules/{rule-id}. PowerShell: "
        "Update-MgPolicyRoleManagementPolicyRule."
    ),
    references=(
        "https://learn.microsoft.com/entra/id-governance/privileged-identity-management/groups-role-settings",
        "https://learn.microsoft.com/entra/id-governance/privileged-identity-management/concept-pim-for-groups",
        "MITRE ATT&CK T1078.004 Valid Accounts: Cloud Accounts",
        "NIST SP 800-53 AC-6(2)",
    ),
    tags=("graph",),
)
def check(ctx: RuleContext) -> Iterator[Finding]:
    """Fail each (group, access, privileged role) whose group policy is weaker than the role's."""
    if not policy_sections_present(ctx):
        yield ctx.not_evaluated("missing section(s): roleManagementPolicies, roleManagementPolicyAssignments")
        return
    reached: dict[tuple[str, str, str], set[str]] = {}
    for h in ctx.graph.holdings:
        if not ctx.roles.is_privileged(h.role_id):
            continue
        for hop in h.hops:
            if hop.kind in ("pim_member", "pim_owner"):
                key = (hop.target.split(":", 1)[1], hop.kind[4:], h.role_id)
                reached.setdefault(key, set()).add(h.principal_id)
    for group_id, access, role_id in sorted(reached):
        res = ctx.resource(principal_id=group_id, role_id=role_id, detail=access)
        role_policy, group_policy = ctx.tenant.role_policy(role_id), ctx.tenant.group_policy(group_id, access)
        if role_policy is None or group_policy is None:
            missing = "role" if role_policy is None else f"group {access}"
            yield ctx.not_evaluated(f"the {missing} policy of {res.principal} → {res.role} is not in the export", res)
            continue
        weak = weaknesses(role_policy, group_policy)
        who = len(reached[(group_id, access, role_id)])
        if not weak:
            yield ctx.passed(res, f"PIM group {res.principal} ({access}) is as strict as {res.role}")
            continue
        yield ctx.fail(res, f"{who} principal(s) reach {res.role} as {access} of {res.principal} with {', '.join(weak)}",
                       expected=f"the {access} policy at least as strict as {res.role}'s",
                       actual="; ".join(weak),
                       evidence=[f"role policy {role_policy.id}", f"group {access} policy {group_policy.id}"])
