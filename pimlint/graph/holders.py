"""Who holds which role, and how: every way through the privilege graph to a role node.

A principal *holds* a role when it is active or eligible for it directly, through a
role-assignable group (member, nested groups followed), or through PIM for Groups (active or
eligible member or owner of a group that holds the role). rule-catalog.md "Role classes".
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

import networkx as nx

__all__ = ["HOLDING_KINDS", "MAX_PATHS_PER_HOLDING", "Holding", "Hop", "holdings_of"]

HOLDING_KINDS = frozenset({"active_role", "eligible_role", "member_of", "pim_member", "pim_owner"})
"""Edge kinds through which a role is *held*; ownership and capabilities are escalation, not holding."""
MAX_PATHS_PER_HOLDING = 16
"""Paths kept per (principal, role); deeper duplicates add nothing a reader can act on."""


@dataclass(frozen=True, order=True)
class Hop:
    """One edge of a path: ``source`` reaches ``target`` by ``kind``."""

    kind: str
    """An edge kind of :mod:`pimlint.graph.build` or :mod:`pimlint.graph.capabilities`."""
    source: str
    target: str
    active: bool
    permanent: bool
    ref: str = ""
    """The assignment or schedule id behind the edge, where there is one."""
    policy: str = ""
    """The policy that governs activation of an eligible hop."""
    approval: bool = False
    mfa: bool = False
    detail: str = ""
    """Why a capability hop exists (the matrix row or permission), or the Graph permission name."""

    @classmethod
    def of(cls, source: str, target: str, data: dict[str, object]) -> Hop:
        """The hop of an edge's attribute dictionary."""
        return cls(str(data["kind"]), source, target, bool(data["active"]), bool(data["permanent"]),
                   str(data.get("ref", "")), str(data.get("policy", "")), bool(data.get("approval", False)),
                   bool(data.get("mfa", False)), str(data.get("detail") or data.get("permission") or ""))


@dataclass(frozen=True, order=True)
class Holding:
    """One way ``principal_id`` holds ``role_id``: the hops from the principal to the role."""

    role_id: str
    principal_id: str
    principal_kind: str
    hops: tuple[Hop, ...]
    scope: str = "/"
    """The ``directoryScopeId`` of the role assignment."""

    @property
    def active(self) -> bool:
        """Every hop grants access now (no activation needed)."""
        return all(h.active for h in self.hops)

    @property
    def permanent(self) -> bool:
        """No hop ever expires."""
        return all(h.permanent for h in self.hops)

    @property
    def standing(self) -> bool:
        """Active and permanent: the role is held at all times."""
        return self.active and self.permanent

    @property
    def direct(self) -> bool:
        """Assigned to the principal itself, not through a group."""
        return len(self.hops) == 1

    @property
    def via_groups(self) -> tuple[str, ...]:
        """Object ids of the groups on the path, nearest the principal first."""
        return tuple(h.target.split(":", 1)[1] for h in self.hops[:-1])

    @property
    def assignment(self) -> Hop:
        """The hop that grants the role itself (the last one)."""
        return self.hops[-1]


def holdings_of(g: nx.MultiDiGraph) -> list[Holding]:
    """Walk backwards from every directory-role node along holding edges; one ``Holding`` per path,
    at most ``MAX_PATHS_PER_HOLDING`` per (principal, role node)."""
    out: list[Holding] = []
    for role_key in sorted(n for n, kind in g.nodes(data="kind") if kind == "role"):
        role = g.nodes[role_key]
        paths: dict[str, list[tuple[Hop, ...]]] = defaultdict(list)
        stack: list[tuple[str, tuple[Hop, ...], frozenset[str]]] = [(role_key, (), frozenset({role_key}))]
        while stack:
            current, tail, seen = stack.pop()
            for source, _, data in sorted(g.in_edges(current, data=True), key=lambda e: (e[0], str(e[2].get("ref")))):
                if source in seen or data["kind"] not in HOLDING_KINDS:
                    continue
                path = (Hop.of(source, current, data), *tail)
                kept = paths[source]
                if len(kept) < MAX_PATHS_PER_HOLDING:
                    kept.append(path)
                    if g.nodes[source]["kind"] == "group":
                        stack.append((source, path, seen | {source}))
        for principal, principal_paths in paths.items():
            kind = g.nodes[principal]["kind"]
            out.extend(Holding(role["role_id"], principal.split(":", 1)[1], kind, p, role["scope"])
                       for p in sorted(set(principal_paths)))
    return sorted(out)
