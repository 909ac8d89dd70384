"""The report schema shipped in the package: it matches the code and catches violations."""

from __future__ import annotations

import copy
import json

import pytest

import newsaudit
from newsaudit.cli import main
from newsaudit.errors import ReportSchemaError
from newsaudit.report import SCHEMA_VERSION
from newsaudit.schema import report_schema, validate


def test_schema_version_matches_the_code() -> None:
    schema = report_schema()
    assert schema["properties"]["schema_version"] == {"const": SCHEMA_VERSION}


def test_schema_requires_every_top_level_key_the_report_writes(example_dict: dict) -> None:
    required = set(report_schema()["required"])
    written = set(example_dict) - {"extensions"}
    assert required == written


def test_schema_accepts_the_example_report(example_dict: dict) -> None:
    validate(example_dict)


def test_schema_accepts_a_report_of_no_stages() -> None:
    report = newsaudit.analyze("A short text about nothing in particular.",
                               options=newsaudit.Options(stages=("parse.furniture",)))
    validate(report.to_dict())


@pytest.mark.parametrize(("mutate", "message"), [
    (lambda d: d.pop("claims"), "'claims' is a required property"),
    (lambda d: d.__setitem__("schema_version", "2"), "no report schema for version '2'"),
    (lambda d: d["attributions"][0].__setitem__("confidence", 1.5), "attributions/0/confidence"),
    (lambda d: d["furniture"][0].__setitem__("start", -1), "furniture/0/start"),
    (lambda d: d["claims"][0].__setitem__("end", 10**9), "outside the text"),
    (lambda d: d["entities"][0].__setitem__("text", "not the text"), r"is not text\["),
    (lambda d: d["source_rating"].__setitem__("label", 3), "source_rating"),
])
def test_schema_rejects_a_broken_report(example_dict: dict, mutate, message: str) -> None:
    broken = copy.deepcopy(example_dict)
    mutate(broken)
    with pytest.raises(ReportSchemaError, match=message):
        validate(broken)


def test_schema_allows_added_fields(example_dict: dict) -> None:
    grown = copy.deepcopy(example_dict)
    grown["attributions"][0]["new_field"] = {"anything": 1}
    grown["article"]["new_field"] = None
    validate(grown)


def test_cli_schema_prints_the_schema(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema"]) == 0
    assert json.loads(capsys.readouterr().out) == report_schema()


def test_cli_schema_validates_a_report_file(tmp_path, example_dict: dict,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    good = tmp_path / "good.json"
    good.write_text(json.dumps(example_dict), encoding="utf-8")
    assert main(["schema", "--validate", str(good)]) == 0
    bad = tmp_path / "bad.json"
    broken = copy.deepcopy(example_dict)
    del broken["text"]
    bad.write_text(json.dumps(broken), encoding="utf-8")
    assert main(["schema", "--validate", str(bad)]) == 3
    assert "'text' is a required property" in capsys.readouterr().err
