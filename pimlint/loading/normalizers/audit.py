"""``directoryAudits``: PIM audit rows → ``AuditEvent`` (graph-export-format.md §8.1).

Activity names are matched loosely (case and spaces ignored). ``targetResources`` are matched on
``type``, never on position; ``additionalDetails`` keys case-insensitively. Timestamps inside
``additionalDetails`` (``StartTime``, ``ExpirationTime``) are parsed like any other field: a bad
one is an ``InputError`` naming the file and JSON path.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable, Iterator
from datetime import datetime
from operator import attrgetter
from typing import Any

from pimlint.loading.records import Rec
from pimlint.model.activity import ActivityKind, AuditEvent, TargetKind
from pimlint.timeutil import TimeFormatError, parse_datetime

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


_KIND_CACHE: dict[str, ActivityKind] = {}
_ORDER = attrgetter("time", "id")
"""Audit events oldest first, ties by id."""


def activity_kind(name: str | None) -> ActivityKind:
    """Classify an activity display name (case- and space-insensitive)."""
    text = name or ""
    kind = _KIND_CACHE.get(text)
    if kind is None:
        kind = _KINDS.get(_SPACES.sub("", text.lower()), ActivityKind.OTHER)
        if len(_KIND_CACHE) < 4096:
            _KIND_CACHE[text] = kind
    return kind


def _clean(value: Any) -> str | None:
    """A stripped, non-empty string, else ``None`` (the schema has checked the type already)."""
    if isinstance(value, str):
        value = value.strip()
        return value or None
    return None


def _lower_id(value: Any) -> str | None:
    text = _clean(value)
    return sys.intern(text.lower()) if text else None


def _shared(value: Any) -> Any:
    """Strings that recur across rows (activity and role names, UPNs) kept once in memory."""
    return sys.intern(value) if isinstance(value, str) else value


def _details(data: dict[str, Any]) -> dict[str, tuple[int, Any]]:
    """``additionalDetails`` by lower-cased key → (index, value); the first occurrence wins."""
    out: dict[str, tuple[int, Any]] = {}
    for index, item in enumerate(data.get("additionalDetails") or ()):
        key = item.get("key")
        if isinstance(key, str) and key:
            key = key.lower()
            if key not in out:
                out[key] = (index, item.get("value"))
    return out


def _text(details: dict[str, tuple[int, Any]], *keys: str) -> str | None:
    for key in keys:
        found = details.get(key)
        if found is not None:
            value = found[1]
            if isinstance(value, str):
                value = value.strip()
                if value:
                    return value
    return None


def _stamp(r: Rec, details: dict[str, tuple[int, Any]], key: str) -> datetime | None:
    found = details.get(key)
    value = _clean(found[1]) if found is not None else None
    if value is None:
        return None
    try:
        return parse_datetime(value)
    except TimeFormatError as exc:
        raise r.error(f"additionalDetails[{found[0]}].value", str(exc)) from None  # type: ignore[index]


def _actor(by: Any) -> tuple[str | None, str | None, bool]:
    """(id, label, is PIM itself) of ``initiatedBy``."""
    if not isinstance(by, dict):
        return None, None, False
    user = by.get("user")
    if isinstance(user, dict) and (user.get("id") or user.get("displayName") or user.get("userPrincipalName")):
        name, upn = _clean(user.get("displayName")), _clean(user.get("userPrincipalName"))
        system = not upn and (name or "").lower() in _SYSTEM_ACTORS
        return _lower_id(user.get("id")), upn or name, system
    app = by.get("app")
    if isinstance(app, dict):
        name = _clean(app.get("displayName"))
        system = (name or "").lower() in _SYSTEM_ACTORS
        ident = _lower_id(app.get("servicePrincipalId")) or _lower_id(app.get("appId"))
        return ident, name or _clean(app.get("servicePrincipalName")), system
    return None, None, False


def _targets(data: dict[str, Any]) -> tuple[Any, Any, Any, Any, list[Any]]:
    """(role, principal, request, other resource, groups) among ``targetResources``, by ``type``;
    the first of each kind wins."""
    role = principal = request = resource = None
    groups: list[Any] = []
    for target in data.get("targetResources") or ():
        kind = (target.get("type") or "").lower()
        if kind == "role":
            role = role or target
        elif kind in _PRINCIPAL_TYPES:
            principal = principal or target
        elif kind == "group":
            groups.append(target)
        elif kind == "request":
            request = request or target
        elif resource is None and kind not in _NOT_SCOPE_TYPES:
            resource = target
    return role, principal, request, resource, groups


def event_fields(r: Rec) -> dict[str, Any]:
    """One row as ``AuditEvent`` fields, every one, in order. The schema has typed every value, so
    fields are read straight from the dict; the model is built from them without a second
    validation (``Bulk.trusted``), or they travel from a worker process as they are: a 200,000-row
    log must load in seconds."""
    when = r.datetime("activityDateTime", event=True)
    if when is None:
        raise r.error("activityDateTime", "an audit row needs its activityDateTime")
    data = r.data
    details = _details(data)
    role, principal, request_target, resource, groups = _targets(data)
    target_kind = _TARGET_KINDS.get((data.get("category") or "").lower(), TargetKind.DIRECTORY_ROLE)
    if principal is None and groups and target_kind is not TargetKind.GROUP:
        principal = groups[0]
    role_id = _text(details, "templateid", "roledefinitionoriginid") or (_clean(role.get("id")) if role else None)
    role_label = role.get("displayName") if role else None
    scope = "/"
    if target_kind is TargetKind.GROUP:
        group = next((g for g in reversed(groups) if g is not principal), None)
        scope = (_lower_id(group.get("id")) or "/") if group is not None else "/"
        access = (role_label or role_id or "member").strip().lower()
        role_id = access if access in _GROUP_ACCESS else (role_id or "member")
    elif resource is not None:
        scope = _lower_id(resource.get("id")) or "/"
    actor_id, actor, system = _actor(data.get("initiatedBy"))
    activity = data.get("activityDisplayName") or ""
    result = data.get("result")
    return {
        "id": data.get("id") or "",
        "time": when,
        "activity": _shared(activity),
        "kind": activity_kind(activity),
        "target_kind": target_kind,
        "result": result.strip().lower() if isinstance(result, str) else None,
        "result_reason": data.get("resultReason"),
        "correlation_id": _lower_id(data.get("correlationId")),
        "request_id": (_text(details, "requestid") or "").lower()
        or (_lower_id(request_target.get("id")) if request_target else None),
        "origin_id": (_text(details, "roleassignmentrequestid", "originroleassignmentid") or "").lower() or None,
        "actor_id": actor_id,
        "actor": _shared(actor),
        "actor_is_system": system,
        "principal_id": _lower_id(principal.get("id")) if principal else None,
        "principal": _shared(principal.get("userPrincipalName") or principal.get("displayName")) if principal else None,
        "role_id": sys.intern(role_id.lower()) if role_id else None,
        "role": _shared(role_label),
        "scope": scope,
        "start": _stamp(r, details, "starttime"),
        "expiration": _stamp(r, details, "expirationtime"),
        "justification": _text(details, "justification"),
        "ticket_number": _text(details, "ticketnumber"),
        "ticket_system": _text(details, "ticketsystem"),
    }


def _event(r: Rec) -> AuditEvent:
    return AuditEvent.trusted(**event_fields(r))


def events(recs: Iterable[Rec]) -> Iterator[AuditEvent]:
    """The events of ``directoryAudits.json``, in file order."""
    return map(_event, recs)


def audit_events(recs: Iterable[Rec]) -> tuple[AuditEvent, ...]:
    """``directoryAudits.json``, oldest first (ties by id) so output never depends on file order."""
    return in_order(events(recs))


def in_order(found: Iterable[AuditEvent]) -> tuple[AuditEvent, ...]:
    """Events oldest first, ties by id."""
    return tuple(sorted(found, key=_ORDER))
