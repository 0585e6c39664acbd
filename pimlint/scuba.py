"""CISA SCuBA (ScubaGear) compatibility: which pimlint rules answer which MS.AAD policy.

A policy's requirement is met when every rule mapped to it ran under ``--profile scuba`` and
passed (``not_evaluated`` is not met: ScubaGear does not pass what it cannot see). Two facts are
ScubaGear's, not a rule's, and live here: MS.AAD.7.4–7.9 need an Entra ID P2 service plan
(``AAD_PREMIUM_P2``), and MS.AAD.3.1/3.2 (phishing-resistant MFA / MFA for all users) have no
catalog rule, so a small evaluator over the Conditional Access model answers them. ScubaGear's
configuration (``scuba_config``: ``CapExclusions``, ``RoleExclusions``) becomes rule options.
Semantics: conformance/scubagear/semantics.md; deviations of the default profile: docs/scuba-profile.md.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from pimlint.config import Settings
from pimlint.levels import Status
from pimlint.model import ConditionalAccessPolicy, Tenant
from pimlint.result import RunResult

P2_PLAN = "AAD_PREMIUM_P2"
PHISHING_RESISTANT = frozenset({"windowshelloforbusiness", "fido2", "x509certificatemultifactor"})
MFA_STRENGTH = frozenset({
    "windowshelloforbusiness", "fido2", "x509certificatemultifactor", "deviceBasedPush".lower(),
    "temporaryaccesspassonetime", "temporaryaccesspassmultiuse", "password,microsoftauthenticatorpush",
    "password,softwareoath", "password,hardwareoath", "password,sms", "password,voice",
    "federatedmultifactor", "microsoftauthenticatorpush,federatedsinglefactor", "softwareoath,federatedsinglefactor",
    "hardwareoath,federatedsinglefactor", "sms,federatedsinglefactor", "voice,federatedsinglefactor",
})
"""Combinations of the built-in "Multifactor authentication" strength (SCuBA MS.AAD.3.2)."""


@dataclass(frozen=True)
class Exclusions:
    """A policy's ``CapExclusions`` allow-list (object ids lower-cased, guest types as written)."""

    users: frozenset[str] = frozenset()
    groups: frozenset[str] = frozenset()
    applications: frozenset[str] = frozenset()
    guest_types: frozenset[str] = frozenset()

    def allows(self, policy: ConditionalAccessPolicy) -> bool:
        """Every exclusion of the CA policy is allow-listed (roles never are)."""
        return (not policy.exclude_roles and policy.exclude_users <= self.users and policy.exclude_groups <= self.groups
                and policy.exclude_applications <= self.applications and policy.exclude_guest_types <= self.guest_types)


@dataclass(frozen=True)
class Policy:
    """One MS.AAD policy: the rules that answer it, or an evaluator; whether P2 is a prerequisite."""

    rules: tuple[str, ...] = ()
    evaluator: Callable[[Tenant, Exclusions], bool] | None = None
    needs_p2: bool = False
    options: Callable[[Mapping[str, Any]], dict[str, dict[str, Any]]] = field(default=lambda config: {})


def _common(policy: ConditionalAccessPolicy, allowed: Exclusions) -> bool:
    """Enabled, all users, all apps (allow-listed app exclusions only), no unlisted exclusion."""
    return (policy.state == "enabled" and "all" in policy.include_users and "all" in policy.include_applications
            and allowed.allows(policy))


def phishing_resistant_for_all(tenant: Tenant, allowed: Exclusions) -> bool:
    """MS.AAD.3.1: a common policy whose strength allows only phishing-resistant combinations."""
    return any(_common(p, allowed) and p.authentication_strength_combinations
               and p.authentication_strength_combinations <= PHISHING_RESISTANT for p in tenant.conditional_access)


def mfa_for_all(tenant: Tenant, allowed: Exclusions) -> bool:
    """MS.AAD.3.2: a common policy requiring MFA (the control, or an MFA strength that is not only
    phishing-resistant: ScubaGear's quirk, a phishing-resistant-only policy answers 3.1, not 3.2)."""
    def strength_is_mfa(combos: frozenset[str]) -> bool:
        return bool(combos) and combos <= MFA_STRENGTH and not combos <= PHISHING_RESISTANT

    return any(_common(p, allowed) and ("mfa" in p.built_in_controls or strength_is_mfa(p.authentication_strength_combinations))
               for p in tenant.conditional_access)


def _ids(values: Any) -> frozenset[str]:
    return frozenset(str(v).strip().lower() for v in values or () if str(v).strip())


