"""Activation of a critical role without approval.

## What it checks
For every role in `approval-required-roles` (default: the critical roles — Global
Administrator, Privileged Role Administrator, Privileged Authentication Administrator, Partner
Tier2 Support), the PIM policy's `Approval_EndUser_Assignment` rule must have
`setting.isApprovalRequired: true`. A role without a policy in the export is `not_evaluated`.
Whether the approvers can actually approve is PIM205's question.

## Example
Global Administrator with `isApprovalRequired: false` fails; with approval required and two
approvers it passes.
"""

from __future__ import annotations

from collections.abc import Iterator

from pimlint.engine import Finding, RuleContext, Severity, rule
from pimlint.model.policies import ACTIVATION_APPROVAL
from pimlint.queries import policy_sections_present, privileged_role_policies


@rule(
    id="PIM204",
    name="activation-without-approval",
    title="Activating a critical role requires approval",
    severity=Severity.HIGH,
    category="activation-controls",
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
    roles = frozenset(ctx.roles.resolve_all(configured)) if configured is not None else ctx.roles.critical
    for role_id, policy in privileged_role_policies(ctx, roles):
        res = ctx.resource(role_id=role_id, policy_id=policy.id if policy else None)
        approval = policy.activation_approval if policy else None
        if approval is None:
            what = "no PIM policy" if policy is None else f"no {ACTIVATION_APPROVAL} rule"
            yield ctx.not_evaluated(f"{res.role}: the export has {what} for this role", res)
        elif approval.is_approval_required:
            yield ctx.passed(res, f"activating {res.role} requires approval")
        else:
            yield ctx.fail(
                res,
                f"activating {res.role} does not require approval",
                expected="isApprovalRequired: true",
                actual="isApprovalRequired: false",
                evidence=[f"policy {policy.id} rule {ACTIVATION_APPROVAL}"] if policy else [],
            )
