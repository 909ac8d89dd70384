"""Source ratings: resolution, combined label, overrides, cache rebuild."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsaudit.cli import main
from newsaudit.judge.ratings import build, load_index
from newsaudit.judge.reputation import combine, counted, rate


@pytest.fixture(scope="session")
def index():
    return load_index()


def test_ratings_example_resolves_to_truepundit_low(example_dict: dict) -> None:
    sr = example_dict["source_rating"]
    assert sr["domain"] == "truepundit.com"
    assert sr["label"] == "low"
    assert sr["match"]["method"] == "name_exact"
    raters = {r["rater"] for r in sr["ratings"]}
    assert "Lin et al. 2023 (pc1)" in raters and "Iffy+ (2024-08-01)" in raters
    assert all(r["licence"] and r["date"] for r in sr["ratings"])


def test_ratings_example_provenance_sources_rated(example_dict: dict) -> None:
    chain = {c["name"]: c for c in example_dict["provenance"]["chain"]}
    assert chain["The Daily Caller News Foundation"]["domain"] == "dailycaller.com"
    assert chain["The Daily Caller News Foundation"]["rating"]["label"] == "mixed"
    assert chain["Al-Monitor"]["rating"]["domain"] == "al-monitor.com"


@pytest.mark.parametrize(("query", "domain", "label"), [
    ("dailycaller.com", "dailycaller.com", "mixed"),
    ("reuters.com", "reuters.com", "high"),
    ("https://www.reuters.com/world/some-story-idUSKBN1", "reuters.com", "high"),
    ("truepundit.com", "truepundit.com", "low"),
    ("theonion.com", "theonion.com", "satire"),
])
def test_ratings_domains(index, query: str, domain: str, label: str) -> None:
    r = rate(index, query)
    assert (r["domain"], r["label"]) == (domain, label)


def test_ratings_unknown_domain_is_unknown(index) -> None:
    r = rate(index, "no-such-outlet-anywhere.example")
    assert r["label"] == "unknown" and r["score"] is None and r["ratings"] == []


@pytest.mark.parametrize(("query", "domain", "method"), [
    ("Daily Caller News Foundation", "dailycaller.com", "alias"),
    ("The Daily Caller", "dailycaller.com", "alias"),
    ("Daily Caller", "dailycaller.com", "alias"),
    ("The New American", "thenewamerican.com", "name_normalised"),
    ("Live Science", "livescience.com", "domain_label"),
    ("True Pundit", "truepundit.com", "name_exact"),
    ("Al-Monitor", "al-monitor.com", "domain_label"),
    ("Reuters", "reuters.com", "alias"),
    ("amp.theguardian.com", "theguardian.com", "domain"),
    ("m.washingtonpost.com", "washingtonpost.com", "domain"),
    ("edition.cnn.com", "cnn.com", "domain"),
    ("news.bbc.co.uk", "bbc.co.uk", "subdomain"),
])
def test_ratings_resolution(index, query: str, domain: str, method: str) -> None:
    found = index.resolve(query)
    assert found is not None
    assert (found.domain, found.method) == (domain, method)


@pytest.mark.parametrize("person", ["Barack Obama", "Ben Shapiro", "Charles Krauthammer",
                                    "Paul Krugman", "Tucker Carlson"])
def test_ratings_a_columnist_is_not_an_outlet(index, person: str) -> None:
    # AllSides lists columnists as sources ("Barack Obama" with an article on
    # nytimes.com); a person's name must not borrow the site's reputation.
    found = index.resolve(person)
    assert found is None or found.domain not in (
        "nytimes.com", "dailywire.com", "nationalreview.com", "dailycaller.com")


def test_ratings_fuzzy_name(index) -> None:
    found = index.resolve("Daily Callr")
    assert found is not None and found.domain == "dailycaller.com"
    assert found.method == "name_fuzzy" and found.confidence < 0.85


def test_ratings_combine_disagreement() -> None:
    ratings = [{"rater": "a", "score": 0.9, "weight": 1.0},
               {"rater": "b", "score": 0.1, "weight": 1.0},
               {"rater": "c", "score": 0.5, "weight": 2.0}]
    score, label, dis = combine(ratings)
    assert (score, label) == (0.5, "mixed")
    assert dis == {"spread": 0.8, "raters_disagreeing": ["a", "b"]}


def test_ratings_one_organisation_counts_once() -> None:
    # NewsGuard's score arrives through three sets: only the latest is counted.
    ratings = [{"rater": "NewsGuard (NELA-GT-2018)", "score": 0.2, "weight": 1.5, "date": "2018"},
               {"rater": "NewsGuard (via Burdisso et al. 2024)", "score": 0.1, "weight": 1.5,
                "date": "2024"},
               {"rater": "Lin et al. 2023 (pc1)", "score": 0.7, "weight": 2.0, "date": "2023"}]
    score, _, _ = combine(ratings)
    assert score == round((0.1 * 1.5 + 0.7 * 2.0) / 3.5, 3)
    assert [r["rater"] for r in counted(ratings)] == [
        "NewsGuard (via Burdisso et al. 2024)", "Lin et al. 2023 (pc1)"]


def test_example_rating_lists_every_rating_and_marks_counted(example_dict) -> None:
    rating = example_dict["source_rating"]
    newsguard = [r for r in rating["ratings"] if "NewsGuard" in r["rater"]]
    assert len(newsguard) >= 2
    assert sum(r["counted"] for r in newsguard) == 1
    assert rating["label"] == "low"


@pytest.mark.parametrize("suffix", [".csv", ".toml"])
def test_ratings_override_wins(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"mine{suffix}"
    if suffix == ".csv":
        path.write_text("domain,score,label\nreuters.com,0.1,distrusted\n")
    else:
        path.write_text('[sources."reuters.com"]\nscore = 0.1\nlabel = "distrusted"\n')
    r = rate(load_index(overrides=path), "reuters.com")
    assert r["ratings"][0]["rater"] == "user override"
    assert r["label"] == "low"


def test_ratings_cache_rebuilds_when_data_changes(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("NEWSAUDIT_CACHE", str(tmp_path / "cache"))
    data = tmp_path / "data" / "lin2023_domain_quality"
    data.mkdir(parents=True)
    csv = data / "domain_pc1.csv"
    csv.write_text("domain,pc1\nexample-news.com,0.2\n")
    first = load_index(tmp_path / "data")
    assert rate(first, "example-news.com")["label"] == "low"
    csv.write_text("domain,pc1\nexample-news.com,0.9\n")
    load_index.cache_clear()
    second = load_index(tmp_path / "data")
    assert rate(second, "example-news.com")["label"] == "high"
    cached = json.loads(next((tmp_path / "cache").glob("ratings-*.json")).read_text())
    assert cached["sets"] == ["lin2023_domain_quality"]
    load_index.cache_clear()


def test_ratings_build_keeps_valid_domains_only(tmp_path: Path) -> None:
    data = tmp_path / "lin2023_domain_quality"
    data.mkdir()
    (data / "domain_pc1.csv").write_text("domain,pc1\nok-site.com,0.5\nbad.com-page.html,0.5\n")
    index = build(tmp_path, tmp_path / "ix.json")
    assert set(index["by_domain"]) == {"ok-site.com"}


def test_cli_source_json(capsys) -> None:
    assert main(["source", "reuters.com", "--format", "json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["label"] == "high"


def test_cli_source_unknown_exit_1(capsys) -> None:
    assert main(["source", "no-such-outlet-anywhere.example"]) == 1
    assert "unknown" in capsys.readouterr().out


def test_cli_data_fetch_dry_run(capsys, no_network) -> None:
    assert main(["data", "fetch", "--dry-run", "--to", "/tmp/x"]) == 0
    out = capsys.readouterr().out
    assert "domain_pc1.csv -> /tmp/x/lin2023_domain_quality/domain_pc1.csv" in out


@pytest.mark.parametrize(("query", "domain"), [
    ("Reuters", "reuters.com"), ("AP", "apnews.com"), ("The AP", "apnews.com"),
    ("Associated Press", "apnews.com"), ("The Associated Press", "apnews.com"),
    ("NYT", "nytimes.com"), ("The New York Times", "nytimes.com"),
    ("Washington Post", "washingtonpost.com"), ("WaPo", "washingtonpost.com"),
    ("BBC", "bbc.co.uk"), ("BBC News", "bbc.co.uk"), ("The Guardian", "theguardian.com"),
    ("CNN", "cnn.com"), ("NPR", "npr.org"), ("National Public Radio", "npr.org"),
    ("WSJ", "wsj.com"), ("The Wall Street Journal", "wsj.com"), ("Bloomberg", "bloomberg.com"),
    ("Bloomberg News", "bloomberg.com"), ("ABC News", "abcnews.go.com"),
    ("The Times of London", "thetimes.co.uk"),
])
def test_ratings_well_known_names_rate_high(index, query: str, domain: str) -> None:
    r = rate(index, query)
    assert (r["domain"], r["label"]) == (domain, "high")


@pytest.mark.parametrize("query", ["The Times", "the Times", "Times", "the Post", "Journal",
                                   "The Monitor", "Daily News", "Chronicle"])
def test_ratings_shared_short_name_stays_unknown(index, query: str) -> None:
    r = rate(index, query)
    assert r["label"] == "unknown" and r["domain"] is None
    assert len(r["ambiguous"]) >= 2


@pytest.mark.parametrize(("query", "not_domain"), [
    ("ABC News", "abcnews.com.co"),  # an imposter site's name is its host only
    ("WaPo", "wapo.news"), ("Fox", "fox.com"), ("Journal", "journal.com.ph"),
])
def test_ratings_name_not_taken_for_obscure_or_imposter_site(index, query: str,
                                                             not_domain: str) -> None:
    found = index.resolve(query)
    assert found is None or found.domain != not_domain


def test_ratings_alias_table_consistent(index) -> None:
    from newsaudit.judge import aliases

    assert not set(aliases.ALIAS_KEYS) & set(aliases.AMBIGUOUS_KEYS)
    unrated = [d for d in aliases.OUTLETS if not index.ratings(d)]
    assert unrated == []


def test_cli_source_shared_name_explains(capsys) -> None:
    assert main(["source", "The Times"]) == 1
    out = capsys.readouterr().out
    assert "several outlets share" in out and "nytimes.com" in out


def test_reputation_writes_its_own_attribute_not_provenance(example_report) -> None:
    article = example_report.article
    assert not any(hasattr(link, "rating") for link in article.provenance.chain)
    assert [link.domain for link in article.provenance.chain] == [
        "truepundit.com", "dailycaller.com", "al-monitor.com"]
    rated = article.provenance_ratings
    assert rated["dailycaller.com"]["domain"] == "dailycaller.com"
    # The report places each rating under its source, as before.
    chain = example_report.to_dict()["provenance"]["chain"]
    assert chain[1]["rating"] == rated["dailycaller.com"]
