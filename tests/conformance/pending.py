"""ScubaGear cases pimlint does not reproduce yet, with the reason and the change that closes the gap.

Each is a strict xfail: once the rule gains the option, the case passes and the test fails until the
entry is removed here. These are gaps in rule options under ``--profile scuba``, not deliberate
deviations (those are in docs/scuba-profile.md).
"""

from __future__ import annotations

_ROLES_FROM_EXPORT = (
    "PIM204/PIM703 under scuba judge a fixed role list and report roles without a policy (or without the rule) "
    "as not_evaluated; ScubaGear judges exactly the roles its export lists, a missing rule being compliant, "
    "and 7.9 covers every listed role but Global Administrator (including Privileged Role Administrator)"
)
_CA_APPS_GUESTS = (
    "PIM603/PIM602 do not yet accept allow-listed application and guest-type exclusions "
    "(CapExclusions.Applications / GuestUserTypes; the model now carries exclude_guest_types)"
)
_CA_SCOPE = (
    "PIM602 under scuba requires all client app types and no narrowing condition, and covers the eight SCuBA "
    "roles; ScubaGear 3.6 ignores client types and risk conditions and covers the roles its export lists"
)

PENDING: dict[str, str] = {
    "scubagear-functional/MS.AAD.7.6v1/16": _ROLES_FROM_EXPORT,
    "scubagear/MS.AAD.7.6v1/test_AdditionalProperties_Correct_V4": _ROLES_FROM_EXPORT,
    "scubagear/MS.AAD.7.6v1/test_PIM_Group_Incorrect_V15": (
        "PIM204 reads only the role's own policy; ScubaGear 7.6 also judges the member policy of a PIM group "
        "that holds Global Administrator (queries.role_policies already yields it)"
    ),
    "scubagear/MS.AAD.7.9v1/test_DisplayName_Correct": _ROLES_FROM_EXPORT,
    "scubagear/MS.AAD.7.9v1/test_DisplayName_PIM_Correct": _ROLES_FROM_EXPORT,
    "scubagear/MS.AAD.1.1v1/test_AppExclusionConditions_Correct": _CA_APPS_GUESTS,
    "scubagear/MS.AAD.1.1v1/test_GuestUserTypeExclusionNoExempt_Incorrect": _CA_APPS_GUESTS,
    "scubagear/MS.AAD.3.6v1/test_AppExclusionConditions_Correct_V6": _CA_APPS_GUESTS,
    "scubagear/MS.AAD.3.6v1/test_GuestUserTypeExclusionConditions_Correct_V6": _CA_APPS_GUESTS,
    "scubagear/MS.AAD.3.6v1/test_ConditionalAccessPolicies_Correct_all_strengths": _CA_SCOPE,
    "scubagear/MS.AAD.3.6v1/test_ConditionalAccessPolicies_Correct_windowsHelloForBusiness_only": _CA_SCOPE,
    "scubagear/MS.AAD.3.6v1/test_ConditionalAccessPolicies_Correct_fido2_only": _CA_SCOPE,
    "scubagear/MS.AAD.3.6v1/test_ConditionalAccessPolicies_Correct_x509_only": _CA_SCOPE,
    "scubagear/MS.AAD.3.6v1/test_UserExclusionConditions_Correct_V2": _CA_SCOPE,
    "scubagear/MS.AAD.3.6v1/test_GroupExclusionsConditions_Correct_V2": _CA_SCOPE,
}
