"""Weak activation justifications.

## What it checks
The justifications of a principal's activation requests (`additionalDetails.Justification`): one
shorter than `min-length` (10) characters, or the same text (case and spacing ignored) used
`repeat` (5) or more times, fails the principal, listing the requests. Requests logged without a
justification are not judged here (PIM202 checks whether one is required).

## Example
`adm-bob` justifies activations with "fix" and five times with "maintenance": fail. Specific,
ticketed justifications pass.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterator

from pimlint.engine import Finding, RuleContext, Severity, rule
from pimlint.operations.describe import capped, evidence, principal_label
from pimlint.operations.requests import ActivationRequest


@rule(
    id="PIM807",
    name="weak-justification",
    title="Activation justifications say what the access is for",
    severity=Severity.LOW,
    category="operations",
    requires=("directoryAudits",),
    options={"min-length": 10, "repeat": 5},
    rationale=(
        "A justification is the record reviewers and investigators rely on to tell legitimate use from abuse. "
        "'x', 'admin' or the same pasted sentence every day turn the control into a formality and leave the audit "
        "trail without meaning."
    ),
    remediation=(
        "Ask the principal for specific justifications (what, why, ticket); require a ticket number on "
        "activation. Entra admin center → PIM → Microsoft Entra roles → Settings → role → Require justification "
        "/ Require ticket information on activation. Graph: PATCH "
        "/policies/roleManagementPolicies/{id}/rules/Enablement_EndUser_Assignment."
    ),
    references=(
        "https://learn.microsoft.com/entra/id-governance/privileged-identity-management/pim-how-to-change-default-settings",
        "NIST SP 800-53 AU-3",
        "NIST SP 800-53 AC-6(9)",
    ),
    tags=("operations",),
)
def check(ctx: RuleContext) -> Iterator[Finding]:
    """Fail principals with short or copy-pasted justifications."""
    min_length, repeat = int(ctx.option("min-length")), int(ctx.option("repeat"))
    by_principal: dict[str, list[ActivationRequest]] = defaultdict(list)
    for req in ctx.activation_requests:
        if req.principal_id and req.justification is not None:
            by_principal[req.principal_id].append(req)
    for principal_id, reqs in sorted(by_principal.items()):
        texts = Counter(" ".join(r.justification.lower().split()) for r in reqs if r.justification)
        short = [r for r in reqs if len((r.justification or "").strip()) < min_length]
        repeated = {t for t, n in texts.items() if n >= repeat}
        weak = [r for r in reqs if len((r.justification or "").strip()) < min_length
                or " ".join((r.justification or "").lower().split()) in repeated]
        res = ctx.resource(principal_id=principal_id)
        name = principal_label(ctx, reqs[0])
        if not weak:
            yield ctx.passed(res, f"{name}: {len(reqs)} justification(s), none short or repeated")
            continue
        problems = [f"{len(short)} shorter than {min_length} characters"] if short else []
        problems += [f"{t!r} used {texts[t]} times" for t in sorted(repeated)]
        yield ctx.fail(
            res,
            f"{name} gave weak activation justifications: {'; '.join(problems)}",
            expected=f"justifications of {min_length}+ characters, none reused {repeat} times",
            actual="; ".join(problems),
            evidence=capped([evidence(ctx, r) for r in weak[:20]], 20, len(weak)),
        )
