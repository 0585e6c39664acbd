"""Importers: every export layout people already have, read into one ``RawBundle``.

``read(path, ...)`` detects the layout (``detect.py`` is the one place that knows how) unless
``input_format`` forces it, then hands the path or the parsed document to that layout's importer.
Every importer produces Graph-shaped sections, so validation and normalization are shared.
"""

from __future__ import annotations

from pathlib import Path

from pimlint.errors import InputError
from pimlint.importers import azurehound, entraexporter, graph, scubagear
from pimlint.importers.detect import FORMATS, detect_directory, detect_document
from pimlint.loading.bundle import RawBundle
from pimlint.loading.reader import read_json

__all__ = ["FORMATS", "read"]


def read(path: Path, display: str, max_bytes: int, input_format: str | None = None) -> RawBundle:
    """Read an export of any supported layout (``input_format`` forces one)."""
    if input_format is not None and input_format not in FORMATS:
        raise InputError(display, f"unknown input format {input_format!r} (choose from {', '.join(FORMATS)})")
    if path.is_dir():
        fmt = input_format or detect_directory(path, display)
        if fmt in ("entraexporter", "graph"):
            bundle = (entraexporter if fmt == "entraexporter" else graph).read_directory(path, display, max_bytes)
            bundle.input_format = fmt
            return bundle
        found = _single_json(path, display, fmt)
        return read(found, str(Path(display) / found.name), max_bytes, fmt)
    if not path.exists():
        raise InputError(display, "no such file or directory")
    if path.suffix.lower() != ".json":
        raise InputError(display, "unknown input format: expected a bundle directory or a .json file")
    document = read_json(path, display, max_bytes)
    fmt = input_format or detect_document(document.document, display)
    importer = {"graph": graph, "scubagear": scubagear, "azurehound": azurehound}.get(fmt)
    if importer is None:
        raise InputError(display, f"--input-format {fmt} reads a folder, not a single file")
    bundle = importer.from_document(document.document, display)
    bundle.input_format = fmt
    bundle.note_file(document)
    return bundle


def _single_json(folder: Path, display: str, fmt: str) -> Path:
    """The one export file of a ScubaGear or AzureHound output folder."""
    names = {"scubagear": ("ProviderSettingsExport.json",), "azurehound": ()}[fmt]
    for name in names:
        if (folder / name).is_file():
            return folder / name
    files = sorted(p for p in folder.iterdir() if p.suffix.lower() == ".json")
    if len(files) == 1:
        return files[0]
    raise InputError(display, f"expected one {fmt} .json file in the folder, found {len(files)}")
