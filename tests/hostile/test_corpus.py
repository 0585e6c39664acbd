"""Every hostile input gets exactly its expected outcome, through the real command line.

Never a traceback, never exit 0 with a rule silently skipped: an error is exit 2 with one line
naming the file, the JSON path and what was expected; a usable-but-damaged bundle runs with a load
warning and the affected rules ``not_evaluated``. The summary line is printed by conftest.py.
"""

from __future__ import annotations

import copy
import errno
import json
import os
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from pimlint.api import selected_registry
from pimlint.cli import main
from pimlint.config import Settings
from pimlint.errors import InputError
from pimlint.loading import bundle, reader
from pimlint.loading.api import load_raw
from pimlint.loading.bundle import from_document
from tests.builders import hardened
from tests.hostile.corpus import CORPUS, Hostile


def _unreadable(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """chmod 000; under root (which reads anything) the open is made to fail the same way."""
    path.chmod(0)
    if os.geteuid() != 0:
        return
    real_open = os.open

    def refuse(file: Any, flags: int, *args: Any, **kwargs: Any) -> int:
        if Path(file) == path:
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(file))
        return real_open(file, flags, *args, **kwargs)

    monkeypatch.setattr(reader.os, "open", refuse)


@cache
def _requirers() -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for rule in selected_registry(Settings.model_validate({"select": ["ALL"]})):
        for section in rule.meta.requires:
            out.setdefault(section, set()).add(rule.meta.id)
    return out


def check_outcome(case: Hostile, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Run ``pimlint check`` on the case's input and assert its outcome."""
    path = case.make(tmp_path)
    if case.extra.get("unreadable"):
        _unreadable(path, monkeypatch)
    report = tmp_path / "report.json"
    result = CliRunner().invoke(main, ["check", str(path), "--select", "ALL", "-f", "json", "-o", str(report)])
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Traceback" not in result.stderr
    if case.expect == "error":
        lines = result.stderr.splitlines()
        assert result.exit_code == 2, result.stderr[:500]
        assert result.stdout == "" and len(lines) == 1 and lines[0].startswith("pimlint: error: "), lines[:3]
        assert path.name in lines[0] and len(lines[0]) <= 2100, lines[0][:300]
        for needle in case.needles:
            assert needle in lines[0], lines[0][:500]
        if case.json_path:
            assert f": {case.json_path}: " in lines[0], lines[0][:500]
        assert not report.exists()
        return
    assert result.exit_code in (0, 1), result.stderr[:500]
    doc = json.loads(report.read_text(encoding="utf-8"))
    assert doc["crashes"] == []
    for rule in doc["rules"]:
        assert rule["status"] != "not_evaluated" or rule["reason"], rule
    if case.expect == "warning":
        assert any(all(n in w for n in case.needles) for w in doc["warnings"]), doc["warnings"]
        assert case.section is not None
        affected = _requirers()[case.section]
        statuses = {r["id"]: r["status"] for r in doc["rules"]}
        assert affected and {statuses[r] for r in affected} == {"not_evaluated"}
        return
    assert doc["warnings"] == []
    dangling = case.extra.get("dangling")
    if dangling and "PIM001" in {r["id"] for r in doc["rules"]}:
        assert any(f["rule"] == "PIM001" and f["status"] == "fail" for f in doc["findings"])


@pytest.mark.parametrize("case", CORPUS, ids=[c.name for c in CORPUS])
def test_hostile_input(case: Hostile, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, record_outcome: Any) -> None:
    record_outcome(case.name, "UNEXPECTED")
    check_outcome(case, tmp_path, monkeypatch)
    record_outcome(case.name, case.expect)


@pytest.mark.parametrize("case", CORPUS, ids=[c.name for c in CORPUS])
def test_hostile_input_streamed(case: Hostile, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The same outcome when every bundle file is streamed record by record (as large ones are)."""
    monkeypatch.setattr(bundle, "STREAM_MIN_BYTES", 0)
    check_outcome(case, tmp_path, monkeypatch)


# Numbers where strings belong, at every level of a policy, generated from a valid one ---------------

_HARDENED = hardened()
_POLICY = _HARDENED.bundle()["roleManagementPolicies"]["value"][0]


def _nodes(node: Any, path: str = "$") -> Iterator[tuple[str, tuple[str | int, ...], Any]]:
    """(JSON path, key path, value) of every node below a policy, depth first."""

    def walk(value: Any, jpath: str, keys: tuple[str | int, ...]) -> Iterator[tuple[str, tuple[str | int, ...], Any]]:
        if keys:
            yield jpath, keys, value
        if isinstance(value, dict):
            for k, v in value.items():
                yield from walk(v, f"{jpath}.{k}", (*keys, k))
        elif isinstance(value, list):
            for i, v in enumerate(value):
                yield from walk(v, f"{jpath}[{i}]", (*keys, i))

    yield from walk(node, path, ())


_PREFIX = "$.roleManagementPolicies.value[0]"
_TARGETS = [(p, k) for p, k, v in _nodes(_POLICY, _PREFIX) if isinstance(v, (str, dict, list))]


def _set_path(doc: Any, keys: tuple[str | int, ...], value: Any) -> None:
    for key in keys[:-1]:
        doc = doc[key]
    doc[keys[-1]] = value


def test_numbers_where_strings_belong_in_a_policy(record_outcome: Any) -> None:
    """Every string, object and list of a valid policy replaced by a number, one at a time: each is
    an input error naming exactly that JSON path (the schemas type every field a policy carries)."""
    base = _HARDENED.bundle()
    assert len(_TARGETS) > 150
    for jpath, keys in _TARGETS:
        name = f"policy: number at {jpath}"
        record_outcome(name, "UNEXPECTED")
        doc = copy.deepcopy(base)
        _set_path(doc["roleManagementPolicies"]["value"][0], keys, 12345)
        with pytest.raises(InputError) as caught:
            load_raw(from_document(reader.parse(json.dumps(doc), "bundle.json"), "bundle.json"))
        assert caught.value.json_path == jpath and "12345" in str(caught.value), (jpath, str(caught.value))
        record_outcome(name, "error")
