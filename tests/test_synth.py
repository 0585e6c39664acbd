"""``pimlint synth``: deterministic, loads cleanly, and its planted problems are found."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from pimlint.cli import main
from pimlint.synth import write_bundle

PLANTED = {"PIM101", "PIM103", "PIM201", "PIM204", "PIM206", "PIM301", "PIM302", "PIM403", "PIM503", "PIM801",
           "PIM807"}


def test_same_seed_same_bundle(tmp_path: Path) -> None:
    first, second = write_bundle(tmp_path / "a", 150, seed=7), write_bundle(tmp_path / "b", 150, seed=7)
    assert first == second and first.users == 152 and first.audit_events == 300
    for path in sorted((tmp_path / "a").iterdir()):
        assert path.read_bytes() == (tmp_path / "b" / path.name).read_bytes(), path.name
    write_bundle(tmp_path / "c", 150, seed=8)
    assert (tmp_path / "a" / "users.json").read_bytes() != (tmp_path / "c" / "users.json").read_bytes()


def test_synth_command_and_planted_findings(tmp_path: Path) -> None:
    out = tmp_path / "tenant"
    runner = CliRunner()
    made = runner.invoke(main, ["synth", str(out), "--users", "200"])
    assert made.exit_code == 0 and made.output.startswith(f"wrote {out}: 202 users, 42 groups")
    assert runner.invoke(main, ["synth", str(out), "--users", "200"]).exit_code == 2  # refuses a non-empty folder
    result = runner.invoke(main, ["check", str(out), "-f", "json"])
    assert result.exit_code == 1
    doc = json.loads(result.stdout)
    failing = {f["rule"] for f in doc["findings"] if f["status"] == "fail"}
    assert PLANTED <= failing, PLANTED - failing
    assert not doc["crashes"] and not doc["warnings"]
