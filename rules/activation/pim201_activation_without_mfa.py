"""Activation of a privileged role without MFA.

## What it checks
For every privileged role that has a PIM policy in the export, or that someone holds: the
policy's `Enablement_EndUser_Assignment` rule must list `MultiFactorAuthentication`, or its
`AuthenticationContext_EndUser_Assignment` rule must be enabled (a Conditional Access
authentication context then demands the stronger check; PIM207 verifies that context). A held
role whose policy is not in the export, or a policy without that rule, is `not_evaluated`.

## Example
Privileged Role Administrator with `enabledRules: ["Justification"]` and the authentication
context off fails; `["MultiFactorAuthentication", "Justification"]` passes.
"""

from __future__ import annotations

from collections.abc import Iterator

from pimlint.engine import Finding, Resource, RuleContext, Severity, rule
from pimlint.model import EnablementRule, RolePolicy
from pimlint.model.policies import ACTIVATION_ENABLEMENT
from pimlint.rulekit import role_policy_findings


@rule(
    id="PIM201",
    name="activation-without-mfa",
    title="Activating a privileged role requires MFA or an authentication context",
    severity=Severity.HIGH,
    category="activation-controls",
    rationale=(
        "Activation is the moment standing risk turns into power. Without a fresh multifactor check, anyone "
        "holding a session of an eligible account (token theft, an unlocked laptop) can activate the role "
        "unchallenged, which reduces PIM to a logging step."
    ),
    remediation=(
        "PIM > Microsoft Entra roles > Settings > select the role > Edit > Activation: choose 'On activation, "
        "require: Azure MFA' (or a Conditional Access authentication context). Graph: PATCH "
        "/policies/roleManagementPolicies/{policyId}/rules/Enablement_EndUser_Assignment with enabledRules "
        "including MultiFactorAuthentication. PowerShell: Update-MgPolicyRoleManagementPolicyRule."
    ),
    references=(
        "https://learn.microsoft.com/entra/id-governance/privileged-identity-management/pim-how-to-change-default-settings",
        "CIS Microsoft 365 v7 5.3.4",
        "NIST SP 800-53 IA-2(1)",
        "NIST CSF 2.0 PR.AA-03",
        "MITRE ATT&CK T1078.004",
    ),
)
def check(ctx: RuleContext) -> Iterator[Finding]:
    """Fail each privileged role whose activation demands no MFA."""

    def judge(role_id: str, res: Resource, policy: RolePolicy, enablement: EnablementRule) -> Iterator[Finding]:
        context = policy.activation_auth_context
        if enablement.requires_mfa or (context is not None and context.is_enabled):
            yield ctx.passed(res, f"activating {res.role} requires MFA")
            return
        yield ctx.fail(
            res,
            f"activating {res.role} does not require MFA",
            severity=Severity.HIGH if ctx.roles.is_critical(role_id) else Severity.MEDIUM,
            expected="MultiFactorAuthentication in enabledRules, or an authentication context",
            actual=f"enabledRules {sorted(enablement.enabled_rules) or '[]'}, authentication context off",
            evidence=[f"policy {policy.id} rule {ACTIVATION_ENABLEMENT}"],
        )

    yield from role_policy_findings(ctx, lambda p: p.activation_enablement, judge,
                                    missing=f"no {ACTIVATION_ENABLEMENT} rule")
