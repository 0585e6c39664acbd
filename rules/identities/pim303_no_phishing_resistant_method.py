"""Privileged user without a phishing-resistant authentication method.

## What it checks
Every user who holds a privileged role (active or eligible, directly or through groups) must have
a phishing-resistant method in `userRegistrationDetails.methodsRegistered`: a FIDO2 security key,
a device-bound passkey, Windows Hello for Business or a macOS platform credential (the report does
not list certificates; use `extra-methods` to accept more). A privileged user missing from the
registration report is `not_evaluated`.

## Example
An eligible Exchange Administrator with only `microsoftAuthenticatorPush` fails; one with
`fido2SecurityKey` passes.
"""

from __future__ import annotations

from collections.abc import Iterator

from pimlint.engine import Finding, RuleContext, Severity, rule
from pimlint.rulekit import registered_method_finding

PHISHING_RESISTANT_METHODS = frozenset({
    "fido2securitykey", "fido2", "passkeydevicebound", "passkeydeviceboundauthenticator",
    "passkeydeviceboundwindowshello", "windowshelloforbusiness", "macossecureenclavekey",
})


@rule(
    id="PIM303",
    name="no-phishing-resistant-method",
    title="Every privileged user has a phishing-resistant method registered",
    severity=Severity.MEDIUM,
    category="identities",
    requires=("userRegistrationDetails",),
    options={"extra-methods": []},
    rationale=(
        "A Conditional Access policy demanding phishing-resistant MFA only works for admins who have such a "
        "method — the others are locked out or, worse, exempted. Registration is the prerequisite that makes "
        "the strongest admin protection enforceable."
    ),
    remediation=(
        "Have each admin register a FIDO2 security key or passkey (My Security Info > Add sign-in method), "
        "bootstrapped with a Temporary Access Pass; enable the FIDO2/passkey method in Authentication methods "
        "policies. Graph (per user): /users/{id}/authentication/fido2Methods."
    ),
    references=(
        "https://learn.microsoft.com/entra/identity/authentication/how-to-enable-passkey-fido2",
        "CISA SCuBA MS.AAD.3.6v1",
        "NIST SP 800-53 IA-2(6)",
        "NIST CSF 2.0 PR.AA-03",
        "MITRE ATT&CK T1557",
    ),
)
def check(ctx: RuleContext) -> Iterator[Finding]:
    """Fail each privileged user without a phishing-resistant method."""
    for user_id in ctx.privileged_user_ids():
        yield registered_method_finding(
            ctx, user_id, PHISHING_RESISTANT_METHODS,
            failure="{principal} holds a privileged role without a phishing-resistant method",
            expected="FIDO2 key, passkey or Windows Hello for Business registered")
