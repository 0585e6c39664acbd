"""Realistic PIM ``directoryAudit`` rows (graph-export-format.md §8.1), written for these tests.

Activity names and ``additionalDetails`` keys are the real ones; ``targetResources`` follow the
observed Role / Request / principal / Directory-or-group / Other layout.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

from pimlint.roleclasses import builtin_roles

REQUESTED = "Add member to role requested (PIM activation)"
APPROVAL_REQUESTED = "Add member to role approval requested (PIM activation)"
APPROVED = "Add member to role request approved (PIM activation)"
DENIED = "Add member to role request denied (PIM activation)"
COMPLETED = "Add member to role completed (PIM activation)"
DEACTIVATE_REQUESTED = "Remove member from role requested (PIM deactivate)"
DEACTIVATED = "Remove member from role completed (PIM deactivate)"
EXPIRED = "Remove member from role (PIM activation expired)"
SETTING_UPDATED = "Update role setting in PIM"
_NS = uuid.UUID("0f3c2b1a-4d5e-4f60-8a7b-9c8d7e6f5a4b")


def stamp(value: datetime) -> str:
    """Graph's 7-digit fractional UTC timestamp."""
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%f") + "0Z"


def parse(value: str) -> datetime:
    """``2026-10-14T09:00:00Z`` → aware datetime."""
    return datetime.fromisoformat(value.replace("Z", "+00:00"))


def _user(user: dict[str, Any] | None) -> dict[str, Any]:
    if user is None:
        return {"id": None, "displayName": "Azure AD PIM", "userPrincipalName": None, "ipAddress": None,
                "userType": None, "homeTenantId": None, "homeTenantName": None}
    return {"id": user["id"], "displayName": user["displayName"], "userPrincipalName": user["userPrincipalName"],
            "ipAddress": "203.0.113.24", "userType": None, "homeTenantId": None, "homeTenantName": None}


def audit_row(activity: str, when: datetime, *, principal: dict[str, Any], role: str, request: str,
              actor: dict[str, Any] | None, tenant: str, result: str = "success", reason: str | None = None,
              start: datetime | None = None, end: datetime | None = None, justification: str | None = None,
              ticket: str | None = None, group: dict[str, Any] | None = None) -> dict[str, Any]:
    """One audit row. ``principal``/``actor``/``group`` are user/group records; ``actor=None`` is PIM itself."""
    row_id = f"PIM_{uuid.uuid5(_NS, request)}_{uuid.uuid5(_NS, activity + stamp(when))}_{int(when.timestamp() * 1e7)}"
    if group is None:
        name = builtin_roles()[role].name if role in builtin_roles() else "Custom role"
        role_target = {"id": role, "displayName": name, "type": "Role", "modifiedProperties": [
            {"displayName": "RoleDefinitionOriginId", "oldValue": "\"\"", "newValue": f"\"{role}\""},
            {"displayName": "TemplateId", "oldValue": "\"\"", "newValue": f"\"{role}\""}]}
        resource = {"id": tenant, "displayName": "Contoso", "type": "Directory", "modifiedProperties": []}
        details = [{"key": "RoleDefinitionOriginId", "value": role}, {"key": "RoleDefinitionOriginType", "value": "BuiltInRole"},
                   {"key": "TemplateId", "value": role}]
    else:
        role_target = {"id": role, "displayName": role.title(), "type": "Role", "modifiedProperties": []}
        resource = {"id": group["id"], "displayName": group["displayName"], "type": "Group", "modifiedProperties": []}
        details = []
    if start is not None and end is not None:
        details += [{"key": "StartTime", "value": stamp(start)}, {"key": "ExpirationTime", "value": stamp(end)}]
    if justification is not None:
        details.append({"key": "Justification", "value": justification})
    if ticket is not None:
        details += [{"key": "TicketNumber", "value": ticket}, {"key": "TicketSystem", "value": "ServiceNow"}]
    details += [{"key": "ipaddr", "value": "203.0.113.24"}, {"key": "RequestId", "value": request}]
    return {
        "id": row_id, "category": "GroupManagement" if group else "RoleManagement", "correlationId": request,
        "result": result, "resultReason": reason if reason is not None else (justification or ""),
        "activityDisplayName": activity, "activityDateTime": stamp(when), "loggedByService": "PIM",
        "operationType": "Update", "initiatedBy": {"app": None, "user": _user(actor)},
        "targetResources": [
            {**role_target, "userPrincipalName": None, "groupType": None},
            {"id": request, "displayName": None, "type": "Request", "userPrincipalName": None, "groupType": None,
             "modifiedProperties": []},
            {"id": principal["id"], "displayName": principal["displayName"], "type": "User",
             "userPrincipalName": principal["userPrincipalName"], "groupType": None, "modifiedProperties": []},
            {**resource, "userPrincipalName": None, "groupType": None},
            {"id": str(uuid.uuid5(_NS, "other" + request)), "displayName": None, "type": "Other",
             "userPrincipalName": None, "groupType": None, "modifiedProperties": []},
        ],
        "additionalDetails": details,
    }


def activation_rows(when: datetime, *, principal: dict[str, Any], role: str, tenant: str, hours: float = 2,
                    approver: dict[str, Any] | None = None, approve_minutes: float = 12, outcome: str = "completed",
                    justification: str | None = "CHG0042117 rotate app secret", ticket: str | None = "CHG0042117",
                    end: str | None = "expired", deactivate_minutes: float = 30,
                    group: dict[str, Any] | None = None) -> list[dict[str, Any]]:
    """The rows of one activation: request → (approval) → completion → expiry or deactivation.

    ``outcome`` is ``completed``, ``denied`` or ``failed`` (MFA not satisfied).
    """
    request = str(uuid.uuid5(_NS, f"{principal['id']}|{role}|{stamp(when)}"))
    common = dict(principal=principal, role=role, request=request, tenant=tenant, justification=justification,
                  ticket=ticket, group=group)
    wanted = (when, when + timedelta(hours=hours))
    if outcome == "failed":
        return [audit_row(REQUESTED, when, actor=principal, result="failure", start=wanted[0], end=wanted[1],
                          reason="RoleAssignmentRequestPolicyValidationFailed: MfaRule", **common)]
    rows = [audit_row(REQUESTED, when, actor=principal, start=wanted[0], end=wanted[1], **common)]
    granted_at = when + timedelta(seconds=4)
    if approver is not None:
        decided = when + timedelta(minutes=approve_minutes)
        rows.append(audit_row(APPROVAL_REQUESTED, when + timedelta(seconds=1), actor=principal, **common))
        if outcome == "denied":
            rows.append(audit_row(DENIED, decided, actor=approver, reason="Not an approved change", **common))
            return rows
        rows.append(audit_row(APPROVED, decided, actor=approver, reason="OK, CAB approved", **common))
        granted_at = decided + timedelta(seconds=3)
    until = granted_at + timedelta(hours=hours)
    rows.append(audit_row(COMPLETED, granted_at, actor=principal, start=granted_at, end=until, **common))
    if end == "expired":
        rows.append(audit_row(EXPIRED, until, actor=None, **{**common, "request": request + "-end"}))
    elif end == "deactivated":
        off = granted_at + timedelta(minutes=deactivate_minutes)
        for activity in (DEACTIVATE_REQUESTED, DEACTIVATED):
            rows.append(audit_row(activity, off, actor=principal, **{**common, "request": request + "-off"}))
    return rows
