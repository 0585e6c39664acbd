"""Activation requests reconstructed from PIM audit rows: pure functions over the model.

A request's rows share a request id (``additionalDetails.RequestId``, else the ``Request`` target,
else ``correlationId``): requested → approval requested → approved/denied → completed (or
canceled, failed, timed out). The end of an activation — ``Remove member from role (PIM activation
expired)`` or a completed deactivation — carries its own request id; it is joined to the
activation it names (``RoleAssignmentRequestId``/``OriginRoleAssignmentId``) or else to the latest
completed, not yet ended activation of the same principal, role and scope before it.
"""

from __future__ import annotations

import bisect
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime, timedelta
from operator import attrgetter
from typing import NamedTuple

from pimlint.model import Tenant
from pimlint.model.activity import ActivityKind, AuditEvent, TargetKind

_ACTIVATION_KINDS = frozenset((
    ActivityKind.REQUESTED, ActivityKind.APPROVAL_REQUESTED, ActivityKind.APPROVED, ActivityKind.DENIED,
    ActivityKind.COMPLETED, ActivityKind.CANCELED, ActivityKind.REQUEST_EXPIRED,
))
_END_KINDS = frozenset((ActivityKind.DEACTIVATED, ActivityKind.EXPIRED))


@dataclass(frozen=True, slots=True)
class Decision:
    """An approval or denial: who, when."""

    actor_id: str | None
    actor: str | None
    time: datetime


class ActivationRequest(NamedTuple):
    """One activation request and everything the audit log says about it.

    The derived values (outcome, approvals, durations, justification) are worked out in one pass
    over the request's rows when it is rebuilt (``_request``): every operations rule and the KPIs
    read them, and a large tenant has hundreds of thousands of requests (an immutable tuple is the
    cheapest record to build that many of).
    """

    key: str
    target_kind: TargetKind
    principal_id: str | None
    principal: str | None
    role_id: str | None
    role: str | None
    scope: str
    events: tuple[AuditEvent, ...]
    """The request's own rows, oldest first (ends excluded)."""
    submitted_at: datetime
    """When the request was made (its requested row, else its first row)."""
    approvals: tuple[Decision, ...]
    """Approvals, in order (multi-stage approval has several)."""
    denial: Decision | None
    needed_approval: bool
    """An approval was asked for, given or refused."""
    completed: AuditEvent | None
    """The successful completion row: the role was granted."""
    failures: tuple[AuditEvent, ...]
    """Rows with result failure or timeout (MFA not met, policy violation, ...)."""
    outcome: str
    """``completed``, ``denied``, ``failed``, ``canceled``, ``timed_out`` or ``pending``."""
    granted: timedelta | None
    """ExpirationTime − StartTime of the completion row."""
    requested: timedelta | None
    """ExpirationTime − StartTime as requested (the request row, else any row)."""
    approval_wait: timedelta | None
    """From the request to its (last) approval, where both are logged."""
    justification: str | None
    """The requester's justification, as logged."""
    ticket: str | None
    """``system number`` of the ticket given, if any."""
    end: AuditEvent | None = None
    """The expiry or deactivation row that ended the activation (the last field: ``reconstruct``
    sets it by rebuilding the tuple)."""


def _key(e: AuditEvent) -> str:
    return e.request_id or e.correlation_id or e.id


def reconstruct(events: tuple[AuditEvent, ...]) -> tuple[ActivationRequest, ...]:
    """Activation requests from audit rows, each with its end row where logged.

    ``events`` must be oldest first, ties by id, as ``Tenant.audit_events`` holds them: each
    request's rows are then in order as they are gathered.
    """
    rows: dict[str, list[AuditEvent]] = defaultdict(list)
    ends: list[AuditEvent] = []
    for e in events:
        if e.kind in _ACTIVATION_KINDS:
            rows[_key(e)].append(e)
        elif e.kind in _END_KINDS and not e.failed:
            ends.append(e)
    requests = {key: _request(key, group) for key, group in rows.items()}
    ended = _join_ends(requests, ends)
    out = [ActivationRequest(*r[:-1], ended[key]) if key in ended else r for key, r in requests.items()]
    out.sort(key=_REQUEST_ORDER)
    return tuple(out)


_APPROVAL_STEPS = frozenset((ActivityKind.APPROVAL_REQUESTED, ActivityKind.APPROVED, ActivityKind.DENIED))
_FAILED = ("failure", "timeout")
_REQUEST_ORDER = attrgetter("submitted_at", "key")


