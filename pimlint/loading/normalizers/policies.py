"""Role management policies (directory roles and PIM for Groups) with their 17 rules.

Policies arrive from ``roleManagementPolicies`` (with ``rules`` expanded) and/or expanded inside
``roleManagementPolicyAssignments`` (``policy``). The same policy listed as ``Directory_…`` and
``DirectoryRole_…`` is one policy: they are merged on the trailing GUID.
"""

from __future__ import annotations

from collections.abc import Iterable

from pimlint.loading.records import Rec
from pimlint.model import (
    ApprovalRule,
    Approver,
    AuthContextRule,
    EnablementRule,
    ExpirationRule,
    NotificationRule,
    RolePolicy,
)
from pimlint.model.policies import ALL_RULE_IDS, PolicyRule

_RULE_ID = {rule_id.lower(): rule_id for rule_id in ALL_RULE_IDS}


def _policy_key(policy_id: str) -> str:
    """The trailing GUID of a policy id (``DirectoryRole_{tenant}_{guid}`` → ``guid``)."""
    return policy_id.rsplit("_", 1)[-1].lower()


def _scope_type(value: str | None) -> str:
    scope = (value or "").lower()
    return "directoryrole" if scope in ("directory", "directoryrole") else scope


def _kind(r: Rec, rule_id: str) -> str:
    odata = (r.lower("@odata.type") or r.lower("ruleType") or "").lstrip("#")
    for kind in ("expiration", "enablement", "approval", "authenticationcontext", "notification"):
        if odata.endswith(f"{kind}rule"):
            return kind
    return rule_id.split("_", 1)[0].lower()


def _approvers(stage: Rec, key: str) -> tuple[Approver, ...]:
    out: list[Approver] = []
    for a in stage.children(key):
        odata = (a.lower("@odata.type") or "").lstrip("#").removeprefix("microsoft.graph.")
        user_type = a.lower("userType")
        if odata == "singleuser" or user_type == "user":
            kind, ident = "user", a.id("userId") or a.id("id")
        elif odata == "groupmembers" or user_type == "group":
            kind, ident = "group", a.id("groupId") or a.id("id")
        else:
            kind, ident = odata or user_type or "unknown", a.id("id")
        out.append(Approver(kind=kind, id=ident, description=a.str("description"), is_backup=bool(a.bool("isBackup"))))
    return tuple(out)


def _rule(r: Rec) -> PolicyRule | None:
    raw_id = r.str("id") or ""
    rule_id = _RULE_ID.get(raw_id.lower())
    if rule_id is None:
        return None
    kind = _kind(r, rule_id)
    if kind == "expiration":
        return ExpirationRule(
            id=rule_id,
            is_expiration_required=bool(r.bool("isExpirationRequired")),
            maximum_duration=r.duration("maximumDuration"),
            raw_duration=r.str("maximumDuration"),
        )
    if kind == "enablement":
        return EnablementRule(id=rule_id, enabled_rules=frozenset(v.lower() for v in r.strings("enabledRules")))
    if kind == "authenticationcontext":
        return AuthContextRule(id=rule_id, is_enabled=bool(r.bool("isEnabled")), claim_value=r.str("claimValue") or None)
    if kind == "approval":
        setting = r.child("setting")
        if setting is None:
            return ApprovalRule(id=rule_id, is_approval_required=False)
        stages = list(setting.children("approvalStages"))
        return ApprovalRule(
            id=rule_id,
            is_approval_required=bool(setting.bool("isApprovalRequired")),
            approval_mode=setting.lower("approvalMode"),
            primary_approvers=tuple(a for s in stages for a in _approvers(s, "primaryApprovers")),
            escalation_approvers=tuple(a for s in stages for a in _approvers(s, "escalationApprovers")),
            stage_count=len(stages),
        )
    if kind == "notification":
        return NotificationRule(
            id=rule_id,
            recipient_type=r.lower("recipientType"),
            notification_level=r.lower("notificationLevel"),
            is_default_recipients_enabled=bool(r.bool("isDefaultRecipientsEnabled")),
            recipients=tuple(x.strip().lower() for x in r.strings("notificationRecipients") if x.strip()),
        )
    raise r.error("@odata.type", f"rule {rule_id} has an unknown rule type")


def policy_rules(r: Rec, key: str | None = None) -> dict[str, PolicyRule]:
    """The rules of a policy by canonical rule id (``rules``, else ``effectiveRules``)."""
    key = key or ("rules" if r.get("rules") is not None else "effectiveRules")
    rules: dict[str, PolicyRule] = {}
    for rule_rec in r.children(key):
        rule = _rule(rule_rec)
        if rule is not None:
            rules[rule.id] = rule
    return rules


def _policy(r: Rec) -> RolePolicy:
    policy_id = r.str("id")
    if not policy_id:
        raise r.error("id", "a policy needs its id")
    return RolePolicy(
        id=policy_id,
        scope_id=(r.str("scopeId") or "/").lower(),
        scope_type=_scope_type(r.str("scopeType")),
        last_modified=r.datetime("lastModifiedDateTime", event=True),
        rules=policy_rules(r),
        source=r.file,
    )


def policies(policy_recs: Iterable[Rec], assignment_recs: Iterable[Rec]) -> tuple[RolePolicy, ...]:
    """Policies joined to the roles (or group access) they govern."""
    by_key: dict[str, RolePolicy] = {}
    for r in policy_recs:
        policy = _policy(r)
        by_key.setdefault(_policy_key(policy.id), policy)
    targets: dict[str, set[str]] = {}
    for r in assignment_recs:
        policy_id = r.str("policyId")
        if not policy_id:
            raise r.error("policyId", "a policy assignment needs its policyId")
        embedded = r.child("policy")
        if embedded is not None and embedded.get("id"):
            policy = _policy(embedded)
            if not policy.scope_type:
                policy = policy.model_copy(
                    update={"scope_type": _scope_type(r.str("scopeType")), "scope_id": (r.str("scopeId") or "/").lower()}
                )
            existing = by_key.get(_policy_key(policy_id))
            if existing is None or (not existing.rules and policy.rules):
                by_key[_policy_key(policy_id)] = policy
        target = r.lower("roleDefinitionId")
        if target:
            targets.setdefault(_policy_key(policy_id), set()).add(target)
    out = [p.model_copy(update={"targets": tuple(sorted(targets.get(k, ())))}) for k, p in by_key.items()]
    return tuple(sorted(out, key=lambda p: (p.scope_type, p.scope_id, p.targets, p.id)))
