"""Stage 5: the rule engine — metadata, registry, selection, context, runner, findings.

The engine knows nothing about any specific rule; the built-in pack in ``rules/`` is loaded through
the same loader as any custom pack.
"""

from __future__ import annotations

from pimlint.engine.context import RuleContext
from pimlint.engine.findings import Finding, Resource
from pimlint.engine.metadata import RuleMeta, rule
from pimlint.levels import Severity, Status

__all__ = ["Finding", "Resource", "RuleContext", "RuleMeta", "Severity", "Status", "rule"]
