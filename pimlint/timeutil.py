"""Timestamps and ISO 8601 durations as exports spell them (graph-export-format.md §0.4).

Accepted timestamps: ISO 8601 as ``datetime.fromisoformat`` reads it — any fractional precision
(Graph's 7 digits, Azure Monitor's 9), a space instead of ``T``, ``Z`` or an offset, no offset
(read as UTC) — and PowerShell 5.1's ``/Date(1660328610000)/``. Year 0001 is Graph's placeholder for "no value" and reads as ``None``.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

_MS_DATE = re.compile(r"^/Date\((-?\d+)([+-]\d{4})?\)/$")
_DURATION = re.compile(
    r"^(-)?P(?:(\d+(?:[.,]\d+)?)Y)?(?:(\d+(?:[.,]\d+)?)M)?(?:(\d+(?:[.,]\d+)?)W)?(?:(\d+(?:[.,]\d+)?)D)?"
    r"(?:T(?:(\d+(?:[.,]\d+)?)H)?(?:(\d+(?:[.,]\d+)?)M)?(?:(\d+(?:[.,]\d+)?)S)?)?$",
    re.IGNORECASE,
)
_DURATION_UNITS = (365.0, 30.0, 7.0, 1.0, 1 / 24, 1 / 1440, 1 / 86400)
"""Days per unit for Y, M, W, D, H, M, S (years and months approximated, as PIM never uses them)."""


class TimeFormatError(ValueError):
    """A value that is not a timestamp or duration in any accepted spelling."""


def _shown(value: str) -> str:
    """``value`` quoted for a message, cut to 60 characters (exports are untrusted and can be huge)."""
    return repr(value) if len(value) <= 60 else repr(value[:57] + "...")


def parse_datetime(value: str) -> datetime | None:
    """Parse an export timestamp into an aware UTC datetime.

    >>> parse_datetime("2023-03-13T19:15:41.6195833Z").isoformat()
    '2023-03-13T19:15:41.619583+00:00'
    >>> parse_datetime("/Date(1660328610000)/").isoformat()
    '2022-08-12T18:23:30+00:00'
    >>> parse_datetime("0001-01-01T08:00:00Z") is None
    True
    """
    text = value.strip()
    if text.startswith("/Date("):
        ms = _MS_DATE.match(text)
        if not ms:
            raise TimeFormatError(f"not a /Date(ms)/ timestamp: {_shown(value)}")
        try:
            if len(ms.group(1).lstrip("-")) > 16:  # beyond any datetime; int() refuses over 4,300 digits
                raise OverflowError
            return datetime.fromtimestamp(int(ms.group(1)) / 1000, tz=UTC)
        except (OverflowError, OSError, ValueError):
            raise TimeFormatError(f"timestamp out of range: {_shown(value)}") from None
    try:
        stamp = datetime.fromisoformat(text)
    except ValueError:
        raise TimeFormatError(f"not an ISO 8601 timestamp: {_shown(value)}") from None
    if stamp.year == 1:
        return None
    if stamp.tzinfo is None:
        return stamp.replace(tzinfo=UTC)
    try:
        return stamp if stamp.tzinfo is UTC else stamp.astimezone(UTC)
    except OverflowError:
        raise TimeFormatError(f"timestamp out of range: {_shown(value)}") from None


def parse_duration(value: str) -> timedelta:
    """Parse an ISO 8601 duration (``PT8H``, ``PT1H45M``, ``P90D``, ``P1W``).

    >>> parse_duration("PT1H45M")
    datetime.timedelta(seconds=6300)
    >>> parse_duration("P180D").days
    180
    """
    m = _DURATION.match(value.strip())
    if not m or not any(m.groups()[1:]) or value.strip().upper().endswith("T"):
        raise TimeFormatError(f"not an ISO 8601 duration: {_shown(value)}")
    days = sum(float(part.replace(",", ".")) * unit for part, unit in zip(m.groups()[1:], _DURATION_UNITS) if part)
    if days > 36500:
        raise TimeFormatError(f"duration longer than 100 years: {_shown(value)}")
    result = timedelta(days=days)
    return -result if m.group(1) else result


def hours(delta: timedelta) -> float:
    """A duration in hours."""
    return delta.total_seconds() / 3600


def format_hours(delta: timedelta) -> str:
    """``8 h``, ``1.5 h``, ``30 d`` for long spans."""
    h = hours(delta)
    if h >= 48:
        return f"{h / 24:g} d"
    return f"{h:g} h"
