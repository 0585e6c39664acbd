"""The hostile-input corpus: broken or malicious exports and the one outcome each must get.

Every input is generated at test time (big ones are sparse or built in memory). Outcomes:

- ``error``: exit 2, nothing on stdout, one stderr line naming the file (and JSON path) with the
  expected text, no report written;
- ``warning``: the run completes (exit 0/1) with a load warning, and every rule that needs the
  affected section is ``not_evaluated``;
- ``runs``: the run completes (exit 0/1) without warnings or crashes.
"""

from __future__ import annotations

import copy
import json
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from tests.builders import gid, hardened

Outcome = Literal["error", "warning", "runs"]


@dataclass(frozen=True)
class Hostile:
    """One hostile input: how to make it (returns the PATH to check), and the outcome it must get."""

    name: str
    make: Callable[[Path], Path]
    expect: Outcome
    needles: tuple[str, ...] = ()
    """Error: substrings of the stderr line. Warning: substrings of a load warning."""
    section: str | None = None
    """Warning: the section whose rules must be ``not_evaluated``."""
    json_path: str | None = None
    """Error: the exact JSON path the message must name."""
    extra: dict[str, Any] = field(default_factory=dict)


def _doc() -> dict[str, Any]:
    return hardened().bundle()


def _single(doc: Any, name: str = "bundle.json") -> Callable[[Path], Path]:
    def make(tmp: Path) -> Path:
        path = tmp / name
        path.write_text(json.dumps(doc), encoding="utf-8")
        return path

    return make


def _raw(data: bytes, name: str = "bundle.json") -> Callable[[Path], Path]:
    def make(tmp: Path) -> Path:
        path = tmp / name
        path.write_bytes(data)
        return path

    return make


def _text(text: str, name: str = "bundle.json") -> Callable[[Path], Path]:
    return _raw(text.encode("utf-8"), name)


def _mutated(mutate: Callable[[dict[str, Any]], None]) -> Callable[[Path], Path]:
    doc = _doc()
    mutate(doc)
    return _single(doc)


def _set(section: str, index: int, key: str, value: Any) -> Callable[[Path], Path]:
    def mutate(doc: dict[str, Any]) -> None:
        doc[section]["value"][index][key] = value

    return _mutated(mutate)


def write_folder(tmp: Path, doc: dict[str, Any] | None = None) -> Path:
    """A bundle folder: one ``<section>.json`` per section plus ``manifest.json``."""
    folder = tmp / "bundle"
    folder.mkdir()
    for key, value in (doc or _doc()).items():
        (folder / f"{key}.json").write_text(json.dumps(value), encoding="utf-8")
    return folder


def _folder(change: Callable[[Path], None]) -> Callable[[Path], Path]:
    def make(tmp: Path) -> Path:
        folder = write_folder(tmp)
        change(folder)
        return folder

    return make


_TEXT = json.dumps(_doc())
_INDENTED = json.dumps(_doc(), indent=2)


def _policy_rule_path(rule_id: str) -> tuple[int, int]:
    doc = _doc()
    for p, policy in enumerate(doc["roleManagementPolicies"]["value"]):
        for r, rule in enumerate(policy["rules"]):
            if rule["id"] == rule_id:
                return p, r
    raise LookupError(rule_id)


def _set_rule(rule_id: str, key: str, value: Any) -> tuple[Callable[[Path], Path], str]:
    p, r = _policy_rule_path(rule_id)

    def mutate(doc: dict[str, Any]) -> None:
        doc["roleManagementPolicies"]["value"][p]["rules"][r][key] = value

    return _mutated(mutate), f"$.roleManagementPolicies.value[{p}].rules[{r}].{key}"


def _null_section(doc: dict[str, Any]) -> None:
    doc["users"] = None


def _null_value(doc: dict[str, Any]) -> None:
    doc["users"]["value"] = None


def _next_link(doc: dict[str, Any]) -> None:
    doc["users"]["@odata.nextLink"] = "https://graph.microsoft.com/v1.0/users?$skiptoken=abc"


def _dangling(doc: dict[str, Any]) -> None:
    doc["roleAssignmentScheduleInstances"]["value"].append({
        "id": "dangling-1", "principalId": gid("nobody"), "roleDefinitionId": gid("no-such-role"),
        "directoryScopeId": "/", "startDateTime": "2025-01-01T00:00:00Z", "endDateTime": "2026-12-01T00:00:00Z",
        "assignmentType": "Assigned", "memberType": "Direct"})


