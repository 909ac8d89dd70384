"""The rating data sets: what is installed, compiling the index, fetching them.

``newsaudit data fetch`` downloads the public rating sets, at the commits their
SOURCE.txt files pin, into the user's data directory, in the layout newsaudit
reads. It is the only command besides ``analyze URL`` that uses the network,
and only when asked.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import platformdirs

from ..data import APP, candidate_data_dirs, data_dir, fingerprint
from ..errors import FetchError
from .raters import LOADERS

RAW = "https://raw.githubusercontent.com"


@dataclass(frozen=True, slots=True)
class Download:
    """One file of a data set: where it comes from and where it goes."""

    dataset: str
    url: str
    local: str


def _files(dataset: str, repo: str, commit: str, pairs: list[tuple[str, str]]) -> list[Download]:
    return [Download(dataset, f"{RAW}/{repo}/{commit}/{src}", f"{dataset}/{dst}")
            for src, dst in pairs]


_HEARVOX = ["buzzfeed-2018-12.csv", "factcheck-org-2018.csv", "fake-news-codex-2018-06.csv",
            "fake-news-watch-2016-01.csv", "is-it-fake-news-2018-11.csv",
            "junk-news-aggregator-2018-01.csv", "politifact-2017-11.csv", "snopes-2017-12.csv",
            "wikipedia-2018-11.tsv"]

#: The rating sets, as their SOURCE.txt files describe them (repository, commit, paths).
PLAN: list[Download] = [
    *_files("lin2023_domain_quality", "hauselin/domain-quality-ratings",
            "5671d57e545e48225ef2cbf559a6ab7f8f77a9de",
            [("data/domain_pc1.csv", "domain_pc1.csv")]),
    *_files("idiap_reliability", "idiap/News-Media-Reliability",
            "c3f50254a9fc07402ac529a1c50ff6abf7aeba10", [
                ("data/golden_truth/golden_truth_dataset.csv", "golden_truth_dataset.csv"),
                ("data/golden_truth/mbfc/mbfc.csv", "mbfc.csv"),
                ("data/golden_truth/nela-gt/labels_nela_gt%2Bdomain(2018).csv",
                 "labels_nela_gt_domain_2018.csv"),
                ("data/golden_truth/nela-gt/newsguard.csv", "newsguard_nela.csv"),
                ("data/golden_truth/unreliable_news_sources.txt", "unreliable_news_sources.txt"),
                ("data/golden_truth/wikipedia_perennial_sources/wikipedia_perennial_sources.json",
                 "wikipedia_perennial_sources.json"),
                ("CC-NEWS/ALL/08/graph/en/reliability_scores.json",
                 "ccnews_reliability_scores.json"),
            ]),
    *_files("baly_mbfc", "ramybaly/News-Media-Reliability",
            "28ab9b418e9e69e6105d52ddb61a4dfdd791a412",
            [("data/emnlp18/corpus.tsv", "emnlp18_corpus.tsv"),
             ("data/acl2020/corpus.tsv", "acl2020_corpus.tsv")]),
    *_files("opensources", "OpenSourcesGroup/opensources",
            "2fb428d0e132baae5ed8ab034d4eafbe9dc77cbb", [("sources/sources.csv", "sources.csv")]),
    *_files("fakenewscorpus", "several27/FakeNewsCorpus",
            "c39d26e5a8cb492dbe9450399d15fe8c37e69bce", [("websites.csv", "websites.csv")]),
    *_files("unreliable_lists", "osome-iu/top-FIBers", "9e466a28247d83dde847248fab20f521a7e896e8",
            [("data/iffy_files/2024-08-01__iffy_list.txt", "iffy_list_2024-08-01.txt")]),
    *_files("unreliable_lists", "hearvox/unreliable-news",
            "c35264e79c6c00bb83b805679ad9a4e95f08ee49",
            [(f"data/{name}", f"hearvox/data/{name}") for name in _HEARVOX]),
]


def user_data_dir() -> Path:
    """Where ``data fetch`` puts the data sets."""
    return Path(platformdirs.user_data_dir(APP)) / "data"


def status() -> list[dict]:
    """Each rating set: where it was found, its files and fingerprint."""
    try:
        root = data_dir()
    except Exception:
        root = None
    rows = []
    for name in LOADERS:
        folder = root / name if root else None
        files = sorted(p for p in folder.rglob("*") if p.is_file()) if folder and \
            folder.is_dir() else []
        rows.append({"dataset": name, "path": str(folder) if files else None,
                     "files": len(files), "bytes": sum(p.stat().st_size for p in files),
                     "fingerprint": fingerprint(files) if files else None})
    return rows


def searched() -> list[str]:
    """The data directories searched, in order."""
    return list(dict.fromkeys(str(p.resolve()) for p in candidate_data_dirs()))


def fetch(target: Path | None = None, *, client_factory: Callable[[], object] | None = None,
          progress: Callable[[Download, int], None] | None = None) -> list[Path]:
    """Download every file of :data:`PLAN` into ``target`` (default: the user data directory).

    Raises:
        FetchError: If a download fails; files already downloaded are kept.
    """
    import httpx

    target = target or user_data_dir()
    client = client_factory() if client_factory else httpx.Client(timeout=60,
                                                                  follow_redirects=True)
    written = []
    with client:  # type: ignore[attr-defined]
        for item in PLAN:
            dest = target / item.local
            dest.parent.mkdir(parents=True, exist_ok=True)
            t0 = time.perf_counter()
            try:
                response = client.get(item.url)  # type: ignore[attr-defined]
                response.raise_for_status()
            except httpx.HTTPError as exc:
                raise FetchError(f"downloading {item.url} failed: {exc}") from exc
            tmp = dest.with_suffix(dest.suffix + ".part")
            tmp.write_bytes(response.content)
            tmp.replace(dest)
            written.append(dest)
            if progress:
                progress(item, int((time.perf_counter() - t0) * 1000))
    return written
