"""Which exporter wrote this? The one place that decides (``--input-format`` overrides it).

- ``graph``: the pimlint bundle (export-bundle.md): ``<section>.json`` files, paged section folders,
  ``azure/<subscription>/``, ``manifest.json``; or one JSON object keyed by section names.
- ``entraexporter``: microsoft/EntraExporter's tree (``Users/<id>/<id>.json``, ``PIM/``, ``RoleManagement/``).
- ``scubagear``: ScubaGear's ``ProviderSettingsExport.json`` (or the folder holding it).
- ``azurehound``: AzureHound's ``{"data": [{"kind": ..., "data": ...}], "meta": {...}}``.
"""

from __future__ import annotations

import difflib
from pathlib import Path
from typing import Any

from pimlint.errors import InputError
from pimlint.loading import sections
from pimlint.loading.bundle import type_name

FORMATS = ("graph", "entraexporter", "scubagear", "azurehound")

ENTRAEXPORTER_ROOTS = frozenset(
    name.lower()
    for name in ("RoleManagement", "PIM", "Identity", "IdentityGovernance", "DirectoryRoles", "Policies", "Domains",
                 "Directory", "Devices", "IAM", "Reports", "GroupSettings", "AccessPolicies", "ServicePrincipals",
                 "Applications", "SubscribedSkus", "AdministrativeUnits")
)
"""Top-level folders EntraExporter writes that are not pimlint bundle sections."""

_SECTION_NAMES = [name.lower() for name in sections.GRAPH_SECTIONS]

SCUBAGEAR_KEYS = frozenset({"privileged_users", "privileged_roles", "conditional_access_policies", "service_plans",
                            "privileged_service_principals", "baseline_version", "module_version"})


def detect_directory(path: Path, display: str) -> str:
    """The layout of a folder."""
    entries = {p.name.lower(): p for p in path.iterdir() if not p.name.startswith(".")}
    for entry in entries.values():
        if entry.is_symlink() and entry.is_dir():  # may loop, or lead out of the bundle
            raise InputError(str(Path(display) / entry.name), "is a link to a folder; pimlint does not follow folder links inside a bundle")
    if "providersettingsexport.json" in entries:
        return "scubagear"
    for name, entry in entries.items():
        if not entry.is_dir():
            continue
        if name in ENTRAEXPORTER_ROOTS and sections.graph_section(name) is None:
            return "entraexporter"
        if sections.graph_section(name) is not None and any(child.is_dir() for child in entry.iterdir()):
            return "entraexporter"
    return "graph"


def detect_document(document: Any, display: str) -> str:
    """The layout of a single JSON file; a document of no known shape is an error naming the file."""
    if isinstance(document, dict):
        keys = {k.lower() for k in document if isinstance(k, str)}
        if "data" in keys and "meta" in keys and isinstance(_get(document, "data"), list):
            return "azurehound"
        if keys & SCUBAGEAR_KEYS:
            return "scubagear"
        if any(sections.graph_section(k) or k == sections.MANIFEST for k in keys) or any(
            difflib.get_close_matches(k, _SECTION_NAMES, n=1, cutoff=0.75) for k in keys
        ):
            return "graph"
        shown = ", ".join(sorted(document)[:5]) or "none"
        raise InputError(
            display,
            f"valid JSON but not a known export (top-level keys: {shown}); expected a pimlint bundle keyed by "
            "section names, a ScubaGear ProviderSettingsExport.json or an AzureHound file "
            "(or force one with --input-format)",
            "$",
        )
    raise InputError(
        display,
        f"valid JSON but not a known export: got {type_name(document)} at the top level; a single-file bundle is "
        "an object keyed by section names (a bare array belongs in a <section>.json file of a bundle folder)",
        "$",
    )


def _get(document: dict[str, Any], key: str) -> Any:
    return next((v for k, v in document.items() if isinstance(k, str) and k.lower() == key), None)
