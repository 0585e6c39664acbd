"""``pimlint waivers lint|list``: check the waiver file; list waivers and their state."""

from __future__ import annotations

import json
import re
import sys
from datetime import date, timedelta
from pathlib import Path

import click

from pimlint import exit_codes
from pimlint.commands.common import errors, parse_as_of

_WITHIN = re.compile(r"^(\d+)\s*([dw]?)$")


def _days(value: str) -> int:
    match = _WITHIN.match(value.strip().lower())
    if match is None:
        raise click.BadParameter(f"expected days like 30d or 4w, got {value!r}")
    return int(match.group(1)) * (7 if match.group(2) == "w" else 1)


def _locate(file: Path | None, config_file: Path | None) -> tuple[Path | None, int]:
    """The waiver file (explicit, configured or ``.pimlint/waivers.toml``) and ``max-waiver-days``."""
    from pimlint.config import load_config

    loaded = load_config(Path("."), config_file, {})
    return (file or loaded.waivers_path()), loaded.settings.max_waiver_days


def _reference_date(as_of: str | None) -> date:
    """``--as-of`` or today: linting a file (not an export) is judged against the calendar."""
    parsed = parse_as_of(as_of)
    return parsed.date() if parsed is not None else date.today()


@click.group("waivers")
def waivers_group() -> None:
    """Lint or list the waiver file (.pimlint/waivers.toml)."""


@waivers_group.command("lint")
@click.argument("file", type=click.Path(path_type=Path, dir_okay=False), required=False)
@click.option("--config", "config_file", type=click.Path(path_type=Path, dir_okay=False), help="Config file.")
@click.option("--as-of", "as_of", help="Date expiry and horizons are judged against (default: today).")
def lint(file: Path | None, config_file: Path | None, as_of: str | None) -> None:
    """Validate the waiver file: exit 0 clean, 1 with problems, 2 when unreadable."""
    with errors():
        from pimlint.engine.registry import load_registry
        from pimlint.waivers import Problem, read_waivers, semantic_problems

        path, max_days = _locate(file, config_file)
        if path is None:
            click.echo("pimlint: no waiver file (.pimlint/waivers.toml) found; nothing to lint")
            sys.exit(exit_codes.OK)
        waivers = read_waivers(path)
        today = _reference_date(as_of)
        problems = semantic_problems(waivers, load_registry().get, today, max_days)
        problems += [Problem(w.id, f"expired on {w.expires}") for w in waivers.waivers
                     if w.expires is not None and w.expires < today]
        for problem in problems:
            click.echo(f"{path}: {problem}")
        noun = "waiver" if len(waivers.waivers) == 1 else "waivers"
        click.echo(f"{len(waivers.waivers)} valid {noun}, {len(problems)} problem{'s' if len(problems) != 1 else ''}"
                   f" (as of {today})")
    sys.exit(exit_codes.FINDINGS if problems else exit_codes.OK)


@waivers_group.command("list")
@click.argument("file", type=click.Path(path_type=Path, dir_okay=False), required=False)
@click.option("--config", "config_file", type=click.Path(path_type=Path, dir_okay=False), help="Config file.")
@click.option("--expiring-within", "within", help="Only waivers expiring within this many days (30d, 4w), "
              "expired ones included.")
@click.option("--bundle", type=click.Path(path_type=Path), help="Run check on this bundle to show active/unused.")
@click.option("--as-of", "as_of", help="Reference date (default: today, or the bundle's export date).")
@click.option("-f", "--format", "fmt", type=click.Choice(("text", "json")), default="text", show_default=True)
def list_waivers(file: Path | None, config_file: Path | None, within: str | None, bundle: Path | None,
                 as_of: str | None, fmt: str) -> None:
    """List waivers with owner, expiry and state (valid/expiring/expired, or active/unused with --bundle)."""
    with errors():
        from tabulate import tabulate

        from pimlint.errors import ConfigError
        from pimlint.waivers import read_waivers

        path, _ = _locate(file, config_file)
        if path is None:
            raise ConfigError("no waiver file (.pimlint/waivers.toml) found; pass FILE")
        waivers = read_waivers(path)
        states: dict[str, str] = {}
        today = _reference_date(as_of)
        if bundle is not None:
            from pimlint import api
            from pimlint.config import load_config

            loaded = load_config(bundle, config_file, {"waivers": path})
            result = api.check(bundle, loaded.settings, api.CheckOptions(as_of=parse_as_of(as_of), waivers=path))
            states = {o.id: o.state.value for o in result.waivers or ()}
            today = result.as_of.date() if result.as_of else today
        horizon = today + timedelta(days=_days(within)) if within else None
        rows = []
        for w in waivers.waivers:
            if horizon is not None and (w.expires is None or w.expires > horizon):
                continue
            soon = w.expires is not None and w.expires <= today + timedelta(days=30)
            state = "expired" if w.expires is not None and w.expires < today else states.get(
                w.id, "expiring" if soon else "valid")
            rows.append({"id": w.id, "rule": w.rule, "kind": w.kind.value, "owner": w.owner,
                         "expires": w.expires.isoformat() if w.expires else None, "state": state,
                         "ticket": w.ticket})
        if fmt == "json":
            click.echo(json.dumps(rows, indent=2, sort_keys=True))
        else:
            table = [[r["id"], r["rule"], r["kind"], r["owner"], r["expires"] or "-", r["state"]] for r in rows]
            click.echo(tabulate(table, headers=("id", "rule", "kind", "owner", "expires", "state")))
            for problem in waivers.problems:
                click.echo(f"{path}: {problem}", err=True)
