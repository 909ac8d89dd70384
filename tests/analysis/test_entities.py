"""Tests for analysis.entities."""

from __future__ import annotations

import pytest

from newsaudit.analysis.entities import Entity, entities, find_entities
from newsaudit.article import Article
from newsaudit.nlp import load
from newsaudit.options import Options


@pytest.fixture(scope="module")
def nlp():
    return load()


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("Rex Tillerson", "PERSON"),
        ("Brett McGurk", "PERSON"),
        ("Michael Ratney", "PERSON"),
        ("Russia", "GPE"),
        ("Syria", "GPE"),
        ("Jordan", "GPE"),
        ("Israel", "GPE"),
    ],
)
def test_entities_example(example_report, example_text, text, label):
    found = [e for e in example_report.article.entities if e.text == text and e.label == label]
    assert found, f"{text} ({label}) missing"
    for e in found:
        assert example_text[e.start : e.end] == text


def test_entities_offsets_index_text(example_report, example_text):
    ents = example_report.article.entities
    assert ents and all(example_text[e.start : e.end] == e.text for e in ents)
    tillerson = example_text.index("Rex Tillerson")
    assert Entity("Rex Tillerson", "PERSON", tillerson, tillerson + 13) in ents


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("A report by the Al-Monitor said so.", ("Al-Monitor", 16, 26)),
        ("Brett McGurk, the White House’s Special Envoy, spoke.", ("Brett McGurk", 0, 12)),
        ("Secretary of State Rex Tillerson has reportedly taken the lead.",
         ("Rex Tillerson", 19, 32)),
    ],
)
def test_entities_trim_article_and_possessive(nlp, text, expected):
    ents = find_entities(nlp(text))
    assert expected in [(e.text, e.start, e.end) for e in ents]


def test_entities_stage_blank_body_is_empty(nlp):
    article = Article("Navigation only\nRex Tillerson")
    article.doc = nlp(article.body_text())  # no body: everything blanked
    entities(article, Options())
    assert article.entities == []
