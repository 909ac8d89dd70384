"""The REST service, against real uvicorn servers on loopback (no other network)."""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import pytest
import uvicorn

from newsaudit.schema import validate
from newsaudit.service import ServiceConfig, create_app

#: Where the page test leaves its screenshot: NEWSAUDIT_SCREENSHOTS (the docs' pictures
#: are made with NEWSAUDIT_SCREENSHOTS=docs/img), else the test's temporary folder.
SCREENSHOTS = Path(os.environ.get("NEWSAUDIT_SCREENSHOTS", ""))


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class _Server:
    """A uvicorn server in a thread of the test process, stopped at the end."""

    def __init__(self, config: ServiceConfig):
        self.port = _free_port()
        self.server = uvicorn.Server(uvicorn.Config(create_app(config), host="127.0.0.1",
                                                    port=self.port, log_level="warning"))
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> _Server:
        self.thread.start()
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            try:
                if httpx.get(f"{self.url}/healthz", timeout=2).status_code == 200:
                    return self
            except httpx.TransportError:
                pass
            time.sleep(0.2)
        raise AssertionError("server did not become ready")

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=30)


@pytest.fixture(scope="module")
def serve() -> Iterator[Callable[[ServiceConfig], str]]:
    servers: list[_Server] = []

    def start(config: ServiceConfig) -> str:
        servers.append(_Server(config).start())
        return servers[-1].url

    yield start
    for s in servers:
        s.stop()


@pytest.fixture(scope="module")
def api(serve) -> str:
    return serve(ServiceConfig(max_body=1_000_000, queue=0, time_budget=60))


def test_analyze_text_returns_the_report(api: str, example_text: str) -> None:
    r = httpx.post(f"{api}/v1/analyze", json={"text": example_text}, timeout=60)
    assert r.status_code == 200 and r.headers["content-type"] == "application/json"
    report = r.json()
    validate(report)
    assert report["text"] == example_text
    assert report["source_rating"]["name"] == "True Pundit"
    speakers = [a["speaker"]["text"] for a in report["attributions"] if a["speaker"]]
    assert "a former diplomat" in speakers


def test_analyze_html_format_is_the_html_report(api: str, example_text: str) -> None:
    r = httpx.post(f"{api}/v1/analyze?format=html", json={"text": example_text}, timeout=60)
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    assert "Content-Security-Policy" in r.text and "a former diplomat" in r.text


def test_analyze_text_is_never_read_as_a_server_path(api: str) -> None:
    r = httpx.post(f"{api}/v1/analyze", json={"text": "/etc/passwd"}, timeout=60)
    assert r.status_code in (200, 422)
    if r.status_code == 200:
        assert r.json()["text"] == "/etc/passwd"


def test_analyze_options_are_applied(api: str, example_text: str) -> None:
    r = httpx.post(f"{api}/v1/analyze", json={"text": example_text, "min_confidence": 0.95,
                                              "stages": ["parse.furniture", "nlp",
                                                         "analysis.provenance",
                                                         "analysis.sourcing"]}, timeout=60)
    assert r.status_code == 200
    report = r.json()
    assert report["attributions"] and all(a["confidence"] >= 0.95
                                          for a in report["attributions"])
    assert report["claims"] == [] and report["source_rating"] == {}


@pytest.mark.parametrize(("body", "status", "message"), [
    (b"not json", 422, "Invalid JSON"),
    (b"{}", 422, "give one of text, html or url"),
    (b'{"text": "a", "html": "<p>b</p>"}', 422, "give text or html, not both"),
    (b'{"text": "   "}', 422, "empty"),
    (b'{"url": "http://127.0.0.1/story"}', 403, "127.0.0.1"),
    (b'{"url": "ftp://example.com/story"}', 400, "ftp"),
    (b'{"text": "Some words.", "stages": ["no.such.stage"]}', 400, "no.such.stage"),
])
def test_bad_requests_get_json_errors_with_the_right_status(api: str, body: bytes,
                                                            status: int, message: str) -> None:
    r = httpx.post(f"{api}/v1/analyze", content=body,
                   headers={"content-type": "application/json"}, timeout=60)
    assert r.status_code == status, r.text
    error = r.json()["error"]
    assert message.lower() in error["message"].lower()
    assert "\n" not in error["message"] and "Traceback" not in r.text


