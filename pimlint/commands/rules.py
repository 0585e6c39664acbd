"""``pimlint rules`` and ``pimlint rule ID``: the rule catalogue from its metadata."""

from __future__ import annotations

from pathlib import Path

import click

from pimlint.commands.common import errors, overrides, selection_options


@click.command("rules")
@selection_options
@click.option("-f", "--format", "fmt", type=click.Choice(("table", "json")), default="table", show_default=True)
def list_rules(config_file: Path | None, select: tuple[str, ...], ignore: tuple[str, ...],
               extend_select: tuple[str, ...], extend_ignore: tuple[str, ...], profile: str | None, fmt: str) -> None:
    """List the rules (honours --select/--ignore and the config)."""
    with errors():
        from pimlint import api
        from pimlint.config import load_settings
        from pimlint.docs import rules_json, rules_table

        settings, _ = load_settings(Path("."), config_file,
                                    overrides(select, ignore, extend_select, extend_ignore, profile))
        registry = api.selected_registry(settings)
        click.echo(rules_json(registry, settings) if fmt == "json" else rules_table(registry), nl=fmt == "table")


@click.command("rule")
@click.argument("rule_id")
@click.option("-f", "--format", "fmt", type=click.Choice(("text", "markdown", "json")), default="text", show_default=True)
@click.option("--profile", type=click.Choice(("default", "scuba", "strict")), default="default", show_default=True)
def show_rule(rule_id: str, fmt: str, profile: str) -> None:
    """Explain one rule: what it checks, why, how to fix it, references, options."""
    with errors():
        from pimlint.config import Settings
        from pimlint.docs import rule_page
        from pimlint.engine.registry import load_registry
        from pimlint.errors import ConfigError

        registry = load_registry()
        found = registry.get(rule_id)
        if found is None:
            import difflib

            names = [r.meta.id for r in registry] + [r.meta.name for r in registry]
            close = difflib.get_close_matches(rule_id, names, n=1, cutoff=0.6)
            raise ConfigError(f"no rule {rule_id!r}" + (f" (did you mean {close[0]!r}?)" if close else ""))
        click.echo(rule_page(found, Settings(profile=profile), fmt), nl=False)
