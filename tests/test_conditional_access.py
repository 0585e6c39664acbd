"""Unit tests of ``pimlint.conditional_access``: controls, coverage and per-user reach."""

from __future__ import annotations

from typing import Any

import pytest

from pimlint import conditional_access as ca
from pimlint.graph import build_graph
from pimlint.loading.api import load_raw
from pimlint.loading.bundle import from_document
from pimlint.model import ConditionalAccessPolicy, Tenant
from tests.builders import GA, PHISHING_RESISTANT, PRA, TenantBuilder, gid


def _load(t: TenantBuilder) -> Tenant:
    return load_raw(from_document(t.bundle(), "bundle.json")).tenant


def _policy(**fields: Any) -> ConditionalAccessPolicy:
    return ConditionalAccessPolicy(id="p1", state="enabled", **fields)


EMPTY = _load(TenantBuilder())


@pytest.mark.parametrize(("fields", "mfa", "phish"), [
    ({"built_in_controls": frozenset({"mfa"})}, True, False),
    ({"built_in_controls": frozenset({"mfa", "compliantdevice"}), "grant_operator": "or"}, False, False),
    ({"built_in_controls": frozenset({"mfa", "compliantdevice"}), "grant_operator": "and"}, True, False),
    ({"authentication_strength_id": PHISHING_RESISTANT}, True, True),
    ({"authentication_strength_combinations": frozenset({"fido2", "password,sms"})}, True, False),
    ({"authentication_strength_combinations": frozenset({"fido2"}), "built_in_controls": frozenset({"mfa"}),
      "grant_operator": "or"}, True, False),
    ({"built_in_controls": frozenset({"block"})}, False, False),
])
def test_grant_requirements(fields: dict[str, Any], mfa: bool, phish: bool) -> None:
    policy = _policy(**fields)
    assert ca.requires_mfa(policy, EMPTY) is mfa
    assert ca.requires_phishing_resistant(policy, EMPTY) is phish


def test_custom_strength_resolved_from_the_export() -> None:
    t = TenantBuilder()
    t.sections["authenticationStrengthPolicies"] = [
        {"id": "custom-1", "displayName": "Keys only", "allowedCombinations": ["fido2"]}]
    tenant = _load(t)
    assert ca.requires_phishing_resistant(_policy(authentication_strength_id="custom-1"), tenant)


def test_legacy_block_apps_and_frequency() -> None:
    legacy = _policy(built_in_controls=frozenset({"block"}), include_applications=frozenset({"all"}),
                     client_app_types=frozenset({"exchangeactivesync", "other"}))
    assert ca.blocks_legacy_auth(legacy) and ca.all_apps(legacy) and not ca.everywhere(legacy)
    assert not ca.blocks_legacy_auth(legacy.model_copy(update={"client_app_types": frozenset({"other"})}))
    assert not ca.all_apps(legacy.model_copy(update={"exclude_applications": frozenset({"app"})}))
    assert ca.sign_in_frequency_within(_policy(sign_in_frequency_hours=4.0), 4)
    assert not ca.sign_in_frequency_within(_policy(sign_in_frequency_hours=24.0), 4)
    assert ca.sign_in_frequency_within(_policy(sign_in_frequency_every_time=True), 4)
    assert ca.covers_role(_policy(include_users=frozenset({"all"})), GA)
    assert not ca.covers_role(_policy(include_roles=frozenset({GA}), exclude_roles=frozenset({GA})), GA)


def _directory() -> tuple[ca.Directory, Tenant]:
    t = TenantBuilder()
    alice, bob, bg = t.user("alice"), t.user("bob"), t.user("bg-01")
    t.eligible(alice, GA)
    inner = t.group("inner", members=(bob,), role_assignable=False)
    t.group("outer", members=(inner,), role_assignable=False)
    t.group("Emergency", members=(bg,), role_assignable=False)
    tenant = _load(t)
    return ca.Directory(tenant, build_graph(tenant), lambda r: {GA: "Global Administrator"}.get(r, r)), tenant


def test_reach_by_role_group_and_exclusion() -> None:
    directory, _ = _directory()
    alice, bob = gid("alice"), gid("bob")
    by_role = _policy(include_roles=frozenset({GA}))
    assert directory.reach(by_role, alice).included == "role Global Administrator"
    assert directory.reach(by_role, alice).applies
    assert directory.reach(by_role, bob).included is None
    nested = _policy(include_users=frozenset({"all"}), exclude_groups=frozenset({gid("group-outer")}))
    reach = directory.reach(nested, bob)
    assert (reach.included, reach.excluded, reach.applies) == ("all users", "group outer", False)
    assert directory.reach(nested, alice).applies
    excluded_role = _policy(include_users=frozenset({"all"}), exclude_roles=frozenset({GA}))
    assert directory.reach(excluded_role, alice).excluded == "role Global Administrator"


def test_reach_unknown_without_groups_section() -> None:
    t = TenantBuilder()
    t.user("alice")
    tenant = _load(t.drop("groups"))
    directory = ca.Directory(tenant, build_graph(tenant))
    reach = directory.reach(_policy(include_users=frozenset({"all"}), exclude_groups=frozenset({"g1"})), gid("alice"))
    assert reach.unknown and not reach.applies


def test_unexpected_exclusions() -> None:
    directory, _ = _directory()
    permitted = frozenset({gid("bg-01")})
    policy = _policy(exclude_groups=frozenset({gid("group-Emergency")}))
    assert directory.unexpected_exclusions(policy, permitted) == []
    widened = policy.model_copy(update={"exclude_users": frozenset({gid("alice")}), "exclude_roles": frozenset({PRA})})
    assert directory.unexpected_exclusions(widened, permitted) == [
        f"role {PRA}", "alice@contoso.onmicrosoft.com"]
