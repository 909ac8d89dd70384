"""The HTML report: what it shows, and that nothing from the article runs or escapes.

The browser tests run Debian's Chromium headless (installed by .ci/run) on the page
and read the DOM after its scripts ran.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from lxml import html as lxml_html

import newsaudit
from newsaudit.cli import main
from newsaudit.report_html import percentile, signal_ranges

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")

HOSTILE = [
    # Plain text that looks like markup.
    "Officials said the plan works. <script>document.title='PWNED'</script> "
    "The mayor said: \"<img src=x onerror=\"document.body.dataset.pwned=1\">\" and left.\n\n"
    "Click <a href=\"javascript:document.body.dataset.pwned=2\">here</a> or "
    "<a href=\"data:text/html,<script>alert(1)</script>\">there</a>.\n\n"
    "</div></span><!-- <style>body{display:none}</style> ]]> </script><svg onload=alert(1)>",
    # A page of HTML whose text carries escaped markup and whose markup is hostile.
    "<html><head><style>body{display:none}</style><script>document.title='PWNED'</script>"
    "</head><body><h1 onclick=\"document.title='PWNED'\">Council votes</h1>"
    "<p>The council said on Monday that &lt;script&gt;document.title='PWNED'&lt;/script&gt; "
    "was in the minutes, according to a report by the Daily Planet.</p>"
    "<p><a href=\"javascript:alert(1)\">javascript link</a> <img src=x onerror=alert(1)>"
    "<iframe src=\"data:text/html,<script>parent.document.title='PWNED'</script>\"></iframe>"
    "</p><p>Broken <b><i>markup</b> \"</script><script>document.title='PWNED'</script>\""
    "</p></body></html>",
]


def _report_html(text: str) -> str:
    return newsaudit.analyze(text.encode("utf-8")).to_html()


def _tree(page: str):
    return lxml_html.document_fromstring(page)


@pytest.mark.parametrize("text", HOSTILE)
def test_html_report_leaves_no_active_markup_from_the_article(text: str) -> None:
    tree = _tree(_report_html(text))
    scripts = tree.xpath("//script")
    assert len(scripts) == 2  # the findings (JSON, not run) and the page's own script
    assert scripts[0].get("type") == "application/json"
    assert "PWNED" not in (scripts[1].text or "")
    assert not tree.xpath("//img | //iframe | //svg | //a[@href] | //form | //link | //base")
    assert not [a for el in tree.iter() if isinstance(el.tag, str)
                for a in el.attrib if a.lower().startswith("on")]
    assert len(tree.xpath("//style")) == 1


def test_html_report_shows_the_example_findings(example_report) -> None:
    page = example_report.to_html()
    tree = _tree(page)
    text = tree.find_class("text")[0].text_content()
    assert text == example_report.article.text  # the whole page text, exactly
    struck = {el.text_content() for el in tree.find_class("fur")}
    assert "Select Payment Method" in struck
    anonymous = [el.text_content() for el in tree.xpath(
        "//span[contains(@class,'spk') and contains(@class,'t-anonymous')]")]
    assert "a former diplomat" in "".join(anonymous)
    chain = [n.text_content() for n in tree.find_class("node")]
    assert chain[0].startswith("True Pundit") and "low" in chain[0]
    assert any("Al-Monitor" in n for n in chain)
    assert "Lin et al. 2023 (pc1)" in tree.xpath("string(//aside)")


def test_html_report_signal_bars_are_percentiles_of_allsides() -> None:
    q = signal_ranges()["complexity.word_count"]
    assert percentile(q[0] - 1, q) == 0.0 and percentile(q[-1] + 1, q) == 100.0
    assert percentile(q[10], q) == pytest.approx(50.0)


def test_cli_writes_the_html_report(tmp_path: Path, example_path: Path) -> None:
    out = tmp_path / "report.html"
    assert main(["analyze", str(example_path), "--format", "html", "--out", str(out)]) == 0
    page = out.read_text(encoding="utf-8")
    assert page.startswith("<!doctype html>") and "http://" not in page.split("<body>")[0]
    assert re.search(r"script-src 'sha256-[\w+/=]+'", page)


def test_repr_html_is_a_fragment(example_report) -> None:
    fragment = example_report._repr_html_()
    assert fragment.startswith('<div class="na">') and "<html" not in fragment


def _dump_dom(path: Path) -> str:
    assert CHROMIUM, "chromium is not installed (.ci/run installs Debian's chromium)"
    result = subprocess.run(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
         "--no-first-run", "--disable-background-networking", "--disable-component-update",
         "--disable-sync", f"--user-data-dir={path.parent / 'profile'}",
         "--virtual-time-budget=3000", "--dump-dom", path.as_uri()],
        capture_output=True, text=True, timeout=120, check=True)
    return result.stdout


@pytest.mark.parametrize("text", HOSTILE)
def test_in_chromium_nothing_from_the_article_runs(tmp_path: Path, text: str) -> None:
    page = tmp_path / "report.html"
    page.write_text(_report_html(text), encoding="utf-8")
    dom = _dump_dom(page)
    assert 'class="na na-ready"' in dom  # the page's own script did run
    assert "<title>PWNED" not in dom and "data-pwned" not in dom
    tree = _tree(dom)
    assert not tree.xpath("//img | //iframe | //svg | //a[@href]")
    assert tree.findtext(".//title") != "PWNED"
