"""All catalogue rule cases beyond the core rules, gathered from the per-category modules."""

from __future__ import annotations

from tests.rules.cases_activation import CASES as ACTIVATION
from tests.rules.cases_authentication import CASES as AUTHENTICATION
from tests.rules.cases_azure import CASES as AZURE
from tests.rules.cases_break_glass import CASES as BREAK_GLASS
from tests.rules.cases_governance import CASES as GOVERNANCE
from tests.rules.cases_identities import CASES as IDENTITIES
from tests.rules.cases_references import CASES as REFERENCES
from tests.rules.cases_standing import CASES as STANDING

CATALOG_CASES = (*REFERENCES, *STANDING, *ACTIVATION, *IDENTITIES, *BREAK_GLASS, *AUTHENTICATION, *GOVERNANCE,
                 *AZURE)
