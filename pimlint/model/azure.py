"""Azure resource PIM (ARM ``Microsoft.Authorization``), one subscription folder at a time.

Role definition ids are the trailing GUID of ARM's full resource id, lower-cased; scopes are
lower-cased resource paths (``/subscriptions/{id}/resourcegroups/{rg}``). ARM role management
policies reuse ``RolePolicy`` with ``scope_type`` ``azure``: ``scope_id`` is the ARM scope and
``targets`` the role definition GUIDs the policy governs.
"""

from __future__ import annotations

from datetime import datetime
from functools import cached_property

from pimlint.model.base import Frozen
from pimlint.model.policies import RolePolicy
from pimlint.model.roles import AccessKind


class AzureRoleDefinition(Frozen):
    """An Azure role definition (built-in or custom)."""

    id: str
    name: str
    role_type: str | None = None
    """``builtinrole`` or ``customrole``."""
    actions: tuple[str, ...] = ()
    not_actions: tuple[str, ...] = ()
    data_actions: tuple[str, ...] = ()
    assignable_scopes: tuple[str, ...] = ()


class AzureRoleAssignment(Frozen):
    """An Azure role assignment: a plain RBAC assignment or a PIM schedule instance."""

    id: str
    kind: AccessKind
    principal_id: str
    principal_type: str | None = None
    role_id: str
    scope: str
    start: datetime | None = None
    end: datetime | None = None
    assignment_type: str | None = None
    """``assigned`` or ``activated`` for active schedule instances, else ``None``."""
    member_type: str | None = None
    """``direct``, ``group`` or ``inherited`` (from a parent scope)."""
    status: str | None = None
    condition: str | None = None
    source: str = ""

    @property
    def is_permanent(self) -> bool:
        """No end date."""
        return self.end is None


class AzureSubscription(Frozen):
    """Everything exported under ``azure/<subscription-id>/``."""

    id: str
    sections: frozenset[str] = frozenset()
    """ARM section names present for this subscription (``roleDefinitions``, ...)."""
    role_definitions: dict[str, AzureRoleDefinition] = {}
    role_assignments: tuple[AzureRoleAssignment, ...] = ()
    """``roleAssignments``: every active RBAC assignment, made in PIM or not."""
    active_assignments: tuple[AzureRoleAssignment, ...] = ()
    """``roleAssignmentScheduleInstances``."""
    eligible_assignments: tuple[AzureRoleAssignment, ...] = ()
    """``roleEligibilityScheduleInstances``."""
    policies: tuple[RolePolicy, ...] = ()

    def role_name(self, role_id: str) -> str:
        """Display name of a role definition GUID (the GUID when unknown)."""
        found = self.role_definitions.get(role_id)
        return found.name if found is not None else role_id

    def policy(self, role_id: str, scope: str) -> RolePolicy | None:
        """The policy governing a role at exactly this scope."""
        return self._policies.get((scope, role_id))

    @cached_property
    def _policies(self) -> dict[tuple[str, str], RolePolicy]:
        return {(p.scope_id, t): p for p in self.policies for t in p.targets}
