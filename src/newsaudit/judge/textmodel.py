"""The article model: how likely the text comes from a low-reliability source.

A logistic regression over two kinds of input, read from the masked body
(:mod:`.textfeatures`): word unigrams and bigrams weighted by sublinear TF-IDF,
limited to words used by many sources (an outlet's house phrases do not reach the
vocabulary), and the named features of :data:`.textfeatures.GROUPS`, standardised.
Its raw score is mapped to a probability by Platt scaling fitted on
source-disjoint out-of-fold scores. Weights: ``models/credibility.npz`` (plain
arrays, no pickle); data, scores and the retraining command:
``models/credibility.md``.
"""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from scipy import sparse
from sklearn.feature_extraction.text import CountVectorizer

from ..errors import DataError

MODEL_PATH = Path(__file__).resolve().parents[1] / "models" / "credibility.npz"
#: Words are runs of letters (numbers and dates are left out: they date a corpus).
TOKEN_PATTERN = r"(?u)\b[a-zA-Z][a-zA-Z']+\b"
NGRAMS = (1, 2)


def vectorizer(vocab: list[str] | None = None, **kw: object) -> CountVectorizer:
    """The word n-gram counter shared by training and run time."""
    return CountVectorizer(vocabulary=vocab, ngram_range=NGRAMS, token_pattern=TOKEN_PATTERN,
                           lowercase=True, dtype=np.float32, **kw)  # type: ignore[arg-type]


def tfidf(counts: sparse.csr_matrix, idf: np.ndarray) -> sparse.csr_matrix:
    """Sublinear TF times IDF, each row L2-normalised."""
    x = counts.astype(np.float32).tocsr(copy=True)
    x.data = 1.0 + np.log(x.data)
    x = x.multiply(idf.reshape(1, -1)).tocsr()
    norms = np.sqrt(np.asarray(x.multiply(x).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    return sparse.diags(1.0 / norms).dot(x).tocsr()


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

    @functools.cached_property
    def _counter(self) -> CountVectorizer:
        return vectorizer(self.vocab)

    def text_matrix(self, texts: list[str]) -> sparse.csr_matrix:
        """TF-IDF rows of the masked bodies."""
        return tfidf(self._counter.transform(texts), self.idf)

    def dense_matrix(self, rows: list[dict[str, float]]) -> np.ndarray:
        """Standardised named features, in :attr:`dense_names` order."""
        x = np.array([[r[n] for n in self.dense_names] for r in rows], dtype=np.float32)
        return (x - self.dense_mean) / self.dense_scale

    def raw(self, texts: list[str], rows: list[dict[str, float]]) -> np.ndarray:
        """Uncalibrated scores (log-odds)."""
        return (self.text_matrix(texts) @ self.coef_text
                + self.dense_matrix(rows) @ self.coef_dense + self.intercept)

    def probability(self, text: str, dense: dict[str, float]) -> float:
        """Calibrated probability that the article comes from a low-reliability source."""
        z = float(self.raw([text], [dense])[0])
        return 1.0 / (1.0 + math.exp(-(self.platt_a * z + self.platt_b)))

    def contributions(self, text: str, dense: dict[str, float], k: int = 6,
                      ) -> list[tuple[str, float]]:
        """The ``k`` inputs that moved the score most, with their share of the log-odds."""
        x = self.text_matrix([text]).tocoo()
        terms = [(self.vocab[j], float(v * self.coef_text[j])) for j, v in zip(x.col, x.data,
                                                                                strict=True)]
        d = self.dense_matrix([dense])[0] * self.coef_dense
        terms += [(f"[{n}]", float(v)) for n, v in zip(self.dense_names, d, strict=True)]
        return sorted(terms, key=lambda t: -abs(t[1]))[:k]


def save(model: TextModel, path: Path = MODEL_PATH) -> None:
    """Write the weights as plain arrays (``np.load`` needs no pickle)."""
    np.savez_compressed(
        path, vocab=np.array(model.vocab), idf=model.idf.astype(np.float32),
        coef_text=model.coef_text.astype(np.float32), dense_names=np.array(model.dense_names),
        dense_mean=model.dense_mean.astype(np.float32),
        dense_scale=model.dense_scale.astype(np.float32),
        coef_dense=model.coef_dense.astype(np.float32),
        scalars=np.array([model.intercept, model.platt_a, model.platt_b], dtype=np.float64),
        version=np.array(model.version))


@functools.lru_cache(maxsize=2)
def load_model(path: Path = MODEL_PATH) -> TextModel:
    """The shipped article model.

    Raises:
        DataError: If the weight file is missing or unreadable.
    """
    try:
        with np.load(path, allow_pickle=False) as z:
            intercept, a, b = (float(v) for v in z["scalars"])
            return TextModel(
                vocab=[str(v) for v in z["vocab"]], idf=z["idf"], coef_text=z["coef_text"],
                dense_names=tuple(str(v) for v in z["dense_names"]), dense_mean=z["dense_mean"],
                dense_scale=z["dense_scale"], coef_dense=z["coef_dense"], intercept=intercept,
                platt_a=a, platt_b=b, version=str(z["version"]))
    except (OSError, KeyError, ValueError) as exc:
        raise DataError(f"cannot read the credibility model {path}: {exc}") from exc
