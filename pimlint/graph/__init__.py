"""Stage 4: the privilege graph (networkx) and the queries rules ask of it."""

from __future__ import annotations

from pimlint.graph.build import PrivilegeGraph, build_graph
from pimlint.graph.holders import Hop, Holding

__all__ = ["Hop", "Holding", "PrivilegeGraph", "build_graph"]
