"""Train and evaluate the article model (``models/credibility.npz``).

Run from a checkout::

    NEWSAUDIT_CACHE=/path/to/cache nice -n 10 .venv/bin/python -m newsaudit.training.credibility

Data: :mod:`.credibility_data` (AllSides articles labelled by their source's
rating, outlet masked; extracted once and cached). Evaluation is source-disjoint
only: grouped cross-validation with every article of a source in one fold, and
the data set's ``media`` split. The shipped weights are fitted on every article;
their Platt scaling is fitted on the grouped cross-validation's out-of-fold scores.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from scipy import sparse
from sklearn.feature_extraction.text import CountVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import brier_score_loss, f1_score, roc_auc_score
from sklearn.model_selection import GroupKFold

from ..judge.textfeatures import DENSE_NAMES, GROUPS
from ..judge.textmodel import MODEL_PATH, NGRAMS, TOKEN_PATTERN, TextModel, save
from . import credibility_data as cdata

log = logging.getLogger(__name__)

#: A word n-gram enters the vocabulary only when articles of at least this many
#: sources use it: an outlet's house phrases and widgets ("Story Continued Below")
#: cannot. Chosen by reasoning, not tuned on the test folds.
MIN_SOURCES = 10
#: Largest vocabulary (most frequent n-grams kept); keeps the weight file small.
MAX_VOCAB = 30_000
#: Inverse L2 strength of the logistic regression (sklearn's default).
C = 1.0
#: Scale of the standardised named features beside the L2-normalised TF-IDF row,
#: so that the same penalty constrains both kinds of input comparably.
DENSE_WEIGHT = 0.3
FOLDS = 5
VERSION = "1"


@dataclass
class Data:
    """The cached records as arrays, with their word n-gram counts."""

    counts: sparse.csr_matrix
    raw_counts: sparse.csr_matrix
    terms: np.ndarray
    raw_terms: np.ndarray
    dense: np.ndarray
    y: np.ndarray
    groups: np.ndarray
    leaning: np.ndarray
    split: np.ndarray


def vectorizer(**kw: Any) -> CountVectorizer:
    """The n-gram counter: the same n-grams as :func:`newsaudit.judge.textmodel.ngrams`."""
    return CountVectorizer(ngram_range=NGRAMS, token_pattern=TOKEN_PATTERN, lowercase=True,
                           dtype=np.float32, **kw)


def tfidf(counts: sparse.csr_matrix, idf: np.ndarray) -> sparse.csr_matrix:
    """Sublinear TF times IDF, each row L2-normalised (as ``TextModel.text_vector``)."""
    x = counts.astype(np.float32).tocsr(copy=True)
    x.data = 1.0 + np.log(x.data)
    x = x.multiply(idf.reshape(1, -1)).tocsr()
    norms = np.sqrt(np.asarray(x.multiply(x).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    return sparse.diags(1.0 / norms).dot(x).tocsr()


def _count(texts: list[str]) -> tuple[sparse.csr_matrix, np.ndarray]:
    counter = vectorizer(min_df=5)
    x = counter.fit_transform(texts).tocsr()
    return x, np.array(counter.get_feature_names_out()).astype(str)


def as_data(records: list[dict[str, Any]], cache: Path | None = None) -> Data:
    """Arrays of the cached records; the n-gram counts are computed once and cached."""
    if cache is not None and cache.exists():
        with np.load(cache, allow_pickle=False) as z:
            counts = sparse.csr_matrix((z["data"], z["indices"], z["indptr"]), shape=z["shape"])
            raw_counts = sparse.csr_matrix((z["rdata"], z["rindices"], z["rindptr"]),
                                           shape=z["rshape"])
            terms, raw_terms = z["terms"], z["raw_terms"]
    else:
        counts, terms = _count([r["masked"] for r in records])
        raw_counts, raw_terms = _count([r["raw"] for r in records])
        if cache is not None:
            np.savez(cache, data=counts.data, indices=counts.indices, indptr=counts.indptr,
                     shape=np.array(counts.shape), terms=terms, rdata=raw_counts.data,
                     rindices=raw_counts.indices, rindptr=raw_counts.indptr,
                     rshape=np.array(raw_counts.shape), raw_terms=raw_terms)
    return Data(counts=counts, raw_counts=raw_counts, terms=terms, raw_terms=raw_terms,
                dense=np.array([[r["dense"][n] for n in DENSE_NAMES] for r in records],
                               dtype=np.float32),
                y=np.array([r["label"] for r in records]),
                groups=np.array([r["domain"] for r in records]),
                leaning=np.array([r["leaning"] for r in records]),
                split=np.array([r["split"] for r in records]))


def select_vocab(counts: sparse.csr_matrix, groups: np.ndarray, min_sources: int = MIN_SOURCES,
                 max_vocab: int = MAX_VOCAB) -> tuple[np.ndarray, np.ndarray]:
    """Columns used by at least ``min_sources`` sources (most frequent first), and IDF."""
    x = (counts > 0).astype(np.float32).tocsc()
    _, src = np.unique(groups, return_inverse=True)
    onehot = sparse.csr_matrix((np.ones(len(src)), (src, np.arange(len(src)))))
    n_sources = np.asarray(((onehot @ x) > 0).sum(axis=0)).ravel()
    df = np.asarray(x.sum(axis=0)).ravel()
    ok = np.flatnonzero(n_sources >= min_sources)
    ok = np.sort(ok[np.argsort(-df[ok], kind="stable")[:max_vocab]])
    idf = np.log((1 + counts.shape[0]) / (1 + df[ok])) + 1.0
    return ok, idf.astype(np.float32)


def fit(counts: sparse.csr_matrix, terms: np.ndarray, dense: np.ndarray, y: np.ndarray,
        groups: np.ndarray, columns: Sequence[str] = DENSE_NAMES, use_text: bool = True,
        vocab: tuple[int, int] = (MIN_SOURCES, MAX_VOCAB)) -> tuple[TextModel, np.ndarray]:
    """Fit the logistic regression on n-gram ``counts`` and the named ``columns`` of ``dense``.

    Returns:
        The model and the columns of ``counts`` that form its vocabulary.
    """
    idx = [DENSE_NAMES.index(c) for c in columns]
    d = dense[:, idx]
    mean, scale = d.mean(axis=0), d.std(axis=0)
    scale[scale == 0] = 1.0
    scale = scale / DENSE_WEIGHT
    blocks = [sparse.csr_matrix((d - mean) / scale)]
    cols, idf = (select_vocab(counts, groups, *vocab) if use_text
                 else (np.zeros(0, dtype=int), np.zeros(0, np.float32)))
    if use_text:
        blocks.insert(0, tfidf(counts[:, cols], idf))
    lr = LogisticRegression(C=C, class_weight="balanced", max_iter=1000, solver="liblinear")
    lr.fit(sparse.hstack(blocks).tocsr(), y)
    coef = lr.coef_.ravel()
    n_text = len(cols)
    return TextModel(vocab=[str(t) for t in terms[cols]], idf=idf,
                     coef_text=coef[:n_text].astype(np.float32),
                     dense_names=tuple(columns), dense_mean=mean.astype(np.float32),
                     dense_scale=scale.astype(np.float32),
                     coef_dense=coef[n_text:].astype(np.float32),
                     intercept=float(lr.intercept_[0]), platt_a=1.0, platt_b=0.0,
                     version=VERSION), cols


def raw_scores(model: TextModel, cols: np.ndarray, counts: sparse.csr_matrix,
               dense: np.ndarray) -> np.ndarray:
    """Uncalibrated scores of ``model`` from n-gram counts and named features."""
    idx = [DENSE_NAMES.index(c) for c in model.dense_names]
    z = ((dense[:, idx] - model.dense_mean) / model.dense_scale) @ model.coef_dense
    if len(cols):
        z = z + tfidf(counts[:, cols], model.idf) @ model.coef_text
    return np.asarray(z + model.intercept).ravel()


def platt(z: np.ndarray, y: np.ndarray) -> tuple[float, float]:
    """Platt scaling: ``a, b`` with ``P(y=1) = sigmoid(a * z + b)``."""
    lr = LogisticRegression(C=1e6, max_iter=1000).fit(z.reshape(-1, 1), y)
    return float(lr.coef_[0, 0]), float(lr.intercept_[0])


def sigmoid(x: np.ndarray) -> np.ndarray:
    """The logistic function."""
    return 1.0 / (1.0 + np.exp(-x))


def folds(groups: np.ndarray, n: int = FOLDS) -> np.ndarray:
    """Fold number of each article; every article of a source in the same fold."""
    out = np.zeros(len(groups), dtype=int)
    for k, (_, test) in enumerate(GroupKFold(n_splits=n).split(groups, groups=groups)):
        out[test] = k
    return out


Fitter = Callable[[np.ndarray], Callable[[np.ndarray], np.ndarray]]


def out_of_fold(fitter: Fitter, fold: np.ndarray) -> np.ndarray:
    """Raw out-of-fold scores: ``fitter(train_idx)`` returns a scorer of test indices."""
    z = np.zeros(len(fold))
    for k in np.unique(fold):
        test = np.flatnonzero(fold == k)
        z[test] = fitter(np.flatnonzero(fold != k))(test)
    return z


def cross_calibrate(z: np.ndarray, y: np.ndarray, fold: np.ndarray) -> np.ndarray:
    """Calibrated probabilities, each fold's Platt scaling fitted on the other folds."""
    p = np.zeros(len(z))
    for k in np.unique(fold):
        test = fold == k
        a, b = platt(z[~test], y[~test])
        p[test] = sigmoid(a * z[test] + b)
    return p


