"""A time limit for one article, checked between steps and enforced inside them.

Every stage runs in time linear in its input, but a large input (up to the
10 MB cap) still takes minutes, and a plug-in stage may not be linear at all. A
:class:`Deadline` bounds the whole run: the pipeline checks it before each stage,
and, in the main thread, an interval timer interrupts a stage that is still
running when it passes (the way ``pytest-timeout`` and ``timeout-decorator``
interrupt code: ``SIGALRM``). Elsewhere (worker threads, where signals cannot
be received) the check between stages is what holds; a stage then finishes
before the run stops.
"""

from __future__ import annotations

import contextlib
import math
import signal
import threading
import time
from collections.abc import Iterator
from types import FrameType

from .errors import StageInterrupted


class Deadline:
    """The moment by which an article's analysis must end.

    Args:
        seconds: Seconds from now; ``None`` (or 0) for no limit.
    """

    def __init__(self, seconds: float | None):
        self.seconds = seconds if seconds and seconds > 0 else None
        self.at = time.monotonic() + self.seconds if self.seconds else math.inf
        self._armed = False

    def remaining(self) -> float:
        """Seconds left (``inf`` without a limit, never negative)."""
        return max(0.0, self.at - time.monotonic())

    def expired(self) -> bool:
        """Whether the deadline has passed."""
        return time.monotonic() >= self.at

    def extend(self, seconds: float) -> None:
        """Move the deadline ``seconds`` later (time spent on something else)."""
        self.at += seconds

    def cap(self, seconds: float) -> float:
        """``seconds``, or what is left of the deadline if that is less."""
        return min(seconds, self.remaining())

    @contextlib.contextmanager
    def interrupting(self) -> Iterator[None]:
        """Raise :class:`StageInterrupted` in the code run inside when the deadline passes.

        Only in the main thread and when nothing else uses ``SIGALRM``; otherwise
        the body runs to its end and callers rely on :meth:`expired`.
        """
        usable = (self.seconds is not None and hasattr(signal, "setitimer")
                  and threading.current_thread() is threading.main_thread()
                  and signal.getsignal(signal.SIGALRM) in (signal.SIG_DFL, signal.SIG_IGN, None))
        if not usable:
            yield
            return
        if self.expired():
            raise StageInterrupted("the deadline had passed")

        def on_alarm(signum: int, frame: FrameType | None) -> None:
            if self._armed:  # a late signal after the body ended is ignored
                raise StageInterrupted(f"the {self.seconds:g} s deadline passed")

        previous = signal.signal(signal.SIGALRM, on_alarm)
        self._armed = True
        signal.setitimer(signal.ITIMER_REAL, max(self.remaining(), 1e-3))
        try:
            yield
        finally:
            self._armed = False
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)
