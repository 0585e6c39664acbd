"""The organization, role schedules (how assignments were made) and access review definitions."""

from __future__ import annotations

from datetime import datetime, timedelta

from pimlint.model.base import Frozen
from pimlint.model.roles import AccessKind


class Domain(Frozen):
    """A verified domain of the tenant."""

    name: str
    is_default: bool = False
    is_initial: bool = False


class Organization(Frozen):
    """The tenant object (``GET /organization``)."""

    id: str
    display_name: str | None = None
    domains: tuple[Domain, ...] = ()
    on_premises_sync_enabled: bool | None = None
    service_plan_ids: frozenset[str] = frozenset()
    """Service plans assigned to the tenant with capabilityStatus ``Enabled``."""


class RoleSchedule(Frozen):
    """A directory-role assignment or eligibility schedule (``roleAssignmentSchedules``,
    ``roleEligibilitySchedules``): the request that created it and its planned lifetime."""

    id: str
    kind: AccessKind
    principal_id: str
    role_id: str
    scope: str = "/"
    created_using: str | None = None
    status: str | None = None
    member_type: str | None = None
    assignment_type: str | None = None
    created: datetime | None = None
    start: datetime | None = None
    expiration_type: str | None = None
    """``noexpiration``, ``afterdatetime``, ``afterduration`` or ``notspecified``."""
    end: datetime | None = None
    duration: timedelta | None = None

    @property
    def is_permanent(self) -> bool:
        """Planned without an end."""
        return self.expiration_type in (None, "noexpiration", "notspecified") and self.end is None and self.duration is None


class AccessReview(Frozen):
    """An access review series (``accessReviewDefinitions``).

    ``role_ids`` are the directory role ids its scope queries name (lower-cased); ``group_ids`` the
    groups it reviews. ``recurrence`` is ``(pattern type, interval)`` or ``None`` for a one-time review.
    """

    id: str
    display_name: str | None = None
    status: str | None = None
    scope_queries: tuple[str, ...] = ()
    role_ids: tuple[str, ...] = ()
    group_ids: tuple[str, ...] = ()
    reviewer_queries: tuple[str, ...] = ()
    recurrence: tuple[str, int] | None = None
    range_end: str | None = None
    auto_apply: bool | None = None
    default_decision: str | None = None
    instance_duration_days: int | None = None
    created: datetime | None = None
    last_modified: datetime | None = None

    @property
    def is_active(self) -> bool:
        """Not completed (a recurring review stays ``InProgress``/``NotStarted`` between instances)."""
        return (self.status or "").lower() not in ("completed", "autoreviewed")

    @property
    def interval_days(self) -> float | None:
        """Days between instances, ``None`` for a one-time review."""
        if self.recurrence is None:
            return None
        kind, interval = self.recurrence
        unit = {"daily": 1, "weekly": 7, "absolutemonthly": 30, "relativemonthly": 30,
                "absoluteyearly": 365, "relativeyearly": 365}.get(kind)
        return unit * max(interval, 1) if unit is not None else None
