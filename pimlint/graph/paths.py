"""Cheapest paths towards targets: one backwards Dijkstra from all targets at once.

Edge ``cost`` ranks paths (active 1 < eligible 2 < eligible with approval 4; every edge costs at
least 1, so a path never loops). The search only visits what can reach a target, and asks ``lazy``
for the capability edges into each node it settles, so nothing is materialised per user. Ties
are broken by the smallest (next node, edge key): the result depends on the graph's content only,
never on the order the input lists came in.

>>> import networkx as nx
>>> g = nx.MultiDiGraph()
>>> g.add_edge("user:a", "group:g", key="member_of", kind="member_of", active=True, permanent=True, cost=1)
'member_of'
>>> g.add_edge("group:g", "role:ga", key="e1", kind="eligible_role", active=False, permanent=True, cost=2)
'e1'
>>> g.add_edge("user:b", "role:ga", key="a1", kind="active_role", active=True, permanent=True, cost=1)
'a1'
>>> tree = shortest_paths_to(g, ["role:ga"])
>>> [(h.source, h.kind) for h in tree.path("user:a").hops]
[('user:a', 'member_of'), ('group:g', 'eligible_role')]
>>> tree.path("user:a").cost, tree.path("user:b").cost, tree.path("user:z")
(3, 1, None)
"""

from __future__ import annotations

import heapq
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

import networkx as nx

from pimlint.graph.holders import Hop

__all__ = ["GraphPath", "PathTree", "shortest_paths_to"]

LazyEdges = Callable[[str], list[tuple[str, str, dict[str, Any]]]]
"""node → capability edges into it: (source, edge key, attributes)."""


@dataclass(frozen=True, order=True)
class GraphPath:
    """A path from its first hop's source to a target, with its total cost."""

    cost: int
    hops: tuple[Hop, ...]

    @property
    def start(self) -> str:
        """The node the path starts from."""
        return self.hops[0].source

    @property
    def end(self) -> str:
        """The target the path reaches."""
        return self.hops[-1].target


@dataclass
class PathTree:
    """For every node that reaches a target: its cost and the next hop on its cheapest path."""

    targets: frozenset[str]
    cost: dict[str, int] = field(default_factory=dict)
    next_hop: dict[str, tuple[str, str, Hop]] = field(default_factory=dict)
    """node → (next node, edge key, hop)."""

    def reached(self, kinds: Iterable[str] | None = None) -> list[str]:
        """Nodes (not targets) with a path, sorted; optionally only of the given kinds (key prefixes)."""
        wanted = tuple(f"{k}:" for k in kinds) if kinds is not None else None
        return sorted(n for n in self.next_hop if wanted is None or n.startswith(wanted))

    def path(self, start: str) -> GraphPath | None:
        """The cheapest path from ``start`` to a target (``None`` when there is none)."""
        if start not in self.next_hop:
            return None
        hops: list[Hop] = []
        current = start
        while current in self.next_hop:
            current, _, hop = self.next_hop[current]
            hops.append(hop)
        return GraphPath(self.cost[start], tuple(hops))

    def edges(self) -> list[tuple[str, str, str, Hop]]:
        """Every edge of the tree: (source, target, key, hop), sorted."""
        return sorted((s, t, k, h) for s, (t, k, h) in self.next_hop.items())


def shortest_paths_to(g: nx.MultiDiGraph, targets: Iterable[str], lazy: LazyEdges | None = None) -> PathTree:
    """Backwards Dijkstra from ``targets`` over ``g``'s edges plus ``lazy`` capability edges."""
    tree = PathTree(targets=frozenset(t for t in targets if t in g))
    heap: list[tuple[int, str]] = []
    for t in sorted(tree.targets):
        tree.cost[t] = 0
        heapq.heappush(heap, (0, t))
    done: set[str] = set()
    while heap:
        cost, current = heapq.heappop(heap)
        if current in done or cost > tree.cost[current]:
            continue
        done.add(current)
        incoming = [(s, k, d) for s, _, k, d in g.in_edges(current, keys=True, data=True)]
        if lazy is not None:
            incoming.extend(lazy(current))
        for source, key, data in incoming:
            if source in tree.targets:
                continue
            new = cost + max(1, int(data.get("cost", 1)))
            old = tree.cost.get(source)
            candidate = (current, str(key))
            if old is None or new < old or (new == old and candidate < tree.next_hop[source][:2]):
                tree.cost[source] = new
                tree.next_hop[source] = (current, str(key), Hop.of(source, current, data))
                if old is None or new < old:
                    heapq.heappush(heap, (new, source))
    return tree
