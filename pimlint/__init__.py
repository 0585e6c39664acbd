"""pimlint: an offline linter and risk analyzer for exported Microsoft Entra PIM configuration.

The public API is deliberately small: load a bundle, run the rules, read the result.
Heavy modules are imported lazily so that ``pimlint --version`` stays instant.
"""

from __future__ import annotations

__version__ = "0.1.0"
__all__ = ["__version__"]
