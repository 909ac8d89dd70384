"""MinHash signatures in bulk: equal to datasketch's, value for value."""

from __future__ import annotations

import numpy as np
import pytest
from datasketch import MinHash

from newsaudit.corpus.minhash import (
    MAX_HASH,
    MinHasher,
    batch_shingles,
    hash_words,
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


def test_batch_shingles_equal_one_text_at_a_time(allsides_rows: list[dict]) -> None:
    texts = [r["content_original"] for r in allsides_rows[:40]]
    # Texts of fewer than five words, an empty one, a NUL inside, astral letters and emoji.
    texts[3:3] = ["", "Too short.", "one two\x00three four five six", "\U0001d400bc d e f g 😀 h"]
    hashes, counts = batch_shingles(texts)
    parts = np.split(hashes, np.cumsum(counts)[:-1])
    for text, part in zip(texts, parts, strict=True):
        assert part.tolist() == shingles(hash_words(words(text))).tolist()
    assert counts[3:7].tolist() == [0, 0, 2, 2]
    # The emoji is not a word, the mathematical bold letter is one.
    assert words(texts[6]) == ["\U0001d400bc", "d", "e", "f", "g", "h"]


def test_hash_words_tells_words_apart() -> None:
    tokens = ["the", "thé", "the", "eht", "theory", "3", "_"]
    h = hash_words(tokens).tolist()
    assert h[0] == h[2] and len(set(h)) == 6
    with pytest.raises(ValueError):
        hash_words(["two words"])


def test_signatures_flat_equal_signatures(allsides_rows: list[dict]) -> None:
    texts = [r["content_original"] for r in allsides_rows[:30]] + ["short"]
    hashes, counts = batch_shingles(texts)
    hasher = MinHasher()
    flat = hasher.signatures_flat(hashes, counts)
    assert np.array_equal(flat, hasher.signatures([text_shingles(t) for t in texts]))
    assert (flat[-1] == MAX_HASH).all()
    with pytest.raises(ValueError):
        hasher.signatures_flat(hashes, counts[:-2])
