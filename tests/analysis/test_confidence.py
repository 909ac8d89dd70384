"""Tests for analysis.confidence: the attribution confidence model."""

from __future__ import annotations

import json
import math

import pytest

from newsaudit.analysis.candidates import candidates
from newsaudit.analysis.confidence import MODEL_PATH, explain, features, load_model
from newsaudit.analysis.sourcing import find_attributions
from newsaudit.nlp import load


@pytest.fixture(scope="module")
def nlp():
    return load()


@pytest.fixture(scope="module")
def example_doc(nlp, example_text):
    return nlp(example_text)


def test_model_file_is_plain_named_weights():
    raw = json.loads(MODEL_PATH.read_text("utf-8"))
    model = load_model()
    assert 0.05 < model.threshold < 0.95
    assert len(model.weights) > 1000
    # Every weight is a readable feature, e.g. the cue word in its frame.
    assert "cue=say|pattern=ccomp" in model.weights
    assert model.weights["cue=say|pattern=ccomp"] > 0
    assert raw["dev"]["f1"] >= raw["dev"]["f1_all_kept"]


def test_every_attribution_carries_its_confidence(example_doc):
    found = find_attributions(example_doc)
    threshold = load_model().threshold
    assert found
    assert all(a.confidence is not None and threshold <= a.confidence <= 1 for a in found)


def test_example_donation_appeal_is_dropped_and_the_diplomat_kept(example_doc):
    every = candidates(example_doc)
    appeal = [a for a in every if a.content.text == "Our Independent Journalism"]
    assert len(appeal) == 1 and appeal[0].cue.text == "Support"
    kept = find_attributions(example_doc)
    assert not [a for a in kept if a.content.text == "Our Independent Journalism"]
    diplomat = [a for a in kept if a.speaker and a.speaker.text == "a former diplomat"
                and a.cue and a.cue.text == "told"]
    assert len(diplomat) == 1 and diplomat[0].confidence > 0.9
    # With no threshold every candidate comes back, scored.
    assert len(find_attributions(example_doc, min_confidence=0.0, span_model=False)) == len(every)


def test_reported_speech_outscores_a_verb_that_attributes_nothing(nlp):
    said = find_attributions(nlp("Officials said the plant would close in March."),
                             min_confidence=0.0)
    worries = find_attributions(nlp("That worries environmentalists."), min_confidence=0.0)
    assert len(said) == 1 and len(worries) == 1
    assert said[0].confidence > 0.8
    assert worries[0].confidence < said[0].confidence - 0.3


def test_explain_adds_up_to_the_score(example_doc):
    model = load_model()
    for a in candidates(example_doc):
        terms = explain(example_doc, a)
        assert terms[-1] == ("bias", model.bias)
        z = sum(w for _, w in terms)
        assert math.isclose(1 / (1 + math.exp(-z)), model.score(features(example_doc, a)))
        weights = [abs(w) for _, w in terms[:-1]]
        assert weights == sorted(weights, reverse=True)
