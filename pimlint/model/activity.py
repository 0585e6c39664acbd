"""PIM audit events (``directoryAudits``), reduced to what the operations rules and KPIs read.

One ``AuditEvent`` per audit row. The activity name is classified into an ``ActivityKind``; the
role, principal, scope, request id, schedule and justification are lifted out of
``targetResources`` and ``additionalDetails`` by ``loading/normalizers/audit.py``. Reconstructing
activation requests from these rows is ``pimlint.operations.requests``' job, not the model's.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from pimlint.model.base import Bulk


class ActivityKind(StrEnum):
    """The step of an activation's life an audit row records (graph-export-format.md §8.1)."""

    REQUESTED = "requested"
    APPROVAL_REQUESTED = "approval_requested"
    APPROVED = "approved"
    DENIED = "denied"
    COMPLETED = "completed"
    CANCELED = "canceled"
    REQUEST_EXPIRED = "request_expired"
    """Nobody approved in time: ``PIM activation request expired``."""
    DEACTIVATE_REQUESTED = "deactivate_requested"
    DEACTIVATED = "deactivated"
    EXPIRED = "expired"
    """The activation ran out: ``Remove member from role (PIM activation expired)``."""
    OTHER = "other"
    """Any other PIM activity (admin assignments, settings, alerts)."""


class TargetKind(StrEnum):
    """What an activation grants: a directory role, PIM-for-Groups access, or an Azure resource role."""

    DIRECTORY_ROLE = "directoryRole"
    GROUP = "group"
    AZURE_RESOURCE = "azureResource"


class AuditEvent(Bulk):
    """One PIM audit row. Ids are lower-cased; absent values are ``None``."""

    id: str
    time: datetime
    activity: str
    kind: ActivityKind
    target_kind: TargetKind
    result: str | None = None
    """``success``, ``failure``, ``timeout`` (lower-cased)."""
    result_reason: str | None = None
    correlation_id: str | None = None
    request_id: str | None = None
    """``additionalDetails.RequestId``, else the id of the ``Request`` target resource."""
    origin_id: str | None = None
    """``RoleAssignmentRequestId`` / ``OriginRoleAssignmentId``: the activation an end row refers to."""
    actor_id: str | None = None
    actor: str | None = None
    """Who acted (UPN, else display name); for approvals and denials, the approver."""
    actor_is_system: bool = False
    """PIM itself acted (``Azure AD PIM`` / ``MS-PIM``), e.g. on expiry."""
    principal_id: str | None = None
    principal: str | None = None
    role_id: str | None = None
    """Role template id (directory roles), ``member``/``owner`` (PIM for Groups) or the role definition id."""
    role: str | None = None
    scope: str = "/"
    """``/`` for the directory, the group id for PIM for Groups, the resource id for Azure roles."""
    start: datetime | None = None
    expiration: datetime | None = None
    justification: str | None = None
    ticket_number: str | None = None
    ticket_system: str | None = None

    @property
    def failed(self) -> bool:
        """The row records a failure or a timeout."""
        return self.result in ("failure", "timeout")
