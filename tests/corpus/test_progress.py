"""Batch progress: plain lines with count, rate and ETA when not on a terminal."""

from __future__ import annotations

import io

from newsaudit.corpus import progress
from newsaudit.corpus.progress import Progress


def test_progress_plain_lines(monkeypatch) -> None:
    monkeypatch.setattr(progress, "PLAIN_EVERY", 0.0)
    stream = io.StringIO()
    with Progress(stream) as p:
        p.set_total(10)
        p.skip(4)
        p.advance(3, 1)
    lines = stream.getvalue().splitlines()
    assert lines[0].startswith("batch: 4/10 documents (4 from an earlier run, 0 errors)")
    assert "ETA" in lines[1] and lines[1].startswith("batch: 8/10 documents")
    assert lines[-1].startswith("done: 8/10 documents (4 from an earlier run, 1 errors)")


def test_progress_disabled_writes_nothing() -> None:
    stream = io.StringIO()
    with Progress(stream, enabled=False) as p:
        p.advance(5, 0)
    assert stream.getvalue() == ""
