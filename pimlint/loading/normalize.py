"""Stage 3: validated raw sections → the frozen ``Tenant`` model.

The only stage that knows raw export shapes; it judges nothing. The as-of time comes from
``--as-of``, else the manifest's ``exportedAt``, else the newest event timestamp in the data.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import datetime

from pimlint.errors import InputError
from pimlint.loading import background
from pimlint.loading.bundle import Chunk, RawBundle
from pimlint.loading.normalizers import access, audit, azure, directory, governance, roles, units
from pimlint.loading.normalizers import policies as policy_normalizer
from pimlint.loading.records import Clock, Rec, records
from pimlint.loading.sections import AZURE_DIR
from pimlint.loading.stream import IncompleteStreamedSection
from pimlint.model import Tenant, TenantInfo
from pimlint.model.azure import AzureSubscription
from pimlint.model.roles import AccessKind

Prepare = Callable[[str, list[Chunk]], None]
"""Canonicalizes and validates a section's chunks in place, just before it is normalized."""


class _Sections:
    """Hands each section's records to its normalizer, one section at a time.

    A section is taken from the bundle (read, if it is still on disk), prepared (keys
    canonicalized, records validated) and iterated once; each raw record is released as soon as
    it has been normalized, so peak memory is one section's raw JSON plus the model, not the
    whole export. ``present`` collects the sections that were given and usable.
    """

    def __init__(self, raw: RawBundle, clock: Clock, prepare: Prepare) -> None:
        self.raw = raw
        self.clock = clock
        self.prepare = prepare
        self.present: set[str] = set()
        self.kept: dict[str, list[Chunk]] = {}

    def _take(self, name: str) -> list[Chunk] | None:
        if name in self.kept:
            return self.kept[name]
        chunks = self.raw.take(name)
        if chunks is None:
            return None
        self.prepare(name, chunks)
        self.present.add(name)
        return chunks

    def __call__(self, name: str) -> Iterator[Rec]:
        return self.optional(name) or iter(())

    def optional(self, name: str) -> Iterator[Rec] | None:
        """The section's records (released as they are read, unless kept), or ``None`` when absent."""
        chunks = self._take(name)
        if chunks is None:
            return None
        if name in self.kept:
            return records(chunks, self.clock)
        return _complete(name, chunks, records(chunks, self.clock, release=True))

    def keep(self, name: str) -> list[Chunk]:
        """A small section read more than once (not released)."""
        chunks = self._take(name) or []
        for chunk in chunks:
            chunk.materialize()
        self.kept[name] = chunks
        return chunks

    def rest(self) -> None:
        """Prepare (validate) every section no normalizer read, so it still counts as present."""
        for name in self.raw.names():
            chunks = self._take(name)
            if chunks is not None and name not in self.kept and any(c.stream is not None for c in chunks):
                for _ in _complete(name, chunks, records(chunks, self.clock, release=True)):
                    pass


def _complete(name: str, chunks: list[Chunk], recs: Iterator[Rec]) -> Iterator[Rec]:
    """``recs``, then a check that a streamed section was complete (its next-page links are known
    only once its records have been read)."""
    yield from recs
    if any(c.stream is not None for c in chunks) and all(c.next_link for c in chunks):
        raise IncompleteStreamedSection(name)


def _tenant_info(
    raw: RawBundle, organization: list[Chunk], clock: Clock, as_of: datetime | None, timezone: str | None
) -> TenantInfo:
    manifest = Rec(raw.manifest or {}, raw.manifest_file or raw.root, "$", clock)
    org = next(records(organization, clock), None)
    domain = manifest.str("tenantDomain")
    if domain is None and org is not None:
        verified = [d for d in org.children("verifiedDomains")]
        default = next((d for d in verified if d.bool("isDefault")), None) or next(
            (d for d in verified if d.bool("isInitial")), None
        )
        domain = default.str("name") if default else None
    exported = manifest.datetime("exportedAt")
    if as_of is not None:
        stamp, source = as_of, "--as-of"
    elif exported is not None:
        stamp, source = exported, "manifest exportedAt"
    else:
        stamp, source = clock.newest, "newest timestamp in the data"
    return TenantInfo(
        id=manifest.id("tenantId") or (org.id("id") if org else None) or "unknown-tenant",
        domain=domain,
        display_name=manifest.str("displayName") or (org.str("displayName") if org else None),
        as_of=stamp,
        as_of_source=source if stamp is not None else "none: no manifest and no timestamps",
        timezone=timezone or manifest.str("timezone"),
    )


