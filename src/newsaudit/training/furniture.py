"""Train the furniture line classifiers on the Scrapinghub and Dragnet pages.

The pages, their line labels and the five page-disjoint cross-validation folds
come from :mod:`newsaudit.training.pages`. Every page is used twice: as scraped
text (no HTML evidence) and as HTML (trafilatura's main text and each line's link
share as evidence). Two gradient-boosted tree ensembles over each line's features
and those of two lines on either side, saved as JSON arrays
(:mod:`newsaudit.parse.trees`):

- the page model (``furniture.json``): line and page features, fitted on every page;
- the text model (``furniture_text.json``): line features alone, fitted on the
  Scrapinghub pages; on text without HTML the stage blends the two
  (:data:`newsaudit.parse.furniture.TEXT_BLEND`).

The cross-validated figures printed are those of ``benchmarks/body_lines.py``
and the model card; the shipped models are then fitted on all their pages
(about 50 minutes of CPU in all).

    .venv/bin/python -m newsaudit.training.furniture            # CV, fit on all, save
    .venv/bin/python -m newsaudit.training.furniture --cv-only  # CV, do not save
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable
from pathlib import Path

import numpy as np

from ..parse.furniture import (
    MODEL_PATH,
    TEXT_MODEL_PATH,
    blend,
    decide_from_probability,
    page_matrix,
)
from ..parse.lines import CONTEXT_LINES, FEATURE_NAMES, Line, line_features, with_context
from ..parse.page import PAGE_FEATURE_NAMES
from ..parse.trees import Trees, export
from .pages import Page, extractor_lines, folds, load_pages

#: Boosting rounds and tree size: 200 rounds of trees with at most 31 leaves (the
#: scikit-learn defaults) were the best of 100/200/400 in page-disjoint CV on the
#: Scrapinghub pages; with the Dragnet pages added, 200 stayed within 0.002 of 400.
BOOSTING_ROUNDS = 200

#: Page features: a page and whether its HTML is used -> its feature matrix.
Features = Callable[[Page, bool], np.ndarray]
#: A decision rule: a page, whether its HTML is used, its lines' body probabilities
#: -> which lines are kept.
Decide = Callable[[Page, bool, np.ndarray], list[bool]]


def features(page: Page, html: bool) -> np.ndarray:
    """Features of one page's lines, as scraped text or with its HTML evidence."""
    if html:
        return page_matrix(page.lines, page.evidence, page.links)
    return page_matrix(page.lines)


def text_features(page: Page, html: bool) -> np.ndarray:
    """The text model's features: line features alone."""
    return with_context(line_features(page.lines, page.evidence if html else None))


def scrapinghub(page: Page) -> bool:
    """Whether a page is one the text model is trained on."""
    return page.collection == "scrapinghub_aeb"


def decide(page: Page, html: bool, prob: np.ndarray) -> list[bool]:
    """The stage's line decisions on one page, as scraped text or with its HTML."""
    return decide_from_probability(page.lines, prob, page.evidence if html else None)


def fit(X: np.ndarray, y: np.ndarray, names: tuple[str, ...] = FEATURE_NAMES + PAGE_FEATURE_NAMES
        ) -> dict:
    """Fit the tree ensemble; return it as JSON-ready arrays."""
    from sklearn.ensemble import HistGradientBoostingClassifier

    clf = HistGradientBoostingClassifier(max_iter=BOOSTING_ROUNDS, random_state=0)
    clf.fit(X, y)
    return {"kind": "gbdt", "features": list(names), "context": CONTEXT_LINES,
            "trees": export(clf)}


def predict(model: dict, X: np.ndarray) -> np.ndarray:
    """Body probability for each row of ``X``."""
    return Trees(model["trees"])(X)


def stack(pages: list[Page], feats: Features = features) -> tuple[np.ndarray, np.ndarray]:
    """All pages' lines, each page as text and as HTML."""
    xs, ys = [], []
    for p in pages:
        for html in (False, True):
            xs.append(feats(p, html))
            ys.append(p.labels)
    return np.vstack(xs), np.concatenate(ys)


def cross_validate(pages: list[Page], *, feats: Features = features,
                   names: tuple[str, ...] = FEATURE_NAMES + PAGE_FEATURE_NAMES,
                   trains_on: Callable[[Page], bool] = lambda p: True,
                   modes: tuple[bool, ...] = (False, True)
                   ) -> dict[bool, dict[str, np.ndarray]]:
    """Each page's line body probabilities by a model fitted on the other folds' pages.

    Each page's features are computed once (as text and as HTML) and reused by
    the four fits that train on it.

    Args:
        pages: All pages.
        feats: The features of a page.
        names: Their names (as the model records them).
        trains_on: Which pages of the other folds a model is fitted on.
        modes: For which inputs the test pages are scored: text only (False),
            with HTML (True).

    Returns:
        For each of ``modes``, each page's out-of-fold probabilities by
        ``"<collection>:<id>"`` (:func:`decisions` turns them into line decisions).
    """
    mats: dict[tuple[int, bool], np.ndarray] = {}

    def mat(p: Page, html: bool) -> np.ndarray:
        if (id(p), html) not in mats:
            mats[id(p), html] = feats(p, html)
        return mats[id(p), html]

    out: dict[bool, dict[str, np.ndarray]] = {html: {} for html in modes}
    for train_pages, test_pages in folds(pages):
        model = fit(*stack([p for p in train_pages if trains_on(p)], mat), names)
        for p in test_pages:
            for html in modes:
                out[html][f"{p.collection}:{p.key}"] = predict(model, mat(p, html))
    return out


