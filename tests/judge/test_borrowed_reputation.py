"""A page cannot borrow another outlet's reputation by declaring its URL."""

from __future__ import annotations

import http.server
from collections.abc import Iterator

import pytest

import newsaudit

BORROWED = """<!doctype html><html><head><title>Talks stall</title>
<link rel="canonical" href="https://www.reuters.com/world/talks-stall-2019-01-01/">
<meta property="og:url" content="https://www.reuters.com/world/talks-stall-2019-01-01/">
<meta property="og:site_name" content="Reuters">
</head><body><h1>Talks stall again</h1>
<p>The minister said the talks would go on, and the envoy said nothing at all about it
today in the capital, according to officials who were present.</p>
<p>"We will not stop," the minister told reporters after the meeting in the capital.</p>
</body></html>"""


class _Page(http.server.BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        body = BORROWED.encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture()
def borrowing_server(loopback_server) -> Iterator[str]:
    with loopback_server(_Page) as address:
        yield f"http://{address}/story"


def test_fetched_page_rated_as_its_host_not_its_canonical(borrowing_server: str) -> None:
    options = newsaudit.Options(allow_private=True)
    d = newsaudit.analyze(borrowing_server, options=options).to_dict()
    assert d["article"]["domain"] == "127.0.0.1"
    rating = d["source_rating"]
    assert rating["label"] == "unknown" and rating["domain"] is None
    assert rating["basis"] == "url"
    assert rating["page_claims"] == {
        "url": "https://www.reuters.com/world/talks-stall-2019-01-01/",
        "domain": "reuters.com", "matches": False}
    assert [n["kind"] for n in d["notes"]] == ["identity_mismatch"]
    assert "reuters.com" in d["notes"][0]["message"]


def test_user_url_beats_the_canonical_claim() -> None:
    d = newsaudit.analyze(BORROWED, url="https://www.infowars.com/posts/talks").to_dict()
    assert d["article"]["domain"] == "infowars.com"
    assert d["source_rating"]["domain"] == "infowars.com"
    assert d["source_rating"]["label"] == "low"
    assert d["source_rating"]["page_claims"]["matches"] is False


def test_same_site_canonical_is_no_warning() -> None:
    d = newsaudit.analyze(BORROWED, url="https://uk.reuters.com/article/x").to_dict()
    assert d["source_rating"]["page_claims"]["matches"] is True
    assert d["source_rating"]["domain"].endswith("reuters.com")
    assert not d["notes"]


def test_without_a_url_the_page_claim_is_rated_and_says_so() -> None:
    d = newsaudit.analyze(BORROWED).to_dict()
    assert d["source_rating"]["domain"] == "reuters.com"
    assert d["source_rating"]["basis"] == "page"
