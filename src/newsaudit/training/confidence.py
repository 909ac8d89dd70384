"""Train the attribution confidence model (``models/attributions.json``) on PolNeAR.

Run from a checkout::

    .venv/bin/python -m newsaudit.training.confidence [--check]

Data (``polnear`` data set, see its SOURCE.txt; Newell, Margolin and Ruths 2018):
the train split (one annotator per document, as in ``benchmarks/polnear.py``)
fits the weights; the dev split picks the regularisation and the threshold below
which :func:`.sourcing.find_attributions` drops an attribution; the test split is
left to the benchmark. Every candidate the rules find (:func:`.sourcing.candidates`)
is one example, labelled 1 when its content matches a gold content (the
benchmark's one-to-one match: overlap at least half of the longer span).
Documents are parsed once with the shared spaCy pipeline and cached
(``<cache>/attributions/``). Retrain after changing the frame rules or the model.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import logging
import sys
from collections.abc import Sequence
from typing import Any

from ..analysis.candidates import candidates
from ..analysis.confidence import MODEL_PATH, ConfidenceModel, features
from ..analysis.intervals import predicted
from ..data import cache_dir, dataset, fingerprint
from .polnear import load_split, match

log = logging.getLogger(__name__)

#: Inverse L2 strengths tried on dev.
C_GRID = (0.03, 0.1, 0.3, 1.0)

#: Weights smaller than this are left out of the file (they change no decision).
MIN_WEIGHT = 1e-3

#: One example: document name, its scored content key, label, features.
Example = tuple[str, Any, int, list[str]]


def parsed(split: str) -> tuple[list[Any], list[Any]]:
    """PolNeAR documents of ``split`` and their spaCy parses (cached as a DocBin)."""
    from spacy.tokens import DocBin

    from ..nlp import load

    docs = load_split(split)
    nlp = load()
    digest = hashlib.sha256("".join(d.text for d in docs).encode()).hexdigest()[:12]
    path = cache_dir() / "attributions" / f"{split}-{nlp.meta['name']}-{digest}.spacy"
    if path.exists():
        return docs, list(DocBin().from_disk(path).get_docs(nlp.vocab))
    log.info("parsing %d %s documents (cached afterwards)", len(docs), split)
    parses = list(nlp.pipe([d.text for d in docs], batch_size=16))
    path.parent.mkdir(parents=True, exist_ok=True)
    bin_ = DocBin(store_user_data=False)
    for p in parses:
        bin_.add(p)
    bin_.to_disk(path)
    return docs, parses


def examples(split: str) -> tuple[list[Example], int]:
    """Every candidate attribution of ``split`` with its label and features, and
    the number of gold contents."""
    docs, parses = parsed(split)
    out: list[Example] = []
    n_gold = 0
    for d, doc in zip(docs, parses, strict=True):
        found = candidates(doc)
        keys = predicted(found)
        hit = {i for i, _ in match(d.text, [k for k, _ in keys], d.gold["content"])}
        n_gold += len(d.gold["content"])
        for i, (key, atts) in enumerate(keys):
            for a in atts:
                out.append((d.name, key, int(i in hit), features(doc, a)))
    return out, n_gold


def content_f1(exs: list[Example], scores: Sequence[float], n_gold: int,
               threshold: float) -> tuple[float, float, float]:
    """Content P, R, F1 when attributions scoring under ``threshold`` are dropped
    (a content stays while any attribution behind it stays)."""
    best: dict[tuple[str, Any], tuple[float, int]] = {}
    for (name, key, y, _), s in zip(exs, scores, strict=True):
        k = (name, key)
        best[k] = (max(best.get(k, (-1.0, y))[0], s), y)
    kept = [y for s, y in best.values() if s >= threshold]
    tp = sum(kept)
    p = tp / len(kept) if kept else 0.0
    r = tp / n_gold if n_gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def fit(exs: list[Example], c: float, threshold: float = 0.5) -> ConfidenceModel:
    """A logistic regression over ``exs`` (inverse L2 strength ``c``) as a model
    with ``threshold``; weights under :data:`MIN_WEIGHT` are left out."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    vec = DictVectorizer()
    X = vec.fit_transform([dict.fromkeys(f, 1) for _, _, _, f in exs])
    y = [label for _, _, label, _ in exs]
    lr = LogisticRegression(C=c, max_iter=5000).fit(X, y)
    weights = {name: round(float(w), 4) for name, w in zip(vec.feature_names_, lr.coef_[0],
                                                             strict=True)
               if abs(w) >= MIN_WEIGHT}
    return ConfidenceModel(weights, round(float(lr.intercept_[0]), 4), threshold)


def main(argv: Sequence[str] | None = None) -> int:
    """Fit on train, choose C and the threshold on dev, write the model."""
    ap = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    ap.add_argument("--check", action="store_true", help="report dev scores, do not save")
    args = ap.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    train, _ = examples("train")
    dev, n_gold = examples("dev")
    base = content_f1(dev, [1.0] * len(dev), n_gold, 0.0)
    log.info("train: %d candidates (%.1f%% right); dev: %d, all kept P %.3f R %.3f F1 %.3f",
             len(train), 100 * sum(e[2] for e in train) / len(train), len(dev), *base)
    results = []
    for c in C_GRID:
        model = fit(train, c)
        scores = [model.score(f) for _, _, _, f in dev]
        for t in [i / 100 for i in range(5, 61)]:
            results.append((content_f1(dev, scores, n_gold, t), c, t, model))
    (p, r, f1), c, threshold, model = max(results, key=lambda x: (round(x[0][2], 4), -x[2]))
    log.info("dev best: C %g threshold %.2f -> P %.3f R %.3f F1 %.3f (all kept %.3f)",
             c, threshold, p, r, f1, base[2])
    if args.check:
        return 0
    data = {
        "about": "Attribution confidence: logistic regression over named features "
                 "(newsaudit.analysis.confidence); see attributions.md.",
        "trained_on": "PolNeAR train, one annotator per document",
        "data_fingerprint": fingerprint(
            (dataset("polnear") / "data" / "train" / "attributions").glob("*.ann")),
        "C": c,
        "dev": {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f1, 4),
                "f1_all_kept": round(base[2], 4)},
        "threshold": threshold,
        "bias": model.bias,
        "weights": dict(sorted(model.weights.items())),
    }
    MODEL_PATH.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", "utf-8")
    log.info("wrote %s (%d weights)", MODEL_PATH, len(model.weights))
    return 0


if __name__ == "__main__":
    sys.exit(main())
