"""Typed access to one raw record, with errors that name the file and JSON path.

The normalizers read records only through ``Rec``: a value of the wrong shape that slipped past the
schema (a date that is not a date, a duration that is not ISO 8601) becomes an ``InputError``
pointing at the field, never a traceback.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import partial
from typing import Any

from pimlint.errors import InputError
from pimlint.loading.bundle import Chunk
from pimlint.timeutil import TimeFormatError, parse_datetime, parse_duration


@dataclass
class Clock:
    """Tracks the newest event timestamp seen, the as-of fallback when there is no manifest."""

    newest: datetime | None = None

    def saw(self, stamp: datetime | None) -> None:
        """Consider an event timestamp."""
        if stamp is not None and (self.newest is None or stamp > self.newest):
            self.newest = stamp


class Rec:
    """One record (or nested object) of a section, with its location.

    The JSON path is built only when an error needs it: a 100,000-user export creates millions
    of nested ``Rec`` objects and must not format a path string for each.
    """

    __slots__ = ("data", "file", "clock", "_base", "_parent", "_suffix")

    def __init__(
        self,
        data: dict[str, Any],
        file: str,
        path: str | Callable[[], str],
        clock: Clock | None = None,
        parent: Rec | None = None,
    ) -> None:
        self.data = data
        self.file = file
        self.clock = clock if clock is not None else Clock()
        self._base = path
        self._parent = parent
        self._suffix: tuple[str, int | None] | None = None

    @property
    def path(self) -> str:
        """JSONPath of this object inside its file."""
        if self._parent is not None and self._suffix is not None:
            key, index = self._suffix
            return f"{self._parent.path}.{key}" + ("" if index is None else f"[{index}]")
        return self._base if isinstance(self._base, str) else self._base()

    def _nested(self, data: dict[str, Any], key: str, index: int | None) -> Rec:
        child = Rec(data, self.file, "", self.clock, self)
        child._suffix = (key, index)
        return child

    def error(self, key: str | None, message: str) -> InputError:
        """An ``InputError`` at this record (or at one of its fields)."""
        return InputError(self.file, message, self.path if key is None else f"{self.path}.{key}")

    def get(self, key: str) -> Any:
        """The raw value, ``None`` when absent."""
        return self.data.get(key)

    def str(self, key: str) -> str | None:
        """A string field (numbers are accepted and converted: exports are not always typed)."""
        value = self.data.get(key)
        if value is None or isinstance(value, str):
            return value
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return str(value)
        raise self.error(key, f"expected a string, got {type(value).__name__}")

    def id(self, key: str) -> str | None:
        """An object id (GUID), lower-cased and stripped; interned, as one id recurs across sections."""
        value = self.str(key)
        return sys.intern(value.strip().lower()) if value else None

    def required_id(self, key: str) -> str:
        """An object id that must be present."""
        value = self.id(key)
        if not value:
            raise self.error(key, "required object id is missing")
        return value

    def lower(self, key: str) -> str | None:
        """An enum-like string, lower-cased (Graph's enum casing varies)."""
        value = self.str(key)
        return value.strip().lower() if value is not None else None

    def bool(self, key: str) -> bool | None:
        """A boolean field."""
        value = self.data.get(key)
        if value is None or isinstance(value, bool):
            return value
        raise self.error(key, f"expected true or false, got {_short(value)}")

    def int(self, key: str) -> int | None:
        """An integer field."""
        value = self.data.get(key)
        if value is None or (isinstance(value, int) and not isinstance(value, bool)):
            return value
        raise self.error(key, f"expected an integer, got {_short(value)}")

    def datetime(self, key: str, event: bool = False) -> datetime | None:
        """A timestamp; ``event`` timestamps feed the as-of fallback."""
        value = self.str(key)
        if value is None or not value.strip():
            return None
        try:
            stamp = parse_datetime(value)
        except TimeFormatError as exc:
            raise self.error(key, str(exc)) from None
        if event:
            self.clock.saw(stamp)
        return stamp

    def duration(self, key: str) -> timedelta | None:
        """An ISO 8601 duration."""
        value = self.str(key)
        if value is None or not value.strip():
            return None
        try:
            return parse_duration(value)
        except TimeFormatError as exc:
            raise self.error(key, str(exc)) from None

    def strings(self, key: str) -> tuple[str, ...]:
        """A list of strings (``null`` reads as empty)."""
        value = self.data.get(key)
        if value is None:
            return ()
        if isinstance(value, str):
            return (value,)
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise self.error(key, "expected a list of strings")
        return tuple(value)

    def child(self, key: str) -> Rec | None:
        """A nested object, or ``None`` when absent or null."""
        value = self.data.get(key)
        if value is None:
            return None
        if not isinstance(value, dict):
            raise self.error(key, f"expected an object, got {_short(value)}")
        return self._nested(value, key, None)

    def children(self, key: str) -> Iterator[Rec]:
        """The objects of a nested list (``null`` reads as empty)."""
        value = self.data.get(key)
        if value is None:
            return
        if not isinstance(value, list):
            raise self.error(key, f"expected a list, got {_short(value)}")
        for index, item in enumerate(value):
            if not isinstance(item, dict):
                raise self.error(f"{key}[{index}]", f"expected an object, got {_short(item)}")
            yield self._nested(item, key, index)

    def ref_ids(self, key: str) -> tuple[str, ...]:
        """Object ids of a nested list of directory objects (``[{"id": ...}]`` or ``["id", ...]``)."""
        value = self.data.get(key)
        if value is None:
            return ()
        if not isinstance(value, list):
            raise self.error(key, f"expected a list, got {_short(value)}")
        try:  # the common shape in one C-level pass (a large tenant has a million memberships)
            ids = tuple(map(sys.intern, map(str.lower, map(str.strip, map(_get_id, value)))))
        except (TypeError, KeyError):
            ids = ()
        if len(ids) == len(value) and "" not in ids:
            return ids
        out: list[str] = []
        for index, item in enumerate(value):
            raw = item.get("id") if isinstance(item, dict) else item
            if not isinstance(raw, str) or not raw.strip():
                raise self.error(f"{key}[{index}]", "expected a directory object with an 'id'")
            out.append(sys.intern(raw.strip().lower()))
        return tuple(out)


def records(chunks: list[Chunk], clock: Clock, release: bool = False) -> Iterator[Rec]:
    """Iterate the records of a section's chunks as ``Rec`` objects (non-objects are errors).

    With ``release``, each raw record is dropped from its chunk once the consumer moves on, so its
    memory is freed as soon as it has been normalized (a streamed chunk never holds them).
    """
    for chunk in chunks:
        stream = chunk.stream
        items = chunk.records
        for index, item in enumerate(items if stream is None else stream):
            if not isinstance(item, dict):
                raise InputError(chunk.file, f"expected an object, got {_short(item)}", chunk.path_of(index))
            yield Rec(item, chunk.file, partial(chunk.path_of, index), clock)
            if release and stream is None:
                items[index] = None
        if stream is not None:
            chunk.next_link = stream.next_link


def _get_id(item: Any) -> Any:
    """``item["id"]`` of a directory object, the item itself when it is a bare id string."""
    return item if isinstance(item, str) else item["id"]


def _short(value: Any) -> str:
    text = "null" if value is None else repr(value)
    return text if len(text) <= 60 else text[:57] + "..."
