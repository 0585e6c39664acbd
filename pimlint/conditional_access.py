"""Conditional Access applicability: does an enforced policy reach a user, a role, everyone?

One place answers the questions PIM207, PIM405, PIM407 and PIM601–PIM605 ask of CA policies:
which controls a policy demands (MFA, a phishing-resistant strength, block, sign-in frequency),
which users, roles and apps it covers, and whether a given user is included, or excluded directly,
through a group (nested, or an active PIM-for-Groups membership) or through a role they hold.

Reading rules: a policy *applies everywhere* when it targets all apps with no app exclusions,
all client types, and no platform/location/risk/device condition narrows it. A grant
``OR``-ed with a weaker alternative (``mfa`` OR ``compliantDevice``) does not *require* MFA.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cached_property

from pimlint.graph import PrivilegeGraph
from pimlint.model import ConditionalAccessPolicy, Tenant
from pimlint.model.roles import AccessKind

ALL = "all"
LEGACY_CLIENTS = frozenset({"exchangeactivesync", "other"})
PHISHING_RESISTANT = frozenset({"windowshelloforbusiness", "fido2", "x509certificatemultifactor"})
"""Authentication-strength combinations that resist phishing (CISA SCuBA MS.AAD.3.1)."""
BUILTIN_STRENGTHS = {
    "00000000-0000-0000-0000-000000000002": frozenset({"password,microsoftauthenticatorpush", "password,sms"}),
    "00000000-0000-0000-0000-000000000003": frozenset(
        {"windowshelloforbusiness", "fido2", "x509certificatemultifactor", "devicebasedpush"}
    ),
    "00000000-0000-0000-0000-000000000004": PHISHING_RESISTANT,
}
"""Built-in strengths (MFA abbreviated to two combinations), used when the export lacks their combinations."""
_MFA_CONTROLS = frozenset({"mfa"})


def enforced(tenant: Tenant) -> list[ConditionalAccessPolicy]:
    """Enabled policies (report-only and disabled ones enforce nothing), sorted by id."""
    return [p for p in tenant.conditional_access if p.is_enforced]


def strength(policy: ConditionalAccessPolicy, tenant: Tenant) -> frozenset[str]:
    """The allowed combinations of the policy's authentication strength (empty: none)."""
    if policy.authentication_strength_combinations:
        return policy.authentication_strength_combinations
    if policy.authentication_strength_id is None:
        return frozenset()
    known = tenant.authentication_strengths.get(policy.authentication_strength_id)
    if known is not None and known.allowed_combinations:
        return known.allowed_combinations
    return BUILTIN_STRENGTHS.get(policy.authentication_strength_id, frozenset())


def _alternatives(policy: ConditionalAccessPolicy, tenant: Tenant) -> list[str]:
    """The grant's controls, the strength counted as one control named ``strength``."""
    controls = sorted(policy.built_in_controls)
    if strength(policy, tenant):
        controls.append("strength")
    return controls


def requires_mfa(policy: ConditionalAccessPolicy, tenant: Tenant) -> bool:
    """The grant demands MFA or an authentication strength, with no weaker ``OR`` alternative."""
    controls = _alternatives(policy, tenant)
    strong = [c for c in controls if c in _MFA_CONTROLS or c == "strength"]
    if not strong:
        return False
    return policy.grant_operator != "or" or len(strong) == len(controls)


def requires_phishing_resistant(policy: ConditionalAccessPolicy, tenant: Tenant) -> bool:
    """The grant demands a strength whose every combination is phishing-resistant."""
    combos = strength(policy, tenant)
    if not combos or not combos <= PHISHING_RESISTANT:
        return False
    return policy.grant_operator != "or" or _alternatives(policy, tenant) == ["strength"]


def blocks(policy: ConditionalAccessPolicy) -> bool:
    """The grant blocks access."""
    return "block" in policy.built_in_controls


def restricts(policy: ConditionalAccessPolicy, tenant: Tenant) -> bool:
    """The policy blocks or demands a grant control (MFA, strength, device, terms…)."""
    return bool(policy.built_in_controls) or bool(strength(policy, tenant))


def blocks_legacy_auth(policy: ConditionalAccessPolicy) -> bool:
    """Blocks both legacy client types (Exchange ActiveSync and other clients)."""
    return blocks(policy) and policy.client_app_types >= LEGACY_CLIENTS


