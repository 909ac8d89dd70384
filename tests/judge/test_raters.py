"""The rating sets' category columns: every value read as its rater means it."""

from __future__ import annotations

import csv
import json
from collections import Counter
from pathlib import Path

import pytest

from newsaudit.errors import DataError
from newsaudit.judge import raters
from newsaudit.judge.raters import (
    FAKE_NEWS_LISTS,
    FOUR_LEVEL,
    MBFC_FACT,
    OPENSOURCES_TYPES,
    fake_news_list,
    opensources_types,
)
from newsaudit.judge.ratings import load_index
from newsaudit.judge.reputation import HIGH, LOW, counted, family, rate

csv.field_size_limit(10_000_000)


def _hearvox(root: Path) -> list[Path]:
    return sorted(p for p in (root / "unreliable_lists" / "hearvox" / "data").glob("*.[ct]sv")
                  if not p.stem.startswith("opensources"))


def _dict_rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", errors="replace", newline="") as fh:
        return list(csv.DictReader(fh, delimiter="\t" if path.suffix == ".tsv" else ","))


def test_raters_every_hearvox_file_is_a_known_list(shared_data: Path) -> None:
    files = _hearvox(shared_data)
    assert len(files) == 9
    assert {fake_news_list(p)[0].title for p in files} == {
        spec.title for spec in FAKE_NEWS_LISTS.values()}


def test_raters_hearvox_category_values_all_mapped(shared_data: Path) -> None:
    # Every value of every category column has a reading: nothing falls back to
    # "listed = unreliable".
    for path in _hearvox(shared_data):
        spec, _ = fake_news_list(path)
        if spec.column is None:
            continue
        values = {" ".join(r[spec.column].split()).lower() for r in _dict_rows(path)}
        assert values <= set(spec.categories), (path.name, values - set(spec.categories))


def test_raters_is_it_fake_news_reads_its_category(shared_data: Path) -> None:
    rows = {raters.norm_domain(r["domain"]): r["category"]
            for r in _dict_rows(shared_data / "unreliable_lists" / "hearvox" / "data"
                                / "is-it-fake-news-2018-11.csv")}
    got = {r.domain: r for r in raters.unreliable_lists(shared_data)
           if r.rater.startswith("Is It Fake News")}
    assert set(got) == set(rows)
    by_cat = Counter(rows.values())
    assert by_cat["Reliable"] == 36 and by_cat["Satire"] == 38
    for dom, cat in rows.items():
        r = got[dom]
        if cat == "Reliable":
            assert r.score is not None and r.score >= HIGH and r.label == "reliable", dom
        elif cat == "Satire":
            assert r.satire and r.score is None, dom
        elif cat == "Fake News":
            assert r.score is not None and r.score < LOW and not r.satire, dom
    for dom in ("reuters.com", "nytimes.com", "theguardian.com", "washingtonpost.com",
                "cnn.com", "bbc.com", "wsj.com", "bloomberg.com"):
        assert got[dom].label == "reliable", dom
    assert got["theonion.com"].satire


@pytest.mark.parametrize(("stem", "value", "satire"), [
    ("fake-news-codex", "satire", True), ("fake-news-watch", "satire", True),
    ("politifact", "Parody site", True), ("fake-news-watch", "clickbait", False),
    ("politifact", "Imposter site", False),
])
def test_raters_satire_categories_of_other_lists(shared_data: Path, stem: str, value: str,
                                                 satire: bool) -> None:
    spec = FAKE_NEWS_LISTS[stem]
    ratings = [r for r in raters.unreliable_lists(shared_data) if r.rater.startswith(spec.title)
               and r.value == value]
    assert ratings, (stem, value)
    assert all(r.satire is satire and (r.score is None) is satire for r in ratings)


def test_raters_unknown_list_category_is_an_error(tmp_path: Path) -> None:
    base = tmp_path / "unreliable_lists"
    (base / "hearvox" / "data").mkdir(parents=True)
    (base / "iffy_list_2024-08-01.txt").write_text("")
    (base / "hearvox" / "data" / "is-it-fake-news-2018-11.csv").write_text(
        "domain,name,category\nexample-news.com,X,Trustworthy\n")
    with pytest.raises(DataError, match="Trustworthy"):
        list(raters.unreliable_lists(tmp_path))


