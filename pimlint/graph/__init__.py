"""Stage 4: the privilege graph (networkx) and the questions rules ask of it.

``build`` (structural nodes and edges, holdings), ``holders`` (who holds which role), ``tables``
(Microsoft's matrices), ``capabilities`` (lazy reset / membership / credential edges), ``paths``
(cheapest paths towards targets), ``explain`` (paths in words), ``export`` (graphml, dot, json,
mermaid).
"""

from __future__ import annotations

from pimlint.graph.build import PrivilegeGraph, build_graph, node, role_node
from pimlint.graph.holders import Hop, Holding
from pimlint.graph.paths import GraphPath, PathTree

__all__ = ["GraphPath", "Hop", "Holding", "PathTree", "PrivilegeGraph", "build_graph", "node", "role_node"]
