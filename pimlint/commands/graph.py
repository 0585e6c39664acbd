"""``pimlint graph``: export the privilege graph, or the part around a role or principal."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from pimlint.commands.common import LOAD_WORKERS, emit, errors


def resolve_node(pg: Any, roles: Any, name: str) -> str:
    """The node of a role (name or template id, tenant scope) or a principal (UPN, name or object id)."""
    from pimlint.errors import ConfigError
    from pimlint.graph import node, role_node

    tenant = pg.tenant
    key = name.strip().lower()
    by_upn = {u.upn.lower(): u.id for u in tenant.users.values() if u.upn}
    names = {(o.display_name or "").lower(): o.id
             for table in (tenant.groups, tenant.service_principals, tenant.applications) for o in table.values()}
    object_id = key if key in pg.graph or f"user:{key}" in pg.graph else by_upn.get(key) or names.get(key)
    if object_id is None and key not in tenant.users:
        try:
            found = role_node(roles.resolve(name))
        except ConfigError:
            raise ConfigError(f"{name!r} is neither a role nor a principal in the export") from None
        if found not in pg.graph:
            raise ConfigError(f"nobody holds {roles.name(roles.resolve(name))} in the export")
        return found
    object_id = object_id or key
    kind = "application" if object_id in tenant.applications else tenant.principal_kind(object_id)
    found = node(kind, object_id)
    if found not in pg.graph:
        raise ConfigError(f"{name!r} has no privilege edges in the graph")
    return found


@click.command()
@click.argument("path", type=click.Path(path_type=Path))
@click.option("-f", "--format", "fmt", type=click.Choice(("graphml", "dot", "json", "mermaid")), default="json",
              show_default=True, help="Output format.")
@click.option("--focus", help="Only the part around a role (who reaches it) or a principal (what it reaches).")
@click.option("--depth", type=click.IntRange(min=0), default=None, help="Hops around --focus (default: all).")
@click.option("-o", "--output", type=click.Path(path_type=Path, dir_okay=False), help="Write to FILE.")
@click.option("--debug", is_flag=True, help="Show tracebacks instead of one-line errors.")
def graph(path: Path, fmt: str, focus: str | None, depth: int | None, output: Path | None, debug: bool) -> None:
    """Export the privilege graph of the bundle at PATH."""
    with errors(debug):
        from pimlint.graph import build_graph
        from pimlint.graph.export import render, view
        from pimlint.loading.api import load
        from pimlint.roleclasses import RoleClasses

        tenant = load(path, workers=LOAD_WORKERS).tenant
        pg = build_graph(tenant)
        roles = RoleClasses(tenant)
        tree = pg.search(pg.tier0_targets(roles.critical))
        extra = [(s, t, k, {"kind": h.kind, "active": h.active, "permanent": h.permanent, "detail": h.detail})
                 for s, t, k, h in tree.edges() if h.kind in ("reset_password", "manage_members", "add_credentials")]
        target = resolve_node(pg, roles, focus) if focus else None
        emit(render(view(pg.graph, target, depth, extra), fmt), output)
