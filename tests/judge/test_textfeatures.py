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


#: AllSides bodies whose extraction kept site lines: Politico's "Story Continued
#: Below", the New York Times' "Advertisement Continue reading the main story",
#: Reuters' "Slideshow (N Images)".
SITE_LINES = {"00ZME4ZkHAEIC7dP": "Story Continued Below",
              "9GZxgrAYzWLuDGsD": "Continue reading the main story",
              "2Pstv4hQTXdjGDFs": "Slideshow ("}


def _allsides(ids: set[str]) -> dict[str, dict]:
    import gzip
    import json

    from newsaudit.data import dataset

    found: dict[str, dict] = {}
    with gzip.open(dataset("allsides_article_bias") / "articles.jsonl.gz", "rt",
                   encoding="utf-8") as fh:
        for line in fh:
            if any(f'"{i}"' in line for i in ids):
                row = json.loads(line)
                found[row["ID"]] = row
            if len(found) == len(ids):
                break
    return found


def test_model_input_drops_site_lines_left_by_extraction() -> None:
    from newsaudit.article import Article, Metadata
    from newsaudit.judge.textfeatures import model_input
    from newsaudit.options import Options
    from newsaudit.parse.furniture import ParseFurniture

    parser = ParseFurniture(Options())
    for art_id, row in _allsides(set(SITE_LINES)).items():
        article = Article(row["content_original"].replace("\r\n", "\n"),
                          Metadata(site_name=row["source"], title=row["title"]))
        parser(article)
        body, _ = model_input(article)
        assert SITE_LINES[art_id] in row["content_original"]
        assert SITE_LINES[art_id].lower() not in body.lower()
        assert len(body.split()) > 0.6 * len(row["content_original"].split())  # prose stays


def test_scrub_drops_short_lines_and_photo_credits() -> None:
    from newsaudit.judge.textfeatures import scrub

    text = ("Advertisement:\nThe senator said on Tuesday that the measure would pass the "
            "chamber. (AP Photo/Susan Walsh)\nAndrew C. McCarthy, National Review")
    out = scrub(text)
    assert out.startswith("The senator said on Tuesday")
    assert "Advertisement" not in out and "Susan Walsh" not in out
    assert "McCarthy" not in out


def test_char_ngrams_match_the_trainers_counter(example_text: str) -> None:
    from newsaudit.judge.textmodel import char_ngrams
    from newsaudit.training.credibility import vectorizer

    counter = vectorizer("char")
    x = counter.fit_transform([example_text]).toarray()[0]
    expected = {str(n): int(c) for n, c in zip(counter.get_feature_names_out(), x, strict=True)}
    assert dict(char_ngrams(example_text)) == expected


def test_char_ngrams_fold_house_typography() -> None:
    from newsaudit.judge.textmodel import char_ngrams

    assert char_ngrams("said — then “no”") == char_ngrams("said -- then \"no\"")
    assert char_ngrams("said – then ‘no’") == char_ngrams("Said - then 'no'")
