"""MinHash signatures in bulk: equal to datasketch's, value for value."""

from __future__ import annotations

import numpy as np
import pytest
from datasketch import MinHash

from newsaudit.corpus.minhash import (
    MAX_HASH,
    MinHasher,
    merge,
    shingles,
    text_shingles,
    word_spans,
    words,
)


def test_signatures_equal_datasketch(allsides_rows: list[dict]) -> None:
    sets = [text_shingles(r["content_original"]) for r in allsides_rows[:60]]
    sets.append(np.empty(0, dtype=np.uint32))  # an empty document in the batch
    ours = MinHasher(num_perm=64).signatures(sets)
    for got, s in zip(ours, sets, strict=True):
        m = MinHash(num_perm=64, hashfunc=lambda x: x)
        m.update_batch(s.tolist())
        assert got.tolist() == m.hashvalues.tolist()
    assert (ours[-1] == MAX_HASH).all()


def test_shingles_count_and_short_text() -> None:
    assert len(text_shingles("one two three four five six")) == 2
    assert len(text_shingles("too short here")) == 0
    # Case and punctuation do not change the shingles.
    assert (text_shingles("The Senate voted, on Tuesday, to pass it")
            == text_shingles("the senate voted on tuesday to pass it")).all()


def test_word_spans_match_words() -> None:
    text = "Mr. Rahami visited Karachi, Pakistan, in 2005."
    spans = word_spans(text)
    assert [text[s:e].lower() for s, e in spans] == words(text)


def test_merge_is_signature_of_union(allsides_rows: list[dict]) -> None:
    hasher = MinHasher(num_perm=32)
    a = text_shingles(allsides_rows[0]["content_original"])
    b = text_shingles(allsides_rows[1]["content_original"])
    parts = hasher.signatures([a, b])
    merged = merge(parts, np.array([0, 0]))
    assert (merged[0] == hasher.signature(np.concatenate([a, b]))).all()


def test_shingles_of_reordered_words_differ() -> None:
    h = np.arange(10, dtype=np.uint32)
    assert not np.array_equal(shingles(h), shingles(h[::-1]))


def test_num_perm_must_be_positive() -> None:
    with pytest.raises(ValueError):
        MinHasher(num_perm=0)
