"""Quality floor of the furniture models: the README's body-line figures (slow).

Five-fold page-disjoint cross-validation over the Scrapinghub and Dragnet pages
(:mod:`newsaudit.training.pages`), the probabilities formed as the stage forms
them (:func:`newsaudit.training.furniture.shipped_probabilities`), the figures
``benchmarks/body_lines.py`` and the model card give. About 50 minutes of CPU:
``pytest -m retrain tests/parse/test_furniture_floor.py -rA`` (it prints the
margins); the default run leaves it out (``addopts`` in ``pyproject.toml``).
Raise a floor when a change raises the figure, never lower it silently.
"""

from __future__ import annotations

import pytest

from newsaudit.errors import MissingDataError
from newsaudit.parse.furniture import blend
from newsaudit.parse.lines import FEATURE_NAMES
from newsaudit.training import furniture as T
from newsaudit.training.pages import Page, load_pages

pytestmark = [pytest.mark.slow, pytest.mark.retrain]

#: Character-weighted F1 on the text alone, by group: measured 0.9364 / 0.9072 /
#: 0.9181 (30 Nov 2026, `python -m newsaudit.training.furniture`; the previous
#: model in the same folds 0.9248 / 0.7553 / 0.9181), a little below them (the
#: lexicon's phrases are features too: a new phrase moves the figures slightly).
TEXT_CHAR_F1_FLOOR = {"Scrapinghub": 0.935, "Dragnet": 0.906, "Scrapinghub, not English": 0.917}
#: The same with the HTML's evidence: measured 0.9692 / 0.9494 / 0.9670, where
#: trafilatura's own extraction scores 0.9645 / 0.9221 / 0.9670; each must also be
#: at least trafilatura's.
HTML_CHAR_F1_FLOOR = {"Scrapinghub": 0.968, "Dragnet": 0.948, "Scrapinghub, not English": 0.966}


@pytest.fixture(scope="module")
def pages() -> list[Page]:
    try:
        return load_pages()
    except MissingDataError:
        pytest.skip("Scrapinghub or Dragnet pages not in the data directory")


@pytest.fixture(scope="module")
def page_model(pages: list[Page]) -> dict:
    """The page model's out-of-fold probabilities, as text and with HTML."""
    return T.cross_validate(pages)


@pytest.mark.parametrize("group", list(T.GROUPS))
def test_furniture_floor_html_not_worse_than_trafilatura(pages: list[Page], page_model: dict,
                                                         group: str) -> None:
    html = T.group_scores(pages, T.decisions(pages, {True: page_model[True]})[True])[group]
    peer = T.group_scores(pages, T.extractor_decisions(pages))[group]
    print(f"{group}, HTML:", html, "trafilatura:", peer)
    assert html["char_f1"] >= HTML_CHAR_F1_FLOOR[group]
    assert html["char_f1"] >= peer["char_f1"]


@pytest.fixture(scope="module")
def text_model(pages: list[Page]) -> dict:
    """The text model's out-of-fold probabilities on text (computed after the HTML tests)."""
    return T.cross_validate(pages, feats=T.text_features, names=FEATURE_NAMES,
                            trains_on=T.scrapinghub, modes=(False,))[False]


@pytest.mark.parametrize("group", list(T.GROUPS))
def test_furniture_floor_text_only(pages: list[Page], page_model: dict, text_model: dict,
                                   group: str) -> None:
    probs = {f"{p.collection}:{p.key}": blend(p.lines, page_model[False][f"{p.collection}:{p.key}"],
                                              text_model[f"{p.collection}:{p.key}"])
             for p in pages}
    text = T.group_scores(pages, T.decisions(pages, {False: probs})[False])[group]
    print(f"{group}, text:", text)
    assert text["char_f1"] >= TEXT_CHAR_F1_FLOOR[group]
