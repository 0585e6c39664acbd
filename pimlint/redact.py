"""``--redact``: replace UPNs, names and ids with stable pseudonyms, so a report can be shared.

A pseudonym is ``<kind>-<6 hex>``, the HMAC-SHA256 of the object's id under a key derived from the
tenant id: the same object gets the same pseudonym in every format and every run of that tenant,
and its id, UPN and display name all map to it. Free text (messages, evidence, warnings) is
rewritten too: known names and ids first, then any remaining e-mail address or GUID. Role names and
role ids (public Microsoft identifiers), rule metadata and fingerprints are kept.
"""

from __future__ import annotations

import hashlib
import hmac
import re
from collections.abc import Iterable
from pathlib import PurePosixPath
from typing import Any

from pimlint.result import RunResult

_EMAIL = re.compile(r"[\w.+'-]+@[\w-]+(?:\.[\w-]+)+")
_GUID = re.compile(r"(?<![0-9a-fA-F-])[0-9a-fA-F]{8}-(?:[0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}(?![0-9a-fA-F-])")
_KEEP = frozenset({"rule", "name", "severity", "status", "category", "fingerprint", "sha256", "settings_digest",
                   "role", "role_id", "title", "as_of", "as_of_source", "profile", "kind", "grade", "label"})
_KINDS = {"user": "user", "group": "group", "servicePrincipal": "app", "application": "app"}
Entry = tuple[str, str, tuple[str, ...]]
"""(kind, id, labels) of a directory object."""


class Redactor:
    """Pseudonyms for one tenant."""

    def __init__(self, tenant_id: str, entries: Iterable[Entry], keep: Iterable[str] = ()) -> None:
        self._key = hashlib.sha256(b"pimlint-redact-v1\x00" + tenant_id.lower().encode("utf-8")).digest()
        self._keep = {k.lower() for k in keep}
        self.map: dict[str, str] = {}
        for kind, oid, labels in entries:
            alias = self.pseudonym(_KINDS.get(kind, "object"), oid)
            for value in (oid, *labels):
                if value and value.lower() not in self._keep:
                    self.map.setdefault(value, alias)
        known = sorted(self.map, key=lambda v: (-len(v), v))
        self._known = re.compile("|".join(rf"(?<!\w){re.escape(v)}(?!\w)" for v in known)) if known else None

    def pseudonym(self, kind: str, value: str) -> str:
        """``kind-3f9a2c``: a stable, keyed pseudonym of a value."""
        digest = hmac.new(self._key, value.lower().encode("utf-8"), hashlib.sha256).hexdigest()
        return f"{kind}-{digest[:6]}"

    def text(self, value: str) -> str:
        """Free text with every known name, e-mail address and GUID replaced."""
        if self._known is not None:
            value = self._known.sub(lambda m: self.map[m.group(0)], value)
        value = _EMAIL.sub(lambda m: self.pseudonym("user", m.group(0)), value)
        return _GUID.sub(lambda m: m.group(0) if m.group(0).lower() in self._keep else self.pseudonym("id", m.group(0)),
                         value)


def _file(red: Redactor, name: str) -> str:
    path = PurePosixPath(name.replace("\\", "/"))
    return f"bundle/{path.name}" if _GUID.search(path.name) is None and "@" not in path.name else red.text(name)


def _walk(red: Redactor, value: Any, key: str = "") -> Any:
    if isinstance(value, dict):
        return {k: _walk(red, v, k) for k, v in value.items()}
    if isinstance(value, list):
        return [_walk(red, v, key) for v in value]
    if not isinstance(value, str) or key in _KEEP:
        return value
    return _file(red, value) if key == "file" else red.text(value)


def _entries(result: RunResult) -> list[Entry]:
    t = result.tenant
    found: list[Entry] = [("tenant", t.id, tuple(v for v in (t.domain, t.display_name) if v))]
    for f in result.findings:
        r = f.resource
        if r.principal_id:
            found.append((r.principal_kind or "user", r.principal_id, (r.principal,) if r.principal else ()))
        if r.object_id:
            found.append((r.object_kind or "object", r.object_id, (r.object,) if r.object else ()))
    return found


def redact(result: RunResult, directory: Iterable[Entry] = ()) -> RunResult:
    """The result with people, groups, apps and the tenant replaced by pseudonyms.

    ``directory`` adds names the findings do not carry (e.g. every user and group of the export),
    so they are caught in free text too.
    """
    keep = {r.role_id for f in result.findings for r in (f.resource,) if r.role_id}
    keep |= {r.role for f in result.findings for r in (f.resource,) if r.role}
    red = Redactor(result.tenant.id, [*_entries(result), *directory], keep)
    data = _walk(red, result.model_dump(mode="json"))
    tenant = red.pseudonym("tenant", result.tenant.id)
    data["tenant"] = {"id": tenant, "domain": f"{tenant}.example", "display_name": f"Tenant {tenant[-6:]}"}
    return RunResult.model_validate(data)


def directory_entries(tenant: Any) -> list[Entry]:
    """Users and groups of a loaded tenant, for ``redact(directory=…)``."""
    users = [("user", u.id, tuple(v for v in (u.upn, u.display_name) if v)) for u in tenant.users.values()]
    groups = [("group", g.id, (g.display_name,) if g.display_name else ()) for g in tenant.groups.values()]
    return [*users, *groups]
