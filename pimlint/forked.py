"""A computation over the run's data in a forked child process, so a second core can share the work.

The child starts as a copy of this process (``fork``: the tenant, the graph and the loaded rules
are there without being sent), computes one function, sends back its pickled result and exits
without tearing anything down. Linux only (``fork`` elsewhere is missing or unsafe); callers fall
back to computing in-process when ``available()`` is false.
"""

from __future__ import annotations

import os
import pickle
import sys
import traceback
from collections.abc import Callable
from typing import Generic, TypeVar

T = TypeVar("T")


class WorkerFailed(RuntimeError):
    """The child raised an unexpected exception, or died before sending its result."""


def available() -> bool:
    """Whether work can be forked off here: Linux, and more than one CPU to run it on."""
    return sys.platform.startswith("linux") and hasattr(os, "fork") and len(os.sched_getaffinity(0)) > 1


class Forked(Generic[T]):
    """``fn()`` computed in a forked child; ``result()`` waits for it (call it exactly once).

    Exceptions of the types in ``passes`` are sent back and raised again by ``result()``; any other
    exception becomes ``WorkerFailed`` with the child's traceback.
    """

    def __init__(self, fn: Callable[[], T], passes: tuple[type[BaseException], ...] = ()) -> None:
        read, write = os.pipe()
        sys.stdout.flush()
        sys.stderr.flush()
        self._pid = os.fork()
        if self._pid == 0:  # the child: never returns
            os.close(read)
            _child(fn, write, passes)
        os.close(write)
        self._read = read

    def result(self) -> T:
        """The child's result; ``WorkerFailed`` with its traceback if it raised or died."""
        chunks = []
        with os.fdopen(self._read, "rb") as pipe:
            while chunk := pipe.read(1 << 20):
                chunks.append(chunk)
        _, status = os.waitpid(self._pid, 0)
        if not chunks:
            raise WorkerFailed(f"worker process ended without a result (wait status {status})")
        kind, value = pickle.loads(b"".join(chunks))
        if kind == "raised":
            raise value
        if kind == "error":
            raise WorkerFailed(value)
        return value  # type: ignore[no-any-return]

    def cancel(self) -> None:
        """Stop the child and reap it (when the result is no longer wanted)."""
        try:
            os.kill(self._pid, 9)
            os.waitpid(self._pid, 0)
        except (ProcessLookupError, ChildProcessError):
            pass
        os.close(self._read)


def _child(fn: Callable[[], object], write: int, passes: tuple[type[BaseException], ...]) -> None:
    code = 0
    try:
        try:
            payload = pickle.dumps(("ok", fn()), protocol=pickle.HIGHEST_PROTOCOL)
        except passes as exc:
            payload = pickle.dumps(("raised", exc), protocol=pickle.HIGHEST_PROTOCOL)
        except BaseException:  # noqa: BLE001 - everything goes back to the parent as text
            payload = pickle.dumps(("error", traceback.format_exc()), protocol=pickle.HIGHEST_PROTOCOL)
        with os.fdopen(write, "wb") as pipe:
            pipe.write(payload)
    except BaseException:  # noqa: BLE001 - the parent sees a missing result
        code = 1
    finally:
        os._exit(code)
