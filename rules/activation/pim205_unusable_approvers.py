"""Approval is required but nobody can approve.

## What it checks
For every privileged role whose PIM policy requires approval on activation: the approvers
(primary and escalation, users and group members with nested groups followed) must include at
least one enabled user. Listed approvers that are missing from the export, disabled or empty
groups are named in the finding. When the only usable approver of an eligible user is that user
(nobody approves their own request), the finding names them. Approvers that cannot be resolved
because `users` or `groups` is not exported make the role `not_evaluated`.

## Example
Global Administrator requiring approval with no approvers listed fails; with an approver group of
two enabled admins it passes; with one approver who is also the only eligible user, that user fails.
"""

from __future__ import annotations

from collections.abc import Iterator

from pimlint.engine import Finding, Resource, RuleContext, Severity, rule
from pimlint.model import ApprovalRule, RolePolicy
from pimlint.model.policies import ACTIVATION_APPROVAL
from pimlint.queries import usable_approvers
from pimlint.rulekit import required_approval, role_policy_findings


@rule(
    id="PIM205",
    name="unusable-approvers",
    title="Every role that requires approval has an approver who can approve",
    severity=Severity.HIGH,
    category="activation-controls",
    rationale=(
        "An approval step with no usable approver blocks every activation: admins cannot act in an incident, "
        "and when it hits Global Administrator and Privileged Role Administrator together it can lock the "
        "tenant out. Approvers who left, were disabled, or are the requester themselves make approval a "
        "paper control."
    ),
    remediation=(
        "PIM > Microsoft Entra roles > Settings > select the role > Edit > Activation > Select approver(s): "
        "add at least two enabled people (or a group of them) who do not request the role themselves. Graph: "
        "PATCH /policies/roleManagementPolicies/{id}/rules/Approval_EndUser_Assignment with "
        "setting.approvalStages[0].primaryApprovers."
    ),
    references=(
        "https://learn.microsoft.com/entra/id-governance/privileged-identity-management/pim-how-to-change-default-settings",
        "CIS Microsoft 365 v7 5.3.4",
        "CIS Microsoft 365 v7 5.3.5",
        "NIST SP 800-53 AC-5",
        "NIST CSF 2.0 PR.AA-05",
    ),
)
def check(ctx: RuleContext) -> Iterator[Finding]:
    """Fail each approval-gated role without a usable approver, and each self-approving eligible user."""

    def judge(role_id: str, res: Resource, policy: RolePolicy, approval: ApprovalRule) -> Iterator[Finding]:
        people, problems, resolvable = usable_approvers(ctx, policy)
        if not people and not resolvable:
            yield ctx.not_evaluated(f"{res.role}: approvers cannot be resolved without 'users' and 'groups'", res)
            return
        listed = len(approval.primary_approvers) + len(approval.escalation_approvers)
        if not people:
            yield ctx.fail(res, f"{res.role} requires approval but no usable approver exists",
                           expected="at least one enabled approver",
                           actual=f"{listed} approver(s) listed: " + ("; ".join(problems) or "none"),
                           evidence=problems)
            return
        yield ctx.passed(res, f"{res.role}: {len(people)} usable approver(s)", evidence=problems)
        for user_id in ctx.graph.holders(role_id):
            if people <= {user_id}:
                who = ctx.resource(principal_id=user_id, role_id=role_id, policy_id=policy.id)
                yield ctx.fail(who, f"{who.principal} is the only approver of their own {res.role} activation",
                               expected="an approver other than the requester",
                               actual=f"only approver: {who.principal}")

    yield from role_policy_findings(ctx, required_approval, judge, missing=None, detail=ACTIVATION_APPROVAL)
