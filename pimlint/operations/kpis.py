"""The catalog's KPIs over the operations window (rule-catalog.md "KPIs").

Every KPI carries its window and the number of events it rests on; where the export lacks the
data, ``value`` is ``None`` and ``note`` says why. Percentiles use the nearest-rank method (the
smallest value with at least p % of the values at or below it); values are rounded to 2 decimals.
"""

from __future__ import annotations

import math
from collections import Counter
from datetime import datetime, timedelta

from pimlint.engine.context import Facts
from pimlint.model.activity import TargetKind
from pimlint.model.base import Frozen
from pimlint.operations.requests import ActivationRequest
from pimlint.operations.window import Window, data_window


class Kpi(Frozen):
    """One KPI: its value (``None`` when missing), unit, window and the events it rests on."""

    name: str
    value: int | float | None
    unit: str
    window_start: datetime | None
    window_end: datetime | None
    events: int
    note: str | None = None


class RoleActivity(Frozen):
    """Activation requests of one role (or group access) in the window."""

    target_kind: str
    role_id: str | None
    role: str
    scope: str
    succeeded: int
    failed: int
    denied: int


class ApproverLoad(Frozen):
    """Approvals one approver gave in the window."""

    approver: str
    approvals: int


class KpiReport(Frozen):
    """The KPI block of ``pimlint kpis`` and of the JSON report."""

    window_start: datetime | None
    window_end: datetime | None
    window_days: float | None
    window_source: str
    kpis: tuple[Kpi, ...]
    roles: tuple[RoleActivity, ...] = ()
    approvers: tuple[ApproverLoad, ...] = ()


def percentile(values: list[float], p: float) -> float:
    """Nearest-rank percentile of a non-empty list."""
    ordered = sorted(values)
    return ordered[max(1, math.ceil(p / 100 * len(ordered))) - 1]


def _kpi(name: str, value: int | float | None, unit: str, window: Window | None, events: int, note: str | None = None) -> Kpi:
    return Kpi(name=name, value=round(value, 2) if isinstance(value, float) else value, unit=unit,
               window_start=window.start if window else None, window_end=window.end if window else None,
               events=events, note=note)


def _governed(facts: Facts) -> Kpi:
    """Share of privileged users (break-glass excluded) whose every privileged holding is eligible or time-bound."""
    tenant, roles = facts.tenant, facts.roles
    standing: dict[str, bool] = {}
    for h in facts.graph.holdings:
        if h.principal_kind == "user" and roles.is_privileged(h.role_id) and h.principal_id not in facts.break_glass.user_ids:
            standing[h.principal_id] = standing.get(h.principal_id, False) or h.standing
    snapshot = Window(tenant.info.as_of, tenant.info.as_of, "as-of") if tenant.info.as_of else None
    if not tenant.has("roleAssignmentScheduleInstances", "roleEligibilityScheduleInstances") and not tenant.has("roleAssignments"):
        return _kpi("privileged_users_governed_pct", None, "%", snapshot, 0, "role assignments not exported")
    if not standing:
        return _kpi("privileged_users_governed_pct", None, "%", snapshot, 0, "no user holds a privileged role")
    governed = sum(not s for s in standing.values())
    return _kpi("privileged_users_governed_pct", 100 * governed / len(standing), "%", snapshot, len(standing),
                "snapshot at as-of")


def _in_window(reqs: tuple[ActivationRequest, ...], window: Window | None) -> list[ActivationRequest]:
    return [r for r in reqs if window is not None and window.contains(r.submitted_at)]


