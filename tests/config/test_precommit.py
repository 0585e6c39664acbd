"""pre-commit for real: a temporary git repository holding a folder export uses this repository's
hooks through the README's ``.pre-commit-config.yaml`` snippet; pre-commit pip-installs pimlint (from
a clone of HEAD) into a fresh virtualenv once and runs the hooks three times. The one slow test of the
suite (~25-40 s, mostly that install); deselect with ``-m "not precommit"``.

(``pre-commit try-repo`` would do the same but builds a new environment on every call.)
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.builders import DOMAIN, GA, TenantBuilder, hardened

REPO = Path(__file__).resolve().parents[2]

pytestmark = [
    pytest.mark.precommit,
    pytest.mark.skipif(shutil.which("pre-commit") is None or shutil.which("git") is None,
                       reason="needs pre-commit (pip install '.[test]') and git"),
    pytest.mark.skipif(not (REPO / ".git").exists(), reason="needs this repository's git checkout"),
]


def git(cwd: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True,
                   env={**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.com",
                        "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.com"})


def export(t: TenantBuilder, folder: Path) -> None:
    """Write the tenant as a folder bundle (one file per section) with its break-glass config."""
    for name, doc in t.bundle().items():
        (folder / f"{name}.json").write_text(json.dumps(doc, indent=2), encoding="utf-8")
    listed = ", ".join(f'"{b}@{DOMAIN}"' for b in t.break_glass)
    (folder / "pimlint.toml").write_text(f'break-glass = [{listed}]\nselect = ["PIM101", "PIM0"]\n')


def run_hooks(exports: Path, cache: Path) -> subprocess.CompletedProcess[str]:
    git(exports, "add", "-A")
    return subprocess.run(["pre-commit", "run", "--all-files"], cwd=exports, capture_output=True, text=True,
                          timeout=300, env={**os.environ, "PRE_COMMIT_HOME": str(cache), "NO_COLOR": "1"})


def test_hooks_block_a_standing_global_admin_and_pass_a_clean_export(tmp_path: Path) -> None:
    source = tmp_path / "pimlint"
    git(tmp_path, "clone", "-q", "--depth", "1", f"file://{REPO}", str(source))
    rev = subprocess.run(["git", "rev-parse", "HEAD"], cwd=source, capture_output=True, text=True).stdout.strip()
    exports = tmp_path / "exports"
    exports.mkdir()
    git(exports, "init", "-q")
    (exports / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: file://{source}\n    rev: {rev}\n    hooks:\n      - id: pimlint\n"
        "      - id: pimlint-waivers\n", encoding="utf-8")
    cache = tmp_path / "cache"

    bad = hardened()
    bad.active(bad.user("dave"), GA)
    export(bad, exports)
    run = run_hooks(exports, cache)
    assert run.returncode == 1, run.stdout + run.stderr
    assert "PIM101 [critical] Global Administrator is permanently active for dave@" in run.stdout
    assert re.search(r"^pimlint waivers lint\.+\(no files to check\)Skipped$", run.stdout, re.M)

    export(hardened(), exports)
    run = run_hooks(exports, cache)
    assert run.returncode == 0, run.stdout + run.stderr
    assert re.search(r"^pimlint\.+Passed$", run.stdout, re.M)

    (exports / ".pimlint").mkdir()
    (exports / ".pimlint" / "waivers.toml").write_text('version = 1\n[[waivers]]\nid = "W-1"\nrule = "PIM101"\n')
    run = run_hooks(exports, cache)
    assert run.returncode == 1, run.stdout + run.stderr
    assert "waiver W-1: kind: Field required" in run.stdout
