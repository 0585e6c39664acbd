"""PIM8xx rule cases (fail, pass and not_evaluated for each rule), appended to ``tests/rules/cases.py``.

The golden tenant's audit log (``tests.builders._operations_history``) runs from 2026-08-03 to
October 2026: weekday-morning activations, approved for critical roles, ticketed justifications.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

from pimlint.levels import Status
from tests.builders import GA, USER_ADMIN, TenantBuilder, gid

F, P, N = Status.FAIL, Status.PASS, Status.NOT_EVALUATED
MONDAY = datetime(2026, 10, 5, 8, 0, tzinfo=UTC)
"""Monday 5 October 2026, 10:00 in Berlin."""


def _activate(name: str, role: str, when: datetime | str, **fields: Any) -> Callable[[TenantBuilder], None]:
    return lambda t: t.activation(gid(name), role, when, **fields)


def _many(name: str, role: str, times: list[datetime], **fields: Any) -> Callable[[TenantBuilder], None]:
    def mutate(t: TenantBuilder) -> None:
        for when in times:
            t.activation(gid(name), role, when, **fields)

    return mutate


def _weekdays(n: int, start: datetime = MONDAY, hours_apart: int = 0) -> list[datetime]:
    """``n`` activations on consecutive weekdays (or ``hours_apart`` hours apart on one stretch)."""
    if hours_apart:
        return [start + timedelta(hours=hours_apart * i) for i in range(n)]
    days = [start + timedelta(days=d) for d in range(3 * n)]
    return [d for d in days if d.weekday() < 5][:n]


def _forget(name: str) -> Callable[[TenantBuilder], None]:
    """Drop every audit row about a user (as requester)."""
    def mutate(t: TenantBuilder) -> None:
        t.sections["directoryAudits"] = [r for r in t.sections["directoryAudits"] if not any(
            x["type"] == "User" and x["id"] == gid(name) for x in r["targetResources"])]

    return mutate


def _drop_first_event(t: TenantBuilder) -> None:
    t.sections["directoryAudits"] = [r for r in t.sections["directoryAudits"]
                                     if r["activityDisplayName"] != "Update role setting in PIM"]


def _both(*mutations: Callable[[TenantBuilder], None]) -> Callable[[TenantBuilder], None]:
    def mutate(t: TenantBuilder) -> None:
        for m in mutations:
            m(t)

    return mutate


def operations_cases(case: Callable[..., Any], upn: Callable[[str], str], with_: Callable[..., Any]) -> tuple[Any, ...]:
    """The cases, built with the case table's own ``Case``, ``UPN`` and ``_with``."""
    from tests.builders import hardened

    def drop(*sections: str) -> Any:
        return with_(lambda t: t.drop(*sections))

    saturday_ga = _activate("adm-alice", GA, "2026-10-17T21:14:00Z", approver=gid("approver-1"))
    evening_ua = _activate("adm-bob", USER_ADMIN, "2026-10-14T18:30:00Z")
    long_ga = dict(approver=gid("approver-2"), hours=2)
    return (
        case("PIM801", "weekday-morning activations", hardened, P),
        case("PIM801", "GA activated on Saturday night", with_(saturday_ga), F, ((upn("adm-alice"), "Global Administrator"),)),
        case("PIM801", "20:30 in Berlin is off-hours", with_(evening_ua), F, ((upn("adm-bob"), "User Administrator"),)),
        case("PIM801", "config timezone wins over the manifest: 18:30 UTC", with_(evening_ua), P,
             settings={"timezone": "UTC"}),
        case("PIM801", "a seven-day shift until 23:30", with_(saturday_ga), P,
             settings={"business-hours": {"days": "Mon-Sun", "start": "07:00", "end": "23:30"}}),
        case("PIM801", "no timezone anywhere", with_(lambda t: t.manifest.pop("timezone")), N),
        case("PIM801", "no audit log", drop("directoryAudits"), N),
        case("PIM802", "one-hour activations of a two-hour maximum", hardened, P),
        case("PIM802", "three two-hour GA activations in a week", with_(_many("adm-alice", GA, _weekdays(3), **long_ga)), F,
             ((upn("adm-alice"), None),)),
        case("PIM802", "three long activations 35 days apart", with_(_many("adm-alice", GA, [
            MONDAY - timedelta(days=35), MONDAY, MONDAY + timedelta(days=35)], **long_ga)), P),
        case("PIM802", "no policies exported", with_(_both(_many("adm-alice", GA, _weekdays(3), **long_ga), lambda t: t.drop(
            "roleManagementPolicies", "roleManagementPolicyAssignments"))), N),
        case("PIM802", "no audit log", drop("directoryAudits"), N),
        case("PIM803", "one or two approvals per role", hardened, P),
        case("PIM803", "approver-1 approves six of six GA activations",
             with_(_many("adm-alice", GA, _weekdays(5), approver=gid("approver-1"))), F, ((None, "Global Administrator"),)),
        case("PIM803", "approvals split four to three", with_(_both(
            _many("adm-alice", GA, _weekdays(3), approver=gid("approver-1")),
            _many("adm-alice", GA, _weekdays(3, MONDAY + timedelta(days=7)), approver=gid("approver-2")))), P),
        case("PIM803", "no audit log", drop("directoryAudits"), N),
        case("PIM804", "every eligibility used in the last 90 days", hardened, P),
        case("PIM804", "adm-bob never activates User Administrator", with_(_forget("adm-bob")), F,
             ((upn("adm-bob"), "User Administrator"),)),
        case("PIM804", "audit log covers only 80 days", with_(_both(_forget("adm-bob"), _drop_first_event)), N),
        case("PIM804", "no audit log", drop("directoryAudits"), N),
        case("PIM805", "no failed activations", hardened, P),
        case("PIM805", "three MFA failures in an evening", with_(_many(
            "adm-bob", USER_ADMIN, _weekdays(3, MONDAY + timedelta(hours=9), hours_apart=1), outcome="failed")), F,
             ((upn("adm-bob"), None),)),
        case("PIM805", "two failures", with_(_many("adm-bob", USER_ADMIN, _weekdays(2), outcome="failed")), P),
        case("PIM805", "no audit log", drop("directoryAudits"), N),
        case("PIM806", "break-glass tests fall after the audit window", hardened, P),
        case("PIM806", "bg-01 signs in inside the window", with_(lambda t: t.sign_in(
            gid("bg-01"), "Azure Portal", "2026-08-22T22:00:00Z")), F, ((upn("bg-01"), None),)),
        case("PIM806", "no break-glass declared", with_(lambda t: t.break_glass.clear()), N),
        case("PIM806", "no sign-ins exported", drop("signIns"), N),
        case("PIM807", "ticketed, specific justifications", hardened, P),
        case("PIM807", "'fix' as a justification", with_(_activate("adm-bob", USER_ADMIN, MONDAY, justification="fix")), F,
             ((upn("adm-bob"), None),)),
        case("PIM807", "the same text five times", with_(_many("adm-bob", USER_ADMIN, _weekdays(5),
                                                                justification="Maintenance  work")), F,
             ((upn("adm-bob"), None),)),
        case("PIM807", "the same text four times", with_(_many("adm-bob", USER_ADMIN, _weekdays(4),
                                                               justification="maintenance work")), P),
        case("PIM807", "no audit log", drop("directoryAudits"), N),
        case("PIM808", "one activation per role", hardened, P),
        case("PIM808", "eleven User Administrator activations in a week", with_(_many(
            "adm-bob", USER_ADMIN, _weekdays(11, hours_apart=12))), F, ((upn("adm-bob"), "User Administrator"),)),
        case("PIM808", "ten in a week", with_(_many("adm-bob", USER_ADMIN, _weekdays(10, hours_apart=12))), P),
        case("PIM808", "no audit log", drop("directoryAudits"), N),
    )
