"""Capability edges, derived on demand: who can take over a user, a group's membership, an app.

A search backwards from tier 0 asks, for each node it reaches, "who can get here?". Besides the
materialised edges, the answer includes role nodes whose holders can

- ``reset_password`` of a user (Microsoft's matrix: every role the user holds must allow the actor;
  members and owners of role-assignable groups only by Privileged Authentication / Global
  Administrator; an administrative-unit-scoped role reaches only that unit's members holding no
  role; a member of a restricted-management unit only by roles scoped to that unit),
- ``manage_members`` of a group (Global / Privileged Role Administrator for any group; the group
  and user administration roles for groups that are not role-assignable, AU-scoped ones only in
  their unit; nobody from outside into a restricted-management unit),
- ``add_credentials`` to an application or service principal (Application and Cloud Application
  Administrator, tenant-wide or scoped to that object; Hybrid Identity Administrator, Partner
  Tier1/Tier2 Support and Directory Synchronization Accounts by making someone its owner; not to
  Microsoft first-party apps).

Custom roles get the same capabilities from the actions they allow (``tables.CUSTOM_ROLE_ACTIONS``):
resetting users and managing groups that hold no administrator role (tenant-wide or in their
unit), adding credentials to applications or service principals (all of them, or the scoped one).

Nothing is materialised per user: each question costs O(actor role nodes).
"""

from __future__ import annotations

import weakref
from collections import defaultdict
from typing import TYPE_CHECKING, Any

from pimlint.graph import tables

if TYPE_CHECKING:
    from pimlint.graph.build import PrivilegeGraph
    from pimlint.model import Tenant

__all__ = ["Capabilities"]

AU_PREFIX = "/administrativeUnits/"


