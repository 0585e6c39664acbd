"""The fast canonical JSON writer is the standard library's output, byte for byte."""

from __future__ import annotations

import json
from enum import Enum
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from pimlint.reporting.canonical_json import dumps

_SCALARS = (st.none() | st.booleans() | st.integers() | st.floats() | st.text()
            | st.characters(codec="utf-8").map(lambda c: c * 3))
_VALUES = st.recursive(
    _SCALARS,
    lambda inner: st.lists(inner, max_size=5) | st.dictionaries(st.text(max_size=8), inner, max_size=5),
    max_leaves=40,
)


def _stdlib(value: Any) -> str:
    return json.dumps(value, sort_keys=True, indent=2, ensure_ascii=False)


@settings(max_examples=400, deadline=None)
@given(_VALUES)
def test_same_text_as_the_standard_library(value: Any) -> None:
    assert dumps(value) == _stdlib(value)


class Colour(str, Enum):
    RED = "red"


def test_what_the_fast_path_does_not_handle_is_still_the_standard_librarys() -> None:
    odd = {"nan": float("nan"), "inf": [float("-inf")], "enum": Colour.RED, "ints": {3: "int key", 1: None},
           "tuple": (1, "a"), "nested": {"x": {1: True}}, "control": "\x00\n\u2028é\U0001f600"}
    assert dumps(odd) == _stdlib(odd)