@pytest.mark.parametrize(("folder", "fname", "cols", "domain_at", "rater"), [
    ("opensources", "sources.csv", ("type", "2nd type", "3rd type"), 0, "OpenSources (2017)"),
    ("fakenewscorpus", "websites.csv", ("type", "2nd_type", "3rd_type"), 1,
     "OpenSources types (via FakeNewsCorpus websites, 2018)"),
])
def test_raters_opensources_types_every_row_read(shared_data: Path, folder: str, fname: str,
                                                 cols: tuple[str, ...], domain_at: int,
                                                 rater: str) -> None:
    # By position: OpenSources' sheet has two columns headed "" and a dict reader
    # keyed by header loses the domain column to the last one.
    with (shared_data / folder / fname).open(encoding="utf-8", newline="") as fh:
        reader = csv.reader(fh)
        header = next(reader)
        at = [header.index(c) for c in cols]
        typed = {raters.norm_domain(row[domain_at]) for row in reader
                 if row and opensources_types(row[i] for i in at)}
    loader = raters.opensources if folder == "opensources" else raters.fakenewscorpus
    got = {r.domain for r in loader(shared_data)}
    assert got == typed and len(got) > 800
    assert all(r.rater == rater for r in loader(shared_data))


@pytest.mark.parametrize(("cells", "types"), [
    (["fake news", "conspiracy", ""], ["fake", "conspiracy"]),
    (["fake", "satirical", ""], ["fake", "satire"]),
    (["political", "unrealiable", ""], ["political", "unreliable"]),
    (["Conspiracy", " unreliable", "rumor "], ["conspiracy", "unreliable", "rumor"]),
    (["bias", "blog", " "], ["bias"]),
    (["unknown", "", ""], []),
])
def test_raters_opensources_types_normalised(cells: list[str], types: list[str]) -> None:
    assert opensources_types(cells) == types


def test_raters_opensources_unknown_type_is_an_error() -> None:
    with pytest.raises(DataError, match="trustworthy"):
        opensources_types(["trustworthy"])
    assert set(raters.OPENSOURCES_ALIASES.values()) <= set(OPENSOURCES_TYPES)


def test_raters_mbfc_levels_all_read(shared_data: Path) -> None:
    levels = {r["factual_reporting"].strip().lower()
              for r in _dict_rows(shared_data / "idiap_reliability" / "mbfc.csv")}
    assert levels <= set(MBFC_FACT)
    # The collector merged MBFC's "mostly factual" into "mixed": read as either.
    mixed = [r for r in raters.idiap(shared_data) if r.rater.startswith("MBFC factual")
             and r.value == "mixed"]
    assert mixed and all(r.label == "mixed or mostly factual" for r in mixed)
    assert all(MBFC_FACT["mixed"] < r.score < MBFC_FACT["mostly factual"] for r in mixed)
    baly = {r["fact"] for name in ("emnlp18_corpus.tsv", "acl2020_corpus.tsv")
            for r in _dict_rows(shared_data / "baly_mbfc" / name)}
    assert baly == {"low", "mixed", "high"}


def test_raters_four_level_labels_all_read(shared_data: Path) -> None:
    golden = {int(r["reliability_label"]) for r in _dict_rows(
        shared_data / "idiap_reliability" / "golden_truth_dataset.csv")}
    wiki = set(json.loads((shared_data / "idiap_reliability"
                           / "wikipedia_perennial_sources.json").read_text()).values())
    assert golden <= set(FOUR_LEVEL) and wiki <= set(FOUR_LEVEL)


def test_raters_same_organisation_counted_once() -> None:
    assert family("OpenSources types (via FakeNewsCorpus websites, 2018)") == "OpenSources"
    assert family("OpenSources (2017)") == "OpenSources"
    assert family("Burdisso et al. 2024 unreliable list") == family(
        "Burdisso et al. 2024 golden truth (manual)")
    assert family("Burdisso et al. 2024 golden truth (mbfc)") == "MBFC"
    # On the same date the MBFC rating itself counts, not its golden-truth relabelling.
    same_day = [{"rater": "Burdisso et al. 2024 golden truth (mbfc)", "score": 0.5,
                 "weight": 1.0, "date": "2024", "value": 0},
                {"rater": "MBFC factual reporting (via Burdisso et al. 2024)", "score": 0.85,
                 "weight": 1.0, "date": "2024", "value": "high"}]
    assert [r["rater"] for r in counted(same_day)] == [same_day[1]["rater"]]


WELL_KNOWN = ["reuters.com", "apnews.com", "nytimes.com", "washingtonpost.com", "bbc.co.uk",
              "bbc.com", "theguardian.com", "cnn.com", "npr.org", "wsj.com", "bloomberg.com"]


@pytest.mark.parametrize("domain", WELL_KNOWN)
def test_raters_well_known_outlets_rate_high_without_misreading(domain: str) -> None:
    r = rate(load_index(), domain)
    assert r["label"] == "high", (domain, r["score"])
    assert not any(x["label"] in ("unreliable", "fake news", "satire") for x in r["ratings"])
    assert all(x["score"] is None or x["score"] >= LOW for x in r["ratings"]), [
        (x["rater"], x["score"]) for x in r["ratings"]]
    assert not r["disagreement"]["raters_disagreeing"] or domain == "cnn.com"
