"""What changed between two exports, in privilege terms (``pimlint diff OLD NEW``).

Pure functions over two tenants and their run results: privileged holders added or removed and
their access mode (eligible < active < standing), PIM policy settings of privileged roles — and of
the PIM-for-Groups access to groups that hold one — compared field by field, new escalation paths
(graph-category findings that appeared) and every failing finding that appeared or disappeared, by
fingerprint. Each change says whether it *weakens*,
*strengthens* or is *neutral* to posture; ``DiffReport.weakened`` drives ``--fail-on-weaken``.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import timedelta
from typing import Literal

from pimlint.engine.findings import Finding
from pimlint.graph import PrivilegeGraph, build_graph
from pimlint.levels import Status
from pimlint.model import Tenant
from pimlint.model.base import Frozen
from pimlint.model.policies import NOTIFICATION_RULE_IDS, RolePolicy
from pimlint.result import RunResult
from pimlint.roleclasses import RoleClasses
from pimlint.timeutil import format_hours

Effect = Literal["weaken", "strengthen", "neutral"]
MODES = ("eligible", "active", "standing")
"""Access modes, weakest first: holding a role standing is the most exposure."""
GRAPH_CATEGORY = "graph"


class Change(Frozen):
    """One change: what it is about, the field, old and new values, and its effect on posture."""

    kind: Literal["holder", "policy"]
    subject: str
    field: str
    old: str | None = None
    new: str | None = None
    effect: Effect


class FindingRef(Frozen):
    """A failing finding that appeared or disappeared."""

    rule: str
    name: str
    category: str
    severity: str
    message: str
    fingerprint: str


class Side(Frozen):
    """One of the two exports."""

    tenant: str
    as_of: str | None


class DiffReport(Frozen):
    """Everything that changed from ``old`` to ``new``."""

    old: Side
    new: Side
    changes: tuple[Change, ...]
    escalation_paths: tuple[FindingRef, ...]
    """New escalation paths: graph-category findings that appeared."""
    appeared: tuple[FindingRef, ...]
    disappeared: tuple[FindingRef, ...]

    def weakenings(self) -> list[Change]:
        """Changes that weaken posture."""
        return [c for c in self.changes if c.effect == "weaken"]

    @property
    def weakened(self) -> bool:
        """Posture got weaker: a weakening change or a new escalation path."""
        return bool(self.weakenings() or self.escalation_paths)


def _holdings(graph: PrivilegeGraph, roles: RoleClasses) -> dict[tuple[str, str], int]:
    """(principal, role) → strongest access mode index, for privileged roles."""
    out: dict[tuple[str, str], int] = {}
    for h in graph.holdings:
        if not roles.is_privileged(h.role_id):
            continue
        mode = 2 if h.standing else (1 if h.active else 0)
        key = (h.principal_id, h.role_id)
        out[key] = max(out.get(key, 0), mode)
    return out


Graphs = tuple[PrivilegeGraph, PrivilegeGraph]
"""The privilege graphs of the old and the new export."""


def holder_changes(
    old: Tenant, new: Tenant, old_roles: RoleClasses, new_roles: RoleClasses, graphs: Graphs
) -> list[Change]:
    """Privileged holders added/removed, and holders whose access mode changed."""
    before, after = _holdings(graphs[0], old_roles), _holdings(graphs[1], new_roles)
    changes = []
    for key in sorted(set(before) | set(after)):
        principal, role = key
        tenant, roles = (new, new_roles) if key in after else (old, old_roles)
        subject = f"{tenant.principal_label(principal)} ({tenant.principal_kind(principal)}) → {roles.name(role)}"
        was, now = before.get(key), after.get(key)
        if was == now:
            continue
        effect: Effect = "weaken" if was is None or (now is not None and now > was) else "strengthen"
        changes.append(Change(kind="holder", subject=subject, field="access",
                              old=None if was is None else MODES[was], new=None if now is None else MODES[now],
                              effect=effect))
    return changes


def policy_settings(p: RolePolicy, tenant: Tenant) -> dict[str, object]:
    """The compared settings of a policy by field name (``None``: the export does not say)."""
    expiry, enable, context = p.activation_expiration, p.activation_enablement, p.activation_auth_context
    approval, eligibility, assignment = p.activation_approval, p.eligibility_expiration, p.assignment_expiration
    fields: dict[str, object] = {
        "activation duration": expiry.maximum_duration if expiry else None,
        "MFA on activation": enable.requires_mfa if enable else None,
        "authentication context": context.is_enabled if context else None,
        "justification on activation": enable.requires_justification if enable else None,
        "ticket on activation": enable.requires_ticket if enable else None,
        "approval required": approval.is_approval_required if approval else None,
        "approvers": tuple(sorted(tenant.principal_label(a.id) if a.id else (a.description or a.kind)
                                  for a in approval.primary_approvers)) if approval else None,
        "eligibility expiration required": eligibility.is_expiration_required if eligibility else None,
        "eligibility maximum duration": eligibility.maximum_duration if eligibility else None,
        "active assignment expiration required": assignment.is_expiration_required if assignment else None,
        "active assignment maximum duration": assignment.maximum_duration if assignment else None,
    }
    for rule_id in NOTIFICATION_RULE_IDS:
        notification = p.notification(rule_id)
        fields[f"notification {rule_id.removeprefix('Notification_')}"] = (
            notification.reaches_someone if notification else None
        )
    return fields


def _effect(field: str, old: object, new: object) -> Effect:
    """Longer durations and protective switches turned off weaken; losing every approver weakens."""
    if old is None or new is None:
        return "neutral"
    if isinstance(old, timedelta) and isinstance(new, timedelta):
        return "weaken" if new > old else "strengthen"
    if isinstance(old, bool):
        return "strengthen" if new else "weaken"
    return "weaken" if field == "approvers" and old and not new else "neutral"


def _show(value: object) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool):
        return "on" if value else "off"
    if isinstance(value, timedelta):
        return format_hours(value)
    if isinstance(value, tuple):
        return ", ".join(str(v) for v in value) or "none"
    return str(value)


def policy_changes(old: Tenant, new: Tenant, roles: RoleClasses, graphs: Graphs) -> list[Change]:
    """Field-by-field changes of the PIM policies of privileged roles, then of the member/owner
    access to groups that hold a privileged role in either export (PIM for Groups)."""
    changes = []
    role_ids = {t for p in (*old.policies, *new.policies) if p.scope_type == "directoryrole" for t in p.targets}
    for role_id in sorted(r for r in role_ids if roles.is_privileged(r)):
        changes += _compare(roles.name(role_id), old.role_policy(role_id), new.role_policy(role_id), old, new)
    privileged = {h.principal_id for graph in graphs for h in graph.holdings
                  if h.principal_kind == "group" and roles.is_privileged(h.role_id)}
    accesses = {(p.scope_id, t) for p in (*old.policies, *new.policies) if p.scope_type == "group" for t in p.targets}
    for group_id, access in sorted(k for k in accesses if k[0] in privileged):
        tenant = new if group_id in new.groups else old
        subject = f"{access} of {tenant.principal_label(group_id)} (PIM for Groups)"
        changes += _compare(subject, old.group_policy(group_id, access), new.group_policy(group_id, access), old, new)
    return changes


def _compare(
    subject: str, before: RolePolicy | None, after: RolePolicy | None, old: Tenant, new: Tenant
) -> list[Change]:
    """The changes from one policy to the other (or that one of them is not exported)."""
    if before is None or after is None:
        return [Change(kind="policy", subject=subject, field="policy", effect="neutral",
                       old="exported" if before else "not exported", new="exported" if after else "not exported")]
    was, now = policy_settings(before, old), policy_settings(after, new)
    return [Change(kind="policy", subject=subject, field=name, old=_show(was[name]), new=_show(now[name]),
                   effect=_effect(name, was[name], now[name])) for name in was if was[name] != now[name]]


def _refs(findings: Iterable[Finding]) -> tuple[FindingRef, ...]:
    return tuple(FindingRef(rule=f.rule, name=f.name, category=f.category, severity=f.severity.value,
                            message=f.message, fingerprint=f.fingerprint) for f in findings)


def finding_changes(old: RunResult, new: RunResult) -> tuple[list[Finding], list[Finding]]:
    """Failing findings (waived or baselined included) that appeared and disappeared, by fingerprint."""
    open_ = (Status.FAIL, Status.WAIVED, Status.BASELINED)
    before = {f.fingerprint: f for f in old.findings if f.status in open_}
    after = {f.fingerprint: f for f in new.findings if f.status in open_}
    appeared = [f for fp, f in after.items() if fp not in before]
    gone = [f for fp, f in before.items() if fp not in after]
    return sorted(appeared, key=Finding.sort_key), sorted(gone, key=Finding.sort_key)


def _side(result: RunResult) -> Side:
    return Side(tenant=result.tenant_label(), as_of=result.as_of.isoformat() if result.as_of else None)


def diff_exports(
    old: Tenant, new: Tenant, old_result: RunResult, new_result: RunResult, old_roles: RoleClasses,
    new_roles: RoleClasses,
) -> DiffReport:
    """Compare two exports (and their results under the same settings)."""
    graphs = build_graph(old), build_graph(new)
    changes = holder_changes(old, new, old_roles, new_roles, graphs) + policy_changes(old, new, new_roles, graphs)
    appeared, gone = finding_changes(old_result, new_result)
    return DiffReport(
        old=_side(old_result),
        new=_side(new_result),
        changes=tuple(changes),
        escalation_paths=_refs(f for f in appeared if f.category == GRAPH_CATEGORY),
        appeared=_refs(appeared),
        disappeared=_refs(gone),
    )
