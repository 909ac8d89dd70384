"""The rating data sets: what is installed, compiling the index, fetching them.

``newsaudit data fetch`` downloads the public rating sets, at the commits their
SOURCE.txt files pin, into the user's data directory, in the layout newsaudit
reads. It is the only command besides ``analyze URL`` that uses the network,
and only when asked.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import platformdirs

from ..data import APP, candidate_data_dirs, data_dir, fingerprint
from ..errors import FetchError
from .raters import LOADERS

RAW = "https://raw.githubusercontent.com"


@dataclass(frozen=True, slots=True)
class Download:
    """One file of a data set: where it comes from, where it goes, what it must hash to."""

    dataset: str
    url: str
    local: str
    sha256: str
    size: int


def _files(dataset: str, repo: str, commit: str,
           files: list[tuple[str, str, str, int]]) -> list[Download]:
    return [Download(dataset, f"{RAW}/{repo}/{commit}/{src}", f"{dataset}/{dst}", sha, size)
            for src, dst, sha, size in files]


#: hearvox/unreliable-news snapshots: file name, SHA-256, size.
_HEARVOX = [
    ("buzzfeed-2018-12.csv",
     "c1dc4e28cdcf1260a6635b274863f5d2167a087573fafabec4bbee15347a592e", 7077),
    ("factcheck-org-2018.csv",
     "18894281e0c4bd91786d245da4363dab5c61dbf67bc2370c3963cca84c82af02", 40871),
    ("fake-news-codex-2018-06.csv",
     "caf8b32f230c1cc482fc50f4676e9c5c041bb2d0320bb768de029f65ad5104bf", 57818),
    ("fake-news-watch-2016-01.csv",
     "3824dda5613d312465fc1c0a884b3b4466ccf0e79f308d993b5e0182556d69b1", 2329),
    ("is-it-fake-news-2018-11.csv",
     "d5f2ebf1e734157da16b1be309614827a2cda557d958e01b7d72aba68967f249", 65699),
    ("junk-news-aggregator-2018-01.csv",
     "0c1f6dbacb1e1c773c43a95cb1a53d6bc3f86c609373d50ac74f16d43a24c16c", 3057),
    ("politifact-2017-11.csv",
     "6c3d71d64caaac641e6a429fd4268061271100cb7e8800680e5c5520eac348ae", 17489),
    ("snopes-2017-12.csv",
     "9c1ee8a7960d98901faca32395c2a41b9cf4156cd4e694b448b283d442d2c426", 461),
    ("wikipedia-2018-11.tsv",
     "bf9e5f34ffa5ccf6c5eee9f896aa9aec78d0b66685c80f512753225a8fb89cdc", 49130),
]

#: The rating sets, as their SOURCE.txt files describe them (repository, commit, paths),
#: each file pinned by its SHA-256 and size as published at that commit.
PLAN: list[Download] = [
    *_files("lin2023_domain_quality", "hauselin/domain-quality-ratings",
            "5671d57e545e48225ef2cbf559a6ab7f8f77a9de", [
                ("data/domain_pc1.csv", "domain_pc1.csv",
                 "18221d8c4ce30e25ceab4ce3d1c9a7babaf9e935bd42ed2c89e3c52fc19d5e1a", 402882)]),
    *_files("idiap_reliability", "idiap/News-Media-Reliability",
            "c3f50254a9fc07402ac529a1c50ff6abf7aeba10", [
                ("data/golden_truth/golden_truth_dataset.csv", "golden_truth_dataset.csv",
                 "be2d562a6b78a6a74b7736a94b76a3d585da8f6eabdcd500b215307521715927", 135222),
                ("data/golden_truth/mbfc/mbfc.csv", "mbfc.csv",
                 "ff9cec9fec5733c9e9d37c91343a5c0a264d7f48f0091a620fa535f7bdf56c9c", 440026),
                ("data/golden_truth/nela-gt/labels_nela_gt%2Bdomain(2018).csv",
                 "labels_nela_gt_domain_2018.csv",
                 "693757d8fb47b0a8fbfa6a20be92bee202b748fc3ced94b15f383e1ab1d85306", 28919),
                ("data/golden_truth/nela-gt/newsguard.csv", "newsguard_nela.csv",
                 "5378e09d63b715e3f33f01a81062803e80d916f9c96d494b5a0eb45d7f8b322e", 2125),
                ("data/golden_truth/unreliable_news_sources.txt", "unreliable_news_sources.txt",
                 "724a6106193dee70e13a73f4b33cf6a909d9a648a0ff3f9f92eaa9f33908a513", 10020),
                ("data/golden_truth/wikipedia_perennial_sources/wikipedia_perennial_sources.json",
                 "wikipedia_perennial_sources.json",
                 "7cf56383927f61795ef2779c58e425df06bfb5a9be56c3770a21648951a95067", 12718),
                ("CC-NEWS/ALL/08/graph/en/reliability_scores.json",
                 "ccnews_reliability_scores.json",
                 "36a7cdaf092dae383c2fc064f4cb820dea6162bb3bc7a2f36ab34aecd889c70d", 3903723),
            ]),
    *_files("baly_mbfc", "ramybaly/News-Media-Reliability",
            "28ab9b418e9e69e6105d52ddb61a4dfdd791a412", [
                ("data/emnlp18/corpus.tsv", "emnlp18_corpus.tsv",
                 "7f96b15459a23bc5267ca5dc0df66e71d0dc38a28b797b2ec3d228b818427cbf", 113581),
                ("data/acl2020/corpus.tsv", "acl2020_corpus.tsv",
                 "936cc629df930c7caae8b8506fe3843a6b0576c4f4afcd4b371b0156e8a65515", 87893)]),
    *_files("opensources", "OpenSourcesGroup/opensources",
            "2fb428d0e132baae5ed8ab034d4eafbe9dc77cbb", [
                ("sources/sources.csv", "sources.csv",
                 "47221dbe49a118f5a73f178f4748e7e05df99ccf46af239f8ff4043a91a918af", 49994)]),
    *_files("fakenewscorpus", "several27/FakeNewsCorpus",
            "c39d26e5a8cb492dbe9450399d15fe8c37e69bce", [
                ("websites.csv", "websites.csv",
                 "d8f5840e1967f8278d2f7987bf877bea5679e734fa480b228ff183879d3ae129", 35635)]),
    *_files("unreliable_lists", "osome-iu/top-FIBers", "9e466a28247d83dde847248fab20f521a7e896e8",
            [("data/iffy_files/2024-08-01__iffy_list.txt", "iffy_list_2024-08-01.txt",
              "67229bf331505455486126f8778582d08179b8b11d29881cdced1b0505130364", 20484)]),
    *_files("unreliable_lists", "hearvox/unreliable-news",
            "c35264e79c6c00bb83b805679ad9a4e95f08ee49",
            [(f"data/{name}", f"hearvox/data/{name}", sha, size) for name, sha, size in _HEARVOX]),
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


#: Bytes read per chunk of a download.
CHUNK = 1 << 16


def sha256_of(path: Path) -> str:
    """The SHA-256 of a file, read in chunks."""
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(CHUNK), b""):
            h.update(block)
    return h.hexdigest()


def is_complete(item: Download, target: Path) -> bool:
    """Whether ``item`` is already in ``target`` with the pinned size and checksum."""
    dest = target / item.local
    return dest.is_file() and dest.stat().st_size == item.size and sha256_of(dest) == item.sha256


def fetch(target: Path | None = None, *, client_factory: Callable[[], Any] | None = None,
          progress: Callable[[Download, int], None] | None = None) -> list[Path]:
    """Download every file of :data:`PLAN` into ``target``, checked against its SHA-256.

    Files already there with the right checksum are kept and not downloaded again; a
    download cut short leaves a ``.part`` file that the next run continues with an
    HTTP range request (or starts afresh when the server ignores the range). A file
    whose checksum does not match is deleted and reported; the other files go on.

    Args:
        target: The folder to fill (default: the user data directory).
        client_factory: Makes the ``httpx.Client`` to use (tests pass a mock transport).
        progress: Called as ``progress(item, n)`` with each chunk's byte count, and with
            ``n = item.size`` for a file found complete.

    Returns:
        The paths of every file of the plan, all present and verified.

    Raises:
        FetchError: If any file could not be downloaded or failed its checksum, naming
            each; the files that did arrive are kept.
    """
    import httpx

    target = target or user_data_dir()
    client = client_factory() if client_factory else httpx.Client(
        timeout=60, follow_redirects=True)
    failures: list[str] = []
    with client:
        for item in PLAN:
            if is_complete(item, target):
                if progress:
                    progress(item, item.size)
                continue
            try:
                _download(client, item, target, progress)
            except (httpx.HTTPError, OSError, FetchError) as exc:
                failures.append(f"{item.local}: {exc}")
    if failures:
        raise FetchError(f"{len(failures)} of {len(PLAN)} files failed (run the command "
                         f"again to resume): " + "; ".join(failures))
    return [target / item.local for item in PLAN]


def _download(client: Any, item: Download, target: Path,
              progress: Callable[[Download, int], None] | None) -> None:
    dest = target / item.local
    dest.parent.mkdir(parents=True, exist_ok=True)
    part = dest.with_name(dest.name + ".part")
    have = part.stat().st_size if part.is_file() else 0
    if have > item.size:
        part.unlink()
        have = 0
    headers = {"Range": f"bytes={have}-"} if have else {}
    with client.stream("GET", item.url, headers=headers) as response:
        if response.status_code == 416 and have == item.size:
            pass  # the part file is already whole
        else:
            response.raise_for_status()
            resumed = response.status_code == 206 and have > 0
            if progress and resumed:
                progress(item, have)
            with part.open("ab" if resumed else "wb") as fh:
                for chunk in response.iter_bytes():
                    if fh.tell() + len(chunk) > item.size:
                        raise FetchError(f"larger than the pinned {item.size:,} bytes")
                    fh.write(chunk)
                    if progress:
                        progress(item, len(chunk))
    digest = sha256_of(part)
    if digest != item.sha256:
        part.unlink()
        raise FetchError(f"checksum mismatch (got {digest[:12]}..., expected "
                         f"{item.sha256[:12]}...); the partial file was removed")
    part.replace(dest)
