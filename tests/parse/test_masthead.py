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


# Openings of real pages read as plain text (AllSides: NPR, The Guardian;
# FakeNewsCorpus: Canada Free Press, NaturalNews), cut after the first paragraph.
NPR = ("Robert Mueller's Russia Report Is Coming Thursday. Here's What You Need To Know\n\n"
       "Enlarge this image toggle caption Saul Loeb/AFP/Getty Images Saul Loeb/AFP/Getty "
       "Images\n\nUpdated at 12:33 p.m. EST\n\nThe Justice Department says it plans to release "
       "special counsel Robert Mueller's report on Thursday morning. Here's what you need to "
       "know.\n\nMueller was appointed in the spring of 2017 to investigate whether President "
       "Trump's campaign conspired with the Russian interference in the 2016 election.\n")
NPR_URL = ("https://www.npr.org/2019/04/15/712720679/robert-muellers-russia-report-is-coming-"
           "soon-here-s-what-you-need-to-know")
GUARDIAN = ("Florida senator gets big applause by saying US-Cuba thaw had simply allowed more "
            "money to flow to Castro regime instead of lifting Cuban people\n\n"
            "This article is more than 3 years old\n\nThis article is more than 3 years old\n\n"
            "Marco Rubio scored a huge hit on the Republican debate stage in Miami on Thursday "
            "night, with strident rhetoric on the subject of Barack Obama’s reopening of "
            "relations with Cuba.\n")
CFP = ("Subscribe to Canada Free Press for FREE\n\nHow Do Hand Sanitizers Work?\n\n"
       "WASHINGTON — Alcohol-based hand sanitizers are the ubiquitous little squeeze-bottle "
       "heroes of airports and hospitals, our allies during cold and flu season, and supposedly "
       "effective against a huge variety of disease-causing viruses and bacteria.\n")
NATURAL = ("(NaturalNews) If you thought Big Pharma couldn't sink any lower, you were wrong. A "
           "recent report led by the Center for Public Integrity has revealed that the "
           "manufacturers of opioid drugs spent a whopping $880 million on campaign "
           "contributions and lobbying efforts.\n")

_ONLY = newsaudit.Options(stages=("parse.furniture",))


def _article(text: str, **kw: str) -> dict:
    return newsaudit.analyze(text, options=_ONLY, **kw).to_dict()["article"]


def test_masthead_update_stamp_and_caption_are_not_the_title() -> None:
    art = _article(NPR)
    assert art["title"].startswith("Robert Mueller's Russia Report Is Coming Thursday")


def test_masthead_age_banner_is_not_the_title() -> None:
    assert "more than 3 years old" not in (_article(GUARDIAN)["title"] or "")


def test_masthead_text_with_url_fills_domain_date_and_site() -> None:
    art = _article(NPR, url=NPR_URL)
    assert (art["domain"], art["published"]) == ("npr.org", "2019-04-15")
    assert (art["site_name"], art["site_name_method"]) == ("NPR", "url")


@pytest.mark.parametrize(("text", "site", "method"), [
    (CFP, "Canada Free Press", "subscription line"),
    (NATURAL, "NaturalNews", "dateline credit"),
])
def test_masthead_site_from_the_page_naming_itself(text: str, site: str, method: str) -> None:
    art = _article(text)
    assert (art["site_name"], art["site_name_method"]) == (site, method)
    span = art["masthead"]["site_name"]
    assert text[span["start"]:span["end"]] == site


def test_masthead_self_reference_of_another_domain_not_taken() -> None:
    # With a URL, a name that is not its site's is the origin, not the page's site.
    art = _article(CFP, url="https://example-reposts.com/2020/03/01/sanitizers")
    assert art["site_name"] is None and art["domain"] == "example-reposts.com"


def test_masthead_site_rated_from_self_reference() -> None:
    report = newsaudit.analyze(CFP, options=newsaudit.Options(
        stages=("parse.furniture", "judge.reputation")))
    assert report.to_dict()["source_rating"]["domain"] == "canadafreepress.com"


def test_masthead_unknown_site_gets_a_hint() -> None:
    from newsaudit.render import render_text

    text = GUARDIAN.split("\n\n", 1)[1]
    report = newsaudit.analyze(text, options=_ONLY)
    assert report.to_dict()["article"]["site_name"] is None
    assert "pass --url or --site" in render_text(report, width=200)


@pytest.mark.parametrize(("url", "date"), [
    (NPR_URL, "2019-04-15"),
    ("http://www.theguardian.com/us-news/2016/mar/10/marco-rubio-debate", "2016-03-10"),
    ("https://example.com/news/20190415/story", "2019-04-15"),
    ("https://example.com/2019-04-15-story", "2019-04-15"),
    ("https://www.naturalnews.com/055405_opioids_Big_Pharma.html", None),
    ("https://example.com/2019/13/45/x", None),
])
def test_masthead_url_date(url: str, date: str | None) -> None:
    from newsaudit.parse.site import url_date

    assert url_date(url) == date
