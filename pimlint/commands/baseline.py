"""``pimlint baseline create|update|show``: the adoption ratchet (``.pimlint/baseline.json``)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from pimlint.commands.common import errors, parse_as_of


def _bundle_options(func: Any) -> Any:
    for decorator in reversed((
        click.argument("path", type=click.Path(path_type=Path)),
        click.option("--config", "config_file", type=click.Path(path_type=Path, dir_okay=False), help="Config file."),
        click.option("-o", "--baseline", "target", type=click.Path(path_type=Path, dir_okay=False),
                     help="Baseline file (default: config `baseline`, else .pimlint/baseline.json)."),
        click.option("--as-of", "as_of", help="Reference date (default: the export's exportedAt)."),
    )):
        func = decorator(func)
    return func


def _run(path: Path, config_file: Path | None, target: Path | None, as_of: str | None, with_baseline: bool) -> Any:
    """Check the bundle (waivers applied) and return (result, baseline path)."""
    from pimlint import api
    from pimlint.config import load_config

    loaded = load_config(path, config_file, {})
    file = target or loaded.settings.baseline or loaded.project_file("baseline.json")
    options = api.CheckOptions(as_of=parse_as_of(as_of), waivers=loaded.waivers_path(),
                               baseline=file if with_baseline else None)
    return api.check(path, loaded.settings, options), file


@click.group("baseline")
def baseline_group() -> None:
    """Create, update or show the baseline of accepted existing findings."""


@baseline_group.command("create")
@_bundle_options
@click.option("--force", is_flag=True, help="Overwrite an existing baseline.")
def create(path: Path, config_file: Path | None, target: Path | None, as_of: str | None, force: bool) -> None:
    """Baseline every failing finding of the bundle at PATH."""
    with errors():
        from pimlint.baseline import create_baseline, write_baseline
        from pimlint.errors import ConfigError

        result, file = _run(path, config_file, target, as_of, with_baseline=False)
        if file.exists() and not force:
            raise ConfigError(f"{file}: baseline exists (use `pimlint baseline update`, or --force to replace it)")
        baseline = create_baseline(result.findings, result.as_of)
        write_baseline(file, baseline)
        total = sum(e.count for e in baseline.entries)
        click.echo(f"wrote {file}: {len(baseline.entries)} entries, {total} findings baselined")


@baseline_group.command("update")
@_bundle_options
@click.option("--add-new", is_flag=True, help="Also absorb findings that are not in the baseline yet.")
def update(path: Path, config_file: Path | None, target: Path | None, as_of: str | None, add_new: bool) -> None:
    """Prune fixed findings from the baseline (and absorb new ones with --add-new)."""
    with errors():
        from pimlint.baseline import read_baseline, update_baseline, write_baseline

        result, file = _run(path, config_file, target, as_of, with_baseline=True)
        updated, pruned, added = update_baseline(read_baseline(file), result.findings, result.tenant.id,
                                                 result.as_of, add_new)
        write_baseline(file, updated)
        click.echo(f"updated {file}: {pruned} fixed pruned, {added} added, {len(updated.entries)} entries")


@baseline_group.command("show")
@click.argument("file", type=click.Path(path_type=Path, dir_okay=False), required=False)
@click.option("--config", "config_file", type=click.Path(path_type=Path, dir_okay=False), help="Config file.")
@click.option("-f", "--format", "fmt", type=click.Choice(("text", "json", "waivers")), default="text",
              show_default=True, help="waivers: a waivers.toml draft, one waiver per entry, to fill in and review.")
def show(file: Path | None, config_file: Path | None, fmt: str) -> None:
    """Print the baseline entries (FILE, default: the configured or .pimlint/baseline.json).

    `--format waivers` turns them into waiver drafts matched by fingerprint: reason, owner and
    expiry are left for a person to fill in (`pimlint waivers lint` refuses them until then).
    """
    with errors():
        from tabulate import tabulate

        from pimlint.baseline import read_baseline, render_baseline, waiver_stubs
        from pimlint.config import load_config

        loaded = load_config(Path("."), config_file, {})
        path = file or loaded.settings.baseline or loaded.project_file("baseline.json")
        baseline = read_baseline(path)
        if fmt == "json":
            click.echo(render_baseline(baseline), nl=False)
            return
        if fmt == "waivers":
            click.echo(waiver_stubs(baseline), nl=False)
            return
        rows = sorted((e.rule, e.count, e.fingerprint, e.resource) for e in baseline.entries)
        click.echo(tabulate(rows, headers=("rule", "count", "fingerprint", "resource")))
        total = sum(e.count for e in baseline.entries)
        click.echo(f"{len(baseline.entries)} entries, {total} findings · {baseline.tool}"
                   + (f" · as of {baseline.created.date()}" if baseline.created else ""))
