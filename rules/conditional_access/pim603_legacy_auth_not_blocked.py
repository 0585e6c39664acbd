"""Legacy authentication is not blocked for everyone.

## What it checks
Looks for an enforced (enabled, not report-only) Conditional Access policy that includes All
users and All cloud apps (none excluded but the apps in `allowed-app-exclusions`), targets both
legacy client types (`exchangeActiveSync` and `other`) and grants `block`. With
`strict-exclusions` (CISA SCuBA MS.AAD.1.1) a policy that excludes a role, a user or group other
than break-glass accounts and `allowed-exclusions`, or a guest or external user type not in
`allowed-guest-exclusions` (`b2bCollaborationGuest`, `internalGuest`, ...) does not count;
otherwise its user and group exclusions are listed as evidence.

Profile `scuba` turns `strict-exclusions` on; ScubaGear's `CapExclusions` for MS.AAD.1.1 map onto
the allow-lists (`Users` and `Groups` → `allowed-exclusions`, `Applications` →
`allowed-app-exclusions`, `GuestUserTypes` → `allowed-guest-exclusions`), as `pimlint.scuba`
translates them. Like ScubaGear, risk, platform and location conditions do not disqualify a policy.

## Example
An enabled "Block legacy authentication" policy for All users and All apps with client app types
Exchange ActiveSync and Other clients passes; the same policy in report-only mode fails.
"""

from __future__ import annotations

from collections.abc import Iterator

from pimlint import conditional_access as ca
from pimlint.engine import Finding, RuleContext, Severity, rule
from pimlint.queries import ca_directory, permitted_exclusions


@rule(
    id="PIM603",
    name="legacy-auth-not-blocked",
    title="An enforced Conditional Access policy blocks legacy authentication for all users and apps",
    severity=Severity.HIGH,
    category="authentication",
    requires=("conditionalAccessPolicies",),
    options={"strict-exclusions": False, "allowed-exclusions": [], "allowed-app-exclusions": [],
             "allowed-guest-exclusions": []},
    profiles={"scuba": {"strict-exclusions": True}},
    rationale=(
        "Legacy protocols (IMAP, POP, SMTP AUTH, Exchange ActiveSync with basic auth, older Office clients) "
        "cannot perform MFA, so a password alone opens the account — the favourite door for password spraying. "
        "Every admin protection built on MFA is void while legacy authentication still works."
    ),
    remediation=(
        "Entra admin center > Protection > Conditional Access > New policy: Users > All users (exclude the "
        "break-glass group); Target resources > All resources; Conditions > Client apps > Exchange ActiveSync "
        "clients and Other clients; Grant > Block access; enable. Graph: POST "
        "/identity/conditionalAccess/policies with conditions.clientAppTypes [\"exchangeActiveSync\", \"other\"] "
        "and grantControls.builtInControls [\"block\"]."
    ),
    references=(
        "https://learn.microsoft.com/entra/identity/conditional-access/policy-block-legacy-authentication",
        "CISA SCuBA MS.AAD.1.1v1",
        "CIS Microsoft 365 v7 5.2.2.3",
        "NIST SP 800-53 IA-2",
        "NIST CSF 2.0 PR.AA-03",
        "MITRE ATT&CK T1110.003",
    ),
    tags=("scuba", "cis-m365"),
)
def check(ctx: RuleContext) -> Iterator[Finding]:
    """Fail when no enforced policy blocks legacy clients for all users and apps."""
    directory = ca_directory(ctx)
    permitted = permitted_exclusions(ctx)
    apps = frozenset(str(v).strip().lower() for v in ctx.option("allowed-app-exclusions"))
    guests = frozenset(str(v).strip().lower() for v in ctx.option("allowed-guest-exclusions"))
    res = ctx.resource(detail="legacy-authentication")
    candidates = [p for p in ca.enforced(ctx.tenant)
                  if ca.ALL in p.include_users and ca.all_apps_except(p, apps) and ca.blocks_legacy_auth(p)]
    for p in candidates:
        unexpected = directory.unexpected_exclusions(p, permitted)
        if ctx.option("strict-exclusions") and (unexpected or ca.unexpected_guest_types(p, guests)):
            continue
        evidence = [f"excludes {', '.join(unexpected)}"] if unexpected else []
        yield ctx.passed(res, f"{ca.label(p)} blocks legacy authentication", evidence=evidence)
        return
    rejected = [f"{ca.label(p)} has exclusions that are not allowed" for p in candidates]
    yield ctx.fail(res, "no enforced policy blocks legacy authentication for all users and apps",
                   expected="enabled policy: All users, All apps, clientAppTypes exchangeActiveSync + other, block",
                   actual="; ".join(rejected) or "no such policy", evidence=rejected)
