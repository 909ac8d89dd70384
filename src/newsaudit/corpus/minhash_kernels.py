"""Compiled inner loops of :mod:`.minhash` (Numba, compiled once and cached on disk).

NumPy cannot fuse the permutation arithmetic: ``a * h + b`` and the running
minimum are three passes over a ``shingles x permutations`` temporary, which
made NumPy only 2.5x faster than datasketch (its per-document overhead removed,
its arithmetic not). Here each shingle is pre-mixed once and its permutations
are folded into a 128-slot row that stays in the L1 cache, in uint32 lanes the
compiler vectorises: about 10x faster than the best NumPy layout on the
development machine (benchmarks/copies.py). The arithmetic is datasketch's
``affine32`` scheme, wrapping at 2**32 exactly as its NumPy uint32 arrays do,
so the signatures are the same values. Word hashing from Unicode code points is
a single pass here too, instead of one regex match and one dict lookup per word.

Imported lazily by :mod:`.minhash`, so that Numba loads only when a corpus is signed.
"""

from __future__ import annotations

import numpy as np
from numba import njit

_EMPTY = np.uint32(0xFFFFFFFF)
#: FNV-1a's offset basis and prime, over the code points of a word.
_FNV_BASIS = np.uint32(0x811C9DC5)
_FNV_PRIME = np.uint32(0x01000193)


@njit(cache=True, nogil=True, boundscheck=False)
def fmix32_one(x: np.uint32) -> np.uint32:  # pragma: no cover - compiled
    """MurmurHash3's 32-bit finalizer, as datasketch's ``_fmix`` applies it."""
    x ^= x >> np.uint32(16)
    x = np.uint32(x * np.uint32(0x85EBCA6B))
    x ^= x >> np.uint32(13)
    x = np.uint32(x * np.uint32(0xC2B2AE35))
    x ^= x >> np.uint32(16)
    return x


@njit(cache=True, nogil=True, boundscheck=False)
def signatures(hashes: np.ndarray, starts: np.ndarray, a: np.ndarray, b: np.ndarray,
               out: np.ndarray) -> None:  # pragma: no cover - compiled
    """``out[d, k] = min over s in set d of (a[k] * fmix32(s) + b[k]) mod 2**32``.

    Set ``d`` is ``hashes[starts[d]:starts[d + 1]]``; an empty set keeps ``2**32 - 1``.
    """
    perms = a.shape[0]
    row = np.empty(perms, np.uint32)
    for d in range(starts.shape[0] - 1):
        for k in range(perms):
            row[k] = _EMPTY
        for s in range(starts[d], starts[d + 1]):
            x = fmix32_one(hashes[s])
            for k in range(perms):
                v = np.uint32(a[k] * x + b[k])
                if v < row[k]:
                    row[k] = v
        for k in range(perms):
            out[d, k] = row[k]


@njit(cache=True, nogil=True, boundscheck=False)
def word_hashes(text: np.ndarray, is_word: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The hash of every word of ``text`` (UTF-8 bytes) and which text it is in.

    A word is a run of code points ``c`` with ``is_word[c]``; the byte 0 ends a
    text and starts the next. A word's hash is FNV-1a over its code points,
    then the MurmurHash3 finalizer.
    """
    n = text.shape[0]
    out = np.empty(n // 2 + 1, np.uint32)
    docs = np.empty(n // 2 + 1, np.int64)
    count = 0
    doc = 0
    h = _FNV_BASIS
    inside = False
    i = 0
    while i < n:
        c = np.uint32(text[i])
        if c < 0x80:
            i += 1
        elif c < 0xE0:
            c = ((c & 0x1F) << 6) | (text[i + 1] & 0x3F)
            i += 2
        elif c < 0xF0:
            c = ((c & 0x0F) << 12) | ((text[i + 1] & 0x3F) << 6) | (text[i + 2] & 0x3F)
            i += 3
        else:
            c = (((c & 0x07) << 18) | ((text[i + 1] & 0x3F) << 12)
                 | ((text[i + 2] & 0x3F) << 6) | (text[i + 3] & 0x3F))
            i += 4
        if is_word[c]:
            if not inside:
                inside = True
                h = _FNV_BASIS
            h = np.uint32((h ^ c) * _FNV_PRIME)
            continue
        if inside:
            inside = False
            out[count] = fmix32_one(h)
            docs[count] = doc
            count += 1
        if c == 0:
            doc += 1
    if inside:
        out[count] = fmix32_one(h)
        docs[count] = doc
        count += 1
    return out[:count].copy(), docs[:count].copy()
