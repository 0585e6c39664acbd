"""The ``Case`` record and the golden-tenant mutation helper shared by the per-category case modules."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from pimlint.levels import Status
from tests.builders import DOMAIN, TenantBuilder, hardened


def UPN(name: str) -> str:  # noqa: N802 - reads like a constructor in case tables
    """The UPN the builder gives a user name."""
    return f"{name}@{DOMAIN}"


@dataclass(frozen=True)
class Case:
    """A scenario: how to build it, the status expected, and (for fails) exactly which resources fail."""

    rule: str
    name: str
    build: Callable[[], TenantBuilder]
    expect: Status
    failing: tuple[tuple[str | None, str | None], ...] = ()
    settings: dict[str, Any] = field(default_factory=dict)
    waivers: str | None = ""
    """Waiver file text applied to the run (``None``: waivers not applied, as with ``--no-waivers``)."""


def _with(mutate: Callable[[TenantBuilder], Any]) -> Callable[[], TenantBuilder]:
    """The golden tenant with one mutation."""

    def build() -> TenantBuilder:
        t = hardened()
        mutate(t)
        return t

    return build
