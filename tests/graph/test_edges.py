"""Each edge kind on a minimal tenant: the path found, and the near-miss that must not be a path."""

from __future__ import annotations

import doctest

import pytest

from pimlint.graph import PrivilegeGraph, build_graph, explain, export, paths
from pimlint.graph import build as build_module
from pimlint.graph.explain import describe_path
from pimlint.graph.tables import PARTNER_TIER1
from pimlint.loading.api import load_raw
from pimlint.loading.bundle import from_document
from pimlint.roleclasses import DEFAULT_CRITICAL
from tests.builders import GA, USER_ADMIN, TenantBuilder, gid
from tests.graph.tenants import (
    APP_ADMIN,
    GROUPS_ADMIN,
    HELPDESK,
    ROLE_MANAGEMENT_RW,
    app,
    custom_role,
    owners,
    pim_group_active,
    scoped,
    unit,
)

HYBRID_IDENTITY_ADMIN = "8ac3fc64-6eca-42ea-9e69-59f4c7b60eb2"


def graph_of(t: TenantBuilder) -> PrivilegeGraph:
    return build_graph(load_raw(from_document(t.bundle(), "bundle.json")).tenant)


def tier0_path(t: TenantBuilder, name: str) -> list[str] | None:
    """The hop kinds of a user's (or app's) cheapest path to tier 0, ``None`` when there is none."""
    pg = graph_of(t)
    tree = pg.search(pg.tier0_targets(DEFAULT_CRITICAL))
    for kind, oid in (("user", gid(name)), ("servicePrincipal", gid(f"sp-{name}"))):
        found = tree.path(f"{kind}:{oid}")
        if found is not None:
            return [h.kind for h in found.hops]
    return None


def test_member_of_nested_groups() -> None:
    t = TenantBuilder()
    inner = t.group("inner", members=(t.user("ann"),), role_assignable=False)
    outer = t.group("outer", members=(inner,))
    t.active(outer, GA)
    assert tier0_path(t, "ann") == ["member_of", "member_of", "active_role"]


def test_owner_of_group() -> None:
    t = TenantBuilder()
    group = t.group("GA-Eligible")
    t.eligible(group, GA)
    owners(t, group, t.user("olly"))
    assert tier0_path(t, "olly") == ["owner_of", "eligible_role"]


def test_owner_of_service_principal_and_application() -> None:
    t = TenantBuilder()
    sp = app(t, "Robot", sp_owners=(t.user("sam"),), app_owners=(t.user("abe"),))
    t.active(sp, GA)
    assert tier0_path(t, "sam") == ["owner_of", "active_role"]
    assert tier0_path(t, "abe") == ["owner_of", "runs_as", "active_role"]


def test_app_role_granted() -> None:
    t = TenantBuilder()
    app(t, "Deployer", permissions=(ROLE_MANAGEMENT_RW,), app_owners=(t.user("dora"),))
    app(t, "Reporter", permissions=("df021288-bdef-4463-88db-98f22de89214",), app_owners=(t.user("rita"),))
    assert tier0_path(t, "dora") == ["owner_of", "runs_as", "app_role"]
    assert tier0_path(t, "rita") is None


def test_pim_for_groups_member_and_owner() -> None:
    t = TenantBuilder()
    group = t.group("GA-PIM")
    t.active(group, GA)
    t.pim_group_eligible(group, t.user("eve"))
    t.pim_group_eligible(group, t.user("otto"), access="owner")
    pim_group_active(t, group, t.user("ada"))
    assert tier0_path(t, "eve") == ["pim_member", "active_role"]
    assert tier0_path(t, "otto") == ["pim_owner", "active_role"]
    assert tier0_path(t, "ada") == ["pim_member", "active_role"]


def test_cost_ranking_active_before_eligible_before_approval() -> None:
    t = TenantBuilder()
    t.policy(GA, approval=True)
    via_approval = t.group("GA-Eligible", members=(t.user("max"),))
    t.eligible(via_approval, GA)
    via_active = t.group("Other", role_assignable=False)
    pim_group_active(t, via_active, gid("max"))
    t.active(via_active, "e8611ab8-c189-46e8-94e1-60213ab1f814")
    pg = graph_of(t)
    path = pg.search(pg.tier0_targets(DEFAULT_CRITICAL)).path(f"user:{gid('max')}")
    assert path is not None and path.cost == 2 and path.hops[-1].target.endswith("e8611ab8-c189-46e8-94e1-60213ab1f814")


def test_reset_password_and_helpdesk_near_miss() -> None:
    t = TenantBuilder()
    t.eligible(t.user("hank"), HELPDESK)
    t.eligible(t.user("gail"), GA)
    plain = t.user("dora")
    app(t, "Deployer", permissions=(ROLE_MANAGEMENT_RW,), sp_owners=(plain,))
    pg = graph_of(t)
    tree = pg.search(pg.tier0_targets(DEFAULT_CRITICAL))
    path = tree.path(f"user:{gid('hank')}")
    assert path is not None
    assert [h.kind for h in path.hops] == ["eligible_role", "reset_password", "owner_of", "app_role"]
    assert "can reset the password of dora@" in describe_path(pg.graph, path)[1]
    # near-miss: a Helpdesk Administrator cannot reset a Global Administrator's password
    assert not [e for e in pg.capabilities.in_edges(f"user:{gid('gail')}") if e[0] == f"role:{HELPDESK}"]


def test_au_scoped_admin_reaches_only_its_units_non_admin_members() -> None:
    t = TenantBuilder()
    inside, outside, admin_inside = t.user("in"), t.user("out"), t.user("adm-in")
    t.eligible(admin_inside, USER_ADMIN)
    au = unit(t, "Sales", (inside, admin_inside))
    scoped(t, t.user("hank"), HELPDESK, f"/administrativeUnits/{au}")
    pg = graph_of(t)
    actor = f"role:{HELPDESK}@/administrativeUnits/{au}"
    reaches = {u for u in (inside, outside, admin_inside)
               if any(e[0] == actor for e in pg.capabilities.in_edges(f"user:{u}"))}
    assert reaches == {inside}


