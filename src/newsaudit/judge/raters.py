"""Loaders for the public source-rating sets, one function a set.

Each loader reads one folder of the data directory and yields :class:`Rating`
rows: the rater, the rated domain, the rater's own value and scale, its label,
the value mapped to [0, 1] (``score``; 1 = most reliable), the data's date and
licence. The mappings from each rater's scale to [0, 1] are the constants below;
they put each rater's middle category ("mixed", "no consensus") at 0.5 and its
extremes near 0 and 1, so that raters can be averaged and compared.
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import DataError

csv.field_size_limit(10_000_000)


@dataclass(frozen=True, slots=True)
class Rating:
    """One rater's judgement of one source."""

    rater: str
    domain: str
    value: float | str
    scale: str
    label: str | None
    score: float | None
    date: str
    licence: str
    satire: bool = False
    weight: float = 1.0
    name: str | None = None
    override: bool = False


#: MBFC factual-reporting levels (as collected by Baly et al. and Burdisso et al.).
MBFC_FACT = {"very high": 0.95, "high": 0.85, "mostly factual": 0.7, "mixed": 0.45,
             "low": 0.2, "very low": 0.05}
#: Burdisso et al. golden truth and Wikipedia perennial sources: -2 deprecated,
#: -1 generally unreliable, 0 no consensus / mixed, 1 generally reliable.
FOUR_LEVEL = {-2: (0.0, "deprecated"), -1: (0.15, "unreliable"), 0: (0.5, "mixed"),
              1: (0.9, "reliable")}
#: MBFC's "mostly factual" level, as Burdisso et al.'s copy of MBFC records it: their
#: scraper (``scrape_sources_from_mbfc.py``) rewrote every "mostly factual" as "mixed",
#: so a "mixed" there is either level and is read as the middle of the two (0.575).
MBFC_MIXED_OR_MOSTLY = (MBFC_FACT["mixed"] + MBFC_FACT["mostly factual"]) / 2
#: OpenSources / FakeNewsCorpus types; a site takes the lowest of its types.
OPENSOURCES_TYPES = {"reliable": 0.9, "political": 0.5, "bias": 0.35, "clickbait": 0.35,
                     "unreliable": 0.25, "rumor": 0.2, "state": 0.3, "conspiracy": 0.1,
                     "junksci": 0.1, "hate": 0.1, "fake": 0.05, "satire": None}
#: Misspelt types in the OpenSources sheet (once each), read as the type meant.
OPENSOURCES_ALIASES = {"fake news": "fake", "satirical": "satire", "unrealiable": "unreliable"}
#: Type values that are no judgement: FakeNewsCorpus's "unknown" (a site it crawled that
#: OpenSources does not type) and OpenSources' one "blog" (a format).
OPENSOURCES_NO_RATING = frozenset({"", "unknown", "blog"})
#: Presence on a list of unreliable or fake-news sites (or in its "fake" category).
LISTED_SCORE = 0.15
#: A list's "warning" / "misleading" / "some fake stories" category: unreliable rather
#: than fake, as OpenSources' "unreliable" type.
WARNING_SCORE = OPENSOURCES_TYPES["unreliable"]

#: Weights of raters in the combined score: Lin et al.'s pc1 is itself an
#: ensemble of rating sets, NewsGuard is a professional per-criterion rating,
#: plain lists and graph estimates carry less.
WEIGHTS = {"lin": 2.0, "newsguard": 1.5, "mbfc": 1.0, "wikipedia": 1.0, "golden": 1.0,
           "list": 0.5, "graph": 0.5}

#: Rating organisations whose ratings reach the data through several sets, each with
#: the words that mark its raters' names. FakeNewsCorpus's site types are OpenSources'
#: own; Burdisso et al.'s unreliable list is their golden truth's manual labels again.
FAMILIES = {
    "NewsGuard": ("newsguard",),
    "MBFC": ("mbfc",),
    "Wikipedia": ("wikipedia",),
    "OpenSources": ("opensources",),
    "Burdisso et al. 2024 (manual labels)": ("golden truth (manual)",
                                              "burdisso et al. 2024 unreliable list"),
}


def family(rater: str) -> str:
    """The organisation behind a rater's name ("NewsGuard (NELA-GT-2018)" -> "NewsGuard").

    Burdisso et al.'s golden-truth labels name their source too
    ("golden truth (newsguard)"): they are that organisation's rating, relabelled.
    """
    low = rater.lower()
    return next((f for f, marks in FAMILIES.items() if any(m in low for m in marks)), rater)


