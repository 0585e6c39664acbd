"""``directoryAudits``: PIM audit rows → ``AuditEvent`` (graph-export-format.md §8.1).

Activity names are matched loosely (case and spaces ignored). ``targetResources`` are matched on
``type``, never on position; ``additionalDetails`` keys case-insensitively. Timestamps inside
``additionalDetails`` (``StartTime``, ``ExpirationTime``) are parsed like any other field: a bad
one is an ``InputError`` naming the file and JSON path.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import datetime

from pimlint.loading.records import Rec
from pimlint.model.activity import ActivityKind, AuditEvent, TargetKind

_SPACES = re.compile(r"\s+")

_KINDS = {
    "addmembertorolerequested(pimactivation)": ActivityKind.REQUESTED,
    "addmembertoroleapprovalrequested(pimactivation)": ActivityKind.APPROVAL_REQUESTED,
    "addmembertorolerequestapproved(pimactivation)": ActivityKind.APPROVED,
    "addmembertorolerequestdenied(pimactivation)": ActivityKind.DENIED,
    "addmembertorolecompleted(pimactivation)": ActivityKind.COMPLETED,
    "addmembertorolecanceled(pimactivation)": ActivityKind.CANCELED,
    "addmembertorolecancelled(pimactivation)": ActivityKind.CANCELED,
    "pimactivationrequestexpired": ActivityKind.REQUEST_EXPIRED,
    "removememberfromrolerequested(pimdeactivate)": ActivityKind.DEACTIVATE_REQUESTED,
    "removememberfromrolecompleted(pimdeactivate)": ActivityKind.DEACTIVATED,
    "removememberfromrole(pimactivationexpired)": ActivityKind.EXPIRED,
}
"""Loosely spelled activity name → kind (the same names appear under every PIM category)."""

_TARGET_KINDS = {"groupmanagement": TargetKind.GROUP, "resourcemanagement": TargetKind.AZURE_RESOURCE}
_PRINCIPAL_TYPES = ("user", "serviceprincipal")
_NOT_SCOPE_TYPES = frozenset(("role", "request", "user", "group", "serviceprincipal", "other", "directory"))
_SYSTEM_ACTORS = frozenset(("azure ad pim", "ms-pim", "mspim", "microsoft entra pim"))
_GROUP_ACCESS = frozenset(("member", "owner"))


def activity_kind(name: str | None) -> ActivityKind:
    """Classify an activity display name (case- and space-insensitive)."""
    return _KINDS.get(_SPACES.sub("", (name or "").lower()), ActivityKind.OTHER)


def _details(r: Rec) -> dict[str, Rec]:
    """``additionalDetails`` by lower-cased key (the first occurrence wins)."""
    out: dict[str, Rec] = {}
    for item in r.children("additionalDetails"):
        key = item.str("key")
        if key:
            out.setdefault(key.lower(), item)
    return out


def _text(details: dict[str, Rec], *keys: str) -> str | None:
    for key in keys:
        item = details.get(key)
        if item is not None:
            value = item.str("value")
            if value is not None and value.strip():
                return value.strip()
    return None


def _stamp(details: dict[str, Rec], key: str) -> datetime | None:
    item = details.get(key)
    return item.datetime("value") if item is not None else None


def _actor(r: Rec) -> tuple[str | None, str | None, bool]:
    """(id, label, is PIM itself) of ``initiatedBy``."""
    by = r.child("initiatedBy")
    if by is None:
        return None, None, False
    user = by.child("user")
    if user is not None and (user.str("id") or user.str("displayName") or user.str("userPrincipalName")):
        name = user.str("displayName")
        system = not user.str("userPrincipalName") and (name or "").strip().lower() in _SYSTEM_ACTORS
        return user.id("id"), user.str("userPrincipalName") or name, system
    app = by.child("app")
    if app is not None:
        name = app.str("displayName")
        system = (name or "").strip().lower() in _SYSTEM_ACTORS
        return app.id("servicePrincipalId") or app.id("appId"), name or app.str("servicePrincipalName"), system
    return None, None, False


def _event(r: Rec) -> AuditEvent:
    """One row; every value is typed here, so the model is constructed without re-validation."""
    when = r.datetime("activityDateTime", event=True)
    if when is None:
        raise r.error("activityDateTime", "an audit row needs its activityDateTime")
    details = _details(r)
    targets = [(t.lower("type") or "", t) for t in r.children("targetResources")]
    target_kind = _TARGET_KINDS.get(r.lower("category") or "", TargetKind.DIRECTORY_ROLE)
    role = next((t for kind, t in targets if kind == "role"), None)
    principal = next((t for kind, t in targets if kind in _PRINCIPAL_TYPES), None)
    groups = [t for kind, t in targets if kind == "group"]
    if principal is None and groups and target_kind is not TargetKind.GROUP:
        principal = groups[0]
    role_id = _text(details, "templateid", "roledefinitionoriginid") or (role.id("id") if role else None)
    role_label = role.str("displayName") if role else None
    scope = "/"
    if target_kind is TargetKind.GROUP:
        group = next((g for g in reversed(groups) if g is not principal), None)
        scope = (group.id("id") or "/") if group is not None else "/"
        access = (role_label or role_id or "member").strip().lower()
        role_id = access if access in _GROUP_ACCESS else (role_id or "member")
    else:
        resource = next((t for kind, t in targets if kind not in _NOT_SCOPE_TYPES), None)
        if resource is not None and resource.id("id"):
            scope = resource.id("id") or "/"
    request_target = next((t for kind, t in targets if kind == "request"), None)
    actor_id, actor, system = _actor(r)
    return AuditEvent.model_construct(
        id=r.str("id") or "",
        time=when,
        activity=r.str("activityDisplayName") or "",
        kind=activity_kind(r.str("activityDisplayName")),
        target_kind=target_kind,
        result=r.lower("result"),
        result_reason=r.str("resultReason"),
        correlation_id=r.id("correlationId"),
        request_id=(_text(details, "requestid") or "").lower() or (request_target.id("id") if request_target else None),
        origin_id=(_text(details, "roleassignmentrequestid", "originroleassignmentid") or "").lower() or None,
        actor_id=actor_id,
        actor=actor,
        actor_is_system=system,
        principal_id=principal.id("id") if principal else None,
        principal=(principal.str("userPrincipalName") or principal.str("displayName")) if principal else None,
        role_id=role_id.lower() if role_id else None,
        role=role_label,
        scope=scope,
        start=_stamp(details, "starttime"),
        expiration=_stamp(details, "expirationtime"),
        justification=_text(details, "justification"),
        ticket_number=_text(details, "ticketnumber"),
        ticket_system=_text(details, "ticketsystem"),
    )


def audit_events(recs: Iterable[Rec]) -> tuple[AuditEvent, ...]:
    """``directoryAudits.json``, oldest first (ties by id) so output never depends on file order."""
    return tuple(sorted((_event(r) for r in recs), key=lambda e: (e.time, e.id)))
