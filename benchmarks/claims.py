"""Check-worthy claims: the shipped model against a TF-IDF + logistic-regression baseline.

Both are trained on the same sentences (ClaimBuster two-class train.json plus
CLEF 2020 CheckThat! task 5 train.tsv, minus any sentence found in a test file);
the baseline is fitted here, in the same run. Reported:

* F1 of the check-worthy class on ClaimBuster test.json (702 sentences, balanced),
  at each model's decision rule (ours: ``CLAIM_THRESHOLD``; baseline: 0.5), plus
  ROC AUC and the oracle best F1 as threshold-free views.
* MAP on CLEF 2020 task 5 test-gold.tsv. CheckThat! 2020 averages the average
  precision of each debate's or speech's ranking; this copy of the file (flattened
  by the ClaimBuster authors to "text<TAB>label") carries no document ids, so we
  report AP over the whole 21,514-sentence ranking and, as a stand-in for the
  per-debate MAP, the mean AP over ``--chunks`` equal consecutive chunks (the file
  keeps the debates in order, so chunks follow them roughly; chunks without a
  check-worthy sentence are skipped, as the official scorer has no such debates).
* Throughput in sentences per second: from spaCy tokens (features + scoring) and
  from raw text (spaCy parsing included), on one core.

    .venv/bin/python benchmarks/claims.py [--limit N] [--chunks 20]
"""

from __future__ import annotations

import argparse
import time

import numpy as np

from common import print_table
from newsaudit.analysis.claims import CLAIM_THRESHOLD, load_model, tokens_of
from newsaudit.nlp import load
from newsaudit.training import claims as ct


def baseline(texts: list[str], labels: np.ndarray):  # -> (vectorizer, model)
    """TF-IDF word 1-2 grams (sublinear tf) and a logistic regression, sklearn defaults."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    vec = TfidfVectorizer(ngram_range=(1, 2), min_df=2, sublinear_tf=True)
    model = LogisticRegression(C=1.0, solver="liblinear", max_iter=1000)
    model.fit(vec.fit_transform(texts), labels)
    return vec, model


def roc_auc(labels: np.ndarray, scores: np.ndarray) -> float:
    """Area under the ROC curve (Mann-Whitney, ties counted half)."""
    from sklearn.metrics import roc_auc_score

    return float(roc_auc_score(labels, scores))


def chunk_map(labels: np.ndarray, scores: np.ndarray, chunks: int) -> float:
    """Mean AP over ``chunks`` consecutive, equal slices that hold a positive."""
    aps = [ct.average_precision(y, s)
           for y, s in zip(np.array_split(labels, chunks), np.array_split(scores, chunks),
                           strict=True) if y.sum()]
    return float(np.mean(aps))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--limit", type=int, default=None, help="first N CLEF test sentences")
    ap.add_argument("--chunks", type=int, default=20, help="chunks for the per-chunk MAP")
    ap.add_argument("--speed", type=int, default=1000, help="sentences timed with spaCy")
    args = ap.parse_args()

    held = {t for t, _ in ct.load_claimbuster("test")} | {t for t, _ in ct.load_clef("test-gold")}
    train = [(t, y) for t, y in ct.load_claimbuster("train") + ct.load_clef("train")
             if t not in held]
    t0 = time.perf_counter()
    vec, base = baseline([t for t, _ in train], np.array([y for _, y in train]))
    base_fit = time.perf_counter() - t0

    model = load_model()
    cb = ct.load_claimbuster("test")
    clef = ct.load_clef("test-gold")[: args.limit]
    cb_tok = ct.parse_cached("cb-test", [t for t, _ in cb])
    clef_tok = ct.parse_cached("clef-test", [t for t, _ in clef])
    cb_y, clef_y = np.array([y for _, y in cb]), np.array([y for _, y in clef])

    t0 = time.perf_counter()
    ours_cb = model.score_many(cb_tok)
    ours_clef = model.score_many(clef_tok)
    ours_rate = (len(cb_tok) + len(clef_tok)) / (time.perf_counter() - t0)
    t0 = time.perf_counter()
    base_cb = base.predict_proba(vec.transform([t for t, _ in cb]))[:, 1]
    base_clef = base.predict_proba(vec.transform([t for t, _ in clef]))[:, 1]
    base_rate = (len(cb) + len(clef)) / (time.perf_counter() - t0)

    nlp = load()
    sample = [t for t, _ in clef[: args.speed]]
    t0 = time.perf_counter()
    for doc in nlp.pipe(sample, batch_size=256):
        model.score(tokens_of(doc))
    parsed_rate = len(sample) / (time.perf_counter() - t0)

    rows = []
    for name, s_cb, s_clef, rule in (
        ("newsaudit claims (hashed n-grams + spaCy tags, LR)", ours_cb, ours_clef,
         CLAIM_THRESHOLD),
        ("baseline TF-IDF + LR", base_cb, base_clef, 0.5),
    ):
        rows.append([name, ct.f1_at(cb_y, s_cb, rule), ct.best_f1(cb_y, s_cb)[0],
                     roc_auc(cb_y, s_cb), ct.average_precision(clef_y, s_clef),
                     chunk_map(clef_y, s_clef, args.chunks)])
    rel = rows[0][4] / rows[1][4] - 1, rows[0][5] / rows[1][5] - 1
    print_table(
        f"Check-worthiness: ClaimBuster test ({len(cb)} sentences), CLEF 2020 task 5 "
        f"test-gold ({len(clef)} sentences, {clef_y.sum()} check-worthy); trained on "
        f"{len(train)} sentences",
        ["model", "CB F1 (rule)", "CB best F1", "CB AUC", "CLEF AP (all)",
         f"CLEF MAP ({args.chunks} chunks)"], rows)
    print(f"\nrelative gain over baseline: AP(all) {rel[0]:+.1%}, "
          f"MAP({args.chunks} chunks) {rel[1]:+.1%}")
    print_table("Throughput (one process)", ["model", "sentences/s"], [
        ["newsaudit claims, from spaCy tokens", round(ours_rate)],
        ["newsaudit claims, raw text incl. spaCy parse", round(parsed_rate)],
        ["baseline TF-IDF + LR, raw text", round(base_rate)],
        ["(baseline fit time, s)", round(base_fit, 1)],
    ])


if __name__ == "__main__":
    main()
