"""Find the sections of a bundle (a directory, or one JSON file keyed by section) and unwrap envelopes.

Produces ``RawBundle``: per section, the record lists with the file and JSON path each came from.
Knows the bundle layout of export-bundle.md; knows nothing of record contents.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

from pimlint import speedups
from pimlint.errors import InputError
from pimlint.loading import sections
from pimlint.loading.reader import ReadFile, ReadText, parse, path_key, read_json, read_text
from pimlint.loading.stream import STREAM_MIN_BYTES, RecordStream, open_stream

_IGNORED_SUFFIXES = {".toml", ".md", ".txt", ".csv", ".yaml", ".yml", ".html", ".sarif", ".xml"}
_ENVELOPE_KEYS = ("value",)


@dataclass
class Chunk:
    """Records from one file (or one key of a single-file bundle)."""

    file: str
    prefix: str
    """JSONPath of the record list inside the file, e.g. ``$.value``."""
    records: list[Any]
    paths: list[str] | None = None
    """Per-record JSONPaths, for records an importer gathered from several places in the file."""

    next_link: bool = False
    """The envelope had a next-page link: more records exist than this chunk holds."""
    canonical: bool = False
    """Keys were spelled canonically while the file was parsed; ``prepare`` need not do it again."""
    stream: RecordStream | None = None
    """The records, parsed as they are read (large bundle files, ``RawBundle.take``); ``records`` is
    then empty and ``next_link`` final only once the stream is exhausted."""

    def materialize(self) -> None:
        """Read a streamed chunk's records into ``records`` (for callers that read them twice)."""
        if self.stream is not None:
            stream, self.stream = self.stream, None
            self.records = list(stream)
            self.next_link = stream.next_link

    def path_of(self, index: int) -> str:
        """JSONPath of record ``index``."""
        if self.paths is not None:
            return self.paths[index]
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
    input_format: str = "graph"
    """The layout it was read from (``pimlint.importers.detect.FORMATS``)."""
    unusable: set[str] = field(default_factory=set)
    """Sections given as ``null``: dropped by ``finish`` so the rules that need them are not evaluated."""
    pending: dict[str, list[Callable[[bool], Chunk | None]]] = field(default_factory=dict)
    """Sections found but not read yet (bundle folders): read one at a time by ``take`` so a large
    export never holds every section's raw JSON in memory at once; called with ``stream``."""
    streaming: bool = True
    """``take`` hands large files over as record streams (``pimlint.loading.stream``)."""
    workers: int = 1
    """Processes the load may use (``pimlint.loading.background``)."""
    scuba_config: dict[str, Any] | None = None
    """ScubaGear's configuration, exported with its data (``--profile scuba`` applies it)."""
    sizes: dict[str, int] = field(default_factory=dict)
    """Bytes on disk of each pending section."""

    def names(self) -> list[str]:
        """Every section given, read or not (null or incomplete ones drop out when read)."""
        return sorted(set(self.sections) | set(self.pending))

    def _read_pending(self, section: str, stream: bool = False) -> None:
        for load in self.pending.pop(section, ()):
            self.add(section, load(stream))
        self._drop_if_unusable(section)

    def take(self, section: str) -> list[Chunk] | None:
        """Read (if still pending) and hand over a section's chunks; ``None`` when absent or unusable.

        Large files come as record streams: read them once, in order (see ``Chunk.stream``).
        """
        self._read_pending(section, self.streaming)
        return self.sections.pop(section, None)

    def load_all(self) -> RawBundle:
        """Read every pending section now, whole (for callers that look at the whole bundle)."""
        for section in sorted(self.pending):
            self._read_pending(section)
        return self

    def add(self, section: str, chunk: Chunk | None) -> None:
        """Append a chunk of records to a section; ``None`` (a null section) makes it unusable."""
        if chunk is None:
            self.unusable.add(section)
            return
        self.sections.setdefault(section, []).append(chunk)

    def finish(self) -> RawBundle:
        """Drop null sections and sections whose last page is missing, with a warning each.

        A section is incomplete when every one of its pages links to a next page (complete paged
        exports have one page without a link). Running rules on part of a section could report a
        pass that is not true, so such sections count as missing and their rules as not evaluated.
        """
        for section in sorted(set(self.sections) | self.unusable):
            self._drop_if_unusable(section)
        return self

    def _drop_if_unusable(self, section: str) -> None:
        chunks = self.sections.get(section)
        if chunks and all(c.next_link for c in chunks):
            self.warnings.append(
                f"{chunks[-1].file}: {chunks[-1].prefix}: section {section!r} has a next-page link but no "
                "last page; it is incomplete and ignored, so the rules that need it are not evaluated"
            )
            self.unusable.add(section)
        if section in self.unusable:
            self.sections.pop(section, None)

    def note_file(self, read: ReadFile | ReadText) -> None:
        """Record a file that was read, for the audit trail."""
        self.inputs.append((read.display, read.sha256))


