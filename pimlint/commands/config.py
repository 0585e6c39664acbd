"""``pimlint config show|init``: the effective settings and where each came from; a starter file."""

from __future__ import annotations

import json
from pathlib import Path

import click

from pimlint.commands.common import SEVERITIES, errors, overrides, selection_options


@click.group("config")
def config_group() -> None:
    """Show the effective configuration or write a starter pimlint.toml."""


@config_group.command("show")
@click.argument("path", type=click.Path(path_type=Path), default=".")
@selection_options
@click.option("--fail-on", type=click.Choice((*SEVERITIES, "never")), default=None, help="As for check.")
@click.option("-f", "--format", "fmt", type=click.Choice(("text", "json")), default="text", show_default=True)
def show(path: Path, config_file: Path | None, select: tuple[str, ...], ignore: tuple[str, ...],
         extend_select: tuple[str, ...], extend_ignore: tuple[str, ...], profile: str | None,
         fail_on: str | None, fmt: str) -> None:
    """Print the effective settings for the bundle at PATH and the source of each value."""
    with errors():
        from pimlint.config import load_config
        from pimlint.configdoc import effective_json, effective_text
        from pimlint.engine.registry import load_registry

        loaded = load_config(path, config_file, overrides(select, ignore, extend_select, extend_ignore, profile,
                                                          **{"fail-on": fail_on}))
        registry = load_registry()
        if fmt == "json":
            click.echo(json.dumps(effective_json(loaded, registry), indent=2, sort_keys=True))
        else:
            click.echo(effective_text(loaded, registry), nl=False)


@config_group.command("init")
@click.argument("target", type=click.Path(path_type=Path, dir_okay=False), default="pimlint.toml")
@click.option("--force", is_flag=True, help="Overwrite an existing file.")
def init(target: Path, force: bool) -> None:
    """Write a commented starter config to TARGET (default: ./pimlint.toml)."""
    with errors():
        from pimlint.configdoc import starter_config
        from pimlint.engine.registry import load_registry
        from pimlint.errors import ConfigError
        from pimlint.output import write_atomic

        if target.exists() and not force:
            raise ConfigError(f"{target}: already exists (use --force to overwrite)")
        write_atomic(target, starter_config(load_registry()))
        click.echo(f"wrote {target}")
