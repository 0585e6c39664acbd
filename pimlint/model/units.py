"""Administrative units: the scope of AU-scoped role assignments."""

from __future__ import annotations

from pimlint.model.base import Frozen


class AdministrativeUnit(Frozen):
    """An administrative unit (``GET /directory/administrativeUnits``) and its direct members.

    ``is_member_management_restricted`` marks a restricted-management AU: its members can be
    changed only by roles scoped to the unit itself (tenant-wide roles and group owners cannot).
    ``members_exported`` tells "no members" from "members not exported".
    """

    id: str
    display_name: str | None = None
    is_member_management_restricted: bool = False
    membership_type: str | None = None
    """``assigned`` or ``dynamic`` (lower-cased), when exported."""
    member_ids: frozenset[str] = frozenset()
    members_exported: bool = False

    @property
    def label(self) -> str:
        """Display name, else id."""
        return self.display_name or self.id

    @property
    def scope(self) -> str:
        """The ``directoryScopeId`` of a role assignment scoped to this unit."""
        return f"/administrativeUnits/{self.id}"