def shipped_probabilities(pages: list[Page]) -> dict[bool, dict[str, np.ndarray]]:
    """Out-of-fold probabilities as the stage forms them: the page model's with HTML,
    its blend with the text model's on text alone."""
    probs = cross_validate(pages)
    text = cross_validate(pages, feats=text_features, names=FEATURE_NAMES,
                          trains_on=scrapinghub, modes=(False,))[False]
    by_key = {f"{p.collection}:{p.key}": p for p in pages}
    probs[False] = {k: blend(by_key[k].lines, v, text[k]) for k, v in probs[False].items()}
    return probs


def decisions(pages: list[Page], probs: dict[bool, dict[str, np.ndarray]],
              decider: Decide = decide) -> dict[bool, dict[str, list[bool]]]:
    """Each page's line decisions, as text and with HTML, from its probabilities."""
    return {html: {f"{p.collection}:{p.key}": decider(p, html, by_page[f"{p.collection}:{p.key}"])
                   for p in pages}
            for html, by_page in probs.items()}


def save_probabilities(probs: dict[bool, dict[str, np.ndarray]], path: Path) -> None:
    """Write out-of-fold probabilities (as :func:`cross_validate` gives them) to JSON."""
    path.write_text(json.dumps({("html" if html else "text"): {k: [round(float(x), 5) for x in v]
                                                               for k, v in by_page.items()}
                                for html, by_page in probs.items()}), encoding="utf-8")


def load_probabilities(path: Path) -> dict[bool, dict[str, np.ndarray]]:
    """Read probabilities written by :func:`save_probabilities`."""
    raw = json.loads(path.read_text(encoding="utf-8"))
    return {html: {k: np.asarray(v) for k, v in raw["html" if html else "text"].items()}
            for html in (False, True)}


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


#: The groups the figures are given for: name -> which pages.
GROUPS: dict[str, Callable[[Page], bool]] = {
    "Scrapinghub": lambda p: p.collection == "scrapinghub_aeb",
    "Dragnet": lambda p: p.collection == "dragnet",
    "Scrapinghub, not English": lambda p: p.language != "en",
}


def group_scores(pages: list[Page], decisions: dict[str, list[bool]]) -> dict[str, dict]:
    """:func:`line_scores` of each of :data:`GROUPS`."""
    return {name: line_scores([(p.lines, p.labels, decisions[f"{p.collection}:{p.key}"])
                               for p in pages if member(p)])
            for name, member in GROUPS.items()}


def extractor_decisions(pages: list[Page]) -> dict[str, list[bool]]:
    """trafilatura's body projected onto each page's lines (the peer)."""
    return {f"{p.collection}:{p.key}": extractor_lines(p) for p in pages}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cv-only", action="store_true", help="evaluate, do not save")
    parser.add_argument("--probabilities", type=Path, default=None,
                        help="also write the out-of-fold body probabilities to this JSON file")
    args = parser.parse_args()
    pages = load_pages()
    print(f"{len(pages)} pages, {sum(len(p.lines) for p in pages):,} lines", flush=True)
    probs = shipped_probabilities(pages)
    if args.probabilities:
        save_probabilities(probs, args.probabilities)
    cv = decisions(pages, probs)
    peer = group_scores(pages, extractor_decisions(pages))
    for html in (False, True):
        for name, s in group_scores(pages, cv[html]).items():
            print(f"{name}, {'HTML' if html else 'text'}: char P {s['char_p']:.4f} "
                  f"R {s['char_r']:.4f} F1 {s['char_f1']:.4f}; line F1 {s['line_f1']:.4f}"
                  + (f" (trafilatura {peer[name]['char_f1']:.4f})" if html else ""))
    if not args.cv_only:
        model = fit(*stack(pages))
        model["trained_on"] = (f"scrapinghub_aeb and dragnet, {len(pages)} pages, "
                               "each as text and as HTML")
        _save(model, MODEL_PATH)
        sh = [p for p in pages if scrapinghub(p)]
        text_model = fit(*stack(sh, text_features), FEATURE_NAMES)
        text_model["trained_on"] = (f"scrapinghub_aeb, {len(sh)} pages, "
                                    "each as text and as HTML")
        _save(text_model, TEXT_MODEL_PATH)


def _save(model: dict, path: Path) -> None:
    path.write_text(json.dumps(model, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"saved {path}")


if __name__ == "__main__":
    main()
