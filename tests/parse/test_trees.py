"""The NumPy tree ensemble gives scikit-learn's probabilities."""

from __future__ import annotations

import numpy as np
from sklearn.ensemble import HistGradientBoostingClassifier

from newsaudit.parse.trees import Trees, export


def test_trees_match_sklearn_probabilities() -> None:
    rng = np.random.default_rng(0)
    X = rng.normal(size=(600, 5))
    X[rng.random(X.shape) < 0.05] = np.nan  # missing values take the learnt side
    y = ((np.nan_to_num(X[:, 0]) + np.nan_to_num(X[:, 1]) ** 2) > 0.8).astype(int)
    clf = HistGradientBoostingClassifier(max_iter=30, random_state=0).fit(X, y)
    ours = Trees(export(clf))(X)
    assert np.allclose(ours, clf.predict_proba(X)[:, 1], atol=1e-9)


def test_trees_empty_input() -> None:
    rng = np.random.default_rng(1)
    X = rng.normal(size=(50, 2))
    clf = HistGradientBoostingClassifier(max_iter=3).fit(X, (X[:, 0] > 0).astype(int))
    assert Trees(export(clf))(np.zeros((0, 2))).shape == (0,)
