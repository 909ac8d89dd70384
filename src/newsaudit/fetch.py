"""Fetch the bytes of a URL, with guards: how newsaudit reads a URL the user asked for.

This module only moves bytes; :func:`newsaudit.read.read_url` decodes them and
reads the article. (The other network access is ``newsaudit data fetch``, which
downloads the public rating sets on request: :mod:`newsaudit.judge.datasets`.)

Guards, each a clear :class:`~newsaudit.errors.FetchError`:

- http and https only, a host required;
- every address the host resolves to must be public: loopback, private,
  link-local, shared, reserved and multicast ranges are refused unless
  ``Options.allow_private`` (guards against server-side request forgery);
- redirects are followed by hand, at most ``Options.max_redirects``, each hop
  checked like the first URL;
- timeouts on connect, read and write (``Options.fetch_timeout``);
- the body is streamed and cut at ``Options.max_bytes``.

The host is resolved and checked immediately before each request. A resolver
that answers differently on the second lookup (DNS rebinding) could still slip
through; callers that face hostile DNS should pin addresses with a transport of
their own (``transport=``), which is also how the tests run without a network.
"""

from __future__ import annotations

import ipaddress
import logging
import socket
import time
from urllib.parse import urljoin, urlsplit, urlunsplit

import httpx

from .about import __version__
from .errors import (
    BlockedAddressError,
    FetchError,
    ResponseTooLargeError,
    UnsupportedURLError,
)
from .options import Options

log = logging.getLogger(__name__)

USER_AGENT = f"newsaudit/{__version__} (+article audit; single fetch on user request)"
_REDIRECTS = {301, 302, 303, 307, 308}


def check_url(url: str, *, allow_private: bool = False) -> None:
    """Check scheme, host and every resolved address of ``url``.

    Raises:
        UnsupportedURLError: If the URL is malformed or not http(s).
        BlockedAddressError: If the host resolves to a non-public address.
        FetchError: If the host does not resolve.
    """
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as exc:
        raise UnsupportedURLError(f"malformed URL {strip_credentials(url)!r}: {exc}") from exc
    if parts.scheme not in ("http", "https"):
        raise UnsupportedURLError(f"only http and https URLs can be fetched, not {parts.scheme!r}")
    host = parts.hostname
    if not host:
        raise UnsupportedURLError(f"URL {strip_credentials(url)!r} has no host")
    if allow_private:
        return
    try:
        infos = socket.getaddrinfo(host, port or (443 if parts.scheme == "https" else 80),
                                   proto=socket.IPPROTO_TCP)
    except (socket.gaierror, UnicodeError) as exc:
        raise FetchError(f"cannot resolve host {host!r}: {exc}") from exc
    for info in infos:
        addr = ipaddress.ip_address(str(info[4][0]).split("%")[0])
        if not addr.is_global or addr.is_multicast:
            raise BlockedAddressError(
                f"refusing to fetch {strip_credentials(url)}: {host} resolves to non-public "
                f"address {addr} "
                "(use --allow-private to permit)"
            )


def strip_credentials(url: str) -> str:
    """``url`` without a user name or password (``http://user:pass@host/`` -> ``http://host/``).

    A URL with credentials may be fetched, but they never reach a report or an
    error message.
    """
    try:
        parts = urlsplit(url)
    except ValueError:
        return url
    if "@" not in parts.netloc:
        return url
    return urlunsplit(parts._replace(netloc=parts.netloc.rpartition("@")[2]))


def _read_capped(response: httpx.Response, cap: int, ends_at: float, total: float) -> bytes:
    declared = response.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > cap:
        raise ResponseTooLargeError(
            f"response is {int(declared) / 2**20:.1f} MB, over the {cap / 2**20:.0f} MB cap"
        )
    chunks, size = [], 0
    for chunk in response.iter_bytes():
        size += len(chunk)
        if size > cap:
            raise ResponseTooLargeError(f"response is over the {cap / 2**20:.0f} MB cap")
        if time.monotonic() > ends_at:  # each read was quick, the whole is too slow
            raise FetchError(f"the fetch took over {total:g} s in all (a server sending "
                             f"slowly?); {size:,} bytes received")
        chunks.append(chunk)
    return b"".join(chunks)


def fetch_bytes(url: str, *, options: Options | None = None,
                transport: httpx.BaseTransport | None = None) -> tuple[bytes, dict]:
    """Fetch the body of ``url`` under the guards.

    ``Options.fetch_timeout`` bounds each network phase and ``Options.fetch_total``
    the whole fetch, every redirect and byte included.

    Returns:
        The body and what was learnt about the response (final URL, status,
        content type, charset, redirect chain), with any credentials stripped.

    Raises:
        FetchError: For any refused, failed, oversize or too slow fetch.
    """
    options = options or Options()
    total = options.fetch_total
    ends_at = time.monotonic() + total
    chain: list[str] = []
    with httpx.Client(transport=transport, follow_redirects=False,
                      headers={"User-Agent": USER_AGENT}) as client:
        current = url
        for _ in range(options.max_redirects + 1):
            check_url(current, allow_private=options.allow_private)
            shown = strip_credentials(current)
            left = ends_at - time.monotonic()
            if left <= 0:
                raise FetchError(f"the fetch took over {total:g} s in all")
            timeout = httpx.Timeout(min(options.fetch_timeout, left))
            try:
                with client.stream("GET", current, timeout=timeout) as response:
                    if response.status_code in _REDIRECTS and "location" in response.headers:
                        chain.append(shown)
                        current = urljoin(current, response.headers["location"])
                        continue
                    if response.status_code >= 400:
                        raise FetchError(f"{shown} answered HTTP {response.status_code}")
                    body = _read_capped(response, options.max_bytes, ends_at, total)
                    info = {
                        "kind": "url",
                        "final_url": strip_credentials(str(response.url)),
                        "status": response.status_code,
                        "content_type": response.headers.get("content-type", ""),
                        "charset": response.charset_encoding,
                        "redirects": chain,
                    }
                    return body, info
            except httpx.TimeoutException as exc:
                raise FetchError(f"fetching {shown} timed out after "
                                 f"{min(options.fetch_timeout, total):g} s") from exc
            except httpx.HTTPError as exc:
                raise FetchError(f"fetching {shown} failed: "
                                 f"{str(exc).replace(current, shown)}") from exc
        raise FetchError(f"{strip_credentials(url)}: more than {options.max_redirects} redirects")