_HOST = re.compile(r"^(?:[a-z][a-z0-9+.-]*://)?(?:www\.)?([^/:?#*\s]+)", re.I)


def norm_domain(value: str) -> str:
    """A bare lower-case host from a domain, URL or URL pattern."""
    m = _HOST.match(value.strip().strip('"').lower())
    return m.group(1).rstrip(".") if m else ""


def _rows(path: Path, delimiter: str = ",") -> Iterator[dict[str, str]]:
    with path.open(encoding="utf-8", errors="replace", newline="") as fh:
        yield from csv.DictReader(fh, delimiter=delimiter)


def _float(value: str | None) -> float | None:
    try:
        return float(value) if value not in (None, "", "NA", "nan") else None
    except ValueError:
        return None


def lin2023(root: Path) -> Iterator[Rating]:
    for row in _rows(root / "lin2023_domain_quality" / "domain_pc1.csv"):
        pc1 = _float(row["pc1"])
        if pc1 is not None:
            yield Rating("Lin et al. 2023 (pc1)", norm_domain(row["domain"]), pc1, "0-1", None,
                         pc1, "2023", "free reuse with citation (Lin et al. 2023, PNAS Nexus)",
                         weight=WEIGHTS["lin"])


def idiap(root: Path) -> Iterator[Rating]:
    base = root / "idiap_reliability"
    lic = "Apache-2.0 (Burdisso et al. 2024)"
    for row in _rows(base / "golden_truth_dataset.csv"):
        dom = norm_domain(row["domain"])
        lab = _float(row["reliability_label"])
        if lab is not None and int(lab) in FOUR_LEVEL:
            score, label = FOUR_LEVEL[int(lab)]
            yield Rating(f"Burdisso et al. 2024 golden truth ({row['label_source']})", dom,
                         int(lab), "-2..1", label, score, "2024", lic, weight=WEIGHTS["golden"])
        ng = _float(row.get("newsguard_score"))
        if ng is not None:
            yield Rating("NewsGuard (via Burdisso et al. 2024)", dom, ng, "0-100", None,
                         ng / 100, "2024", lic, weight=WEIGHTS["newsguard"])
    for row in _rows(base / "mbfc.csv"):
        fact = (row.get("factual_reporting") or "").strip().lower()
        bias = (row.get("bias") or "").strip().lower()
        satire = "satire" in bias
        if fact in MBFC_FACT or satire:
            label = fact or "satire"
            fact_score = MBFC_FACT.get(fact)
            if fact == "mixed":
                label, fact_score = "mixed or mostly factual", MBFC_MIXED_OR_MOSTLY
            yield Rating("MBFC factual reporting (via Burdisso et al. 2024)",
                         norm_domain(row["source"]), fact or bias, "very low..very high",
                         label, fact_score, "2024", lic, satire=satire, weight=WEIGHTS["mbfc"])
    for row in _rows(base / "newsguard_nela.csv"):
        ng = _float(row.get("reliability_score"))
        if ng is not None:
            yield Rating("NewsGuard (NELA-GT, via Burdisso et al.)", norm_domain(row["domain"]),
                         ng, "0-100", None, ng / 100, "2019", lic, weight=WEIGHTS["newsguard"])
    for dom, lab in json.loads((base / "wikipedia_perennial_sources.json").read_text()).items():
        if int(lab) in FOUR_LEVEL:
            score, label = FOUR_LEVEL[int(lab)]
            yield Rating("Wikipedia perennial sources", norm_domain(dom), int(lab), "-2..1",
                         label, score, "2024", "CC BY-SA 4.0 (Wikipedia)",
                         weight=WEIGHTS["wikipedia"])
    graph = json.loads((base / "ccnews_reliability_scores.json").read_text())
    for dom, scores in graph.items():
        val = scores.get("p+fp-average")
        if val is not None:
            yield Rating("Burdisso et al. 2024 graph estimate (CC-News)", norm_domain(dom),
                         round(val, 4), "-1..1", None, (val + 1) / 2, "2024", lic,
                         weight=WEIGHTS["graph"])
    for line in (base / "unreliable_news_sources.txt").read_text().splitlines():
        if line.strip():
            yield Rating("Burdisso et al. 2024 unreliable list", norm_domain(line), "listed",
                         "listed", "unreliable", LISTED_SCORE, "2024", lic, weight=WEIGHTS["list"])
    yield from _nela_gt(base / "labels_nela_gt_domain_2018.csv", lic)


