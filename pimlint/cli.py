"""The ``pimlint`` command line: a click group whose commands are imported only when invoked.

Commands are thin (options → settings → ``api`` → renderer → exit code) and live in
``pimlint/commands/``; ``pimlint --version`` and ``--help`` import none of the heavy modules.
"""

from __future__ import annotations

import gc
import importlib
import os
import sys
from typing import Any, NoReturn

import click

from pimlint import __version__

COMMANDS: dict[str, tuple[str, str]] = {
    "check": ("pimlint.commands.check", "check"),
    "rules": ("pimlint.commands.rules", "list_rules"),
    "kpis": ("pimlint.commands.kpis", "kpis"),
    "rule": ("pimlint.commands.rules", "show_rule"),
    "validate": ("pimlint.commands.validate", "validate"),
    "inspect": ("pimlint.commands.inspect", "inspect"),
    "report": ("pimlint.commands.report", "report"),
    "config": ("pimlint.commands.config", "config_group"),
    "waivers": ("pimlint.commands.waivers", "waivers_group"),
    "baseline": ("pimlint.commands.baseline", "baseline_group"),
    "diff": ("pimlint.commands.diff", "diff"),
    "synth": ("pimlint.commands.synth", "synth"),
    "graph": ("pimlint.commands.graph", "graph"),
    "paths": ("pimlint.commands.paths", "paths"),
}
"""Command name → (module, attribute). Add a command by adding a module and a line here."""


class LazyGroup(click.Group):
    """A group that imports a command's module only when that command is used."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        target = COMMANDS.get(cmd_name)
        if target is None:
            return None
        command: Any = getattr(importlib.import_module(target[0]), target[1])
        return command  # type: ignore[no-any-return]


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="pimlint", message="%(prog)s %(version)s")
def main() -> None:
    """Lint exported Microsoft Entra PIM configuration, offline."""


_EXITING_FAST = False
_RETAINED: list[object] = []


def retain(obj: object) -> None:
    """Keep ``obj`` alive until the process ends, when run as the ``pimlint`` command (``run``):
    a 100,000-user model takes half a second to free object by object, and the process is about
    to exit anyway. Elsewhere (tests, library use) this does nothing."""
    if _EXITING_FAST:
        _RETAINED.append(obj)


def run() -> NoReturn:
    """The ``pimlint`` console command: the click group, then an exit that skips tearing down the
    heap (output is flushed first; pimlint registers no exit handlers).

    The cyclic garbage collector stays off for the whole command, as it does for a run inside
    the library (``api.without_cyclic_gc``): pimlint leaves no cycles worth collecting
    (tests/test_reference_cycles.py), and turning it back on before exiting would make it walk
    every object of the retained model once (0.6 s on a 100,000-user tenant) for nothing.
    """
    global _EXITING_FAST
    _EXITING_FAST = True
    gc.disable()
    try:
        main()
        code: object = 0
    except SystemExit as exc:
        code = exc.code
    if code is not None and not isinstance(code, int):
        print(code, file=sys.stderr)
        code = 1
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # a reader that went away, or a closed stream: nothing to keep
            pass
    os._exit(code or 0)
