"""Train the furniture line classifier on the Scrapinghub article-extraction pages.

Each of the 181 pages (raw HTML plus a hand-made ``articleBody``) is rendered to
page text by :func:`newsaudit.html.read_html`; a line is labelled body when its
words are in the gold body (see :func:`label_lines`). Every page is used twice:
with trafilatura's main text as evidence (as when HTML is given) and without (as
for scraped text). The model is a gradient-boosted tree ensemble over each line's
features and those of two lines on either side, saved as JSON arrays
(:mod:`newsaudit.parse.trees`).

    .venv/bin/python -m newsaudit.training.furniture            # 5-fold page-disjoint CV, fit all
    .venv/bin/python -m newsaudit.training.furniture --cv-only
"""

from __future__ import annotations

import argparse
import gzip
import json
import logging
import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ..data import dataset
from ..html import read_html
from ..parse.lines import (
    CONTEXT_LINES,
    FEATURE_NAMES,
    Line,
    line_features,
    split_lines,
    with_context,
)
from ..parse.trees import Trees, export

log = logging.getLogger(__name__)

MODEL_PATH = Path(__file__).resolve().parents[1] / "models" / "furniture.json"
_WORD = re.compile(r"\w+")

#: Share of a line's word trigrams that must occur in the gold body for the line
#: to count as body; lines under 3 words must occur whole as a gold paragraph or
#: inside one. 0.6 separates the few lines that straddle body and caption.
BODY_OVERLAP = 0.6


@dataclass
class Page:
    """One rendered benchmark page with its line labels."""

    key: str
    lines: list[Line]
    labels: np.ndarray
    evidence: str | None


def _words(text: str) -> list[str]:
    return _WORD.findall(text.lower())


def label_lines(lines: list[Line], gold: str) -> np.ndarray:
    """1 for lines of the gold body, 0 for the rest."""
    gold_words = _words(gold)
    gold_tri = {tuple(gold_words[i:i + 3]) for i in range(len(gold_words) - 2)}
    gold_joined = " " + " ".join(gold_words) + " "
    out = np.zeros(len(lines), dtype=int)
    for i, ln in enumerate(lines):
        w = _words(ln.text)
        if not w:
            continue
        if len(w) < 3:
            out[i] = int(len(w) >= 1 and f" {' '.join(w)} " in gold_joined and len(w) > 1)
            continue
        tri = [tuple(w[j:j + 3]) for j in range(len(w) - 2)]
        out[i] = int(sum(t in gold_tri for t in tri) / len(tri) >= BODY_OVERLAP)
    return out


def load_pages(limit: int | None = None) -> list[Page]:
    """Render and label the benchmark pages (both with and without evidence)."""
    root = dataset("scrapinghub_aeb")
    gold = json.loads((root / "ground-truth.json").read_text(encoding="utf-8"))
    pages = []
    for key in sorted(gold)[:limit]:
        path = root / "html" / f"{key}.html.gz"
        if not path.exists():
            continue
        html = gzip.decompress(path.read_bytes()).decode("utf-8", errors="replace")
        try:
            article = read_html(html, url=gold[key].get("url"))
        except Exception as exc:  # a page we cannot render is reported, not fatal
            log.warning("skipping %s: %s", key, exc)
            continue
        lines = split_lines(article.text)
        labels = label_lines(lines, gold[key]["articleBody"])
        pages.append(Page(key, lines, labels, article.meta.origin.get("main_text")))
    return pages


def page_matrix(page: Page, with_evidence: bool) -> np.ndarray:
    """Features of one page's lines (with context), with or without trafilatura's evidence."""
    return with_context(line_features(page.lines, page.evidence if with_evidence else None))


#: Boosting rounds and tree size: 200 rounds of trees with at most 31 leaves (the
#: scikit-learn defaults) were the best of 100/200/400 in page-disjoint CV.
BOOSTING_ROUNDS = 200


def fit(X: np.ndarray, y: np.ndarray) -> dict:
    """Fit the tree ensemble; return it as JSON-ready arrays."""
    from sklearn.ensemble import HistGradientBoostingClassifier

    clf = HistGradientBoostingClassifier(max_iter=BOOSTING_ROUNDS, random_state=0)
    clf.fit(X, y)
    return {"kind": "gbdt", "features": list(FEATURE_NAMES), "context": CONTEXT_LINES,
            "trees": export(clf)}


def predict(model: dict, X: np.ndarray) -> np.ndarray:
    """Body probability for each row of ``X``."""
    return Trees(model["trees"])(X)


def stack(pages: list[Page]) -> tuple[np.ndarray, np.ndarray]:
    """All pages' lines, each page with and without evidence."""
    xs, ys = [], []
    for p in pages:
        for ev in (True, False):
            xs.append(page_matrix(p, ev))
            ys.append(p.labels)
    return np.vstack(xs), np.concatenate(ys)


def folds(pages: list[Page], k: int = 5) -> list[tuple[list[Page], list[Page]]]:
    """Page-disjoint folds (every k-th page held out)."""
    return [([p for i, p in enumerate(pages) if i % k != f],
             [p for i, p in enumerate(pages) if i % k == f]) for f in range(k)]


def line_scores(pairs: list[tuple[list[Line], np.ndarray, list[bool]]]) -> dict[str, float]:
    """Line-level and character-weighted precision, recall and F1 of body lines.

    Args:
        pairs: Per page, its lines, their gold body labels and the predicted ones.

    Returns:
        ``line_p``, ``line_r``, ``line_f1``, ``char_p``, ``char_r`` and ``char_f1``.
    """
    out = {}
    for name, weight in (("line", lambda ln: 1), ("char", lambda ln: len(ln.text))):
        tp = fp = fn = 0
        for lines, gold, pred in pairs:
            for ln, g, k in zip(lines, gold, pred, strict=True):
                w = weight(ln)
                tp += w * (g and k)
                fp += w * ((not g) and k)
                fn += w * (g and not k)
        p, r = tp / max(1, tp + fp), tp / max(1, tp + fn)
        out[f"{name}_p"], out[f"{name}_r"] = p, r
        out[f"{name}_f1"] = 2 * p * r / (p + r) if p + r else 0.0
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cv-only", action="store_true", help="evaluate, do not save")
    args = parser.parse_args()
    from ..parse.furniture import classify_lines

    pages = load_pages()
    print(f"{len(pages)} pages, {sum(len(p.lines) for p in pages)} lines")
    scores: dict[bool, list[tuple[Page, list[bool]]]] = {True: [], False: []}
    for train, test in folds(pages):
        model = fit(*stack(train))
        for p in test:
            for ev in (True, False):
                pred = classify_lines(p.lines, page_matrix(p, ev), model)
                scores[ev].append((p, pred))
    for ev, rows in scores.items():
        tp = fp = fn = 0
        for p, pred in rows:
            for ln, gold, keep in zip(p.lines, p.labels, pred, strict=True):
                n = len(ln.text)
                tp += n * (gold and keep)
                fp += n * (not gold and keep)
                fn += n * (gold and not keep)
        prec, rec = tp / max(1, tp + fp), tp / max(1, tp + fn)
        f1 = 2 * prec * rec / (prec + rec)
        print(f"evidence={ev}: char P {prec:.3f} R {rec:.3f} F1 {f1:.3f}")
    if not args.cv_only:
        model = fit(*stack(pages))
        model["trained_on"] = f"scrapinghub_aeb, {len(pages)} pages, with and without evidence"
        MODEL_PATH.write_text(json.dumps(model, separators=(",", ":")) + "\n", encoding="utf-8")
        print(f"saved {MODEL_PATH}")


if __name__ == "__main__":
    main()
