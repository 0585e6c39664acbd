"""All catalogue rule cases beyond the core rules, gathered from the per-category modules."""

from __future__ import annotations

from tests.rules.cases_authentication import CASES as AUTHENTICATION
from tests.rules.cases_governance import CASES as GOVERNANCE
from tests.rules.cases_identities import CASES as IDENTITIES
from tests.rules.cases_standing import CASES as STANDING

CATALOG_CASES = (*STANDING, *IDENTITIES, *AUTHENTICATION, *GOVERNANCE)
