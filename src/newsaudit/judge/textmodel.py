"""The article model: how likely the text comes from a low-reliability source.

A logistic regression over three kinds of input, read from the scrubbed and
masked body (:mod:`.textfeatures`): word unigrams and bigrams and character 3- to
5-grams (inside word boundaries), each weighted by sublinear TF-IDF and limited to
those used by many sources (an outlet's house phrases do not reach the
vocabulary), and the named features of :data:`.textfeatures.GROUPS`, standardised.
Its raw score is mapped to a probability by Platt scaling fitted on
source-disjoint out-of-fold scores. Weights: ``models/credibility.npz`` (plain
arrays, no pickle); data, scores and the retraining command:
``models/credibility.md``.
"""

from __future__ import annotations

import functools
import itertools
import math
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from ..errors import DataError

MODEL_PATH = Path(__file__).resolve().parents[1] / "models" / "credibility.npz"
#: Words are runs of letters (numbers and dates are left out: they date a corpus).
#: The trainer counts with scikit-learn's CountVectorizer and this same pattern,
#: lower-cased, unigrams and bigrams joined by a space: :func:`ngrams` is the same.
TOKEN_PATTERN = r"(?u)\b[a-zA-Z][a-zA-Z']+\b"
NGRAMS = (1, 2)
#: Character n-grams: lengths, counted as scikit-learn's ``char_wb`` analyzer
#: does (each lower-cased word padded with one space; :func:`char_ngrams`).
CHAR_NGRAMS = (3, 5)
#: Prefix of a character n-gram's name in :meth:`TextModel.contributions`.
CHAR_PREFIX = "chars:"
_TOKEN = re.compile(TOKEN_PATTERN)
_SPACE = re.compile(r"\s\s+")
#: Typography folded before character n-grams are counted: dashes and quotation
#: marks are house style ("--" or an en dash where others set an em dash; curly or
#: straight quotes), and a model trained without the folding learned them as the
#: marks of particular outlets.
TYPOGRAPHY = str.maketrans({"–": "-", "—": "-", "‒": "-", "―": "-", "“": '"', "”": '"',
                            "„": '"', "‘": "'", "’": "'", "′": "'"})
_DASHES = re.compile(r"-{2,}")


def fold_typography(text: str) -> str:
    """``text`` lower-cased with dashes and quotation marks of every style made plain."""
    return _DASHES.sub("-", text.translate(TYPOGRAPHY).lower())


def ngrams(text: str) -> Counter[str]:
    """Word unigram and bigram counts of ``text``, as the trainer's counter makes them."""
    toks = _TOKEN.findall(text.lower())
    grams: Counter[str] = Counter(toks)
    grams.update(f"{a} {b}" for a, b in itertools.pairwise(toks))
    return grams


def char_ngrams(text: str, lengths: tuple[int, int] = CHAR_NGRAMS) -> Counter[str]:
    """Character n-gram counts of ``text`` (typography folded), as ``char_wb`` counts them."""
    grams: Counter[str] = Counter()
    for word in _SPACE.sub(" ", fold_typography(text)).split():
        w = f" {word} "
        for n in range(lengths[0], lengths[1] + 1):
            grams.update(w[i:i + n] for i in range(max(1, len(w) - n + 1)))
            if len(w) <= n:  # a short word is counted once, at its full length
                break
    return grams


def _tfidf(grams: Counter[str], index: dict[str, int], idf: np.ndarray,
           ) -> tuple[np.ndarray, np.ndarray]:
    found = [(index[g], c) for g, c in grams.items() if g in index]
    if not found:
        return np.zeros(0, dtype=int), np.zeros(0, dtype=np.float64)
    cols = np.array([j for j, _ in found])
    vals = (1.0 + np.log(np.array([c for _, c in found], dtype=np.float64))) * idf[cols]
    return cols, vals / np.linalg.norm(vals)


