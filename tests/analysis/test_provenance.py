"""Provenance: syndication notices, wire credits, hat tips, cited outlets, chain."""

from __future__ import annotations

import pytest

import newsaudit
from newsaudit.analysis.provenance import find_provenance


def _article(text: str, site: str | None = None) -> newsaudit.Article:
    """An Article whose body is every line (independent of the furniture model)."""
    article = newsaudit.read(text, site=site)
    start = 0
    for line in text.split("\n"):
        if line.strip():
            article.body.append((start, start + len(line)))
        start += len(line) + 1
    return article


def test_provenance_example_chain(example_dict: dict) -> None:
    chain = example_dict["provenance"]["chain"]
    assert [(c["name"], c["role"]) for c in chain] == [
        ("True Pundit", "publisher"),
        ("The Daily Caller News Foundation", "syndicated_from"),
        ("Al-Monitor", "primary_source"),
    ]


def test_provenance_example_al_monitor_mentions(example_dict: dict) -> None:
    text = example_dict["text"]
    cited = {c["name"]: c for c in example_dict["provenance"]["cited_sources"]}
    mentions = [text[m["start"]:m["end"]] for m in cited["Al-Monitor"]["mentions"]]
    for phrase in ("a report by the Al-Monitor", "told the Al-Monitor", "per the report",
                   "according to the report"):
        assert phrase in mentions


def test_provenance_example_licence_notice_evidence(example_dict: dict) -> None:
    (notice,) = example_dict["provenance"]["syndicated_from"]
    assert notice["name"] == "The Daily Caller News Foundation"
    assert notice["kind"] == "licence"
    ev = notice["evidence"]
    assert example_dict["text"][ev["start"]:ev["end"]] == ev["text"]
    assert ev["text"].startswith("Content created by The Daily Caller News Foundation")


@pytest.mark.parametrize(("text", "name", "kind"), [
    ("This article originally appeared on The Conversation. Read the original.",
     "The Conversation", "originally_published"),
    ("The post Senate passes bill appeared first on Breitbart.", "Breitbart", "appeared_first"),
    ("Republished with permission of Foreign Policy.", "Foreign Policy", "republished"),
    ("This story was originally published by ProPublica.", "ProPublica", "originally_published"),
    ("Originally published at Reason.", "Reason", "originally_published"),
])
def test_provenance_syndication_patterns(text: str, name: str, kind: str) -> None:
    prov = find_provenance(_article(text))
    assert [(n.name, n.kind) for n in prov.syndicated_from] == [(name, kind)]


@pytest.mark.parametrize(("text", "wire"), [
    ("WASHINGTON (AP) — The Senate voted on Tuesday to pass the bill.", "The Associated Press"),
    ("LONDON (Reuters) - British shares fell on Monday.", "Reuters"),
    ("PARIS (AFP) - France said on Friday it would act.", "Agence France-Presse"),
    ("The vote is expected next week.\n- The Associated Press", "The Associated Press"),
    ("By Reuters Staff\nShares rose.", "Reuters"),
])
def test_provenance_wire_credits(text: str, wire: str) -> None:
    prov = find_provenance(_article(text))
    assert [n.name for n in prov.wire] == [wire]


@pytest.mark.parametrize(("text", "name"), [
    ("Read the full memo here (h/t Hot Air).", "Hot Air"),
    ("H/T: Drudge Report", "Drudge Report"),
    ("The clip went viral overnight (via The Hill).", "The Hill"),
])
def test_provenance_hat_tips(text: str, name: str) -> None:
    prov = find_provenance(_article(text))
    assert [n.name for n in prov.hat_tips] == [name]


@pytest.mark.parametrize("text", [
    "The fund was created by the governor in 2015 and is available to all residents.",
    "The team created by Smith is available for interviews, he said.",
    "She sent the documents via email to the committee on Monday.",
    "The AFPAC conference drew hundreds of supporters.",
    "He told reporters that the talks would resume next week.",
])
def test_provenance_negatives(text: str) -> None:
    prov = find_provenance(_article(text))
    assert prov.syndicated_from == [] and prov.wire == [] and prov.hat_tips == []
    assert prov.cited_sources == []


def test_provenance_reported_and_anaphora_resolve_to_outlet() -> None:
    text = ("The New York Times reported on Sunday that the company would cut 4,000 jobs. "
            "The cuts will come in waves, according to the report.")
    prov = find_provenance(_article(text, site="Example News"))
    (src,) = prov.cited_sources
    assert src.name == "The New York Times"
    assert [m.text for m in src.mentions] == ["The New York Times reported",
                                              "according to the report"]
    assert [c.role for c in prov.chain] == ["publisher", "primary_source"]


def test_provenance_html_links_to_other_sites() -> None:
    html = ("<html><body><article><p>The budget was first described in "
            "<a href='https://www.politico.com/story/1'>a Politico story</a> last week, and "
            "the council voted on it on Tuesday evening after a long debate.</p>"
            "<p>See <a href='/local/2'>our earlier coverage</a> of the vote.</p>"
            "</article></body></html>")
    article = newsaudit.read(html, url="https://news.example/budget")
    article.body = [(0, len(article.text))]
    prov = find_provenance(article)
    links = [s for s in prov.cited_sources if s.kind == "link"]
    assert [(s.domain, [m.text for m in s.mentions]) for s in links] == [
        ("politico.com", ["a Politico story"])]
