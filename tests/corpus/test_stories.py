"""Story clustering on AllSides: one day's events told apart, coverage spread per story."""

from __future__ import annotations

import gzip
import json
from datetime import timedelta
from pathlib import Path

import numpy as np
import pyarrow.parquet as pq
import pytest

from newsaudit.cli import main
from newsaudit.corpus.docs import DocMeta, DocStore, domain_of, parse_date
from newsaudit.corpus.stories import StoryOptions, entities, find_stories, write_stories
from newsaudit.corpus.storylink import average_linkage, body_start

DAY = "2019-01-25"  # the shutdown ends; Roger Stone is indicted (tests/data labels)


@pytest.fixture(scope="module")
def day_rows(shared_data: Path) -> list[dict]:
    path = shared_data / "allsides_article_bias" / "articles.jsonl.gz"
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        return [r for line in fh if DAY in line for r in [json.loads(line)] if r["date"] == DAY]


@pytest.fixture(scope="module")
def gold() -> dict[str, str]:
    path = Path(__file__).resolve().parents[1] / "data" / "stories_labelled.jsonl"
    rows = [json.loads(line) for line in path.read_text().splitlines()]
    return {r["id"]: r["story"] for r in rows if r["date"] == DAY}


def _store(rows: list[dict]) -> DocStore:
    store = DocStore()
    for r in rows:
        store.add(r["content_original"], DocMeta(
            r["ID"], r["source"], domain_of("http://" + r["source_url"]), parse_date(r["date"]),
            r["title"], None))
    return store


def test_events_of_one_day_apart(day_rows: list[dict], gold: dict[str, str]) -> None:
    result = find_stories(_store(day_rows), StoryOptions(claims=False))
    label = {m.id: int(lab) for m, lab in zip(result.store.metas, result.labels, strict=True)}
    stone = [i for i, s in gold.items() if s == "roger-stone-indicted"]
    shutdown = [i for i, s in gold.items() if s == "shutdown-ends"]
    assert len({label[i] for i in stone}) == 1 and label[stone[0]] >= 0
    assert label[stone[0]] not in {label[i] for i in shutdown}
    # Most of the shutdown reports are one story.
    assert max(sum(label[i] == label[j] for j in shutdown) for i in shutdown) >= 5


def test_story_has_coverage_spread_and_claims(day_rows: list[dict], tmp_path: Path) -> None:
    result = find_stories(_store(day_rows), StoryOptions(claim_stories=1))
    top = result.stories[0]
    covered = {s for side in ("left", "center", "right") for s in top.leanings[side]}
    assert covered <= set(top.sources) and len(covered) >= 3
    assert set(top.missing) == {s for s in ("left", "center", "right") if not top.leanings[s]}
    assert top.earliest == top.members[0]
    assert top.claims and all(0.0 <= score <= 1.0 for _, score, _ in top.claims)
    files = write_stories(result, tmp_path)
    rows = pq.read_table(files["stories.parquet"]).to_pylist()
    assert rows[0]["articles"] == len(top.members)
    # One day's reports: the earliest is tied with all the others, and says so.
    assert rows[0]["same_day_as_earliest"] == len(top.members) - 1
    assert f"(and {len(top.members) - 1} other reports the same day)" in files[
        "summary.txt"].read_text()
    members = pq.read_table(files["members.parquet"]).to_pylist()
    assert {m["leaning"] for m in members} <= {"left", "center", "right", None}


def test_undated_articles_join_no_story(day_rows: list[dict]) -> None:
    store = DocStore()
    for r in day_rows[:6]:
        store.add(r["content_original"], DocMeta(r["ID"], r["source"], None, None, r["title"],
                                                 None))
    assert (find_stories(store, StoryOptions(claims=False)).labels == -1).all()


def test_entities_are_capitalised_names() -> None:
    found = entities("On Friday, Roger Stone was arrested by the FBI in Fort Lauderdale.")
    assert {"roger stone", "fbi", "fort lauderdale"} <= found
    assert "friday" not in found and "on" not in found


def test_cli_stories(tmp_path: Path, day_rows: list[dict]) -> None:
    corpus = tmp_path / "day.jsonl"
    corpus.write_text("\n".join(json.dumps({"id": r["ID"], "text": r["content_original"],
                                            "title": r["title"], "source": r["source"],
                                            "published": r["date"],
                                            "url": "https://" + r["source_url"] + "/a"})
                                for r in day_rows), encoding="utf-8")
    out = tmp_path / "out"
    assert main(["stories", str(corpus), "--out", str(out), "--no-claims"]) == 0
    text = (out / "summary.txt").read_text()
    assert "story 0:" in text and "earliest:" in text


def test_average_linkage_does_not_chain() -> None:
    # a~b and b~c are close, a and c unrelated: single linkage would make one story.
    a, b = np.array([0, 1, 3]), np.array([1, 2, 4])
    s = np.array([0.5, 0.45, 0.6])
    labels = average_linkage(5, a, b, s, threshold=0.3)
    assert labels[0] == labels[1] != labels[2]
    assert labels[3] == labels[4] and labels[3] not in (labels[0], labels[2])
    assert labels[2] == -1  # alone: in no story


def test_body_start_drops_page_furniture(example_text: str) -> None:
    body = body_start(example_text)
    assert body.startswith("U.S. and Russian diplomats have engaged in secret talks")
    assert "Help Support Our Independent Journalism" not in body
    assert "Daily Caller News Foundation" not in body


def test_window_keeps_days_apart(day_rows: list[dict]) -> None:
    # The day's reports, every other Roger Stone report moved a week later: the
    # Stone reports become two stories, one per week.
    store = DocStore()
    stone = []
    for r in day_rows:
        day = parse_date(r["date"])
        assert day is not None
        if "Roger Stone" in r["title"]:
            day += timedelta(days=7 * (len(stone) % 2))
            stone.append(len(store))
        store.add(r["content_original"], DocMeta(r["ID"], r["source"], None, day, r["title"],
                                                 None))
    assert len(stone) >= 4
    labels = find_stories(store, StoryOptions(claims=False)).labels
    early, late = set(labels[stone[::2]].tolist()), set(labels[stone[1::2]].tolist())
    assert len(early) == 1 and len(late) == 1 and -1 not in early | late
    assert early != late
