"""AllSides articles for the corpus tests, read once from the shared data."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest


@pytest.fixture(scope="session")
def allsides_rows(shared_data: Path) -> list[dict]:
    """The first 400 AllSides articles (a mix of outlets, sides and topics)."""
    path = shared_data / "allsides_article_bias" / "articles.jsonl.gz"
    rows = []
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            rows.append(json.loads(line))
            if len(rows) == 400:
                break
    return rows


@pytest.fixture(scope="session")
def dcnf_rows(shared_data: Path) -> list[dict]:
    """AllSides articles carrying the Daily Caller News Foundation's licence notice."""
    path = shared_data / "allsides_article_bias" / "articles.jsonl.gz"
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        return [row for line in fh if "Daily Caller News Foundation is available" in line
                for row in [json.loads(line)]]
