"""Stage 1-3 of the pipeline: read files, validate records, normalize into the model.

Loading never judges: it only reports what it could not read.
"""

from __future__ import annotations

from pimlint.loading.api import LoadResult, load

__all__ = ["LoadResult", "load"]
