"""The stage registry and pipeline ordering."""

from __future__ import annotations

import pytest

import newsaudit
from newsaudit.pipeline import (
    DEFAULT_PIPELINE,
    Pipeline,
    check_order,
    registered,
    with_prerequisites,
)


def test_pipeline_default_stages_registered() -> None:
    reg = registered()
    assert "parse.furniture" in reg
    assert "nlp" in reg


def test_pipeline_rejects_unknown_stage() -> None:
    with pytest.raises(newsaudit.PipelineError, match="unknown stage 'nope'"):
        check_order(["parse.furniture", "nope"])


def test_pipeline_rejects_unmet_requirement() -> None:
    with pytest.raises(newsaudit.PipelineError, match="needs body"):
        check_order(["nlp"])


def test_pipeline_rejects_repeated_stage() -> None:
    with pytest.raises(newsaudit.PipelineError, match="twice"):
        check_order(["parse.furniture", "parse.furniture"])


def test_pipeline_subset_runs_and_records_versions(example_text: str) -> None:
    article = newsaudit.read(example_text)
    Pipeline(["parse.furniture"])(article)
    assert article.stages_run == [("parse.furniture", registered()["parse.furniture"].version)]
    assert "parse.furniture" in article.timings
    assert article.doc is None


def test_pipeline_user_stage_adds_extension(example_text: str) -> None:
    @newsaudit.stage("test.wordcount", requires=("body",), assigns=("extensions",))
    def wordcount(article: newsaudit.Article, options: newsaudit.Options) -> None:
        article.extensions["words"] = len(article.body_string().split())

    article = newsaudit.read(example_text)
    Pipeline(["parse.furniture", "test.wordcount"])(article)
    report = newsaudit.Report(article).to_dict()
    assert report["extensions"]["words"] > 100


@pytest.mark.parametrize(("asked", "run"), [
    (["analysis.claims"], ["parse.furniture", "nlp", "analysis.claims"]),
    (["claims", "entities"], ["parse.furniture", "nlp", "analysis.claims", "analysis.entities"]),
    (["judge.reputation"], ["parse.furniture", "judge.reputation"]),
    (["parse.furniture"], ["parse.furniture"]),
])
def test_pipeline_adds_the_stages_a_selection_needs(asked: list[str], run: list[str]) -> None:
    assert Pipeline(options=newsaudit.Options(stages=tuple(asked))).names == run


def test_pipeline_keeps_a_complete_order_as_it_is() -> None:
    assert with_prerequisites(DEFAULT_PIPELINE) == list(DEFAULT_PIPELINE)


def test_pipeline_rejects_an_ambiguous_or_unknown_short_name() -> None:
    with pytest.raises(newsaudit.PipelineError, match="unknown stage 'nope'"):
        with_prerequisites(["nope"])
