"""Break-glass account without a FIDO2/passkey or certificate credential.

## What it checks
Each declared break-glass account must have a FIDO2 security key or device-bound passkey
registered (`userRegistrationDetails.methodsRegistered`), or a method listed in `extra-methods`
(e.g. for certificate-based authentication, which the report does not list). An account missing
from the report is `not_evaluated`.

## Example
`bg-01` with `fido2SecurityKey` passes; `bg-02` with only a password and SMS fails.
"""

from __future__ import annotations

from collections.abc import Iterator

from pimlint.engine import Finding, RuleContext, Severity, rule
from pimlint.model import User
from pimlint.rulekit import break_glass_findings, registered_method_finding

STRONG = frozenset({"fido2securitykey", "fido2", "passkeydevicebound", "passkeydeviceboundauthenticator",
                    "x509certificate", "x509certificatemultifactor"})


@rule(
    id="PIM406",
    name="break-glass-weak-credential",
    title="Every break-glass account has a FIDO2/passkey or certificate credential",
    severity=Severity.HIGH,
    category="break-glass",
    requires=("userRegistrationDetails",),
    options={"extra-methods": []},
    rationale=(
        "A break-glass password alone can be sprayed or phished, and phone-based MFA depends on a person and "
        "a carrier. A hardware key (kept in a safe, distinct from the admins' daily methods) is both "
        "phishing-resistant and independent of the services an emergency may take down."
    ),
    remediation=(
        "Register two FIDO2 security keys per break-glass account (stored in separate safes) or configure "
        "certificate-based authentication; enable the FIDO2/passkey method for the break-glass group in "
        "Authentication methods policies. Graph: /users/{id}/authentication/fido2Methods."
    ),
    references=(
        "https://learn.microsoft.com/entra/identity/role-based-access-control/security-emergency-access",
        "CIS Microsoft 365 v7 1.1.2",
        "NIST SP 800-53 IA-2(6)",
        "NIST CSF 2.0 PR.AA-03",
    ),
)
def check(ctx: RuleContext) -> Iterator[Finding]:
    """Fail each break-glass account without a strong credential."""

    def judge(user: User) -> Iterator[Finding]:
        yield registered_method_finding(
            ctx, user.id, STRONG,
            failure="break-glass account {principal} has no FIDO2, passkey or certificate credential",
            expected="fido2SecurityKey, passKeyDeviceBound or a certificate")

    yield from break_glass_findings(ctx, judge)