def _activations(facts: Facts, reqs: list[ActivationRequest], window: Window | None) -> list[Kpi]:
    missing = None if "directoryAudits" in facts.tenant.sections else "directoryAudits not exported"
    directory = [r for r in reqs if r.target_kind is TargetKind.DIRECTORY_ROLE]
    done = [r for r in directory if r.outcome == "completed"]
    bad = [r for r in directory if r.outcome in ("failed", "denied")]
    hours = [r.granted / timedelta(hours=1) for r in done if r.granted is not None]
    waits = [r.approval_wait / timedelta(minutes=1) for r in directory
             if r.role_id and facts.roles.is_critical(r.role_id) and r.approval_wait is not None]
    no_wait = missing or "no approved request of a critical role in the window"
    return [
        _kpi("activations_succeeded", None if missing else len(done), "requests", window, len(done), missing),
        _kpi("activations_failed", None if missing else len(bad), "requests", window, len(bad), missing),
        _kpi("avg_activation_hours", sum(hours) / len(hours) if hours else None, "hours", window, len(hours),
             None if hours else missing or "no completed activation with StartTime and ExpirationTime"),
        _kpi("approval_minutes_p50", percentile(waits, 50) if waits else None, "minutes", window, len(waits),
             None if waits else no_wait),
        _kpi("approval_minutes_p90", percentile(waits, 90) if waits else None, "minutes", window, len(waits),
             None if waits else no_wait),
    ]


def _break_glass(facts: Facts, window: Window | None) -> Kpi:
    if "signIns" not in facts.tenant.sections:
        return _kpi("breakglass_uses", None, "sign-ins", window, 0, "signIns not exported")
    if not facts.break_glass.user_ids:
        return _kpi("breakglass_uses", None, "sign-ins", window, 0, "no break-glass account declared")
    uses = [s for s in facts.tenant.sign_ins if s.user_id in facts.break_glass.user_ids and s.succeeded
            and window is not None and window.contains(s.created)]
    return _kpi("breakglass_uses", len(uses), "sign-ins", window, len(uses))


def _role_label(facts: Facts, r: ActivationRequest) -> str:
    if r.target_kind is TargetKind.DIRECTORY_ROLE and r.role_id:
        return facts.roles.name(r.role_id)
    if r.target_kind is TargetKind.GROUP:
        group = facts.tenant.groups.get(r.scope)
        return f"{r.role_id or 'member'} of {group.label if group else r.scope}"
    return r.role or r.role_id or "unknown role"


def _per_role(facts: Facts, reqs: list[ActivationRequest]) -> tuple[RoleActivity, ...]:
    counts: dict[tuple[str, str | None, str], Counter[str]] = {}
    labels: dict[tuple[str, str | None, str], str] = {}
    for r in reqs:
        key = (r.target_kind.value, r.role_id, r.scope)
        counts.setdefault(key, Counter())[r.outcome] += 1
        labels.setdefault(key, _role_label(facts, r))
    rows = [RoleActivity(target_kind=k[0], role_id=k[1], role=labels[k], scope=k[2], succeeded=c["completed"],
                         failed=c["failed"], denied=c["denied"]) for k, c in counts.items()]
    return tuple(sorted(rows, key=lambda x: (-x.succeeded, x.role, x.scope)))


def compute_kpis(facts: Facts, since: datetime | None = None, until: datetime | None = None) -> KpiReport:
    """All KPIs, per-role activation counts and the approver distribution over the window."""
    window = data_window(facts.tenant, since, until)
    reqs = _in_window(facts.activation_requests, window)
    approvers = Counter(a.actor or a.actor_id or "unknown approver" for r in reqs for a in r.approvals)
    activity = _activations(facts, reqs, window)
    return KpiReport(
        window_start=window.start if window else None,
        window_end=window.end if window else None,
        window_days=window.days if window else None,
        window_source=window.source if window else "none: no audit events or sign-ins in the export",
        kpis=(_governed(facts), *activity[:3], _break_glass(facts, window), *activity[3:]),
        roles=_per_role(facts, reqs),
        approvers=tuple(ApproverLoad(approver=a, approvals=n)
                        for a, n in sorted(approvers.items(), key=lambda kv: (-kv[1], kv[0]))),
    )
