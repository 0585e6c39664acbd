"""The privilege graph as a file: GraphML, Graphviz dot, node-link JSON or a Mermaid flowchart.

``view`` picks the part to export: everything, or the nodes within ``depth`` hops of a focus node
(upstream of a role: who can reach it; downstream of a principal: what it reaches). Capability
edges found on the paths to tier 0 are added, so the export shows the reset and membership hops.

>>> import networkx as nx
>>> g = nx.MultiDiGraph()
>>> g.add_node("user:a", kind="user", label="alice"); g.add_node("role:r", kind="role", label="GA")
>>> _ = g.add_edge("user:a", "role:r", key="k", kind="eligible_role", active=False)
>>> print(render(g, "mermaid"))
flowchart LR
  n0(["GA"])
  n1["alice"]
  n1 -.->|eligible_role| n0
<BLANKLINE>
"""

from __future__ import annotations

import io
import json
from typing import Any

import networkx as nx

__all__ = ["FORMATS", "render", "view"]

FORMATS = ("graphml", "dot", "json", "mermaid")
_SHAPES = {"role": ('(["', '"])'), "azureRole": ('(["', '"])'), "tenant": ('{{"', '"}}'), "group": ('[["', '"]]')}


def view(g: nx.MultiDiGraph, focus: str | None = None, depth: int | None = None,
         extra: list[tuple[str, str, str, dict[str, Any]]] = ()) -> nx.MultiDiGraph:  # type: ignore[assignment]
    """A copy of ``g`` plus ``extra`` edges, cut to ``depth`` hops around ``focus`` when given."""
    out = g.copy()
    for source, target, key, data in extra:
        if not out.has_edge(source, target, key):
            out.add_edge(source, target, key=key, **data)
    if focus is None:
        return out
    upstream = out.nodes[focus].get("kind") in ("role", "azureRole", "tenant")
    walk = out.reverse(copy=False) if upstream else out
    keep = nx.single_source_shortest_path_length(walk, focus, cutoff=depth)
    return out.subgraph(sorted(keep)).copy()


def _scalar(value: Any) -> Any:
    return value if isinstance(value, (str, int, float, bool)) else ("" if value is None else str(value))


def _quote(text: str) -> str:
    return '"' + str(text).replace("\\", "\\\\").replace('"', '\\"') + '"'


def render(g: nx.MultiDiGraph, fmt: str) -> str:
    """The graph in one of ``FORMATS``; nodes and edges in sorted order (deterministic output)."""
    nodes = sorted(g.nodes(data=True))
    edges = sorted(g.edges(keys=True, data=True), key=lambda e: (e[0], e[1], str(e[2])))
    if fmt == "json":
        doc = {"nodes": [{"id": n, **{k: _scalar(v) for k, v in sorted(d.items())}} for n, d in nodes],
               "edges": [{"source": s, "target": t, "key": str(k), **{a: _scalar(v) for a, v in sorted(d.items())}}
                         for s, t, k, d in edges]}
        return json.dumps(doc, indent=2, sort_keys=False) + "\n"
    if fmt == "graphml":
        clean = nx.MultiDiGraph()
        for n, d in nodes:
            clean.add_node(n, **{k: _scalar(v) for k, v in d.items()})
        for s, t, k, d in edges:
            clean.add_edge(s, t, key=str(k), **{a: _scalar(v) for a, v in d.items()})
        buffer = io.BytesIO()
        nx.write_graphml(clean, buffer)
        return buffer.getvalue().decode("utf-8")
    if fmt == "dot":
        lines = ["digraph privilege {", "  rankdir=LR;"]
        lines += [f"  {_quote(n)} [label={_quote(d.get('label', n))}, kind={_quote(d.get('kind', ''))}];"
                  for n, d in nodes]
        lines += [f"  {_quote(s)} -> {_quote(t)} [label={_quote(d.get('kind', ''))}"
                  f"{', style=dashed' if not d.get('active', True) else ''}];" for s, t, _, d in edges]
        return "\n".join([*lines, "}"]) + "\n"
    if fmt == "mermaid":
        ids = {n: f"n{i}" for i, (n, _) in enumerate(nodes)}
        lines = ["flowchart LR"]
        for n, d in nodes:
            left, right = _SHAPES.get(str(d.get("kind")), ('["', '"]'))
            lines.append(f"  {ids[n]}{left}{str(d.get('label', n)).replace(chr(34), '#quot;')}{right}")
        for s, t, _, d in edges:
            arrow = "-.->" if not d.get("active", True) else "-->"
            lines.append(f"  {ids[s]} {arrow}|{d.get('kind', '')}| {ids[t]}")
        return "\n".join(lines) + "\n"
    raise ValueError(f"unknown graph format {fmt!r}; one of {', '.join(FORMATS)}")
