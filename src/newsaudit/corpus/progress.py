"""Progress of a batch run: a Rich bar on a terminal, plain lines otherwise."""

from __future__ import annotations

import sys
import time
from typing import Any, TextIO

#: Seconds between two plain progress lines when the output is not a terminal.
PLAIN_EVERY = 10.0


class Progress:
    """Documents done, errors, rate and ETA (when the total is known).

    Args:
        stream: Where to write (standard error by default).
        enabled: False writes nothing (for the Python API).
    """

    def __init__(self, stream: TextIO | None = None, *, enabled: bool = True):
        self.stream = stream or sys.stderr
        self.enabled = enabled
        self.total: int | None = None
        self.done = self.errors = self.skipped = 0
        self.t0 = time.monotonic()
        self._last_line = 0.0
        self._bar: Any = None
        self._task: Any = None

    def __enter__(self) -> Progress:
        if self.enabled and self.stream.isatty():
            from rich.console import Console
            from rich.progress import (
                BarColumn,
                MofNCompleteColumn,
                TaskProgressColumn,
                TextColumn,
                TimeElapsedColumn,
                TimeRemainingColumn,
            )
            from rich.progress import Progress as Bar

            self._bar = Bar(TextColumn("[bold]batch"), BarColumn(), MofNCompleteColumn(),
                            TaskProgressColumn(), TextColumn("{task.fields[rate]}"),
                            TimeElapsedColumn(), TextColumn("ETA"), TimeRemainingColumn(),
                            TextColumn("{task.fields[errs]}"),
                            console=Console(file=self.stream), transient=False)
            self._bar.start()
            self._task = self._bar.add_task("batch", total=self.total, rate="", errs="")
        return self

    def __exit__(self, *exc: object) -> None:
        if self._bar is not None:
            self._bar.stop()
        elif self.enabled:
            self._line(final=True)

    def set_total(self, total: int | None) -> None:
        """The number of documents in the inputs, once counted."""
        self.total = total
        if self._bar is not None:
            self._bar.update(self._task, total=total)

    def skip(self, n: int) -> None:
        """``n`` documents already done by an earlier run."""
        self.skipped += n
        self._advance(n)

    def advance(self, ok: int, errors: int) -> None:
        """A chunk finished: ``ok`` documents audited, ``errors`` failed."""
        self.done += ok + errors
        self.errors += errors
        self._advance(ok + errors)

    def rate(self) -> float:
        """Documents per second audited by this run (skipped ones not counted)."""
        return self.done / max(time.monotonic() - self.t0, 1e-9)

    def _advance(self, n: int) -> None:
        if self._bar is not None:
            self._bar.update(self._task, advance=n, rate=f"{self.rate():.1f} docs/s",
                             errs=f"{self.errors} errors" if self.errors else "")
        elif self.enabled and time.monotonic() - self._last_line >= PLAIN_EVERY:
            self._line()

    def _line(self, final: bool = False) -> None:
        self._last_line = time.monotonic()
        count = self.done + self.skipped
        of = f"/{self.total}" if self.total is not None else ""
        eta = ""
        if self.total is not None and self.done and not final:
            left = max(self.total - count, 0) / max(self.rate(), 1e-9)
            eta = f", ETA {int(left // 60)}m{int(left % 60):02d}s"
        word = "done" if final else "batch"
        self.stream.write(f"{word}: {count}{of} documents ({self.skipped} from an earlier run, "
                          f"{self.errors} errors), {self.rate():.1f} docs/s{eta}\n")
        self.stream.flush()
