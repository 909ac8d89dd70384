"""Tests for analysis.intervals: extents, their agreement, and the interval index."""

from __future__ import annotations

import pytest

from newsaudit.analysis.intervals import IntervalIndex, agrees, length, overlap


@pytest.mark.parametrize(("p", "g", "expected"), [
    (((0, 10),), ((0, 10),), True),
    (((0, 10),), ((5, 10),), True),        # 5 of the longer 10: exactly half
    (((0, 10),), ((6, 10),), False),       # a fragment of a long span does not count
    (((0, 2), (10, 12)), ((0, 12),), False),  # 4 of 12
    (((0, 4), (6, 12)), ((0, 12),), True),   # 10 of 12, over both pieces
    (((0, 10),), ((10, 20),), False),      # touching is not overlapping
])
def test_agrees_at_half_of_the_longer(p, g, expected) -> None:
    assert agrees(p, g) is expected
    assert agrees(g, p) is expected


def test_length_and_overlap_count_every_piece() -> None:
    assert length(((0, 4), (8, 12))) == 8
    assert overlap(((0, 4), (8, 12)), ((2, 10),)) == 4


def test_interval_index_finds_long_ranges_that_start_early() -> None:
    index = IntervalIndex([(0, 100, "long"), (10, 12, "a"), (50, 60, "b"), (200, 210, "c")])
    assert [x[2] for x in index.overlapping(55, 57)] == ["long", "b"]
    assert [x[2] for x in index.overlapping(100, 200)] == []
    assert [x[2] for x in index.containing(11)] == ["long", "a"]
    assert [x[2] for x in index.containing(12)] == ["long"]
    assert IntervalIndex().overlapping(0, 10) == []
