"""Body and furniture on the example page and on snippets."""

from __future__ import annotations

import itertools

import pytest

import newsaudit
from newsaudit.parse.lexicon import furniture_kind
from newsaudit.parse.lines import split_lines

FURNITURE_LINES = [
    "Like Our News? Then Help Support Our Independent Journalism!",
    "We can only deliver independent news & Intel with your support. Keep our unique voice alive.",
    "Select Payment Method",
    "Personal Info",
    "Follow on FacebookFollow on Twitter",
    "Leave a Reply",
]


def _furniture_texts(d: dict) -> dict[str, str]:
    return {f["text"]: f["kind"] for f in d["furniture"]}


def test_furniture_example_body_starts_at_story(example_dict: dict) -> None:
    assert example_dict["article"]["body"].startswith("U.S. and Russian diplomats")


def test_furniture_example_body_keeps_israel_jordan_and_airstrike(example_dict: dict) -> None:
    body = example_dict["article"]["body"]
    assert "The U.S. is particularly concerned with southern Syria due to its proximity to " \
           "Israel and Jordan" in body
    assert "Trump signed off on an airstrike on a Syrian government air base" in body
    assert "per the report." in body


@pytest.mark.parametrize("line", FURNITURE_LINES)
def test_furniture_example_lines_are_furniture_not_body(example_dict: dict, line: str) -> None:
    assert line in _furniture_texts(example_dict)
    assert line not in example_dict["article"]["body"]


def test_furniture_example_licence_line(example_dict: dict) -> None:
    kinds = _furniture_texts(example_dict)
    notice = "Content created by The Daily Caller News Foundation"
    licence = [t for t in kinds if t.startswith(notice)]
    assert len(licence) == 1
    assert kinds[licence[0]] == "licence"
    assert licence[0] not in example_dict["article"]["body"]


def test_furniture_example_kinds(example_dict: dict) -> None:
    kinds = _furniture_texts(example_dict)
    assert kinds["Select Payment Method"] == "donation"
    assert kinds["Follow on FacebookFollow on Twitter"] == "share"
    assert kinds["Leave a Reply"] == "comments"


def test_furniture_offsets_cover_exact_text(example_dict: dict) -> None:
    text = example_dict["text"]
    for f in example_dict["furniture"]:
        assert text[f["start"]:f["end"]] == f["text"]
    spans = [(f["start"], f["end"]) for f in example_dict["furniture"]]
    spans += [(s["start"], s["end"]) for s in example_dict["article"]["body_spans"]]
    spans.sort()
    assert all(a[1] <= b[0] for a, b in itertools.pairwise(spans)), "overlap"


@pytest.mark.parametrize(("line", "kind"), [
    ("Share this article", "share"),
    ("Subscribe to our newsletter", "subscription"),
    ("This article originally appeared on The Conversation.", "licence"),
    ("The post Trump signs order appeared first on Breitbart.", "licence"),
    ("© 2019 Example Media. All rights reserved.", "legal"),
    ("Related Articles", "related"),
    ("Advertisement", "advertising"),
    ("Leave a Comment", "comments"),
    ("Skip to main content", "navigation"),
    ("Donate now to keep us going", "donation"),
    ("(RELATED: Obama's Nuclear Deal with Iran: Worse Than We Could Have Imagined)", "related"),
    ("Democrat Bill Nelson concedes Florida Senate seat to Rick Scott Read more", "related"),
    # USA Today opinion, allsides:p5eTLwpLMWEmQW1E.
    ("Read: Stop trusting viral videos", "related"),
    ("Pledge $20.20 to this campaign and share it: https://t.co/4HPtATVrXc "
     "pic.twitter.com/ZkdI3u57yY — Ady Barkan (@AdyBarkan) August 16, 2018", "embed"),
    ("Nancy Reagan embodied what it means to represent America as First Lady and her dignified "
     "and warm demeanor inspired America — Reince Priebus (@Reince) March 6, 2016", "embed"),
    ("A man carries an inflatable Earth balloon at the People's Climate March in New York City "
     "in 2014. (Mike Segar/Reuters)", "caption"),
    ("President Obama delivers remarks to members of the news media on July 1, 2016. "
     "(Photo: Michael Reynolds, European Pressphoto Agency)", "caption"),
    ("Do You Approve Or Disapprove of President Obama's Job Performance? Vote Now in Urgent "
     "Poll", "poll"),
    ("62% of readers think the deal was a mistake", "poll"),
])
def test_furniture_phrases_kind(line: str, kind: str) -> None:
    assert furniture_kind(line) == kind


