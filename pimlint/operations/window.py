"""The window the operations rules and KPIs look at, and the tenant's business hours.

The window is what the export covers: from the first to the last PIM audit event (without audit
events, the sign-ins' span), narrowed or widened by ``--since``/``--until``. Business hours are
judged in the configured IANA timezone (config ``timezone``, else the manifest's); a zone the
machine has no tz data for is a ``ConfigError``, never a guess.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pimlint.config import BusinessHours
from pimlint.errors import ConfigError
from pimlint.model import Tenant

_DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


@dataclass(frozen=True)
class Window:
    """A closed time interval and where it came from."""

    start: datetime
    end: datetime
    source: str
    """``audit log``, ``sign-ins`` or ``--since/--until``."""

    @property
    def days(self) -> float:
        """Length in days (two decimals)."""
        return round((self.end - self.start) / timedelta(days=1), 2)

    def contains(self, stamp: datetime) -> bool:
        """``start <= stamp <= end``."""
        return self.start <= stamp <= self.end

    def describe(self) -> str:
        """``2026-08-03 → 2026-10-29 (86.5 days, audit log)``."""
        return f"{self.start.date().isoformat()} → {self.end.date().isoformat()} ({self.days:g} days, {self.source})"


def data_window(tenant: Tenant, since: datetime | None = None, until: datetime | None = None) -> Window | None:
    """The operations window: ``--since/--until`` where given, else the span of the audit log (or sign-ins)."""
    stamps = [e.time for e in tenant.audit_events] or [s.created for s in tenant.sign_ins]
    source = "audit log" if tenant.audit_events else "sign-ins"
    if since is not None or until is not None:
        if (since is None or until is None) and not stamps:
            return None
        start = since if since is not None else min(stamps)
        end = until if until is not None else max(stamps)
        if end < start:
            raise ConfigError(f"--since {start.date().isoformat()} is after --until {end.date().isoformat()}")
        return Window(start, end, "--since/--until")
    if not stamps:
        return None
    return Window(min(stamps), max(stamps), source)


def zone(name: str) -> ZoneInfo:
    """An IANA timezone; unknown names (or a machine without tz data) are a ``ConfigError``."""
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise ConfigError(
            f"timezone {name!r} is not a known IANA timezone on this machine "
            "(check the spelling, e.g. 'Europe/Berlin'; without system tz data, `pip install tzdata`)"
        ) from None


def _days(spec: str) -> frozenset[int]:
    out: set[int] = set()
    for part in spec.lower().replace(" ", "").split(","):
        first, _, last = part.partition("-")
        a, b = _DAYS.index(first), _DAYS.index(last or first)
        out.update(range(a, b + 1) if a <= b else (*range(a, 7), *range(0, b + 1)))
    return frozenset(out)


def _time(text: str) -> time:
    hour, minute = text.split(":")
    return time(int(hour), int(minute))


@dataclass(frozen=True)
class BusinessClock:
    """Business days and hours in one timezone."""

    zone_name: str
    zone: ZoneInfo
    days: frozenset[int]
    start: time
    end: time

    def local(self, stamp: datetime) -> datetime:
        """``stamp`` in the business timezone."""
        return stamp.astimezone(self.zone)

    def is_business(self, stamp: datetime) -> bool:
        """Within business hours on a business day (an ``end`` before ``start`` spans midnight)."""
        local = self.local(stamp)
        now = local.time()
        if local.weekday() not in self.days:
            return False
        if self.start <= self.end:
            return self.start <= now < self.end
        return now >= self.start or now < self.end

    def format(self, stamp: datetime) -> str:
        """``Sat 2026-10-17 23:14 Europe/Berlin``."""
        return f"{self.local(stamp):%a %Y-%m-%d %H:%M} {self.zone_name}"


def business_clock(timezone: str | None, hours: BusinessHours) -> BusinessClock | None:
    """The business clock, or ``None`` when no timezone is configured."""
    if not timezone:
        return None
    return BusinessClock(timezone, zone(timezone), _days(hours.days), _time(hours.start), _time(hours.end))