def ece(p: np.ndarray, y: np.ndarray, bins: int = 10) -> float:
    """Expected calibration error over equal-width probability bins."""
    edges = np.minimum((p * bins).astype(int), bins - 1)
    total = 0.0
    for b in range(bins):
        m = edges == b
        if m.any():
            total += m.mean() * abs(p[m].mean() - y[m].mean())
    return float(total)


def metrics(p: np.ndarray, y: np.ndarray, leaning: np.ndarray) -> dict[str, float]:
    """AUC within each leaning, then overall AUC, macro-F1 at 0.5, Brier score and ECE."""
    out: dict[str, float] = {}
    for lean in cdata.LEANINGS:
        m = leaning == lean
        ok = m.any() and len(np.unique(y[m])) == 2
        out[f"auc_{lean}"] = float(roc_auc_score(y[m], p[m])) if ok else float("nan")
    out.update({"auc": float(roc_auc_score(y, p)),
                "macro_f1": float(f1_score(y, p >= 0.5, average="macro")),
                "brier": float(brier_score_loss(y, p)), "ece": ece(p, y)})
    return out


def model_fitter(data: Data, columns: Sequence[str] = DENSE_NAMES, use_text: bool = True,
                 raw_text: bool = False, vocab: tuple[int, int] = (MIN_SOURCES, MAX_VOCAB),
                 ) -> Fitter:
    """A :data:`Fitter` for the article model with the given inputs."""
    counts, terms = (data.raw_counts, data.raw_terms) if raw_text else (data.counts, data.terms)

    def fitter(train: np.ndarray) -> Callable[[np.ndarray], np.ndarray]:
        model, cols = fit(counts[train], terms, data.dense[train], data.y[train],
                          data.groups[train], columns, use_text, vocab)
        return lambda test: raw_scores(model, cols, counts[test], data.dense[test])

    return fitter


