"""Who copies whom: near-duplicate and partly copied articles across outlets.

1. Each article is cut into chunks (its paragraphs, short ones merged), each
   chunk's word shingles get a MinHash signature in bulk (:mod:`.minhash`), and
   the article's signature is the slot-wise minimum of its chunks' (the MinHash
   of the union).
2. LSH bands of both the article and the chunk signatures go into one table;
   a group-by on ``(band, key)`` (DuckDB, or Dask with a scheduler) yields the
   candidate pairs (:mod:`.lsh`). Chunk bands find partial copies: a paragraph
   or more of one article inside another, which article-level Jaccard misses.
3. Every candidate is verified on the exact shingle sets (Jaccard and the
   containment of each side in the other) and its shared passages are aligned,
   with offsets into both texts.
4. Each copy gets a direction: the origin is the article whose outlet a
   syndication or licence notice or a wire credit in the other names (the
   provenance stage's patterns, run alone), else the earlier publication.
"""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from . import lsh
from .docs import DocMeta, DocStore
from .minhash import (
    NUM_PERM,
    SHINGLE_WORDS,
    WORD,
    MinHasher,
    batch_shingles,
    hash_words,
    merge,
    shingles,
)

log = logging.getLogger(__name__)

#: Jaccard threshold the LSH bands are tuned for; chunk bands catch the lower
#: whole-article similarity of partial copies. 0.5 found every synthetic copy
#: with a third of its text edited (benchmarks/copies.py, recall 1.0 at 0.5,
#: 0.96 at 0.6).
LSH_THRESHOLD = 0.5
#: A verified pair whose exact shingle Jaccard reaches this is a near-duplicate.
NEAR_DUPLICATE_JACCARD = 0.5
#: ...otherwise it is a partial copy when one shared passage has at least this
#: many words: a paragraph. Below 40, the Daily Caller News Foundation's 33-word
#: licence notice alone made unrelated articles "copies" on AllSides.
PASSAGE_MIN_WORDS = 40
#: Shared passages shorter than this are not reported (stock phrases).
PASSAGE_REPORT_WORDS = 12
#: Runs of shared shingles this close in both texts are one passage: one edited
#: word breaks SHINGLE_WORDS shingles, so a gap up to twice that is an edit, not
#: a new passage.
GAP_SHINGLES = 2 * SHINGLE_WORDS
#: Paragraphs are merged into chunks of at least this many words (a chunk is
#: the unit of partial reuse; one-line paragraphs are too small to sign).
CHUNK_MIN_WORDS = 40
#: A shingle in this many candidate articles of one outlet is the outlet's stock
#: text (Politico's newsletter appeal, ABC's app prompt): two articles sharing it
#: have not copied each other. 3 removed every such pair in a read of 40 AllSides
#: partial copies; a story an outlet ran twice is still a near-duplicate.
STOCK_DOCS = 3
#: Articles signed per NumPy batch.
BATCH_DOCS = 2000
#: Sets of bands an article gives with chunk bands on, about: its own and one per
#: chunk of a multi-chunk article (378 band rows an article on 10^4 AllSides
#: articles at 25 bands, 15 sets); sizes the spilled band table's partitions only.
BAND_SETS_WITH_CHUNKS = 15

_PARAGRAPH = re.compile(r"[^\n]+")


@dataclass(frozen=True)
class CopyOptions:
    """Settings of a copy-detection run (the defaults are the calibrated ones)."""

    num_perm: int = NUM_PERM
    threshold: float = LSH_THRESHOLD
    near_duplicate: float = NEAR_DUPLICATE_JACCARD
    passage_min_words: int = PASSAGE_MIN_WORDS
    max_bucket: int = lsh.MAX_BUCKET
    #: Chunk-level bands (partial copies); off leaves whole-article LSH alone.
    chunks: bool = True
    #: A Dask scheduler address: the group-by runs on Dask instead of DuckDB.
    scheduler: str | None = None
    #: Group-by on Dask's threaded scheduler even without an address.
    dask: bool = False
    #: DuckDB threads for the group-by (None: one per core).
    threads: int | None = None
    batch_docs: int = BATCH_DOCS


