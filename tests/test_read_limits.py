"""Reading under limits: never more than the cap from anything, no hang, clear errors."""

from __future__ import annotations

import http.server
import json
import os
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

import newsaudit
from newsaudit.errors import (
    BinaryInputError,
    FetchError,
    InputError,
    InputTooLargeError,
    UnsupportedURLError,
)
from newsaudit.read import decode, read

SRC = str(Path(newsaudit.__file__).resolve().parents[1])
PAGE = ("<html><body><h1>Talks stall</h1><p>The minister said the talks would go on, "
        "and the envoy said nothing at all about it today in the capital.</p></body></html>")


class _Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        if self.path.startswith("/drip"):
            # Headers at once, then one byte every 0.2 s: each read is quick,
            # the whole never ends.
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            try:
                for _ in range(10_000):
                    self.wfile.write(b"a")
                    self.wfile.flush()
                    time.sleep(0.2)
            except (BrokenPipeError, ConnectionResetError):
                return
            return
        body = PAGE.encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture()
def server(loopback_server) -> Iterator[str]:
    with loopback_server(_Handler) as address:
        yield address


def test_dripping_server_hits_the_total_fetch_deadline(server: str) -> None:
    options = newsaudit.Options(allow_private=True, fetch_timeout=5, fetch_total=1.5)
    t0 = time.monotonic()
    with pytest.raises(FetchError, match="in all"):
        read(f"http://{server}/drip", options=options)
    assert time.monotonic() - t0 < 10


def test_credentials_never_reach_the_report(server: str) -> None:
    options = newsaudit.Options(allow_private=True)
    url = f"http://reader:s3cret-pw@{server}/story"
    d = newsaudit.analyze(url, options=options,).to_dict()
    dumped = json.dumps(d)
    assert "s3cret-pw" not in dumped and "reader:" not in dumped
    assert d["article"]["url"] == f"http://{server}/story"
    report = newsaudit.analyze(PAGE, url=url, options=options).to_dict()
    assert "s3cret-pw" not in json.dumps(report)


def test_fetch_error_message_has_no_password() -> None:
    options = newsaudit.Options(allow_private=True, fetch_timeout=1)
    with pytest.raises(FetchError) as info:
        read("http://reader:s3cret-pw@127.0.0.1:9/x", options=options)
    assert "s3cret-pw" not in str(info.value)


def test_dev_zero_is_cut_at_the_cap() -> None:
    with pytest.raises(InputTooLargeError, match="over 1 MB"):
        read(Path("/dev/zero"), options=newsaudit.Options(max_bytes=2**20))


def test_fifo_without_writer_does_not_hang(tmp_path: Path) -> None:
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    with pytest.raises(InputError):
        read(fifo, options=newsaudit.Options(fetch_timeout=0.5))


def test_fifo_with_a_writer_is_read(tmp_path: Path) -> None:
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    text = "The minister said the talks would go on, and the envoy said nothing.\n"
    writer = threading.Thread(target=lambda: fifo.write_text(text))
    writer.start()
    article = read(fifo, options=newsaudit.Options(fetch_timeout=5))
    writer.join(5)
    assert article.text == text


def test_cli_dev_stdin_from_dev_zero_is_cut() -> None:
    env = {**os.environ, "PYTHONPATH": SRC}
    with open("/dev/zero", "rb") as zero:
        proc = subprocess.run([sys.executable, "-m", "newsaudit", "analyze", "/dev/stdin"],
                              stdin=zero, capture_output=True, text=True, env=env, timeout=120)
    assert proc.returncode == 3 and "too large" in proc.stderr


@pytest.mark.parametrize("source", ["missing.txt", "some/dir/story.html", "/tmp"])
def test_a_path_to_nothing_is_an_error_not_an_article(source: str) -> None:
    with pytest.raises(InputError):
        newsaudit.analyze(source)


@pytest.mark.parametrize("source", ["http://exa mple.com/", "htp:/x", "http://"])
def test_malformed_url_strings_are_errors(source: str) -> None:
    with pytest.raises((UnsupportedURLError, InputError)):
        newsaudit.read(source)


def test_cli_malformed_url_exit_4(capsys) -> None:
    from newsaudit.cli import main

    assert main(["analyze", "http://exa mple.com/"]) == 4


@pytest.mark.parametrize(("data", "text", "encoding"), [
    ("Le café était très agréable, à côté de la fenêtre.\n".encode("latin-1"),
     "Le café était très agréable, à côté de la fenêtre.\n", "cp1252"),
    ("Zażółć gęślą jaźń, powiedział minister.\n".encode("cp1250"),
     "Zażółć gęślą jaźń, powiedział minister.\n", "cp1250"),
    ("The minister said hello.\n".encode("utf-16-le"), "The minister said hello.\n", "utf-16-le"),
    ("The minister said hello.\n".encode("utf-16-be"), "The minister said hello.\n", "utf-16-be"),
])
def test_decode_encodings(data: bytes, text: str, encoding: str) -> None:
    assert decode(data) == (text, encoding)


def test_decode_mixed_encodings_line_by_line() -> None:
    utf8 = "“Ünïcödé” naïve café, the minister said — in UTF-8.\n"
    latin = "Le café était très agréable, à côté de la fenêtre.\n"
    data = (utf8 * 20).encode() + (latin * 20).encode("latin-1")
    text, encoding = decode(data)
    assert text == utf8 * 20 + latin * 20 and encoding == "utf-8+cp1252"
    assert "\ufffd" not in text


def test_nul_byte_anywhere_is_binary() -> None:
    with pytest.raises(BinaryInputError):
        decode(b"The minister said hello. " * 5000 + b"\x00")


def test_options_stages_list_is_accepted_and_bad_stages_are_clear() -> None:
    assert newsaudit.Options(stages=["parse.furniture"]).stages == ("parse.furniture",)
    with pytest.raises(newsaudit.PipelineError):
        newsaudit.Options(stages="parse.furniture")
