"""Role definitions and the assignments that grant them (directory roles and PIM for Groups)."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from pimlint.model.base import Frozen


class RoleDefinition(Frozen):
    """A directory role definition; built-in roles are keyed by their template id."""

    id: str
    template_id: str
    display_name: str
    is_built_in: bool | None = None
    is_enabled: bool | None = None
    is_privileged: bool | None = None
    allowed_actions: tuple[str, ...] = ()


class AccessKind(StrEnum):
    """Whether an assignment grants the access now (active) or on activation (eligible)."""

    ACTIVE = "active"
    ELIGIBLE = "eligible"


class RoleAssignment(Frozen):
    """An active or eligible directory-role assignment instance.

    ``assignment_type`` is ``assigned`` (made by an admin) or ``activated`` (a JIT activation) for
    active instances, ``None`` for eligibilities and for bare ``roleAssignments`` rows.
    ``from_schedule`` is false for a row of ``roleAssignments`` that has no schedule instance (an
    assignment made outside PIM) and ``None`` when the export has no instances to tell.
    """

    id: str
    kind: AccessKind
    principal_id: str
    role_id: str
    scope: str = "/"
    start: datetime | None = None
    end: datetime | None = None
    assignment_type: str | None = None
    member_type: str | None = None
    from_schedule: bool | None = True
    source: str = ""

    @property
    def is_permanent(self) -> bool:
        """No end date."""
        return self.end is None

    @property
    def is_standing(self) -> bool:
        """A permanent, admin-made active assignment (not a JIT activation)."""
        return self.kind is AccessKind.ACTIVE and self.is_permanent and self.assignment_type != "activated"


class GroupAssignment(Frozen):
    """A PIM-for-Groups membership or ownership, active or eligible."""

    id: str
    kind: AccessKind
    group_id: str
    principal_id: str
    access: str
    """``member`` or ``owner``."""
    start: datetime | None = None
    end: datetime | None = None
    assignment_type: str | None = None
    source: str = ""

    @property
    def is_permanent(self) -> bool:
        """No end date."""
        return self.end is None
