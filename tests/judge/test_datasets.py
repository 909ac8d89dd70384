"""``newsaudit data fetch``: pinned checksums, resuming, one error per failed file.

The transport is httpx's MockTransport serving the real files of the data directory,
so no test touches the network.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import httpx
import pytest

from newsaudit.cli import main
from newsaudit.errors import FetchError
from newsaudit.judge import datasets
from newsaudit.judge.datasets import PLAN, fetch, is_complete

Handler = Callable[[httpx.Request], httpx.Response]


def _by_url(shared: Path) -> dict[str, bytes]:
    return {item.url: (shared / item.local).read_bytes() for item in PLAN}


def _serve(shared: Path, *, corrupt: str | None = None, cut: str | None = None,
           seen: list[httpx.Request] | None = None) -> Handler:
    """A server of the pinned files; ``corrupt`` flips a byte of one, ``cut`` breaks one."""
    files = _by_url(shared)

    def handler(request: httpx.Request) -> httpx.Response:
        if seen is not None:
            seen.append(request)
        body = files[str(request.url)]
        if corrupt and str(request.url).endswith(corrupt):
            body = bytes([body[0] ^ 1]) + body[1:]
        start = int(request.headers.get("range", "bytes=0-")[6:].rstrip("-") or 0)
        if cut and str(request.url).endswith(cut) and start == 0:
            return httpx.Response(200, stream=_Broken(body[: len(body) // 2]))
        if start:
            return httpx.Response(206, content=body[start:])
        return httpx.Response(200, content=body)

    return handler


class _Broken(httpx.SyncByteStream):
    """A body that stops with a read error after some bytes, as a dropped connection does."""

    def __init__(self, head: bytes):
        self.head = head

    def __iter__(self):
        yield self.head
        raise httpx.ReadError("connection reset")


def _client(handler: Handler) -> Callable[[], httpx.Client]:
    return lambda: httpx.Client(transport=httpx.MockTransport(handler))


def test_fetch_verifies_every_file_and_skips_them_the_second_time(tmp_path, shared_data):
    paths = fetch(tmp_path, client_factory=_client(_serve(shared_data)))
    assert len(paths) == len(PLAN)
    assert all(is_complete(item, tmp_path) for item in PLAN)
    seen: list[httpx.Request] = []
    fetch(tmp_path, client_factory=_client(_serve(shared_data, seen=seen)))
    assert seen == []


def test_fetch_checksum_mismatch_names_the_file_and_keeps_the_rest(tmp_path, shared_data):
    bad = "is-it-fake-news-2018-11.csv"
    with pytest.raises(FetchError, match=rf"1 of {len(PLAN)} files failed.*{bad}: checksum "
                                         "mismatch"):
        fetch(tmp_path, client_factory=_client(_serve(shared_data, corrupt=bad)))
    wrong = next(item for item in PLAN if item.local.endswith(bad))
    assert not (tmp_path / wrong.local).exists()
    assert not list(tmp_path.rglob("*.part"))
    assert all(is_complete(item, tmp_path) for item in PLAN if item is not wrong)


def test_fetch_resumes_an_interrupted_download_with_a_range_request(tmp_path, shared_data):
    big = "ccnews_reliability_scores.json"
    item = next(i for i in PLAN if i.local.endswith(big))
    with pytest.raises(FetchError, match=f"{big}: connection reset"):
        fetch(tmp_path, client_factory=_client(_serve(shared_data,
                                                      cut="en/reliability_scores.json")))
    part = tmp_path / (item.local + ".part")
    assert part.stat().st_size == item.size // 2
    seen: list[httpx.Request] = []
    fetch(tmp_path, client_factory=_client(_serve(shared_data, seen=seen)))
    assert [r.headers.get("range") for r in seen] == [f"bytes={item.size // 2}-"]
    assert is_complete(item, tmp_path) and not part.exists()


def test_cli_data_fetch_reports_progress_and_failures(tmp_path, shared_data, monkeypatch,
                                                      capsys):
    handler = _serve(shared_data, corrupt="snopes-2017-12.csv")
    real = datasets.fetch
    monkeypatch.setattr(datasets, "fetch",
                        lambda dest, progress: real(dest, client_factory=_client(handler),
                                                    progress=progress))
    assert main(["data", "fetch", "--to", str(tmp_path)]) == 4
    err = capsys.readouterr().err
    assert "rating sets: " in err and "MB" in err
    assert "snopes-2017-12.csv: checksum mismatch" in err
    monkeypatch.setattr(datasets, "fetch",
                        lambda dest, progress: real(dest, client_factory=_client(
                            _serve(shared_data)), progress=progress))
    assert main(["data", "fetch", "--to", str(tmp_path)]) == 0
    assert f"{len(PLAN)} files verified in {tmp_path}" in capsys.readouterr().out


def test_plan_matches_the_files_in_the_data_directory(shared_data):
    """The pinned sums are those of the shared data (the files as published)."""
    assert all(is_complete(item, shared_data) for item in PLAN)