@dataclass(frozen=True, slots=True)
class Passage:
    """A passage of article ``a`` (``a_start:a_end``) found in article ``b``."""

    a_start: int
    a_end: int
    b_start: int
    b_end: int
    words: int


@dataclass
class CopyPair:
    """A verified copy between documents ``a`` and ``b`` (indices into the store).

    ``origin`` is ``a`` or ``b`` or None when neither a notice nor the dates
    tell; ``basis`` says which: ``notice`` (the copy's notice names the origin's
    outlet), ``earlier`` (published first), ``common_origin`` (both credit the
    same third party, named in ``credited``; the earlier is listed as origin when
    the dates differ), or ``undetermined``.
    """

    a: int
    b: int
    jaccard: float
    containment_a: float  # share of a's shingles found in b
    containment_b: float
    kind: str  # near_duplicate or partial
    passages: list[Passage] = field(default_factory=list)
    origin: int | None = None
    basis: str = "undetermined"
    credited: str | None = None
    evidence: str | None = None
    #: Where the evidence is: (document index, start, end) of the notice.
    evidence_span: tuple[int, int, int] | None = None

    @property
    def copy(self) -> int | None:
        """The copying document, when the direction is known."""
        if self.origin is None:
            return None
        return self.b if self.origin == self.a else self.a

    @property
    def shared_words(self) -> int:
        """Words in the reported shared passages."""
        return sum(p.words for p in self.passages)


@dataclass
class CopyResult:
    """Everything one run found, with the store it indexes into."""

    store: DocStore
    pairs: list[CopyPair]
    candidates: int
    options: CopyOptions
    timings: dict[str, float] = field(default_factory=dict)

    def meta(self, i: int) -> DocMeta:
        """Metadata of document ``i``."""
        return self.store.metas[i]


def chunk_bounds(text: str, min_words: int = CHUNK_MIN_WORDS) -> list[tuple[int, int]]:
    """Paragraph ranges of ``text``, consecutive short ones merged to ``min_words`` words."""
    out: list[tuple[int, int]] = []
    start, count = -1, 0
    for m in _PARAGRAPH.finditer(text):
        n = len(WORD.findall(m.group()))
        if n == 0:
            continue
        if start < 0:
            start = m.start()
        count += n
        if count >= min_words:
            out.append((start, m.end()))
            start, count = -1, 0
    if start >= 0:
        if out and count < min_words:  # a short tail joins the chunk before it
            out[-1] = (out[-1][0], len(text.rstrip()))
        else:
            out.append((start, len(text.rstrip())))
    return out


def _batch_bands(texts: list[str], first: int, hasher: MinHasher, bands: int, rows: int,
                 use_chunks: bool) -> dict[str, np.ndarray]:
    """Band rows of the articles (bands 0..b-1) and chunks (b..2b-1) of one batch."""
    pieces: list[str] = []
    owner: list[int] = []
    for i, text in enumerate(texts):
        for s, e in chunk_bounds(text) or [(0, 0)]:
            pieces.append(text[s:e])
            owner.append(i)
    own = np.array(owner, dtype=np.int64)
    sigs = hasher.signatures_flat(*batch_shingles(pieces))
    docs = merge(sigs, own)
    table = lsh.band_table(docs, bands, rows, ids=np.arange(first, first + len(texts)))
    if not use_chunks:
        return table
    counts = np.bincount(own, minlength=len(texts))
    multi = counts[own] > 1  # a one-chunk article's chunk bands repeat its own
    if not multi.any():
        return table
    part = lsh.band_table(sigs[multi], bands, rows, ids=own[multi] + first)
    part["band"] = part["band"] + np.int16(bands)
    return {k: np.concatenate([table[k], part[k]]) for k in table}


