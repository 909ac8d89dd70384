"""Train and evaluate the article model (``models/credibility.npz``).

Run from a checkout::

    NEWSAUDIT_CACHE=/path/to/cache nice -n 19 .venv/bin/python -m newsaudit.training.credibility

Data: :mod:`.credibility_data` (AllSides articles labelled by their source's
rating, plus the FakeNewsCorpus sample by its type; scrubbed of site lines and
outlet masked; extracted once and cached). Evaluation is source-disjoint only:
grouped cross-validation with every article of a rated domain in one fold, and
the AllSides ``media`` split; figures are over the AllSides articles (the
FakeNewsCorpus rows only train). The shipped weights are fitted on every article;
their Platt scaling is fitted on the grouped cross-validation's out-of-fold scores.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import numpy as np
from scipy import sparse
from sklearn.feature_extraction.text import CountVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import brier_score_loss, f1_score, roc_auc_score
from sklearn.model_selection import GroupKFold

from ..judge.textfeatures import DENSE_NAMES, GROUPS
from ..judge.textmodel import (
    CHAR_NGRAMS,
    CHAR_PREFIX,
    MODEL_PATH,
    NGRAMS,
    TOKEN_PATTERN,
    TextModel,
    fold_typography,
    save,
)
from . import credibility_data as cdata

log = logging.getLogger(__name__)

#: An n-gram (word or character) enters the vocabulary only when articles of at
#: least this many sources use it: an outlet's house phrases and widgets ("Story
#: Continued Below") cannot. Chosen by reasoning, not tuned on the test folds.
MIN_SOURCES = 10
#: Largest vocabularies (most frequent n-grams kept); keep the weight file small.
MAX_VOCAB = 30_000
MAX_CHAR_VOCAB = 20_000
#: Inverse L2 strength of the logistic regression (sklearn's default).
C = 1.0
#: Scale of the standardised named features beside the L2-normalised TF-IDF rows,
#: so that the same penalty constrains both kinds of input comparably.
DENSE_WEIGHT = 0.3
FOLDS = 5
VERSION = "3"
#: Which body a run reads: the model's input, the same with the outlet left in
#: (masking ablation), the furniture parser's body unscrubbed and unmasked.
TEXTS = ("masked", "raw", "parsed")


def vectorizer(kind: str = "word", **kw: Any) -> CountVectorizer:
    """The n-gram counter: the same n-grams as :mod:`newsaudit.judge.textmodel` counts."""
    if kind == "char":
        return CountVectorizer(analyzer="char_wb", ngram_range=CHAR_NGRAMS,
                               preprocessor=fold_typography, dtype=np.float32, **kw)
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


@dataclass
class Data:
    """The cached records as arrays; n-gram counts computed on first use and cached."""

    texts: dict[str, list[str]]
    dense: np.ndarray
    y: np.ndarray
    groups: np.ndarray
    leaning: np.ndarray
    split: np.ndarray
    cache: Path | None = None
    _counts: dict[tuple[str, str], tuple[sparse.csr_matrix, np.ndarray]] = field(
        default_factory=dict)

    @property
    def allsides(self) -> np.ndarray:
        """Rows of AllSides articles (the others are FakeNewsCorpus rows)."""
        return np.asarray(self.leaning != "none")

    def counts(self, text: str, kind: str) -> tuple[sparse.csr_matrix, np.ndarray]:
        """N-gram counts (``kind`` word or char) of the ``text`` bodies, and their terms."""
        key = (text, kind)
        if key not in self._counts:
            path = self.cache and self.cache.with_suffix(f".{text}-{kind}.npz")
            if path is not None and path.exists():
                with np.load(path, allow_pickle=False) as z:
                    x = sparse.csr_matrix((z["data"], z["indices"], z["indptr"]),
                                          shape=tuple(z["shape"]))
                    terms = z["terms"]
            else:
                counter = vectorizer(kind, min_df=5)
                x = counter.fit_transform(self.texts[text]).tocsr()
                terms = np.array(counter.get_feature_names_out()).astype(str)
                if path is not None:
                    np.savez(path, data=x.data, indices=x.indices, indptr=x.indptr,
                             shape=np.array(x.shape), terms=terms)
            self._counts[key] = (x, terms)
        return self._counts[key]


def as_data(records: list[dict[str, Any]], cache: Path | None = None) -> Data:
    """Arrays of the cached records (``cache``: where n-gram counts are kept)."""
    return Data(texts={t: [r[t] for r in records] for t in TEXTS},
                dense=np.array([[r["dense"][n] for n in DENSE_NAMES] for r in records],
                               dtype=np.float32),
                y=np.array([r["label"] for r in records]),
                groups=np.array([r["domain"] for r in records]),
                leaning=np.array([r["leaning"] for r in records]),
                split=np.array([r["split"] for r in records]), cache=cache)


@dataclass(frozen=True)
class Spec:
    """What a model reads and how it is fitted (the benchmark varies these)."""

    text: str = "masked"
    word: bool = True
    char: bool = True
    columns: tuple[str, ...] = DENSE_NAMES
    #: Source-spread filter and size of the word vocabulary; the peer uses (1, 10**7).
    vocab: tuple[int, int] = (MIN_SOURCES, MAX_VOCAB)
    #: Train on the FakeNewsCorpus rows too.
    extra: bool = True
    #: Weight training rows so that leaning and label are independent
    #: (:func:`leaning_weights`): politics alone then predicts nothing in training.
    decorrelate: bool = False


#: The shipped model reads the 41 named features alone. In the source-disjoint
#: cross-validation they score as well as with word and character n-grams overall
#: (AUC 0.664 against 0.668) and better within the left and right-leaning sources
#: (0.697 / 0.631 against 0.634 / 0.616), and they carry no topic words of the
#: training years (``models/credibility.md``).
SHIPPED = Spec(word=False, char=False)


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


def leaning_weights(y: np.ndarray, leaning: np.ndarray) -> np.ndarray:
    """Row weights ``P(leaning) P(label) / P(leaning, label)``.

    Under them each leaning has the same share of low-rated articles, so a model
    gains nothing from telling one side's vocabulary from the other's.
    """
    w = np.ones(len(y))
    for lean in np.unique(leaning):
        m = leaning == lean
        for label in (0, 1):
            cell = m & (y == label)
            if cell.any():
                w[cell] = m.mean() * (y == label).mean() / cell.mean()
    return w


@dataclass
class Fitted:
    """A fitted model and, per n-gram kind, the count columns of its vocabulary."""

    model: TextModel
    cols: dict[str, np.ndarray]


def _kinds(spec: Spec) -> list[str]:
    return [k for k, on in (("word", spec.word), ("char", spec.char)) if on]


def fit(data: Data, spec: Spec, train: np.ndarray) -> Fitted:
    """Fit the logistic regression of ``spec`` on the ``train`` rows of ``data``."""
    if not spec.extra:
        train = train[data.allsides[train]]
    idx = np.array([DENSE_NAMES.index(c) for c in spec.columns], dtype=int)
    d = data.dense[np.ix_(train, idx)]
    mean, scale = d.mean(axis=0), d.std(axis=0)
    scale[scale == 0] = 1.0
    scale = scale / DENSE_WEIGHT
    blocks, cols, idfs, terms = [], {}, {}, {}
    for kind in _kinds(spec):
        counts, all_terms = data.counts(spec.text, kind)
        size = spec.vocab if kind == "word" else (spec.vocab[0], MAX_CHAR_VOCAB)
        cols[kind], idfs[kind] = select_vocab(counts[train], data.groups[train], *size)
        terms[kind] = [str(t) for t in all_terms[cols[kind]]]
        blocks.append(tfidf(counts[train][:, cols[kind]], idfs[kind]))
    blocks.append(sparse.csr_matrix((d - mean) / scale))
    # The dual problem: fewer articles than n-grams, so liblinear solves it faster.
    lr = LogisticRegression(C=C, class_weight="balanced", max_iter=1000, solver="liblinear",
                            dual=True)
    weights = (leaning_weights(data.y[train], data.leaning[train]) if spec.decorrelate
               else None)
    lr.fit(sparse.hstack(blocks).tocsr(), data.y[train], sample_weight=weights)
    coef = lr.coef_.ravel()
    n_word, n_char = len(cols.get("word", ())), len(cols.get("char", ()))
    empty = np.zeros(0, np.float32)
    model = TextModel(
        vocab=terms.get("word", []), idf=idfs.get("word", empty),
        coef_text=coef[:n_word].astype(np.float32), dense_names=tuple(spec.columns),
        dense_mean=mean.astype(np.float32), dense_scale=scale.astype(np.float32),
        coef_dense=coef[n_word + n_char:].astype(np.float32),
        intercept=float(lr.intercept_[0]), platt_a=1.0, platt_b=0.0, version=VERSION,
        char_vocab=terms.get("char", []), char_idf=idfs.get("char", empty),
        coef_char=coef[n_word:n_word + n_char].astype(np.float32))
    return Fitted(model, cols)


def raw_scores(data: Data, spec: Spec, fitted: Fitted, rows: np.ndarray) -> np.ndarray:
    """Uncalibrated scores of ``fitted`` for ``rows`` (as ``TextModel.raw`` computes them)."""
    m = fitted.model
    idx = np.array([DENSE_NAMES.index(c) for c in m.dense_names], dtype=int)
    z = ((data.dense[np.ix_(rows, idx)] - m.dense_mean) / m.dense_scale) @ m.coef_dense
    for kind, coef, idf in (("word", m.coef_text, m.idf), ("char", m.coef_char, m.char_idf)):
        if kind in fitted.cols:
            counts, _ = data.counts(spec.text, kind)
            z = z + tfidf(counts[rows][:, fitted.cols[kind]], idf) @ coef
    return np.asarray(z + m.intercept).ravel()


def platt(z: np.ndarray, y: np.ndarray) -> tuple[float, float]:
    """Platt scaling: ``a, b`` with ``P(y=1) = sigmoid(a * z + b)``."""
    lr = LogisticRegression(C=1e6, max_iter=1000).fit(z.reshape(-1, 1), y)
    return float(lr.coef_[0, 0]), float(lr.intercept_[0])


def sigmoid(x: np.ndarray) -> np.ndarray:
    """The logistic function."""
    return 1.0 / (1.0 + np.exp(-x))


def folds(groups: np.ndarray, n: int = FOLDS) -> np.ndarray:
    """Fold number of each article; every article of a rated domain in the same fold."""
    out = np.zeros(len(groups), dtype=int)
    for k, (_, test) in enumerate(GroupKFold(n_splits=n).split(groups, groups=groups)):
        out[test] = k
    return out


Fitter = Callable[[np.ndarray], Callable[[np.ndarray], np.ndarray]]


def model_fitter(data: Data, spec: Spec = Spec()) -> Fitter:
    """A :data:`Fitter` (``fitter(train)(test)`` gives raw scores) for ``spec``."""
    def fitter(train: np.ndarray) -> Callable[[np.ndarray], np.ndarray]:
        fitted = fit(data, spec, train)
        return lambda rows: raw_scores(data, spec, fitted, rows)
    return fitter


def leaning_fitter(data: Data) -> Fitter:
    """The politics-only baseline: an article's score is its leaning's low share in training.

    It reads no text at all: how far the AllSides leaning alone ranks low-rated
    sources above the rest (the figure any text model must beat to show it reads
    more than politics).
    """
    def fitter(train: np.ndarray) -> Callable[[np.ndarray], np.ndarray]:
        share = {lean: float(data.y[train][data.leaning[train] == lean].mean())
                 for lean in np.unique(data.leaning[train])}
        return lambda rows: np.array([share.get(lean, 0.0) for lean in data.leaning[rows]])
    return fitter


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


def metrics(p: np.ndarray, y: np.ndarray, leaning: np.ndarray,
            rank: np.ndarray | None = None) -> dict[str, float]:
    """AUC within each leaning, then overall AUC, macro-F1 at 0.5, Brier score and ECE.

    Args:
        p: Calibrated probabilities (macro-F1, Brier score, ECE).
        y: Labels.
        leaning: Each article's AllSides leaning.
        rank: The scores the AUCs rank by; ``p`` when None. Cross-validation
            passes the raw out-of-fold scores: each fold's Platt scaling is
            fitted on the other folds, and when the folds' base rates differ
            widely (all of an outlet in one fold) a slope fitted across folds can
            come out negative and turn a fold's ranking over.
    """
    r = p if rank is None else rank
    out: dict[str, float] = {}
    for lean in cdata.LEANINGS:
        m = leaning == lean
        ok = m.any() and len(np.unique(y[m])) == 2
        out[f"auc_{lean}"] = float(roc_auc_score(y[m], r[m])) if ok else float("nan")
    out.update({"auc": float(roc_auc_score(y, r)),
                "macro_f1": float(f1_score(y, p >= 0.5, average="macro")),
                "brier": float(brier_score_loss(y, p)), "ece": ece(p, y)})
    return out


def grouped_cv(data: Data, fitter: Fitter) -> tuple[dict[str, float], np.ndarray]:
    """Source-disjoint cross-validated figures (AllSides rows) and raw out-of-fold scores."""
    fold = folds(data.groups)
    z = out_of_fold(fitter, fold)
    a = data.allsides
    p = cross_calibrate(z[a], data.y[a], fold[a])
    return metrics(p, data.y[a], data.leaning[a], rank=z[a]), z


def media_split(data: Data, fitter: Fitter) -> dict[str, float]:
    """Fit on the ``media`` train split, calibrate on valid, score test."""
    train = np.flatnonzero(data.split == "train")
    valid = np.flatnonzero(data.split == "valid")
    test = np.flatnonzero(data.split == "test")
    scorer = fitter(train)
    a, b = platt(scorer(valid), data.y[valid])
    p = sigmoid(a * scorer(test) + b)
    return metrics(p, data.y[test], data.leaning[test])


def train(data: Data, spec: Spec = Spec()) -> tuple[TextModel, dict[str, float]]:
    """The shipped model: fitted on everything, Platt-scaled on out-of-fold scores."""
    figures, z = grouped_cv(data, model_fitter(data, spec))
    a_rows = data.allsides
    a, b = platt(z[a_rows], data.y[a_rows])
    model = fit(data, spec, np.arange(len(data.y))).model
    model = replace(model, platt_a=a, platt_b=b,
                    prior=round(float(data.y[a_rows].mean()), 6))
    return model, figures


def top_features(model: TextModel, k: int = 20) -> tuple[list[tuple[str, float]], ...]:
    """The ``k`` inputs with the largest weights toward low and toward high reliability."""
    names = (list(model.vocab) + [CHAR_PREFIX + g for g in model.char_vocab]
             + [f"[{n}]" for n in model.dense_names])
    coef = np.concatenate([model.coef_text, model.coef_char, model.coef_dense])
    order = np.argsort(coef)
    return ([(names[i], float(coef[i])) for i in order[::-1][:k]],
            [(names[i], float(coef[i])) for i in order[:k]])


def load_data(cap: int = cdata.CAP, per_source: int | None = None) -> Data:
    """The cached training data (extracted on first use), at most ``per_source`` a source.

    The n-gram counts are cached only for the whole sample.
    """
    records = cdata.per_source(cdata.load(cap), per_source)
    return as_data(records, cdata.cache_path(cap) if per_source is None else None)


def main(argv: Sequence[str] | None = None) -> int:
    """Extract (cached), train, print the cross-validated figures, write the weights."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cap", type=int, default=cdata.CAP, help="articles per source")
    parser.add_argument("--per-source", type=int, default=None,
                        help="train on at most N of the cached articles of each source")
    parser.add_argument("--check", action="store_true", help="do not write the weights")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    data = load_data(args.cap, args.per_source)
    model, figures = train(data, SHIPPED)
    a = data.allsides
    print(f"{len(data.y)} articles ({int(a.sum())} AllSides, {int((~a).sum())} "
          f"FakeNewsCorpus), {int(data.y.sum())} from low-rated sources, "
          f"{len(set(data.groups))} rated domains")
    print("grouped CV by source: " + ", ".join(f"{k} {v:.3f}" for k, v in figures.items()))
    low, high = top_features(model)
    print("toward low:  " + ", ".join(f"{n!r} {w:+.2f}" for n, w in low))
    print("toward high: " + ", ".join(f"{n!r} {w:+.2f}" for n, w in high))
    if not args.check:
        save(model, MODEL_PATH)
        print(f"wrote {MODEL_PATH} ({MODEL_PATH.stat().st_size // 1024} KB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())


__all__ = ["GROUPS", "SHIPPED", "Data", "Spec", "fit", "grouped_cv", "leaning_fitter", "main",
           "media_split", "metrics", "model_fitter", "train"]
