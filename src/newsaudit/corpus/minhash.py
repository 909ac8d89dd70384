"""MinHash signatures for many documents at once.

Documents become sets of word shingles (``SHINGLE_WORDS`` consecutive
lower-cased words), each shingle a 32-bit hash. The signatures follow
datasketch's default ``affine32`` scheme exactly (Zhu et al., datasketch 2.0:
the MurmurHash3 finalizer pre-mixes each hash, then permutation ``k`` maps
``h -> a_k * h + b_k mod 2**32`` with the ``a_k``, ``b_k`` that
``numpy.random.RandomState(seed)`` draws), so a signature computed here equals
``datasketch.MinHash(num_perm, seed, hashfunc=identity).update_batch(shingles)``
value for value. What differs is the shape of the work: instead of one hash
object and a dozen NumPy calls per document, the shingles of thousands of
documents are concatenated, permuted in cache-sized blocks with one broadcast
multiply and add, and reduced per document with ``np.minimum.reduceat``.
``benchmarks/copies.py`` measures both side by side.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Sequence

import numpy as np

#: Words per shingle. Five-word shingles are the usual unit for news reuse
#: (Broder 1997 used ten, text-reuse studies of news use four to six); shorter
#: ones make unrelated articles share stock phrases ("the president said on").
SHINGLE_WORDS = 5
#: Permutations per signature (datasketch's default).
NUM_PERM = 128
#: Seed of the permutations (datasketch's default, so signatures match its own).
SEED = 1
#: The empty signature's value in every slot (datasketch's affine32 maximum).
MAX_HASH = np.uint32(0xFFFFFFFF)
#: Shingles permuted per block: BLOCK x NUM_PERM x 4 bytes (2 MB at 128) stays in
#: the L2 cache of common CPUs; 2048-8192 were within noise of each other on the
#: development machine, 16384 was 40% slower (benchmarks/copies.py).
BLOCK_SHINGLES = 4096

WORD = re.compile(r"\w+")
_MIX = np.uint32(0x01000193)  # FNV-1a's prime: folds the words of a shingle together


class _TokenHashes(dict[str, int]):
    """A word's CRC-32, computed once per process (words repeat: Zipf)."""

    def __missing__(self, word: str) -> int:
        value = self[word] = zlib.crc32(word.encode("utf-8"))
        return value


_TOKEN_HASHES = _TokenHashes()


def words(text: str) -> list[str]:
    """The lower-cased words of ``text`` (runs of letters, digits and underscores)."""
    return WORD.findall(text.lower())


def word_spans(text: str) -> np.ndarray:
    """``(n, 2)`` start and end offsets of the words of ``text``, in order.

    The words are those of :func:`words`: ``text[s:e].lower()`` is word ``i``
    (lower-casing keeps offsets, since the regex runs on the original text).
    """
    spans = [m.span() for m in WORD.finditer(text)]
    return np.array(spans, dtype=np.int64).reshape(-1, 2)


def hash_words(tokens: Sequence[str]) -> np.ndarray:
    """The 32-bit hashes of ``tokens`` (CRC-32 of their UTF-8 bytes)."""
    return np.fromiter(map(_TOKEN_HASHES.__getitem__, tokens), dtype=np.uint32,
                       count=len(tokens))


def shingles(word_hashes: np.ndarray, n: int = SHINGLE_WORDS) -> np.ndarray:
    """The hash of every run of ``n`` consecutive words, in text order.

    A text shorter than ``n`` words has no shingle. Shingle ``i`` covers words
    ``i`` to ``i + n - 1``.
    """
    m = len(word_hashes) - n + 1
    if m <= 0:
        return np.empty(0, dtype=np.uint32)
    h = word_hashes[:m].copy()
    for k in range(1, n):
        h *= _MIX
        h ^= word_hashes[k:k + m]
    return h