def _azure(raw: RawBundle, section: _Sections) -> dict[str, AzureSubscription]:
    """ARM sections (``azure/<subscription>/<name>``) grouped by subscription."""
    present: dict[str, set[str]] = {}
    for key in raw.names():
        if key.startswith(f"{AZURE_DIR}/"):
            _, sub, name = key.split("/", 2)
            present.setdefault(sub, set()).add(name)
    return {
        sub: azure.subscription(sub, frozenset(names), lambda name, sub=sub: section.optional(f"{AZURE_DIR}/{sub}/{name}"))
        for sub, names in sorted(present.items())
    }


def normalize(
    raw: RawBundle, prepare: Prepare, as_of: datetime | None = None, timezone: str | None = None
) -> Tenant:
    """Build the tenant model from a raw bundle, preparing each section just before it is read."""
    clock = Clock()
    section = _Sections(raw, clock, prepare)
    organization = section.keep("organization")
    # The largest sections first, while the model built so far is small: peak memory is roughly
    # the largest section's raw JSON plus the model, not their sum. A large audit log is read by a
    # second process meanwhile, where allowed (``background``).
    audit_log = background.BackgroundAudit(raw, clock, section.present, section) if background.wanted(raw) else None
    try:
        parts = dict(
            audit_events=() if audit_log else audit.audit_events(section("directoryAudits")),
            groups=directory.groups(section("groups")),
            users=directory.users(section("users")),
            registration=access.registration(section("userRegistrationDetails")),
            service_principals=directory.service_principals(section("servicePrincipals")),
            applications=directory.applications(section("applications")),
            skus=directory.skus(section("subscribedSkus")),
            sign_ins=directory.sign_ins(section("signIns")),
            role_definitions=roles.role_definitions(section("roleDefinitions")),
            active_assignments=roles.active_assignments(
                section.optional("roleAssignmentScheduleInstances"), section.optional("roleAssignments")
            ),
            eligible_assignments=roles.eligible_assignments(section("roleEligibilityScheduleInstances")),
            group_assignments=roles.group_assignments(
                section("privilegedAccessGroupEligibilityScheduleInstances"),
                section("privilegedAccessGroupAssignmentScheduleInstances"),
            ),
            policies=policy_normalizer.policies(section("roleManagementPolicies"), section("roleManagementPolicyAssignments")),
            conditional_access=access.conditional_access(section("conditionalAccessPolicies")),
            authentication_strengths=access.authentication_strengths(section("authenticationStrengthPolicies")),
            administrative_units=units.administrative_units(section("administrativeUnits")),
            organization=governance.organization(records(organization, clock)),
            assignment_schedules=governance.schedules(section("roleAssignmentSchedules"), AccessKind.ACTIVE),
            eligibility_schedules=governance.schedules(section("roleEligibilitySchedules"), AccessKind.ELIGIBLE),
            access_reviews=governance.access_reviews(section("accessReviewDefinitions")),
            azure=_azure(raw, section),
        )
    except BaseException as exc:
        if audit_log is None:
            raise
        if not isinstance(exc, (InputError, IncompleteStreamedSection)):
            audit_log.cancel()
            raise
        raise audit_log.error_first(exc) from None
    if audit_log is not None:
        parts["audit_events"] = audit_log.events()
    section.rest()
    parts["sections"] = frozenset(section.present)
    info = _tenant_info(raw, organization, clock, as_of, timezone)
    # Every part is already a validated model; re-validating 100k users would only cost time.
    return Tenant.model_construct(info=info, **parts)
