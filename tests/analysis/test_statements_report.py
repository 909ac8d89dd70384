"""The report shows statements with their source type and resolved speaker."""

from __future__ import annotations

import json
from pathlib import Path

import newsaudit
from newsaudit.options import Options
from newsaudit.render import render_text

TEXT = """Trump to square off in court with House Democrats over financial records

Senate minority leader Chuck Schumer proposed an amendment Tuesday to the rules for the trial.

Douglas Letter, a lawyer for the committees, told the court that Congress needed the \
information to craft new legislation.

"We're investigating massive amounts of Russian money," he said.

I think the hearing went badly for the president.
"""

FIXTURE = Path(__file__).resolve().parents[1] / "data" / "attributions_real"


def test_default_report_keeps_statements_only():
    d = newsaudit.analyze(TEXT).to_dict()
    contents = [a["content"]["text"] for a in d["attributions"]]
    assert not any("amendment" in c for c in contents)  # an act
    assert not any("hearing went badly" in c for c in contents)  # the writer
    said = [a for a in d["attributions"] if "Russian money" in a["content"]["text"]]
    assert said and said[0]["source_name"] == "Douglas Letter"
    assert said[0]["source_type"] == "person"
    counts = d["signals"]["sourcing"]["by_source_type"]
    assert counts["person"] == d["signals"]["sourcing"]["n_attributions"]


def test_all_attributions_keeps_the_finders_set():
    every = newsaudit.analyze(TEXT, options=Options(all_attributions=True)).to_dict()
    shown = newsaudit.analyze(TEXT).to_dict()
    assert len(every["attributions"]) > len(shown["attributions"])
    assert any("amendment" in a["content"]["text"] for a in every["attributions"])


def test_text_view_shows_the_resolved_speaker():
    text = render_text(newsaudit.analyze(TEXT), width=200)
    assert "he → Douglas Letter" in text


def test_fixture_labels_name_fixture_articles():
    articles = json.loads((FIXTURE / "articles.json").read_text(encoding="utf-8"))
    keys = {f"{a['corpus']}:{a['id']}" for a in articles}
    assert len(keys) >= 30
    assert {a["split"] for a in articles} == {"tune", "heldout"}
    for line in (FIXTURE / "labels.jsonl").read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        assert row["article"] in keys
        start, end = row["content"]
        assert 0 <= start < end
        if row["attribution"]:
            assert row["speaker"] and row["type"] in (
                "person", "organization", "unnamed", "vague", "document", "outlet", "author")
