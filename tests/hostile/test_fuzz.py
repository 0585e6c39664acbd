"""Property tests: valid tenants never crash a rule; mutated ones fail cleanly; list order is irrelevant.

1,770 examples in all (``max_examples`` below), about 50 s.
"""

from __future__ import annotations

import copy
import json
import random
from functools import cache
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pimlint.api import evaluate, selected_registry
from pimlint.config import Settings
from pimlint.engine.registry import Registry
from pimlint.errors import InputError
from pimlint.loading import reader
from pimlint.loading.api import load_raw
from pimlint.loading.bundle import from_document
from pimlint.reporting import render
from pimlint.result import RunResult
from tests.builders import DOMAIN, TenantBuilder, hardened
from tests.hostile.strategies import HOSTILE_VALUES, paths, replace, shuffled, tenants

_FUZZ = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


@cache
def _registry() -> Registry:
    return selected_registry(Settings.model_validate({"select": ["ALL"]}))


def _settings(builder: TenantBuilder) -> Settings:
    return Settings.model_validate({"select": ["ALL"], "break-glass": [f"{b}@{DOMAIN}" for b in builder.break_glass]})


def _run(doc: Any, config: Settings) -> RunResult:
    """The whole pipeline from JSON text, as the CLI runs it."""
    raw = from_document(reader.parse(json.dumps(doc), "bundle.json"), "bundle.json")
    return evaluate(load_raw(raw), config, _registry())


@settings(_FUZZ, max_examples=250)
@given(tenants())
def test_valid_tenants_never_crash_a_rule(builder: TenantBuilder) -> None:
    result = _run(builder.bundle(), _settings(builder))
    assert result.crashes == (), result.crashes
    assert result.gate.exit_code in (0, 1)
    render(result, "json")
    render(result, "text", show_not_evaluated=True, verbose=True)


_BASE = hardened()
_BASE_DOC = _BASE.bundle()
_BASE_PATHS = paths(_BASE_DOC)


@settings(_FUZZ, max_examples=1400)
@given(st.sampled_from(_BASE_PATHS), HOSTILE_VALUES)
def test_mutated_field_is_an_input_error_or_a_clean_run(path: tuple[str | int, ...], value: Any) -> None:
    doc = copy.deepcopy(_BASE_DOC)
    replace(doc, path, value)
    try:
        result = _run(doc, _settings(_BASE))
    except InputError as exc:
        assert exc.json_path, exc.format()  # a mutated field is always located
        return
    assert result.crashes == (), (path, value, result.crashes)
    render(result, "json")
    render(result, "text", show_not_evaluated=True, verbose=True)


@settings(_FUZZ, max_examples=120)
@given(tenants(), st.integers(0, 2**32))
def test_list_order_never_changes_the_json_result(builder: TenantBuilder, seed: int) -> None:
    config = _settings(builder)
    doc = builder.bundle()
    first = render(_run(doc, config), "json")
    again = render(_run(shuffled(doc, random.Random(seed)), config), "json")
    assert first == again