def grouped_cv(data: Data, fitter: Fitter) -> tuple[dict[str, float], np.ndarray]:
    """Source-disjoint cross-validated figures and raw out-of-fold scores."""
    fold = folds(data.groups)
    z = out_of_fold(fitter, fold)
    return metrics(cross_calibrate(z, data.y, fold), data.y, data.leaning), z


def media_split(data: Data, fitter: Fitter) -> dict[str, float]:
    """Fit on the ``media`` train split, calibrate on valid, score test."""
    train = np.flatnonzero(data.split == "train")
    valid = np.flatnonzero(data.split == "valid")
    test = np.flatnonzero(data.split == "test")
    scorer = fitter(train)
    a, b = platt(scorer(valid), data.y[valid])
    p = sigmoid(a * scorer(test) + b)
    return metrics(p, data.y[test], data.leaning[test])


def train(data: Data) -> tuple[TextModel, dict[str, float]]:
    """The shipped model: fitted on everything, Platt-scaled on out-of-fold scores."""
    figures, z = grouped_cv(data, model_fitter(data))
    a, b = platt(z, data.y)
    model, _ = fit(data.counts, data.terms, data.dense, data.y, data.groups)
    model = TextModel(**{**model.__dict__, "platt_a": a, "platt_b": b,
                         "prior": round(float(data.y.mean()), 6)})
    return model, figures


def top_features(model: TextModel, k: int = 20) -> tuple[list[tuple[str, float]], ...]:
    """The ``k`` inputs with the largest weights toward low and toward high reliability."""
    names = list(model.vocab) + [f"[{n}]" for n in model.dense_names]
    coef = np.concatenate([model.coef_text, model.coef_dense])
    order = np.argsort(coef)
    return ([(names[i], float(coef[i])) for i in order[::-1][:k]],
            [(names[i], float(coef[i])) for i in order[:k]])


def main(argv: Sequence[str] | None = None) -> int:
    """Extract (cached), train, print the cross-validated figures, write the weights."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cap", type=int, default=cdata.CAP, help="articles per source")
    parser.add_argument("--check", action="store_true", help="do not write the weights")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    data = as_data(cdata.load(args.cap), cdata.cache_path(args.cap).with_suffix(".counts.npz"))
    model, figures = train(data)
    print(f"{len(data.y)} articles, {int(data.y.sum())} from low-rated sources, "
          f"{len(set(data.groups))} sources")
    print("grouped CV by source: " + ", ".join(f"{k} {v:.3f}" for k, v in figures.items()))
    low, high = top_features(model)
    print("toward low:  " + ", ".join(f"{n} {w:+.2f}" for n, w in low))
    print("toward high: " + ", ".join(f"{n} {w:+.2f}" for n, w in high))
    if not args.check:
        save(model, MODEL_PATH)
        print(f"wrote {MODEL_PATH} ({MODEL_PATH.stat().st_size // 1024} KB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())


__all__ = ["GROUPS", "Data", "fit", "grouped_cv", "main", "media_split", "metrics", "train"]
