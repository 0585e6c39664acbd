"""Large bundle files are streamed record by record: same tenant, same errors, same warnings."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from pimlint import api
from pimlint.config import load_settings
from pimlint.errors import InputError
from pimlint.loading import bundle
from pimlint.loading.api import load
from pimlint.loading.stream import open_stream
from pimlint.reporting import render
from tests.builders import hardened

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def streamed(monkeypatch: pytest.MonkeyPatch) -> None:
    """Stream every bundle file, however small."""
    monkeypatch.setattr(bundle, "STREAM_MIN_BYTES", 0)


def _folder(tmp_path: Path, doc: dict[str, Any], raw: dict[str, str] | None = None) -> Path:
    folder = tmp_path / "bundle"
    folder.mkdir(parents=True)
    for key, value in doc.items():
        (folder / f"{key}.json").write_text(json.dumps(value, indent=1), encoding="utf-8")
    for name, text in (raw or {}).items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def _result(path: Path) -> str:
    settings, _ = load_settings(path, None, {})
    return render(api.check(path, settings), "json")


@pytest.mark.parametrize("sample", ["northwind-neglected", "fabrikam-smb", "contoso-hardened"])
def test_samples_give_the_same_result_streamed(sample: str, monkeypatch: pytest.MonkeyPatch) -> None:
    path = REPO / "sample_exports" / sample
    whole = _result(path)
    monkeypatch.setattr(bundle, "STREAM_MIN_BYTES", 0)
    assert _result(path) == whole


def test_layouts_that_stream_and_those_parsed_whole() -> None:
    assert open_stream('[{"id": "a"}]', "f")[0] == "$"  # type: ignore[index]
    assert open_stream('{"@odata.context": "x", "value": []}', "f")[0] == "$.value"  # type: ignore[index]
    assert open_stream('{"Value": []}', "f") is None
    assert open_stream('{"value": null}', "f") is None
    assert open_stream('{"id": "single entity"}', "f") is None
    assert open_stream('{"value": [{"displayName": "\\ud800"}]}', "f") is None
    assert open_stream("", "f") is None


def test_next_link_before_or_after_the_records(tmp_path: Path, streamed: None) -> None:
    doc = hardened().bundle()
    users = doc["users"]["value"]
    early = {"@odata.nextLink": "https://graph.microsoft.com/v1.0/users?$skiptoken=1", "value": users}
    late = {"value": users, "@odata.nextLink": "https://graph.microsoft.com/v1.0/users?$skiptoken=1"}
    for envelope in (early, late):
        folder = _folder(tmp_path / str(id(envelope)), {**doc, "users": envelope})
        loaded = load(folder)
        assert "users" not in loaded.tenant.sections and not loaded.tenant.users
        assert any("has a next-page link but no last page" in w for w in loaded.warnings)


def test_paged_section_with_trailing_next_links_is_complete(tmp_path: Path, streamed: None) -> None:
    doc = hardened().bundle()
    users = doc.pop("users")["value"]
    folder = _folder(tmp_path, doc)
    (folder / "users").mkdir()
    half = len(users) // 2
    first_page = {"value": users[:half], "@odata.nextLink": "n"}
    (folder / "users" / "page-1.json").write_text(json.dumps(first_page), encoding="utf-8")
    (folder / "users" / "page-2.json").write_text(json.dumps({"value": users[half:]}), encoding="utf-8")
    loaded = load(folder)
    assert len(loaded.tenant.users) == len(users) and not loaded.warnings


@pytest.mark.parametrize(("text", "needle", "line"), [
    ('{"value": [{"id": "a"},\n {"id": "b"} {"id": "c"}]}', "Expecting ',' delimiter", 2),
    ('{"value": [{"id": "a"},\n {"id": "b", "id": "c"}]}', "duplicate key 'id'", None),
    ('{"value": [{"id": "a"}]} trailing', "Extra data", 1),
    ('{"value": [{"id": "a"}], "value": []}', "duplicate key 'value'", None),
    ('{"value": [{"id": "a"}, NaN]}', "NaN is not valid JSON", None),
])
def test_syntax_errors_met_while_streaming_read_as_a_whole_parse_reports_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str, needle: str, line: int | None
) -> None:
    doc = hardened().bundle()
    del doc["users"]
    messages = []
    for threshold in (1 << 60, 0):
        monkeypatch.setattr(bundle, "STREAM_MIN_BYTES", threshold)
        folder = _folder(tmp_path / str(threshold), doc, {"users.json": text})
        with pytest.raises(InputError) as caught:
            load(folder)
        messages.append(str(caught.value).replace(str(tmp_path / str(threshold)), ""))
        assert needle in messages[-1]
        if line is not None:
            assert caught.value.line == line
    assert messages[0] == messages[1]


def test_invalid_record_is_named_by_its_path(tmp_path: Path, streamed: None) -> None:
    doc = hardened().bundle()
    doc["users"]["value"][1]["accountEnabled"] = "yes"
    with pytest.raises(InputError) as caught:
        load(_folder(tmp_path, doc))
    assert caught.value.json_path == "$.value[1].accountEnabled"
