"""The report contract (schema version 1)."""

from __future__ import annotations

import json

TOP_KEYS = {
    "schema_version", "text", "article", "furniture", "provenance", "attributions",
    "entities", "claims", "signals", "source_rating", "credibility", "timings",
}
ARTICLE_KEYS = {"site_name", "domain", "url", "sections", "title", "authors", "published",
                "body", "body_spans"}


def test_report_has_contract_keys(example_dict: dict) -> None:
    assert set(example_dict) >= TOP_KEYS
    assert example_dict["schema_version"] == "1"
    assert set(example_dict["article"]) >= ARTICLE_KEYS


def test_report_text_is_input_unchanged(example_dict: dict, example_text: str) -> None:
    assert example_dict["text"] == example_text


def test_report_offsets_index_into_text(example_dict: dict) -> None:
    text = example_dict["text"]
    for f in example_dict["furniture"]:
        assert text[f["start"]:f["end"]] == f["text"]
    body = [text[s["start"]:s["end"]] for s in example_dict["article"]["body_spans"]]
    assert "\n\n".join(body) == example_dict["article"]["body"]


def test_report_json_round_trips(example_report) -> None:
    assert json.loads(example_report.to_json()) == example_report.to_dict()


def test_text_view_claims_heading_says_shown_of_total(example_report, monkeypatch) -> None:
    from newsaudit import render

    total = len(example_report.to_dict()["claims"])
    assert total >= 3
    monkeypatch.setattr(render, "TOP_CLAIMS", 2)
    out = render.render_text(example_report, width=200)
    assert f"the 2 highest-scoring of {total} (all are in --format json)" in out
    monkeypatch.setattr(render, "TOP_CLAIMS", total)
    assert f"check-worthy claims ({total})" in render.render_text(example_report, width=200)


def test_report_keys_present_when_their_stage_is_not_run(example_dict: dict,
                                                          example_text: str) -> None:
    import newsaudit

    bare = newsaudit.analyze(example_text, options=newsaudit.Options(stages=("parse.furniture",)))
    d = bare.to_dict()
    assert set(d) >= TOP_KEYS
    # The same provenance keys as when provenance runs, every one empty.
    assert set(d["provenance"]) == set(example_dict["provenance"])
    assert not any(d["provenance"].values())
    assert d["attributions"] == d["claims"] == d["entities"] == []
    assert d["signals"] == d["source_rating"] == d["credibility"] == {}
