"""Properties of path search: monotone in edges, independent of input order."""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from pimlint.graph import PrivilegeGraph, build_graph
from pimlint.graph.explain import describe_path
from pimlint.model import Application, Group, ServicePrincipal, Tenant, TenantInfo, User
from pimlint.model.roles import AccessKind, GroupAssignment, RoleAssignment
from pimlint.model.units import AdministrativeUnit
from pimlint.roleclasses import DEFAULT_CRITICAL

USERS = [f"u{i}" for i in range(6)]
GROUPS = [f"g{i}" for i in range(3)]
SPS = ["s0", "s1"]
ROLES = [DEFAULT_CRITICAL[0], "729827e3-9c14-49f7-bb1b-9608f156bbb8", "fdd7a751-b60b-444a-984c-02652fe8fa1c",
         "9b895d92-2cd3-44c7-9d02-a6ac2d5ea5c3"]
PRINCIPALS = USERS + GROUPS + SPS

# one fact = one potential edge of the tenant
facts = st.one_of(
    st.tuples(st.just("member"), st.sampled_from(GROUPS), st.sampled_from(USERS + GROUPS)),
    st.tuples(st.just("owner"), st.sampled_from(GROUPS + SPS), st.sampled_from(USERS)),
    st.tuples(st.just("role"), st.sampled_from(ROLES), st.sampled_from(PRINCIPALS), st.booleans()),
    st.tuples(st.just("pim"), st.sampled_from(GROUPS), st.sampled_from(USERS), st.sampled_from(["member", "owner"])),
    st.tuples(st.just("au"), st.sampled_from(USERS)),
    st.tuples(st.just("app_owner"), st.sampled_from(SPS), st.sampled_from(USERS)),
)


def tenant_of(items: list[tuple[Any, ...]], reverse: bool = False) -> Tenant:
    """A tenant made of the facts; ``reverse`` lists every collection in reverse order."""
    seq = list(reversed(items)) if reverse else list(items)
    order = (lambda xs: list(reversed(xs))) if reverse else list
    members: dict[str, list[str]] = {g: [] for g in GROUPS}
    owners: dict[str, list[str]] = {x: [] for x in GROUPS + SPS}
    app_owners: dict[str, list[str]] = {s: [] for s in SPS}
    active, eligible, pim, au = [], [], [], []
    for i, fact in enumerate(seq):
        kind = fact[0]
        if kind == "member" and fact[2] != fact[1]:
            members[fact[1]].append(fact[2])
        elif kind == "owner":
            owners[fact[1]].append(fact[2])
        elif kind == "app_owner":
            app_owners[fact[1]].append(fact[2])
        elif kind == "role":
            a = RoleAssignment(id=f"{fact}", kind=AccessKind.ACTIVE if fact[3] else AccessKind.ELIGIBLE,
                               principal_id=fact[2], role_id=fact[1])
            (active if fact[3] else eligible).append(a)
        elif kind == "pim":
            pim.append(GroupAssignment(id=f"{fact}", kind=AccessKind.ELIGIBLE, group_id=fact[1],
                                       principal_id=fact[2], access=fact[3]))
        elif kind == "au":
            au.append(fact[1])
    return Tenant(
        info=TenantInfo(id="t", as_of=None, as_of_source="test"), sections=frozenset({"users", "groups"}),
        users={u: User(id=u, upn=f"{u}@x") for u in order(USERS)},
        groups={g: Group(id=g, is_assignable_to_role=g != "g2", member_ids=tuple(order(sorted(set(members[g])))),
                         owner_ids=tuple(order(sorted(set(owners[g]))))) for g in order(GROUPS)},
        service_principals={s: ServicePrincipal(id=s, app_id=f"app-{s}", owner_ids=tuple(order(sorted(set(owners[s])))))
                            for s in order(SPS)},
        applications={f"a-{s}": Application(id=f"a-{s}", app_id=f"app-{s}",
                                            owner_ids=tuple(order(sorted(set(app_owners[s]))))) for s in order(SPS)},
        active_assignments=tuple(order(active)),
        eligible_assignments=tuple(order(eligible)),
        group_assignments=tuple(order(pim)),
        administrative_units={"au": AdministrativeUnit(id="au", member_ids=frozenset(au), members_exported=True)},
    )


def paths_of(pg: PrivilegeGraph) -> dict[str, tuple[int, list[str]]]:
    """Every node's cheapest path to tier 0, in words."""
    tree = pg.search(pg.tier0_targets(DEFAULT_CRITICAL))
    out = {}
    for start in tree.reached():
        path = tree.path(start)
        assert path is not None
        out[start] = (path.cost, describe_path(pg.graph, path))
    return out


@settings(max_examples=60, deadline=None)
@given(st.lists(facts, max_size=14), st.data())
def test_adding_an_edge_never_removes_a_path(items: list[tuple[Any, ...]], data: st.DataObject) -> None:
    pg = build_graph(tenant_of(items))
    before = paths_of(pg)
    nodes = sorted(pg.graph)
    source, target = data.draw(st.sampled_from(nodes)), data.draw(st.sampled_from(nodes))
    kind = data.draw(st.sampled_from(["member_of", "owner_of", "active_role", "eligible_role"]))
    pg.graph.add_edge(source, target, key="extra", kind=kind, active=kind != "eligible_role", permanent=True,
                      ref="extra", cost=data.draw(st.integers(1, 4)))
    after = paths_of(pg)
    assert set(before) <= set(after)
    assert all(after[n][0] <= before[n][0] for n in before)


@settings(max_examples=60, deadline=None)
@given(st.lists(facts, max_size=14))
def test_path_output_independent_of_input_order(items: list[tuple[Any, ...]]) -> None:
    assert paths_of(build_graph(tenant_of(items))) == paths_of(build_graph(tenant_of(items, reverse=True)))


def test_a_new_role_can_protect_a_reset_target() -> None:
    """Deliberately not monotone in tenant facts: becoming an admin shields a user from helpdesk resets."""
    helpdesk = ROLES[1]
    base = [("role", helpdesk, "u0", False), ("owner", "s0", "u1"), ("role", ROLES[0], "s0", True)]
    assert "user:u0" in paths_of(build_graph(tenant_of(base)))
    assert "user:u0" not in paths_of(build_graph(tenant_of([*base, ("role", ROLES[3], "u1", False)])))
