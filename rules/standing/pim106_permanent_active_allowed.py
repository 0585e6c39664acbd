"""A privileged role's policy allows permanent active assignments.

## What it checks
For every privileged role with a PIM policy (or held by someone): the policy's
`Expiration_Admin_Assignment.isExpirationRequired` must be true, so that an administrator cannot
create an active assignment without an end date. Break-glass accounts need a permanent active
Global Administrator assignment: create it, then turn the setting off (existing assignments stay).

## Example
User Administrator with `isExpirationRequired: false` on `Expiration_Admin_Assignment` fails;
`true` with `maximumDuration: P15D` passes.
"""

from __future__ import annotations

from collections.abc import Iterator

from pimlint.engine import Finding, Resource, RuleContext, Severity, rule
from pimlint.model import ExpirationRule, RolePolicy
from pimlint.model.policies import ASSIGNMENT_EXPIRATION
from pimlint.rulekit import role_policy_findings


@rule(
    id="PIM106",
    name="permanent-active-allowed",
    title="Privileged role policies do not allow permanent active assignments",
    severity=Severity.LOW,
    category="standing-access",
    rationale=(
        "While the setting allows it, any administrator who can assign the role can create standing access "
        "with one click — often as a 'temporary' workaround that is never removed. Requiring an end date makes "
        "standing access an explicit, time-boxed exception."
    ),
    remediation=(
        "PIM > Microsoft Entra roles > Settings > select the role > Edit > Assignment: untick 'Allow permanent "
        "active assignment' and set 'Expire active assignments after' (e.g. 15 days). Graph: PATCH "
        "/policies/roleManagementPolicies/{id}/rules/Expiration_Admin_Assignment with isExpirationRequired true."
    ),
    references=(
        "https://learn.microsoft.com/entra/id-governance/privileged-identity-management/pim-how-to-change-default-settings",
        "NIST SP 800-53 AC-2(2)",
        "NIST CSF 2.0 PR.AA-05",
    ),
)
def check(ctx: RuleContext) -> Iterator[Finding]:
    """Fail each privileged role policy that allows permanent active assignment."""

    def judge(role_id: str, res: Resource, policy: RolePolicy, expiration: ExpirationRule) -> Iterator[Finding]:
        if expiration.is_expiration_required:
            yield ctx.passed(res, f"{res.role} active assignments must expire")
        else:
            yield ctx.fail(res, f"the {res.role} policy allows permanent active assignments",
                           expected="isExpirationRequired: true", actual="isExpirationRequired: false",
                           evidence=[f"policy {policy.id} rule {ASSIGNMENT_EXPIRATION}"])

    yield from role_policy_findings(ctx, lambda p: p.assignment_expiration, judge,
                                    missing=f"no {ASSIGNMENT_EXPIRATION} rule")
