"""The organization, directory-role schedules and access review definitions."""

from __future__ import annotations

import re
from collections.abc import Iterable

from pimlint.loading.records import Rec
from pimlint.model.governance import AccessReview, Domain, Organization, RoleSchedule
from pimlint.model.roles import AccessKind

_ROLE_IN_QUERY = re.compile(r"(?:roleDefinitions/|roleDefinitionId eq ')([0-9a-fA-F-]{36})")
_GROUP_IN_QUERY = re.compile(r"/groups/([0-9a-fA-F-]{36})")


def organization(recs: Iterable[Rec]) -> Organization | None:
    """The first ``organization`` record (Graph returns exactly one)."""
    for r in recs:
        return Organization(
            id=r.required_id("id"),
            display_name=r.str("displayName"),
            domains=tuple(
                Domain(name=d.str("name") or "", is_default=bool(d.bool("isDefault")), is_initial=bool(d.bool("isInitial")))
                for d in r.children("verifiedDomains")
            ),
            on_premises_sync_enabled=r.bool("onPremisesSyncEnabled"),
            service_plan_ids=frozenset(
                p.id("servicePlanId") or ""
                for p in r.children("assignedPlans")
                if (p.lower("capabilityStatus") or "enabled") == "enabled" and p.id("servicePlanId")
            ),
        )
    return None


def schedules(recs: Iterable[Rec], kind: AccessKind) -> tuple[RoleSchedule, ...]:
    """``roleAssignmentSchedules`` / ``roleEligibilitySchedules``, sorted by role and principal."""
    out: list[RoleSchedule] = []
    for r in recs:
        info = r.child("scheduleInfo")
        expiration = info.child("expiration") if info else None
        out.append(
            RoleSchedule(
                id=r.str("id") or "",
                kind=kind,
                principal_id=r.required_id("principalId"),
                role_id=r.required_id("roleDefinitionId"),
                scope=r.str("directoryScopeId") or "/",
                created_using=r.str("createdUsing") or None,
                status=r.lower("status"),
                member_type=r.lower("memberType"),
                assignment_type=r.lower("assignmentType"),
                created=r.datetime("createdDateTime", event=True),
                start=info.datetime("startDateTime") if info else None,
                expiration_type=expiration.lower("type") if expiration else None,
                end=expiration.datetime("endDateTime") if expiration else None,
                duration=expiration.duration("duration") if expiration else None,
            )
        )
    return tuple(sorted(out, key=lambda s: (s.role_id, s.principal_id, s.scope, s.id)))


def _queries(scope: Rec | None) -> list[str]:
    if scope is None:
        return []
    found = [scope.str("query")] if scope.str("query") else []
    for key in ("principalScopes", "resourceScopes"):
        for child in scope.children(key):
            found.extend(_queries(child))
    return found


def access_reviews(recs: Iterable[Rec]) -> tuple[AccessReview, ...]:
    """``accessReviewDefinitions``, sorted by id."""
    out: list[AccessReview] = []
    for r in recs:
        queries = _queries(r.child("scope")) + _queries(r.child("instanceEnumerationScope"))
        settings = r.child("settings")
        recurrence = settings.child("recurrence") if settings else None
        pattern = recurrence.child("pattern") if recurrence else None
        range_ = recurrence.child("range") if recurrence else None
        text = " ".join(queries)
        out.append(
            AccessReview(
                id=r.required_id("id"),
                display_name=r.str("displayName"),
                status=r.lower("status"),
                scope_queries=tuple(queries),
                role_ids=tuple(sorted({m.lower() for m in _ROLE_IN_QUERY.findall(text)})),
                group_ids=tuple(sorted({m.lower() for m in _GROUP_IN_QUERY.findall(text)})),
                reviewer_queries=tuple(x.str("query") or "" for x in r.children("reviewers")),
                recurrence=(pattern.lower("type") or "", pattern.int("interval") or 1) if pattern else None,
                range_end=range_.str("endDate") if range_ else None,
                auto_apply=settings.bool("autoApplyDecisionsEnabled") if settings else None,
                default_decision=settings.lower("defaultDecision") if settings else None,
                instance_duration_days=settings.int("instanceDurationInDays") if settings else None,
                created=r.datetime("createdDateTime", event=True),
                last_modified=r.datetime("lastModifiedDateTime"),
            )
        )
    return tuple(sorted(out, key=lambda a: a.id))