def test_body_over_the_limit_is_413(api: str) -> None:
    r = httpx.post(f"{api}/v1/analyze", json={"text": "word " * 250_000}, timeout=60)
    assert r.status_code == 413
    assert "over 1,000,000 bytes" in r.json()["error"]["message"]


def test_past_capacity_answers_503_with_retry_after(api: str, example_text: str) -> None:
    long_text = "\n\n".join([example_text] * 12)
    result: dict[str, int] = {}
    first = threading.Thread(target=lambda: result.update(code=httpx.post(
        f"{api}/v1/analyze", json={"text": long_text}, timeout=120).status_code))
    first.start()
    deadline = time.monotonic() + 30
    while httpx.get(f"{api}/healthz").json()["in_flight"] == 0:
        assert time.monotonic() < deadline
        time.sleep(0.01)
    busy = httpx.post(f"{api}/v1/analyze", json={"text": example_text}, timeout=60)
    first.join()
    assert busy.status_code == 503 and busy.headers["retry-after"] == "2"
    assert result["code"] == 200


def test_time_budget_gives_504(serve, example_text: str) -> None:
    url = serve(ServiceConfig(time_budget=0.001))
    r = httpx.post(f"{url}/v1/analyze", json={"text": example_text}, timeout=60)
    assert r.status_code == 504
    assert r.json()["error"]["type"] == "Timeout"


def test_sources_endpoint(api: str) -> None:
    r = httpx.get(f"{api}/v1/sources/reuters.com")
    assert r.status_code == 200 and r.json()["label"] == "high"
    assert httpx.get(f"{api}/v1/sources/no-such-outlet.example").status_code == 404


def test_health_docs_and_page(api: str) -> None:
    health = httpx.get(f"{api}/healthz").json()
    assert health["status"] == "ok" and health["capacity"] == 1
    assert "/v1/analyze" in httpx.get(f"{api}/openapi.json").json()["paths"]
    assert httpx.get(f"{api}/docs").status_code == 200
    page = httpx.get(f"{api}/")
    assert page.status_code == 200 and "script-src 'nonce-" in page.headers[
        "content-security-policy"]
    assert 'sandbox="allow-scripts"' in page.text


def _browser():
    """Headless Debian Chromium driven by its chromedriver (both from .ci/run's apt step)."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    chromium, driver = shutil.which("chromium"), shutil.which("chromedriver")
    assert chromium and driver, "chromium and chromium-driver are not installed"
    opts = webdriver.ChromeOptions()
    opts.binary_location = chromium
    for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                 "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--window-size=1400,1000"):
        opts.add_argument(flag)
    return webdriver.Chrome(service=Service(executable_path=driver), options=opts)


def test_page_in_chromium_shows_the_audit_of_a_pasted_article(api: str, example_text: str,
                                                              tmp_path) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.ui import WebDriverWait

    browser = _browser()
    try:
        browser.get(f"{api}/")
        browser.execute_script("document.getElementById('text').value = arguments[0]",
                               example_text)
        browser.find_element(By.ID, "go").click()
        WebDriverWait(browser, 120).until(
            lambda b: b.find_element(By.ID, "report").get_attribute("srcdoc"))
        WebDriverWait(browser, 30).until(ec.frame_to_be_available_and_switch_to_it("report"))
        WebDriverWait(browser, 30).until(
            lambda b: b.find_elements(By.CSS_SELECTOR, ".na.na-ready"))
        chain = [n.text for n in browser.find_elements(By.CSS_SELECTOR, ".chain .node")]
        assert chain[0].startswith("True Pundit") and "low" in chain[0]
        assert any("Al-Monitor" in n for n in chain)
        speaker = browser.find_elements(By.CSS_SELECTOR, ".spk.t-anonymous")
        assert "a former diplomat" in " ".join(s.text for s in speaker)
        quote = browser.find_elements(By.CSS_SELECTOR, ".say.t-anonymous")
        assert "Last week, the Americans and Russia met in Jordan" in "".join(
            q.text for q in quote)
        rating = browser.find_element(By.XPATH, "//section[h2='Source rating']").text
        assert "truepundit.com" in rating and "low" in rating
        speaker[0].click()  # the evidence box lists the attribution and its confidence
        detail = browser.find_element(By.CSS_SELECTOR, ".detail")
        assert detail.is_displayed() and "confidence" in detail.text
        browser.switch_to.default_content()
        browser.save_screenshot(str(SCREENSHOTS / "page.png") if SCREENSHOTS.name else
                                str(tmp_path / "page.png"))
    finally:
        browser.quit()