def test_restricted_unit_blocks_tenant_wide_admins() -> None:
    t = TenantBuilder()
    vip = t.user("vip")
    t.eligible(t.user("hank"), HELPDESK)
    unit(t, "Vault", (vip,), restricted=True)
    pg = graph_of(t)
    assert pg.capabilities.in_edges(f"user:{vip}") == []


def test_manage_members_of_non_role_assignable_group_only() -> None:
    t = TenantBuilder()
    t.eligible(t.user("gus"), GROUPS_ADMIN)
    plain = t.group("Ops", role_assignable=False)
    rag = t.group("GA-PIM")
    t.active(rag, GA)
    t.pim_group_eligible(rag, plain)
    pg = graph_of(t)
    assert tier0_path(t, "gus") == ["eligible_role", "manage_members", "pim_member", "active_role"]
    managers = {e[0] for e in pg.capabilities.in_edges(f"group:{rag}")}
    assert managers == {f"role:{GA}"}  # a role-assignable group: only GA/PRA (and its owners)


def test_add_credentials_to_app_but_not_first_party() -> None:
    t = TenantBuilder()
    t.eligible(t.user("ann"), APP_ADMIN)
    sp = app(t, "Robot")
    t.active(sp, GA)
    assert tier0_path(t, "ann") == ["eligible_role", "add_credentials", "active_role"]
    t2 = TenantBuilder()
    t2.eligible(t2.user("ann"), APP_ADMIN)
    sp2 = app(t2, "Robot")
    t2.sections["servicePrincipals"][-1]["appOwnerOrganizationId"] = "f8cdef31-a31e-4b4a-93e4-5f571e91255a"
    t2.sections["applications"].clear()
    t2.active(sp2, GA)
    assert tier0_path(t2, "ann") is None


def test_eligible_hop_carries_its_policy() -> None:
    t = TenantBuilder()
    t.policy(GA, approval=True, mfa=False)
    t.eligible(t.user("ida"), GA)
    pg = graph_of(t)
    hop = pg.by_principal[gid("ida")][0].hops[0]
    assert (hop.approval, hop.mfa, hop.policy.startswith("DirectoryRole_")) == (True, False, True)


@pytest.mark.parametrize("module", [paths, explain, export, build_module], ids=lambda m: m.__name__)
def test_doctests(module: object) -> None:
    assert doctest.testmod(module).failed == 0  # type: ignore[arg-type]


def test_custom_role_capabilities_come_from_its_allowed_actions() -> None:
    """A custom role that may update passwords reaches a non-admin who owns a tier-0 app; one that
    may update app credentials reaches a privileged app; neither reaches an administrator."""
    t = TenantBuilder()
    resetter = custom_role(t, "Password Resetter", "microsoft.directory/users/password/update")
    reader = custom_role(t, "Reader Plus", "microsoft.directory/users/standard/read")
    creds = custom_role(t, "App Secrets", "microsoft.directory/applications/credentials/update")
    t.eligible(t.user("hank"), resetter)
    t.eligible(t.user("rita"), reader)
    t.eligible(t.user("carl"), creds)
    t.eligible(t.user("gail"), GA)
    plain = t.user("dora")
    app(t, "Deployer", permissions=(ROLE_MANAGEMENT_RW,), sp_owners=(plain,))
    robot = app(t, "Robot")
    t.active(robot, GA)
    assert tier0_path(t, "hank") == ["eligible_role", "reset_password", "owner_of", "app_role"]
    assert tier0_path(t, "rita") is None
    assert tier0_path(t, "carl") == ["eligible_role", "add_credentials", "runs_as", "active_role"]
    pg = graph_of(t)
    assert not [e for e in pg.capabilities.in_edges(f"user:{gid('gail')}") if e[0] == f"role:{resetter}"]
    edge = next(e for e in pg.capabilities.in_edges(f"user:{plain}") if e[0] == f"role:{resetter}")
    assert edge[2]["detail"] == "the custom role allows microsoft.directory/users/password/update"


def test_custom_role_manages_members_of_non_role_assignable_groups_only() -> None:
    t = TenantBuilder()
    managers = custom_role(t, "Group Keeper", "microsoft.directory/groups/members/update")
    t.eligible(t.user("gus"), managers)
    plain = t.group("Ops", role_assignable=False)
    rag = t.group("GA-PIM")
    t.active(rag, GA)
    t.pim_group_eligible(rag, plain)
    assert tier0_path(t, "gus") == ["eligible_role", "manage_members", "pim_member", "active_role"]
    pg = graph_of(t)
    assert f"role:{managers}" not in {e[0] for e in pg.capabilities.in_edges(f"group:{rag}")}


@pytest.mark.parametrize("role", [HYBRID_IDENTITY_ADMIN, PARTNER_TIER1])
def test_add_owner_roles_reach_every_app_but_first_party(role: str) -> None:
    t = TenantBuilder()
    t.eligible(t.user("hal"), role)
    robot = app(t, "Robot")
    t.active(robot, GA)
    assert tier0_path(t, "hal") == ["eligible_role", "add_credentials", "active_role"]
    pg = graph_of(t)
    edge = next(e for e in pg.capabilities.in_edges(f"servicePrincipal:{robot}") if e[0] == f"role:{role}")
    assert "add owners" in edge[2]["detail"]
    assert not pg.capabilities.in_edges(f"servicePrincipal:{gid('sp-microsoft-graph')}")
