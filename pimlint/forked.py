"""A computation over the run's data in a forked child process, so a second core can share the work.

The child starts as a copy of this process (``fork``: the tenant, the graph and the loaded rules
are there without being sent), computes one function, sends back its pickled result and exits
without tearing anything down. A generator function sends each item as soon as it is produced,
so the parent can consume them while the child still works: a writer thread feeds the pipe, and
the child never waits for the parent to read. Linux only (``fork`` elsewhere is
missing or unsafe); callers fall back to computing in-process when ``available()`` is false.
"""

from __future__ import annotations

import os
import pickle
import queue
import sys
import threading
import traceback
from collections.abc import Callable, Iterator
from types import GeneratorType
from typing import Any, Generic, TypeVar

from pimlint import speedups

T = TypeVar("T")

_HEADER = 8
"""Bytes of the length that precedes each pickled frame."""
_PIPE_BYTES = 1 << 20
"""Pipe capacity asked for (Linux lets any process raise it to 1 MiB)."""


class WorkerFailed(RuntimeError):
    """The child raised an unexpected exception, or died before sending its result."""


def available() -> bool:
    """Whether work can be forked off here: Linux, more than one CPU to run it on, and speed-up
    paths not turned off (``pimlint.speedups``)."""
    return (sys.platform.startswith("linux") and hasattr(os, "fork") and len(os.sched_getaffinity(0)) > 1
            and speedups.enabled())


class Forked(Generic[T]):
    """``fn()`` computed in a forked child.

    ``result()`` waits for its value; when ``fn`` is a generator function, ``items()`` yields what
    it yields as it comes, and ``result()`` is then its return value. Exceptions of the types in
    ``passes`` are sent back and raised again here; any other becomes ``WorkerFailed`` with the
    child's traceback.
    """

    def __init__(self, fn: Callable[[], Any], passes: tuple[type[BaseException], ...] = ()) -> None:
        read, write = os.pipe()
        sys.stdout.flush()
        sys.stderr.flush()
        self._pid = os.fork()
        if self._pid == 0:  # the child: never returns
            os.close(read)
            _child(fn, write, passes)
        os.close(write)
        self._pipe = os.fdopen(read, "rb")
        self._done = False
        self._value: Any = None

    def items(self) -> Iterator[Any]:
        """The items the child yields, as they arrive (then ``result()`` is its return value)."""
        while not self._done:
            kind, value = self._frame()
            if kind == "item":
                yield value
                continue
            self._done = True
            self._pipe.close()
            os.waitpid(self._pid, 0)
            if kind == "raised":
                raise value
            if kind == "error":
                raise WorkerFailed(value)
            self._value = value

    def result(self) -> T:
        """The child's result (its items, if any, are skipped)."""
        for _ in self.items():
            pass
        return self._value  # type: ignore[no-any-return]

    def _frame(self) -> tuple[str, Any]:
        header = self._pipe.read(_HEADER)
        size = int.from_bytes(header, "little") if len(header) == _HEADER else -1
        data = self._pipe.read(size) if size >= 0 else b""
        if size < 0 or len(data) != size:
            self._done = True
            self._pipe.close()
            _, status = os.waitpid(self._pid, 0)
            raise WorkerFailed(f"worker process ended without a result (wait status {status})")
        return pickle.loads(data)  # type: ignore[no-any-return]

    def cancel(self) -> None:
        """Stop the child and reap it (when the result is no longer wanted)."""
        if self._done:
            return
        self._done = True
        try:
            os.kill(self._pid, 9)
            os.waitpid(self._pid, 0)
        except (ProcessLookupError, ChildProcessError):
            pass
        self._pipe.close()


class _Sender:
    """Frames to the parent, written by a thread so the child never waits for the parent to read
    (a blocked write releases the GIL); ``close`` waits until everything is written."""

    def __init__(self, fd: int) -> None:
        import fcntl  # Linux only, as is forking (``available``): importing this module must work anywhere

        self.fd = fd
        self.frames: queue.SimpleQueue[bytes | None] = queue.SimpleQueue()
        try:
            fcntl.fcntl(fd, fcntl.F_SETPIPE_SZ, _PIPE_BYTES)
        except (OSError, AttributeError):  # an older kernel or Python: the default 64 KiB will do
            pass
        self.writer = threading.Thread(target=self._write, daemon=True)
        self.writer.start()

    def send(self, kind: str, value: Any) -> None:
        data = pickle.dumps((kind, value), protocol=pickle.HIGHEST_PROTOCOL)
        self.frames.put(len(data).to_bytes(_HEADER, "little") + data)

    def close(self) -> None:
        self.frames.put(None)
        self.writer.join()

    def _write(self) -> None:
        with os.fdopen(self.fd, "wb", buffering=0) as pipe:
            while (frame := self.frames.get()) is not None:
                pipe.write(frame)


def _child(fn: Callable[[], Any], write: int, passes: tuple[type[BaseException], ...]) -> None:
    code = 0
    try:
        sender = _Sender(write)
        try:
            value = fn()
            if isinstance(value, GeneratorType):
                value = _send_all(value, sender)
            sender.send("done", value)
        except passes as exc:
            sender.send("raised", exc)
        except BaseException:  # noqa: BLE001 - everything goes back to the parent as text
            sender.send("error", traceback.format_exc())
        sender.close()
    except BaseException:  # noqa: BLE001 - the parent sees a missing result
        code = 1
    finally:
        os._exit(code)


def _send_all(generator: GeneratorType[Any, None, Any], sender: _Sender) -> Any:
    """Send every item of ``generator``; its return value."""
    while True:
        try:
            item = next(generator)
        except StopIteration as stop:
            return stop.value
        sender.send("item", item)
