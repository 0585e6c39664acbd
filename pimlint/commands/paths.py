"""``pimlint paths``: every principal's cheapest path to a role (default: tier 0), in words."""

from __future__ import annotations

import json
from pathlib import Path

import click

from pimlint.commands.common import LOAD_WORKERS, emit, errors


@click.command()
@click.argument("path", type=click.Path(path_type=Path))
@click.option("--to", "to", default=None, help="A role name or id (default: tier 0, the critical roles and tenant control).")
@click.option("--from", "start", default=None, help="Only the path of this principal (UPN, name or object id).")
@click.option("-f", "--format", "fmt", type=click.Choice(("text", "json")), default="text", show_default=True)
@click.option("-o", "--output", type=click.Path(path_type=Path, dir_okay=False), help="Write to FILE.")
@click.option("--debug", is_flag=True, help="Show tracebacks instead of one-line errors.")
def paths(path: Path, to: str | None, start: str | None, fmt: str, output: Path | None, debug: bool) -> None:
    """List who can reach a role and how, hop by hop, cheapest path first."""
    with errors(debug):
        from pimlint.commands.graph import resolve_node
        from pimlint.graph import build_graph
        from pimlint.graph.explain import describe_path, hop_cost_word
        from pimlint.loading.api import load
        from pimlint.roleclasses import RoleClasses

        tenant = load(path, workers=LOAD_WORKERS).tenant
        pg = build_graph(tenant)
        roles = RoleClasses(tenant)
        targets = [resolve_node(pg, roles, to)] if to else pg.tier0_targets(roles.critical)
        tree = pg.search(targets)
        starts = [resolve_node(pg, roles, start)] if start else tree.reached(("user", "servicePrincipal"))
        found = [(p.cost, pg.label(s), s, p) for s in starts if (p := tree.path(s)) is not None]
        found.sort(key=lambda item: item[:3])
        goal = pg.label(targets[0]) if to else "tier 0"
        if fmt == "json":
            doc = [{"principal": label, "node": s, "cost": p.cost, "effort": hop_cost_word(p),
                    "reaches": pg.label(p.end), "hops": describe_path(pg.graph, p)} for _, label, s, p in found]
            emit(json.dumps({"to": goal, "paths": doc}, indent=2) + "\n", output)
            return
        lines = [f"{len(found)} principal(s) can reach {goal}" + ("" if found else ".")]
        for _, label, _, p in found:
            lines += ["", f"{label} → {pg.label(p.end)} (cost {p.cost}, {hop_cost_word(p)})",
                      *(f"  {h}" for h in describe_path(pg.graph, p))]
        emit("\n".join(lines) + "\n", output)
