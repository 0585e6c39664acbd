"""The exception hierarchy. Every error a user can cause maps to exit code 2.

::

    PimlintError (exit 2)
     ├─ ConfigError          bad pimlint.toml, unknown selector, unknown rule option
     ├─ InputError           unreadable file, JSON syntax, schema violation (file + JSON path)
     └─ RulePackLoadError    a rule pack that does not import or declares bad metadata
    InternalError (exit 3)   unexpected exception; a rule crash summary
"""

from __future__ import annotations

from pimlint import exit_codes


class PimlintError(Exception):
    """An error the user can fix; reported as one line, exit code 2."""

    exit_code = exit_codes.USAGE_OR_INPUT_ERROR

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def format(self) -> str:
        """The one-line message shown to the user."""
        return self.message


class ConfigError(PimlintError):
    """Invalid configuration or command-line selection."""


class InputError(PimlintError):
    """An export file that cannot be read, parsed or validated.

    Args:
        file: the file, as the user named it (or relative to the bundle).
        message: what is wrong, including what was expected.
        json_path: JSONPath-like location inside the file (``$.value[3].principalId``).
        line: 1-based line, where known.
    """

    def __init__(self, file: str, message: str, json_path: str | None = None, line: int | None = None) -> None:
        self.file = file
        self.detail = message
        self.json_path = json_path
        self.line = line
        where = file if line is None else f"{file}:{line}"
        if json_path:
            where = f"{where}: {json_path}"
        super().__init__(f"{where}: {message}")

    def __reduce__(self) -> tuple[type[InputError], tuple[str, str, str | None, int | None]]:
        """Picklable (a worker process sends its error to the parent)."""
        return InputError, (self.file, self.detail, self.json_path, self.line)


class RulePackLoadError(PimlintError):
    """A rule pack that cannot be loaded."""


class InternalError(Exception):
    """A bug in pimlint or in a rule; exit code 3."""

    exit_code = exit_codes.INTERNAL_ERROR
