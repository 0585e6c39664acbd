"""Eligible for months, never activated.

## What it checks
Each eligibility — directory role (`roleEligibilityScheduleInstances`) or PIM for Groups — that
started at least `days` (90) days before as-of, and has no completed activation in the PIM audit
log during the last `days` days. A group's eligibility counts as used when any (nested) member
activated the role. Only when the audit log reaches back `days` days before as-of; otherwise the
rule is `not_evaluated` and says how many days the log covers.

## Example
`adm-bob` has been eligible for User Administrator since June 2025 and has not activated it in the
90 days the log covers: fail. An eligibility activated last month passes.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from datetime import datetime, timedelta

from pimlint.engine import Finding, RuleContext, Severity, rule
from pimlint.model.activity import TargetKind


@rule(
    id="PIM804",
    name="stale-eligibility",
    title="Eligible assignments are used (activated within the last 90 days) or removed",
    severity=Severity.MEDIUM,
    category="operations",
    requires=("directoryAudits", "roleEligibilityScheduleInstances"),
    options={"days": 90},
    rationale=(
        "An eligibility nobody uses is privilege without a business need: it widens the attack surface (a phished "
        "eligible account can still activate) and hides in reviews because it looks 'just in time'. Unused "
        "eligibilities should be removed and granted again when needed."
    ),
    remediation=(
        "Remove the eligibility, or have its owner confirm the need in an access review. Entra admin center → "
        "PIM → Microsoft Entra roles → Assignments → Eligible → Remove; schedule a PIM access review of the role. "
        "Graph: POST /roleManagement/directory/roleEligibilityScheduleRequests with action adminRemove."
    ),
    references=(
        "https://learn.microsoft.com/entra/id-governance/privileged-identity-management/pim-create-roles-and-resource-roles-review",
        "NIST SP 800-53 AC-6(7)",
        "NIST SP 800-53 AC-2(3)",
    ),
    tags=("operations",),
)
def check(ctx: RuleContext) -> Iterator[Finding]:
    """Fail eligibilities older than the period without an activation in it."""
    days = int(ctx.option("days"))
    if ctx.as_of is None:
        yield ctx.not_evaluated("the export has no reference time (manifest exportedAt or --as-of)")
        return
    events = ctx.tenant.audit_events
    covered = (ctx.as_of - events[0].time) / timedelta(days=1) if events else 0.0
    if covered < days:
        since = f" (first event {events[0].time.date().isoformat()})" if events else ""
        yield ctx.not_evaluated(f"the audit log covers {covered:.0f} days before as-of{since}; {days} days needed")
        return
    cutoff = ctx.as_of - timedelta(days=days)
    last: dict[tuple[str, str | None, str], dict[str, datetime]] = defaultdict(dict)
    for req in ctx.activation_requests:
        done = req.completed
        if done is not None and req.principal_id:
            scope = req.scope if req.target_kind is TargetKind.GROUP else "/"
            seen = last[(req.target_kind.value, req.role_id, scope)]
            seen[req.principal_id] = max(done.time, seen.get(req.principal_id, done.time))
    members = _members(ctx)
    checks = [(a.principal_id, a.start, TargetKind.DIRECTORY_ROLE.value, a.role_id, "/", ctx.resource(
        principal_id=a.principal_id, role_id=a.role_id)) for a in ctx.tenant.eligible_assignments]
    checks += [(g.principal_id, g.start, TargetKind.GROUP.value, g.access, g.group_id, ctx.resource(
        principal_id=g.principal_id, object_id=g.group_id, object_kind="group", detail=g.access,
        object_label=ctx.tenant.groups[g.group_id].label if g.group_id in ctx.tenant.groups else None))
        for g in ctx.tenant.group_assignments if g.kind.value == "eligible"]
    for principal_id, start, kind, role, scope, res in checks:
        if start is not None and start > cutoff:
            continue
        who = {principal_id, *members.get(principal_id, ())}
        seen = last.get((kind, role, scope), {})
        used = [seen[p] for p in who if p in seen]
        newest = max(used) if used else None
        name = ctx.tenant.principal_label(principal_id)
        since = start.date().isoformat() if start else "no start date"
        if newest is not None and newest >= cutoff:
            yield ctx.passed(res, f"{name} last activated on {newest.date().isoformat()}")
            continue
        yield ctx.fail(
            res,
            f"{name} has been eligible since {since} and did not activate in the last {days} days",
            expected=f"an activation within {days} days, or no eligibility",
            actual=f"last activation: {newest.date().isoformat() if newest else 'none in the audit log'}",
            evidence=[f"eligible since {since}", f"audit log covers {covered:.0f} days before as-of"],
        )


def _members(ctx: RuleContext) -> dict[str, set[str]]:
    """Group id → every (nested) member id."""
    out: dict[str, set[str]] = defaultdict(set)
    for group_id in ctx.tenant.groups:
        todo, seen = [group_id], {group_id}
        while todo:
            group = ctx.tenant.groups.get(todo.pop())
            for member in group.member_ids if group else ():
                if member not in seen:
                    seen.add(member)
                    out[group_id].add(member)
                    todo.append(member)
    return out
