"""Number of declared break-glass accounts.

## What it checks
Counts the break-glass (emergency access) accounts declared in the `break-glass` setting (UPNs or
object ids). When the export has `users`, only declared accounts that exist in it count; the
others are named in the finding. Fewer than `min` (2) fails.

## Example
`break-glass = ["bg-01@contoso.onmicrosoft.com"]` fails; two existing accounts pass.
"""

from __future__ import annotations

from collections.abc import Iterator

from pimlint.engine import Finding, RuleContext, Severity, rule


@rule(
    id="PIM401",
    name="break-glass-count",
    title="At least two break-glass accounts are declared",
    severity=Severity.HIGH,
    category="break-glass",
    options={"min": 2},
    rationale=(
        "Emergency access accounts are how a tenant is recovered when federation, MFA, Conditional Access or "
        "PIM approvals fail, or every admin is locked out. One account is a single point of failure: its "
        "credential can be lost, its sign-in blocked. Microsoft recommends two or more."
    ),
    remediation=(
        "Create at least two cloud-only accounts on the *.onmicrosoft.com domain with a permanent active "
        "Global Administrator assignment, phishing-resistant credentials (FIDO2 keys kept in separate safes), "
        "excluded from Conditional Access, and declare them in pimlint.toml: "
        "break-glass = [\"bg-01@contoso.onmicrosoft.com\", \"bg-02@contoso.onmicrosoft.com\"]."
    ),
    references=(
        "https://learn.microsoft.com/entra/identity/role-based-access-control/security-emergency-access",
        "CIS Microsoft 365 v7 1.1.2",
        "NIST SP 800-53 CP-2",
        "NIST CSF 2.0 RC.RP-01",
    ),
    tags=("cis-m365",),
)
def check(ctx: RuleContext) -> Iterator[Finding]:
    """Fail when fewer than ``min`` break-glass accounts are declared (and exist)."""
    bg = ctx.break_glass
    counted = len(bg.user_ids) if "users" in ctx.tenant.sections else len(bg.declared)
    minimum = int(ctx.option("min"))
    evidence = [f"declared: {', '.join(bg.declared) or 'none'}"]
    if bg.unresolved and "users" in ctx.tenant.sections:
        evidence.append(f"not found in the export: {', '.join(bg.unresolved)}")
    res = ctx.resource(detail="break-glass")
    if counted >= minimum:
        yield ctx.passed(res, f"{counted} break-glass accounts declared", evidence=evidence)
        return
    message = (
        "no break-glass account is declared (set `break-glass` in pimlint.toml)"
        if not bg.declared
        else f"only {counted} break-glass account{'s' if counted != 1 else ''} declared and found (at least {minimum})"
    )
    yield ctx.fail(res, message, expected=f"at least {minimum}", actual=str(counted), evidence=evidence)
