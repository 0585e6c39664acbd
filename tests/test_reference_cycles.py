"""A run leaves no reference cycle holding the tenant: with the cyclic collector paused during a
run (``api.without_cyclic_gc``), such a cycle would keep the whole model alive until the collector
resumed, and then cost a full collection (1.75 s on a 100,000-user tenant)."""

from __future__ import annotations

import gc
from pathlib import Path

from pimlint import api
from pimlint.config import load_settings
from pimlint.model import Tenant
from pimlint.model.activity import AuditEvent

SAMPLE = Path(__file__).resolve().parents[1] / "sample_exports" / "fabrikam-smb"


def test_the_model_is_freed_by_reference_counting() -> None:
    settings, _ = load_settings(SAMPLE, None, {})
    gc.collect()
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        result = api.check(SAMPLE, settings)
        gc.set_debug(gc.DEBUG_SAVEALL)
        gc.collect()
        stranded = [o for o in gc.garbage if isinstance(o, (Tenant, AuditEvent))]
    finally:
        gc.set_debug(0)
        gc.garbage.clear()
        if was_enabled:
            gc.enable()
    assert result.findings
    assert stranded == []