def _nela_gt(path: Path, lic: str) -> Iterator[Rating]:
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.reader(fh)
        header = next(reader)
        ng = header.index("NewsGuard, score") if "NewsGuard, score" in header else None
        for row in reader:
            val = _float(row[ng]) if ng is not None else None
            if val is not None:
                yield Rating("NewsGuard (NELA-GT-2018)", norm_domain(row[0]), val, "0-100", None,
                             val / 100, "2018", lic, weight=WEIGHTS["newsguard"], name=row[1])


def baly(root: Path) -> Iterator[Rating]:
    lic = "no licence stated; MBFC labels (Baly et al. 2018, 2020)"
    fact_map = {"high": 0.85, "mixed": 0.45, "low": 0.2}
    for fname, date in (("emnlp18_corpus.tsv", "2018"), ("acl2020_corpus.tsv", "2020")):
        for row in _rows(root / "baly_mbfc" / fname, delimiter="\t"):
            fact = (row.get("fact") or "").lower()
            if fact in fact_map:
                slug = (row.get("ref") or "").rstrip("/").rsplit("/", 1)[-1].replace("-", " ")
                dom = norm_domain(row["source_url_normalized"])
                yield Rating(f"MBFC (Baly et al. {date})", dom,
                             fact, "low/mixed/high", fact, fact_map[fact], date, lic,
                             weight=WEIGHTS["mbfc"], name=slug or None)


def opensources_types(values: Iterable[str]) -> list[str]:
    """The OpenSources types among a row's type cells, normalised ("Fake " -> "fake").

    Raises:
        DataError: On a value that is neither a type, a known misspelling nor a
            value that carries no rating (the data would be misread).
    """
    types = []
    for value in values:
        t = " ".join(value.split()).lower()
        t = OPENSOURCES_ALIASES.get(t, t)
        if t in OPENSOURCES_NO_RATING:
            continue
        if t not in OPENSOURCES_TYPES:
            raise DataError(f"unknown OpenSources type {value!r}")
        types.append(t)
    return types


def _typed(path: Path, rater: str, date: str, lic: str, cols: tuple[str, ...],
           domain_col: int) -> Iterator[Rating]:
    # By position, not by a header-keyed dict: OpenSources' sheet has two columns
    # with an empty header (the domain's and an unnamed last one).
    with path.open(encoding="utf-8", errors="replace", newline="") as fh:
        reader = csv.reader(fh)
        header = next(reader)
        at = [header.index(c) for c in cols]
        for row in reader:
            if len(row) <= max(at, default=0) or not row[domain_col].strip():
                continue
            types = opensources_types(row[i] for i in at)
            if not types:
                continue
            satire = "satire" in types
            scores = [s for t in types if (s := OPENSOURCES_TYPES[t]) is not None]
            yield Rating(rater, norm_domain(row[domain_col]), "/".join(types),
                         "OpenSources types", "/".join(types),
                         min(scores) if scores else None, date, lic, satire=satire,
                         weight=WEIGHTS["list"])


def opensources(root: Path) -> Iterator[Rating]:
    yield from _typed(root / "opensources" / "sources.csv", "OpenSources (2017)", "2017-04",
                      "LGPL-3.0 (repo); CC BY 4.0 (opensources.co)",
                      ("type", "2nd type", "3rd type"), 0)


def fakenewscorpus(root: Path) -> Iterator[Rating]:
    # FakeNewsCorpus's site types are OpenSources' (its SOURCE.txt): the rater's name
    # says so, and the combined score counts the two as one organisation.
    yield from _typed(root / "fakenewscorpus" / "websites.csv",
                      "OpenSources types (via FakeNewsCorpus websites, 2018)", "2018",
                      "Apache-2.0", ("type", "2nd_type", "3rd_type"), 1)


@dataclass(frozen=True, slots=True)
class FakeNewsList:
    """One of the fake-news site lists collected by hearvox, and how to read it.

    Attributes:
        title: The list's name, as the rater's name.
        column: Its category column, or None when every site listed is a fake-news
            or junk site (BuzzFeed, FactCheck.org, Snopes, Wikipedia, Junk News
            Aggregator).
        categories: Each category (lower case) -> score; None for satire, which is
            not fake news.
    """

    title: str
    column: str | None = None
    categories: dict[str, float | None] = field(default_factory=dict)


