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

from pimlint.engine import Finding, RuleContext, Severity, rule
from pimlint.model.policies import ACTIVATION_ENABLEMENT
from pimlint.queries import policy_sections_present, privileged_role_policies


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
    if not policy_sections_present(ctx):
        yield ctx.not_evaluated("missing section(s): roleManagementPolicies or roleManagementPolicyAssignments")
        return
    for role_id, policy in privileged_role_policies(ctx):
        res = ctx.resource(role_id=role_id, policy_id=policy.id if policy else None)
        enablement = policy.activation_enablement if policy else None
        if enablement is None:
            what = "no PIM policy" if policy is None else f"no {ACTIVATION_ENABLEMENT} rule"
            yield ctx.not_evaluated(f"{res.role}: the export has {what} for this role", res)
        elif enablement.requires_justification:
            yield ctx.passed(res, f"activating {res.role} requires a justification")
        else:
            yield ctx.fail(res, f"activating {res.role} does not require a justification",
                           expected="Justification in enabledRules",
                           actual=f"enabledRules {sorted(enablement.enabled_rules) or '[]'}",
                           evidence=[f"policy {policy.id if policy else '?'} rule {ACTIVATION_ENABLEMENT}"])
