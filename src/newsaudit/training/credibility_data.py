"""The credibility model's training data: AllSides articles labelled by their source's rating.

Distant supervision: each article of the ``allsides_article_bias`` data set
(Baly et al. 2020) takes the label of its source in the project's own reputation
index (:mod:`newsaudit.judge.reputation`): 1 for a low-rated source, 0 for a high
or mixed one; unknown and satire sources are left out. Each article goes through
the project's furniture parser, its body is masked (:mod:`newsaudit.judge.textfeatures`) and its
named features computed, and the result is cached as gzipped JSON lines
(``<cache>/credibility/features-<cap>.jsonl.gz``), so retraining takes seconds.

At most :data:`CAP` articles a source are kept (a fixed shuffle): the feature
extraction costs ~40 ms an article on one core, and the cap keeps large sources
from dominating while every source of the minority class contributes.
"""

from __future__ import annotations

import csv
import gzip
import json
import logging
import random
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..article import Article, Metadata
from ..data import cache_dir, dataset
from ..judge import textfeatures as tf
from ..judge.ratings import load_index
from ..judge.reputation import rate
from ..options import Options
from ..parse.furniture import ParseFurniture

log = logging.getLogger(__name__)

#: Articles kept per source (fixed shuffle, seed :data:`SEED`): 13,430 of the 37,554,
#: every article of the small low-rated left and centre sources included.
CAP = 250
SEED = 18
#: Bodies shorter than this (characters) are skipped: too little text to read.
MIN_CHARS = 300
LEANINGS = ("left", "center", "right")
#: FakeNewsCorpus sample: articles kept per domain, and the opensources.co types
#: counted as low reliability (:func:`fnc_label`).
FNC_CAP = 25
FNC_LOW = frozenset({"fake", "conspiracy", "junksci", "hate", "unreliable", "bias",
                     "clickbait"})
#: Bumped when what :func:`featurize` computes changes (the cache is keyed by it).
FEATURES_VERSION = 2


def articles() -> Iterator[dict[str, Any]]:
    """Every AllSides article as a dict (the data set's fields)."""
    path = dataset("allsides_article_bias") / "articles.jsonl.gz"
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            yield json.loads(line)


def source_ratings(rows: list[dict[str, Any]]) -> dict[str, tuple[str, str]]:
    """The reputation label (high, mixed, low, satire, unknown) and rated domain of each source.

    AllSides lists one outlet under several names ("Fox News", "Fox Online News",
    "Fox News Opinion"; columnists under their own name): the rated domain, not the
    name, is what cross-validation groups by.
    """
    index = load_index()
    out: dict[str, tuple[str, str]] = {}
    for row in rows:
        src = row["source"]
        if src in out:
            continue
        q = row.get("source_url") or row.get("url") or src
        rating = rate(index, q)
        if rating["label"] == "unknown":
            rating = rate(index, src)
        out[src] = (rating["label"], rating.get("domain") or src)
    return out


def source_labels(rows: list[dict[str, Any]]) -> dict[str, str]:
    """The reputation label of each source name (see :func:`source_ratings`)."""
    return {k: v[0] for k, v in source_ratings(rows).items()}


def source_domains(cap: int = CAP) -> dict[str, str]:
    """Source name -> rated domain, computed once and cached beside the features."""
    path = cache_path(cap).with_suffix(".domains.json")
    if not path.exists():
        rows = list(articles()) + list(fnc_articles())
        found = {k: v[1] for k, v in source_ratings(rows).items()}
        path.write_text(json.dumps(found, indent=0, sort_keys=True), encoding="utf-8")
    return dict(json.loads(path.read_text(encoding="utf-8")))


def media_split() -> dict[str, str]:
    """Article ID -> train / valid / test of the data set's source-disjoint ``media`` split."""
    out: dict[str, str] = {}
    for part in ("train", "valid", "test"):
        path = dataset("allsides_article_bias") / "splits" / "media" / f"{part}.tsv"
        with open(path, encoding="utf-8") as fh:
            next(fh)
            for line in fh:
                out[line.split("\t", 1)[0]] = part
    return out


def sample(rows: list[dict[str, Any]], cap: int = CAP) -> list[dict[str, Any]]:
    """At most ``cap`` articles of each source (fixed shuffle), long enough to read."""
    by_source: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        if len(row.get("content_original") or "") >= MIN_CHARS:
            by_source[row["source"]].append(row)
    rng = random.Random(SEED)
    kept: list[dict[str, Any]] = []
    for src in sorted(by_source):
        group = by_source[src]
        rng.shuffle(group)
        kept.extend(group[:cap])
    return kept