def exclusions(config: Mapping[str, Any], policy_id: str) -> Exclusions:
    """The ``CapExclusions`` of one policy in a ScubaGear config (``Aad.<policy>.CapExclusions``)."""
    found = _lower(_lower(_lower(config).get("aad") or {}).get(policy_id.lower()) or {}).get("capexclusions") or {}
    cap = _lower(found)
    return Exclusions(users=_ids(cap.get("users")), groups=_ids(cap.get("groups")),
                      applications=_ids(cap.get("applications")), guest_types=_ids(cap.get("guestusertypes")))


def _lower(mapping: Any) -> dict[str, Any]:
    return {str(k).lower(): v for k, v in mapping.items()} if isinstance(mapping, Mapping) else {}


def _ca_options(policy_id: str) -> Callable[[Mapping[str, Any]], dict[str, Any]]:
    def options(config: Mapping[str, Any]) -> dict[str, Any]:
        cap = exclusions(config, policy_id)
        return {"allowed-exclusions": sorted(cap.users | cap.groups), "allowed-app-exclusions": sorted(cap.applications),
                "allowed-guest-exclusions": sorted(cap.guest_types)}
    return options


def _role_exclusions(config: Mapping[str, Any]) -> dict[str, Any]:
    found = _lower(_lower(_lower(_lower(config).get("aad") or {}).get("ms.aad.7.4v1") or {}).get("roleexclusions") or {})
    return {"exempt-principals": sorted(_ids(found.get("users")) | _ids(found.get("groups")))}


POLICIES: dict[str, Policy] = {
    "MS.AAD.1.1v1": Policy(rules=("PIM603",), options=lambda c: {"PIM603": _ca_options("MS.AAD.1.1v1")(c)}),
    "MS.AAD.3.1v1": Policy(evaluator=phishing_resistant_for_all),
    "MS.AAD.3.2v2": Policy(evaluator=mfa_for_all),
    "MS.AAD.3.6v1": Policy(rules=("PIM602",), options=lambda c: {"PIM602": _ca_options("MS.AAD.3.6v1")(c)}),
    "MS.AAD.7.1v1": Policy(rules=("PIM103",)),
    "MS.AAD.7.2v1": Policy(rules=("PIM103", "PIM104")),
    "MS.AAD.7.3v1": Policy(rules=("PIM302",)),
    "MS.AAD.7.4v1": Policy(rules=("PIM101",), needs_p2=True, options=lambda c: {"PIM101": _role_exclusions(c)}),
    "MS.AAD.7.5v1": Policy(rules=("PIM102",), needs_p2=True),
    "MS.AAD.7.6v1": Policy(rules=("PIM204",), needs_p2=True),
    "MS.AAD.7.7v1": Policy(rules=("PIM701",), needs_p2=True),
    "MS.AAD.7.8v1": Policy(rules=("PIM702",), needs_p2=True),
    "MS.AAD.7.9v1": Policy(rules=("PIM703",), needs_p2=True),
}
"""MS.AAD policy id → how pimlint answers it."""


def rule_options(config: Mapping[str, Any] | None) -> dict[str, dict[str, Any]]:
    """``[rules.<ID>]`` tables equivalent to a ScubaGear config (exclusion allow-lists): a policy's
    ``CapExclusions`` ``Users``/``Groups`` → ``allowed-exclusions``, ``Applications`` →
    ``allowed-app-exclusions``, ``GuestUserTypes`` → ``allowed-guest-exclusions``; ``RoleExclusions``
    → PIM101 ``exempt-principals``."""
    out: dict[str, dict[str, Any]] = {}
    for policy in POLICIES.values():
        for rule_id, options in policy.options(config or {}).items():
            out.setdefault(rule_id, {}).update(options)
    return out


def with_config(settings: Settings, config: Mapping[str, Any]) -> Settings:
    """``settings`` with a ScubaGear config's exclusions as rule options (``rule_options``);
    options set in pimlint's own configuration win."""
    rules = {rule: dict(options) for rule, options in rule_options(config).items()}
    for key, table in settings.rules.items():
        rules[key] = {**rules.get(key, {}), **table}
    return settings.model_copy(update={"rules": rules})


def has_p2(tenant: Tenant) -> bool:
    """The export lists the Entra ID P2 service plan."""
    return any(name == P2_PLAN for sku in tenant.skus.values() for _, name in sku.service_plans)


def requirement_met(policy_id: str, result: RunResult, tenant: Tenant, config: Mapping[str, Any] | None = None) -> bool:
    """ScubaGear's ``RequirementMet`` for one policy, from a ``--profile scuba`` run."""
    policy = POLICIES[policy_id]
    if policy.needs_p2 and not has_p2(tenant):
        return False
    if policy.evaluator is not None:
        return policy.evaluator(tenant, exclusions(config or {}, policy_id))
    status = {r.id: r.status for r in result.rules}
    return all(status.get(rule_id) is Status.PASS for rule_id in policy.rules)
