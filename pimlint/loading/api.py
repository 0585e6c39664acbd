"""``load(path)``: read → canonicalize keys → validate → normalize, for one bundle."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from pimlint.errors import InputError
from pimlint.loading import bundle as bundle_reader
from pimlint.loading.keys import canonicalize
from pimlint.loading.normalize import normalize
from pimlint.loading.stream import IncompleteStreamedSection
from pimlint.loading.validate import validate_chunks, validate_manifest
from pimlint.model import Tenant

DEFAULT_MAX_INPUT_BYTES = 2 * 1024**3
"""Per-file size cap (config ``max-input-mb``); larger files are refused before reading."""


@dataclass(frozen=True)
class LoadResult:
    """A loaded tenant and the evidence of what was read."""

    tenant: Tenant
    inputs: tuple[tuple[str, str], ...]
    """(file as shown, sha256) of every file read."""
    warnings: tuple[str, ...]
    scuba_config: dict[str, Any] | None = None
    """ScubaGear's configuration, when the export is a ScubaGear provider export that carries one."""


def read_bundle(
    path: Path, display: str | None = None, max_bytes: int = DEFAULT_MAX_INPUT_BYTES, input_format: str | None = None
) -> bundle_reader.RawBundle:
    """Read an export of any supported layout (detected, or forced by ``input_format``), without validating."""
    from pimlint import importers

    return importers.read(path, display or str(path), max_bytes, input_format)


def prepare(section: str, chunks: list[bundle_reader.Chunk]) -> None:
    """Canonicalize the keys of a section's records and validate each against the section schema."""
    for chunk in chunks:
        if chunk.canonical:
            continue
        try:
            chunk.records = canonicalize(chunk.records)
        except RecursionError:  # the parser allows ~1000 levels; canonicalisation recurses too
            raise InputError(chunk.file, "nesting too deep to process (exports nest fewer than 20 levels)", chunk.prefix) from None
    validate_chunks(section, chunks)


def load_raw(
    raw: bundle_reader.RawBundle, as_of: datetime | None = None, timezone: str | None = None
) -> LoadResult:
    """Canonicalize, validate and normalize a bundle, one section at a time."""
    if raw.manifest is not None:
        raw.manifest = canonicalize(raw.manifest)
        validate_manifest(raw.manifest, raw.manifest_file or raw.root)
    tenant = normalize(raw, prepare, as_of=as_of, timezone=timezone)
    return LoadResult(tenant=tenant, inputs=tuple(sorted(raw.inputs)), warnings=tuple(raw.warnings),
                      scuba_config=raw.scuba_config)


def load(
    path: Path,
    display: str | None = None,
    as_of: datetime | None = None,
    timezone: str | None = None,
    max_bytes: int = DEFAULT_MAX_INPUT_BYTES,
    input_format: str | None = None,
    workers: int = 1,
) -> LoadResult:
    """Load one export (bundle directory, single JSON file or another exporter's output) into a ``Tenant``
    (``workers``: processes it may use, see ``pimlint.loading.background``)."""
    try:
        raw = read_bundle(path, display, max_bytes, input_format)
        raw.workers = workers
        return load_raw(raw, as_of=as_of, timezone=timezone)
    except IncompleteStreamedSection:
        # A late next-page link left a streamed section incomplete: read everything whole, so that
        # section is dropped (with its warning) before any normalizer sees it. Rare: broken exports.
        raw = read_bundle(path, display, max_bytes, input_format)
        raw.streaming = False
        return load_raw(raw, as_of=as_of, timezone=timezone)
