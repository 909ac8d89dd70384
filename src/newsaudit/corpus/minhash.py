"""MinHash signatures for many documents at once.

Documents become sets of word shingles (``SHINGLE_WORDS`` consecutive
lower-cased words), each shingle a 32-bit hash. The signatures follow
datasketch's default ``affine32`` scheme exactly (Zhu et al., datasketch 2.0:
the MurmurHash3 finalizer pre-mixes each hash, then permutation ``k`` maps
``h -> a_k * h + b_k mod 2**32`` with the ``a_k``, ``b_k`` that
``numpy.random.RandomState(seed)`` draws), so a signature computed here equals
``datasketch.MinHash(num_perm, seed, hashfunc=identity).update_batch(shingles)``
value for value. What differs is the shape of the work: instead of one hash
object and a dozen NumPy calls per document, the texts of thousands of
documents are joined and turned into shingle hashes in one pass over their
code points, and all their shingles are permuted and reduced by one compiled
loop (:mod:`.minhash_kernels`) with no temporaries. ``benchmarks/copies.py``
measures both side by side.
"""

from __future__ import annotations

import functools
import re
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

WORD = re.compile(r"\w+")
_MIX = np.uint32(0x01000193)  # FNV-1a's prime: folds the words of a shingle together
_CODE_POINTS = 0x110000


def words(text: str) -> list[str]:
    """The lower-cased words of ``text`` (runs of letters, digits and underscores)."""
    return WORD.findall(text.lower())


@functools.cache
def _word_table() -> np.ndarray:
    """Which code points :data:`WORD` matches, built from the regex itself (1.1 MB, once)."""
    table = np.zeros(_CODE_POINTS, dtype=np.bool_)
    every = "".join(map(chr, range(_CODE_POINTS)))
    for m in WORD.finditer(every):
        table[m.start():m.end()] = True
    return table


def _word_hashes(texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
    """The hash of every word of the lower-cased ``texts`` and the text it is in."""
    from . import minhash_kernels

    # Lower-cased and encoded one by one: a joined string is slower to lower
    # when any text in it is not ASCII. The byte 0 separates the texts.
    joined = b"\x00".join([(t.replace("\x00", " ") if "\x00" in t else t).lower()
                           .encode("utf-8", "surrogatepass") for t in texts])
    data = np.frombuffer(joined, dtype=np.uint8)
    return minhash_kernels.word_hashes(data, _word_table())


def word_spans(text: str) -> np.ndarray:
    """``(n, 2)`` start and end offsets of the words of ``text``, in order.

    The words are those of :func:`words`: ``text[s:e].lower()`` is word ``i``
    (lower-casing keeps offsets, since the regex runs on the original text).
    """
    spans = [m.span() for m in WORD.finditer(text)]
    return np.array(spans, dtype=np.int64).reshape(-1, 2)


def hash_words(tokens: Sequence[str]) -> np.ndarray:
    """The 32-bit hashes of ``tokens``, words as :data:`WORD` finds them.

    A word's hash is FNV-1a over its code points with MurmurHash3's finalizer;
    :func:`batch_shingles` gives every word of a text the same hash.
    """
    if not tokens:
        return np.empty(0, dtype=np.uint32)
    hashes, _ = _word_hashes([" ".join(tokens)])
    if len(hashes) != len(tokens):
        raise ValueError("hash_words takes words, runs of word characters only")
    return hashes


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


def batch_shingles(texts: Sequence[str], n: int = SHINGLE_WORDS) -> tuple[np.ndarray, np.ndarray]:
    """The shingle hashes of many texts at once, concatenated, and each text's count.

    Text ``i``'s shingles are ``hashes[sum(counts[:i]):sum(counts[:i + 1])]``,
    equal to ``shingles(hash_words(words(texts[i])), n)``. The texts are
    joined, lower-cased and hashed in one compiled pass over their UTF-8 bytes;
    shingles spanning two texts are dropped.
    """
    counts = np.zeros(len(texts), dtype=np.int64)
    if not texts:
        return np.empty(0, dtype=np.uint32), counts
    hashes, doc = _word_hashes(texts)
    all_shingles = shingles(hashes, n)
    m = len(all_shingles)
    keep = doc[:m] == doc[n - 1:n - 1 + m]
    counts += np.bincount(doc[:m][keep], minlength=len(texts))
    return all_shingles[keep], counts


def text_shingles(text: str, n: int = SHINGLE_WORDS) -> np.ndarray:
    """The shingle hashes of ``text`` (see :func:`shingles`)."""
    return batch_shingles([text], n)[0]


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
        self._a = a
        self._b = b

    def signatures(self, sets: Sequence[np.ndarray]) -> np.ndarray:
        """The ``(len(sets), num_perm)`` uint32 signatures of the shingle sets.

        An empty set gets ``MAX_HASH`` in every slot, as datasketch's empty MinHash.
        """
        counts = np.fromiter(map(len, sets), dtype=np.int64, count=len(sets))
        if not counts.sum():
            return np.full((len(sets), self.num_perm), MAX_HASH, dtype=np.uint32)
        return self.signatures_flat(np.concatenate(list(sets)), counts)

    def signatures_flat(self, hashes: np.ndarray, counts: np.ndarray) -> np.ndarray:
        """Signatures of sets given concatenated, as :func:`batch_shingles` returns them.

        Args:
            hashes: The shingle hashes of all sets, one after the other.
            counts: How many of them each set has, in order.
        """
        from . import minhash_kernels

        starts = np.zeros(len(counts) + 1, dtype=np.int64)
        np.cumsum(counts, out=starts[1:])
        if starts[-1] != len(hashes):
            raise ValueError("counts do not add up to the number of hashes")
        out = np.empty((len(counts), self.num_perm), dtype=np.uint32)
        minhash_kernels.signatures(np.ascontiguousarray(hashes, dtype=np.uint32), starts,
                                   self._a, self._b, out)
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
    "batch_shingles",
    "fmix32",
    "hash_words",
    "merge",
    "permutations",
    "shingles",
    "text_shingles",
    "word_spans",
    "words",
]
