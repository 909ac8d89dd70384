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


def test_pipeline_stage_reads_what_an_earlier_stage_assigns() -> None:
    check_order(["parse.furniture", "nlp", "analysis.provenance", "analysis.sourcing"])
    check_order(["parse.furniture", "nlp", "analysis.sourcing"])  # read only when there
    with pytest.raises(newsaudit.PipelineError, match=r"reads provenance.*put 'analysis.prov"):
        check_order(["parse.furniture", "nlp", "analysis.sourcing", "analysis.provenance"])


def test_pipeline_contracts_name_what_stages_read() -> None:
    reg = registered()
    assert "provenance" in reg["analysis.sourcing"].reads
    assert "masthead" in reg["analysis.signals"].requires
    judge = reg["judge.reputation"]
    assert "provenance" in judge.reads and "provenance" not in judge.assigns
    assert "provenance_ratings" in judge.assigns


def test_pipeline_records_a_failing_stage_and_goes_on(example_text: str) -> None:
    @newsaudit.stage("test.broken", requires=("body",), assigns=("claims",))
    def broken(article: newsaudit.Article, options: newsaudit.Options) -> None:
        article.claims = ["half done"]
        raise ValueError("cannot read this page")

    article = newsaudit.read(example_text)
    Pipeline(["parse.furniture", "test.broken", "analysis.provenance"])(article)
    assert article.failures == {"test.broken": "ValueError: cannot read this page"}
    assert article.claims == []  # nothing half done is reported
    assert article.provenance is not None  # the stages after it ran
    d = newsaudit.Report(article).to_dict()
    assert d["pipeline"][1] == {"name": "test.broken", "version": "1",
                                "error": "ValueError: cannot read this page"}
    assert "error" not in d["pipeline"][0] and d["claims"] == []


def test_pipeline_stops_on_newsaudit_errors(example_text: str) -> None:
    @newsaudit.stage("test.nodata", requires=("body",))
    def nodata(article: newsaudit.Article, options: newsaudit.Options) -> None:
        raise newsaudit.DataError("the model is missing")

    with pytest.raises(newsaudit.DataError, match="model is missing"):
        Pipeline(["parse.furniture", "test.nodata"])(newsaudit.read(example_text))
