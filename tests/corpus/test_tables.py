"""The batch tables: every report field lands in a column, unknown ones in ``extra``."""

from __future__ import annotations

import json

import pyarrow as pa

from newsaudit.corpus.tables import (
    ARTICLE_COLUMNS,
    TABLES,
    TABLES_VERSION,
    article_row,
    articles_schema,
    item_rows,
    schema_from_json,
    schema_to_json,
    table_schema,
    to_table,
)

RECORD = {"id": "ex1", "input": "/corpus/a.jsonl", "position": 3, "url": None, "source": None}


def test_tables_version_and_names() -> None:
    assert TABLES_VERSION == "1"
    assert list(TABLES) == ["attributions", "claims", "furniture", "entities", "provenance",
                            "ratings", "errors"]


def test_example_report_fills_columns_without_extra(example_dict: dict) -> None:
    """Every field of the example's report has a column: none is left to ``extra``."""
    row = article_row(RECORD, example_dict)
    schema = articles_schema(row)
    art = to_table([row], schema).to_pylist()[0]
    assert art["extra"] is None
    assert art["site_name"] == "True Pundit" and art["position"] == 3
    assert art["text"] == example_dict["text"]
    assert art["sourcing_n_attributions"] == example_dict["signals"]["sourcing"]["n_attributions"]
    assert art["rating_domain"] == example_dict["source_rating"]["domain"]
    assert art["n_attributions"] == len(example_dict["attributions"]) > 0
    assert art["ms_nlp"] > 0
    for name, rows in item_rows("ex1", example_dict).items():
        table = to_table(rows, table_schema(name)).to_pylist()
        assert [r["extra"] for r in table] == [None] * len(table), name
    rows = item_rows("ex1", example_dict)
    diplomat = [r for r in rows["attributions"] if r.get("speaker_text") == "a former diplomat"]
    assert diplomat and diplomat[0]["cue_text"] == "told"
    spans = [(r["start"], r["end"], r["text"]) for r in rows["claims"]]
    assert all(example_dict["text"][s:e] == t for s, e, t in spans)
    kinds = {r["kind"] for r in rows["provenance"]}
    assert {"syndicated_from", "chain"} <= kinds
    assert {r["subject"] for r in rows["ratings"]} >= {"source", "chain"}


def test_credibility_verdict_becomes_columns(example_dict: dict) -> None:
    """A credibility stage's verdict, when the report has one, is flattened to columns."""
    report = {**example_dict, "credibility": {"score": 0.31, "label": "low",
                                              "reasons": ["source rated low"],
                                              "model": {"name": "cred", "version": "2"}}}
    row = article_row(RECORD, report)
    schema = articles_schema(row)
    assert schema.field("credibility_score").type == pa.float64()
    assert schema.field("credibility_reasons").type == pa.list_(pa.string())
    got = to_table([row], schema).to_pylist()[0]
    assert got["credibility_label"] == "low" and got["credibility_model_version"] == "2"


def test_unknown_keys_and_mistyped_values_go_to_extra() -> None:
    schema = table_schema("claims")
    rows = [{"id": "a", "n": 0, "start": 1, "end": 5, "text": "four", "score": "high",
             "checked_by": "x"}]
    (got,) = to_table(rows, schema).to_pylist()
    assert got["score"] is None
    assert json.loads(got["extra"]) == {"score": "high", "checked_by": "x"}


def test_schema_round_trip() -> None:
    schema = articles_schema({"style_quotes": 2, "headline_cues": ["x"], "flag": True})
    assert schema_from_json(schema_to_json(schema)) == schema
    assert [f.name for f in schema][: len(ARTICLE_COLUMNS)] == [n for n, _ in ARTICLE_COLUMNS]
    assert schema.field("style_quotes").type == pa.float64()
