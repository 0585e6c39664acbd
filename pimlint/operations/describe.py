"""What the operations rules say about a request: its target in words, privilege, evidence lines."""

from __future__ import annotations

from datetime import datetime, timedelta

from pimlint.engine.context import RuleContext
from pimlint.engine.findings import Resource
from pimlint.model.activity import TargetKind
from pimlint.operations.requests import ActivationRequest
from pimlint.operations.window import BusinessClock
from pimlint.timeutil import format_hours


def target_label(ctx: RuleContext, req: ActivationRequest) -> str:
    """``Global Administrator``, ``member of PIM-Tier0``, or the Azure role and scope."""
    if req.target_kind is TargetKind.GROUP:
        group = ctx.tenant.groups.get(req.scope)
        return f"{req.role_id or 'member'} of {group.label if group else req.scope}"
    if req.target_kind is TargetKind.DIRECTORY_ROLE and req.role_id:
        name = ctx.roles.name(req.role_id)
        return name if name != req.role_id else (req.role or req.role_id)
    return f"{req.role or req.role_id or 'unknown role'} at {req.scope}"


def request_resource(ctx: RuleContext, req: ActivationRequest, principal: bool = True) -> Resource:
    """The finding resource of a request's target (and principal): role, or group and access."""
    who = req.principal_id if principal else None
    if req.target_kind is TargetKind.DIRECTORY_ROLE:
        return ctx.resource(principal_id=who, role_id=req.role_id, scope=None if req.scope == "/" else req.scope)
    label = ctx.tenant.groups[req.scope].label if req.scope in ctx.tenant.groups else None
    kind = "group" if req.target_kind is TargetKind.GROUP else "azureResource"
    return ctx.resource(principal_id=who, object_id=req.scope, object_label=label, object_kind=kind,
                        detail=req.role_id)


def max_duration(ctx: RuleContext, req: ActivationRequest) -> timedelta | None:
    """The activation maximum of the policy that governs the request's target, where exported."""
    if req.target_kind is TargetKind.DIRECTORY_ROLE and req.role_id:
        policy = ctx.tenant.role_policy(req.role_id)
    elif req.target_kind is TargetKind.GROUP:
        policy = ctx.tenant.group_policy(req.scope, req.role_id or "member")
    else:
        policy = None
    rule = policy.activation_expiration if policy is not None else None
    return rule.maximum_duration if rule is not None else None


def privileged_roles(ctx: RuleContext, req: ActivationRequest) -> tuple[str, ...]:
    """The privileged directory roles the request grants (for PIM for Groups: those the group holds)."""
    if req.target_kind is TargetKind.DIRECTORY_ROLE:
        return (req.role_id,) if req.role_id and ctx.roles.is_privileged(req.role_id) else ()
    if req.target_kind is TargetKind.GROUP:
        return tuple(r for r in ctx.graph.roles_of(req.scope) if ctx.roles.is_privileged(r))
    return ()


def principal_label(ctx: RuleContext, req: ActivationRequest) -> str:
    """The requester as a person reads it."""
    if req.principal_id and req.principal_id in ctx.tenant.users:
        return ctx.tenant.principal_label(req.principal_id)
    return req.principal or req.principal_id or "unknown principal"


def evidence(ctx: RuleContext, req: ActivationRequest, clock: BusinessClock | None = None) -> str:
    """One line per request: time, target, duration, approver, outcome."""
    when = clock.format(req.submitted_at) if clock else f"{req.submitted_at:%Y-%m-%d %H:%M} UTC"
    parts = [when, target_label(ctx, req), req.outcome]
    span = req.granted or req.requested
    if span is not None:
        parts.append(f"{'granted' if req.granted is not None else 'requested'} {format_hours(span)}")
    approvers = [a.actor or a.actor_id or "?" for a in req.approvals]
    if approvers:
        parts.append(f"approved by {', '.join(approvers)}")
    if req.denial is not None:
        parts.append(f"denied by {req.denial.actor or req.denial.actor_id or '?'}")
    if req.justification:
        parts.append(f"justification {req.justification!r}")
    return " · ".join(parts)


def densest(stamps: list[datetime], span: timedelta) -> tuple[int, int]:
    """The busiest stretch of ``span`` in sorted ``stamps``: (first index, count)."""
    best = (0, 0)
    lo = 0
    for hi, stamp in enumerate(stamps):
        while stamp - stamps[lo] > span:
            lo += 1
        if hi - lo + 1 > best[1]:
            best = (lo, hi - lo + 1)
    return best


def capped(lines: list[str], limit: int = 20, total: int | None = None) -> list[str]:
    """At most ``limit`` evidence lines, with a count of the rest (``total``: how many there are in
    all, when the caller formatted only the first ``limit``)."""
    count = len(lines) if total is None else total
    return lines if count <= limit else [*lines[:limit], f"… and {count - limit} more"]


def completed(reqs: tuple[ActivationRequest, ...]) -> list[ActivationRequest]:
    """Requests that granted the role."""
    return [r for r in reqs if r.completed is not None]
