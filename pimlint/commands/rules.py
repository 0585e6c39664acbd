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
        table = rules_table(registry, settings if profile or settings.profile != "default" else None)
        click.echo(rules_json(registry, settings) if fmt == "json" else table, nl=fmt == "table")


@click.command("rule")
@click.argument("rule_id", required=False)
@click.option("--all", "all_rules", is_flag=True, help="Every rule (with --output-dir: one page per rule + index).")
@click.option("-f", "--format", "fmt", type=click.Choice(("text", "markdown", "json")), default="text", show_default=True)
@click.option("--profile", type=click.Choice(("default", "scuba", "strict")), default="default", show_default=True)
@click.option("--output-dir", type=click.Path(path_type=Path, file_okay=False),
              help="With --all --format markdown: write DIR/<ID>.md and DIR/index.md.")
def show_rule(rule_id: str | None, all_rules: bool, fmt: str, profile: str, output_dir: Path | None) -> None:
    """Explain one rule: what it checks, why, how to fix it, references, options."""
    with errors():
        from pimlint.config import Settings
        from pimlint.docs import docs_pages, rule_page
        from pimlint.engine.registry import load_registry
        from pimlint.errors import ConfigError

        registry = load_registry()
        if all_rules:
            if output_dir is None:
                click.echo("\n".join(rule_page(r, Settings(profile=profile), fmt) for r in registry), nl=False)
                return
            if fmt != "markdown":
                raise ConfigError("--output-dir writes markdown pages: add --format markdown")
            from pimlint.output import write_atomic

            output_dir.mkdir(parents=True, exist_ok=True)
            for name, text in sorted(docs_pages(registry).items()):
                write_atomic(output_dir / name, text)
            click.echo(f"wrote {len(registry) + 1} pages to {output_dir}", err=True)
            return
        if rule_id is None:
            raise ConfigError("name a rule (e.g. pimlint rule PIM101) or pass --all")
        found = registry.get(rule_id)
        if found is None:
            import difflib

            names = [r.meta.id for r in registry] + [r.meta.name for r in registry]
            close = difflib.get_close_matches(rule_id, names, n=1, cutoff=0.6)
            raise ConfigError(f"no rule {rule_id!r}" + (f" (did you mean {close[0]!r}?)" if close else ""))
        click.echo(rule_page(found, Settings(profile=profile), fmt), nl=False)