class Capabilities:
    """Answers "which role nodes have a capability over this node" for one privilege graph."""

    def __init__(self, pg: PrivilegeGraph) -> None:
        assert pg.tenant is not None
        self._pg = weakref.ref(pg)
        """Weak: the graph caches this index, and a reference cycle would keep the whole tenant alive
        until the cyclic collector runs (paused during a run, see ``api.without_cyclic_gc``)."""
        self.tenant = pg.tenant
        self.matrix = tables.reset_matrix()
        g = pg.graph
        self.actors: list[tuple[str, str, str]] = sorted(
            (n, d["role_id"], d["scope"]) for n, d in g.nodes(data=True) if d.get("kind") == "role"
        )
        self.units_of: dict[str, set[str]] = defaultdict(set)
        for unit in self.tenant.administrative_units.values():
            for member in unit.member_ids:
                self.units_of[member].add(unit.id)
        self.restricted = {u.id for u in self.tenant.administrative_units.values() if u.is_member_management_restricted}
        self.rag_people = self._rag_members_and_owners()
        self.custom = _custom_capabilities(self.tenant)
        """Custom role id → the capabilities its allowed actions grant."""
        self.rmau_scoped = {
            a.principal_id for a in (*self.tenant.active_assignments, *self.tenant.eligible_assignments)
            if a.scope.removeprefix(AU_PREFIX) in self.restricted
        }

    @property
    def pg(self) -> PrivilegeGraph:
        """The privilege graph this index belongs to."""
        pg = self._pg()
        assert pg is not None, "the privilege graph is gone"
        return pg

    def _rag_members_and_owners(self) -> set[str]:
        out: set[str] = set()
        for group in self.tenant.groups.values():
            if group.is_assignable_to_role:
                out.update(group.member_ids)
                out.update(group.owner_ids)
        rags = {g.id for g in self.tenant.groups.values() if g.is_assignable_to_role}
        out.update(ga.principal_id for ga in self.tenant.group_assignments if ga.group_id in rags)
        return out

    def in_edges(self, node_key: str) -> list[tuple[str, str, dict[str, Any]]]:
        """Capability edges into ``node_key``: (source role node, edge key, attributes), sorted."""
        kind, oid = node_key.split(":", 1)
        if kind == "user":
            found = self._resetters(oid)
        elif kind == "group":
            found = self._membership_managers(oid)
        elif kind in ("servicePrincipal", "application"):
            found = self._credential_adders(kind, oid)
        else:
            return []
        return sorted(found)

    @staticmethod
    def _edge(source: str, kind: str, detail: str) -> tuple[str, str, dict[str, Any]]:
        return source, kind, {"kind": kind, "active": True, "permanent": True, "ref": "", "cost": 1,
                              "policy": "", "approval": False, "mfa": False, "detail": detail}

    def _resetters(self, user_id: str) -> list[tuple[str, str, dict[str, Any]]]:
        held = frozenset(self.pg.roles_of(user_id))
        units = self.units_of.get(user_id, set())
        restricted = units & self.restricted
        rag = user_id in self.rag_people
        allowed = self.matrix.allowed_on(held)
        if rag or user_id in self.rmau_scoped:
            allowed = allowed & self.matrix.protected
        out = []
        for source, role_id, scope in self.actors:
            unit = scope.removeprefix(AU_PREFIX) if scope.startswith(AU_PREFIX) else None
            if "reset_password" in self.custom.get(role_id, ()):
                if held or rag or user_id in self.rmau_scoped or (scope == "/" and restricted):
                    continue
                if scope == "/" or (unit is not None and unit in units):
                    out.append(self._edge(source, "reset_password", self._custom_reason(role_id, "reset_password")))
                continue
            if scope == "/":
                if restricted:
                    continue
                if role_id == tables.PARTNER_TIER2:
                    reason = "Partner Tier2 Support can reset every user"
                elif role_id == tables.PARTNER_TIER1 and not held and not rag:
                    reason = "Partner Tier1 Support can reset users without an administrator role"
                elif role_id in allowed:
                    reason = self._reset_reason(held, rag)
                else:
                    continue
            elif unit is not None and unit in units and not held and role_id in self.matrix.actors:
                if rag and role_id not in self.matrix.protected:
                    continue
                reason = f"the user is a member of administrative unit {self._unit_label(unit)} and holds no role"
            else:
                continue
            out.append(self._edge(source, "reset_password", reason))
        return out

    def _reset_reason(self, held: frozenset[str], rag: bool) -> str:
        if rag:
            return "the user is a member or owner of a role-assignable group"
        if not held:
            return "the user holds no administrator role"
        names = sorted(self.pg.label(f"role:{r}") if f"role:{r}" in self.pg.graph else r for r in held)
        return f"Microsoft's matrix allows it for holders of {', '.join(names)}"

    def _unit_label(self, unit_id: str) -> str:
        unit = self.tenant.administrative_units.get(unit_id)
        return unit.label if unit else unit_id

    def _membership_managers(self, group_id: str) -> list[tuple[str, str, dict[str, Any]]]:
        group = self.tenant.groups.get(group_id)
        if group is None:
            return []
        units = self.units_of.get(group_id, set())
        restricted = units & self.restricted
        unified = "unified" in group.group_types
        out = []
        for source, role_id, scope in self.actors:
            unit = scope.removeprefix(AU_PREFIX) if scope.startswith(AU_PREFIX) else None
            if "manage_members" in self.custom.get(role_id, ()):
                if not group.is_assignable_to_role and (
                        (scope == "/" and not restricted) or (unit is not None and unit in units)):
                    out.append(self._edge(source, "manage_members", self._custom_reason(role_id, "manage_members")))
                continue
            if scope == "/" and not restricted:
                if role_id in tables.ANY_GROUP_MEMBERSHIP_ROLES:
                    reason = "it manages the membership of every group"
                elif group.is_assignable_to_role:
                    continue
                elif role_id in tables.NON_RAG_MEMBERSHIP_ROLES:
                    reason = "the group is not role-assignable"
                elif unified and role_id in tables.UNIFIED_GROUP_MEMBERSHIP_ROLES:
                    reason = "the group is a Microsoft 365 group that is not role-assignable"
                else:
                    continue
            elif (unit is not None and unit in units and not group.is_assignable_to_role
                  and role_id in tables.AU_SCOPABLE_MEMBERSHIP_ROLES):
                reason = f"the group is in administrative unit {self._unit_label(unit)}"
            else:
                continue
            out.append(self._edge(source, "manage_members", reason))
        return out

    def _credential_adders(self, kind: str, oid: str) -> list[tuple[str, str, dict[str, Any]]]:
        if kind == "servicePrincipal":
            sp = self.tenant.service_principals.get(oid)
            if sp is None or sp.app_owner_organization_id in tables.MICROSOFT_TENANTS:
                return []
        out = []
        custom_capability = f"add_credentials:{kind}"
        for source, role_id, scope in self.actors:
            if scope not in ("/", f"/{oid}"):
                continue
            if custom_capability in self.custom.get(role_id, ()):
                reason = self._custom_reason(role_id, custom_capability)
            elif role_id in tables.ADD_OWNER_ROLES and scope == "/":
                reason = ("it can add owners to every application and service principal, "
                          "and an owner can add credentials")
            elif role_id not in tables.ADD_CREDENTIAL_ROLES:
                continue
            elif scope == "/":
                reason = "it can add credentials to every application and service principal"
            else:
                reason = "its assignment is scoped to this object"
            out.append(self._edge(source, "add_credentials", reason))
        return out

    def _custom_reason(self, role_id: str, capability: str) -> str:
        definition = self.tenant.role_definitions.get(role_id)
        actions = sorted(set(definition.allowed_actions if definition else ()) & tables.CUSTOM_ROLE_ACTIONS[capability])
        return f"the custom role allows {', '.join(actions)}"


def _custom_capabilities(tenant: Tenant) -> dict[str, frozenset[str]]:
    """Custom role id → capabilities from its allowed actions (built-in roles: Microsoft's tables)."""
    out: dict[str, frozenset[str]] = {}
    for key, definition in tenant.role_definitions.items():
        if definition.is_built_in is not False:
            continue
        actions = set(definition.allowed_actions)
        found = frozenset(c for c, granting in tables.CUSTOM_ROLE_ACTIONS.items() if actions & granting)
        if found:
            out[key] = found
    return out
