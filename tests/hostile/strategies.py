"""Hypothesis strategies: valid tenants built with ``tests.builders``, and hostile replacement values."""

from __future__ import annotations

import random
from typing import Any

from hypothesis import strategies as st

from tests.builders import EXCHANGE_ADMIN, GA, PAA, PRA, SECURITY_READER, USER_ADMIN, TenantBuilder

ROLES = (GA, PRA, PAA, EXCHANGE_ADMIN, USER_ADMIN, SECURITY_READER)
_STAMPS = (None, "2026-11-10T08:00:00Z", "2025-02-01T00:00:00Z", "2026-11-19T23:59:59.1234567Z", "0001-01-01T00:00:00Z")
_ENDS = (None, "2026-11-21T00:00:00Z", "2027-05-01T00:00:00+02:00", "2026-01-01T00:00:00Z")
_METHODS = ((), ("fido2SecurityKey",), ("microsoftAuthenticatorPush",), ("sms", "email"), ("windowsHelloForBusiness",))
_DURATIONS = ("PT30M", "PT1H", "PT2H", "PT8H", "PT24H", "P1D", "PT1H45M")
_OPTIONAL = ("signIns", "userRegistrationDetails", "groups", "subscribedSkus", "organization",
             "privilegedAccessGroupEligibilityScheduleInstances", "roleManagementPolicies",
             "roleManagementPolicyAssignments", "roleEligibilityScheduleInstances", "users")


@st.composite
def tenants(draw: st.DrawFn) -> TenantBuilder:
    """A valid tenant: users, groups, active/eligible assignments, policies, sign-ins, dropped sections."""
    t = TenantBuilder()
    names = [f"user-{i}" for i in range(draw(st.integers(0, 7)))]
    ids = [
        t.user(name, licensed=draw(st.booleans()), enabled=draw(st.booleans()), synced=draw(st.booleans()),
               last_success=draw(st.sampled_from(_STAMPS)), methods=draw(st.sampled_from(_METHODS)),
               guest=draw(st.booleans()))
        for name in names
    ]
    groups = [
        t.group(f"g{i}", members=tuple(draw(st.lists(st.sampled_from(ids), unique=True, max_size=4))) if ids else (),
                role_assignable=draw(st.booleans()))
        for i in range(draw(st.integers(0, 2)))
    ]
    principals = ids + groups
    if principals:
        grants = draw(st.lists(st.tuples(st.sampled_from(principals), st.sampled_from(ROLES), st.booleans(),
                                         st.sampled_from(_ENDS)), unique_by=lambda g: g[:3], max_size=10))
        for principal, role, active, end in grants:
            if active:
                t.active(principal, role, end=end)
            else:
                t.eligible(principal, role, end=end)
        if groups and ids:
            for group, member in draw(st.lists(st.tuples(st.sampled_from(groups), st.sampled_from(ids)),
                                               unique=True, max_size=3)):
                t.pim_group_eligible(group, member)
    for role in draw(st.lists(st.sampled_from(ROLES), unique=True)):
        t.policy(role, mfa=draw(st.booleans()), approval=draw(st.booleans()), ticket=draw(st.booleans()),
                 duration=draw(st.sampled_from(_DURATIONS)), auth_context=draw(st.sampled_from((None, "c1"))),
                 approvers=tuple(draw(st.lists(st.sampled_from(names), unique=True, max_size=2))) if names else (),
                 eligibility_expiry=draw(st.booleans()), assignment_expiry=draw(st.booleans()))
    for uid in draw(st.lists(st.sampled_from(ids), unique=True, max_size=3)) if ids else ():
        t.sign_in(uid, "Azure Portal", draw(st.sampled_from(_STAMPS[1:4])), error=draw(st.sampled_from((0, 50126))))
    t.break_glass = draw(st.lists(st.sampled_from(names), unique=True, max_size=3)) if names else []
    t.drop(*draw(st.lists(st.sampled_from(_OPTIONAL), unique=True, max_size=3)))
    if draw(st.booleans()):
        t.manifest.pop("exportedAt")
    return t


HOSTILE_VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.sampled_from((0, -1, 2**63, 10**300, 1e308, -1e-308, 0.5)),
    st.text(max_size=30),
    st.sampled_from(("", " ", "\x00", "\u202e", "<script>alert(1)</script>", "=cmd|' /C calc'!A0", "|a|b|",
                     "`rm -rf`", "line\nbreak", "\x1b[31m", "00000000-0000-0000-0000-000000000000",
                     "/Date(-1)/", "P", "PT", "-PT1H", "9999-12-31T23:59:59-14:00", "x" * 5000, "NaN")),
    st.lists(st.integers(), max_size=2),
    st.dictionaries(st.sampled_from(("id", "value", "@odata.type", "x")), st.integers(), max_size=2),
)
"""Replacement values for one field: wrong types, nulls, huge numbers, odd strings."""


def paths(node: Any, prefix: tuple[str | int, ...] = ()) -> list[tuple[str | int, ...]]:
    """The key path of every node below ``node``."""
    out: list[tuple[str | int, ...]] = []
    items = node.items() if isinstance(node, dict) else enumerate(node) if isinstance(node, list) else ()
    for key, value in items:
        out.append((*prefix, key))
        out.extend(paths(value, (*prefix, key)))
    return out


def replace(doc: Any, path: tuple[str | int, ...], value: Any) -> None:
    """Set the node at ``path`` to ``value``."""
    for key in path[:-1]:
        doc = doc[key]
    doc[path[-1]] = value


def shuffled(node: Any, rng: random.Random) -> Any:
    """``node`` with every list shuffled, recursively."""
    if isinstance(node, dict):
        return {k: shuffled(v, rng) for k, v in node.items()}
    if isinstance(node, list):
        items = [shuffled(v, rng) for v in node]
        rng.shuffle(items)
        return items
    return node
