"""Credibility: the verdict, its criteria and the must-show cases on real articles."""

from __future__ import annotations

import gzip
import json
import re

import pytest

import newsaudit
from newsaudit.data import dataset
from newsaudit.judge.credibility import MIN_WORDS, label_of
from newsaudit.judge.criteria import WEIGHTS
from newsaudit.judge.textmodel import load_model

#: AllSides articles (Baly et al. 2020) the tests read: a Reuters and an AP wire
#: story, a first-person column (Townhall, "Welcome to Gunsite Academy"), a shouting
#: headline (The Daily Wire).
REUTERS = "0NmmSZWX7NQXrVZt"
AP = "BYcNYUqVfWyOr4U0"
COLUMN = "CZnyMeax3iLYAdV6"
SHOUTING = "I8czxQwEWfqtgLiS"
LABELLED = "73TrafVf1Yi8jbyw"  # "OPINION: Donald Trump vs. the Food Snobs"


@pytest.fixture(scope="session")
def allsides() -> dict[str, dict]:
    wanted = {REUTERS, AP, COLUMN, SHOUTING, LABELLED}
    found: dict[str, dict] = {}
    path = dataset("allsides_article_bias") / "articles.jsonl.gz"
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            if any(f'"{w}"' in line for w in wanted):
                row = json.loads(line)
                if row["ID"] in wanted:
                    found[row["ID"]] = row
            if len(found) == len(wanted):
                break
    return found


def _audit(row: dict, *, with_url: bool = True) -> dict:
    text = f"{row['title']}\n\n{row['content_original']}"
    report = newsaudit.analyze(text, url=row["url"] if with_url else None)
    return report.to_dict()["credibility"]


def _criterion(cred: dict, cid: str) -> dict:
    return next(c for c in cred["criteria"] if c["id"] == cid)


def _cut(text: str) -> str:
    """The example without its masthead ("True Pundit", sections) and licence line."""
    lines = [ln for ln in text.split("\n") if not ln.startswith("Content created by")]
    return "\n".join(lines[4:])


def test_credibility_example_caution_with_reasons(example_dict: dict) -> None:
    cred = example_dict["credibility"]
    assert cred["label"] in ("maximum caution", "proceed with caution")
    assert cred["score"] < 60
    reasons = " ".join(cred["reasons"])
    assert "truepundit.com is rated low" in reasons
    assert "anonymous" in reasons and "“a former diplomat”" in reasons
    assert "secondhand" in reasons and "Al-Monitor" in reasons
    assert "donation appeal inside the body" in reasons
    assert cred["basis"]["kind"] == "site and article"
    assert set(cred["basis"]["parts"]) == {"site_ratings", "article"}
    assert cred["model"]["name"] and cred["model"]["version"]
    assert 0.0 <= cred["probability"] <= 1.0


def test_credibility_example_evidence_indexes_text(example_dict: dict) -> None:
    text = example_dict["text"]
    for c in example_dict["credibility"]["criteria"]:
        assert 0 <= c["points"] <= c["max_points"] == WEIGHTS[c["id"]]
        assert c["reason"]
        for ev in c["evidence"]:
            assert text[ev["start"]:ev["end"]] == ev["text"]


def test_credibility_example_without_masthead_is_judged_from_text(example_text: str) -> None:
    cut = _cut(example_text)
    assert "True Pundit" not in cut and "Daily Caller" not in cut
    cred = newsaudit.analyze(cut).to_dict()["credibility"]
    assert cred["score"] < 60
    assert cred["basis"]["kind"] == "article"
    ids = {c["id"] for c in cred["criteria"]}
    assert "site_reputation" not in ids
    assert _criterion(cred, "appeals")["points"] == 0


def test_credibility_wire_story_generally_credible(allsides: dict) -> None:
    for key in (REUTERS, AP):
        cred = _audit(allsides[key])
        assert cred["label"] == "generally credible", (key, cred["reasons"])
        assert _criterion(cred, "provenance")["points"] == WEIGHTS["provenance"]


def test_credibility_site_reputation_from_raters(example_dict: dict) -> None:
    c = _criterion(example_dict["credibility"], "site_reputation")
    assert c["points"] < 0.2 * c["max_points"]
    assert [e["text"] for e in c["evidence"]] == ["True Pundit"]


def test_credibility_sourcing_names_anonymous_and_secondhand(example_dict: dict) -> None:
    c = _criterion(example_dict["credibility"], "sourcing")
    assert c["points"] < 0.5 * c["max_points"]
    assert "a former diplomat" in [e["text"] for e in c["evidence"]]
    assert "no named person quoted" in c["reason"]


