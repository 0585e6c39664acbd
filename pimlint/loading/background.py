"""A large PIM audit log read in a second process while this one reads the rest of the bundle.

On a large tenant the audit log is more than half of the export, and its rows are independent of
every other section until the rules run. With two CPUs, a forked worker reads, validates and
normalizes it (``pimlint.forked``) while the parent does the other sections; the worker then sends
its events back as plain tuples (timestamps as integer microseconds, enums as their values), which
the parent turns back into ``AuditEvent`` models. The tenant is the same as a sequential load:
the worker also reports the file it read, its warnings, whether the section was present and the
newest timestamp it saw, and an input error in the audit log is reported before one found
meanwhile in a later section, as a sequential load would.
"""

from __future__ import annotations

import types
import typing
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from enum import Enum
from functools import cache
from typing import Any

from pimlint import forked
from pimlint.errors import InputError
from pimlint.loading.bundle import RawBundle
from pimlint.loading.normalizers import audit
from pimlint.loading.records import Clock, Rec
from pimlint.loading.stream import IncompleteStreamedSection
from pimlint.model.activity import AuditEvent

SECTION = "directoryAudits"
MIN_BYTES = 8 * 1024**2
"""Audit logs at least this large are read in the background (M, a 25 MB log: check 1.9 → 1.45 s;
much below, forking and the transfer cost about what the worker saves)."""

_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_MICROSECOND = timedelta(microseconds=1)


def wanted(raw: RawBundle) -> bool:
    """Whether to read the audit log in the background: two workers allowed, a large log on disk."""
    return (raw.workers > 1 and raw.streaming and raw.sizes.get(SECTION, 0) >= MIN_BYTES
            and SECTION in raw.pending and forked.available())


@cache
def _codec() -> tuple[tuple[str, ...], tuple[int, ...], tuple[tuple[int, type[Enum]], ...]]:
    """(field names, positions of timestamps, positions of enums) of ``AuditEvent``."""
    names = tuple(AuditEvent.model_fields)
    stamps, enums = [], []
    for index, info in enumerate(AuditEvent.model_fields.values()):
        kinds = typing.get_args(info.annotation) if isinstance(info.annotation, types.UnionType) else (info.annotation,)
        if datetime in kinds:
            stamps.append(index)
        enum = next((k for k in kinds if isinstance(k, type) and issubclass(k, Enum)), None)
        if enum is not None:
            enums.append((index, enum))
    return names, tuple(stamps), tuple(enums)


def encode(rows: list[dict[str, Any]]) -> list[tuple[Any, ...]]:
    """Events (as ``audit.event_fields`` gives them) as tuples of plain values, cheap to pickle."""
    _, stamps, enums = _codec()
    out = []
    for fields in rows:
        row = list(fields.values())
        for i in stamps:
            if row[i] is not None:
                row[i] = (row[i] - _EPOCH) // _MICROSECOND
        for i, _ in enums:
            row[i] = row[i].value
        out.append(tuple(row))
    return out


def decode(rows: list[tuple[Any, ...]]) -> list[AuditEvent]:
    """``encode`` undone (every field is present, in order: rows go straight into the models)."""
    names, stamps, enums = _codec()
    members = [(i, {member.value: member for member in enum}) for i, enum in enums]
    out = []
    for encoded in rows:
        row = list(encoded)
        for i in stamps:
            if row[i] is not None:
                row[i] = _EPOCH + timedelta(microseconds=row[i])
        for i, by_value in members:
            row[i] = by_value[row[i]]
        out.append(AuditEvent.from_fields(dict(zip(names, row))))
    return out


Read = Callable[[str], Iterator[Rec]]
"""The section reader of ``normalize`` (takes, prepares and streams a section's records)."""
BATCH = 10_000
"""Events per message from the worker: the parent decodes them while the worker goes on."""


class BackgroundAudit:
    """The audit log being read by a forked worker; ``events()`` merges its outcome in."""

    def __init__(self, raw: RawBundle, clock: Clock, present: set[str], read: Read) -> None:
        self._raw, self._clock, self._present, self._read = raw, clock, present, read
        self._warnings_at, self._inputs_at = len(raw.warnings), len(raw.inputs)

        def work() -> Iterator[list[tuple[Any, ...]]]:
            batch: list[dict[str, Any]] = []
            for fields in map(audit.event_fields, read(SECTION)):
                batch.append(fields)
                if len(batch) == BATCH:
                    yield encode(batch)
                    batch = []
            if batch:
                yield encode(batch)
            return clock.newest, raw.warnings[self._warnings_at:], raw.inputs[self._inputs_at:], SECTION in present

        self._job = forked.Forked(work, passes=(InputError, IncompleteStreamedSection))
        self._loaders = raw.pending.pop(SECTION)  # the worker reads it; this process must not

    def events(self) -> tuple[AuditEvent, ...]:
        """The worker's events; its file, warnings, presence and newest timestamp merged in."""
        found: list[AuditEvent] = []
        try:
            for rows in self._job.items():
                found.extend(decode(rows))
            newest, warnings, inputs, present = self._job.result()
        except forked.WorkerFailed:  # e.g. killed for memory: read the log here after all
            self._raw.pending[SECTION] = self._loaders
            return audit.audit_events(self._read(SECTION))
        self._raw.warnings[self._warnings_at:self._warnings_at] = warnings
        self._raw.inputs.extend(inputs)
        self._clock.saw(newest)
        if present:
            self._present.add(SECTION)
        return audit.in_order(found)

    def error_first(self, mine: BaseException) -> BaseException:
        """The error to report when this process failed meanwhile: the audit log's own, if it has
        one (a sequential load reads it first), else ``mine``."""
        try:
            self._job.result()  # skips the events
        except (InputError, IncompleteStreamedSection) as theirs:
            return theirs
        except forked.WorkerFailed:
            return mine
        return mine

    def cancel(self) -> None:
        """Stop the worker (the run is being abandoned)."""
        self._job.cancel()