def all_apps(policy: ConditionalAccessPolicy) -> bool:
    """Targets all cloud apps, none excluded."""
    return ALL in policy.include_applications and not policy.exclude_applications


def all_apps_except(policy: ConditionalAccessPolicy, allowed: frozenset[str]) -> bool:
    """Targets all cloud apps, excluding only apps in ``allowed`` (lower-cased ids or names)."""
    return ALL in policy.include_applications and policy.exclude_applications <= allowed


def unexpected_guest_types(policy: ConditionalAccessPolicy, allowed: frozenset[str]) -> list[str]:
    """Excluded guest or external user types (``excludeGuestsOrExternalUsers``) not in ``allowed``."""
    return [f"guest type {t}" for t in sorted(policy.exclude_guest_types - allowed)]


def everywhere(policy: ConditionalAccessPolicy) -> bool:
    """All apps, all client types, no narrowing condition."""
    clients_all = not policy.client_app_types or ALL in policy.client_app_types
    return all_apps(policy) and clients_all and not policy.has_other_conditions


def sign_in_frequency_within(policy: ConditionalAccessPolicy, max_hours: float) -> bool:
    """Sign-in frequency is every time or at most ``max_hours``."""
    hours = policy.sign_in_frequency_hours
    return policy.sign_in_frequency_every_time or (hours is not None and hours <= max_hours)


def covers_role(policy: ConditionalAccessPolicy, role_id: str) -> bool:
    """Includes the role (by role or all users) and does not exclude it."""
    included = ALL in policy.include_users or role_id in policy.include_roles
    return included and role_id not in policy.exclude_roles


@dataclass(frozen=True)
class Reach:
    """How a policy meets one user: included (and how), excluded (and how), or unknown."""

    included: str | None = None
    """``all users``, ``directly``, ``group <name>``, ``role <name>``; None when not targeted."""
    excluded: str | None = None
    """Same vocabulary; set only when the user is targeted but excluded."""
    unknown: bool = False
    """The export lacks the groups needed to tell."""

    @property
    def applies(self) -> bool:
        """Targeted and not excluded (unknown counts as not applying)."""
        return self.included is not None and self.excluded is None and not self.unknown


