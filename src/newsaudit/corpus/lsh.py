"""Locality-sensitive hashing of MinHash signatures, done as a group-by.

A signature of ``b * r`` slots is cut into ``b`` bands of ``r`` slots; two
documents are candidates when any band is equal in both (Leskovec, Rajaraman
and Ullman, *Mining of Massive Datasets*, ch. 3.4). Each band becomes one
64-bit key, so finding candidates is a table ``(band, key, doc)`` grouped by
``(band, key)``: DuckDB does it on one machine, a Dask DataFrame on a cluster.
``b`` and ``r`` are chosen for a Jaccard threshold the way datasketch's
``MinHashLSH`` chooses them (the pair minimising the equally weighted areas of
false positives below and false negatives above the threshold), so the two
give the same candidate pairs for the same signatures.
"""

from __future__ import annotations

import functools
import logging
from typing import Any

import numpy as np

log = logging.getLogger(__name__)

#: A bucket shared by more documents than this is a stock text (a licence
#: notice, a newsletter footer), not a copy: its pairs are not candidates. On
#: AllSides the largest real copy groups hold fewer than 10 articles while the
#: Daily Caller News Foundation notice alone fills a bucket of 180.
MAX_BUCKET = 50

_NODES, _WEIGHTS = np.polynomial.legendre.leggauss(64)
_K1 = np.uint64(0x9E3779B97F4A7C15)
_K2 = np.uint64(0xBF58476D1CE4E5B9)


def _integral(f: Any, lo: float, hi: float) -> float:
    x = (hi - lo) / 2 * _NODES + (hi + lo) / 2
    return float((hi - lo) / 2 * np.sum(_WEIGHTS * f(x)))


