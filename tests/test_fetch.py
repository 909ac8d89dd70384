"""Fetching URLs under the guards, and reading what they give, with a mock transport
(never the network)."""

from __future__ import annotations

import socket

import httpx
import pytest

from newsaudit.errors import (
    BlockedAddressError,
    FetchError,
    InputError,
    ResponseTooLargeError,
    UnsupportedURLError,
)
from newsaudit.fetch import check_url, fetch_bytes
from newsaudit.options import Options
from newsaudit.read import read_url

PAGE = ("<html><head><title>Budget passes</title></head><body><h1>Budget passes</h1>"
        "<p>The city council approved a budget on Tuesday after a debate that lasted more "
        "than nine hours, the longest in the council's recent history.</p></body></html>")


@pytest.fixture(autouse=True)
def public_dns(monkeypatch: pytest.MonkeyPatch, no_network: None) -> None:
    """Resolve *.example to a public documentation-free address, loopback names to 127.0.0.1."""
    def fake(host: str, port: object, *args: object, **kwargs: object) -> list:
        table = {"news.example": "93.184.216.34", "evil.example": "127.0.0.1",
                 "inner.example": "10.0.0.7", "v6.example": "::1"}
        try:
            addr = table.get(host) or str(__import__("ipaddress").ip_address(host))
        except ValueError as exc:
            raise socket.gaierror(f"unknown host {host}") from exc
        fam = socket.AF_INET6 if ":" in addr else socket.AF_INET
        return [(fam, socket.SOCK_STREAM, 6, "", (addr, port))]
    monkeypatch.setattr(socket, "getaddrinfo", fake)


def transport(routes: dict[str, httpx.Response]) -> httpx.MockTransport:
    def handler(request: httpx.Request) -> httpx.Response:
        return routes.get(str(request.url), httpx.Response(404))
    return httpx.MockTransport(handler)


def test_fetch_html_page() -> None:
    t = transport({"https://news.example/a": httpx.Response(
        200, headers={"content-type": "text/html; charset=utf-8"}, text=PAGE)})
    article = read_url("https://news.example/a", transport=t)
    assert article.meta.url == "https://news.example/a"
    assert article.meta.domain == "news.example"
    assert "The city council approved a budget" in article.text
    assert article.meta.origin["status"] == 200


def test_fetch_charset_from_header() -> None:
    body = "<html><body><p>Caf\u00e9 cr\u00e8me in M\u00fcnchen, said the owner of the caf\u00e9 " \
           "on the corner of the square.</p></body></html>"
    t = transport({"http://news.example/l1": httpx.Response(
        200, headers={"content-type": "text/html; charset=iso-8859-1"},
        content=body.encode("latin-1"))})
    assert "Café crème in München" in read_url("http://news.example/l1", transport=t).text


@pytest.mark.parametrize(("hops", "ok"), [(5, True), (6, False)])
def test_fetch_redirect_limit(hops: int, ok: bool) -> None:
    routes = {f"https://news.example/{i}": httpx.Response(
        302, headers={"location": f"/{i + 1}"}) for i in range(hops)}
    routes[f"https://news.example/{hops}"] = httpx.Response(
        200, headers={"content-type": "text/html"}, text=PAGE)
    if ok:
        _, info = fetch_bytes("https://news.example/0", transport=transport(routes))
        assert info["final_url"] == f"https://news.example/{hops}"
        assert len(info["redirects"]) == hops
    else:
        with pytest.raises(FetchError, match="more than 5 redirects"):
            fetch_bytes("https://news.example/0", transport=transport(routes))


def test_fetch_redirect_to_private_address_refused() -> None:
    t = transport({"https://news.example/r": httpx.Response(
        301, headers={"location": "http://evil.example/admin"})})
    with pytest.raises(BlockedAddressError, match=r"127\.0\.0\.1"):
        fetch_bytes("https://news.example/r", transport=t)


@pytest.mark.parametrize("url", [
    "http://127.0.0.1/", "http://10.1.2.3/x", "http://169.254.169.254/latest/meta-data/",
    "http://[::1]:8080/", "http://evil.example/", "http://inner.example/", "http://0.0.0.0/",
])
def test_fetch_private_addresses_refused(url: str) -> None:
    with pytest.raises(BlockedAddressError, match="non-public address"):
        check_url(url)


def test_fetch_allow_private_skips_address_check() -> None:
    check_url("http://127.0.0.1/", allow_private=True)


@pytest.mark.parametrize("url", ["ftp://news.example/a", "file:///etc/passwd", "http:///nohost",
                                 "http://news.example:99999/"])
def test_fetch_unsupported_urls(url: str) -> None:
    with pytest.raises(UnsupportedURLError):
        check_url(url)


def test_fetch_oversize_body_refused() -> None:
    t = transport({"https://news.example/big": httpx.Response(
        200, headers={"content-type": "text/html"}, content=b"<p>" + b"a" * 5000 + b"</p>")})
    with pytest.raises(ResponseTooLargeError, match="cap"):
        fetch_bytes("https://news.example/big", options=Options(max_bytes=1000), transport=t)


def test_fetch_http_error_status() -> None:
    with pytest.raises(FetchError, match="HTTP 404"):
        fetch_bytes("https://news.example/missing", transport=transport({}))


def test_fetch_binary_content_type_refused() -> None:
    t = transport({"https://news.example/img": httpx.Response(
        200, headers={"content-type": "image/png"}, content=b"\x89PNG\r\n")})
    with pytest.raises(InputError, match="image/png"):
        read_url("https://news.example/img", transport=t)


def test_fetch_timeout_is_fetch_error() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        raise httpx.ReadTimeout("slow", request=request)
    with pytest.raises(FetchError, match="timed out"):
        fetch_bytes("https://news.example/slow", transport=httpx.MockTransport(handler))