class Directory:
    """Group memberships and held roles of users, as Conditional Access resolves them."""

    def __init__(self, tenant: Tenant, graph: PrivilegeGraph, role_name: Callable[[str], str] = str) -> None:
        self.tenant = tenant
        self.graph = graph
        self._role_name = role_name
        self._transitive: dict[str, frozenset[str]] = {}
        self._named: set[str] = {g for p in tenant.conditional_access for g in (*p.include_groups, *p.exclude_groups)}

    def _cover(self, policy: ConditionalAccessPolicy) -> None:
        """Make sure the membership index covers the groups ``policy`` names (a policy from outside
        the export, e.g. in a test, may name others)."""
        named = policy.include_groups | policy.exclude_groups
        if not named <= self._named:
            self._named |= named
            self._transitive.clear()
            for derived in ("_parents", "_children"):
                self.__dict__.pop(derived, None)

    @cached_property
    def _pim_members(self) -> dict[str, list[str]]:
        """Active PIM-for-Groups members by group (they count as members for Conditional Access)."""
        members: dict[str, list[str]] = defaultdict(list)
        for ga in self.tenant.group_assignments:
            if ga.kind is AccessKind.ACTIVE and ga.access == "member":
                members[ga.group_id].append(ga.principal_id)
        return members

    def _members(self, group_id: str) -> list[str]:
        group = self.tenant.groups.get(group_id)
        return [*(group.member_ids if group else ()), *self._pim_members.get(group_id, ())]

    @cached_property
    def _parents(self) -> dict[str, frozenset[str]]:
        """Direct parent groups of every member, for the groups Conditional Access can see: those a
        policy names and the groups nested in them (other memberships cannot change a verdict)."""
        relevant, frontier = set(self._named), list(self._named)
        while frontier:
            for member in self._members(frontier.pop()):
                if member in self.tenant.groups and member not in relevant:
                    relevant.add(member)
                    frontier.append(member)
        parents: dict[str, set[str]] = defaultdict(set)
        for group_id in relevant:
            for member in self._members(group_id):
                parents[member].add(group_id)
        return {k: frozenset(v) for k, v in parents.items()}

    def groups_of(self, object_id: str) -> frozenset[str]:
        """Every group the object is a member of, transitively (worked out on first request)."""
        found = self._transitive.get(object_id)
        if found is None:
            seen: set[str] = set()
            frontier = list(self._parents.get(object_id, ()))
            while frontier:
                g = frontier.pop()
                if g not in seen:
                    seen.add(g)
                    frontier.extend(self._parents.get(g, ()))
            found = self._transitive[object_id] = frozenset(seen)
        return found

    def roles_of(self, user_id: str) -> frozenset[str]:
        """Directory roles the user holds (active or eligible: an eligible role is in scope once activated)."""
        return frozenset(self.graph.roles_of(user_id))

    def group_label(self, group_id: str) -> str:
        """A group's display name, else its id."""
        group = self.tenant.groups.get(group_id)
        return group.label if group else group_id

    def _first(self, targets: Iterable[str], user_id: str, roles: frozenset[str], groups: frozenset[str]) -> str | None:
        chosen = frozenset(targets)
        if user_id in chosen:
            return "directly"
        hit = sorted(chosen & groups)
        if hit:
            return f"group {self.group_label(hit[0])}"
        role = sorted(chosen & roles)
        if role:
            return f"role {self._role_name(role[0])}"
        return None

    def reach(self, policy: ConditionalAccessPolicy, user_id: str) -> Reach:
        """Whether ``policy`` applies to the user, and why (or why not)."""
        self._cover(policy)
        roles = self.roles_of(user_id)
        groups = self.groups_of(user_id)
        user = self.tenant.users.get(user_id)
        guest = user is not None and user.is_guest
        included = "all users" if ALL in policy.include_users else None
        if included is None and guest and "guestsorexternalusers" in policy.include_users:
            included = "guests"
        included = included or self._first(
            (*policy.include_users, *policy.include_groups, *policy.include_roles), user_id, roles, groups
        )
        if included is None:
            unknown = bool(policy.include_groups) and "groups" not in self.tenant.sections
            return Reach(unknown=unknown)
        excluded = self._first(
            (*policy.exclude_users, *policy.exclude_groups, *policy.exclude_roles), user_id, roles, groups
        )
        if excluded is None and guest and "guestsorexternalusers" in policy.exclude_users:
            excluded = "guests"
        unknown = excluded is None and bool(policy.exclude_groups) and "groups" not in self.tenant.sections
        return Reach(included=included, excluded=excluded, unknown=unknown)

    def _only(self, object_id: str, permitted: frozenset[str]) -> bool:
        """A permitted object, or a group whose users are all permitted."""
        if object_id in permitted:
            return True
        if object_id not in self.tenant.groups:
            return False
        users = {u for u in self.members_of(object_id) if u in self.tenant.users}
        return bool(users) and users <= permitted

    @cached_property
    def _children(self) -> dict[str, set[str]]:
        children: dict[str, set[str]] = defaultdict(set)
        for member, parents in self._parents.items():
            for parent in parents:
                children[parent].add(member)
        return children

    def members_of(self, group_id: str) -> set[str]:
        """Every object in a group, transitively (static members and active PIM-for-Groups members)."""
        seen: set[str] = set()
        frontier = [group_id]
        while frontier:
            for member in self._children.get(frontier.pop(), ()):
                if member not in seen:
                    seen.add(member)
                    frontier.append(member)
        return seen

    def unexpected_exclusions(self, policy: ConditionalAccessPolicy, permitted: frozenset[str]) -> list[str]:
        """Exclusions other than permitted users (break-glass, allow-list) or groups of only those.

        Every excluded role is unexpected (CISA SCuBA: role exclusions void a baseline policy).
        """
        self._cover(policy)
        out = [f"role {self._role_name(r)}" for r in sorted(policy.exclude_roles)]
        for object_id in sorted(policy.exclude_users - {"guestsorexternalusers", "none"} | policy.exclude_groups):
            if not self._only(object_id, permitted):
                out.append(self.tenant.principal_label(object_id))
        if "guestsorexternalusers" in policy.exclude_users:
            out.append("guests and external users")
        return out


def label(policy: ConditionalAccessPolicy) -> str:
    """A policy's display name and id."""
    return f"{policy.display_name or '(unnamed)'} ({policy.id})"
