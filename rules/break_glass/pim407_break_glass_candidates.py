"""No break-glass account declared: accounts that look like one.

## What it checks
Runs only when the `break-glass` setting is empty. Lists users who look like emergency accounts:
a standing (permanent active) Global Administrator, cloud-only, and — when Conditional Access is
exported — excluded (directly or by group) from at least half of the enforced policies. Each
candidate is an `info` finding suggesting to declare it; with break-glass declared the rule passes.

## Example
No `break-glass` setting and two cloud-only users with permanent Global Administrator, excluded
from every CA policy through group `EmergencyAccess`: both are listed.
"""

from __future__ import annotations

from collections.abc import Iterator

from pimlint import conditional_access as ca
from pimlint.engine import Finding, RuleContext, Severity, rule
from pimlint.queries import ca_directory
from pimlint.roleclasses import GLOBAL_ADMIN


@rule(
    id="PIM407",
    name="break-glass-candidates",
    title="Break-glass accounts are declared to pimlint",
    severity=Severity.INFO,
    category="break-glass",
    requires=("users", "roleAssignmentScheduleInstances"),
    rationale=(
        "Break-glass accounts deliberately break the rules other admins follow (permanent Global "
        "Administrator, CA exclusions). Declared, they are exempt where they should be and checked for their "
        "own requirements; undeclared, they show up as violations and their own controls go unchecked."
    ),
    remediation=(
        "Confirm which accounts are the emergency accounts and list them in pimlint.toml: "
        "break-glass = [\"bg-01@contoso.onmicrosoft.com\", \"bg-02@contoso.onmicrosoft.com\"]."
    ),
    references=(
        "https://learn.microsoft.com/entra/identity/role-based-access-control/security-emergency-access",
        "CIS Microsoft 365 v7 1.1.2",
    ),
)
def check(ctx: RuleContext) -> Iterator[Finding]:
    """List accounts that look like break-glass accounts when none is declared."""
    if ctx.break_glass.declared:
        yield ctx.passed(ctx.resource(detail="break-glass"), "break-glass accounts are declared")
        return
    policies = ca.enforced(ctx.tenant)
    directory = ca_directory(ctx)
    found = 0
    for user_id in ctx.graph.holders(GLOBAL_ADMIN):
        user = ctx.tenant.users.get(user_id)
        standing = any(h.standing for h in ctx.graph.by_principal.get(user_id, ()) if h.role_id == GLOBAL_ADMIN)
        if user is None or not standing or user.is_synced:
            continue
        excluded = sum(1 for p in policies if directory.reach(p, user_id).excluded)
        if policies and excluded * 2 < len(policies):
            continue
        evidence = ["permanent active Global Administrator", "cloud-only"]
        if policies:
            evidence.append(f"excluded from {excluded} of {len(policies)} enforced CA policies")
        found += 1
        yield ctx.fail(ctx.resource(principal_id=user_id), f"{user.label} looks like a break-glass account; "
                       "declare it with the `break-glass` setting", expected="break-glass accounts declared",
                       actual="none declared", evidence=evidence)
    if not found:
        yield ctx.passed(ctx.resource(detail="break-glass"), "no break-glass account is declared and none looks like one")
