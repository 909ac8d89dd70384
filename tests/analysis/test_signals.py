"""Tests for analysis.signals: NELA-compatible features, headline cues, lexicons."""

from __future__ import annotations

import importlib.util

import pytest

from newsaudit.analysis import lexicons
from newsaudit.analysis.signals import POS_TAGS, compute, headline
from newsaudit.errors import DataError
from newsaudit.nlp import load

#: The names nela-features 3.0.1's ``extract_all`` returns, group by group.
NELA_NAMES = {
    "style": ["quotes", "exclaim", "allpunc", "allcaps", "stops", *POS_TAGS],
    "complexity": ["ttr", "avg_wordlen", "word_count", "flesch_kincaid_grade_level",
                   "smog_index", "coleman_liau_index", "lix"],
    "bias": ["bias_words", "assertatives", "factives", "hedges", "implicatives",
             "report_verbs", "positive_opinion_words", "negative_opinion_words"],
    "affect": ["vadneg", "vadneu", "vadpos", "wneg", "wpos", "wneu", "sneg", "spos", "sneu"],
    "moral": ["HarmVirtue", "HarmVice", "FairnessVirtue", "FairnessVice", "IngroupVirtue",
              "IngroupVice", "AuthorityVirtue", "AuthorityVice", "PurityVirtue", "PurityVice",
              "MoralityGeneral"],
    "event": ["num_locations", "num_dates"],
}


@pytest.fixture(scope="module")
def nlp():
    return load()


def test_every_nela_feature_is_reported(example_dict):
    signals = example_dict["signals"]
    for group, names in NELA_NAMES.items():
        assert list(signals[group]) == names, group
        assert all(isinstance(v, float) for v in signals[group].values())
    assert len(POS_TAGS) == 45
    # The sourcing stage's counts sit beside them.
    assert signals["sourcing"]["n_attributions"] >= 1


def test_example_body_counts(example_dict):
    signals = example_dict["signals"]
    text = example_dict["text"]
    body_words = sum(len(text[s["start"]:s["end"]].split())
                     for s in example_dict["article"]["body_spans"])
    # NELA words are tokens less punctuation: close to a whitespace split of the body.
    assert abs(signals["complexity"]["word_count"] - body_words) / body_words < 0.1
    # The donation appeal ("Help Support Our Independent Journalism!") is furniture:
    # the body has no exclamation mark and no second person.
    assert signals["style"]["exclaim"] == 0.0
    assert signals["person"]["second_person"] == 0.0
    assert signals["person"]["first_person_plural"] > 0  # "we" in the diplomat's quote
    assert signals["event"]["num_locations"] > 0  # Russia, Syria, Jordan, Israel


def test_lexicon_rates_on_known_sentence(nlp):
    doc = nlp("The senator said she may resign. Critics argue it is unlikely!")
    s = compute(doc)
    # Words: The senator said she may resign Critics argue it is unlikely (11);
    # tokens add "." and "!" (13).
    assert s["complexity"]["word_count"] == 11.0
    assert s["style"]["exclaim"] == pytest.approx(1 / 13, abs=1e-6)
    assert s["style"]["allpunc"] == pytest.approx(2 / 13, abs=1e-6)
    # Hedges (Hyland 2005): may, argue, unlikely. Assertives (Hooper 1975): argue.
    assert s["bias"]["hedges"] == pytest.approx(3 / 11, abs=1e-6)
    assert s["bias"]["assertatives"] == pytest.approx(1 / 11, abs=1e-6)
    assert s["bias"]["factives"] == 0.0
    assert s["style"]["MD"] == pytest.approx(1 / 11, abs=1e-6)  # may
    assert s["person"]["first_person_singular"] == 0.0


def test_lexicons_match_case_as_nela_does(nlp):
    # NELA matches words as written: "Argue" opening a sentence is not "argue".
    low = compute(nlp("critics argue the plan fails."))["bias"]["assertatives"]
    cap = compute(nlp("Argue the plan fails, critics do."))["bias"]["assertatives"]
    assert low > 0
    assert cap == 0.0


