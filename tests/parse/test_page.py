"""Page-level line features: page-frequent words, repetition, extractor agreement, links."""

from __future__ import annotations

import numpy as np

from newsaudit.parse.lines import split_lines
from newsaudit.parse.page import PAGE_FEATURE_NAMES, page_features

# A German page: menu, headline, two body paragraphs, a repeated menu line.
GERMAN = "\n".join([
    "Startseite | Politik | Wirtschaft",
    "Bundestag beschließt neuen Haushalt",
    "Der Bundestag hat am Dienstag den Haushalt für das kommende Jahr beschlossen, nachdem "
    "die Debatte mehr als neun Stunden gedauert hatte.",
    "Die Abgeordneten sagten, der Plan werde die Mittel für die Bibliotheken und die Parks "
    "wieder erhöhen, die in der Pandemie gekürzt worden waren.",
    "Startseite | Politik | Wirtschaft",
])


def _col(X: np.ndarray, name: str) -> np.ndarray:
    return X[:, PAGE_FEATURE_NAMES.index(name)]


def test_page_frequent_words_mark_prose_in_german() -> None:
    X = page_features(split_lines(GERMAN))
    ratio = _col(X, "page_frequent_ratio")
    assert ratio[2] > 0.4 and ratio[3] > 0.4
    assert ratio[0] < 0.1


def test_page_repeated_line_counted() -> None:
    X = page_features(split_lines(GERMAN))
    repeats = _col(X, "repeats")
    assert repeats[0] > 0 and repeats[4] > 0
    assert repeats[2] == 0


def test_page_evidence_overlap_partial_and_whole() -> None:
    lines = split_lines(GERMAN)
    evidence = lines[2].text + "\nDie Abgeordneten sagten, der Plan werde die Mittel erhöhen."
    X = page_features(lines, evidence)
    overlap = _col(X, "evidence_overlap")
    assert overlap[2] == 1.0
    assert 0.2 < overlap[3] < 0.8
    assert overlap[0] == 0.0
    assert (_col(page_features(lines), "evidence_overlap") == 0).all()


def test_page_link_share_only_with_html() -> None:
    lines = split_lines(GERMAN)
    X = page_features(lines, links=[1.0, 0.0, 0.0, 0.1, 1.0])
    assert list(_col(X, "link_share")) == [1.0, 0.0, 0.0, 0.1, 1.0]
    assert (_col(X, "has_links") == 1).all()
    assert (_col(page_features(lines), "has_links") == 0).all()


def test_page_features_empty() -> None:
    assert page_features([]).shape == (0, len(PAGE_FEATURE_NAMES))


def test_page_text_blocks_and_time_stamps_mark_comments_after_the_article() -> None:
    # A blog post (two paragraphs and a subhead), then a comment under a name and a time.
    text = "\n".join([
        "Menu",
        "Der Bundestag hat am Dienstag den Haushalt für das kommende Jahr beschlossen, nachdem "
        "die Debatte mehr als neun Stunden gedauert hatte.",
        "Mehr Geld für Bibliotheken",
        "Die Abgeordneten sagten, der Plan werde die Mittel für die Bibliotheken und die Parks "
        "wieder erhöhen, die in der Pandemie gekürzt worden waren.",
        "Anna",
        "12. März 2021 um 17:42",
        "Endlich! Die Bibliothek in unserem Viertel war zwei Jahre lang nur am Samstag offen.",
        "Antworten",
    ])
    X = page_features(split_lines(text))
    largest = _col(X, "in_largest_block")
    assert list(largest) == [0, 1, 1, 1, 0, 0, 0, 0]
    assert _col(X, "block_share")[6] < 0.5 < _col(X, "block_share")[1]
    assert list(_col(X, "after_largest_block")) == [0, 0, 0, 0, 1, 1, 1, 1]
    assert _col(X, "before_largest_block")[0] == 1
    assert list(_col(X, "time_stamp")) == [0, 0, 0, 0, 0, 1, 0, 0]
    assert _col(X, "time_stamps_above")[6] > 0 == _col(X, "time_stamps_above")[5]


def test_page_word_count_of_unspaced_scripts() -> None:
    from newsaudit.parse.page import word_count

    assert word_count("政府は火曜日に来年度の予算案を閣議決定した。") >= 10
    assert word_count("The council met on Tuesday.") == 5
