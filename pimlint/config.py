"""Settings: ``--config`` or a discovered config file, validated strictly, with provenance.

Discovery (cli-ux.md §5.6): beside the bundle, then from the current directory up to the git root;
in each folder ``pimlint.toml`` → ``.pimlint.toml`` → ``pyproject.toml`` ``[tool.pimlint]``; the
first found wins. Keys are kebab-case; an unknown key (top-level or in a nested table) is an error
with a did-you-mean; per-rule options live under ``[rules.<ID or name>]``. Relative ``waivers`` and
``baseline`` paths are resolved against the config file's folder.
"""

from __future__ import annotations

import difflib
import re
import tomllib
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from pimlint.levels import Severity
from pimlint.errors import ConfigError

CONFIG_NAMES = ("pimlint.toml", ".pimlint.toml", "pyproject.toml")
PROJECT_DIR = ".pimlint"
"""Folder (beside the config file, else the bundle) holding ``waivers.toml`` and ``baseline.json``."""
DEFAULT_MAX_WAIVER_DAYS = 180
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

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str | None) -> str | None:
        """An IANA zone this machine has tz data for (business-hours rules never guess)."""
        if value is not None:
            try:
                ZoneInfo(value)
            except (ZoneInfoNotFoundError, ValueError):
                raise ValueError(f"unknown timezone {value!r}: expected an IANA name such as 'Europe/Berlin' "
                                 "(without system tz data, `pip install tzdata`)") from None
        return value

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
    waivers: Path | None = None
    """Waiver file (default: ``.pimlint/waivers.toml`` beside the config file or bundle, if present)."""
    baseline: Path | None = None
    """Baseline file (default: ``.pimlint/baseline.json`` beside the config file or bundle, if present)."""
    rules_dir: tuple[Path, ...] = Field(default=(), alias="rules-dir")
    """Custom rule pack folders (relative to the config file); from a discovered file only with --trust-config."""
    max_waiver_days: int = Field(default=DEFAULT_MAX_WAIVER_DAYS, alias="max-waiver-days", ge=1, le=3650)
    """The longest a waiver may run, counted from the as-of date."""


def setting_keys(model: type[BaseModel] = Settings) -> list[str]:
    """The kebab-case keys of a settings table."""
    return [f.alias or name for name, f in model.model_fields.items()]


def _table_model(loc: tuple[int | str, ...]) -> type[BaseModel]:
    """The model of the (nested) table that holds the key at ``loc``."""
    model: type[BaseModel] = Settings
    for part in loc[:-1]:
        field = next((f for n, f in model.model_fields.items() if part in (n, f.alias)), None)
        annotation = field.annotation if field is not None else None
        if not (isinstance(annotation, type) and issubclass(annotation, BaseModel)):
            break
        model = annotation
    return model


def _explain(exc: ValidationError, source: str) -> ConfigError:
    error = exc.errors()[0]
    location = ".".join(str(p) for p in error["loc"])
    if error["type"] == "extra_forbidden":
        key = str(error["loc"][-1])
        close = difflib.get_close_matches(key, setting_keys(_table_model(error["loc"])), n=1, cutoff=0.6)
        hint = f" (did you mean {close[0]!r}?)" if close else ""
        return ConfigError(f"{source}: unknown setting {location!r}{hint}")
    return ConfigError(f"{source}: {location}: {error['msg']}")


def parse_settings(data: dict[str, Any], source: str) -> Settings:
    """Validate a settings table (already parsed TOML); ``source`` names it in errors."""
    try:
        return Settings.model_validate(data)
    except ValidationError as exc:
        raise _explain(exc, source) from None


