"""Role classes (rule-catalog.md "Role classes"): which roles are critical and which privileged.

Computed once per run from Microsoft's built-in table, the tenant's own role definitions
(``isPrivileged``) and configuration. Roles are named by template id or display name anywhere.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache

from pimlint.errors import ConfigError
from pimlint.model import Tenant
from pimlint.resources import data_file

GLOBAL_ADMIN = "62e90394-69f5-4237-9190-012177145e10"
PRIVILEGED_ROLE_ADMIN = "e8611ab8-c189-46e8-94e1-60213ab1f814"
PRIVILEGED_AUTH_ADMIN = "7be44c8a-adaf-4e2a-84d6-ab2649e08a13"
PARTNER_TIER2_SUPPORT = "e00e864a-17c5-4a4b-9c06-f5b95a8d5bd8"
EXCHANGE_ADMIN = "29232cdf-9323-42fd-ade2-1d097af3e4de"
SHAREPOINT_ADMIN = "f28a1f50-f6e7-4571-818b-6a12f2af6b6c"

DEFAULT_CRITICAL = (GLOBAL_ADMIN, PRIVILEGED_ROLE_ADMIN, PRIVILEGED_AUTH_ADMIN, PARTNER_TIER2_SUPPORT)
CISA_HIGHLY_PRIVILEGED_EXTRA = (EXCHANGE_ADMIN, SHAREPOINT_ADMIN)


@dataclass(frozen=True)
class BuiltinRole:
    """A row of Microsoft's built-in role table."""

    template_id: str
    name: str
    privileged: bool


@cache
def builtin_roles() -> dict[str, BuiltinRole]:
    """Built-in Entra roles by template id (``pimlint/data/entra-builtin-roles.csv``)."""
    with data_file("entra-builtin-roles.csv").open(encoding="utf-8", newline="") as handle:
        rows = csv.DictReader(handle)
        return {
            row["template_id"].lower(): BuiltinRole(
                row["template_id"].lower(), row["name"], row["microsoft_privileged_label"].strip().lower() == "yes"
            )
            for row in rows
        }


class RoleClasses:
    """Names, critical and privileged roles of one tenant under one configuration."""

    def __init__(
        self,
        tenant: Tenant,
        critical: tuple[str, ...] | None = None,
        extra_privileged: tuple[str, ...] = (),
    ) -> None:
        self._names: dict[str, str] = {tid: role.name for tid, role in builtin_roles().items()}
        for role_id, definition in tenant.role_definitions.items():
            self._names[role_id] = definition.display_name
        self._by_name = {name.lower(): tid for tid, name in sorted(self._names.items())}
        self.critical = frozenset(self.resolve_all(critical) if critical is not None else DEFAULT_CRITICAL)
        privileged = set(self.critical) | set(CISA_HIGHLY_PRIVILEGED_EXTRA) | set(self.resolve_all(extra_privileged))
        privileged.update(tid for tid, role in builtin_roles().items() if role.privileged)
        privileged.update(d.template_id for d in tenant.role_definitions.values() if d.is_privileged)
        self.privileged = frozenset(privileged)

    def resolve(self, name_or_id: str) -> str:
        """Template id of a role named by id or display name (case-insensitive)."""
        key = name_or_id.strip().lower()
        if key in self._names:
            return key
        if key in self._by_name:
            return self._by_name[key]
        raise ConfigError(f"unknown role {name_or_id!r}: not a built-in role or a role definition in the export")

    def resolve_all(self, names: tuple[str, ...] | list[str]) -> tuple[str, ...]:
        """Resolve several role names or ids."""
        return tuple(self.resolve(n) for n in names)

    def name(self, role_id: str) -> str:
        """Display name of a role (its id when unknown)."""
        return self._names.get(role_id, role_id)

    def is_critical(self, role_id: str) -> bool:
        """One of the critical (tier-0) roles."""
        return role_id in self.critical

    def is_privileged(self, role_id: str) -> bool:
        """A privileged role (critical roles included)."""
        return role_id in self.privileged
