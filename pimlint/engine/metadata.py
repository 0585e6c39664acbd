"""Rule metadata and the ``@rule`` decorator (severities and statuses live in ``pimlint.levels``).

``@rule`` only attaches validated metadata to the check function; it registers nothing. The
registry builds the catalogue explicitly from the modules it loads.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, ConfigDict, field_validator

from pimlint.levels import Severity

if TYPE_CHECKING:
    from pimlint.engine.context import RuleContext
    from pimlint.engine.findings import Finding

RULE_ATTRIBUTE = "__pimlint_rule__"
BUILTIN_ID = re.compile(r"^PIM\d{3}$")
CUSTOM_ID = re.compile(r"^[A-Z][A-Z0-9]*(-[A-Z0-9]+)*-?\d{1,4}$")
NAME = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


CATEGORIES = (
    "diagnostics",
    "standing-access",
    "activation-controls",
    "identities",
    "break-glass",
    "graph",
    "authentication",
    "governance",
    "operations",
    "azure",
    "custom",
)
"""Rule categories; the built-in ones follow the catalog's hundreds (PIM0xx … PIM9xx)."""


class RuleMeta(BaseModel):
    """Everything known about a rule besides its code: the single source of its documentation."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str
    name: str
    title: str
    """The desired state, e.g. "Privileged roles have no permanent active assignments"."""
    severity: Severity
    """The default (highest) severity; a finding may carry a lower one where the catalog says so."""
    category: str
    rationale: str
    remediation: str
    references: tuple[str, ...] = ()
    requires: tuple[str, ...] = ()
    """Export sections the rule needs; any missing makes the rule ``not_evaluated``."""
    options: dict[str, Any] = {}
    """Option name → default value (the default type is the option's type)."""
    profiles: dict[str, dict[str, Any]] = {}
    """Profile name → option overrides (``scuba``, ``strict``)."""
    tags: tuple[str, ...] = ()
    reads_waivers: bool = False
    """Runs after waivers are applied and reads their outcome (``ctx.facts.waivers``): PIM010, PIM011."""
    doc: str = ""
    """The module docstring: what exactly is checked."""

    @field_validator("name")
    @classmethod
    def _kebab(cls, value: str) -> str:
        if not NAME.match(value):
            raise ValueError(f"rule name {value!r} must be kebab-case")
        return value

    @field_validator("category")
    @classmethod
    def _known_category(cls, value: str) -> str:
        if value not in CATEGORIES:
            raise ValueError(f"unknown category {value!r}; one of {', '.join(CATEGORIES)}")
        return value


CheckFunction = Callable[["RuleContext"], Iterator["Finding"]]


def rule(**meta: Any) -> Callable[[CheckFunction], CheckFunction]:
    """Declare a check function as a rule, with its metadata (see ``RuleMeta``)."""

    def attach(func: CheckFunction) -> CheckFunction:
        setattr(func, RULE_ATTRIBUTE, meta)
        return func

    return attach
