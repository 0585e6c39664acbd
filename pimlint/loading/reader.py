"""Read one JSON file: bytes, encoding, parse. Every failure is an ``InputError`` naming the file.

Encodings: UTF-8 (with or without BOM) and UTF-16 with a BOM, as Windows PowerShell 5.1 writes it.
``NaN``/``Infinity`` are rejected (not JSON). Nesting deeper than Python can parse is rejected.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pimlint.errors import InputError

_BOMS = ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16"))


@dataclass(frozen=True)
class ReadFile:
    """A parsed file and the evidence to cite it (display name, sha256, size)."""

    display: str
    sha256: str
    size: int
    document: Any


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not valid JSON")


def decode(data: bytes, display: str) -> str:
    """Decode file bytes, honouring a BOM; without one, strict UTF-8."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError as exc:
                raise InputError(display, f"invalid {encoding.upper()} at byte {exc.start}") from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        hint = " (looks like UTF-16 without a byte-order mark; re-save as UTF-8)" if b"\x00" in data[:64] else ""
        raise InputError(display, f"not valid UTF-8 at byte {exc.start}{hint}") from None


def parse(text: str, display: str) -> Any:
    """Parse JSON text; syntax errors carry line and column."""
    if not text.strip():
        raise InputError(display, "file is empty (expected JSON)")
    try:
        return json.loads(text, parse_constant=_reject_constant)
    except json.JSONDecodeError as exc:
        raise InputError(display, f"invalid JSON: {exc.msg} (column {exc.colno})", line=exc.lineno) from None
    except ValueError as exc:
        raise InputError(display, f"invalid JSON: {exc}") from None
    except RecursionError:
        raise InputError(display, "invalid JSON: nesting too deep") from None


def read_json(path: Path, display: str, max_bytes: int) -> ReadFile:
    """Read, decode and parse ``path``; ``display`` is how messages name it."""
    try:
        if not path.is_file():
            raise InputError(display, "not a regular file")
        size = path.stat().st_size
        if size > max_bytes:
            raise InputError(display, f"file is {size:,} bytes, above the input limit of {max_bytes:,} bytes")
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(display, f"cannot read file: {exc.strerror or exc}") from None
    document = parse(decode(data, display), display)
    return ReadFile(display=display, sha256=hashlib.sha256(data).hexdigest(), size=len(data), document=document)
