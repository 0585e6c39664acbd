"""Read one JSON file: bytes, encoding, parse. Every failure is an ``InputError`` naming the file.

Encodings: UTF-8 (with or without BOM) and UTF-16 with a BOM, as Windows PowerShell 5.1 writes it.
Refused with a message that says why: files above the size cap (checked on the open file before a
byte is read), anything that is not a regular file (folders, FIFOs, devices), archives and other
binary formats, UTF-16 without a BOM, ``NaN``/``Infinity`` and numbers that overflow, nesting deeper
than Python can parse, duplicate keys in one object (JSON leaves the winner undefined: an error
naming the key and its JSON path) and lone UTF-16 surrogates (``"\\ud800"``, not Unicode).
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import re
import stat
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pimlint.errors import InputError
from pimlint.loading.keys import CANONICAL_KEYS, canonical_object

_BOMS = ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16"))
_MAGIC = (
    (b"PK\x03\x04", "a ZIP archive (extract it and point pimlint at the folder)"),
    (b"\x1f\x8b", "a gzip file (decompress it first)"),
    (b"7z\xbc\xaf", "a 7-Zip archive (extract it first)"),
    (b"%PDF", "a PDF document"),
    (b"\xd0\xcf\x11\xe0", "a legacy Office document"),
)
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F][0-9a-fA-F]{2}")
_PLAIN_KEY = re.compile(r"^[A-Za-z0-9_@$#][A-Za-z0-9_@$#.\-]*$")
_MAX_KEY_SHOWN = 60


@dataclass(frozen=True)
class ReadFile:
    """A parsed file and the evidence to cite it (display name, sha256, size)."""

    display: str
    sha256: str
    size: int
    document: Any


class _DuplicateKey(ValueError):
    """Raised by the parse hook; the JSON path is found by a second, slower pass."""

    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


class _Marked(dict[str, Any]):
    """An object of the diagnostic re-parse, remembering its first duplicate key."""

    duplicate: str | None = None


def path_key(path: str, key: str) -> str:
    """``path`` extended by an object key, shown safely: control characters escaped, long keys cut."""
    shown = key if len(key) <= _MAX_KEY_SHOWN else key[: _MAX_KEY_SHOWN - 3] + "..."
    return f"{path}.{shown}" if _PLAIN_KEY.match(shown) else f"{path}[{json.dumps(shown)}]"


def _first_duplicate(pairs: list[tuple[str, Any]]) -> str:
    seen: set[str] = set()
    for key, _ in pairs:
        if key in seen:
            return key
        seen.add(key)
    raise AssertionError("no duplicate key")  # pragma: no cover - only called when there is one


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """``object_pairs_hook``: a dict, unless a key repeats (about +17% parse time, see tests/hostile)."""
    obj = dict(pairs)
    if len(obj) != len(pairs):
        raise _DuplicateKey(_first_duplicate(pairs))
    return obj


def unique_canonical_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """``object_pairs_hook`` for bundle sections: unique keys, spelled canonically (``keys``), in the
    same pass as the parse instead of a second walk over the document (inlined: it runs per object)."""
    obj = dict(pairs)
    if len(obj) != len(pairs):
        raise _DuplicateKey(_first_duplicate(pairs))
    return obj if CANONICAL_KEYS.issuperset(obj) else canonical_object(obj)


def _marking(pairs: list[tuple[str, Any]]) -> _Marked:
    obj = _Marked(pairs)
    if len(obj) != len(pairs):
        obj.duplicate = _first_duplicate(pairs)
    return obj


def reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not valid JSON")


def finite_float(text: str) -> float:
    value = float(text)
    if math.isinf(value):
        raise ValueError(f"number {text[:40]} is too large for a floating-point value")
    return value


def _locate(document: Any, bad: Callable[[Any], str | None]) -> tuple[str, str] | None:
    """The JSON path of the first node (or object key) ``bad`` objects to, with its complaint."""
    stack: list[tuple[str, Any]] = [("$", document)]
    while stack:
        path, node = stack.pop()
        complaint = bad(node)
        if complaint is not None:
            return path, complaint
        if isinstance(node, dict):
            for key, value in reversed(list(node.items())):
                complaint = bad(key)
                if complaint is not None:
                    return path_key(path, key), complaint
                stack.append((path_key(path, key), value))
        elif isinstance(node, list):
            stack.extend((f"{path}[{i}]", value) for i, value in reversed(list(enumerate(node))))
    return None


def _lone_surrogate(node: Any) -> str | None:
    if isinstance(node, str) and not node.isascii():
        try:
            node.encode("utf-8")
        except UnicodeEncodeError as exc:
            code = ord(node[exc.start])
            return f"string contains a lone UTF-16 surrogate \\u{code:04x}, which is not valid Unicode"
    return None


def _sniff(data: bytes, display: str) -> None:
    """Refuse well-known binary formats and UTF-16 without a BOM before trying to decode."""
    head = data[:4096]
    for magic, what in _MAGIC:
        if head.startswith(magic):
            raise InputError(display, f"not JSON: this is {what}")
    if b"\x00" in head:
        if len(head) > 1 and head[0] != 0 and head[1] == 0:
            kind = "UTF-16 little-endian"
        elif len(head) > 1 and head[0] == 0 and head[1] != 0:
            kind = "UTF-16 big-endian"
        else:
            raise InputError(display, "not JSON text: the file contains NUL bytes (a binary file?)")
        raise InputError(display, f"looks like {kind} without a byte-order mark; re-save it as UTF-8 (or UTF-16 with a BOM)")
    if head.lstrip()[:1] == b"<":
        raise InputError(display, "not JSON: this looks like an XML or HTML document")


def decode(data: bytes, display: str) -> str:
    """Decode file bytes, honouring a BOM; without one, strict UTF-8."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError as exc:
                raise InputError(display, f"invalid {encoding.upper()} at byte {exc.start}") from None
    _sniff(data, display)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(display, f"not valid UTF-8 at byte {exc.start} (expected UTF-8 JSON text)") from None


