"""No Conditional Access policy requires MFA from the privileged roles.

## What it checks
For each privileged role someone holds (and each critical role): some enforced (enabled, not
report-only) policy on all cloud apps, without platform, location, risk or device conditions, must
require MFA or an authentication strength (not `OR`-ed with a weaker control) and include the role
— by role or through All users — without excluding it.

## Example
`CA001 All users MFA` (enabled, All users, All apps, grant `mfa`) passes every role; if it is
report-only and no other policy exists, every held privileged role fails.
"""

from __future__ import annotations

from collections.abc import Iterator

from pimlint import conditional_access as ca
from pimlint.engine import Finding, RuleContext, Severity, rule
from pimlint.queries import admin_mfa_policies


@rule(
    id="PIM601",
    name="admins-without-mfa-policy",
    title="An enforced Conditional Access policy requires MFA for every privileged role on all apps",
    severity=Severity.HIGH,
    category="authentication",
    requires=("conditionalAccessPolicies",),
    rationale=(
        "Admins are the first target of password spraying and phishing. A Conditional Access policy is the "
        "only control that demands MFA on every sign-in of every admin, including standing and activated "
        "roles; PIM's MFA on activation covers only the moment of activation."
    ),
    remediation=(
        "Entra admin center > Protection > Conditional Access > New policy from template 'Require multifactor "
        "authentication for admins' (or All users): Target resources > All resources; Grant > Require "
        "authentication strength; exclude the break-glass group; enable. Graph: POST "
        "/identity/conditionalAccess/policies."
    ),
    references=(
        "https://learn.microsoft.com/entra/identity/conditional-access/policy-old-require-mfa-admin",
        "CIS Microsoft 365 v7 5.2.2.1",
        "CISA SCuBA MS.AAD.3.2v2",
        "NIST SP 800-53 IA-2(1)",
        "NIST CSF 2.0 PR.AA-03",
        "MITRE ATT&CK T1110",
    ),
    tags=("cis-m365",),
)
def check(ctx: RuleContext) -> Iterator[Finding]:
    """Fail each held privileged role no qualifying MFA policy covers."""
    qualifying = admin_mfa_policies(ctx)
    roles = sorted({h.role_id for h in ctx.graph.holdings if ctx.roles.is_privileged(h.role_id)} | ctx.roles.critical)
    names = [ca.label(p) for p in qualifying] or ["no enforced MFA policy on all apps"]
    for role_id in roles:
        res = ctx.resource(role_id=role_id)
        covering = [p for p in qualifying if ca.covers_role(p, role_id)]
        if covering:
            yield ctx.passed(res, f"{res.role}: {ca.label(covering[0])} requires MFA")
        else:
            yield ctx.fail(res, f"no enforced Conditional Access policy requires MFA for {res.role}",
                           expected="an enabled policy on all apps requiring MFA for the role",
                           actual="; ".join(names), evidence=names)
