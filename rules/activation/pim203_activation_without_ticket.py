"""Activation of a critical role without ticket information.

## What it checks
For every critical role (every privileged role when `all-privileged-roles` is on, as in profile
`strict`), the PIM policy's `Enablement_EndUser_Assignment.enabledRules` must contain `Ticketing`,
so each activation names the change or incident it serves.

## Example
Global Administrator with `enabledRules: ["MultiFactorAuthentication", "Justification"]` fails;
adding `Ticketing` passes.
"""

from __future__ import annotations

from collections.abc import Iterator

from pimlint.engine import Finding, Resource, RuleContext, Severity, rule
from pimlint.model import EnablementRule, RolePolicy
from pimlint.model.policies import ACTIVATION_ENABLEMENT
from pimlint.rulekit import role_policy_findings


@rule(
    id="PIM203",
    name="activation-without-ticket",
    title="Activating a critical role requires ticket information",
    severity=Severity.LOW,
    category="activation-controls",
    options={"all-privileged-roles": False},
    profiles={"strict": {"all-privileged-roles": True}},
    rationale=(
        "A ticket number links a tier-0 activation to an approved change or incident, so auditors can "
        "reconcile privileged use with the change process and spot activations nobody asked for."
    ),
    remediation=(
        "PIM > Microsoft Entra roles > Settings > select the role > Edit > Activation: tick 'Require ticket "
        "information on activation'. Graph: PATCH /policies/roleManagementPolicies/{id}/rules/"
        "Enablement_EndUser_Assignment with enabledRules including Ticketing."
    ),
    references=(
        "https://learn.microsoft.com/entra/id-governance/privileged-identity-management/pim-deployment-plan",
        "NIST SP 800-53 CM-3",
        "NIST CSF 2.0 PR.PS-01",
    ),
)
def check(ctx: RuleContext) -> Iterator[Finding]:
    """Fail each critical role whose activation needs no ticket."""

    def judge(role_id: str, res: Resource, policy: RolePolicy, enablement: EnablementRule) -> Iterator[Finding]:
        if enablement.requires_ticket:
            yield ctx.passed(res, f"activating {res.role} requires ticket information")
        else:
            yield ctx.fail(res, f"activating {res.role} does not require ticket information",
                           expected="Ticketing in enabledRules",
                           actual=f"enabledRules {sorted(enablement.enabled_rules) or '[]'}",
                           evidence=[f"policy {policy.id} rule {ACTIVATION_ENABLEMENT}"])

    roles = None if ctx.option("all-privileged-roles") else ctx.roles.critical
    yield from role_policy_findings(ctx, lambda p: p.activation_enablement, judge,
                                    missing=f"no {ACTIVATION_ENABLEMENT} rule", roles=roles)
