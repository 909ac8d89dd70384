"""The stage registry and pipeline ordering."""

from __future__ import annotations

import pytest

import newsaudit
from newsaudit.pipeline import Pipeline, check_order, registered


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
