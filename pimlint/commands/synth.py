"""``pimlint synth``: write a synthetic export bundle (benchmarks, demos, scale tests)."""

from __future__ import annotations

from pathlib import Path

import click

from pimlint.commands.common import errors


@click.command("synth")
@click.argument("out", type=click.Path(path_type=Path, file_okay=False))
@click.option("--users", type=click.IntRange(100, 2_000_000), default=1000, show_default=True,
              help="Number of (non-break-glass) users.")
@click.option("--seed", type=int, default=1, show_default=True, help="Random seed: same seed, same bundle.")
def synth(out: Path, users: int, seed: int) -> None:
    """Write a realistic synthetic bundle of USERS users into the folder OUT (with planted findings)."""
    with errors():
        from pimlint.errors import ConfigError
        from pimlint.synth import write_bundle

        if out.exists() and any(out.iterdir()):
            raise ConfigError(f"{out}: folder is not empty; choose a new folder")
        stats = write_bundle(out, users, seed)
        total = sum(stats.files.values())
        click.echo(
            f"wrote {out}: {stats.users:,} users, {stats.groups:,} groups, {stats.memberships:,} memberships, "
            f"{stats.privileged_users:,} privileged, {stats.service_principals:,} service principals, "
            f"{stats.audit_events:,} audit events, {stats.sign_ins:,} sign-ins; {total / 1e6:.1f} MB"
        )