@functools.lru_cache(maxsize=64)
def optimal_params(threshold: float, num_perm: int) -> tuple[int, int]:
    """Bands and rows per band for a Jaccard ``threshold`` (datasketch's choice).

    Raises:
        ValueError: If the threshold is outside (0, 1).
    """
    if not 0.0 < threshold < 1.0:
        raise ValueError(f"threshold must be between 0 and 1, not {threshold}")
    best, opt = float("inf"), (1, 1)
    for b in range(1, num_perm + 1):
        for r in range(1, num_perm // b + 1):
            fp = _integral(lambda s, b=b, r=r: 1 - (1 - s ** r) ** b, 0.0, threshold)
            fn = _integral(lambda s, b=b, r=r: (1 - s ** r) ** b, threshold, 1.0)
            if 0.5 * fp + 0.5 * fn < best:
                best, opt = 0.5 * fp + 0.5 * fn, (b, r)
    return opt


def band_keys(signatures: np.ndarray, bands: int, rows: int) -> np.ndarray:
    """``(n, bands)`` 64-bit keys, one per band of each signature.

    Equal bands give equal keys; unequal bands collide with probability
    about 2**-64 per pair (the benchmark checks the candidates against
    datasketch's, which compares the bands' bytes).
    """
    sig = signatures[:, :bands * rows].astype(np.uint64).reshape(len(signatures), bands, rows)
    key = np.zeros((len(signatures), bands), dtype=np.uint64)
    with np.errstate(over="ignore"):
        for j in range(rows):
            key ^= sig[:, :, j]
            key *= _K1
            key ^= key >> np.uint64(31)
        key *= _K2
    return key


def band_table(signatures: np.ndarray, bands: int, rows: int,
               ids: np.ndarray | None = None) -> dict[str, np.ndarray]:
    """The long table ``band, key, doc`` of the signatures' bands, as columns."""
    n = len(signatures)
    docs = np.arange(n, dtype=np.int64) if ids is None else np.asarray(ids, dtype=np.int64)
    keys = band_keys(signatures, bands, rows)
    return {
        "band": np.tile(np.arange(bands, dtype=np.int16), n),
        "key": keys.reshape(-1).view(np.int64),
        "doc": np.repeat(docs, bands),
    }


def repeated(table: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    """The rows of a band table whose ``(band, key)`` occurs more than once.

    Only those can make a pair, and they are few (on 10,000 AllSides articles
    26,705 of 3.78 million rows): dropping the rest before the group-by keeps
    its hash table small. Band and key are folded into one 64-bit value and
    sorted; two different rows folding to one value merely stay in the table.
    """
    folded = _fold(table)
    ordered = np.sort(folded)
    twice = ordered[1:][ordered[1:] == ordered[:-1]]
    keep = np.isin(folded, twice)
    return {name: column[keep] for name, column in table.items()}


#: Band rows of a partition file: band, key, doc (18 bytes, packed).
_ROW = np.dtype([("band", "<i2"), ("key", "<i8"), ("doc", "<i8")])
_COLUMNS = ("band", "key", "doc")
#: Band rows per partition of a spilled table, about: 2**22 rows is 75 MB on disk
#: and about 200 MB in memory while its repeated rows are picked (the sort's
#: temporaries), whatever the corpus size.
ROWS_PER_PARTITION = 1 << 22


class SpilledBands:
    """A band table written to disk batch by batch, partitioned by ``(band, key)``.

    The whole table grows with the corpus (about 6.5 KB an article: 20 GB at 10^6
    articles) while the rows that can make a pair, those whose ``(band, key)``
    occurs twice, are few. Each batch's rows go to one of ``partitions`` temporary
    files by the top bits of their folded ``(band, key)``, so equal keys always
    share a file; :meth:`repeated` then reads one file at a time. Peak memory is
    one batch plus one partition, not the table (external hash partitioning).

    Args:
        partitions: Number of partition files (a power of two is not required).
        directory: Where the temporary files go (default: the system's).
    """

    def __init__(self, partitions: int = 1, directory: str | None = None):
        import tempfile

        self.partitions = max(1, int(partitions))
        self._dir = tempfile.TemporaryDirectory(prefix="newsaudit-bands-", dir=directory)
        self._files = [open(f"{self._dir.name}/{i}.bin", "wb")  # noqa: SIM115
                       for i in range(self.partitions)]
        self.rows = 0

    @staticmethod
    def for_rows(expected_rows: int, directory: str | None = None) -> SpilledBands:
        """A spilled table with enough partitions for about ``expected_rows`` rows."""
        return SpilledBands(-(-expected_rows // ROWS_PER_PARTITION), directory)

    def add(self, table: dict[str, np.ndarray]) -> None:
        """Append a batch's band rows (columns ``band``, ``key``, ``doc``)."""
        rows = np.empty(len(table["key"]), dtype=_ROW)
        for name in _COLUMNS:
            rows[name] = table[name]
        part = (_partition_hash(table) >> np.uint64(32)) % np.uint64(self.partitions)
        order = np.argsort(part, kind="stable")
        bounds = np.searchsorted(part[order], np.arange(self.partitions + 1, dtype=np.uint64))
        for i in range(self.partitions):
            if bounds[i] < bounds[i + 1]:
                rows[order[bounds[i] : bounds[i + 1]]].tofile(self._files[i])
        self.rows += len(rows)

    def repeated(self) -> dict[str, np.ndarray]:
        """The rows whose ``(band, key)`` occurs more than once, over all batches
        (as :func:`repeated` on the whole table); the files are removed after."""
        out: list[dict[str, np.ndarray]] = []
        try:
            for fh in self._files:
                fh.close()
                rows = np.fromfile(fh.name, dtype=_ROW)
                if len(rows):
                    out.append(repeated({n: np.ascontiguousarray(rows[n]) for n in _COLUMNS}))
                del rows
        finally:
            self.close()
        if not out:
            return {n: np.empty(0, _ROW[n]) for n in _COLUMNS}
        return {n: np.concatenate([o[n] for o in out]) for n in _COLUMNS}

    def close(self) -> None:
        """Remove the temporary files."""
        for fh in self._files:
            fh.close()
        self._dir.cleanup()


def _fold(table: dict[str, np.ndarray]) -> np.ndarray:
    """Band and key of each row folded into one 64-bit value."""
    with np.errstate(over="ignore"):
        return table["key"].view(np.uint64) ^ (table["band"].astype(np.uint64) * _K1)


def _partition_hash(table: dict[str, np.ndarray]) -> np.ndarray:
    """The folded ``(band, key)`` mixed, so that its high word picks partitions evenly."""
    folded = _fold(table)
    with np.errstate(over="ignore"):
        return (folded ^ (folded >> np.uint64(29))) * _K2


_PAIRS_SQL = """
WITH buckets AS (
    SELECT band, key, list(DISTINCT doc ORDER BY doc) AS docs
    FROM bands GROUP BY band, key
    HAVING count(DISTINCT doc) BETWEEN 2 AND {max_bucket}
), members AS (
    SELECT band, key, unnest(docs) AS doc FROM buckets
)
SELECT DISTINCT x.doc AS a, y.doc AS b
FROM members x JOIN members y ON x.band = y.band AND x.key = y.key AND x.doc < y.doc
ORDER BY a, b
"""


def candidate_pairs(table: dict[str, np.ndarray], *, max_bucket: int = MAX_BUCKET,
                    con: Any = None, threads: int | None = None) -> np.ndarray:
    """Pairs of docs sharing a band key, ``(m, 2)`` with ``a < b``, sorted (DuckDB).

    Args:
        table: Columns ``band``, ``key``, ``doc`` (from :func:`band_table`).
        max_bucket: Buckets holding more documents are skipped (stock texts).
        con: A DuckDB connection to use; a new in-memory one by default.
        threads: DuckDB threads for a new connection (default: one per core). On a
            machine whose cores are busy with other work, 1 is much faster: a
            1,650-article table took 14 s with two contended threads and 0.9 s
            with one on the development machine.
    """
    import duckdb
    import pyarrow as pa

    if con is None:
        con = duckdb.connect()
        if threads:
            con.execute(f"SET threads={int(threads)}")
    con.register("bands", pa.table(table))
    try:
        rows = con.execute(_PAIRS_SQL.format(max_bucket=int(max_bucket))).fetchnumpy()
    finally:
        con.unregister("bands")
    return np.stack([rows["a"], rows["b"]], axis=1).astype(np.int64).reshape(-1, 2)


def candidate_pairs_dask(table: dict[str, np.ndarray], *, scheduler: str | None = None,
                         max_bucket: int = MAX_BUCKET, partitions: int = 8) -> np.ndarray:
    """The same pairs as :func:`candidate_pairs`, grouped by a Dask DataFrame.

    Args:
        table: Columns ``band``, ``key``, ``doc``.
        scheduler: A Dask scheduler address (``tcp://host:8786``); ``None`` runs
            Dask's threaded scheduler in this process.
        max_bucket: Buckets holding more documents are skipped.
        partitions: Partitions of the band table (by band, so a bucket never spans two).
    """
    import dask.dataframe as dd
    import pandas as pd

    frame = pd.DataFrame(table)
    ddf = dd.from_pandas(frame, npartitions=max(1, partitions)).shuffle("band")

    def pairs(part: pd.DataFrame) -> pd.DataFrame:
        part = part.drop_duplicates()
        sizes = part.groupby(["band", "key"])["doc"].transform("size")
        part = part[(sizes >= 2) & (sizes <= max_bucket)]
        both = part.merge(part, on=["band", "key"], suffixes=("_a", "_b"))
        both = both[both["doc_a"] < both["doc_b"]]
        return pd.DataFrame({"a": both["doc_a"].to_numpy(np.int64),
                             "b": both["doc_b"].to_numpy(np.int64)})

    meta = pd.DataFrame({"a": pd.Series(dtype=np.int64), "b": pd.Series(dtype=np.int64)})
    job = ddf.map_partitions(pairs, meta=meta)
    if scheduler:
        from distributed import Client

        with Client(scheduler) as client:
            result = client.compute(job).result()
    else:
        result = job.compute(scheduler="threads")
    result = result.drop_duplicates().sort_values(["a", "b"])
    return result.to_numpy(dtype=np.int64).reshape(-1, 2)


__all__ = ["MAX_BUCKET", "ROWS_PER_PARTITION", "SpilledBands", "band_keys", "band_table",
           "candidate_pairs", "candidate_pairs_dask", "optimal_params", "repeated"]
