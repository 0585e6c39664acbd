"""The switch for pimlint's speed-up paths, all of which must leave results unchanged.

``PIMLINT_NO_FASTPATH=1`` turns every one off: the compiled schema checks (jsonschema alone),
streaming of large files, model rows built without a second validation, and worker processes.
Tests and ``bench/run.py`` compare results both ways.
"""

from __future__ import annotations

import os


def enabled() -> bool:
    """Whether the speed-up paths are on (``PIMLINT_NO_FASTPATH`` unset or empty)."""
    return not os.environ.get("PIMLINT_NO_FASTPATH")
