"""Stories: clusters of articles about the same event, and how each side covered them.

1. Articles are grouped into stories by :mod:`newsaudit.corpus.storylink`: TF-IDF
   of the title and the start of the body (page furniture removed) and of the
   named entities (rare names weigh more), compared within a time window of
   ``window_days``, cut from an average-linkage tree (undated articles join none).
2. Per story: its sources with their ratings (the judge's combined score) and
   AllSides leanings (from the AllSides data in the data directory), which sides
   covered it and which did not, its earliest report, and the most check-worthy
   claims of its first reports (the claims model).
"""

from __future__ import annotations

import functools
import gzip
import json
import logging
import re
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from .docs import DocMeta, DocStore, domain_of
from .storylink import (
    ENTITY_WEIGHT,
    LINK_SIMILARITY,
    WINDOW_DAYS,
    body_start,
    cluster,
    entities,
)

log = logging.getLogger(__name__)

#: Characters of each story's first reports searched for check-worthy claims.
LEAD_CHARS = 1200
#: Stories whose check-worthy claims are scored (the largest; each costs a spaCy
#: parse of its first reports' leads).
CLAIM_STORIES = 50
#: Claims listed per story, from its first CLAIM_REPORTS reports.
TOP_CLAIMS = 3
CLAIM_REPORTS = 3
SIDES = ("left", "center", "right")
_SENTENCE = re.compile(r"[^.!?\n]+[.!?]+[”\"’]?")


@dataclass(frozen=True)
class StoryOptions:
    """Settings of a story clustering run (defaults are the calibrated ones)."""

    window_days: int = WINDOW_DAYS
    link_similarity: float = LINK_SIMILARITY
    entity_weight: float = ENTITY_WEIGHT
    #: Score each of the largest stories' most check-worthy claims.
    claims: bool = True
    claim_stories: int = CLAIM_STORIES


@dataclass
class Story:
    """One cluster of reports about the same event."""

    id: int
    members: list[int]  # document indices, earliest first
    sources: list[str]
    leanings: dict[str, list[str]]  # side -> sources of that side that covered it
    missing: list[str]  # sides none of whose sources covered it
    earliest: int
    entities: list[str]
    claims: list[tuple[str, float, int]] = field(default_factory=list)  # text, score, doc


@dataclass
class StoryResult:
    """The stories of a corpus (largest first) and the store they index into."""

    store: DocStore
    stories: list[Story]
    labels: np.ndarray  # story id of every document, -1 for none
    ratings: dict[str, dict[str, Any]]
    leanings: dict[str, str]
    timings: dict[str, float] = field(default_factory=dict)


def lead(store: DocStore, i: int) -> str:
    """Title and lead of document ``i``."""
    title = store.metas[i].title or ""
    return f"{title}\n{store.text(i)[:LEAD_CHARS]}"


def link(store: DocStore, options: StoryOptions = StoryOptions()) -> np.ndarray:
    """Story label of every document (:mod:`newsaudit.corpus.storylink`); -1 for none."""
    return cluster(store, options.window_days, options.link_similarity, options.entity_weight)


@functools.lru_cache(maxsize=2)
def allsides_leanings(root: Path | None = None) -> dict[str, str]:
    """AllSides media leanings (left, center, right) by source name and by domain.

    Read from the AllSides article data (Baly et al. 2020) in the data directory;
    empty when it is not installed.
    """
    from ..data import data_dir
    from ..errors import MissingDataError

    try:
        path = (root or data_dir()) / "allsides_article_bias" / "articles.jsonl.gz"
    except MissingDataError:
        return {}
    if not path.exists():
        return {}
    votes: dict[str, Counter[str]] = {}
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line)
            side = row.get("bias_text")
            if side not in SIDES:
                continue
            for k in (row.get("source"), domain_of("http://" + (row.get("source_url") or ""))):
                if k:
                    votes.setdefault(k.lower(), Counter())[side] += 1
    return {k: c.most_common(1)[0][0] for k, c in votes.items()}