def candidates(store: DocStore, options: CopyOptions = CopyOptions()) -> np.ndarray:
    """Candidate pairs ``(m, 2)`` of document indices, ``a < b`` (steps 1 and 2)."""
    bands, rows = lsh.optimal_params(options.threshold, options.num_perm)
    hasher = MinHasher(options.num_perm)
    if not len(store):
        return np.empty((0, 2), dtype=np.int64)
    # The band rows go to disk batch by batch (lsh.SpilledBands), so memory does
    # not grow with the corpus.
    per_article = bands * (BAND_SETS_WITH_CHUNKS if options.chunks else 1)
    spilled = lsh.SpilledBands.for_rows(len(store) * per_article)
    try:
        for first in range(0, len(store), options.batch_docs):
            stop = min(len(store), first + options.batch_docs)
            spilled.add(_batch_bands(list(store.texts(first, stop)), first, hasher, bands,
                                     rows, options.chunks))
        table = spilled.repeated()
    finally:
        spilled.close()
    if options.scheduler or options.dask:
        return lsh.candidate_pairs_dask(table, scheduler=options.scheduler,
                                        max_bucket=options.max_bucket)
    return lsh.candidate_pairs(table, max_bucket=options.max_bucket, threads=options.threads)


_NOT_WORD = re.compile(r"\W+")


def _lower_word(word: str) -> str:
    """A word lower-cased into one word: "İstanbul".lower() is "i̇stanbul", whose
    combining dot (U+0307) is not a word character and would split it in two."""
    low = word.lower()
    return low if low.isalnum() else _NOT_WORD.sub("", low)


class _Prepared:
    """One document's words and shingles, as verification needs them."""

    __slots__ = ("shingles", "spans", "text", "unique")

    def __init__(self, text: str):
        self.text = text
        found = [(m.start(), m.end(), _lower_word(m.group())) for m in WORD.finditer(text)]
        self.spans = np.array([(s, e) for s, e, _ in found], dtype=np.int64).reshape(-1, 2)
        self.shingles = shingles(hash_words([w for _, _, w in found]))
        self.unique = np.unique(self.shingles)


def align(sa: np.ndarray, sb: np.ndarray, common: np.ndarray) -> list[tuple[int, int, int]]:
    """Runs ``(i, j, k)``: shingles ``sa[i:i+k] == sb[j:j+k]``, greedy left to right in ``a``."""
    keep = set(common.tolist())
    first: dict[int, int] = {}
    for j, h in enumerate(sb.tolist()):
        if h in keep and h not in first:
            first[h] = j
    la, lb = sa.tolist(), sb.tolist()
    runs: list[tuple[int, int, int]] = []
    i = 0
    while i < len(la):
        found = first.get(la[i])
        if found is None:
            i += 1
            continue
        j = found
        k = 1
        while i + k < len(la) and j + k < len(lb) and la[i + k] == lb[j + k]:
            k += 1
        runs.append((i, j, k))
        i += k
    return runs


def _merge_runs(runs: list[tuple[int, int, int]]) -> list[tuple[int, int, int, int]]:
    """Runs joined across small edits: ``(i0, i1, j0, j1)`` shingle ranges, ends exclusive."""
    out: list[list[int]] = []
    for i, j, k in runs:
        if out:
            last = out[-1]
            if 0 <= i - last[1] <= GAP_SHINGLES and 0 <= j - last[3] <= GAP_SHINGLES:
                last[1], last[3] = i + k, j + k
                continue
        out.append([i, i + k, j, j + k])
    return [(a, b, c, d) for a, b, c, d in out]


def passages(pa: _Prepared, pb: _Prepared, common: np.ndarray,
             min_words: int = PASSAGE_REPORT_WORDS) -> list[Passage]:
    """Shared passages of two prepared documents, with character offsets in both."""
    out: list[Passage] = []
    n = SHINGLE_WORDS
    for i0, i1, j0, j1 in _merge_runs(align(pa.shingles, pb.shingles, common)):
        words = i1 - i0 + n - 1
        if words < min_words:
            continue
        out.append(Passage(int(pa.spans[i0, 0]), int(pa.spans[i1 + n - 2, 1]),
                           int(pb.spans[j0, 0]), int(pb.spans[j1 + n - 2, 1]), words))
    return out