@pytest.mark.parametrize("line", [
    "The senator said she would follow the committee's lead on Twitter policy next week.",
    "Officials created by decree a new agency to oversee the elections, the report said.",
    "He urged supporters to donate to flood victims, according to a statement issued by the "
    "governor's office on Tuesday afternoon in the capital.",
    "With over 90 percent of the vote now counted, the centrist Blue and White party looks to "
    "have won the largest number of seats.",
    "He said he would read more of the report before deciding, and that photos of the site "
    "(which the agency released on Monday) showed the damage.",
    "Trump wrote on Twitter that the deal was the worst in history, and the White House "
    "repeated the claim on March 6, 2016.",
])
def test_furniture_phrases_not_in_prose(line: str) -> None:
    assert furniture_kind(line) is None


def test_furniture_generic_page_text() -> None:
    text = "\n".join([
        "Daily Planet",
        "Home | World | Business | Sport",
        "City council approves new budget after long debate",
        "By Lois Lane",
        "March 3, 2021",
        "The city council approved a $2.1 billion budget on Tuesday after a debate that lasted "
        "more than nine hours, the longest in the council's recent history.",
        "Council members said the plan would restore funding for libraries and parks that had "
        "been cut during the pandemic, while raising fees for parking downtown.",
        "Share on Facebook",
        "Subscribe to our newsletter",
        "© 2021 Daily Planet. All rights reserved.",
    ])
    d = newsaudit.analyze(text).to_dict()
    assert d["article"]["body"].startswith("The city council approved")
    assert d["article"]["body"].endswith("parking downtown.")
    assert d["article"]["title"] == "City council approves new budget after long debate"
    assert d["article"]["site_name"] == "Daily Planet"
    # "Home" is a navigation link, not a section.
    assert d["article"]["sections"] == ["World", "Business", "Sport"]
    assert d["article"]["authors"] == ["Lois Lane"]
    assert d["article"]["published"] == "March 3, 2021"


def test_furniture_split_lines_offsets() -> None:
    text = "  one line \n\n two \n"
    lines = split_lines(text)
    assert [(ln.start, ln.end, ln.text) for ln in lines] == [(2, 10, "one line"), (14, 17, "two")]


GERMAN_PAGE = """<html><head><title>Haushalt beschlossen</title></head><body>
<nav><a href="/">Startseite</a> <a href="/p">Politik</a> <a href="/w">Wirtschaft</a></nav>
<article><h1>Bundestag beschließt neuen Haushalt</h1>
<p>Der Bundestag hat am Dienstag den Haushalt für das kommende Jahr beschlossen, nachdem die
Debatte mehr als neun Stunden gedauert hatte, so lange wie seit Jahren nicht mehr.</p>
<p>Die Abgeordneten sagten, der Plan werde die Mittel für die Bibliotheken und die Parks
wieder erhöhen, die in der Pandemie gekürzt worden waren. Die Gebühren für das Parken in
der Innenstadt sollen dagegen steigen, wie die Regierung am Abend mitteilte.</p></article>
<div>Teilen auf Facebook</div><footer>Impressum Datenschutz Kontakt</footer></body></html>"""


def test_furniture_other_language_with_html_keeps_the_extractors_body() -> None:
    from newsaudit.html import read_html
    from newsaudit.parse.furniture import extractor_held, looks_english

    article = read_html(GERMAN_PAGE)
    lines = split_lines(article.text)
    assert not looks_english(lines)
    d = newsaudit.analyze(GERMAN_PAGE).to_dict()
    held = [ln.text for ln, k in zip(lines, extractor_held(lines, article.meta.origin["main_text"]),
                                     strict=True) if k]
    assert d["article"]["body"].startswith("Der Bundestag hat am Dienstag")
    assert "Die Gebühren für das Parken" in d["article"]["body"]
    assert "Startseite" not in d["article"]["body"]
    assert all(t in d["article"]["body"] or t in (d["article"]["title"] or "") for t in held)


def test_furniture_english_page_reads_as_english(example_text: str) -> None:
    from newsaudit.parse.furniture import looks_english

    assert looks_english(split_lines(example_text))


def test_furniture_wire_dateline_lead_is_body_on_real_reuters_texts() -> None:
    """Scraped Reuters stories open with their dateline lead, often followed by the
    photo's caption; the lead was called navigation in 64 of 176 (36%) of the
    first 200 AllSides Reuters texts, a lost first paragraph each time."""
    import gzip
    import json

    from newsaudit.data import dataset
    from newsaudit.parse.furniture import DATELINE_LEAD

    leads = cut = 0
    with gzip.open(dataset("allsides_article_bias") / "articles.jsonl.gz", "rt",
                   encoding="utf-8") as fh:
        for line in fh:
            if "reuters.com" not in line:
                continue
            row = json.loads(line)
            if "reuters.com" not in (row.get("url") or ""):
                continue
            text = row["content_original"]
            first = split_lines(text)[0]
            if not DATELINE_LEAD.match(first.text):
                continue
            leads += 1
            article = newsaudit.analyze(text, options=newsaudit.Options(
                stages=("furniture",))).article
            cut += any(f.start <= first.start < f.end for f in article.furniture)
            if leads == 60:
                break
    assert leads == 60
    assert cut <= 1, f"{cut} of {leads} dateline leads cut from the body"
