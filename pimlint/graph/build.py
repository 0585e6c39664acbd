"""Build the privilege graph from the tenant model.

Nodes are ``"<kind>:<id>"``: ``user``, ``group``, ``servicePrincipal``, ``application``,
``unknown`` (an id the export does not resolve), ``role`` (a directory role at a scope: ``role:<id>``
tenant-wide, ``role:<id>@<directoryScopeId>`` otherwise), ``azureRole`` (``azureRole:<id>@<scope>``)
and one ``tenant`` node ("full control of the tenant"). Every node has ``kind`` and ``label``.

Edges (a ``MultiDiGraph``) point from the principal that gains access towards what it gains; each
has ``kind``, ``active``, ``permanent``, ``ref`` (the assignment id behind it), ``cost`` (path
ranking: active 1 < eligible 2 < eligible with approval 4) and, for activations, the governing
``policy`` with its ``approval`` and ``mfa`` demands. Structural kinds are materialised here;
capability edges (reset password, manage membership, add credentials) are derived lazily by
:mod:`pimlint.graph.capabilities` during a search. Only groups that carry privilege get their
membership and ownership edges: the rest of a 100k-user tenant's memberships cannot lead anywhere.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

import networkx as nx

from pimlint.graph.holders import Holding, holdings_of
from pimlint.graph.tables import MICROSOFT_GRAPH_APP_ID, tier0_permissions
from pimlint.model import Tenant
from pimlint.model.policies import RolePolicy
from pimlint.model.roles import AccessKind
from pimlint.roleclasses import builtin_roles

__all__ = ["PrivilegeGraph", "build_graph", "node", "object_id", "role_node"]

COST_ACTIVE = 1
COST_ELIGIBLE = 2
COST_ELIGIBLE_APPROVAL = 4


def node(kind: str, object_id_: str) -> str:
    """The node key of a directory object or role.

    >>> node("user", "42")
    'user:42'
    """
    return f"{kind}:{object_id_}"


def object_id(node_key: str) -> str:
    """The object id inside a node key (for role nodes: the role id and scope)."""
    return node_key.split(":", 1)[1]


def role_node(role_id: str, scope: str = "/") -> str:
    """The node of a directory role at a scope.

    >>> role_node("62e9"), role_node("7298", "/administrativeUnits/a1")
    ('role:62e9', 'role:7298@/administrativeUnits/a1')
    """
    return f"role:{role_id}" if scope in ("", "/") else f"role:{role_id}@{scope}"


def activation(policy: RolePolicy | None, active: bool) -> dict[str, Any]:
    """Edge attributes of the policy that governs an eligible hop (nothing for an active hop)."""
    if active:
        return {"cost": COST_ACTIVE, "policy": "", "approval": False, "mfa": False}
    approval = policy is not None and policy.activation_approval is not None and policy.activation_approval.is_approval_required
    enablement = policy.activation_enablement if policy else None
    context = policy.activation_auth_context if policy else None
    mfa = bool(enablement and enablement.requires_mfa) or bool(context and context.is_enabled)
    return {"cost": COST_ELIGIBLE_APPROVAL if approval else COST_ELIGIBLE, "policy": policy.id if policy else "",
            "approval": approval, "mfa": mfa}


@dataclass
class PrivilegeGraph:
    """The graph, the tenant it describes, and the holdings computed from it, indexed for rules."""

    graph: nx.MultiDiGraph
    holdings: tuple[Holding, ...]
    by_role: dict[str, tuple[Holding, ...]] = field(default_factory=dict)
    by_principal: dict[str, tuple[Holding, ...]] = field(default_factory=dict)
    tenant: Tenant | None = None

    def holders(self, role_id: str, kinds: tuple[str, ...] = ("user",)) -> list[str]:
        """Distinct principal ids of the given kinds holding a role, sorted."""
        return sorted({h.principal_id for h in self.by_role.get(role_id, ()) if h.principal_kind in kinds})

    def roles_of(self, principal_id: str) -> list[str]:
        """Distinct role ids a principal holds, sorted."""
        return sorted({h.role_id for h in self.by_principal.get(principal_id, ())})

    @property
    def tenant_node(self) -> str:
        """The "full control of the tenant" node."""
        return node("tenant", self.tenant.info.id if self.tenant else "tenant")

    def role_nodes(self, role_ids: Iterable[str], scope: str = "/") -> list[str]:
        """The nodes of these roles at ``scope`` that exist in the graph, sorted."""
        return sorted(n for n in (role_node(r, scope) for r in role_ids) if n in self.graph)

    def tier0_targets(self, critical: Iterable[str]) -> list[str]:
        """Tier 0: the critical roles at tenant scope and the tenant node."""
        return sorted({*self.role_nodes(critical), self.tenant_node})

    @cached_property
    def capabilities(self) -> Any:
        """The lazy capability-edge index (see :mod:`pimlint.graph.capabilities`)."""
        from pimlint.graph.capabilities import Capabilities

        assert self.tenant is not None, "capabilities need the tenant"
        return Capabilities(self)

    def search(self, targets: Iterable[str]) -> Any:
        """Cheapest path from every node that can reach ``targets`` (see :mod:`pimlint.graph.paths`)."""
        from pimlint.graph.paths import shortest_paths_to

        return shortest_paths_to(self.graph, targets, lazy=self.capabilities.in_edges if self.tenant else None)

    def label(self, node_key: str) -> str:
        """The label of a node (its key when unknown)."""
        return str(self.graph.nodes[node_key].get("label", node_key)) if node_key in self.graph else node_key


def role_names(tenant: Tenant) -> dict[str, str]:
    """Display names of roles: built-in names, overridden by the export's definitions."""
    names = {tid: role.name for tid, role in builtin_roles().items()}
    names.update({rid: d.display_name for rid, d in tenant.role_definitions.items()})
    return names