def test_first_and_second_person(nlp):
    s = compute(nlp("I think you should read my column. We know you will."))["person"]
    assert s["first_person_singular"] == pytest.approx(2 / 11, abs=1e-6)  # I, my
    assert s["first_person_plural"] == pytest.approx(1 / 11, abs=1e-6)  # We
    assert s["second_person"] == pytest.approx(2 / 11, abs=1e-6)  # you, you


def test_moral_foundations_by_porter_stem(nlp):
    s = compute(nlp("They protect the weak and defend peace."))["moral"]
    # Porter stems "protect", "defend" -> "defend" (stem entry "defen" does not
    # match), "peace" -> "peac"; HarmVirtue holds "protect" and "peace".
    assert s["HarmVirtue"] > 0
    assert s["PurityVice"] == 0.0


def test_empty_doc_gives_zeros(nlp):
    s = compute(nlp("   "))
    assert s["complexity"]["word_count"] == 0.0
    assert s["affect"]["vadneu"] == 0.0
    assert all(v == 0.0 for v in s["bias"].values())


def test_syllables_follow_nela_rules():
    assert lexicons.syllables("wonderful") == 3
    # The rules over-count some words, and the features keep them ("eau" in
    # three vowels adds one): counts agree with NELA's, not with a dictionary.
    assert lexicons.syllables("beautiful") == 4
    assert lexicons.syllables("table") == 2  # "tabl": the "[aeiouy]bl$" rule adds one
    assert lexicons.syllables("cat") == 1
    assert lexicons.syllables("") == 0


def test_windowed_vader_scores_equal_vaders():
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    texts = [
        "The plan is not good, but it isn't the worst. Without doubt it was never so bad.",
        "He said the deal was the kiss of death for the party, kind of a disaster.",
        "No problem at all! The least bad option is still bad, and yet it works.",
        "GREAT news :) The talks are VERY promising, officials said.",
        "The deal is done \U0001F600 but critics are \U0001F621 about it.",
    ]
    plain = SentimentIntensityAnalyzer()
    fast = lexicons.vader()
    for text in texts:
        assert fast.polarity_scores(text) == plain.polarity_scores(text)


def test_but_rule_matches_vaders_on_repeated_scores():
    import random

    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    rng = random.Random(7)
    for _ in range(300):
        n = rng.randint(1, 40)
        words = [rng.choice(["good", "bad", "but", "the", "BUT", "plan"]) for _ in range(n)]
        scores = [rng.choice([0, 0, 0.5, 1.0, 2.0, -1.0, -2.0, 3.0]) for _ in range(n)]
        want = SentimentIntensityAnalyzer._but_check(words, list(scores))
        assert lexicons.but_check(words, list(scores)) == want


def test_missing_nela_package_is_a_clear_error(monkeypatch):
    real = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util, "find_spec",
        lambda name, *a: None if name.startswith("nela_features") else real(name, *a))
    with pytest.raises(DataError, match="nela-features"):
        lexicons.nela.__wrapped__()


def test_plain_headline_has_no_cues(example_dict):
    head = example_dict["signals"]["headline"]
    assert head["words"] == 10
    assert head["clickbait_cues"] == 0
    assert head["cues"] == []


def test_clickbait_headline_cues_point_at_their_words(nlp):
    title = "You Won't Believe What This AMAZING Senator Did Next!"
    head = headline(title, offset=100, nlp=nlp)
    kinds = {c["cue"] for c in head["cues"]}
    assert {"second_person", "forward_reference", "hyperbole", "all_caps",
            "exclamation"} <= kinds
    for c in head["cues"]:
        assert title[c["start"] - 100:c["end"] - 100] == c["text"]
    assert head["clickbait_cues"] == len(kinds)
    assert head["exclaim"] > 0


def test_numbered_question_headline(nlp):
    head = headline("10 reasons the biggest scandal is being ignored?", offset=None, nlp=nlp)
    kinds = {c["cue"] for c in head["cues"]}
    assert {"leading_number", "question", "superlative"} <= kinds
    assert head["leading_number"] is True and head["question"] is True
    assert all(c["start"] is None for c in head["cues"])  # headline not in the text
