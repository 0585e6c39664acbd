"""Privileged user with no MFA method registered.

## What it checks
Every user who holds a privileged role (active or eligible, directly or through groups) must be
MFA-registered: `userRegistrationDetails.isMfaRegistered` true. A user missing from the report, or
whose flag is absent, is `not_evaluated`.

## Example
An eligible User Administrator with `isMfaRegistered: false` fails; `true` passes.
"""

from __future__ import annotations

from collections.abc import Iterator

from pimlint.engine import Finding, RuleContext, Severity, rule


@rule(
    id="PIM304",
    name="no-mfa-registered",
    title="Every privileged user has an MFA method registered",
    severity=Severity.HIGH,
    category="identities",
    requires=("userRegistrationDetails",),
    rationale=(
        "An admin without any registered MFA method can only authenticate with a password; whoever registers "
        "first — possibly an attacker holding that password — owns the account's second factor. PIM's MFA on "
        "activation and every CA policy assume the method exists."
    ),
    remediation=(
        "Require the admin to register MFA now (My Security Info), or issue a Temporary Access Pass to register "
        "a passkey; use a Conditional Access policy on the 'Register security information' user action to "
        "protect registration. Report: Entra admin center > Authentication methods > User registration details."
    ),
    references=(
        "https://learn.microsoft.com/entra/identity/authentication/howto-authentication-methods-activity",
        "CIS Microsoft 365 v7 5.2.2.1",
        "NIST SP 800-53 IA-2(1)",
        "NIST CSF 2.0 PR.AA-03",
        "MITRE ATT&CK T1098.005",
    ),
)
def check(ctx: RuleContext) -> Iterator[Finding]:
    """Fail each privileged user who has not registered MFA."""
    for user_id in ctx.privileged_user_ids():
        res = ctx.resource(principal_id=user_id)
        details = ctx.tenant.registration.get(user_id)
        if details is None or details.is_mfa_registered is None:
            yield ctx.not_evaluated(f"{res.principal}: MFA registration unknown (not in userRegistrationDetails)", res)
        elif details.is_mfa_registered:
            yield ctx.passed(res, f"{res.principal} is MFA-registered")
        else:
            yield ctx.fail(res, f"{res.principal} holds a privileged role but has no MFA method registered",
                           expected="isMfaRegistered: true", actual="isMfaRegistered: false")
