"""Activation of a privileged role without a justification.

## What it checks
For every privileged role with a PIM policy in the export (or held by someone), the policy's
`Enablement_EndUser_Assignment.enabledRules` must contain `Justification`. A held role whose
policy (or that rule) is missing from the export is `not_evaluated`.

## Example
Exchange Administrator with `enabledRules: ["MultiFactorAuthentication"]` fails;
`["MultiFactorAuthentication", "Justification"]` passes.
"""

from __future__ import annotations

from collections.abc import Iterator

from pimlint.engine import Finding, Resource, RuleContext, Severity, rule
from pimlint.model import EnablementRule, RolePolicy
from pimlint.model.policies import ACTIVATION_ENABLEMENT
from pimlint.rulekit import role_policy_findings


@rule(
    id="PIM202",
    name="activation-without-justification",
    title="Activating a privileged role requires a justification",
    severity=Severity.MEDIUM,
    category="activation-controls",
    rationale=(
        "A justification ties each use of privilege to a reason a reviewer can check afterwards. Without it, "
        "the activation log says who and when but not why, and an unexpected activation cannot be told from a "
        "routine one."
    ),
    remediation=(
        "PIM > Microsoft Entra roles > Settings > select the role > Edit > Activation: tick 'Require "
        "justification on activation'. Graph: PATCH /policies/roleManagementPolicies/{id}/rules/"
        "Enablement_EndUser_Assignment with enabledRules including Justification."
    ),
    references=(
        "https://learn.microsoft.com/entra/id-governance/privileged-identity-management/pim-how-to-change-default-settings",
        "NIST SP 800-53 AU-3",
        "NIST CSF 2.0 PR.AA-05",
    ),
)
def check(ctx: RuleContext) -> Iterator[Finding]:
    """Fail each privileged role whose activation needs no justification."""

    def judge(role_id: str, res: Resource, policy: RolePolicy, enablement: EnablementRule) -> Iterator[Finding]:
        if enablement.requires_justification:
            yield ctx.passed(res, f"activating {res.role} requires a justification")
        else:
            yield ctx.fail(res, f"activating {res.role} does not require a justification",
                           expected="Justification in enabledRules",
                           actual=f"enabledRules {sorted(enablement.enabled_rules) or '[]'}",
                           evidence=[f"policy {policy.id} rule {ACTIVATION_ENABLEMENT}"])

    yield from role_policy_findings(ctx, lambda p: p.activation_enablement, judge,
                                    missing=f"no {ACTIVATION_ENABLEMENT} rule")
