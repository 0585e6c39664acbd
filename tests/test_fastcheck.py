"""The compiled validation fast path agrees with jsonschema on valid and mutated records."""

from __future__ import annotations

import copy
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pimlint.loading.fastcheck import Compiler, NotCompilable
from pimlint.loading.keys import canonicalize
from pimlint.loading.validate import fast_check, schema_file_for, validator
from tests.builders import GA, hardened
from tests.conftest import REPO

BUNDLE = hardened()
BUNDLE.active(BUNDLE.user("dave"), GA)
RECORDS = {name: canonicalize(records) for name, records in BUNDLE.sections.items() if records}
SECTIONS = sorted(RECORDS)

json_values = st.recursive(
    st.none() | st.booleans() | st.integers(-10, 10**12) | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=8),
    lambda children: st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=6), children, max_size=3),
    max_leaves=6,
)


def _paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [prefix]
    if isinstance(value, dict):
        for key, item in value.items():
            out.extend(_paths(item, (*prefix, key)))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            out.extend(_paths(item, (*prefix, index)))
    return out


def _replace(value: Any, path: tuple[Any, ...], new: Any) -> Any:
    if not path:
        return new
    clone = copy.deepcopy(value)
    node = clone
    for part in path[:-1]:
        node = node[part]
    node[path[-1]] = new
    return clone


@pytest.mark.parametrize("section", SECTIONS)
def test_every_section_schema_compiles_and_accepts_real_records(section: str) -> None:
    check = fast_check(schema_file_for(section))
    assert check is not None
    assert all(check(r) for r in RECORDS[section])


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_fast_path_agrees_with_jsonschema_on_mutations(data: st.DataObject) -> None:
    section = data.draw(st.sampled_from(SECTIONS))
    record = data.draw(st.sampled_from(RECORDS[section]))
    path = data.draw(st.sampled_from(_paths(record)))
    mutated = _replace(record, path, data.draw(json_values))
    schema_file = schema_file_for(section)
    fast = fast_check(schema_file)
    assert fast is not None
    assert fast(mutated) == validator(schema_file).is_valid(mutated)


def test_unknown_keyword_is_not_compiled() -> None:
    with pytest.raises(NotCompilable):
        Compiler({}).compile({"type": "object", "dependentSchemas": {}}, "https://example.invalid/s.json")


@pytest.mark.parametrize(
    ("schema", "good", "bad"),
    [
        ({"const": 1}, 1.0, True),
        ({"enum": ["a", None]}, None, "b"),
        ({"type": "integer"}, 2.0, False),
        ({"oneOf": [{"type": "string"}, {"minLength": 2}]}, 3, "ab"),
        ({"if": {"type": "string"}, "then": {"minLength": 2}, "else": {"type": "null"}}, "ab", 4),
        ({"type": "object", "properties": {"a": {"type": "string"}}, "additionalProperties": False}, {"a": "x"},
         {"b": 1}),
        ({"pattern": "^[0-9a-f]{8}$", "not": {"const": "00000000"}}, "deadbeef", "00000000"),
    ],
)
def test_keywords(schema: dict[str, Any], good: Any, bad: Any) -> None:
    check = Compiler({}).compile(schema, "https://example.invalid/s.json")
    assert check(good) and not check(bad)


@pytest.mark.parametrize("sample", ["northwind-neglected", "fabrikam-smb"])
def test_results_identical_without_the_fast_path(sample: str, tmp_path: Path) -> None:
    """The speed-up paths change no byte of the result (issue 9): jsonschema alone gives the same JSON."""
    bundle = REPO / "sample_exports" / sample
    outputs = []
    for env in ({}, {"PIMLINT_NO_FASTPATH": "1"}):
        target = tmp_path / f"{len(outputs)}.json"
        proc = subprocess.run([sys.executable, "-m", "pimlint", "check", str(bundle), "-f", "json", "-o", str(target)],
                              capture_output=True, text=True, cwd=REPO, env={**os.environ, **env}, timeout=120)
        assert proc.returncode == 1, proc.stderr
        outputs.append(target.read_bytes())
    assert outputs[0] == outputs[1]
