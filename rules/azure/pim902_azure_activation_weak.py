"""Weak PIM settings for Owner-class Azure roles.

## What it checks
In every exported subscription, the PIM policy of Owner, User Access Administrator and Role Based
Access Control Administrator (or the roles in `roles`) at the subscription scope must require MFA
(or an authentication context) and approval on activation and allow at most `max-activation-hours`
(4). Each shortfall is its own finding; a role without a policy in the export is `not_evaluated`.

## Example
Owner on a subscription activating for 8 hours with MFA but no approval fails twice; 2 hours with
MFA and approval passes.
"""

from __future__ import annotations

from collections.abc import Iterator

from pimlint.engine import Finding, RuleContext, Severity, rule
from pimlint.queries import AZURE_OWNER_ROLES
from pimlint.timeutil import hours


@rule(
    id="PIM902",
    name="azure-activation-weak",
    title="Activating Owner-class Azure roles requires MFA and approval and lasts at most 4 hours",
    severity=Severity.MEDIUM,
    category="azure",
    options={"roles": list(AZURE_OWNER_ROLES), "max-activation-hours": 4.0},
    rationale=(
        "Eligibility only helps if activation is hard to abuse. Without MFA, a stolen session activates Owner; "
        "without approval nobody confirms it; a long window leaves subscription-wide power live for a day."
    ),
    remediation=(
        "Azure portal > Privileged Identity Management > Azure resources > the subscription > Settings > the "
        "role > Edit: Activation maximum duration 1-4 hours, On activation require Azure MFA, Require approval "
        "to activate with approvers. ARM: PATCH roleManagementPolicies/{id} rules Enablement_EndUser_Assignment, "
        "Approval_EndUser_Assignment, Expiration_EndUser_Assignment."
    ),
    references=(
        "https://learn.microsoft.com/entra/id-governance/privileged-identity-management/pim-resource-roles-configure-role-settings",
        "NIST SP 800-53 AC-6(1)",
        "NIST CSF 2.0 PR.AA-05",
    ),
    tags=("azure",),
)
def check(ctx: RuleContext) -> Iterator[Finding]:
    """Fail each weak activation setting of an Owner-class role policy at subscription scope."""
    if not ctx.tenant.azure:
        yield ctx.not_evaluated("the export has no azure/<subscription>/ sections")
        return
    limit = float(ctx.option("max-activation-hours"))
    for sub_id, sub in sorted(ctx.tenant.azure.items()):
        scope = f"/subscriptions/{sub_id}"
        for role_id in sorted({str(r).lower() for r in ctx.option("roles")}):
            policy = sub.policy(role_id, scope)
            base = dict(scope=scope, object_id=role_id, object_label=sub.role_name(role_id), object_kind="azure role")
            if policy is None:
                yield ctx.not_evaluated(f"{sub.role_name(role_id)} at {scope}: no PIM policy in the export",
                                        ctx.resource(**base))
                continue
            enablement, context = policy.activation_enablement, policy.activation_auth_context
            approval, expiration = policy.activation_approval, policy.activation_expiration
            gaps = []
            if not ((enablement and enablement.requires_mfa) or (context and context.is_enabled)):
                gaps.append(("mfa", "MFA or an authentication context on activation", "no MFA"))
            if not (approval and approval.is_approval_required):
                gaps.append(("approval", "approval required", "no approval"))
            if expiration is None or expiration.maximum_duration is None or hours(expiration.maximum_duration) > limit:
                raw = expiration.raw_duration if expiration else None
                gaps.append(("duration", f"maximumDuration at most PT{limit:g}H", f"maximumDuration {raw}"))
            if not gaps:
                yield ctx.passed(ctx.resource(policy_id=policy.id, **base), f"{sub.role_name(role_id)} at {scope}: "
                                 "activation requires MFA and approval")
            for detail, expected, actual in gaps:
                yield ctx.fail(ctx.resource(policy_id=policy.id, detail=detail, **base),
                               f"activating {sub.role_name(role_id)} on {scope}: {actual}",
                               expected=expected, actual=actual)
