"""A critical role has a single approver.

## What it checks
For every critical role whose PIM policy requires approval: counts the distinct enabled people who
can approve (user approvers and members of approver groups, primary and escalation). Exactly one
fails — there is no backup when that person is away. Zero usable approvers is PIM205's finding.

## Example
Global Administrator approved only by `approver-1` fails; `approver-1` and `approver-2` pass.
"""

from __future__ import annotations

from collections.abc import Iterator

from pimlint.engine import Finding, Resource, RuleContext, Severity, rule
from pimlint.model import ApprovalRule, RolePolicy
from pimlint.model.policies import ACTIVATION_APPROVAL
from pimlint.queries import usable_approvers
from pimlint.rulekit import required_approval, role_policy_findings


@rule(
    id="PIM209",
    name="single-approver",
    title="Approval of critical roles has at least two possible approvers",
    severity=Severity.LOW,
    category="activation-controls",
    rationale=(
        "With one approver, every tier-0 activation waits for one person's holiday, sick day or lost phone — "
        "which pushes teams to switch approval off in an emergency. Microsoft recommends two or more approvers."
    ),
    remediation=(
        "PIM > Microsoft Entra roles > Settings > select the role > Edit > Activation > Select approver(s): "
        "add a second approver or an approver group. Graph: PATCH "
        "/policies/roleManagementPolicies/{id}/rules/Approval_EndUser_Assignment."
    ),
    references=(
        "https://learn.microsoft.com/entra/id-governance/privileged-identity-management/pim-how-to-change-default-settings",
        "NIST SP 800-53 AC-5",
        "NIST CSF 2.0 PR.AA-05",
    ),
)
def check(ctx: RuleContext) -> Iterator[Finding]:
    """Fail each critical role with exactly one usable approver."""

    def judge(role_id: str, res: Resource, policy: RolePolicy, approval: ApprovalRule) -> Iterator[Finding]:
        people, _, resolvable = usable_approvers(ctx, policy)
        if not resolvable and len(people) < 2:
            yield ctx.not_evaluated(f"{res.role}: approvers cannot be resolved without 'users' and 'groups'", res)
        elif len(people) == 1:
            only = ctx.tenant.principal_label(next(iter(people)))
            yield ctx.fail(res, f"{res.role} activations can be approved only by {only}",
                           expected="at least two approvers", actual=f"one approver: {only}")
        else:
            yield ctx.passed(res, f"{res.role}: {len(people)} possible approvers")

    yield from role_policy_findings(ctx, required_approval, judge, missing=None, roles=ctx.roles.critical,
                                    detail=ACTIVATION_APPROVAL)
