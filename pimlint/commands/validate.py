"""``pimlint validate PATH``: read and validate an export without running rules.

Prints the layout, every section with its record count, the tenant, the as-of time and where it
comes from, warnings, and every problem found (not only the first). Exit 0 when the export loads,
2 when it does not.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click

from pimlint import exit_codes
from pimlint.commands.common import emit, errors, input_format_option, parse_as_of

MAX_PROBLEMS = 200
"""Problems listed in full; the rest are counted."""


def _problems(raw: Any) -> list[str]:
    """Every record that fails its schema, one line each (file, JSON path, what is wrong)."""
    from pimlint.errors import InputError
    from pimlint.loading.keys import canonicalize
    from pimlint.loading.validate import record_check, validate_manifest

    found: list[str] = []
    if raw.manifest is not None:
        raw.manifest = canonicalize(raw.manifest)
        try:
            validate_manifest(raw.manifest, raw.manifest_file or raw.root)
        except InputError as exc:
            found.append(exc.format())
    for section, chunks in sorted(raw.sections.items()):
        for chunk in chunks:
            if not chunk.canonical:
                chunk.records = canonicalize(chunk.records)
            check = record_check(section, chunk.file, chunk.path_of)  # compiled; jsonschema only explains
            if check is None:
                continue
            for index, record in enumerate(chunk.records):
                try:
                    check(record, index)
                except InputError as exc:
                    found.append(exc.format())
    return found


def _tenant(info: Any) -> dict[str, Any]:
    return {"id": info.id, "domain": info.domain, "display_name": info.display_name,
            "as_of": info.as_of.isoformat() if info.as_of else None, "as_of_source": info.as_of_source}


def _report(path: str, fmt_name: str, raw: Any, problems: list[str]) -> dict[str, Any]:
    sections = [
        {"section": name, "records": sum(len(c.records) for c in chunks), "files": len({c.file for c in chunks})}
        for name, chunks in sorted(raw.sections.items())
    ]
    return {"path": path, "input_format": fmt_name, "ok": not problems, "sections": sections,
            "files": len(raw.inputs), "tenant": None, "warnings": list(raw.warnings),
            "problems": problems[:MAX_PROBLEMS], "problem_count": len(problems)}


def _text(doc: dict[str, Any]) -> str:
    from tabulate import tabulate

    lines = [f"{doc['path']}: {doc['input_format']} export, {doc['files']} file(s) read"]
    rows = [(s["section"], s["records"], s["files"]) for s in doc["sections"]]
    lines.append(tabulate(rows, headers=("section", "records", "files"), tablefmt="simple"))
    tenant = doc["tenant"]
    if tenant is not None:
        label = tenant["domain"] or tenant["display_name"] or tenant["id"]
        lines.append(f"tenant: {label} ({tenant['id']})")
        lines.append(f"as of: {tenant['as_of'] or 'unknown'} ({tenant['as_of_source']})")
    lines.extend(f"warning: {w}" for w in doc["warnings"])
    lines.extend(f"problem: {p}" for p in doc["problems"])
    if doc["problem_count"] > len(doc["problems"]):
        lines.append(f"... and {doc['problem_count'] - len(doc['problems'])} more problem(s)")
    lines.append("valid" if doc["ok"] else f"invalid: {doc['problem_count']} problem(s)")
    return "\n".join(lines) + "\n"


@click.command("validate")
@click.argument("path", type=click.Path(path_type=Path))
@input_format_option
@click.option("--as-of", "as_of", help="Reference date to report (default: the export's exportedAt).")
@click.option("-f", "--format", "fmt", type=click.Choice(("text", "json")), default="text", show_default=True)
@click.option("-o", "--output", type=click.Path(path_type=Path, dir_okay=False), help="Write the report to FILE.")
@click.option("--debug", is_flag=True, help="Show tracebacks instead of one-line errors.")
def validate(path: Path, input_format: str | None, as_of: str | None, fmt: str, output: Path | None,
             debug: bool) -> None:
    """Read and validate the export at PATH; list what was read and every problem (exit 0 or 2)."""
    with errors(debug):
        from pimlint.importers.detect import detect_directory
        from pimlint.loading.api import read_bundle
        from pimlint.loading.normalize import normalize

        raw = read_bundle(path, str(path), input_format=input_format).load_all()
        fmt_name = input_format or (detect_directory(path, str(path)) if path.is_dir() else _file_format(raw))
        problems = _problems(raw)
        doc = _report(str(path), fmt_name, raw, problems)
        if not problems:  # _problems has canonicalized and validated every section already
            doc["tenant"] = _tenant(normalize(raw, lambda _section, _chunks: None, as_of=parse_as_of(as_of)).info)
        text = json.dumps(doc, indent=2, sort_keys=True) + "\n" if fmt == "json" else _text(doc)
        emit(text, output)
    sys.exit(exit_codes.OK if not problems else exit_codes.USAGE_OR_INPUT_ERROR)


def _file_format(raw: Any) -> str:
    """The detected layout of a single file, from what the importer recorded."""
    from pimlint.importers.detect import detect_document
    from pimlint.loading.reader import read_json

    document = read_json(Path(raw.root), raw.root, 2 * 1024**3).document
    return detect_document(document, raw.root)
