"""Gradient-boosted trees as plain arrays: export from scikit-learn, predict with NumPy.

The furniture classifier is a scikit-learn ``HistGradientBoostingClassifier``;
its trees are saved as JSON arrays (feature, threshold, children, leaf value),
never pickled, and evaluated here for all rows and all trees at once.
"""

from __future__ import annotations

from typing import Any

import numpy as np


def export(clf: Any) -> dict[str, Any]:
    """The trees of a fitted binary ``HistGradientBoostingClassifier`` as JSON-ready arrays."""
    feature: list[int] = []
    threshold: list[float] = []
    left: list[int] = []
    right: list[int] = []
    leaf: list[int] = []
    value: list[float] = []
    missing_left: list[int] = []
    roots: list[int] = []
    offset = 0
    for (predictor,) in clf._predictors:  # one tree per boosting iteration (binary task)
        nodes = predictor.nodes
        roots.append(offset)
        feature.extend(int(f) for f in nodes["feature_idx"])
        threshold.extend(float(t) for t in nodes["num_threshold"])
        left.extend(int(i) + offset for i in nodes["left"])
        right.extend(int(i) + offset for i in nodes["right"])
        leaf.extend(int(b) for b in nodes["is_leaf"])
        value.extend(float(v) for v in nodes["value"])
        missing_left.extend(int(b) for b in nodes["missing_go_to_left"])
        offset += len(nodes)
    return {
        "baseline": float(np.ravel(clf._baseline_prediction)[0]),
        "roots": roots, "feature": feature, "threshold": threshold, "left": left,
        "right": right, "leaf": leaf, "value": value, "missing_left": missing_left,
    }


#: Rows evaluated at once (a block's work arrays take about 40 MB for 200 trees).
BLOCK_ROWS = 4096


class Trees:
    """A loaded tree ensemble; call it on a feature matrix for probabilities."""

    def __init__(self, model: dict[str, Any]):
        self.baseline = float(model["baseline"])
        self.roots = np.asarray(model["roots"], dtype=np.int64)
        self.feature = np.asarray(model["feature"], dtype=np.int64)
        self.threshold = np.asarray(model["threshold"], dtype=float)
        self.left = np.asarray(model["left"], dtype=np.int64)
        self.right = np.asarray(model["right"], dtype=np.int64)
        self.leaf = np.asarray(model["leaf"], dtype=bool)
        self.value = np.asarray(model["value"], dtype=float)
        self.missing_left = np.asarray(model["missing_left"], dtype=bool)

    def __call__(self, X: np.ndarray) -> np.ndarray:
        """Probability of the positive class for each row of ``X``."""
        if len(X) == 0:
            return np.zeros(0)
        # In blocks: the work arrays are rows x trees, so memory stays bounded
        # on a page of a hundred thousand lines.
        return np.concatenate([self._predict(X[i:i + BLOCK_ROWS])
                               for i in range(0, len(X), BLOCK_ROWS)])

    def _predict(self, X: np.ndarray) -> np.ndarray:
        rows = np.arange(len(X))[:, None]
        node = np.broadcast_to(self.roots, (len(X), len(self.roots))).copy()
        while True:
            active = ~self.leaf[node]
            if not active.any():
                break
            x = X[np.broadcast_to(rows, node.shape), self.feature[node]]
            go_left = np.where(np.isnan(x), self.missing_left[node], x <= self.threshold[node])
            node = np.where(active, np.where(go_left, self.left[node], self.right[node]), node)
        raw = self.baseline + self.value[node].sum(axis=1)
        return 1.0 / (1.0 + np.exp(-raw))
