"""Global Administrators outnumber the finer-grained administrators.

## What it checks
Counts the distinct users holding Global Administrator and the distinct users holding another
privileged role (or a role in `roles`) but not Global Administrator, every way a role can be held
(active or eligible, direct, through groups or PIM for Groups), break-glass accounts included.
Fails when the Global Administrators are not fewer than the others (`allow-equal`: equal counts
pass, as CISA SCuBA MS.AAD.7.2 does), or when they exceed `max-ga-share` of all privileged users.

## Example
Three Global Administrators and two User Administrators fail; three Global Administrators and
eight users holding narrower roles pass (27 %).
"""

from __future__ import annotations

from collections.abc import Iterator

from pimlint.engine import Finding, RuleContext, Severity, rule
from pimlint.queries import SCUBA_ROLES, option_roles
from pimlint.roleclasses import GLOBAL_ADMIN


@rule(
    id="PIM104",
    name="global-admin-share",
    title="Global Administrators are fewer than the users with narrower admin roles, and at most 30 % of them",
    severity=Severity.MEDIUM,
    category="standing-access",
    requires=("roleAssignmentScheduleInstances", "roleEligibilityScheduleInstances"),
    options={"roles": [], "allow-equal": False, "max-ga-share": 0.3},
    profiles={"scuba": {"roles": list(SCUBA_ROLES), "allow-equal": True, "max-ga-share": 1.0}},
    rationale=(
        "Global Administrator is the least specific role there is. When most administrators hold it, least "
        "privilege has not been applied: tasks that need User, Exchange or Helpdesk Administrator are done "
        "with tenant-wide power, and every one of those accounts is a tenant-takeover target."
    ),
    remediation=(
        "For each Global Administrator, list the tasks they actually perform and assign the least-privileged "
        "built-in roles for them (Entra admin center > Roles and administrators, 'Least privileged roles by "
        "task'), then remove the Global Administrator eligibility through PIM (roleEligibilityScheduleRequests "
        "with action adminRemove)."
    ),
    references=(
        "https://learn.microsoft.com/entra/identity/role-based-access-control/delegate-by-task",
        "CISA SCuBA MS.AAD.7.2v1",
        "NIST SP 800-53 AC-6",
        "NIST CSF 2.0 PR.AA-05",
    ),
    tags=("scuba",),
)
def check(ctx: RuleContext) -> Iterator[Finding]:
    """Fail when Global Administrators dominate the privileged users."""
    roles = option_roles(ctx, ctx.roles.privileged) | {GLOBAL_ADMIN}
    holdings = [h for h in ctx.graph.holdings if h.role_id in roles]
    if any(h.principal_kind in ("group", "unknown") for h in holdings) and not ctx.tenant.has("users", "groups"):
        yield ctx.not_evaluated("role holders cannot be resolved to users: the export lacks 'users' or 'groups'")
        return
    users = {h.principal_id for h in holdings if h.principal_kind == "user"}
    ga = {h.principal_id for h in holdings if h.principal_kind == "user" and h.role_id == GLOBAL_ADMIN}
    others = users - ga
    share = len(ga) / len(users) if users else 0.0
    limit = float(ctx.option("max-ga-share"))
    res = ctx.resource(role_id=GLOBAL_ADMIN)
    actual = f"{len(ga)} Global Administrator(s), {len(others)} other privileged user(s) ({share:.0%})"
    too_many = len(ga) > len(others) if ctx.option("allow-equal") else len(ga) >= len(others)
    if ga and (too_many or not others):
        yield ctx.fail(res, f"{len(ga)} Global Administrators but only {len(others)} users with narrower admin roles",
                       expected="fewer Global Administrators than users with narrower admin roles", actual=actual)
    elif share > limit:
        yield ctx.fail(res, f"Global Administrators are {share:.0%} of privileged users (at most {limit:.0%})",
                       expected=f"at most {limit:.0%} of privileged users", actual=actual)
    else:
        yield ctx.passed(res, actual)