def leaning(meta: DocMeta, table: dict[str, str]) -> str | None:
    """A document's outlet's leaning by source name, else by domain (also without ``amp.``)."""
    for k in (meta.source, meta.domain, (meta.domain or "").removeprefix("amp.")):
        if k and k.lower() in table:
            return table[k.lower()]
    return None


def _ratings(metas: list[DocMeta], outlets: set[str]) -> dict[str, dict[str, Any]]:
    from ..errors import DataError
    from ..judge.ratings import load_index
    from ..judge.reputation import rate

    try:
        index = load_index()
    except DataError as exc:
        log.warning("no source ratings: %s", exc)
        return {}
    query = {m.outlet: m.domain or m.source for m in metas if m.outlet in outlets}
    out = {}
    for outlet, q in query.items():
        r = rate(index, q)
        out[outlet] = {"score": r["score"], "label": r["label"], "domain": r["domain"]}
    return out


def _claims(store: DocStore, members: list[int]) -> list[tuple[str, float, int]]:
    from ..analysis.claims import score_text

    sents: list[tuple[str, int]] = []
    for i in members[:CLAIM_REPORTS]:
        for m in _SENTENCE.finditer(body_start(store.text(i), LEAD_CHARS * 2)):
            s = " ".join(m.group().split())
            if len(s.split()) >= 6:
                sents.append((s, i))
    if not sents:
        return []
    scores = score_text([s for s, _ in sents])
    ranked = sorted(zip(sents, scores, strict=True), key=lambda x: -x[1])
    out, seen = [], set()
    for (s, i), score in ranked:
        if s.lower() not in seen:
            seen.add(s.lower())
            out.append((s, round(float(score), 4), i))
        if len(out) == TOP_CLAIMS:
            break
    return out