def read_toml(path: Path, what: str) -> dict[str, Any]:
    """Parse a TOML file; an unreadable or invalid file is a ``ConfigError`` naming it and ``what`` it is."""
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read {what}: {exc.strerror or exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML: {exc}") from None


def read_config_file(path: Path) -> dict[str, Any]:
    """Read a TOML config file; ``pyproject.toml`` contributes its ``[tool.pimlint]`` table."""
    data = read_toml(path, "config file")
    if path.name == "pyproject.toml":
        tool = data.get("tool", {})
        return dict(tool.get("pimlint", {})) if isinstance(tool, dict) else {}
    return data


def _has_tool_table(path: Path) -> bool:
    try:
        with path.open("rb") as handle:
            tool = tomllib.load(handle).get("tool", {})
    except (OSError, tomllib.TOMLDecodeError):
        return False
    return isinstance(tool, dict) and "pimlint" in tool


def search_folders(bundle: Path, cwd: Path | None = None) -> list[Path]:
    """Where config is looked for: beside the bundle, then the current directory up to the git root."""
    folders = [(bundle if bundle.is_dir() else bundle.parent).resolve()]
    here = (cwd or Path.cwd()).resolve()
    chain = [here, *here.parents]
    top = next((i for i, folder in enumerate(chain) if (folder / ".git").exists()), 0)
    folders.extend(f for f in chain[: top + 1] if f not in folders)
    return folders


def discover(bundle: Path, cwd: Path | None = None) -> Path | None:
    """The first config file found for a bundle (see the module docstring), or ``None``."""
    for folder in search_folders(bundle, cwd):
        for name in CONFIG_NAMES:
            candidate = folder / name
            if candidate.is_file() and (name != "pyproject.toml" or _has_tool_table(candidate)):
                return candidate
    return None


@dataclass(frozen=True)
class LoadedConfig:
    """Effective settings, the config file used, and where each top-level key came from."""

    settings: Settings
    path: Path | None
    origins: dict[str, str]
    """Top-level key → ``default``, the config file path, or ``command line``."""
    root: Path
    """The folder holding ``.pimlint/``: the config file's folder, else the bundle's."""
    isolated: bool = False
    """``--isolated``: no config file was looked for, nor waivers or a baseline in ``.pimlint/``."""

    def project_file(self, name: str) -> Path:
        """A file inside ``.pimlint/`` of the project root."""
        return self.root / PROJECT_DIR / name

    def waivers_path(self) -> Path | None:
        """``waivers`` from config or command line, else ``.pimlint/waivers.toml`` if it exists."""
        default = self.project_file("waivers.toml")
        return self.settings.waivers or (default if default.is_file() and not self.isolated else None)

    def baseline_path(self) -> Path | None:
        """``baseline`` from config or command line, else ``.pimlint/baseline.json`` if it exists."""
        default = self.project_file("baseline.json")
        return self.settings.baseline or (default if default.is_file() and not self.isolated else None)


def _resolve_paths(data: dict[str, Any], folder: Path) -> dict[str, Any]:
    out = dict(data)
    for key in ("waivers", "baseline"):
        if isinstance(out.get(key), str):
            out[key] = str(folder / out[key])
    if isinstance(out.get("rules-dir"), str):
        out["rules-dir"] = [out["rules-dir"]]
    if isinstance(out.get("rules-dir"), list):
        out["rules-dir"] = [str(folder / d) if isinstance(d, str) else d for d in out["rules-dir"]]
    return out


def load_config(bundle: Path, config: Path | None, overrides: dict[str, Any], cwd: Path | None = None,
                isolated: bool = False) -> LoadedConfig:
    """Settings for a bundle: defaults < ``--config`` or the discovered file < command line
    (``isolated``: defaults < command line, nothing discovered)."""
    if isolated and config is not None:
        raise ConfigError("--isolated ignores every config file; drop --config (or --isolated)")
    path = config if config is not None or isolated else discover(bundle, cwd)
    data = _resolve_paths(read_config_file(path), path.parent) if path is not None else {}
    given = {k: v for k, v in overrides.items() if v is not None}
    settings = parse_settings({**data, **given}, str(path) if path is not None else "command line")
    origins = {key: "default" for key in setting_keys()}
    origins.update({key: str(path) for key in data})
    origins.update({key: "command line" for key in given})
    return LoadedConfig(settings=settings, path=path, origins=origins, root=project_root(bundle, path, cwd),
                        isolated=isolated)


def project_root(bundle: Path, config: Path | None, cwd: Path | None = None) -> Path:
    """The config file's folder, else the first searched folder holding ``.pimlint/``, else the bundle's."""
    if config is not None:
        return config.parent
    folders = search_folders(bundle, cwd)
    return next((f for f in folders if (f / PROJECT_DIR).is_dir()), folders[0])


def load_settings(bundle: Path, config: Path | None, overrides: dict[str, Any]) -> tuple[Settings, Path | None]:
    """Settings for a bundle and the config file they came from (see ``load_config``)."""
    loaded = load_config(bundle, config, overrides)
    return loaded.settings, loaded.path