def _group_policy(doc: dict[str, Any]) -> None:
    group = gid("group-pim")
    doc["roleManagementPolicies"]["value"].append({
        "id": f"Group_{group}_{gid('gp')}", "scopeId": group, "scopeType": "Group", "isOrganizationDefault": False,
        "rules": copy.deepcopy(doc["roleManagementPolicies"]["value"][0]["rules"])})
    doc["roleManagementPolicyAssignments"]["value"].append({
        "id": f"Group_{group}_{gid('gp')}_member", "policyId": f"Group_{group}_{gid('gp')}", "scopeId": group,
        "scopeType": "Group", "roleDefinitionId": "member"})


def _symlink_loop(folder: Path) -> None:
    (folder / "groups.json").unlink()
    (folder / "groups").symlink_to(folder, target_is_directory=True)


def _self_link(tmp: Path) -> Path:
    link = tmp / "loop.json"
    link.symlink_to(link)
    return link


def _fifo(name: str) -> Callable[[Path], Path]:
    def make(tmp: Path) -> Path:
        if name == "users.json":
            folder = write_folder(tmp)
            (folder / name).unlink()
            os.mkfifo(folder / name)
            return folder
        os.mkfifo(tmp / name)
        return tmp / name

    return make


def _sparse(size: int) -> Callable[[Path], Path]:
    """A file of ``size`` bytes that takes no disk space (it must be refused unread)."""

    def make(tmp: Path) -> Path:
        path = tmp / "bundle.json"
        with path.open("wb") as handle:
            handle.truncate(size)
        (tmp / "pimlint.toml").write_text("max-input-mb = 100\n")
        return path

    return make


def _huge_value(where: str, size: int = 20 * 1024 * 1024) -> Callable[[Path], Path]:
    big = "9" * size
    if where == "date":
        return _set("roleEligibilityScheduleInstances", 0, "endDateTime", big)
    return _single({**_doc(), big: []})


def _case_twin(folder: Path) -> None:
    (folder / "Users.json").write_text((folder / "users.json").read_text())


def _page_folder_twin(folder: Path) -> None:
    (folder / "users").mkdir()
    (folder / "users" / "page-1.json").write_text((folder / "users.json").read_text())


