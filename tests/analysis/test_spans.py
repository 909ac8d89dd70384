"""Tests for analysis.spans: the attribution span model and how it refines the rules."""

from __future__ import annotations

import json

import numpy as np
import pytest

import newsaudit
from newsaudit.analysis.confidence import load_model
from newsaudit.analysis.refinement import refine
from newsaudit.analysis.sourcing import find_attributions
from newsaudit.analysis.spans import (
    MAX_WORDPIECES,
    MODEL_DIR,
    decode,
    load_span_model,
    rule_tags,
    viterbi,
    windows,
)
from newsaudit.nlp import load
from newsaudit.options import Options


@pytest.fixture(scope="module")
def nlp():
    return load()


@pytest.fixture(scope="module")
def model():
    return load_span_model()


def test_model_files_and_thresholds():
    meta = json.loads((MODEL_DIR / "meta.json").read_text("utf-8"))
    assert meta["roles"] == ["content", "cue", "source"]
    th = load_span_model().thresholds
    assert 0.5 <= th.add <= 1 and 0.5 <= th.extend <= 1 and th.min_chars > 0
    # int8 weights: the whole model stays small enough to ship in the package.
    assert (MODEL_DIR / "model.onnx").stat().st_size < 30_000_000


def test_windows_cover_every_word_once_and_keep_paragraphs(nlp, model, example_text):
    doc = nlp(example_text)
    found = find_attributions(doc, span_model=False)
    tags = rule_tags(doc, found)
    wins = windows(doc, model.tokenizer, tags)
    assert all(len(w.ids) <= MAX_WORDPIECES + 2 for w in wins)
    firsts = np.concatenate([w.token[w.first] for w in wins])
    # Every non-space word has exactly one first piece, in order.
    words = [t.i for t in doc if not t.is_space]
    assert firsts.tolist() == words
    # The rules' tags ride along: the diplomat's cue "told" is tagged as a cue (3..5).
    told = next(t for t in doc if t.text == "told")
    assert 3 <= tags[told.i] < 6


def test_viterbi_never_opens_a_span_with_inside():
    probs = np.array([[0.9, 0.05, 0.05], [0.1, 0.1, 0.8], [0.1, 0.1, 0.8], [0.9, 0.05, 0.05]])
    assert viterbi(np.log(probs)) == [0, 1, 2, 0]


def test_decode_trims_quotes_and_commas(nlp):
    doc = nlp('He said, "We will win the state."')
    probs = np.tile([0.98, 0.01, 0.01], (len(doc), 1))
    for t in doc:
        if t.i >= 2:  # from the comma on
            probs[t.i] = [0.02, 0.9, 0.08] if t.i == 2 else [0.02, 0.08, 0.9]
    (span,) = decode(doc, probs)
    assert doc.text[span.start:span.end] == "We will win the state."
    assert 0.9 < span.confidence <= 1


def test_rules_only_is_the_rules(nlp, example_text):
    doc = nlp(example_text)
    rules = find_attributions(doc, span_model=False)
    assert all(a.pattern != "model" for a in rules)
    threshold = load_model().threshold
    scored = find_attributions(doc, min_confidence=0.0, span_model=False)
    assert [a for a in scored if a.confidence >= threshold] == rules


def test_model_adds_what_the_rules_miss(nlp):
    # "charges" is no cue verb of the rules; the model reads it as one.
    text = ("Trump charges that countries that stand to benefit from the deal donated "
            "millions of dollars to the Clinton Foundation.")
    doc = nlp(text)
    assert find_attributions(doc, span_model=False) == []
    (a,) = find_attributions(doc)
    assert (a.pattern, a.speaker.text, a.cue.text, a.direct) == ("model", "Trump", "charges", False)
    assert a.content.text.endswith("donated millions of dollars to the Clinton Foundation")
    assert load_model().threshold <= a.confidence < 0.9  # calibrated: added ones are less sure


def test_an_added_content_without_a_tagged_cue_takes_its_governor(nlp):
    # The model tags the that-clause as a content but no cue; "conclusion", the
    # noun it hangs on, stands as the cue. The rules have no cue here at all.
    text = ("Nervo's conclusion that judges shouldn't try to judge information's utility "
            "to voters is not universally shared on the bench.")
    doc = nlp(text)
    assert find_attributions(doc, span_model=False) == []
    (a,) = find_attributions(doc)
    assert (a.pattern, a.cue.text) == ("model", "conclusion")
    assert a.content.text.endswith("judges shouldn't try to judge information's utility to voters")


def test_model_extends_a_content_the_rules_cut_short(nlp):
    text = ("White House spokesman Josh Earnest said Monday that President Barack Obama has "
            "long called for tax fairness, the closure of loopholes that benefit only the "
            "wealthy and for relief for middle class families.")
    doc = nlp(text)
    (rule,) = find_attributions(doc, span_model=False)
    assert rule.content.text == "President Barack Obama has long called for tax fairness"
    (a,) = find_attributions(doc)
    # Same speaker, cue, rule and confidence; the content runs to the end of the list.
    assert (a.speaker, a.cue, a.pattern, a.confidence) == (
        rule.speaker, rule.cue, rule.pattern, rule.confidence)
    assert a.content.text.endswith("and for relief for middle class families")


def test_model_leaves_the_example_alone(nlp, example_text, example_dict):
    # In the example, the rules' attributions stand; the headline, which the parser
    # runs into the first sentence, gets no cue from the next paragraph.
    doc = nlp(example_text)
    assert find_attributions(doc) == find_attributions(doc, span_model=False)
    # The same in the report, which reads the body without the page furniture: the
    # model's "Secretary of State Rex Tillerson has [reportedly] taken the lead ..."
    # gets no cue ("taken", the word it hangs on, is no reporting word to the model).
    rules_only = newsaudit.analyze(example_text, options=Options(span_model=False)).to_dict()
    assert example_dict["attributions"] == rules_only["attributions"]


def test_refine_takes_a_model_object(nlp, model):
    doc = nlp("Scholars have long debated the salience of ethnic ties in voters’ preferences.")
    scored = find_attributions(doc, min_confidence=0.0, span_model=False)
    out = refine(doc, scored, load_model().threshold, spans=model)
    assert [(a.pattern, a.speaker.text, a.content.text) for a in out] == [
        ("model", "Scholars", "the salience of ethnic ties in voters’ preferences")]


def test_a_broken_model_is_a_data_error(tmp_path):
    from newsaudit.analysis.spans import SpanModel
    from newsaudit.errors import DataError

    for name in ("meta.json", "tokenizer.json"):
        (tmp_path / name).write_bytes((MODEL_DIR / name).read_bytes())
    (tmp_path / "model.onnx").write_bytes(b"not an onnx model")
    with pytest.raises(DataError, match="--rules-only"):
        SpanModel(tmp_path)