#: The hearvox lists by file-name stem (``is-it-fake-news-2018-11.csv``). "Is It Fake
#: News" lists reliable outlets (Reuters, nytimes.com, bbc.com, ...) and satire beside
#: fake-news sites; Fake News Codex, Fake News Watch and PolitiFact class satire and
#: clickbait apart from fakes. OpenSources' copy is loaded from opensources/ instead.
FAKE_NEWS_LISTS = {
    "buzzfeed": FakeNewsList("BuzzFeed fake news hits"),
    "factcheck-org": FakeNewsList("FactCheck.org misinformation directory"),
    "fake-news-codex": FakeNewsList("Fake News Codex", "type", {
        "fake": LISTED_SCORE, "misleading": WARNING_SCORE, "satire": None}),
    "fake-news-watch": FakeNewsList("Fake News Watch", "category", {
        "fake-hoax": LISTED_SCORE, "clickbait": OPENSOURCES_TYPES["clickbait"], "satire": None}),
    "is-it-fake-news": FakeNewsList("Is It Fake News", "category", {
        "fake news": LISTED_SCORE, "warning": WARNING_SCORE,
        "political": OPENSOURCES_TYPES["political"], "reliable": OPENSOURCES_TYPES["reliable"],
        "satire": None}),
    "junk-news-aggregator": FakeNewsList("Junk News Aggregator"),
    "politifact": FakeNewsList("PolitiFact fake news almanac", "type_of_site", {
        "fake news": LISTED_SCORE, "imposter site": LISTED_SCORE,
        "some fake stories": WARNING_SCORE, "parody site": None}),
    "snopes": FakeNewsList("Snopes field guide"),
    "wikipedia": FakeNewsList("Wikipedia list of fake news websites"),
}


def fake_news_list(path: Path) -> tuple[FakeNewsList, str]:
    """The list a hearvox file holds, and its date ("is-it-fake-news-2018-11.csv").

    Raises:
        DataError: On a file of a list not in :data:`FAKE_NEWS_LISTS`.
    """
    stem, _, date = path.stem.partition("-20")
    if stem not in FAKE_NEWS_LISTS:
        raise DataError(f"unknown fake-news list {path.name} in {path.parent}")
    return FAKE_NEWS_LISTS[stem], "20" + date


def _list_rating(spec: FakeNewsList, date: str, row: dict[str, str]) -> Rating | None:
    dom = norm_domain(row.get("domain") or "")
    if not dom:
        return None
    rater = f"{spec.title} ({date}, via hearvox)"
    lic = "GPL-3.0 (hearvox/unreliable-news)"
    name = (row.get("name") or "").strip() or None
    if spec.column is None:
        return Rating(rater, dom, "listed", "listed", "unreliable", LISTED_SCORE, date, lic,
                      weight=WEIGHTS["list"], name=name)
    category = " ".join((row.get(spec.column) or "").split())
    key = category.lower()
    if key not in spec.categories:
        raise DataError(f"{spec.title}: unknown category {category!r} for {dom}")
    score = spec.categories[key]
    return Rating(rater, dom, category, "/".join(spec.categories), key, score, date, lic,
                  satire=score is None, weight=WEIGHTS["list"], name=name)


def unreliable_lists(root: Path) -> Iterator[Rating]:
    base = root / "unreliable_lists"
    for line in (base / "iffy_list_2024-08-01.txt").read_text().splitlines():
        if line.strip():
            yield Rating("Iffy+ (2024-08-01)", norm_domain(line), "listed", "listed",
                         "low credibility", LISTED_SCORE, "2024-08-01",
                         "MIT (repo); list by Barrett Golding, iffy.news", weight=WEIGHTS["list"])
    for path in sorted((base / "hearvox" / "data").glob("*.[ct]sv")):
        if path.stem.startswith("opensources"):
            continue  # the same list as opensources/, loaded there
        spec, date = fake_news_list(path)
        for row in _rows(path, delimiter="\t" if path.suffix == ".tsv" else ","):
            rating = _list_rating(spec, date, row)
            if rating is not None:
                yield rating


#: Every loader with the data set folder it reads.
LOADERS: dict[str, Callable[[Path], Iterator[Rating]]] = {
    "lin2023_domain_quality": lin2023,
    "idiap_reliability": idiap,
    "baly_mbfc": baly,
    "opensources": opensources,
    "fakenewscorpus": fakenewscorpus,
    "unreliable_lists": unreliable_lists,
}
