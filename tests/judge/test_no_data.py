"""Without any rating data every other stage runs and the report says why sources are unrated."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

import newsaudit
from newsaudit import core, data
from newsaudit.cli import main
from newsaudit.judge.ratings import load_index
from newsaudit.judge.reputation import NO_DATA


@pytest.fixture()
def no_rating_data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """No data directory anywhere, a cache of its own, and no pipeline built earlier."""
    missing = tmp_path / "nowhere"
    monkeypatch.delenv("NEWSAUDIT_DATA", raising=False)
    monkeypatch.setenv("NEWSAUDIT_CACHE", str(tmp_path / "cache"))
    monkeypatch.setattr(data, "candidate_data_dirs", lambda explicit=None: [missing])
    core.get_pipeline.cache_clear()
    load_index.cache_clear()
    yield missing
    core.get_pipeline.cache_clear()  # later tests must not get this rating-less pipeline
    load_index.cache_clear()


def test_analyze_without_rating_data_runs_every_other_stage(no_rating_data, example_text):
    d = newsaudit.analyze(example_text).to_dict()
    assert d["source_rating"]["status"] == NO_DATA
    assert d["source_rating"]["label"] == "unknown"
    assert "newsaudit data fetch" in d["source_rating"]["hint"]
    assert any(a["speaker"] and a["speaker"]["text"] == "a former diplomat"
               for a in d["attributions"])
    assert [c["name"] for c in d["provenance"]["chain"]][:2] == [
        "True Pundit", "The Daily Caller News Foundation"]
    assert d["claims"] and d["signals"]["sourcing"]["n_attributions"] > 0
    basis = d["credibility"]["basis"]
    assert basis["kind"] == "article"
    assert NO_DATA in basis["says"] and "newsaudit data fetch" in basis["says"]


def test_cli_without_rating_data_warns_once_and_exits_0(no_rating_data, example_path, capsys):
    assert main(["analyze", str(example_path)]) == 0
    captured = capsys.readouterr()
    assert json.loads(captured.out)["source_rating"]["status"] == NO_DATA
    warnings = captured.err.strip().splitlines()
    assert len(warnings) == 1 and warnings[0].startswith("newsaudit: warning: no rating data")


def test_cli_data_list_without_rating_data_is_one_line(no_rating_data, capsys):
    assert main(["data", "list"]) == 0
    out = capsys.readouterr().out.strip().splitlines()
    assert len(out) == 1
    assert out[0].startswith("no rating data installed") and "newsaudit data fetch" in out[0]
