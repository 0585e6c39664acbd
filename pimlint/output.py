"""Write reports atomically: a temporary file in the same folder, flushed to disk, then a rename.

Readers see the old file or the whole new one, never half of either: not on an error, not on
Ctrl-C, not on a crash. A replaced report keeps its permissions; a new one gets the umask's.
"""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path

from pimlint.errors import PimlintError


def _mode_for(path: Path) -> int:
    try:
        return stat.S_IMODE(path.stat().st_mode)
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def write_atomic(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` so that readers see the old file or the whole new one, never half."""
    folder = path.parent if str(path.parent) else Path(".")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise PimlintError(f"{path}: cannot write the report: {exc.strerror or exc}") from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8", errors="backslashreplace", newline="\n") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, _mode_for(path))
        os.replace(tmp, path)
    except BaseException as exc:
        Path(tmp).unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise PimlintError(f"{path}: cannot write the report: {exc.strerror or exc}") from None
        raise
