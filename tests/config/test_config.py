"""Configuration: discovery order, precedence with provenance, strict keys, config show/init, schemas."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from pimlint.cli import main
from pimlint.config import Settings, discover, parse_settings
from tests.builders import GA, hardened
from tests.config.schemas import MODELS, SCHEMA_DIR, generate


def invoke(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A git repository holding exports/bundle.json (a standing GA: one critical finding); cwd = its root."""
    (tmp_path / ".git").mkdir()
    (tmp_path / "exports").mkdir()
    t = hardened()
    t.active(t.user("dave"), GA)
    t.write(tmp_path / "exports")
    (tmp_path / "exports" / "pimlint.toml").unlink()
    monkeypatch.chdir(tmp_path)
    return tmp_path


def sources(*args: str) -> dict[str, dict[str, object]]:
    code, out, err = invoke("config", "show", "exports/bundle.json", "--format", "json", *args)
    assert code == 0, err
    return json.loads(out)["settings"]  # type: ignore[no-any-return]


@pytest.mark.parametrize("name", sorted(MODELS))
def test_schema_files_in_sync_with_models(name: str) -> None:
    assert (SCHEMA_DIR / name).read_text(encoding="utf-8") == generate(name), (
        "regenerate with: python -m tests.config.schemas"
    )


def test_discovery_order_beside_bundle_then_cwd_up_to_git_root(project: Path) -> None:
    bundle = project / "exports" / "bundle.json"
    assert discover(bundle) is None
    (project / "pyproject.toml").write_text("[project]\nname = 'x'\n")
    assert discover(bundle) is None, "a pyproject.toml without [tool.pimlint] is no config"
    (project / "pyproject.toml").write_text("[tool.pimlint]\nfail-on = 'high'\n")
    assert discover(bundle) == project / "pyproject.toml"
    (project / ".pimlint.toml").write_text("")
    assert discover(bundle) == project / ".pimlint.toml"
    (project / "pimlint.toml").write_text("")
    assert discover(bundle) == project / "pimlint.toml"
    (project / "exports" / "pyproject.toml").write_text("[tool.pimlint]\n")
    assert discover(bundle) == project / "exports" / "pyproject.toml", "beside the bundle comes first"
    nested = project / "a" / "b"
    nested.mkdir(parents=True)
    assert discover(nested / "x.json", cwd=nested) == project / "pimlint.toml", "walks up from the cwd"


def test_discovery_stops_at_git_root(tmp_path: Path) -> None:
    (tmp_path / "pimlint.toml").write_text("")
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    assert discover(repo / "bundle.json", cwd=repo) is None


def test_precedence_default_file_command_line(project: Path) -> None:
    assert invoke("check", "exports/bundle.json")[0] == 1
    assert sources()["fail-on"] == {"value": "low", "source": "default"}
    (project / "pyproject.toml").write_text('[tool.pimlint]\nfail-on = "never"\nprofile = "strict"\n')
    assert invoke("check", "exports/bundle.json")[0] == 0
    assert sources()["fail-on"] == {"value": "never", "source": str(project / "pyproject.toml")}
    (project / "pimlint.toml").write_text('fail-on = "critical"\n')
    assert sources()["profile"] == {"value": "default", "source": "default"}, "only the first file found counts"
    assert sources()["fail-on"]["source"] == str(project / "pimlint.toml")
    assert invoke("check", "exports/bundle.json")[0] == 1
    assert invoke("check", "exports/bundle.json", "--fail-on", "never")[0] == 0
    assert sources("--fail-on", "never")["fail-on"] == {"value": "never", "source": "command line"}
    other = project / "other.toml"
    other.write_text('fail-on = "never"\n')
    assert invoke("check", "exports/bundle.json", "--config", str(other))[0] == 0


def test_config_show_text_names_sources_and_rule_options(project: Path) -> None:
    (project / "pimlint.toml").write_text('profile = "strict"\n[rules.PIM206]\nmax-activation-hours = 2\n')
    code, out, _ = invoke("config", "show", "exports/bundle.json")
    assert code == 0
    assert f"# config file: {project / 'pimlint.toml'}" in out
    lines = {line.split("#")[0].strip(): line.rsplit("# ", 1)[1] for line in out.splitlines() if " = " in line}
    assert lines['profile = "strict"'] == str(project / "pimlint.toml")
    assert lines["max-activation-hours = 2"] == str(project / "pimlint.toml")
    assert lines["critical-max-activation-hours = 1.0"] == "profile strict"
    assert lines['fail-on = "low"'] == "default"


@pytest.mark.parametrize(
    ("toml", "needle"),
    [
        ('break_glas = ["x"]\n', "unknown setting 'break_glas' (did you mean 'break-glass'?)"),
        ('business-hours = { days = "Mon-Fri", strat = "08:00" }\n',
         "unknown setting 'business-hours.strat' (did you mean 'start'?)"),
        ("max-waiver-dayz = 30\n", "did you mean 'max-waiver-days'"),
        ('fail-on = "severe"\n', "fail-on"),
        ("[rules.PIM206]\nmax-activaton-hours = 2\n",
         "unknown option 'max-activaton-hours' for PIM206 (did you mean 'max-activation-hours'?"),
    ],
)
def test_strict_validation_exit_two(project: Path, toml: str, needle: str) -> None:
    (project / "pimlint.toml").write_text(toml)
    code, out, err = invoke("check", "exports/bundle.json")
    assert code == 2 and out == ""
    assert needle in err and len(err.splitlines()) == 1


def test_relative_paths_resolve_against_the_config_file(project: Path) -> None:
    (project / "pimlint.toml").write_text('waivers = "policy/waivers.toml"\n')
    settings = sources()
    assert settings["waivers"]["value"] == str(project / "policy" / "waivers.toml")


def test_config_init_writes_a_valid_commented_starter(project: Path) -> None:
    code, out, _ = invoke("config", "init")
    assert code == 0 and out == "wrote pimlint.toml\n"
    text = (project / "pimlint.toml").read_text()
    assert text.startswith("# pimlint.toml") and "# [rules.PIM206]" in text
    data = tomllib.loads(text)
    assert parse_settings(data, "starter") == Settings()
    jsonschema.validate(data, json.loads((SCHEMA_DIR / "pimlint-config.schema.json").read_text()))
    code, _, err = invoke("config", "init")
    assert code == 2 and "already exists" in err
    assert invoke("config", "init", "--force")[0] == 0


def test_isolated_ignores_config_files_and_project_waivers(project: Path) -> None:
    """``--isolated``: defaults and the command line only; no discovered config, waivers or baseline."""
    (project / "pimlint.toml").write_text('fail-on = "never"\n')
    assert invoke("check", "exports/bundle.json")[0] == 0
    assert invoke("check", "exports/bundle.json", "--isolated")[0] == 1
    assert invoke("check", "exports/bundle.json", "--isolated", "--fail-on", "never")[0] == 0
    (project / "pimlint.toml").unlink()
    code, out, _ = invoke("baseline", "create", "exports/bundle.json")
    assert code == 0 and (project / "exports" / ".pimlint" / "baseline.json").is_file(), out
    assert invoke("check", "exports/bundle.json")[0] == 0, "the baseline absorbs the finding"
    assert invoke("check", "exports/bundle.json", "--isolated")[0] == 1, "but not with --isolated"
    code, _, err = invoke("check", "exports/bundle.json", "--isolated", "--config", str(project / "x.toml"))
    assert code == 2 and "--isolated ignores every config file" in err