def text_shingles(text: str, n: int = SHINGLE_WORDS) -> np.ndarray:
    """The shingle hashes of ``text`` (see :func:`shingles`)."""
    return shingles(hash_words(words(text)), n)


def fmix32(h: np.ndarray) -> np.ndarray:
    """MurmurHash3's 32-bit finalizer (a bijection that spreads every input bit)."""
    h = h ^ (h >> np.uint32(16))
    h = h * np.uint32(0x85EBCA6B)
    h ^= h >> np.uint32(13)
    h *= np.uint32(0xC2B2AE35)
    h ^= h >> np.uint32(16)
    return h


def permutations(num_perm: int = NUM_PERM, seed: int = SEED) -> tuple[np.ndarray, np.ndarray]:
    """The ``(a, b)`` of datasketch's affine32 permutations for ``num_perm`` and ``seed``."""
    gen = np.random.RandomState(seed)
    a = gen.randint(0, 1 << 31, num_perm, dtype=np.uint32) * np.uint32(2) + np.uint32(1)
    b = gen.randint(0, 1 << 32, num_perm, dtype=np.uint32)
    return a, b


class MinHasher:
    """Computes MinHash signatures of many shingle sets at once.

    Args:
        num_perm: Permutations per signature.
        seed: Seed of the permutations.

    Example:
        >>> hasher = MinHasher()
        >>> sigs = hasher.signatures([text_shingles(t) for t in texts])
    """

    def __init__(self, num_perm: int = NUM_PERM, seed: int = SEED):
        if num_perm < 1:
            raise ValueError("num_perm must be positive")
        self.num_perm = num_perm
        self.seed = seed
        a, b = permutations(num_perm, seed)
        self._a = a[:, None]
        self._b = b[:, None]

    def signatures(self, sets: Sequence[np.ndarray]) -> np.ndarray:
        """The ``(len(sets), num_perm)`` uint32 signatures of the shingle sets.

        An empty set gets ``MAX_HASH`` in every slot, as datasketch's empty MinHash.
        """
        lengths = np.fromiter((len(s) for s in sets), dtype=np.int64, count=len(sets))
        out = np.full((len(sets), self.num_perm), MAX_HASH, dtype=np.uint32)
        docs = np.flatnonzero(lengths)
        if len(docs) == 0:
            return out
        mixed = fmix32(np.concatenate([sets[int(i)] for i in docs]).astype(np.uint32, copy=False))
        ends = np.cumsum(lengths[docs])
        starts = ends - lengths[docs]
        i = 0
        while i < len(docs):
            # Whole documents per block, at least one, about BLOCK_SHINGLES shingles.
            j = max(i + 1, int(np.searchsorted(ends, starts[i] + BLOCK_SHINGLES, "right")))
            lo, hi = starts[i], ends[j - 1]
            block = np.multiply(self._a, mixed[lo:hi])
            block += self._b
            out[docs[i:j]] = np.minimum.reduceat(block, starts[i:j] - lo, axis=1).T
            i = j
        return out

    def signature(self, shingle_set: np.ndarray) -> np.ndarray:
        """The signature of one shingle set."""
        return self.signatures([shingle_set])[0]


def merge(signatures: np.ndarray, groups: np.ndarray) -> np.ndarray:
    """Signatures of unions: the slot-wise minimum of the rows in each group.

    Args:
        signatures: ``(n, num_perm)`` signatures, rows of a group adjacent.
        groups: ``(n,)`` non-decreasing group numbers ``0..g-1``, each present.
    """
    starts = np.flatnonzero(np.r_[True, groups[1:] != groups[:-1]])
    return np.minimum.reduceat(signatures, starts, axis=0)


__all__ = [
    "NUM_PERM",
    "SEED",
    "SHINGLE_WORDS",
    "MinHasher",
    "fmix32",
    "hash_words",
    "merge",
    "permutations",
    "shingles",
    "text_shingles",
    "word_spans",
    "words",
]