@dataclass(frozen=True)
class TextModel:
    """The article model's weights (see the module docstring)."""

    vocab: list[str]
    idf: np.ndarray
    coef_text: np.ndarray
    dense_names: tuple[str, ...]
    dense_mean: np.ndarray
    dense_scale: np.ndarray
    coef_dense: np.ndarray
    intercept: float
    platt_a: float
    platt_b: float
    version: str
    #: Share of training articles from low-rated sources (the calibrated
    #: probabilities carry this base rate of the sample).
    prior: float = 0.5
    #: Character n-grams (empty for a model without them), their IDF and weights.
    char_vocab: list[str] = field(default_factory=list)
    char_idf: np.ndarray = field(default_factory=lambda: np.zeros(0, np.float32))
    coef_char: np.ndarray = field(default_factory=lambda: np.zeros(0, np.float32))

    @functools.cached_property
    def index(self) -> dict[str, int]:
        """N-gram -> its column."""
        return {t: i for i, t in enumerate(self.vocab)}

    @functools.cached_property
    def char_index(self) -> dict[str, int]:
        """Character n-gram -> its column."""
        return {t: i for i, t in enumerate(self.char_vocab)}

    def text_vector(self, text: str) -> tuple[np.ndarray, np.ndarray]:
        """Columns and sublinear TF-IDF values (L2-normalised) of a masked body's words."""
        return _tfidf(ngrams(text), self.index, self.idf)

    def char_vector(self, text: str) -> tuple[np.ndarray, np.ndarray]:
        """Columns and sublinear TF-IDF values (L2-normalised) of its character n-grams."""
        if not self.char_vocab:
            return np.zeros(0, dtype=int), np.zeros(0, dtype=np.float64)
        return _tfidf(char_ngrams(text), self.char_index, self.char_idf)

    def dense_vector(self, dense: dict[str, float]) -> np.ndarray:
        """Standardised named features, in :attr:`dense_names` order."""
        x = np.array([dense[n] for n in self.dense_names], dtype=np.float64)
        return (x - self.dense_mean) / self.dense_scale

    def raw(self, text: str, dense: dict[str, float]) -> float:
        """Uncalibrated score (log-odds)."""
        cols, vals = self.text_vector(text)
        ccols, cvals = self.char_vector(text)
        return float(vals @ self.coef_text[cols] + cvals @ self.coef_char[ccols]
                     + self.dense_vector(dense) @ self.coef_dense + self.intercept)

    def probability(self, text: str, dense: dict[str, float]) -> float:
        """Calibrated probability that the article comes from a low-reliability source."""
        z = self.raw(text, dense)
        return 1.0 / (1.0 + math.exp(-(self.platt_a * z + self.platt_b)))

    def contributions(self, text: str, dense: dict[str, float], k: int = 6,
                      ) -> list[tuple[str, float]]:
        """The ``k`` inputs that moved the score most, with their part of the log-odds.

        Words are named as they are, character n-grams with :data:`CHAR_PREFIX`,
        named features in brackets.
        """
        cols, vals = self.text_vector(text)
        terms = [(self.vocab[j], float(v * self.coef_text[j]))
                 for j, v in zip(cols, vals, strict=True)]
        ccols, cvals = self.char_vector(text)
        terms += [(CHAR_PREFIX + self.char_vocab[j], float(v * self.coef_char[j]))
                  for j, v in zip(ccols, cvals, strict=True)]
        d = self.dense_vector(dense) * self.coef_dense
        terms += [(f"[{n}]", float(v)) for n, v in zip(self.dense_names, d, strict=True)]
        return sorted(terms, key=lambda t: -abs(t[1]))[:k]

    def evidence_share(self, probability: float) -> float:
        """The probability with the sample's base rate taken out (as under a 50/50 prior).

        The training sample's share of low-source articles (:attr:`prior`) is an
        artefact of how it was drawn, not a property of the web: removing it leaves
        what the text itself says, 0.5 for a text that moves the odds neither way.
        """
        p = min(max(probability, 1e-6), 1 - 1e-6)
        odds = (p / (1 - p)) / (self.prior / (1 - self.prior))
        return odds / (1 + odds)


def save(model: TextModel, path: Path = MODEL_PATH) -> None:
    """Write the weights as plain arrays (``np.load`` needs no pickle)."""
    np.savez_compressed(
        path, vocab=np.array(model.vocab), idf=model.idf.astype(np.float32),
        coef_text=model.coef_text.astype(np.float32), dense_names=np.array(model.dense_names),
        dense_mean=model.dense_mean.astype(np.float32),
        dense_scale=model.dense_scale.astype(np.float32),
        coef_dense=model.coef_dense.astype(np.float32),
        scalars=np.array([model.intercept, model.platt_a, model.platt_b, model.prior],
                         dtype=np.float64),
        version=np.array(model.version), char_vocab=np.array(model.char_vocab, dtype=str),
        char_idf=model.char_idf.astype(np.float32),
        coef_char=model.coef_char.astype(np.float32))


def _char_arrays(z: Any) -> dict[str, Any]:
    """The character n-gram arrays of a weight file (none in a version 1 file)."""
    if "char_vocab" not in z:
        return {}
    return {"char_vocab": [str(v) for v in z["char_vocab"]], "char_idf": z["char_idf"],
            "coef_char": z["coef_char"]}


@functools.lru_cache(maxsize=2)
def load_model(path: Path = MODEL_PATH) -> TextModel:
    """The shipped article model.

    Raises:
        DataError: If the weight file is missing or unreadable.
    """
    try:
        with np.load(path, allow_pickle=False) as z:
            intercept, a, b, prior = (float(v) for v in z["scalars"])
            return TextModel(
                vocab=[str(v) for v in z["vocab"]], idf=z["idf"], coef_text=z["coef_text"],
                dense_names=tuple(str(v) for v in z["dense_names"]), dense_mean=z["dense_mean"],
                dense_scale=z["dense_scale"], coef_dense=z["coef_dense"], intercept=intercept,
                platt_a=a, platt_b=b, version=str(z["version"]), prior=prior,
                **_char_arrays(z))
    except (OSError, KeyError, ValueError) as exc:
        raise DataError(f"cannot read the credibility model {path}: {exc}") from exc
