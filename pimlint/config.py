"""Settings: ``pimlint.toml`` beside the bundle (or ``--config``), validated strictly.

Keys are kebab-case as in export-bundle.md and cli-ux.md §5.6. An unknown key is an error with a
did-you-mean; per-rule options live under ``[rules.<ID or name>]``.
"""

from __future__ import annotations

import difflib
import re
import tomllib
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from pimlint.levels import Severity
from pimlint.errors import ConfigError

CONFIG_NAMES = ("pimlint.toml", ".pimlint.toml")
PROFILES = ("default", "scuba", "strict")
_DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_TIME = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")


class BusinessHours(BaseModel):
    """Working days and hours in the tenant's timezone (``days = "Mon-Fri"``)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    days: str = "Mon-Fri"
    start: str = "07:00"
    end: str = "19:00"

    @field_validator("days")
    @classmethod
    def _days(cls, value: str) -> str:
        for part in value.lower().replace(" ", "").split(","):
            for day in part.split("-"):
                if day not in _DAYS:
                    raise ValueError(f"unknown day {day!r} (use Mon..Sun, ranges like Mon-Fri, lists like Mon,Wed)")
        return value

    @field_validator("start", "end")
    @classmethod
    def _time(cls, value: str) -> str:
        if not _TIME.match(value):
            raise ValueError(f"expected HH:MM, got {value!r}")
        return value


class Settings(BaseModel):
    """The effective settings of a run (defaults < config file < command line)."""

    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True)

    break_glass: tuple[str, ...] = Field(default=(), alias="break-glass")
    timezone: str | None = None
    business_hours: BusinessHours = Field(default_factory=BusinessHours, alias="business-hours")
    approval_required_roles: tuple[str, ...] | None = Field(default=None, alias="approval-required-roles")
    critical_roles: tuple[str, ...] | None = Field(default=None, alias="critical-roles")
    extra_privileged_roles: tuple[str, ...] = Field(default=(), alias="extra-privileged-roles")
    select: tuple[str, ...] = ("ALL",)
    ignore: tuple[str, ...] = ()
    extend_select: tuple[str, ...] = Field(default=(), alias="extend-select")
    extend_ignore: tuple[str, ...] = Field(default=(), alias="extend-ignore")
    fail_on: Severity | Literal["never"] = Field(default=Severity.LOW, alias="fail-on")
    profile: Literal["default", "scuba", "strict"] = "default"
    severity_overrides: dict[str, Severity] = Field(default_factory=dict, alias="severity-overrides")
    rules: dict[str, dict[str, Any]] = Field(default_factory=dict)
    max_input_mb: int = Field(default=2048, alias="max-input-mb", ge=1, le=65536)


def _fields_by_alias() -> dict[str, str]:
    return {(f.alias or name): name for name, f in Settings.model_fields.items()}


def _explain(exc: ValidationError, source: str) -> ConfigError:
    error = exc.errors()[0]
    location = ".".join(str(p) for p in error["loc"])
    if error["type"] == "extra_forbidden":
        key = str(error["loc"][-1])
        known = list(_fields_by_alias()) if len(error["loc"]) == 1 else list(BusinessHours.model_fields)
        close = difflib.get_close_matches(key, known, n=1, cutoff=0.6)
        hint = f" (did you mean {close[0]!r}?)" if close else ""
        return ConfigError(f"{source}: unknown setting {location!r}{hint}")
    return ConfigError(f"{source}: {location}: {error['msg']}")


def parse_settings(data: dict[str, Any], source: str) -> Settings:
    """Validate a settings table (already parsed TOML); ``source`` names it in errors."""
    try:
        return Settings.model_validate(data)
    except ValidationError as exc:
        raise _explain(exc, source) from None


def read_config_file(path: Path) -> dict[str, Any]:
    """Read a TOML config file; ``pyproject.toml`` contributes its ``[tool.pimlint]`` table."""
    try:
        with path.open("rb") as handle:
            data = tomllib.load(handle)
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read config file: {exc.strerror or exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML: {exc}") from None
    if path.name == "pyproject.toml":
        tool = data.get("tool", {})
        return dict(tool.get("pimlint", {})) if isinstance(tool, dict) else {}
    return data


def discover(bundle: Path) -> Path | None:
    """The config file beside a bundle: in the bundle directory, or next to a single-file bundle."""
    folder = bundle if bundle.is_dir() else bundle.parent
    for name in CONFIG_NAMES:
        candidate = folder / name
        if candidate.is_file():
            return candidate
    return None


def load_settings(bundle: Path, config: Path | None, overrides: dict[str, Any]) -> tuple[Settings, Path | None]:
    """Settings for a bundle: ``--config`` or the discovered file, then command-line overrides."""
    path = config if config is not None else discover(bundle)
    data: dict[str, Any] = read_config_file(path) if path is not None else {}
    merged = {**data, **{k: v for k, v in overrides.items() if v is not None}}
    return parse_settings(merged, str(path) if path is not None else "command line"), path