def _outcome(first: dict[ActivityKind, AuditEvent], failed: bool) -> str:
    if ActivityKind.COMPLETED in first:
        return "completed"
    if ActivityKind.DENIED in first:
        return "denied"
    if failed:
        return "failed"
    if ActivityKind.CANCELED in first:
        return "canceled"
    if ActivityKind.REQUEST_EXPIRED in first:
        return "timed_out"
    return "pending"


def _span(spans: dict[ActivityKind, timedelta], *kinds: ActivityKind) -> timedelta | None:
    return next((spans[k] for k in kinds if k in spans), None)


def _request(key: str, group: list[AuditEvent]) -> ActivationRequest:
    """One request (its ``end`` not yet known), every derived value in one pass over its rows."""
    principal_id = principal = role_id = role = justification = number = system = None
    scope = "/"
    first: dict[ActivityKind, AuditEvent] = {}
    """The first row of each kind that did not fail."""
    spans: dict[ActivityKind, timedelta] = {}
    """ExpirationTime − StartTime of the first row of each kind that logs both."""
    approvals: list[Decision] = []
    failures: list[AuditEvent] = []
    needed_approval = False
    for e in group:  # the first row usually names everything: later rows are read only for gaps
        kind = e.kind
        if not principal_id:
            principal_id = e.principal_id
        if not principal:
            principal = e.principal
        if not role_id:
            role_id = e.role_id
        if not role:
            role = e.role
        if not justification:
            justification = e.justification
        if not number:
            number = e.ticket_number
        if not system:
            system = e.ticket_system
        if scope == "/":
            scope = e.scope
        if kind in _APPROVAL_STEPS:
            needed_approval = True
        if kind not in spans and e.start is not None and e.expiration is not None:
            spans[kind] = e.expiration - e.start
        if e.result in _FAILED:
            failures.append(e)
            continue
        if kind not in first:
            first[kind] = e
        if kind is ActivityKind.APPROVED:
            approvals.append(Decision(e.actor_id, e.actor, e.time))
    denied = first.get(ActivityKind.DENIED)
    completed = first.get(ActivityKind.COMPLETED)
    asked = first.get(ActivityKind.REQUESTED) or first.get(ActivityKind.APPROVAL_REQUESTED)
    return ActivationRequest(
        key, group[0].target_kind, principal_id, principal, role_id, role, scope, tuple(group),
        submitted_at=(first.get(ActivityKind.REQUESTED) or group[0]).time,
        approvals=tuple(approvals),
        denial=Decision(denied.actor_id, denied.actor, denied.time) if denied is not None else None,
        needed_approval=needed_approval,
        completed=completed,
        failures=tuple(failures),
        outcome=_outcome(first, bool(failures)),
        granted=spans.get(ActivityKind.COMPLETED) if completed is not None else None,
        requested=_span(spans, ActivityKind.REQUESTED, ActivityKind.APPROVAL_REQUESTED, ActivityKind.COMPLETED),
        approval_wait=approvals[-1].time - asked.time if approvals and asked is not None else None,
        justification=justification,
        ticket=" ".join(p for p in (system, number) if p) if number else None,
    )


def _join_ends(requests: dict[str, ActivationRequest], ends: list[AuditEvent]) -> dict[str, AuditEvent]:
    """Activation key → the row that ended it."""
    ended: dict[str, AuditEvent] = {}
    loose: list[AuditEvent] = []
    for e in ends:
        named = next((k for k in (e.origin_id, e.request_id, e.correlation_id) if k and k in requests), None)
        if named is not None and named not in ended and requests[named].completed is not None:
            ended[named] = e
        else:
            loose.append(e)
    if not loose:
        return ended
    starts: dict[tuple[object, ...], list[tuple[datetime, str]]] = defaultdict(list)
    for r in requests.values():
        done = r.completed
        if done is not None and r.key not in ended:
            starts[(r.target_kind, r.principal_id, r.role_id, r.scope)].append((done.time, r.key))
    for candidates in starts.values():
        candidates.sort()
    for e in loose:
        candidates = starts.get((e.target_kind, e.principal_id, e.role_id, e.scope), [])
        index = bisect.bisect_right(candidates, (e.time, "\uffff")) - 1
        while index >= 0 and candidates[index][1] in ended:
            index -= 1
        if index >= 0:
            ended[candidates[index][1]] = e
    return ended


def activation_requests(tenant: Tenant) -> tuple[ActivationRequest, ...]:
    """The tenant's activation requests, reconstructed on each call; within a run, rules and KPIs
    share ``Facts.activation_requests`` (``ctx.activation_requests``), reconstructed once."""
    return reconstruct(tenant.audit_events)
