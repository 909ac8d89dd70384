"""Reading HTML: page text one block a line, metadata, furniture kept."""

from __future__ import annotations

import gzip
import json

import pytest

import newsaudit
from newsaudit.errors import NoContentError
from newsaudit.html import read_html

PAGE = """<!doctype html><html><head><title>Budget passes | Daily Planet</title>
<meta property="og:site_name" content="Daily Planet">
<meta name="author" content="Lois Lane">
<meta property="article:published_time" content="2021-03-03">
<script>var x = "<p>not text</p>";</script><style>p{color:red}</style></head>
<body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>City council approves new budget after long debate</h1>
<p>The city council approved a $2.1&nbsp;billion budget on Tuesday after a debate that
lasted more than nine hours, the <b>longest</b> in the council's recent history.</p>
<p>Council members said the plan would restore funding for libraries and parks that had
been cut during the pandemic.<br>Fees for parking downtown will rise.</p></article>
<div class="share">Share on Facebook</div><footer>&copy; 2021 Daily Planet</footer>
</body></html>"""


def test_html_one_block_a_line() -> None:
    article = read_html(PAGE)
    lines = article.text.split("\n")
    assert lines[0] == "Home World"
    assert lines[1] == "City council approves new budget after long debate"
    assert lines[2].startswith("The city council approved a $2.1 billion budget")
    assert "longest in the council's" in lines[2]
    assert lines[4] == "Fees for parking downtown will rise."
    assert lines[-1] == "© 2021 Daily Planet"
    assert "not text" not in article.text and "color" not in article.text


def test_html_metadata_from_trafilatura() -> None:
    article = read_html(PAGE, url="https://www.dailyplanet.example/budget")
    assert article.meta.site_name == "Daily Planet"
    assert article.meta.authors == ["Lois Lane"]
    assert article.meta.published == "2021-03-03"
    assert article.meta.domain == "dailyplanet.example"
    assert "The city council approved" in article.meta.origin["main_text"]


def test_html_analyze_keeps_furniture_out_of_body() -> None:
    d = newsaudit.analyze(PAGE).to_dict()
    assert d["article"]["body"].startswith("The city council approved")
    kinds = {f["text"]: f["kind"] for f in d["furniture"]}
    assert kinds["Share on Facebook"] == "share"
    assert kinds["© 2021 Daily Planet"] == "legal"


@pytest.mark.parametrize("html", [
    "<html><head><title>t</title></head><body></body></html>",
    "<html><body><script>alert(1)</script><style>x{}</style></body></html>",
    "<html><head><meta charset='utf-8'></head></html>",
])
def test_html_without_text_is_no_content(html: str) -> None:
    with pytest.raises(NoContentError, match="no readable text"):
        read_html(html)


def test_html_deep_nesting_does_not_crash() -> None:
    html = "<html><body>" + "<div>" * 1500 + "deep text here" + "</div>" * 1500 + "</body></html>"
    assert "deep text here" in read_html(html).text


def test_html_scrapinghub_page_body(shared_data) -> None:
    root = shared_data / "scrapinghub_aeb"
    gold = json.loads((root / "ground-truth.json").read_text(encoding="utf-8"))
    key = "06e5123e4ef7cfb4533250dc45d1e03d0838fc66223f45c583c4d12f48b4da85"
    html = gzip.decompress((root / "html" / f"{key}.html.gz").read_bytes()).decode("utf-8")
    d = newsaudit.analyze(html).to_dict()
    assert d["article"]["site_name"] == "VentureBeat"
    assert d["article"]["body"].startswith("(Reuters) — The New York State Attorney General")
    assert "Got a news tip?" not in d["article"]["body"]
    assert gold[key]["articleBody"][:60] in d["article"]["body"]


def test_html_page_blocks_link_share() -> None:
    from newsaudit.html import page_blocks, parse_tree

    root, _ = parse_tree(PAGE)
    blocks = page_blocks(root.find("body"))
    shares = dict(blocks)
    assert shares["Home World"] == 1.0
    assert shares["Share on Facebook"] == 0.0
    body = [s for t, s in blocks if t.startswith("The city council approved")]
    assert body == [0.0]
    assert [t for t, _ in blocks] == read_html(PAGE).text.split("\n")


def test_html_page_blocks_partial_link_and_hidden_link() -> None:
    from newsaudit.html import page_blocks, parse_tree

    html = ('<html><body><p>Read <a href="/x">the full report</a> here.'
            '<a hidden href="/y">hidden link</a></p></body></html>')
    root, _ = parse_tree(html)
    [(text, share)] = page_blocks(root.find("body"))
    assert text == "Read the full report here."
    assert abs(share - len("thefullreport") / len("Readthefullreporthere.")) < 1e-9
