"""Admin sessions are not re-authenticated often enough.

## What it checks
Some enforced (enabled, not report-only) Conditional Access policy on all cloud apps must set a
sign-in frequency of every time or at most `max-hours` (4) for each role of `roles` (default: the
critical roles), including the role by role or through All users and not excluding it.

## Example
`CA002 Admins phishing-resistant MFA` for the critical roles with sign-in frequency 4 hours passes;
with 24 hours (or none) it fails for each critical role.
"""

from __future__ import annotations

from collections.abc import Iterator

from pimlint import conditional_access as ca
from pimlint.engine import Finding, RuleContext, Severity, rule
from pimlint.queries import option_roles


@rule(
    id="PIM605",
    name="admin-sign-in-frequency",
    title="Conditional Access re-authenticates admins at least every 4 hours",
    severity=Severity.LOW,
    category="authentication",
    requires=("conditionalAccessPolicies",),
    options={"roles": [], "max-hours": 4.0},
    rationale=(
        "A stolen admin session cookie or refresh token is as good as the password and MFA together until it "
        "expires. A short sign-in frequency limits how long a hijacked admin session stays usable."
    ),
    remediation=(
        "Conditional Access > the admin policy > Session > Sign-in frequency: Periodic reauthentication, 4 "
        "hours (or Every time), and Persistent browser session: Never persistent. Graph: PATCH "
        "/identity/conditionalAccess/policies/{id} with sessionControls.signInFrequency {value: 4, type: "
        "hours, isEnabled: true}."
    ),
    references=(
        "https://learn.microsoft.com/entra/identity/conditional-access/concept-session-lifetime",
        "CIS Microsoft 365 v7 5.2.2.4",
        "NIST SP 800-53 AC-12",
        "NIST CSF 2.0 PR.AA-03",
        "MITRE ATT&CK T1550.004",
    ),
    tags=("cis-m365",),
)
def check(ctx: RuleContext) -> Iterator[Finding]:
    """Fail each target role without a short admin sign-in frequency."""
    limit = float(ctx.option("max-hours"))
    qualifying = [p for p in ca.enforced(ctx.tenant) if ca.all_apps(p) and ca.sign_in_frequency_within(p, limit)]
    for role_id in sorted(option_roles(ctx, ctx.roles.critical)):
        res = ctx.resource(role_id=role_id)
        covering = [p for p in qualifying if ca.covers_role(p, role_id)]
        if covering:
            yield ctx.passed(res, f"{res.role}: {ca.label(covering[0])} re-authenticates within {limit:g} h")
        else:
            yield ctx.fail(res, f"no enforced policy limits {res.role} sessions to {limit:g} hours",
                           expected=f"sign-in frequency every time or at most {limit:g} h on all apps",
                           actual="; ".join(f"{ca.label(p)}: {p.sign_in_frequency_hours or 'none'}"
                                            for p in ca.enforced(ctx.tenant) if ca.covers_role(p, role_id))
                           or "no enforced policy for the role")
