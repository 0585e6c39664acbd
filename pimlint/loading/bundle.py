"""Find the sections of a bundle (a directory, or one JSON file keyed by section) and unwrap envelopes.

Produces ``RawBundle``: per section, the record lists with the file and JSON path each came from.
Knows the bundle layout of export-bundle.md; knows nothing of record contents.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pimlint.errors import InputError
from pimlint.loading import sections
from pimlint.loading.reader import ReadFile, read_json

_IGNORED_SUFFIXES = {".toml", ".md", ".txt", ".csv", ".yaml", ".yml", ".html", ".sarif", ".xml"}
_ENVELOPE_KEYS = ("value",)


@dataclass
class Chunk:
    """Records from one file (or one key of a single-file bundle)."""

    file: str
    prefix: str
    """JSONPath of the record list inside the file, e.g. ``$.value``."""
    records: list[Any]

    def path_of(self, index: int) -> str:
        """JSONPath of record ``index``."""
        return f"{self.prefix}[{index}]"


@dataclass
class RawBundle:
    """What was read: sections by name, the manifest, the files with their hashes, warnings."""

    root: str
    sections: dict[str, list[Chunk]] = field(default_factory=dict)
    manifest: dict[str, Any] | None = None
    manifest_file: str | None = None
    inputs: list[tuple[str, str]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def add(self, section: str, chunk: Chunk) -> None:
        """Append a chunk of records to a section."""
        self.sections.setdefault(section, []).append(chunk)

    def note_file(self, read: ReadFile) -> None:
        """Record a file that was read, for the audit trail."""
        self.inputs.append((read.display, read.sha256))


def _did_you_mean(name: str, candidates: tuple[str, ...]) -> str:
    close = difflib.get_close_matches(name, candidates, n=1, cutoff=0.75)
    return f" (did you mean {close[0]!r}?)" if close else ""


def unwrap(document: Any, file: str, prefix: str, bundle: RawBundle) -> Chunk:
    """Return the record list of a Graph/ARM list envelope or a bare array."""
    if isinstance(document, list):
        return Chunk(file, prefix, document)
    if isinstance(document, dict):
        lowered = {k.lower(): k for k in document}
        for key in _ENVELOPE_KEYS:
            if key in lowered:
                value = document[lowered[key]]
                if not isinstance(value, list):
                    raise InputError(file, f"expected a list of records, got {_type_name(value)}", f"{prefix}.{key}")
                for link in ("@odata.nextlink", "nextlink"):
                    if document.get(next((k for k in document if k.lower() == link), ""), None):
                        bundle.warnings.append(
                            f"{file}: {prefix}: has a next-page link; records of later pages are missing "
                            "unless they are in the same folder"
                        )
                return Chunk(file, f"{prefix}.{lowered[key]}", value)
    raise InputError(
        file,
        f"expected a Graph list envelope {{\"value\": [...]}} or a JSON array, got {_type_name(document)}",
        prefix,
    )


def _type_name(value: Any) -> str:
    if value is None:
        return "null"
    return {dict: "an object", list: "an array", str: "a string", bool: "a boolean"}.get(
        type(value), "a number" if isinstance(value, (int, float)) else type(value).__name__
    )


class _DirectoryReader:
    """Walks a bundle directory (export-bundle.md layout)."""

    def __init__(self, root: Path, display_root: str, max_bytes: int) -> None:
        self.root = root
        self.display_root = display_root
        self.max_bytes = max_bytes
        self.bundle = RawBundle(root=display_root)
        self.claimed: dict[str, str] = {}

    def display(self, path: Path) -> str:
        return str(Path(self.display_root) / path.relative_to(self.root))

    def read(self, path: Path) -> ReadFile:
        read = read_json(path, self.display(path), self.max_bytes)
        self.bundle.note_file(read)
        return read

    def claim(self, key: str, path: Path) -> None:
        shown = self.display(path)
        if key in self.claimed:
            raise InputError(shown, f"section {key!r} is also given by {self.claimed[key]}; keep one of them")
        self.claimed[key] = shown

    def run(self) -> RawBundle:
        for entry in sorted(self.root.iterdir(), key=lambda p: p.name):
            self.entry(entry)
        return self.bundle

    def entry(self, path: Path) -> None:
        name = path.name
        if name.startswith(".") or name.startswith("_") or path.suffix.lower() in _IGNORED_SUFFIXES:
            return
        if path.is_dir():
            if name.lower() == sections.AZURE_DIR:
                self.azure(path)
                return
            section = sections.graph_section(name)
            if section is None:
                raise InputError(self.display(path), "folder is not a bundle section" + _did_you_mean(name, sections.GRAPH_SECTIONS))
            self.claim(section, path)
            self.pages(section, path)
            return
        if path.suffix.lower() != ".json":
            raise InputError(self.display(path), "unknown file in bundle (expected <section>.json)")
        stem = path.stem
        if stem.lower() == sections.MANIFEST:
            read = self.read(path)
            if not isinstance(read.document, dict):
                raise InputError(read.display, f"manifest must be an object, got {_type_name(read.document)}", "$")
            self.bundle.manifest, self.bundle.manifest_file = read.document, read.display
            return
        section = sections.graph_section(stem)
        if section is None:
            raise InputError(
                self.display(path),
                "not a known bundle section" + _did_you_mean(stem, (*sections.GRAPH_SECTIONS, sections.MANIFEST)),
            )
        self.claim(section, path)
        read = self.read(path)
        self.bundle.add(section, unwrap(read.document, read.display, "$", self.bundle))

    def pages(self, key: str, folder: Path) -> None:
        pages = sorted((p for p in folder.iterdir() if p.suffix.lower() == ".json"), key=lambda p: p.name)
        if not pages:
            raise InputError(self.display(folder), "paged section folder holds no .json page files")
        for page in pages:
            read = self.read(page)
            self.bundle.add(key, unwrap(read.document, read.display, "$", self.bundle))

    def azure(self, folder: Path) -> None:
        for sub in sorted(folder.iterdir(), key=lambda p: p.name):
            if not sub.is_dir():
                raise InputError(self.display(sub), "expected a folder per subscription under azure/")
            for path in sorted(sub.iterdir(), key=lambda p: p.name):
                section = sections.arm_section(path.stem) if path.suffix.lower() == ".json" else None
                if section is None:
                    raise InputError(
                        self.display(path),
                        "not a known Azure resource section" + _did_you_mean(path.stem, sections.ARM_SECTIONS),
                    )
                key = sections.azure_key(sub.name, section)
                self.claim(key, path)
                read = self.read(path)
                self.bundle.add(key, unwrap(read.document, read.display, "$", self.bundle))


def read_directory(root: Path, display_root: str, max_bytes: int) -> RawBundle:
    """Read a bundle directory."""
    return _DirectoryReader(root, display_root, max_bytes).run()


def from_document(document: Any, display: str) -> RawBundle:
    """Split a single-file bundle (an object keyed by section name) into sections."""
    bundle = RawBundle(root=display)
    if not isinstance(document, dict):
        raise InputError(display, f"a single-file bundle is an object keyed by section name, got {_type_name(document)}", "$")
    seen: dict[str, str] = {}
    for key in sorted(document):
        value = document[key]
        if key.lower() == sections.MANIFEST:
            if not isinstance(value, dict):
                raise InputError(display, f"manifest must be an object, got {_type_name(value)}", f"$.{key}")
            bundle.manifest, bundle.manifest_file = value, display
            continue
        if key.startswith("$") or key.startswith("@") or key.startswith("_"):
            continue
        section = sections.graph_section(key)
        if section is None:
            raise InputError(
                display,
                "not a known bundle section" + _did_you_mean(key, (*sections.GRAPH_SECTIONS, sections.MANIFEST)),
                f"$.{key}",
            )
        if section in seen:
            raise InputError(display, f"section {section!r} appears twice (also as {seen[section]!r})", f"$.{key}")
        seen[section] = key
        bundle.add(section, unwrap(value, display, f"$.{key}", bundle))
    if not bundle.sections:
        raise InputError(display, "no bundle section found (expected keys such as 'users', 'roleManagementPolicies')", "$")
    return bundle