def has_surrogate_escape(text: str) -> bool:
    """Whether the JSON text escapes a UTF-16 surrogate (``\\ud800``): legal only in pairs."""
    return _SURROGATE_ESCAPE.search(text) is not None


def parse(text: str, display: str, canonical: bool = False) -> Any:
    """Parse JSON text; syntax errors carry line and column, duplicate keys their JSON path.

    ``canonical``: spell every key canonically while parsing (bundle sections; see ``keys``).
    """
    if not text or text.isspace():
        raise InputError(display, "file is empty (expected JSON)")
    try:
        document = json.loads(
            text, parse_constant=reject_constant, parse_float=finite_float,
            object_pairs_hook=unique_canonical_keys if canonical else _unique_keys,
        )
    except _DuplicateKey as exc:
        found = _locate(json.loads(text, object_pairs_hook=_marking), lambda n: getattr(n, "duplicate", None))
        path = path_key(found[0], found[1]) if found else None
        raise InputError(display, f"duplicate key {exc.key[:_MAX_KEY_SHOWN]!r} (JSON leaves which value counts undefined; keep one)", path) from None
    except json.JSONDecodeError as exc:
        raise InputError(display, f"invalid JSON: {exc.msg} (column {exc.colno})", line=exc.lineno) from None
    except RecursionError:
        raise InputError(display, "invalid JSON: nesting too deep") from None
    except ValueError as exc:
        reason = str(exc)
        if "integer string conversion" in reason:
            reason = f"a number has more than {sys.get_int_max_str_digits():,} digits"
        raise InputError(display, f"invalid JSON: {reason}") from None
    if has_surrogate_escape(text):
        found = _locate(document, _lone_surrogate)
        if found is not None:
            raise InputError(display, found[1], found[0])
    return document


def _read_capped(path: Path, display: str, max_bytes: int) -> bytes:
    """The file's bytes; the size cap and the file type are checked on the open file before reading."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        raise InputError(display, f"cannot read file: {exc.strerror or exc}") from None
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise InputError(display, f"not a regular file ({_kind(info.st_mode)})")
        if info.st_size > max_bytes:
            raise InputError(
                display,
                f"file is {info.st_size:,} bytes, above the input limit of {max_bytes:,} bytes "
                f"(max-input-mb = {max_bytes // 1024**2}); raise max-input-mb in pimlint.toml if the file is genuine",
            )
        try:
            data = handle.read(info.st_size + 1)
        except OSError as exc:
            raise InputError(display, f"cannot read file: {exc.strerror or exc}") from None
    if len(data) > info.st_size:
        raise InputError(display, "file grew while it was being read; export to a file that is not being written")
    return data


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "not a plain file"


@dataclass(frozen=True)
class ReadText:
    """A decoded file and the evidence to cite it (display name, sha256, size)."""

    display: str
    sha256: str
    size: int
    text: str


def read_text(path: Path, display: str, max_bytes: int) -> ReadText:
    """Read and decode ``path`` (size cap, file type and encoding checked), without parsing it."""
    data = _read_capped(path, display, max_bytes)
    digest, size = hashlib.sha256(data).hexdigest(), len(data)
    text = decode(data, display)
    del data  # peak memory: the text and the document, not the bytes as well
    return ReadText(display=display, sha256=digest, size=size, text=text)


def read_json(path: Path, display: str, max_bytes: int, canonical: bool = False) -> ReadFile:
    """Read, decode and parse ``path``; ``display`` is how messages name it (``canonical``: see ``parse``)."""
    read = read_text(path, display, max_bytes)
    return ReadFile(display=read.display, sha256=read.sha256, size=read.size,
                    document=parse(read.text, display, canonical))
