"""Synthetic export bundles of any size, for benchmarks, demos and scale tests.

Deterministic for a seed; see ``generate.write_bundle``.
"""

from __future__ import annotations

from pimlint.synth.generate import SynthStats, write_bundle

__all__ = ["SynthStats", "write_bundle"]
