"""Who holds which role, and how: every way through the privilege graph to a role node.

A principal *holds* a role when it is active or eligible for it directly, through a
role-assignable group (member, nested groups followed), or through PIM for Groups (active or
eligible member or owner of a group that holds the role). rule-catalog.md "Role classes".
"""

from __future__ import annotations

from dataclasses import dataclass

MAX_PATHS_PER_HOLDING = 16
"""Paths kept per (principal, role); deeper duplicates add nothing a reader can act on."""


@dataclass(frozen=True, order=True)
class Hop:
    """One edge of a path: ``source`` reaches ``target`` by ``kind``."""

    kind: str
    """``active_role``, ``eligible_role``, ``member_of``, ``pim_member`` or ``pim_owner``."""
    source: str
    target: str
    active: bool
    permanent: bool
    ref: str = ""
    """The assignment or schedule id behind the edge, where there is one."""


@dataclass(frozen=True, order=True)
class Holding:
    """One way ``principal_id`` holds ``role_id``: the hops from the principal to the role."""

    role_id: str
    principal_id: str
    principal_kind: str
    hops: tuple[Hop, ...]

    @property
    def active(self) -> bool:
        """Every hop grants access now (no activation needed)."""
        return all(h.active for h in self.hops)

    @property
    def permanent(self) -> bool:
        """No hop ever expires."""
        return all(h.permanent for h in self.hops)

    @property
    def standing(self) -> bool:
        """Active and permanent: the role is held at all times."""
        return self.active and self.permanent

    @property
    def direct(self) -> bool:
        """Assigned to the principal itself, not through a group."""
        return len(self.hops) == 1

    @property
    def via_groups(self) -> tuple[str, ...]:
        """Object ids of the groups on the path, nearest the principal first."""
        return tuple(h.target.split(":", 1)[1] for h in self.hops[:-1])

    @property
    def assignment(self) -> Hop:
        """The hop that grants the role itself (the last one)."""
        return self.hops[-1]
