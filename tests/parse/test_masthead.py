"""The masthead of the example page."""

from __future__ import annotations

import gzip
import json

import pytest

import newsaudit


def test_masthead_example_site_sections_title(example_dict: dict) -> None:
    art = example_dict["article"]
    assert art["site_name"] == "True Pundit"
    assert art["sections"] == ["Politics", "Security", "World"]
    assert art["title"] == "Trump Administration In Secret Talks With Russia Over Syria Conflict"


def test_masthead_example_spans_point_into_text(example_dict: dict) -> None:
    text = example_dict["text"]
    mast = example_dict["article"]["masthead"]
    assert text[mast["site_name"]["start"]:mast["site_name"]["end"]] == "True Pundit"
    sections = [text[s["start"]:s["end"]] for s in mast["sections"]]
    assert sections == ["Politics", "Security", "World"]
    assert mast["title"]["start"] == text.index("Trump Administration")


def _page(shared_data, key: str) -> dict:
    root = shared_data / "scrapinghub_aeb"
    url = json.loads((root / "ground-truth.json").read_text(encoding="utf-8"))[key]["url"]
    html = gzip.decompress((root / "html" / f"{key}.html.gz").read_bytes())
    return newsaudit.analyze(html, url=url).to_dict()["article"]["masthead"]


@pytest.mark.parametrize(("key", "sections"), [
    # "Contact CT Post": a service link and the site's own name (ctpost.com).
    ("05844573ca7e1fba714d715bb11ca08c26e25328999c74a1cb3bc8a0e4399f0f", []),
    # "November 20": a date.
    ("287e4d9f4af31733aad6534aefb2bd00fb344ec8d6ebf1ac99dbc4d762da0ca4", []),
    # "Support The Guardian": an appeal naming the site.
    ("5fa3154ec031ab35411a457d78eb5aa92c0e803c5329bd05c001e6d64009e206", []),
    # One name with a joining word, not four sections.
    ("7a664e40d256470fdb12d10c3f8d1c6db0581e9b080c71765e55f273a3ac7d03",
     ["Vindman & Williams Hearing"]),
])
def test_masthead_sections_of_real_pages(shared_data, key: str, sections: list[str]) -> None:
    assert [s["text"] for s in _page(shared_data, key)["sections"]] == sections


def test_masthead_sections_leave_out_service_links_and_weather() -> None:
    text = "\n".join([
        "Daily Planet",
        "About Us | Local | Politics | 67° | Contact",
        "City council approves new budget after long debate",
        "The city council approved a $2.1 billion budget on Tuesday after a debate that lasted "
        "more than nine hours, the longest in the council's recent history.",
    ])
    d = newsaudit.analyze(text).to_dict()
    assert d["article"]["sections"] == ["Local", "Politics"]