def _did_you_mean(name: str, candidates: tuple[str, ...]) -> str:
    close = difflib.get_close_matches(name, candidates, n=1, cutoff=0.75) if len(name) <= 100 else []
    return f" (did you mean {close[0]!r}?)" if close else ""


def unwrap(document: Any, file: str, prefix: str, bundle: RawBundle) -> Chunk | None:
    """Return the record list of a Graph/ARM list envelope, a bare array or a single entity (with an ``id``).

    A null section (``null`` or ``{"value": null}``) gives ``None`` and a warning.
    """
    if document is None:
        bundle.warnings.append(
            f"{file}: {prefix}: section is null (no data); it is ignored, so the rules that need it are not evaluated"
        )
        return None
    if isinstance(document, list):
        return Chunk(file, prefix, document)
    if isinstance(document, dict):
        lowered = {k.lower(): k for k in document}
        for key in _ENVELOPE_KEYS:
            if key in lowered:
                value = document[lowered[key]]
                if value is None:
                    return unwrap(None, file, f"{prefix}.{lowered[key]}", bundle)
                if not isinstance(value, list):
                    raise InputError(file, f"expected a list of records, got {type_name(value)}", f"{prefix}.{key}")
                more = any(document[lowered[link]] for link in ("@odata.nextlink", "nextlink") if link in lowered)
                return Chunk(file, f"{prefix}.{lowered[key]}", value, next_link=bool(more))
        if "id" in lowered:
            return Chunk(file, prefix, [document], [prefix])
    raise InputError(
        file,
        f"expected a Graph list envelope {{\"value\": [...]}} or a JSON array, got {type_name(document)}",
        prefix,
    )


