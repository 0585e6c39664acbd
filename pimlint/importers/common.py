"""Helpers importers share: deterministic synthetic ids, and sections built record by record."""

from __future__ import annotations

import uuid
from typing import Any

from pimlint.loading.bundle import Chunk, RawBundle

_NAMESPACE = uuid.UUID("5d1b7b34-3c3e-4f7e-9a53-0c6f1f2b9a10")


def synthetic_id(*parts: str) -> str:
    """A stable GUID for an object the source names but gives no id (a group known only by name)."""
    return str(uuid.uuid5(_NAMESPACE, "\x1f".join(p.lower() for p in parts)))


class Sections:
    """Records per section, each with the file and JSON path it came from; becomes a ``RawBundle``."""

    def __init__(self) -> None:
        self._records: dict[str, list[tuple[Any, str, str]]] = {}

    def declare(self, section: str) -> None:
        """The source exported this section (even if it holds no record)."""
        self._records.setdefault(section, [])

    def add(self, section: str, record: Any, file: str, path: str) -> None:
        """Add one record."""
        self._records.setdefault(section, []).append((record, file, path))

    def __contains__(self, section: str) -> bool:
        return section in self._records

    def records(self, section: str) -> list[Any]:
        """The records added to a section so far."""
        return [record for record, _, _ in self._records.get(section, [])]

    def into(self, bundle: RawBundle) -> RawBundle:
        """Add every section to ``bundle``, one chunk per source file, in a stable order."""
        for section in sorted(self._records):
            items = self._records[section]
            by_file: dict[str, list[tuple[Any, str]]] = {}
            for record, file, path in items:
                by_file.setdefault(file, []).append((record, path))
            if not by_file:
                bundle.sections.setdefault(section, [])
            for file in sorted(by_file):
                rows = by_file[file]
                bundle.add(section, Chunk(file, "$", [r for r, _ in rows], [p for _, p in rows]))
        return bundle