def featurize(row: dict[str, Any], parser: ParseFurniture) -> dict[str, Any]:
    """One article's bodies and its named features.

    ``masked`` is the model's input (scrubbed and outlet masked), ``raw`` the
    scrubbed body with the outlet left in (the masking ablation), ``parsed`` the
    body as the furniture parser left it (the scrubbing ablation).
    """
    article = Article(row["content_original"].replace("\r\n", "\n"),
                      Metadata(url=row.get("url"), site_name=row["source"],
                               domain=row.get("source_url"), title=row.get("title")))
    parser(article)
    body, feats = tf.model_input(article, masked=True)
    parsed = article.body_string("\n\n")
    return {"id": row["ID"], "source": row["source"], "leaning": row["bias_text"],
            "masked": body, "raw": tf.scrub(parsed), "parsed": parsed, "dense": feats}


def fnc_label(kind: str) -> int | None:
    """FakeNewsCorpus type -> 1 (low), 0 (reliable) or None (left out).

    The corpus labels each domain by opensources.co's type: fake, conspiracy,
    junk science, hate, unreliable, extreme bias and clickbait are low-reliability
    kinds; "political" (a viewpoint, not a record), "unknown" and the rest are
    left out.
    """
    if kind in FNC_LOW:
        return 1
    return 0 if kind == "reliable" else None


def fnc_articles(cap: int = FNC_CAP) -> Iterator[dict[str, Any]]:
    """The FakeNewsCorpus sample's labelled articles as AllSides-like rows.

    At most ``cap`` a domain (155 of the 250 come from one site); no leaning
    (the within-leaning figures are AllSides' only) and no ``media`` split.
    """
    path = dataset("fakenewscorpus") / "news_sample.csv"
    with open(path, encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    seen: dict[str, int] = defaultdict(int)
    for row in rows:
        domain = row["domain"].removeprefix("www.")
        if fnc_label(row["type"]) is None or len(row["content"] or "") < MIN_CHARS:
            continue
        seen[domain] += 1
        if seen[domain] <= cap:
            yield {"ID": f"fnc-{row['id']}", "source": domain, "source_url": domain,
                   "url": row["url"], "title": row["title"], "bias_text": "none",
                   "content_original": row["content"], "fnc_type": row["type"]}


def cache_path(cap: int = CAP) -> Path:
    """Where the extracted features of a run with ``cap`` are cached."""
    folder = cache_dir() / "credibility"
    folder.mkdir(parents=True, exist_ok=True)
    return folder / f"features-v{FEATURES_VERSION}-{cap}.jsonl.gz"


def extract(cap: int = CAP, path: Path | None = None) -> Path:
    """Label, parse, mask and featurise the sample; write it to the cache."""
    rows = list(articles())
    labels = source_labels(rows)
    split = media_split()
    keep = [r for r in sample(rows, cap) if labels[r["source"]] in ("high", "mixed", "low")]
    keep += list(fnc_articles())
    parser = ParseFurniture(Options())
    path = path or cache_path(cap)
    tmp = path.with_suffix(".tmp")
    with gzip.open(tmp, "wt", encoding="utf-8") as fh:
        for i, row in enumerate(keep):
            rec = featurize(row, parser)
            if "fnc_type" in row:
                rec["rating"] = "fnc:" + row["fnc_type"]
                rec["label"] = fnc_label(row["fnc_type"])
            else:
                rec["rating"] = labels[row["source"]]
                rec["label"] = int(rec["rating"] == "low")
            rec["split"] = split.get(row["ID"], "")
            fh.write(json.dumps(rec) + "\n")
            if i % 1000 == 0:
                log.info("%d / %d articles", i, len(keep))
    tmp.replace(path)
    return path


def per_source(records: list[dict[str, Any]], n: int | None) -> list[dict[str, Any]]:
    """At most ``n`` of the cached records of each source (all when ``n`` is None)."""
    if n is None:
        return records
    seen: dict[str, int] = defaultdict(int)
    kept = []
    for r in records:
        seen[r["source"]] += 1
        if seen[r["source"]] <= n:
            kept.append(r)
    return kept


def load(cap: int = CAP) -> list[dict[str, Any]]:
    """The cached features (extracting them first when missing)."""
    path = cache_path(cap)
    if not path.exists():
        extract(cap, path)
    domains = source_domains(cap)
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        rows = [json.loads(line) for line in fh]
    for row in rows:
        row["domain"] = domains.get(row["source"], row["source"])
    return rows
