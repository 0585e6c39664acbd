"""``json.dumps(value, sort_keys=True, indent=2, ensure_ascii=False)``, byte for byte, faster.

With ``indent`` the standard library encodes in pure Python through nested generators; a
100,000-user result (43 MB of JSON) took 0.63 s that way and takes 0.39 s here. Strings are escaped
by the standard library's own C escaper; anything but plain ``dict``/``list``/``str``/``int``/
``float``/``bool``/``None`` (a subclass, a non-string key, a float that is not finite) is handed to
``json.dumps`` itself, so the output is always the standard library's (property-tested in
tests/reporting/test_canonical_json.py).
"""

from __future__ import annotations

import json
import math
from json.encoder import encode_basestring
from typing import Any


def dumps(value: Any) -> str:
    """``value`` as sorted, two-space-indented JSON text, non-ASCII characters kept."""
    parts: list[str] = []
    _encode(value, "", parts.append)
    return "".join(parts)


def _encode(value: Any, indent: str, write: Any) -> None:
    kind = type(value)
    if kind is str:
        write(encode_basestring(value))
    elif kind is dict and all(type(k) is str for k in value):
        if not value:
            write("{}")
            return
        inner = indent + "  "
        opening = "{\n" + inner
        for key in sorted(value):
            write(opening + encode_basestring(key) + ": ")
            opening = ",\n" + inner
            _encode(value[key], inner, write)
        write("\n" + indent + "}")
    elif kind is list:
        if not value:
            write("[]")
            return
        inner = indent + "  "
        opening = "[\n" + inner
        for item in value:
            write(opening)
            opening = ",\n" + inner
            _encode(item, inner, write)
        write("\n" + indent + "]")
    elif value is None:
        write("null")
    elif value is True:
        write("true")
    elif value is False:
        write("false")
    elif kind is int:
        write(int.__repr__(value))
    elif kind is float and math.isfinite(value):
        write(float.__repr__(value))
    else:
        text = json.dumps(value, sort_keys=True, indent=2, ensure_ascii=False)
        write(text.replace("\n", "\n" + indent))
