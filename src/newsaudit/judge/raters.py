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
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

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
#: OpenSources / FakeNewsCorpus types; a site takes the lowest of its types.
OPENSOURCES_TYPES = {"reliable": 0.9, "political": 0.5, "bias": 0.35, "clickbait": 0.35,
                     "unreliable": 0.25, "rumor": 0.2, "state": 0.3, "conspiracy": 0.1,
                     "junksci": 0.1, "hate": 0.1, "fake": 0.05, "satire": None}
#: Presence on a list of unreliable or fake-news sites.
LISTED_SCORE = 0.15

#: Weights of raters in the combined score: Lin et al.'s pc1 is itself an
#: ensemble of rating sets, NewsGuard is a professional per-criterion rating,
#: plain lists and graph estimates carry less.
WEIGHTS = {"lin": 2.0, "newsguard": 1.5, "mbfc": 1.0, "wikipedia": 1.0, "golden": 1.0,
           "list": 0.5, "graph": 0.5}

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
            yield Rating("MBFC factual reporting (via Burdisso et al. 2024)",
                         norm_domain(row["source"]), fact or bias, "very low..very high",
                         fact or "satire", MBFC_FACT.get(fact), "2024", lic, satire=satire,
                         weight=WEIGHTS["mbfc"])
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


def _typed(path: Path, rater: str, date: str, lic: str, cols: tuple[str, ...],
           domain_col: str) -> Iterator[Rating]:
    for row in _rows(path):
        types = [(row.get(c) or "").strip().lower() for c in cols]
        types = [t for t in types if t in OPENSOURCES_TYPES]
        if not types or not row.get(domain_col):
            continue
        satire = "satire" in types
        scores = [s for t in types if (s := OPENSOURCES_TYPES[t]) is not None]
        yield Rating(rater, norm_domain(row[domain_col]), "/".join(types), "OpenSources types",
                     "/".join(types), min(scores) if scores else None, date, lic, satire=satire,
                     weight=WEIGHTS["list"])


def opensources(root: Path) -> Iterator[Rating]:
    yield from _typed(root / "opensources" / "sources.csv", "OpenSources (2017)", "2017-04",
                      "LGPL-3.0 (repo); CC BY 4.0 (opensources.co)", ("type", "2nd type",
                                                                        "3rd type"), "")


def fakenewscorpus(root: Path) -> Iterator[Rating]:
    yield from _typed(root / "fakenewscorpus" / "websites.csv", "FakeNewsCorpus websites (2018)",
                      "2018", "Apache-2.0", ("type", "2nd_type", "3rd_type"), "url")


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
        delim = "\t" if path.suffix == ".tsv" else ","
        name = path.stem.rsplit("-", 2)[0].replace("-", " ")
        date = "-".join(path.stem.rsplit("-", 2)[1:])
        for row in _rows(path, delimiter=delim):
            dom = norm_domain(row.get("domain") or "")
            if dom:
                yield Rating(f"{name} list ({date}, via hearvox)", dom, "listed", "listed",
                             "unreliable", LISTED_SCORE, date, "GPL-3.0 (hearvox/unreliable-news)",
                             weight=WEIGHTS["list"], name=row.get("name") or None)


#: Every loader with the data set folder it reads.
LOADERS: dict[str, Callable[[Path], Iterator[Rating]]] = {
    "lin2023_domain_quality": lin2023,
    "idiap_reliability": idiap,
    "baly_mbfc": baly,
    "opensources": opensources,
    "fakenewscorpus": fakenewscorpus,
    "unreliable_lists": unreliable_lists,
}
