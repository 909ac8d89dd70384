"""The masthead of the example page."""

from __future__ import annotations


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
