"""LSH banding as a group-by: datasketch's parameters and candidates, DuckDB and Dask alike."""

from __future__ import annotations

import numpy as np
import pytest
from datasketch import MinHash, MinHashLSH
from datasketch.lsh import _optimal_param

from newsaudit.corpus import lsh
from newsaudit.corpus.minhash import MinHasher, text_shingles


@pytest.mark.parametrize(("threshold", "num_perm"), [(0.5, 128), (0.8, 128), (0.3, 64)])
def test_optimal_params_match_datasketch(threshold: float, num_perm: int) -> None:
    assert lsh.optimal_params(threshold, num_perm) == _optimal_param(threshold, num_perm, 0.5, 0.5)


def _corpus(rows: list[dict]) -> list[np.ndarray]:
    texts = [r["content_original"] for r in rows[:80]]
    # Near copies: the first paragraph dropped from five articles.
    texts += [t.split("\n", 1)[-1] for t in texts[:5]]
    return [text_shingles(t) for t in texts]


def test_candidates_match_datasketch_lsh(allsides_rows: list[dict]) -> None:
    sets = _corpus(allsides_rows)
    sigs = MinHasher().signatures(sets)
    bands, rows = lsh.optimal_params(0.5, 128)
    ours = {tuple(p) for p in lsh.candidate_pairs(lsh.band_table(sigs, bands, rows)).tolist()}
    index = MinHashLSH(threshold=0.5, num_perm=128)
    hashes = []
    for i, s in enumerate(sets):
        m = MinHash(num_perm=128, hashfunc=lambda x: x)
        m.update_batch(s.tolist())
        index.insert(i, m)
        hashes.append(m)
    theirs = {(min(i, j), max(i, j))
              for i, m in enumerate(hashes) for j in index.query(m) if i != j}
    assert ours == theirs
    assert {(i, 80 + i) for i in range(5)} <= ours


def test_dask_groupby_gives_same_pairs(allsides_rows: list[dict]) -> None:
    sigs = MinHasher().signatures(_corpus(allsides_rows))
    table = lsh.band_table(sigs, *lsh.optimal_params(0.5, 128))
    assert np.array_equal(lsh.candidate_pairs(table), lsh.candidate_pairs_dask(table))


def test_repeated_rows_keep_every_pair(allsides_rows: list[dict]) -> None:
    sigs = MinHasher().signatures(_corpus(allsides_rows))
    table = lsh.band_table(sigs, *lsh.optimal_params(0.5, 128))
    kept = lsh.repeated(table)
    assert len(kept["key"]) < len(table["key"]) // 10
    assert np.array_equal(lsh.candidate_pairs(kept), lsh.candidate_pairs(table))
    assert len(lsh.candidate_pairs(kept)) >= 5


@pytest.mark.parametrize("partitions", [1, 7])
def test_spilled_bands_keep_the_repeated_rows(allsides_rows: list[dict], tmp_path,
                                              partitions: int) -> None:
    sigs = MinHasher().signatures(_corpus(allsides_rows))
    params = lsh.optimal_params(0.5, 128)
    spilled = lsh.SpilledBands(partitions, directory=str(tmp_path))
    for first in range(0, len(sigs), 13):  # batches, as copies.candidates adds them
        spilled.add(lsh.band_table(sigs[first : first + 13], *params,
                                   ids=np.arange(first, min(len(sigs), first + 13))))
    assert spilled.rows == len(sigs) * params[0]
    kept = spilled.repeated()
    whole = lsh.band_table(sigs, *params)
    assert np.array_equal(lsh.candidate_pairs(kept), lsh.candidate_pairs(whole))
    assert len(lsh.candidate_pairs(kept)) >= 5
    assert len(kept["key"]) == len(lsh.repeated(whole)["key"])
    assert list(tmp_path.iterdir()) == []  # the partition files are gone


def test_big_bucket_is_stock_text() -> None:
    sigs = np.zeros((6, 8), dtype=np.uint32)  # six identical signatures share every bucket
    table = lsh.band_table(sigs, 2, 4)
    assert len(lsh.candidate_pairs(table, max_bucket=6)) == 15
    assert len(lsh.candidate_pairs(table, max_bucket=5)) == 0


def test_threshold_out_of_range() -> None:
    with pytest.raises(ValueError):
        lsh.optimal_params(1.0, 128)