def test_credibility_sourcing_wire_story_named_people(allsides: dict) -> None:
    c = _criterion(_audit(allsides[REUTERS]), "sourcing")
    assert c["points"] > 0.5 * c["max_points"]
    assert re.search(r"\d+ from named people", c["reason"])


def test_credibility_opinion_first_person_column(allsides: dict) -> None:
    column = _criterion(_audit(allsides[COLUMN]), "opinion")
    assert column["points"] < column["max_points"]
    assert "first person" in column["reason"]
    wire = _criterion(_audit(allsides[REUTERS]), "opinion")
    assert wire["points"] == wire["max_points"]


def test_credibility_headline_shouting_cue(allsides: dict) -> None:
    c = _criterion(_audit(allsides[SHOUTING]), "headline")
    assert c["points"] < c["max_points"]
    assert "all_caps “SHOCK”" in c["reason"]
    assert "SHOCK" in [e["text"] for e in c["evidence"]]


def test_credibility_headline_opinion_label_is_not_shouting(allsides: dict) -> None:
    c = _criterion(_audit(allsides[LABELLED]), "headline")
    assert "OPINION" not in c["reason"]


def test_credibility_provenance_notice_then_cited_outlet(example_dict: dict,
                                                         example_text: str) -> None:
    full = _criterion(example_dict["credibility"], "provenance")
    assert full["points"] == full["max_points"]
    assert "Daily Caller News Foundation" in full["reason"]
    cut = _criterion(newsaudit.analyze(_cut(example_text)).to_dict()["credibility"],
                     "provenance")
    assert 0 < cut["points"] < cut["max_points"]
    assert "Al-Monitor" in cut["reason"]


def test_credibility_appeals_donation_in_body(example_dict: dict) -> None:
    c = _criterion(example_dict["credibility"], "appeals")
    assert c["points"] == 0
    assert "Like Our News? Then Help Support Our Independent Journalism!" in [
        e["text"] for e in c["evidence"]]


def test_credibility_origin_reputation_rates_chain(example_dict: dict) -> None:
    c = _criterion(example_dict["credibility"], "origin_reputation")
    assert "Al-Monitor (primary source) rated high" in c["reason"]
    assert "Daily Caller News Foundation (syndicated from) rated mixed" in c["reason"]


def test_credibility_author_byline(allsides: dict, example_dict: dict) -> None:
    assert _criterion(example_dict["credibility"], "author")["points"] == 0
    row = dict(allsides[AP])
    row["content_original"] = "By Alan Suderman\n\n" + row["content_original"]
    c = _criterion(_audit(row), "author")
    assert c["points"] == c["max_points"]
    assert "Alan Suderman" in c["reason"]


def test_credibility_model_criterion_matches_probability(example_dict: dict) -> None:
    cred = example_dict["credibility"]
    c = _criterion(cred, "model")
    model = load_model()
    share = model.evidence_share(cred["probability"])
    assert c["points"] == pytest.approx(WEIGHTS["model"] * (1 - share), abs=0.01)
    assert f"{cred['probability']:.0%}" in c["reason"]
    # a text at the sample's base rate moves the odds neither way: half the points
    assert model.evidence_share(model.prior) == pytest.approx(0.5)


def test_credibility_model_names_the_features_that_leaned_low(allsides: dict) -> None:
    # The Townhall first-person column: the text model's reason names the named
    # features behind its estimate, each with the way it leans.
    cred = _audit(allsides[COLUMN], with_url=False)
    c = _criterion(cred, "model")
    model = load_model()
    if model.evidence_share(cred["probability"]) <= 0.5:
        pytest.fail(f"the column should lean low: {c['reason']}")
    cues = c["reason"].split("strongest cues: ")[1].split(", ")
    assert cues and all(cue.endswith((" above average", " below average")) for cue in cues)
    assert any(cue.startswith("first-person singular words") for cue in cues), cues


def test_credibility_short_text_not_rated(example_text: str) -> None:
    short = "\n".join(example_text.split("\n")[:6])
    cred = newsaudit.analyze(short).to_dict()["credibility"]
    assert cred["label"] == "not rated" and cred["score"] is None
    assert f"at least {MIN_WORDS}" in cred["reasons"][0]


@pytest.mark.parametrize(("score", "label"), [
    (75, "generally credible"), (74.9, "credible with exceptions"),
    (60, "credible with exceptions"),
    (59.9, "proceed with caution"), (40, "proceed with caution"), (39.9, "maximum caution")])
def test_credibility_label_thresholds(score: float, label: str) -> None:
    assert label_of(score) == label


def test_credibility_text_view_shows_verdict_first(example_report: newsaudit.Report) -> None:
    from newsaudit.render import render_text

    out = render_text(example_report)
    first = out.index("credibility")
    assert first < out.index("page furniture")
    assert example_report.to_dict()["credibility"]["label"] in out[:400]
