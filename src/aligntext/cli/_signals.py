"""SIGINT and SIGTERM as exceptions the library cleans up after, for long commands.

``translate`` and ``models convert`` run for minutes and write files atomically: a signal
must unwind through their ``finally`` blocks (manifest update, temporary folders removed)
rather than kill the process where it stands.
"""

from __future__ import annotations

import signal
from typing import Any


class Terminated(KeyboardInterrupt):
    """SIGTERM (sent by timeout, systemd, container runtimes), handled as Ctrl-C is."""


class StopSignals:
    """Turns SIGINT and SIGTERM into exceptions while installed; remembers which came.

    After the first signal both are ignored, so that a second one (an impatient Ctrl-C, a
    supervisor repeating SIGTERM) cannot cut short the clean-up the first one started. The
    signal is remembered here as well as in the exception's type, because code in between
    may turn it into a plain ``KeyboardInterrupt`` (Ray's ``get`` does).
    """

    def __init__(self) -> None:
        self.received: int | None = None
        self._previous: dict[int, Any] = {}

    def __enter__(self) -> StopSignals:
        self.install()
        return self

    def __exit__(self, *exc: object) -> None:
        self.restore()

    def install(self) -> None:
        """Put the handlers in place (from the main thread; elsewhere nothing changes)."""
        for sig in (signal.SIGINT, signal.SIGTERM):
            try:
                self._previous[sig] = signal.signal(sig, self._handle)
            except ValueError:  # not the main thread (an embedding application): leave them
                break

    def restore(self) -> None:
        """Put back the handlers :meth:`install` replaced."""
        for sig, old in self._previous.items():
            signal.signal(sig, old)
        self._previous.clear()

    def _handle(self, signum: int, frame: Any) -> None:
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        self.received = signum
        raise Terminated() if signum == signal.SIGTERM else KeyboardInterrupt()

    def terminated(self, exc: BaseException) -> bool:
        """Whether ``exc`` (a ``KeyboardInterrupt``) came from SIGTERM rather than Ctrl-C."""
        return isinstance(exc, Terminated) or self.received == signal.SIGTERM

    def stop(self, exc: BaseException, what: str) -> tuple[str, int]:
        """The line to print and the exit status for a stop by ``exc``: 143 for SIGTERM,
        130 for Ctrl-C, as a shell reports a process killed by either."""
        if self.terminated(exc):
            return f"aligntext: terminated (SIGTERM); {what}", 143
        return f"aligntext: interrupted; {what}", 130
