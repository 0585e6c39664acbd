"""Directory objects: users, groups, service principals, applications, licences, sign-ins."""

from __future__ import annotations

from datetime import datetime

from pimlint.model.base import Bulk, Frozen


class License(Bulk):
    """A licence assigned to a user (``assignedLicenses[]``)."""

    sku_id: str
    disabled_plans: frozenset[str] = frozenset()


class User(Bulk):
    """A user account (``GET /users``)."""

    id: str
    upn: str | None = None
    display_name: str | None = None
    account_enabled: bool | None = None
    user_type: str | None = None
    mail: str | None = None
    on_premises_sync_enabled: bool | None = None
    on_premises_immutable_id: str | None = None
    licenses: tuple[License, ...] = ()
    created: datetime | None = None
    has_sign_in_activity: bool = False
    last_sign_in: datetime | None = None
    last_successful_sign_in: datetime | None = None
    last_non_interactive_sign_in: datetime | None = None

    @property
    def label(self) -> str:
        """How a person recognises this account: the UPN, else the name, else the id."""
        return self.upn or self.display_name or self.id

    @property
    def is_guest(self) -> bool:
        """A guest by ``userType`` or by the ``#EXT#`` marker in the UPN."""
        return (self.user_type or "").lower() == "guest" or "#ext#" in (self.upn or "").lower()

    @property
    def is_synced(self) -> bool:
        """Synchronised from on-premises AD (now or once, by immutable id)."""
        return bool(self.on_premises_sync_enabled) or bool(self.on_premises_immutable_id)


class Group(Bulk):
    """A group with its direct members and owners (object ids)."""

    id: str
    display_name: str | None = None
    is_assignable_to_role: bool = False
    security_enabled: bool | None = None
    mail_enabled: bool | None = None
    group_types: tuple[str, ...] = ()
    member_ids: tuple[str, ...] = ()
    owner_ids: tuple[str, ...] = ()

    @property
    def label(self) -> str:
        """Display name, else id."""
        return self.display_name or self.id


class AppRoleGrant(Frozen):
    """An application permission held by a service principal (``appRoleAssignments[]``)."""

    app_role_id: str
    resource_id: str
    resource_display_name: str | None = None


class ServicePrincipal(Frozen):
    """A service principal (``GET /servicePrincipals``)."""

    id: str
    app_id: str | None = None
    display_name: str | None = None
    service_principal_type: str | None = None
    account_enabled: bool | None = None
    app_owner_organization_id: str | None = None
    app_role_grants: tuple[AppRoleGrant, ...] = ()
    owner_ids: tuple[str, ...] = ()

    @property
    def label(self) -> str:
        """Display name, else app id, else id."""
        return self.display_name or self.app_id or self.id


class Application(Frozen):
    """An application registration (``GET /applications``)."""

    id: str
    app_id: str | None = None
    display_name: str | None = None
    owner_ids: tuple[str, ...] = ()


class Sku(Frozen):
    """A subscribed SKU and the service plan names it carries."""

    sku_id: str
    sku_part_number: str | None = None
    service_plans: tuple[tuple[str, str], ...] = ()
    """(servicePlanId, servicePlanName) pairs."""


class SignIn(Bulk):
    """One sign-in record (``GET /auditLogs/signIns``)."""

    id: str
    created: datetime
    user_id: str | None = None
    upn: str | None = None
    app_id: str | None = None
    app_display_name: str | None = None
    error_code: int = 0
    is_interactive: bool | None = None

    @property
    def succeeded(self) -> bool:
        """Graph reports success as ``status.errorCode == 0``."""
        return self.error_code == 0
