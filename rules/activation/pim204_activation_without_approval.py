"""Activation of a critical role without approval.

## What it checks
For every role in the rule's `roles` option, else in the `approval-required-roles` setting
(default: the critical roles — Global Administrator, Privileged Role Administrator, Privileged
Authentication Administrator, Partner Tier2 Support), the PIM policy's
`Approval_EndUser_Assignment` rule must have `setting.isApprovalRequired: true`. With
`group-policies`, so must the `member` policy of every PIM-for-Groups group assigned the role
(activating that group membership activates the role). A role without a policy, or a policy
without the approval rule, is `not_evaluated` — with `missing-is-compliant`, passed. Whether the
approvers can actually approve is PIM205's question.

Profile `scuba` (CISA SCuBA MS.AAD.7.6, as ScubaGear evaluates it): `roles` is Global
Administrator only, `group-policies` and `missing-is-compliant` are on — ScubaGear judges the
approval rules the export lists for the role (its own and its PIM groups'), a missing rule being
compliant. Approvers are not checked (ScubaGear does not either).

## Example
Global Administrator with `isApprovalRequired: false` fails; with approval required and two
approvers it passes.
"""

from __future__ import annotations

from collections.abc import Iterator

from pimlint.engine import Finding, RuleContext, Severity, rule
from pimlint.model.policies import ACTIVATION_APPROVAL
from pimlint.queries import option_roles, policy_sections_present, privileged_role_policies, role_policies

ROLE_POLICY = "role policy"
"""The source ``queries.role_policies`` gives a role's own policy (others are PIM groups)."""


@rule(
    id="PIM204",
    name="activation-without-approval",
    title="Activating a critical role requires approval",
    severity=Severity.HIGH,
    category="activation-controls",
    options={"roles": [], "group-policies": False, "missing-is-compliant": False},
    profiles={"scuba": {"roles": ["Global Administrator"], "group-policies": True, "missing-is-compliant": True}},
    rationale=(
        "For the roles that can take over the tenant, a second person should confirm each activation. "
        "Approval stops a compromised eligible account from self-activating and makes every use of tier-0 "
        "power a visible, attributable decision."
    ),
    remediation=(
        "PIM > Microsoft Entra roles > Settings > select the role > Edit > Activation: tick 'Require approval "
        "to activate' and add at least two approvers (users or a group). Graph: PATCH "
        "/policies/roleManagementPolicies/{policyId}/rules/Approval_EndUser_Assignment with "
        "setting.isApprovalRequired true and primaryApprovers. Configure the roles with the "
        "`approval-required-roles` setting."
    ),
    references=(
        "https://learn.microsoft.com/entra/id-governance/privileged-identity-management/pim-how-to-change-default-settings",
        "CISA SCuBA MS.AAD.7.6v1",
        "CIS Microsoft 365 v7 5.3.4",
        "CIS Microsoft 365 v7 5.3.5",
        "NIST SP 800-53 AC-5",
        "NIST CSF 2.0 PR.AA-05",
    ),
    tags=("scuba", "cis-m365"),
)
def check(ctx: RuleContext) -> Iterator[Finding]:
    """Fail each approval-required role whose activation needs no approval."""
    if not policy_sections_present(ctx):
        yield ctx.not_evaluated("missing section(s): roleManagementPolicies or roleManagementPolicyAssignments")
        return
    configured = ctx.settings.approval_required_roles
    default = frozenset(ctx.roles.resolve_all(configured)) if configured is not None else ctx.roles.critical
    roles = option_roles(ctx, default)
    if ctx.option("group-policies"):
        sources = role_policies(ctx, roles)
    else:
        sources = ((role_id, ROLE_POLICY, policy) for role_id, policy in privileged_role_policies(ctx, roles))
    for role_id, source, policy in sources:
        res = ctx.resource(role_id=role_id, policy_id=policy.id if policy else None)
        via = "" if source == ROLE_POLICY else f" through {source}"
        approval = policy.activation_approval if policy else None
        if approval is None:
            what = "no PIM policy" if policy is None else f"no {ACTIVATION_APPROVAL} rule"
            if ctx.option("missing-is-compliant"):
                yield ctx.passed(res, f"{res.role}: the export has {what}{via}, counted as compliant")
            else:
                yield ctx.not_evaluated(f"{res.role}: the export has {what} for this role{via}", res)
        elif approval.is_approval_required:
            yield ctx.passed(res, f"activating {res.role}{via} requires approval")
        else:
            yield ctx.fail(
                res,
                f"activating {res.role}{via} does not require approval",
                expected="isApprovalRequired: true",
                actual="isApprovalRequired: false",
                evidence=[f"policy {policy.id} rule {ACTIVATION_APPROVAL}{via}"] if policy else [],
            )
