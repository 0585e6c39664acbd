"""No usable standing Global Administrator, and activating GA or PRA needs an approval nobody can give.

## What it checks
A tenant is locked out of its own administration when nobody holds Global Administrator standing
(active, permanent) on an enabled account, and neither Global Administrator nor Privileged Role
Administrator can be activated: no enabled user is eligible for it, or its policy requires approval
and no usable approver exists (named approvers all disabled, missing or in empty groups; with no
approver named, Microsoft falls back to the active Global and Privileged Role Administrators).

## Example
Both break-glass accounts were converted to eligible, the only eligible Global Administrator needs
approval from two approvers, and both approvers' accounts are disabled: PIM505 fails.
"""

from __future__ import annotations

from collections.abc import Iterator

from pimlint.engine import Finding, RuleContext, Severity, rule
from pimlint.queries import policy_sections_present, usable_approvers
from pimlint.roleclasses import GLOBAL_ADMIN, PRIVILEGED_ROLE_ADMIN


def _enabled(ctx: RuleContext, user_id: str) -> bool:
    user = ctx.user(user_id)
    return user is not None and user.account_enabled is not False


def _way_in(ctx: RuleContext, role_id: str, active_admins: set[str]) -> tuple[bool, str]:
    """Whether someone can activate the role, and why (not)."""
    name = ctx.roles.name(role_id)
    eligible = {h.principal_id for h in ctx.graph.by_role.get(role_id, ())
                if h.principal_kind == "user" and not h.active and h.scope == "/" and _enabled(ctx, h.principal_id)}
    if not eligible:
        return False, f"no enabled user is eligible for {name}"
    policy = ctx.tenant.role_policy(role_id)
    approval = policy.activation_approval if policy else None
    if approval is None or not approval.is_approval_required:
        return True, f"{len(eligible)} enabled user(s) can activate {name} without approval"
    named = (*approval.primary_approvers, *approval.escalation_approvers)
    people = usable_approvers(ctx, policy)[0] if named and policy else set(active_admins)
    if any(people - {requester} for requester in eligible):  # nobody approves their own request
        return True, f"{name} activation can be approved by {len(people)} usable approver(s)"
    why = "named approvers are unusable" if named else "no approver is named and no active admin can approve"
    return False, f"{name} activation requires approval but {why}"


@rule(
    id="PIM505",
    name="tenant-lockout-risk",
    title="A usable Global Administrator exists or can be activated",
    severity=Severity.CRITICAL,
    category="graph",
    requires=("roleAssignmentScheduleInstances", "users"),
    rationale=(
        "With no standing Global Administrator on an enabled account and no approvable way to activate Global "
        "Administrator or Privileged Role Administrator, nobody can repair PIM settings, Conditional Access or "
        "an attacker's changes: recovery goes through Microsoft support and takes days."
    ),
    remediation=(
        "Keep two cloud-only break-glass accounts with permanent active Global Administrator (Entra admin "
        "center > Roles and administrators > Global Administrator > Add assignments, Assignment type Active, "
        "Permanently assigned) and test them; name at least two enabled approvers for Global Administrator and "
        "Privileged Role Administrator (PIM > Microsoft Entra roles > Settings > the role > Edit > Require "
        "approval). Graph: POST /roleManagement/directory/roleAssignmentScheduleRequests (adminAssign, "
        "noExpiration); PATCH /policies/roleManagementPolicies/{id}/rules/Approval_EndUser_Assignment."
    ),
    references=(
        "https://learn.microsoft.com/entra/identity/role-based-access-control/security-emergency-access",
        "https://learn.microsoft.com/entra/id-governance/privileged-identity-management/pim-how-to-change-default-settings",
        "MITRE ATT&CK T1531 Account Access Removal",
        "NIST SP 800-53 CP-2, AC-2",
    ),
    tags=("graph", "break-glass"),
)
def check(ctx: RuleContext) -> Iterator[Finding]:
    """Fail when no usable standing GA exists and neither GA nor PRA can be activated."""
    standing = sorted({h.principal_id for h in ctx.graph.by_role.get(GLOBAL_ADMIN, ())
                       if h.principal_kind == "user" and h.standing and _enabled(ctx, h.principal_id)})
    res = ctx.resource(role_id=GLOBAL_ADMIN)
    if standing:
        labels = ", ".join(ctx.tenant.principal_label(u) for u in standing)
        yield ctx.passed(res, f"{len(standing)} enabled user(s) hold Global Administrator standing: {labels}")
        return
    if not policy_sections_present(ctx):
        yield ctx.not_evaluated("no standing Global Administrator, and no PIM policies exported to judge activation",
                                res)
        return
    active_admins = {h.principal_id for r in (GLOBAL_ADMIN, PRIVILEGED_ROLE_ADMIN) for h in ctx.graph.by_role.get(r, ())
                     if h.principal_kind == "user" and h.active and _enabled(ctx, h.principal_id)}
    ways = [_way_in(ctx, r, active_admins) for r in (GLOBAL_ADMIN, PRIVILEGED_ROLE_ADMIN)]
    if any(ok for ok, _ in ways):
        yield ctx.passed(res, "; ".join(why for ok, why in ways if ok))
        return
    yield ctx.fail(res, "no usable standing Global Administrator and no approvable activation of GA or PRA",
                   expected="an enabled standing Global Administrator, or an approvable GA/PRA activation",
                   actual="none", evidence=["no enabled user holds Global Administrator active and permanent",
                                            *(why for _, why in ways)])
