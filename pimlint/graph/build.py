"""Build the privilege graph from the tenant model.

Nodes are ``"<kind>:<object id>"`` (``user``, ``group``, ``servicePrincipal``, ``unknown``,
``role``) with ``kind`` and ``label`` attributes. Edges (a ``MultiDiGraph``, keyed by edge kind)
point from the principal that gains access towards what it gains. Only groups that carry privilege
get their membership edges: the rest of a 100k-user tenant's memberships cannot lead to a role.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

import networkx as nx

from pimlint.graph.holders import MAX_PATHS_PER_HOLDING, Holding, Hop
from pimlint.model import Tenant
from pimlint.model.roles import AccessKind


def node(kind: str, object_id: str) -> str:
    """The node key of a directory object or role."""
    return f"{kind}:{object_id}"


def object_id(node_key: str) -> str:
    """The object id inside a node key."""
    return node_key.split(":", 1)[1]


@dataclass
class PrivilegeGraph:
    """The graph plus the holdings computed from it, indexed for rules."""

    graph: nx.MultiDiGraph
    holdings: tuple[Holding, ...]
    by_role: dict[str, tuple[Holding, ...]] = field(default_factory=dict)
    by_principal: dict[str, tuple[Holding, ...]] = field(default_factory=dict)

    def holders(self, role_id: str, kinds: tuple[str, ...] = ("user",)) -> list[str]:
        """Distinct principal ids of the given kinds holding a role, sorted."""
        return sorted({h.principal_id for h in self.by_role.get(role_id, ()) if h.principal_kind in kinds})

    def roles_of(self, principal_id: str) -> list[str]:
        """Distinct role ids a principal holds, sorted."""
        return sorted({h.role_id for h in self.by_principal.get(principal_id, ())})


def _privileged_groups(tenant: Tenant, seeds: set[str]) -> set[str]:
    """Groups that hold a role, plus every group nested (statically or by PIM) into one."""
    pim_members: dict[str, list[str]] = defaultdict(list)
    for ga in tenant.group_assignments:
        pim_members[ga.group_id].append(ga.principal_id)
    found = set(seeds)
    frontier = list(seeds)
    while frontier:
        group_id = frontier.pop()
        group = tenant.groups.get(group_id)
        members = list(group.member_ids) if group else []
        members += pim_members.get(group_id, [])
        for member in members:
            if member in tenant.groups and member not in found:
                found.add(member)
                frontier.append(member)
    return found


def _add_principal(g: nx.MultiDiGraph, tenant: Tenant, object_id_: str) -> str:
    kind = tenant.principal_kind(object_id_)
    key = node(kind, object_id_)
    if key not in g:
        g.add_node(key, kind=kind, label=tenant.principal_label(object_id_))
    return key


def _build(tenant: Tenant) -> nx.MultiDiGraph:
    g = nx.MultiDiGraph()
    role_holder_groups: set[str] = set()
    for a in (*tenant.active_assignments, *tenant.eligible_assignments):
        source = _add_principal(g, tenant, a.principal_id)
        target = node("role", a.role_id)
        g.add_node(target, kind="role", label=a.role_id)
        active = a.kind is AccessKind.ACTIVE
        g.add_edge(
            source,
            target,
            key=f"{a.kind.value}_role:{a.id}",
            kind="active_role" if active else "eligible_role",
            active=active,
            permanent=a.is_permanent,
            ref=a.id,
        )
        if source.startswith("group:"):
            role_holder_groups.add(a.principal_id)
    for group_id in sorted(_privileged_groups(tenant, role_holder_groups)):
        target = _add_principal(g, tenant, group_id)
        group = tenant.groups.get(group_id)
        for member in group.member_ids if group else ():
            g.add_edge(_add_principal(g, tenant, member), target, key="member_of", kind="member_of",
                       active=True, permanent=True, ref="")
    privileged = {object_id(n) for n, kind in g.nodes(data="kind") if kind == "group"}
    for ga in tenant.group_assignments:
        if ga.group_id not in privileged:
            continue
        active = ga.kind is AccessKind.ACTIVE
        g.add_edge(
            _add_principal(g, tenant, ga.principal_id),
            node("group", ga.group_id),
            key=f"pim_{ga.access}:{ga.kind.value}:{ga.id}",
            kind=f"pim_{ga.access}",
            active=active,
            permanent=ga.is_permanent,
            ref=ga.id,
        )
    return g


def _holdings(g: nx.MultiDiGraph) -> list[Holding]:
    """Walk backwards from every role node; one ``Holding`` per path, capped per (principal, role)."""
    out: list[Holding] = []
    for role_key in sorted(n for n, kind in g.nodes(data="kind") if kind == "role"):
        role_id = object_id(role_key)
        paths: dict[str, list[tuple[Hop, ...]]] = defaultdict(list)
        stack: list[tuple[str, tuple[Hop, ...], frozenset[str]]] = [(role_key, (), frozenset({role_key}))]
        while stack:
            current, tail, seen = stack.pop()
            for source, _, data in g.in_edges(current, data=True):
                if source in seen:
                    continue
                hop = Hop(data["kind"], source, current, data["active"], data["permanent"], data["ref"])
                path = (hop, *tail)
                kept = paths[source]
                if len(kept) < MAX_PATHS_PER_HOLDING:
                    kept.append(path)
                    if g.nodes[source]["kind"] == "group":
                        stack.append((source, path, seen | {source}))
        for principal, principal_paths in paths.items():
            kind = g.nodes[principal]["kind"]
            out.extend(Holding(role_id, object_id(principal), kind, p) for p in sorted(set(principal_paths)))
    return sorted(out)


def build_graph(tenant: Tenant) -> PrivilegeGraph:
    """Build the privilege graph and the holdings index of a tenant."""
    g = _build(tenant)
    holdings = tuple(_holdings(g))
    by_role: dict[str, list[Holding]] = defaultdict(list)
    by_principal: dict[str, list[Holding]] = defaultdict(list)
    for h in holdings:
        by_role[h.role_id].append(h)
        by_principal[h.principal_id].append(h)
    return PrivilegeGraph(
        graph=g,
        holdings=holdings,
        by_role={k: tuple(v) for k, v in by_role.items()},
        by_principal={k: tuple(v) for k, v in by_principal.items()},
    )