def _truncate_page(folder: Path) -> None:
    text = (folder / "users.json").read_text()
    (folder / "users.json").write_text(text[: len(text) // 2])


def _empty_page(folder: Path) -> None:
    (folder / "users.json").write_text("")


def _null_page(folder: Path) -> None:
    (folder / "users.json").write_text("null")


def _empty_dir(tmp: Path) -> Path:
    (tmp / "bundle").mkdir()
    return tmp / "bundle"


def _unknown_file(folder: Path) -> None:
    (folder / "notes.bin").write_bytes(b"\x00\x01")


_MFA_RULE = _set_rule("Enablement_EndUser_Assignment", "enabledRules", "MultiFactorAuthentication")
_DURATION_WORDS = _set_rule("Expiration_EndUser_Assignment", "maximumDuration", "2 hours")
_DURATION_HUGE = _set_rule("Expiration_EndUser_Assignment", "maximumDuration", "P99999D")
_APPROVER = _policy_rule_path("Approval_EndUser_Assignment")


def _approver_not_guid(doc: dict[str, Any]) -> None:
    p, r = _APPROVER
    doc["roleManagementPolicies"]["value"][p]["rules"][r]["setting"]["approvalStages"][0]["primaryApprovers"][0][
        "userId"] = "approver-1@contoso.com"


_RASI = "$.roleAssignmentScheduleInstances.value[0]"
_RESI = "$.roleEligibilityScheduleInstances.value[0]"

CORPUS: tuple[Hostile, ...] = (
    # syntax and encoding
    Hostile("truncated JSON", _text(_INDENTED[: len(_INDENTED) // 2]), "error", ("invalid JSON", "bundle.json:")),
    Hostile("truncated page in a folder", _folder(_truncate_page), "error", ("users.json", "invalid JSON")),
    Hostile("invalid UTF-8", _raw(_TEXT.encode().replace(b'"Contoso"', b'"Cont\xffso"', 1)), "error",
            ("not valid UTF-8 at byte",)),
    Hostile("UTF-16 LE without BOM", _raw(_TEXT.encode("utf-16-le")), "error",
            ("UTF-16 little-endian without a byte-order mark",)),
    Hostile("UTF-16 BE without BOM", _raw(_TEXT.encode("utf-16-be")), "error",
            ("UTF-16 big-endian without a byte-order mark",)),
    Hostile("UTF-16 with BOM (accepted)", _raw(_TEXT.encode("utf-16")), "runs"),
    Hostile("binary with NUL bytes", _raw(b"garbage\x00\x00\x01\x02"), "error", ("NUL bytes",)),
    Hostile("NaN", _text(_TEXT.replace('"isBackup": false', '"isBackup": NaN', 1)), "error", ("NaN is not valid JSON",)),
    Hostile("Infinity", _text(_TEXT.replace('"isBackup": false', '"isBackup": Infinity', 1)), "error",
            ("Infinity is not valid JSON",)),
    Hostile("-Infinity", _text(_TEXT.replace('"isBackup": false', '"isBackup": -Infinity', 1)), "error",
            ("-Infinity is not valid JSON",)),
    Hostile("number overflowing a float", _text(_TEXT.replace('"isBackup": false', '"isBackup": 1e999', 1)), "error",
            ("too large",)),
    Hostile("integer with 5000 digits", _text(_TEXT.replace('"isBackup": false', '"isBackup": ' + "9" * 5000, 1)),
            "error", ("more than 4,300 digits",)),
    Hostile("duplicate key in a record", _text(_TEXT.replace('"principalId": ', '"principalId": "x", "principalId": ', 1)),
            "error", ("duplicate key 'principalId'",), json_path=f"{_RASI}.principalId"),
    Hostile("duplicate section key", _text('{"users": [], "users": []}'), "error", ("duplicate key 'users'",),
            json_path="$.users"),
    Hostile("lone UTF-16 surrogate", _text(_TEXT.replace('"displayName": "Contoso"', '"displayName": "\\ud800x"', 1)),
            "error", ("lone UTF-16 surrogate \\ud800",), json_path="$.manifest.displayName"),
    Hostile("10,000-deep nesting", _text("[" * 10000 + "]" * 10000), "error", ("nesting too deep",)),
    Hostile("10,000-deep nesting in a record", _text(
        _TEXT.replace('"mail": null', '"mail": null, "junk": ' + "[" * 10000 + "]" * 10000, 1)), "error",
            ("nesting too deep",)),
    Hostile("700-deep nesting in an unknown field", _text(
        _TEXT.replace('"mail": null', '"mail": null, "junk": ' + '{"a": ' * 700 + "1" + "}" * 700, 1)), "error",
            ("nesting too deep",)),
    Hostile("100-deep nesting in an unknown field (accepted)", _text(
        _TEXT.replace('"mail": null', '"mail": null, "junk": ' + '{"a": ' * 100 + "1" + "}" * 100, 1)), "runs"),
    # size
    Hostile("200 MB file above max-input-mb", _sparse(200 * 1024 * 1024), "error",
            ("209,715,200 bytes, above the input limit of 104,857,600 bytes", "max-input-mb = 100")),
    Hostile("20 MB string in a date field", _huge_value("date"), "error", ("not an ISO 8601 timestamp: '999",),
            json_path=f"{_RESI}.endDateTime"),
    Hostile("20 MB section name", _huge_value("key"), "error", ("not a known bundle section",)),
    # shape
    Hostile("empty file", _text(""), "error", ("file is empty",)),
    Hostile("whitespace-only file", _text(" \n\t\n"), "error", ("file is empty",)),
    Hostile("empty page in a folder", _folder(_empty_page), "error", ("users.json", "file is empty")),
    Hostile("empty folder", _empty_dir, "error", ("no bundle section found",)),
    Hostile("empty object", _text("{}"), "error", json_path="$"),
    Hostile("top-level array", _text("[1, 2]"), "error", ("single-file bundle is an object",)),
    Hostile("top-level string", _text('"users"'), "error", ("single-file bundle is an object",)),
    Hostile("records that are not objects", _single({**_doc(), "users": [1, "two"]}), "error",
            ("expected an object, got 1",), json_path="$.users[0]"),
    Hostile("manifest that is not an object", _single({**_doc(), "manifest": [1]}), "error",
            ("manifest must be an object",)),
    Hostile("null section", _mutated(_null_section), "warning", ("section is null",), section="users"),
    Hostile("null value list", _mutated(_null_value), "warning", ("section is null",), section="users"),
    Hostile("null page file", _folder(_null_page), "warning", ("users.json", "section is null"), section="users"),
    Hostile("section missing its next page", _mutated(_next_link), "warning", ("next-page link but no last page",),
            section="users"),
    Hostile("unknown file in a folder", _folder(_unknown_file), "error", ("notes.bin", "unknown file in bundle")),
    # file system
    Hostile("folder symlink loop", _folder(_symlink_loop), "error", ("groups", "link to a folder")),
    Hostile("self-referencing symlink", _self_link, "error", ("loop.json",)),
    Hostile("unreadable file", _raw(_TEXT.encode()), "error", ("cannot read file: Permission denied",),
            extra={"unreadable": True}),
    Hostile("FIFO as the bundle", _fifo("bundle.json"), "error", ("not a regular file (a named pipe)",)),
    Hostile("FIFO inside a folder", _fifo("users.json"), "error", ("users.json", "not a regular file (a named pipe)")),
    # other formats
    Hostile("ZIP archive named .json", _raw(b"PK\x03\x04" + b"\x00" * 40), "error", ("ZIP archive",)),
    Hostile("gzip named .json", _raw(b"\x1f\x8b\x08\x00" + b"\x00" * 20), "error", ("gzip",)),
    Hostile("PDF named .json", _raw(b"%PDF-1.7\n%..."), "error", ("PDF document",)),
    Hostile("HTML named .json", _text("<!DOCTYPE html><html><body>Sign in</body></html>"), "error",
            ("XML or HTML",)),
    Hostile("a CSV file as the bundle", _text("id,displayName\n1,x\n", "export.csv"), "error", ("export.csv",)),
    # values
    Hostile("principalId that is not a GUID", _set("roleAssignmentScheduleInstances", 0, "principalId", "bg-01"),
            "error", ("expected an object id (a GUID), got \"bg-01\"",), json_path=f"{_RASI}.principalId"),
    Hostile("roleDefinitionId that is a role name",
            _set("roleEligibilityScheduleInstances", 0, "roleDefinitionId", "Global Administrator"), "error",
            ("expected an object id (a GUID)",), json_path=f"{_RESI}.roleDefinitionId"),
    Hostile("approver userId that is a UPN", _mutated(_approver_not_guid), "error", ("expected an object id (a GUID)",)),
    Hostile("policy assignment to 'member' (PIM for Groups, accepted)", _mutated(_group_policy), "runs"),
    Hostile("date that is not a date", _set("roleEligibilityScheduleInstances", 0, "endDateTime", "next Tuesday"),
            "error", ("not an ISO 8601 timestamp: 'next Tuesday'",), json_path=f"{_RESI}.endDateTime"),
    Hostile("February 30th", _set("roleEligibilityScheduleInstances", 0, "endDateTime", "2026-02-30T00:00:00Z"),
            "error", ("not an ISO 8601 timestamp: '2026-02-30T00:00:00Z'",), json_path=f"{_RESI}.endDateTime"),
    Hostile("date out of range", _set("roleEligibilityScheduleInstances", 0, "endDateTime", "/Date(99999999999999999)/"),
            "error", ("timestamp out of range",), json_path=f"{_RESI}.endDateTime"),
    Hostile("date as a number", _set("roleEligibilityScheduleInstances", 0, "endDateTime", 20261120), "error",
            ("expected a string or null, got 20261120",), json_path=f"{_RESI}.endDateTime"),
    Hostile("duration in words", _DURATION_WORDS[0], "error", ("not an ISO 8601 duration: '2 hours'",),
            json_path=_DURATION_WORDS[1]),
    Hostile("duration of 274 years", _DURATION_HUGE[0], "error", ("longer than 100 years",),
            json_path=_DURATION_HUGE[1]),
    Hostile("string where a list belongs", _MFA_RULE[0], "error", ("expected an array",), json_path=_MFA_RULE[1]),
    Hostile("references to objects that do not exist", _mutated(_dangling), "runs",
            extra={"dangling": gid("nobody")}),
    Hostile("escape sequences in a section name", _single({**_doc(), "\x1b[2J\x1b]0;owned\x07\nusers": []}), "error",
            ("not a known bundle section", "\\u001b[2J")),
    # duplication
    Hostile("two files for one section", _folder(_page_folder_twin), "error", ("section 'users' is also given by",)),
    Hostile("two files for one section, case twins", _folder(_case_twin), "error", ("section 'users' is also given by",)),
    Hostile("one section under two keys", _single({**_doc(), "Users": {"value": []}}), "error",
            ("appears twice",)),
)
