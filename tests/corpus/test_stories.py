"""Story clustering on AllSides: one day's events told apart, coverage spread per story."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from newsaudit.cli import main
from newsaudit.corpus.docs import DocMeta, DocStore, domain_of, parse_date
from newsaudit.corpus.stories import StoryOptions, entities, find_stories, write_stories

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


def test_chained_components_are_split() -> None:
    import numpy as np

    from newsaudit.corpus.stories import MAX_STORY_DAYS, _components

    days = np.array([0, 1, 5, 9, 13, 14])
    # A chain through the weeks, with two strong pairs at its ends.
    edges = [(0, 1, 0.6, 3), (1, 2, 0.15, 2), (2, 3, 0.15, 2), (3, 4, 0.15, 2), (4, 5, 0.6, 3)]
    comps = _components(list(range(6)), edges, days, StoryOptions())
    assert all(days[max(c)] - days[min(c)] <= MAX_STORY_DAYS for c in comps)
    assert [0, 1] in [sorted(c) for c in comps] and [4, 5] in [sorted(c) for c in comps]
