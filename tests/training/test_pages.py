"""The furniture classifier's pages: labels, the page-disjoint split, the Dragnet gold."""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from newsaudit.errors import MissingDataError
from newsaudit.parse.lines import split_lines
from newsaudit.training import pages as P

GOLD = ("The city council approved a $2.1 billion budget on Tuesday after a long debate.\n"
        "Council members said the plan would restore funding for libraries.")


def test_pages_label_lines_body_and_furniture() -> None:
    text = "\n".join([
        "Home | World | Business",
        "The city council approved a $2.1 billion budget on Tuesday after a long debate.",
        "Share on Facebook",
        "Council members said the plan would restore funding for libraries and parks.",
        "Council members",
    ])
    assert list(P.label_lines(split_lines(text), GOLD)) == [0, 1, 0, 1, 1]


def test_pages_folds_are_deterministic_and_balanced() -> None:
    keys = [f"R{i}" for i in range(2000)]
    first = [P.fold("dragnet", k) for k in keys]
    assert first == [P.fold("dragnet", k) for k in keys]
    for f in range(P.FOLDS):
        assert 0.17 < first.count(f) / len(keys) < 0.23
    assert all(P.language("scrapinghub_aeb", prefix + "0" * 52) != "en"
               for prefix in P.NON_ENGLISH)
    assert P.language("dragnet", "R1") == "en"


def test_pages_folds_are_page_disjoint() -> None:
    pages = [P.Page("dragnet", f"R{i}", [], np.zeros(0, dtype=int), None, None, "")
             for i in range(50)]
    tested = []
    for train, test in P.folds(pages):
        assert not {p.key for p in train} & {p.key for p in test}
        assert len(train) + len(test) == len(pages)
        tested += [p.key for p in test]
    assert sorted(tested) == sorted(p.key for p in pages)


def test_pages_dragnet_comment_marker_variants() -> None:
    gold = "Body text here.\n\n@#$%^&**()  COMMENTS\nGreat post!"
    assert P.DRAGNET_COMMENTS.split(gold, 1)[0] == "Body text here.\n\n"
    gold = "Body.\n!@ $%^&*()  COMMENTS\nFirst!"
    assert P.DRAGNET_COMMENTS.split(gold, 1)[0] == "Body.\n"
    assert P.DRAGNET_COMMENTS.split("NO COMMENTS here, just body.", 1) == [
        "NO COMMENTS here, just body."]


def test_pages_dragnet_gold_stops_before_comments() -> None:
    try:
        golds = [gold for _, _, gold, _ in itertools.islice(P._raw("dragnet"), 300)]
    except MissingDataError:
        pytest.skip("Dragnet pages not in the data directory")
    assert golds and not any("COMMENTS" in g or "\x00" in g for g in golds)
