"""What a rule sees: the tenant model, the privilege graph, role classes, its options.

``Facts`` is computed once per run and shared by every rule; ``RuleContext`` adds the rule's own
metadata and options and the helpers that make findings.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from functools import cached_property
from typing import TYPE_CHECKING, Any

from pimlint.conditional_access import Directory
from pimlint.config import Settings
from pimlint.engine.findings import Finding, Resource, fingerprint
from pimlint.engine.metadata import RuleMeta
from pimlint.levels import Severity, Status
from pimlint.graph import PrivilegeGraph
from pimlint.model import Tenant, User
from pimlint.operations.requests import ActivationRequest, reconstruct
from pimlint.roleclasses import RoleClasses

if TYPE_CHECKING:
    from pimlint.waivers import WaiverOutcome


@dataclass(frozen=True)
class BreakGlass:
    """Declared break-glass accounts, resolved against the export."""

    declared: tuple[str, ...]
    user_ids: frozenset[str]
    unresolved: tuple[str, ...]


def resolve_break_glass(tenant: Tenant, declared: Iterable[str]) -> BreakGlass:
    """Match declared UPNs or object ids to users (case-insensitive)."""
    by_upn = {u.upn.lower(): u.id for u in tenant.users.values() if u.upn}
    found: set[str] = set()
    unresolved: list[str] = []
    names = tuple(declared)
    for entry in names:
        key = entry.strip().lower()
        if key in tenant.users:
            found.add(key)
        elif key in by_upn:
            found.add(by_upn[key])
        else:
            unresolved.append(entry)
    return BreakGlass(declared=names, user_ids=frozenset(found), unresolved=tuple(unresolved))


@dataclass
class Facts:
    """Per-run facts shared by all rules."""

    tenant: Tenant
    graph: PrivilegeGraph
    roles: RoleClasses
    settings: Settings
    break_glass: BreakGlass
    waivers: tuple[WaiverOutcome, ...] | None = None
    """Waiver outcomes, for the diagnostics rules that run after waivers are applied (``None``:
    waivers were not applied in this run)."""

    @cached_property
    def activation_requests(self) -> tuple[ActivationRequest, ...]:
        """The tenant's activation requests, reconstructed from its audit rows on first use and
        shared by every rule and the KPIs of this run."""
        return reconstruct(self.tenant.audit_events)

    @cached_property
    def ca_directory(self) -> Directory:
        """The Conditional Access view of users (transitive groups, held roles), shared by the CA rules."""
        return Directory(self.tenant, self.graph, self.roles.name)


@dataclass
class RuleContext:
    """The API a rule uses: data access plus ``fail``/``passed``/``not_evaluated``."""

    facts: Facts
    meta: RuleMeta
    options: dict[str, Any] = field(default_factory=dict)

    @property
    def tenant(self) -> Tenant:
        """The normalized export."""
        return self.facts.tenant

    @property
    def graph(self) -> PrivilegeGraph:
        """The privilege graph and holdings."""
        return self.facts.graph

    @property
    def roles(self) -> RoleClasses:
        """Role names and classes."""
        return self.facts.roles

    @property
    def settings(self) -> Settings:
        """The run's settings."""
        return self.facts.settings

    @property
    def break_glass(self) -> BreakGlass:
        """Declared break-glass accounts."""
        return self.facts.break_glass

    @property
    def activation_requests(self) -> tuple[ActivationRequest, ...]:
        """Activation requests reconstructed from the PIM audit log (``Facts.activation_requests``)."""
        return self.facts.activation_requests

    @property
    def as_of(self) -> datetime | None:
        """The reference time of every time-based judgement (never the wall clock)."""
        return self.tenant.info.as_of

    def option(self, name: str) -> Any:
        """An option value (defaults < profile < config)."""
        return self.options[name]

    def user(self, user_id: str) -> User | None:
        """A user by object id."""
        return self.tenant.users.get(user_id)

    def privileged_user_ids(self) -> list[str]:
        """Users holding any privileged role, sorted."""
        return sorted(
            {h.principal_id for h in self.graph.holdings if h.principal_kind == "user" and self.roles.is_privileged(h.role_id)}
        )

    def resource(
        self,
        principal_id: str | None = None,
        role_id: str | None = None,
        policy_id: str | None = None,
        scope: str | None = None,
        object_id: str | None = None,
        object_label: str | None = None,
        object_kind: str | None = None,
        detail: str | None = None,
    ) -> Resource:
        """A resource with labels filled in from the export."""
        info = self.tenant.info
        return Resource(
            tenant=info.label,
            tenant_id=info.id,
            principal_id=principal_id,
            principal=self.tenant.principal_label(principal_id) if principal_id else None,
            principal_kind=self.tenant.principal_kind(principal_id) if principal_id else None,
            role_id=role_id,
            role=self.roles.name(role_id) if role_id else None,
            policy_id=policy_id,
            scope=scope,
            object_id=object_id,
            object=object_label,
            object_kind=object_kind,
            detail=detail,
        )

    def _finding(
        self,
        status: Status,
        resource: Resource | None,
        message: str,
        severity: Severity | None,
        expected: str | None,
        actual: str | None,
        evidence: Iterable[str],
    ) -> Finding:
        res = resource if resource is not None else self.resource()
        return Finding(
            rule=self.meta.id,
            name=self.meta.name,
            category=self.meta.category,
            severity=severity or self.meta.severity,
            status=status,
            message=message,
            resource=res,
            expected=expected,
            actual=actual,
            evidence=tuple(evidence),
            fingerprint=fingerprint(self.meta.id, res),
        )

    def fail(
        self,
        resource: Resource | None,
        message: str,
        severity: Severity | None = None,
        expected: str | None = None,
        actual: str | None = None,
        evidence: Iterable[str] = (),
    ) -> Finding:
        """A violation."""
        return self._finding(Status.FAIL, resource, message, severity, expected, actual, evidence)

    def passed(self, resource: Resource | None, message: str, evidence: Iterable[str] = ()) -> Finding:
        """A resource that meets the rule."""
        return self._finding(Status.PASS, resource, message, None, None, None, evidence)

    def not_evaluated(self, message: str, resource: Resource | None = None) -> Finding:
        """The export lacks what the rule needs (say what is missing)."""
        return self._finding(Status.NOT_EVALUATED, resource, message, None, None, None, ())
