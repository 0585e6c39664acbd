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
from dataclasses import dataclass, replace
from functools import cached_property
from datetime import datetime, timedelta

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


@dataclass(frozen=True)
class ActivationRequest:
    """One activation request and everything the audit log says about it.

    Derived values are worked out once per request (``cached_property``): every operations rule
    and the KPIs read them, and a large tenant has hundreds of thousands of requests.
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
    end: AuditEvent | None = None
    """The expiry or deactivation row that ended the activation."""

    def _first(self, kind: ActivityKind) -> AuditEvent | None:
        return next((e for e in self.events if e.kind is kind and not e.failed), None)

    @cached_property
    def submitted_at(self) -> datetime:
        """When the request was made (its requested row, else its first row)."""
        first = self._first(ActivityKind.REQUESTED) or self.events[0]
        return first.time

    @cached_property
    def approvals(self) -> tuple[Decision, ...]:
        """Approvals, in order (multi-stage approval has several)."""
        return tuple(Decision(e.actor_id, e.actor, e.time) for e in self.events
                     if e.kind is ActivityKind.APPROVED and not e.failed)

    @cached_property
    def denial(self) -> Decision | None:
        """The denial, if any."""
        e = self._first(ActivityKind.DENIED)
        return Decision(e.actor_id, e.actor, e.time) if e is not None else None

    @cached_property
    def needed_approval(self) -> bool:
        """An approval was asked for, given or refused."""
        return any(e.kind in (ActivityKind.APPROVAL_REQUESTED, ActivityKind.APPROVED, ActivityKind.DENIED)
                   for e in self.events)

    @cached_property
    def completed(self) -> AuditEvent | None:
        """The successful completion row: the role was granted."""
        return self._first(ActivityKind.COMPLETED)

    @cached_property
    def failures(self) -> tuple[AuditEvent, ...]:
        """Rows with result failure or timeout (MFA not met, policy violation, ...)."""
        return tuple(e for e in self.events if e.failed)

    @cached_property
    def outcome(self) -> str:
        """``completed``, ``denied``, ``failed``, ``canceled``, ``timed_out`` or ``pending``."""
        kinds = {e.kind for e in self.events if not e.failed}
        if ActivityKind.COMPLETED in kinds:
            return "completed"
        if ActivityKind.DENIED in kinds:
            return "denied"
        if self.failures:
            return "failed"
        if ActivityKind.CANCELED in kinds:
            return "canceled"
        if ActivityKind.REQUEST_EXPIRED in kinds:
            return "timed_out"
        return "pending"

    def _schedule(self, kinds: tuple[ActivityKind, ...]) -> tuple[datetime, datetime] | None:
        for kind in kinds:
            for e in self.events:
                if e.kind is kind and e.start is not None and e.expiration is not None:
                    return e.start, e.expiration
        return None

    @cached_property
    def granted(self) -> timedelta | None:
        """ExpirationTime − StartTime of the completion row."""
        span = self._schedule((ActivityKind.COMPLETED,)) if self.completed is not None else None
        return span[1] - span[0] if span else None

    @cached_property
    def requested(self) -> timedelta | None:
        """ExpirationTime − StartTime as requested (the request row, else any row)."""
        span = self._schedule((ActivityKind.REQUESTED, ActivityKind.APPROVAL_REQUESTED, ActivityKind.COMPLETED))
        return span[1] - span[0] if span else None

    @cached_property
    def approval_wait(self) -> timedelta | None:
        """From the request to its (last) approval, where both are logged."""
        approvals = self.approvals
        start = self._first(ActivityKind.REQUESTED) or self._first(ActivityKind.APPROVAL_REQUESTED)
        if not approvals or start is None:
            return None
        return approvals[-1].time - start.time

    def _detail(self, name: str) -> str | None:
        return next((getattr(e, name) for e in self.events if getattr(e, name)), None)

    @cached_property
    def justification(self) -> str | None:
        """The requester's justification, as logged."""
        return self._detail("justification")

    @cached_property
    def ticket(self) -> str | None:
        """``system number`` of the ticket given, if any."""
        number = self._detail("ticket_number")
        system = self._detail("ticket_system")
        return " ".join(p for p in (system, number) if p) if number else None


def _key(e: AuditEvent) -> str:
    return e.request_id or e.correlation_id or e.id


def reconstruct(events: tuple[AuditEvent, ...]) -> tuple[ActivationRequest, ...]:
    """Activation requests from audit rows (oldest first), each with its end row where logged."""
    rows: dict[str, list[AuditEvent]] = defaultdict(list)
    ends: list[AuditEvent] = []
    for e in events:
        if e.kind in _ACTIVATION_KINDS:
            rows[_key(e)].append(e)
        elif e.kind in _END_KINDS and not e.failed:
            ends.append(e)
    requests = {key: _request(key, group) for key, group in rows.items()}
    ended = _join_ends(requests, ends)
    out = [replace(r, end=ended[r.key]) if r.key in ended else r for r in requests.values()]
    return tuple(sorted(out, key=lambda r: (r.submitted_at, r.key)))


def _request(key: str, group: list[AuditEvent]) -> ActivationRequest:
    def pick(attr: str) -> str | None:
        return next((getattr(e, attr) for e in group if getattr(e, attr)), None)

    ordered = tuple(sorted(group, key=lambda e: (e.time, e.id)))
    return ActivationRequest(
        key=key, target_kind=ordered[0].target_kind, principal_id=pick("principal_id"), principal=pick("principal"),
        role_id=pick("role_id"), role=pick("role"), scope=next((e.scope for e in ordered if e.scope != "/"), "/"),
        events=ordered,
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
