"""Shared fixtures: the example article, its report, and the reference data directory."""

from __future__ import annotations

import atexit
import http.server
import os
import shutil
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

# Compiled artefacts (the rating index) go to a fresh cache for the test run,
# removed when the run ends.
if "NEWSAUDIT_CACHE" not in os.environ:
    _cache = tempfile.mkdtemp(prefix="newsaudit-test-cache-")
    os.environ["NEWSAUDIT_CACHE"] = _cache
    atexit.register(shutil.rmtree, _cache, True)

import newsaudit
from newsaudit.data import data_dir
from newsaudit.report import Report
from newsaudit.schema import validate

# Every report the test suite makes is checked against the shipped report schema
# (and its offsets against its text) as it is turned into data.
_to_dict = Report.to_dict


def _checked_to_dict(self: Report) -> dict:
    data = _to_dict(self)
    validate(data)
    return data


Report.to_dict = _checked_to_dict  # type: ignore[method-assign]

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
EXAMPLE = SHARED / "examples" / "truepundit-syria-talks.txt"


@pytest.fixture(scope="session")
def example_path() -> Path:
    return EXAMPLE


@pytest.fixture(scope="session")
def example_text() -> str:
    return EXAMPLE.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def example_report(example_text: str) -> newsaudit.Report:
    return newsaudit.analyze(example_text)


@pytest.fixture(scope="session")
def example_dict(example_report: newsaudit.Report) -> dict:
    return example_report.to_dict()


@pytest.fixture(scope="session")
def shared_data() -> Path:
    return data_dir()


@pytest.fixture()
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fail any test that tries to open a real socket."""
    import socket

    def guard(*args: object, **kwargs: object) -> None:
        raise AssertionError("tests must not touch the network")

    monkeypatch.setattr(socket.socket, "connect", guard)


@contextmanager
def _loopback_server(handler: type[http.server.BaseHTTPRequestHandler]) -> Iterator[str]:
    """A real HTTP server on 127.0.0.1 with ``handler``; yields ``host:port``."""
    srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    srv.daemon_threads = True
    thread = threading.Thread(target=srv.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"127.0.0.1:{srv.server_address[1]}"
    finally:
        srv.shutdown()
        srv.server_close()


@pytest.fixture(scope="session")
def loopback_server():  # type: ignore[no-untyped-def]
    """Start real HTTP servers on 127.0.0.1: ``with loopback_server(Handler) as host_port``."""
    return _loopback_server
