"""ScubaGear cases pimlint does not reproduce yet, with the reason and the change that closes the gap.

Each is a strict xfail: once the rule gains the option, the case passes and the test fails until the
entry is removed here. These are gaps in rule options under ``--profile scuba``, not deliberate
deviations (those are in docs/scuba-profile.md). Every case reproduces today, so the list is empty.
"""

from __future__ import annotations

PENDING: dict[str, str] = {}