class _Builder:
    """Adds nodes and edges for one tenant."""

    def __init__(self, tenant: Tenant) -> None:
        self.tenant = tenant
        self.g = nx.MultiDiGraph()
        self.names = role_names(tenant)
        self.app_by_app_id = {a.app_id: a for a in tenant.applications.values() if a.app_id}

    def principal(self, oid: str) -> str:
        t = self.tenant
        if oid in t.applications:
            kind, label = "application", t.applications[oid].display_name or oid
        else:
            kind, label = t.principal_kind(oid), t.principal_label(oid)
        key = node(kind, oid)
        if key not in self.g:
            self.g.add_node(key, kind=kind, label=label)
        return key

    def role(self, role_id: str, scope: str) -> str:
        key = role_node(role_id, scope)
        if key not in self.g:
            name = self.names.get(role_id, role_id)
            unit = self.tenant.administrative_units.get(scope.removeprefix("/administrativeUnits/"))
            where = "" if scope in ("", "/") else f" (scope {unit.label if unit else scope})"
            self.g.add_node(key, kind="role", label=f"{name}{where}", role_id=role_id, scope=scope or "/")
        return key

    def edge(self, source: str, target: str, key: str, kind: str, active: bool, permanent: bool, ref: str,
             policy: RolePolicy | None = None, **extra: Any) -> None:
        self.g.add_edge(source, target, key=key, kind=kind, active=active, permanent=permanent, ref=ref,
                        **activation(policy, active), **extra)

    def roles(self) -> set[str]:
        """Directory-role assignments; returns the groups that hold a role."""
        holder_groups: set[str] = set()
        for a in (*self.tenant.active_assignments, *self.tenant.eligible_assignments):
            source = self.principal(a.principal_id)
            active = a.kind is AccessKind.ACTIVE
            self.edge(source, self.role(a.role_id, a.scope), f"{a.kind.value}_role:{a.id}",
                      "active_role" if active else "eligible_role", active, a.is_permanent, a.id,
                      self.tenant.role_policy(a.role_id), scope=a.scope or "/")
            if source.startswith("group:"):
                holder_groups.add(a.principal_id)
        return holder_groups

    def azure_roles(self) -> set[str]:
        """Azure role assignments at their scopes, when the export has them; returns holder groups."""
        holder_groups: set[str] = set()
        for sub_id, sub in sorted((getattr(self.tenant, "azure", None) or {}).items()):
            seen = {(a.principal_id, a.role_id, a.scope) for a in sub.active_assignments}
            plain = [a for a in sub.role_assignments if (a.principal_id, a.role_id, a.scope) not in seen]
            for a in (*sub.active_assignments, *plain, *sub.eligible_assignments):
                key = f"azureRole:{a.role_id}@{a.scope}"
                if key not in self.g:
                    self.g.add_node(key, kind="azureRole", label=f"{sub.role_name(a.role_id)} at {a.scope}",
                                    role_id=a.role_id, scope=a.scope, subscription=sub_id)
                source = self.principal(a.principal_id)
                active = a.kind is AccessKind.ACTIVE
                self.edge(source, key, f"azure_{a.kind.value}:{a.id}", "azure_role", active, a.is_permanent, a.id,
                          sub.policy(a.role_id, a.scope), scope=a.scope)
                if source.startswith("group:"):
                    holder_groups.add(a.principal_id)
        return holder_groups

    def privileged_groups(self, seeds: set[str]) -> set[str]:
        """Seed groups plus every group nested (statically or by PIM) into one."""
        pim: dict[str, list[str]] = defaultdict(list)
        for ga in self.tenant.group_assignments:
            pim[ga.group_id].append(ga.principal_id)
        found = set(seeds)
        frontier = sorted(seeds)
        while frontier:
            group = self.tenant.groups.get(frontier.pop())
            members = [*(group.member_ids if group else ()), *pim.get(group.id if group else "", [])]
            for member in members:
                if member in self.tenant.groups and member not in found:
                    found.add(member)
                    frontier.append(member)
        return found

    def groups(self, privileged: set[str]) -> None:
        """Static membership and ownership of privileged groups, and their PIM-for-Groups access."""
        for group_id in sorted(privileged):
            target = self.principal(group_id)
            group = self.tenant.groups.get(group_id)
            for member in group.member_ids if group else ():
                self.edge(self.principal(member), target, "member_of", "member_of", True, True, "")
            for owner in group.owner_ids if group else ():
                self.edge(self.principal(owner), target, "owner_of", "owner_of", True, True, "")
        for ga in self.tenant.group_assignments:
            if ga.group_id not in privileged:
                continue
            active = ga.kind is AccessKind.ACTIVE
            self.edge(self.principal(ga.principal_id), node("group", ga.group_id),
                      f"pim_{ga.access}:{ga.kind.value}:{ga.id}", f"pim_{ga.access}", active, ga.is_permanent,
                      ga.id, self.tenant.group_policy(ga.group_id, ga.access))

    def apps(self, tenant_node: str) -> None:
        """Owners of apps and service principals, app → service principal, tier-0 Graph permissions."""
        tier0 = tier0_permissions()
        sps = self.tenant.service_principals
        for sp in sorted(sps.values(), key=lambda s: s.id):
            grants = sorted({(g.app_role_id, g.resource_id) for g in sp.app_role_grants if g.app_role_id in tier0})
            for app_role_id, resource_id in grants:
                resource = sps.get(resource_id)
                if resource is not None and resource.app_id != MICROSOFT_GRAPH_APP_ID:
                    continue
                self.edge(self.principal(sp.id), tenant_node, f"app_role:{app_role_id}", "app_role", True, True,
                          app_role_id, permission=tier0[app_role_id])
            for owner in sp.owner_ids:
                self.edge(self.principal(owner), self.principal(sp.id), "owner_of", "owner_of", True, True, "")
            app = self.app_by_app_id.get(sp.app_id or "")
            if app is not None:
                self.edge(self.principal(app.id), self.principal(sp.id), "runs_as", "runs_as", True, True, "")
        for app in sorted(self.tenant.applications.values(), key=lambda a: a.id):
            for owner in app.owner_ids:
                self.edge(self.principal(owner), self.principal(app.id), "owner_of", "owner_of", True, True, "")


def build_graph(tenant: Tenant) -> PrivilegeGraph:
    """Build the privilege graph and the holdings index of a tenant."""
    b = _Builder(tenant)
    tenant_node = node("tenant", tenant.info.id)
    b.g.add_node(tenant_node, kind="tenant", label=f"full control of tenant {tenant.info.label}")
    seeds = b.roles() | b.azure_roles()
    b.groups(b.privileged_groups(seeds))
    b.apps(tenant_node)
    holdings = tuple(holdings_of(b.g))
    by_role: dict[str, list[Holding]] = defaultdict(list)
    by_principal: dict[str, list[Holding]] = defaultdict(list)
    for h in holdings:
        by_role[h.role_id].append(h)
        by_principal[h.principal_id].append(h)
    return PrivilegeGraph(
        graph=b.g,
        holdings=holdings,
        by_role={k: tuple(v) for k, v in by_role.items()},
        by_principal={k: tuple(v) for k, v in by_principal.items()},
        tenant=tenant,
    )
