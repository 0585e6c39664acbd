"""Administrative units (``administrativeUnits``, optionally with ``members``)."""

from __future__ import annotations

from collections.abc import Iterable

from pimlint.loading.records import Rec
from pimlint.model.units import AdministrativeUnit


def administrative_units(recs: Iterable[Rec]) -> dict[str, AdministrativeUnit]:
    """Administrative units by object id."""
    out: dict[str, AdministrativeUnit] = {}
    for r in recs:
        unit = AdministrativeUnit(
            id=r.required_id("id"),
            display_name=r.str("displayName"),
            is_member_management_restricted=bool(r.bool("isMemberManagementRestricted")),
            membership_type=r.lower("membershipType"),
            member_ids=frozenset(r.ref_ids("members")),
            members_exported=r.get("members") is not None,
        )
        out[unit.id] = unit
    return out