def type_name(value: Any) -> str:
    """How an error message names the JSON type of a value."""
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
        self.bundle = RawBundle(root=display_root, streaming=speedups.enabled())
        self.claimed: dict[str, str] = {}

    def display(self, path: Path) -> str:
        return str(Path(self.display_root) / path.relative_to(self.root))

    def read(self, path: Path, canonical: bool = False) -> ReadFile:
        read = read_json(path, self.display(path), self.max_bytes, canonical)
        self.bundle.note_file(read)
        return read

    def claim(self, key: str, path: Path) -> None:
        shown = self.display(path)
        if key in self.claimed:
            raise InputError(shown, f"section {key!r} is also given by {self.claimed[key]}; keep one of them")
        self.claimed[key] = shown

    def page(self, path: Path, stream: bool = False) -> Chunk | None:
        """Read one section file or page (called when its section is taken), as a record stream
        when ``stream`` and the file is large."""
        read = read_text(path, self.display(path), self.max_bytes)
        self.bundle.note_file(read)
        opened = open_stream(read.text, read.display) if stream and read.size >= STREAM_MIN_BYTES else None
        if opened is not None:
            prefix, records = opened
            return Chunk(read.display, prefix, [], next_link=records.next_link, canonical=True, stream=records)
        chunk = unwrap(parse(read.text, read.display, canonical=True), read.display, "$", self.bundle)
        if chunk is not None:
            chunk.canonical = True
        return chunk

    def defer(self, key: str, path: Path) -> None:
        self.bundle.pending.setdefault(key, []).append(partial(self.page, path))
        try:
            self.bundle.sizes[key] = self.bundle.sizes.get(key, 0) + path.stat().st_size
        except OSError:  # reported when the file is read
            pass

    def run(self) -> RawBundle:
        for entry in sorted(self.root.iterdir(), key=lambda p: p.name):
            self.entry(entry)
        if not self.bundle.sections and not self.bundle.unusable and not self.bundle.pending:
            raise InputError(
                self.display_root, "no bundle section found (expected files such as users.json, roleManagementPolicies.json)"
            )
        return self.bundle.finish()

    def folder(self, path: Path) -> bool:
        """Whether ``path`` is a folder; links to folders are refused (they can loop or leave the bundle)."""
        if path.is_symlink() and path.is_dir():
            raise InputError(self.display(path), "is a link to a folder; pimlint does not follow folder links inside a bundle")
        return path.is_dir()

    def entry(self, path: Path) -> None:
        name = path.name
        if name.startswith(".") or name.startswith("_") or path.suffix.lower() in _IGNORED_SUFFIXES:
            return
        if self.folder(path):
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
                raise InputError(read.display, f"manifest must be an object, got {type_name(read.document)}", "$")
            self.bundle.manifest, self.bundle.manifest_file = read.document, read.display
            return
        section = sections.graph_section(stem)
        if section is None:
            raise InputError(
                self.display(path),
                "not a known bundle section" + _did_you_mean(stem, (*sections.GRAPH_SECTIONS, sections.MANIFEST)),
            )
        self.claim(section, path)
        self.defer(section, path)

    def pages(self, key: str, folder: Path) -> None:
        pages = sorted((p for p in folder.iterdir() if p.suffix.lower() == ".json"), key=lambda p: p.name)
        if not pages:
            raise InputError(self.display(folder), "paged section folder holds no .json page files")
        for page in pages:
            self.defer(key, page)

    def azure(self, folder: Path) -> None:
        for sub in sorted(folder.iterdir(), key=lambda p: p.name):
            if not self.folder(sub):
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
                self.defer(key, path)


def read_directory(root: Path, display_root: str, max_bytes: int) -> RawBundle:
    """Read a bundle directory."""
    try:
        return _DirectoryReader(root, display_root, max_bytes).run()
    except OSError as exc:
        raise InputError(str(exc.filename or display_root), f"cannot read folder: {exc.strerror or exc}") from None


def from_document(document: Any, display: str) -> RawBundle:
    """Split a single-file bundle (an object keyed by section name) into sections."""
    bundle = RawBundle(root=display)
    if not isinstance(document, dict):
        raise InputError(display, f"a single-file bundle is an object keyed by section name, got {type_name(document)}", "$")
    seen: dict[str, str] = {}
    for key in sorted(document):
        value = document[key]
        if key.lower() == sections.MANIFEST:
            if not isinstance(value, dict):
                raise InputError(display, f"manifest must be an object, got {type_name(value)}", path_key("$", key))
            bundle.manifest, bundle.manifest_file = value, display
            continue
        if key.startswith("$") or key.startswith("@") or key.startswith("_"):
            continue
        section = sections.graph_section(key)
        if section is None:
            raise InputError(
                display,
                "not a known bundle section" + _did_you_mean(key, (*sections.GRAPH_SECTIONS, sections.MANIFEST)),
                path_key("$", key),
            )
        if section in seen:
            raise InputError(display, f"section {section!r} appears twice (also as {seen[section]!r})", path_key("$", key))
        seen[section] = key
        bundle.add(section, unwrap(value, display, path_key("$", key), bundle))
    if not bundle.sections and not bundle.unusable:
        raise InputError(display, "no bundle section found (expected keys such as 'users', 'roleManagementPolicies')", "$")
    return bundle.finish()