def find_stories(corpus: DocStore | Any, options: StoryOptions = StoryOptions()) -> StoryResult:
    """Cluster a corpus into stories, with each story's coverage spread.

    Args:
        corpus: A :class:`DocStore`, or records with ``id``, ``text``, ``title``,
            ``source``, ``url`` and ``published``.
        options: Thresholds, time window and whether to score claims.

    Returns:
        The stories with at least two reports, largest first.
    """
    timings: dict[str, float] = {}
    t0 = time.perf_counter()
    store = corpus if isinstance(corpus, DocStore) else DocStore.from_records(corpus)
    labels = link(store, options)
    timings["cluster_s"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    groups: dict[int, list[int]] = {}
    for i, lab in enumerate(labels.tolist()):
        if lab >= 0:
            groups.setdefault(lab, []).append(i)
    metas = store.metas
    table = allsides_leanings()
    outlets = {metas[i].outlet for g in groups.values() for i in g}
    ratings = _ratings(metas, outlets)
    stories = []
    for sid in sorted(groups):
        members = sorted(groups[sid], key=lambda i: (metas[i].published, metas[i].id))
        sources = sorted({metas[i].outlet for i in members})
        sides: dict[str, list[str]] = {s: [] for s in SIDES}
        for src in sources:
            side = leaning(next(metas[i] for i in members if metas[i].outlet == src), table)
            if side:
                sides[side].append(src)
        ent = Counter(e for i in members for e in entities(lead(store, i)))
        stories.append(Story(sid, members, sources, sides, [s for s in SIDES if not sides[s]],
                             members[0], [e for e, c in ent.most_common(6) if c > 1]))
    timings["describe_s"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    if options.claims:
        for story in stories[:options.claim_stories]:
            story.claims = _claims(store, story.members)
    timings["claims_s"] = time.perf_counter() - t0
    return StoryResult(store, stories, labels, ratings, table,
                       {k: round(v, 3) for k, v in timings.items()})


def story_rows(result: StoryResult) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Rows of ``stories.parquet`` and ``members.parquet``."""
    metas = result.store.metas
    stories, members = [], []
    for st in result.stories:
        first = metas[st.earliest]
        scores = [result.ratings.get(s, {}).get("score") for s in st.sources]
        known = [s for s in scores if s is not None]
        stories.append({
            "story": st.id, "articles": len(st.members), "sources": st.sources,
            "left": st.leanings["left"], "center": st.leanings["center"],
            "right": st.leanings["right"], "missing_sides": st.missing,
            "earliest_id": first.id, "earliest_source": first.outlet,
            "same_day_as_earliest": _same_day(result, st) - 1,
            "first_published": first.published,
            "last_published": metas[st.members[-1]].published,
            "title": first.title, "entities": st.entities,
            "mean_source_score": round(sum(known) / len(known), 4) if known else None,
            "claims": [c[0] for c in st.claims], "claim_scores": [c[1] for c in st.claims],
            "claim_ids": [metas[c[2]].id for c in st.claims],
        })
        for i in st.members:
            m = metas[i]
            r = result.ratings.get(m.outlet, {})
            members.append({"story": st.id, "id": m.id, "source": m.outlet,
                            "published": m.published, "title": m.title, "url": m.url,
                            "leaning": leaning(m, result.leanings),
                            "rating_score": r.get("score"), "rating_label": r.get("label")})
    return stories, members


def _same_day(result: StoryResult, story: Story) -> int:
    """Reports published on the earliest report's day (dates have no time of day)."""
    metas = result.store.metas
    day = metas[story.earliest].published
    return sum(metas[i].published == day for i in story.members)


def story_summary(result: StoryResult, top: int = 10) -> str:
    """Readable summary: the largest stories with their coverage spread."""
    metas = result.store.metas
    n_in = int((result.labels >= 0).sum())
    lines = [f"{len(result.store)} articles, {len(result.stories)} stories with 2 or more "
             f"reports, holding {n_in} articles", ""]
    for st in result.stories[:top]:
        first = metas[st.earliest]
        lines.append(f"story {st.id}: {len(st.members)} reports, {len(st.sources)} sources, "
                     f"{first.published} - {metas[st.members[-1]].published}")
        also = _same_day(result, st) - 1
        tie = f" (and {also} other reports the same day)" if also else ""
        lines.append(f"  earliest: {first.outlet}: {first.title or first.id}{tie}")
        for side in SIDES:
            srcs = st.leanings[side]
            lines.append(f"  {side:>6}: " + (", ".join(srcs) if srcs else "(none)"))
        rated = [f"{s} {result.ratings[s]['label']}" for s in st.sources
                 if result.ratings.get(s, {}).get("score") is not None]
        if rated:
            lines.append("  ratings: " + ", ".join(rated))
        if st.entities:
            lines.append("  entities: " + ", ".join(st.entities))
        for text, score, _ in st.claims:
            lines.append(f"  claim {score:.2f}: {text[:140]}")
        lines.append("")
    return "\n".join(lines)


def write_stories(result: StoryResult, out: Path) -> dict[str, Path]:
    """Write ``stories.parquet``, ``members.parquet`` and ``summary.txt`` into ``out``."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    out.mkdir(parents=True, exist_ok=True)
    stories, members = story_rows(result)
    files = {"stories.parquet": out / "stories.parquet", "members.parquet": out / "members.parquet",
             "summary.txt": out / "summary.txt"}
    for name, rows in (("stories.parquet", stories), ("members.parquet", members)):
        tmp = files[name].with_name(name + ".tmp")
        table = pa.Table.from_pylist(rows) if rows else pa.table(
            {"story": pa.array([], pa.int64())})
        pq.write_table(table, tmp)
        tmp.replace(files[name])
    tmp = out / "summary.txt.tmp"
    tmp.write_text(story_summary(result), encoding="utf-8")
    tmp.replace(files["summary.txt"])
    return files


__all__ = ["Story", "StoryOptions", "StoryResult", "allsides_leanings", "entities",
           "find_stories", "leaning", "link", "story_rows", "story_summary", "write_stories"]
