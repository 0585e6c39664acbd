"""Paths in words: each hop says who gains what, and why.

>>> import networkx as nx
>>> g = nx.MultiDiGraph()
>>> g.add_node("user:a", kind="user", label="alice")
>>> g.add_node("role:ga", kind="role", label="Global Administrator")
>>> describe_hop(g, Hop("eligible_role", "user:a", "role:ga", False, False, approval=True))
'alice is eligible for Global Administrator (time-bound; activation needs approval, no MFA)'
"""

from __future__ import annotations

import networkx as nx

from pimlint.graph.holders import Hop
from pimlint.graph.paths import GraphPath

__all__ = ["describe_hop", "describe_path", "hop_cost_word"]

_KIND_WORDS = {"servicePrincipal": "service principal", "application": "application", "group": "group",
               "user": "user", "unknown": "object", "role": "role", "azureRole": "Azure role", "tenant": ""}


def _label(g: nx.MultiDiGraph, key: str) -> str:
    return str(g.nodes[key].get("label", key)) if key in g else key


def _named(g: nx.MultiDiGraph, key: str) -> str:
    kind = str(g.nodes[key].get("kind", "")) if key in g else ""
    word = _KIND_WORDS.get(kind, "")
    return f"{word} {_label(g, key)}" if word and kind not in ("user", "role") else _label(g, key)


def _activation(hop: Hop) -> str:
    lasting = "permanent" if hop.permanent else "time-bound"
    if hop.active:
        return f"active, {lasting}"
    needs = "needs approval" if hop.approval else "needs no approval"
    return f"{lasting}; activation {needs}, {'MFA' if hop.mfa else 'no MFA'}"


def describe_hop(g: nx.MultiDiGraph, hop: Hop) -> str:
    """One hop as a sentence fragment."""
    src, dst = _label(g, hop.source), _named(g, hop.target)
    kind = hop.kind
    if kind == "member_of":
        return f"{src} is a member of {dst}"
    if kind in ("pim_member", "pim_owner"):
        state = "an active" if hop.active else "an eligible"
        return f"{src} is {state} {kind[4:]} of {dst} through PIM for Groups ({_activation(hop)})"
    if kind == "owner_of":
        return f"{src} owns {dst}"
    if kind == "active_role":
        return f"{src} holds {dst} ({_activation(hop)})"
    if kind == "eligible_role":
        return f"{src} is eligible for {dst} ({_activation(hop)})"
    if kind == "azure_role":
        return f"{src} {'holds' if hop.active else 'is eligible for'} {dst} ({_activation(hop)})"
    if kind == "runs_as":
        return f"{src} runs as {dst} (its owners can add credentials and sign in as it)"
    if kind == "app_role":
        return f"{src} holds the Microsoft Graph application permission {hop.detail} (tier 0)"
    if kind == "reset_password":
        return f"{src} can reset the password of {dst} ({hop.detail})"
    if kind == "manage_members":
        return f"{src} can add members to {dst} ({hop.detail})"
    if kind == "add_credentials":
        return f"{src} can add credentials to {dst} ({hop.detail})"
    return f"{src} -{kind}-> {dst}"


def describe_path(g: nx.MultiDiGraph, path: GraphPath) -> list[str]:
    """Every hop of a path, in order, as sentences."""
    return [f"{i}. {describe_hop(g, hop)}" for i, hop in enumerate(path.hops, 1)]


def hop_cost_word(path: GraphPath) -> str:
    """How hard the path is: ``active``, ``needs activation`` or ``needs approval``."""
    if any(h.approval for h in path.hops):
        return "needs approval"
    if any(not h.active for h in path.hops):
        return "needs activation"
    return "active"
