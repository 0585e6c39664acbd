"""The tenant aggregate: everything one export says, normalized and indexed by object id."""

from __future__ import annotations

from datetime import datetime
from functools import cached_property

from pimlint.model.activity import AuditEvent
from pimlint.model.azure import AzureSubscription
from pimlint.model.base import Frozen
from pimlint.model.conditional_access import AuthenticationStrength, ConditionalAccessPolicy, RegistrationDetails
from pimlint.model.directory import Application, Group, ServicePrincipal, SignIn, Sku, User
from pimlint.model.governance import AccessReview, Organization, RoleSchedule
from pimlint.model.policies import RolePolicy
from pimlint.model.roles import GroupAssignment, RoleAssignment, RoleDefinition
from pimlint.model.units import AdministrativeUnit


class TenantInfo(Frozen):
    """Identity of the tenant and the reference time of the export."""

    id: str
    domain: str | None = None
    display_name: str | None = None
    as_of: datetime | None
    """The reference time of every time-based rule; ``None`` when the export gives none."""
    as_of_source: str
    """``manifest exportedAt``, ``--as-of``, or ``newest timestamp in the data``."""
    timezone: str | None = None

    @property
    def label(self) -> str:
        """Domain, else name, else id."""
        return self.domain or self.display_name or self.id


class Tenant(Frozen):
    """One tenant's export. Object maps are keyed by lower-cased object id.

    ``sections`` names the sections the export contained (present, even if empty); rules use it
    to tell "nothing there" from "not exported".
    """

    info: TenantInfo
    sections: frozenset[str]
    users: dict[str, User] = {}
    groups: dict[str, Group] = {}
    service_principals: dict[str, ServicePrincipal] = {}
    applications: dict[str, Application] = {}
    role_definitions: dict[str, RoleDefinition] = {}
    active_assignments: tuple[RoleAssignment, ...] = ()
    eligible_assignments: tuple[RoleAssignment, ...] = ()
    group_assignments: tuple[GroupAssignment, ...] = ()
    policies: tuple[RolePolicy, ...] = ()
    conditional_access: tuple[ConditionalAccessPolicy, ...] = ()
    authentication_strengths: dict[str, AuthenticationStrength] = {}
    registration: dict[str, RegistrationDetails] = {}
    skus: dict[str, Sku] = {}
    sign_ins: tuple[SignIn, ...] = ()
    audit_events: tuple[AuditEvent, ...] = ()
    """PIM audit rows (``directoryAudits``), oldest first."""
    organization: Organization | None = None
    assignment_schedules: tuple[RoleSchedule, ...] = ()
    eligibility_schedules: tuple[RoleSchedule, ...] = ()
    access_reviews: tuple[AccessReview, ...] = ()
    azure: dict[str, AzureSubscription] = {}
    """Azure resource PIM by subscription id (lower-cased), from ``azure/<subscription>/``."""
    administrative_units: dict[str, AdministrativeUnit] = {}

    def has(self, *sections: str) -> bool:
        """All the named sections were exported."""
        return all(s in self.sections for s in sections)

    def principal_label(self, object_id: str) -> str:
        """A human label for any directory object id (UPN, display name) or the id itself."""
        for table in (self.users, self.groups, self.service_principals):
            obj = table.get(object_id)
            if obj is not None:
                return obj.label
        return object_id

    def principal_kind(self, object_id: str) -> str:
        """``user``, ``group``, ``servicePrincipal`` or ``unknown``."""
        if object_id in self.users:
            return "user"
        if object_id in self.groups:
            return "group"
        if object_id in self.service_principals:
            return "servicePrincipal"
        return "unknown"

    def role_policy(self, role_id: str) -> RolePolicy | None:
        """The directory-role policy governing a role template id."""
        return self._directory_policies.get(role_id)

    def group_policy(self, group_id: str, access: str) -> RolePolicy | None:
        """The PIM-for-Groups policy for a group's ``member`` or ``owner`` access."""
        return self._group_policies.get((group_id, access))

    @cached_property
    def sign_ins_by_user(self) -> dict[str, tuple[SignIn, ...]]:
        """Sign-in records per user id, oldest first."""
        grouped: dict[str, list[SignIn]] = {}
        for s in self.sign_ins:
            if s.user_id:
                grouped.setdefault(s.user_id, []).append(s)
        return {k: tuple(v) for k, v in grouped.items()}

    @cached_property
    def _directory_policies(self) -> dict[str, RolePolicy]:
        return {t: p for p in self.policies if p.scope_type == "directoryrole" for t in p.targets}

    @cached_property
    def _group_policies(self) -> dict[tuple[str, str], RolePolicy]:
        return {(p.scope_id, t): p for p in self.policies if p.scope_type == "group" for t in p.targets}
