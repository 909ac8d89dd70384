"""What the article model reads: outlet masking and the named features."""

from __future__ import annotations

import pytest

from newsaudit.judge.textfeatures import DENSE_NAMES, dense, mask, name_variants

WIRE = ("WASHINGTON (Reuters) - Top U.S. Republicans said on Sunday they expected Congress "
        "to pass a tax code overhaul this week, Reuters reported.\n\n"
        "Reporting by David Morgan; Editing by Mary Milliken\n\n"
        "More at https://www.reuters.com/article/us-usa-tax or @Reuters.")


def test_mask_hides_outlet_byline_dateline_and_urls() -> None:
    out = mask(WIRE, ["Reuters", "reuters.com"])
    assert "Reuters" not in out and "reuters" not in out
    assert "WASHINGTON" not in out
    assert "David Morgan" not in out
    assert "https" not in out
    assert "Top U.S. Republicans said on Sunday" in out


@pytest.mark.parametrize(("names", "expected"), [
    (["Breitbart News"], {"breitbart news", "breitbart"}),
    (["foxnews.com"], {"foxnews.com", "foxnews"}),
    (["The Daily Caller"], {"daily caller", "dailycaller"}),
])
def test_name_variants(names: list[str], expected: set[str]) -> None:
    assert expected <= set(name_variants(names))


def test_mask_self_reference() -> None:
    text = "Breitbart News reported last week that the bill stalled, as Breitbart's sources said."
    out = mask(text, ["Breitbart News", "breitbart.com"])
    assert "Breitbart" not in out and "reported last week that the bill stalled" in out


def test_dense_sourcing_and_appeals(example_text: str) -> None:
    f = dense(example_text, "Trump Administration In Secret Talks With Russia Over Syria Conflict")
    assert set(f) == set(DENSE_NAMES)
    assert f["anonymous_rate"] > 0  # "a former diplomat told the Al-Monitor"
    assert f["secondhand_rate"] > 0  # "according to a report by the Al-Monitor"
    assert f["appeal_rate"] > 0  # "Help Support Our Independent Journalism"
    assert f["syndicated"] == 1.0  # the Daily Caller News Foundation's licence notice


def test_ngrams_match_the_trainers_counter(example_text: str) -> None:
    from newsaudit.judge.textmodel import ngrams
    from newsaudit.training.credibility import vectorizer

    counter = vectorizer()
    x = counter.fit_transform([example_text]).toarray()[0]
    expected = {str(n): int(c) for n, c in zip(counter.get_feature_names_out(), x, strict=True)}
    assert dict(ngrams(example_text)) == expected
