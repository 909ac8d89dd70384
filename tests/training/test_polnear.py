"""Tests for training.polnear: the PolNeAR reader and the benchmark's span match."""

from __future__ import annotations

from newsaudit.training.polnear import ROLES, load_split, match


def test_polnear_reads_gold_spans_of_one_annotator() -> None:
    docs = load_split("test", limit=3)
    assert len(docs) == 3
    for doc in docs:
        assert set(doc.gold) == set(ROLES)
        assert doc.gold["content"] and doc.annotator
        for extent in doc.gold["cue"]:
            for a, b in extent:
                assert 0 <= a < b <= len(doc.text)


def test_match_is_one_to_one_and_greedy_by_overlap() -> None:
    text = "He said the plan is dead, and she said it is not."
    gold = [((8, 24),), ((38, 48),)]
    pred = [((8, 25),), ((4, 23),), ((38, 48),)]  # the first overlaps the first gold most
    assert match(text, pred, gold) == [(0, 0), (2, 1)]
    assert match(text, [((0, 48),)], gold) == []           # swallows both: half of neither
    assert match(text, [((0, 48),)], gold, mode="any") == [(0, 0)]
    assert match(text, [((7, 25),)], gold, mode="exact") == [(0, 0)]