def verify(pa: _Prepared, pb: _Prepared, a: int, b: int,
           options: CopyOptions = CopyOptions(), stock: np.ndarray | None = None,
           same_outlet: bool = False) -> CopyPair | None:
    """The copy between two documents, or None when they share too little (step 3).

    Args:
        pa, pb: The prepared documents.
        a, b: Their indices in the store.
        options: The thresholds.
        stock: Sorted shingles that are an outlet's stock text (newsletter
            appeals, notices): they count for Jaccard, not as shared passages.
        same_outlet: Both articles are from one outlet: only a near-duplicate
            (the same article listed twice) is reported, not shared furniture.
    """
    if not len(pa.unique) or not len(pb.unique):
        return None
    common = np.intersect1d(pa.unique, pb.unique, assume_unique=True)
    inter = len(common)
    jaccard = inter / (len(pa.unique) + len(pb.unique) - inter)
    if same_outlet and jaccard < options.near_duplicate:
        return None
    if stock is not None and len(stock):
        common = common[~np.isin(common, stock, assume_unique=True)]
    found = passages(pa, pb, common)
    longest = max((p.words for p in found), default=0)
    if jaccard >= options.near_duplicate:
        kind = "near_duplicate"
    elif longest >= options.passage_min_words:
        kind = "partial"
    else:
        return None
    return CopyPair(a, b, round(jaccard, 4), round(inter / len(pa.unique), 4),
                    round(inter / len(pb.unique), 4), kind, found)


def stock_shingles(prepared: dict[int, _Prepared], metas: list[DocMeta],
                   min_docs: int = STOCK_DOCS) -> np.ndarray:
    """Shingles in at least ``min_docs`` of one outlet's documents: its stock text."""
    by_outlet: dict[str, list[np.ndarray]] = {}
    for i, p in prepared.items():
        by_outlet.setdefault(metas[i].outlet, []).append(p.unique)
    found = [np.empty(0, dtype=np.uint32)]
    for sets in by_outlet.values():
        if len(sets) >= min_docs:
            values, counts = np.unique(np.concatenate(sets), return_counts=True)
            found.append(values[counts >= min_docs])
    return np.unique(np.concatenate(found))


def verify_all(store: DocStore, pairs: np.ndarray, options: CopyOptions = CopyOptions()
               ) -> list[CopyPair]:
    """Verify candidate pairs; each candidate document is read and shingled once."""
    prepared = {i: _Prepared(store.text(i)) for i in np.unique(pairs).tolist()}
    stock = stock_shingles(prepared, store.metas)
    out: list[CopyPair] = []
    for a, b in pairs.tolist():
        same = store.metas[a].outlet == store.metas[b].outlet
        pair = verify(prepared[a], prepared[b], a, b, options, stock, same)
        if pair is not None:
            out.append(pair)
    return out


def find_copies(corpus: DocStore | Iterable[Any], options: CopyOptions = CopyOptions()
                ) -> CopyResult:
    """Find the copies in a corpus, each with its direction and shared passages.

    Args:
        corpus: A :class:`DocStore`, or records (``newsaudit.corpus.read_inputs``)
            with ``id``, ``text`` or ``html``, ``url``, ``source``, ``published``.
        options: Thresholds and the group-by engine.

    Returns:
        The verified pairs, most similar first, and the store they index into.
    """
    from .direction import orient

    timings: dict[str, float] = {}
    t0 = time.perf_counter()
    store = corpus if isinstance(corpus, DocStore) else DocStore.from_records(corpus)
    timings["read_s"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    cand = candidates(store, options)
    timings["candidates_s"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    pairs = verify_all(store, cand, options)
    timings["verify_s"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    orient(store, pairs)
    timings["direction_s"] = time.perf_counter() - t0
    pairs.sort(key=lambda p: (-p.jaccard, -p.shared_words, p.a, p.b))
    log.info("copies: %d documents, %d candidates, %d copies", len(store), len(cand), len(pairs))
    return CopyResult(store, pairs, len(cand), options,
                      {k: round(v, 3) for k, v in timings.items()})


__all__ = [
    "CopyOptions",
    "CopyPair",
    "CopyResult",
    "Passage",
    "align",
    "candidates",
    "chunk_bounds",
    "find_copies",
    "passages",
    "verify",
    "verify_all",
]
