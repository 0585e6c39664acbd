"""The records of a large section file, parsed one at a time as the normalizer reads them.

A 250 MB audit log parsed whole is about 1 GB of Python objects before the first record is
normalized. Streamed, each record is parsed, validated and normalized in turn, so only one raw
record is alive at a time and it is still in the CPU cache when it is normalized (bench/README.md).

Only the common layouts stream: a top-level array, or an envelope whose ``value`` member holds
the records. Anything unusual (another spelling of ``value``, a repeated envelope key, a lone
UTF-16 surrogate escape anywhere) is parsed whole as before, and any syntax error met while
streaming is reported by parsing the whole text again, so messages never depend on this module.
A next-page link after the records is seen only at the end: ``next_link`` is known once the
stream is exhausted (``IncompleteStreamedSection`` lets the loader start over without streaming
when that leaves a section incomplete).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from json.decoder import scanstring
from typing import Any

from pimlint.errors import InputError
from pimlint.loading import reader

STREAM_MIN_BYTES = 16 * 1024**2
"""Files at least this large are streamed (smaller ones gain nothing from it)."""

_WHITESPACE = re.compile(r"[ \t\n\r]*")
_NEXT_LINKS = ("@odata.nextlink", "nextlink")
_DECODER = json.JSONDecoder(
    object_pairs_hook=reader.unique_canonical_keys, parse_constant=reader.reject_constant,
    parse_float=reader.finite_float,
)
_PARSE_ERRORS = (StopIteration, ValueError, IndexError, RecursionError)
"""What a malformed document raises while streaming (``JSONDecodeError`` and duplicate keys are
``ValueError``s); each sends the text to ``reader.parse`` for the proper message."""


class IncompleteStreamedSection(Exception):
    """A streamed section turned out to have a next-page link on every page: load it again,
    without streaming, so it is dropped with its warning before anything reads it."""

    def __init__(self, section: str) -> None:
        super().__init__(section)
        self.section = section


class _Malformed(ValueError):
    """The document is not well-formed JSON where the stream reads it."""


class RecordStream:
    """The records of one file, parsed lazily; iterable once.

    ``check(record, index)`` validates each record before it is handed on (set by ``prepare``).
    """

    def __init__(self, text: str, display: str, start: int, envelope_keys: set[str] | None, next_link: bool) -> None:
        self._text: str | None = text
        self.display = display
        self._start = start
        self._envelope_keys = envelope_keys
        """Keys of the envelope read so far (``None``: the records are a top-level array)."""
        self.next_link = next_link
        self.check: Callable[[Any, int], None] | None = None

    def __iter__(self) -> Iterator[Any]:
        text = self._text
        if text is None:
            raise RuntimeError(f"{self.display}: the records were read already")
        self._text = None
        check = self.check
        try:
            scan = _DECODER.scan_once
            skip = _WHITESPACE.match
            i = skip(text, self._start).end()
            if text[i] == "]":
                i += 1
            else:
                index = 0
                while True:
                    record, i = scan(text, i)
                    if check is not None:
                        check(record, index)
                    yield record
                    index += 1
                    i = skip(text, i).end()
                    if text[i] == ",":
                        i = skip(text, i + 1).end()
                    elif text[i] == "]":
                        i += 1
                        break
                    else:
                        raise _Malformed
            if self._envelope_keys is not None:
                i = self._rest_of_envelope(text, i)
            if skip(text, i).end() != len(text):
                raise _Malformed
        except _PARSE_ERRORS:
            reader.parse(text, self.display, canonical=True)  # raises the message a whole parse gives
            raise InputError(self.display, "invalid JSON") from None

    def _rest_of_envelope(self, text: str, i: int) -> int:
        """Read the envelope members after the records (a next-page link may be among them)."""
        assert self._envelope_keys is not None
        skip = _WHITESPACE.match
        while True:
            i = skip(text, i).end()
            if text[i] == "}":
                return i + 1
            if text[i] != ",":
                raise _Malformed
            key, value, i = _member(text, skip(text, i + 1).end(), self._envelope_keys)
            if key.lower() in _NEXT_LINKS and value:
                self.next_link = True


def _member(text: str, i: int, seen: set[str]) -> tuple[str, Any, int]:
    """One ``"key": value`` member of the envelope at ``i``: (key, value, end)."""
    key, i = _key(text, i, seen)
    value, i = _DECODER.scan_once(text, i)
    return key, value, i


def _key(text: str, i: int, seen: set[str]) -> tuple[str, int]:
    """A member's key (not seen before in this envelope) and the position after its colon."""
    if text[i] != '"':
        raise _Malformed
    key, i = scanstring(text, i + 1)
    if key in seen:
        raise _Malformed  # a repeated key: the whole parse names it
    seen.add(key)
    i = _WHITESPACE.match(text, i).end()
    if text[i] != ":":
        raise _Malformed
    return key, _WHITESPACE.match(text, i + 1).end()


def open_stream(text: str, display: str) -> tuple[str, RecordStream] | None:
    """(JSONPath of the record list, its stream), or ``None`` when the file must be parsed whole."""
    if reader.has_surrogate_escape(text):
        return None
    try:
        i = _WHITESPACE.match(text).end()
        if text[i] == "[":
            return "$", RecordStream(text, display, i + 1, None, False)
        if text[i] != "{":
            return None
        seen: set[str] = set()
        next_link = False
        i = _WHITESPACE.match(text, i + 1).end()
        while True:
            key, i = _key(text, i, seen)
            if key.lower() == "value":
                if key != "value" or text[i] != "[":
                    return None
                return "$.value", RecordStream(text, display, i + 1, seen, next_link)
            value, i = _DECODER.scan_once(text, i)
            if key.lower() in _NEXT_LINKS and value:
                next_link = True
            i = _WHITESPACE.match(text, i).end()
            if text[i] != ",":
                return None
            i = _WHITESPACE.match(text, i + 1).end()
    except _PARSE_ERRORS:
        return None
