"""Break-glass account configured unlike an emergency account.

## What it checks
Each declared break-glass account found in `users` must be enabled (else high), cloud-only (not
synchronised from on-premises), have its UPN on an `*.onmicrosoft.com` domain and carry no
licence (each of these medium). Every deviation is its own finding.

## Example
`bg-01@contoso.onmicrosoft.com`, enabled, cloud-only, unlicensed passes; a break-glass account
`bg@contoso.com` synchronised from AD fails twice (domain, sync).
"""

from __future__ import annotations

from collections.abc import Iterator

from pimlint.engine import Finding, RuleContext, Severity, rule
from pimlint.model import User
from pimlint.rulekit import break_glass_findings


@rule(
    id="PIM404",
    name="break-glass-hygiene",
    title="Break-glass accounts are enabled, cloud-only, on the onmicrosoft.com domain and unlicensed",
    severity=Severity.HIGH,
    category="break-glass",
    requires=("users",),
    rationale=(
        "An emergency account must not depend on anything that can fail with the emergency: a disabled account "
        "is useless, a synchronised one depends on on-premises AD and sync, a custom-domain UPN depends on "
        "federation and DNS, and a licence brings a mailbox and apps that widen its attack surface."
    ),
    remediation=(
        "Entra admin center > Users > the break-glass account: enable it; if synchronised, create a new "
        "cloud-only account instead; set the UPN to name@<tenant>.onmicrosoft.com; remove all licences "
        "(Licenses > Remove). Graph: PATCH /users/{id} {accountEnabled, userPrincipalName}; POST "
        "/users/{id}/assignLicense with removeLicenses."
    ),
    references=(
        "https://learn.microsoft.com/entra/identity/role-based-access-control/security-emergency-access",
        "CIS Microsoft 365 v7 1.1.2",
        "NIST SP 800-53 CP-2",
        "NIST CSF 2.0 RC.RP-01",
    ),
)
def check(ctx: RuleContext) -> Iterator[Finding]:
    """Fail each hygiene deviation of each break-glass account."""

    def judge(user: User) -> Iterator[Finding]:
        problems = []
        if user.account_enabled is False:
            problems.append(("disabled", Severity.HIGH, "accountEnabled true", "accountEnabled false"))
        if user.is_synced:
            problems.append(("synced", Severity.MEDIUM, "cloud-only", "synchronised from on-premises"))
        if not (user.upn or "").lower().endswith(".onmicrosoft.com"):
            problems.append(("domain", Severity.MEDIUM, "UPN on *.onmicrosoft.com", f"UPN {user.upn}"))
        if user.licenses:
            problems.append(("licensed", Severity.MEDIUM, "no licence", f"{len(user.licenses)} licence(s)"))
        if not problems:
            yield ctx.passed(ctx.resource(principal_id=user.id), f"{user.label} is configured as an emergency account")
        for detail, severity, expected, actual in problems:
            yield ctx.fail(ctx.resource(principal_id=user.id, detail=detail),
                           f"break-glass account {user.label} is {detail}", severity=severity,
                           expected=expected, actual=actual)

    yield from break_glass_findings(ctx, judge)
