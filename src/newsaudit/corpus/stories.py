"""Stories: clusters of articles about the same event, and how each side covered them.

1. Each article is represented by its title and lead (the first
   ``LEAD_CHARS`` characters): a TF-IDF vector (sublinear term frequency,
   English stop words dropped; the sparse cosine is a DuckDB join on terms)
   and the set of its named entities, taken cheaply as runs of capitalised
   words (no NLP model per article, so a large corpus clusters in minutes).
2. Two articles published at most ``window_days`` apart are linked when their
   cosine similarity reaches ``LINK_SIMILARITY`` and they share at least
   ``MIN_SHARED_ENTITIES`` entities, or when the similarity alone reaches
   ``STRONG_SIMILARITY``; the stories are the connected components (undated
   articles join none), a component spanning more than ``MAX_STORY_DAYS`` split
   again with stricter thresholds.
3. Per story: its sources with their ratings (the judge's combined score) and
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

log = logging.getLogger(__name__)

#: Characters of each article read after its title: the lead names the event.
LEAD_CHARS = 1200
#: Cosine similarity (TF-IDF of title + lead) that links two reports sharing
#: entities, and the similarity that links them alone. Chosen by pairwise F1 on
#: the dev half of tests/data/stories_labelled.jsonl over a grid (0.08-0.2 x
#: 0.3-0.4 x 1-3 entities): 0.12 with 1 or 2 entities tied at dev F1 0.964 and the
#: stricter (2) was kept; the test half is reported by benchmarks/stories.py.
LINK_SIMILARITY = 0.12
STRONG_SIMILARITY = 0.4
#: Named entities two linked reports must share.
MIN_SHARED_ENTITIES = 2
#: Days between two reports of one story.
WINDOW_DAYS = 3
#: A story spanning more days than this is split with stricter thresholds
#: (each SPLIT_STEP times the last, at most MAX_SPLITS times). Without it the ten
#: largest AllSides "stories" were chains of one to three months (the 2018 trade
#: war, the spring 2020 news); one week holds the coverage of one event.
MAX_STORY_DAYS = 7
SPLIT_STEP = 1.3
MAX_SPLITS = 8
#: Stories whose check-worthy claims are scored (the largest; each costs a spaCy
#: parse of its first reports' leads).
CLAIM_STORIES = 50
#: Claims listed per story, from its first CLAIM_REPORTS reports.
TOP_CLAIMS = 3
CLAIM_REPORTS = 3
SIDES = ("left", "center", "right")
#: Terms in more than this share of the leads (and in more than MAX_DF_FLOOR of
#: them: in a small corpus the event's own words are in most leads) are left out
#: of the similarity join, which they would blow up for little weight.
MAX_DF_SHARE = 0.2
MAX_DF_FLOOR = 100
#: Words too common to say what a report is about (a short English stop list).
STOP_WORDS = frozenset("""
a about above after again against all also am an and any are as at be because been before
being below between both but by can could did do does doing down during each few for from
further had has have having he her here hers herself him himself his how i if in into is it
its itself just me more most my myself no nor not now of off on once only or other our ours
out over own s same she should so some such t than that the their theirs them then there
these they this those through to too under until up very was we were what when where which
while who whom why will with would you your yours new said says say one two like get
""".split())

_TOKEN = re.compile(r"\b[^\W\d_][\w'-]+\b")
_ENTITY = re.compile(r"\b[A-Z][\w’'.-]*(?:\s+(?:of|the|de|al|and)?\s*[A-Z][\w’'.-]*)*")
_SENTENCE = re.compile(r"[^.!?\n]+[.!?]+[”\"’]?")
# Capitalised words that start sentences or name no one.
_NOT_ENTITIES = frozenset("""
the a an and but or he she it they we i you this that these those his her their its our
in on at for from by with after before as when while if what who why how there here
mr mrs ms dr monday tuesday wednesday thursday friday saturday sunday january february
march april may june july august september october november december said says
""".split())


@dataclass(frozen=True)
class StoryOptions:
    """Settings of a story clustering run (defaults are the calibrated ones)."""

    window_days: int = WINDOW_DAYS
    link_similarity: float = LINK_SIMILARITY
    strong_similarity: float = STRONG_SIMILARITY
    min_shared_entities: int = MIN_SHARED_ENTITIES
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


def entities(text: str) -> set[str]:
    """Capitalised names in ``text``, lower-cased (``"Donald Trump"``, ``"senate"``)."""
    out = set()
    for m in _ENTITY.finditer(text):
        words = [w for w in m.group().split() if w.lower() not in _NOT_ENTITIES]
        name = " ".join(words).strip(".’'-").lower()
        if len(name) >= 3:
            out.add(name)
    return out


def lead(store: DocStore, i: int) -> str:
    """Title and lead of document ``i``."""
    title = store.metas[i].title or ""
    return f"{title}\n{store.text(i)[:LEAD_CHARS]}"


def _weights(leads: list[str]) -> dict[str, np.ndarray]:
    """TF-IDF weights of the leads as a long table ``doc, term, w`` (rows L2-normalised).

    Sublinear term frequency and smoothed IDF, as scikit-learn's
    ``TfidfVectorizer(sublinear_tf=True)``; terms in more than ``MAX_DF_SHARE`` of the
    documents (and more than ``MAX_DF_FLOOR``) are left out of the similarity join.
    """
    vocab: dict[str, int] = {}
    docs: list[int] = []
    terms: list[int] = []
    tfs: list[int] = []
    for d, text in enumerate(leads):
        counts = Counter(t for t in _TOKEN.findall(text.lower()) if t not in STOP_WORDS)
        for t, c in counts.items():
            docs.append(d)
            terms.append(vocab.setdefault(t, len(vocab)))
            tfs.append(c)
    doc, term = np.array(docs, dtype=np.int64), np.array(terms, dtype=np.int64)
    df = np.bincount(term, minlength=len(vocab))
    n = len(leads)
    w = (1.0 + np.log(np.array(tfs, dtype=np.float64))) * (np.log((1 + n) / (1 + df)) + 1)[term]
    norm = np.sqrt(np.bincount(doc, weights=w * w, minlength=n))
    w = w / norm[doc]
    keep = df[term] <= max(MAX_DF_FLOOR, MAX_DF_SHARE * n)
    return {"doc": doc[keep], "term": term[keep], "w": w[keep]}


# Days are cut into buckets window + 1 days wide, so two reports at most `window`
# days apart are in one bucket or in adjacent ones: the join is on (term, bucket),
# never on a term alone (a common term would pair every report with every other).
_SIMILAR_SQL = """
WITH shared AS (
    SELECT a.doc AS a, b.doc AS b, a.w * b.w AS p, b.day - a.day AS gap
    FROM tw a JOIN tw b ON a.term = b.term AND a.bucket = b.bucket AND a.doc < b.doc
    UNION ALL
    SELECT a.doc, b.doc, a.w * b.w, b.day - a.day
    FROM tw a JOIN tw b ON a.term = b.term AND b.bucket = a.bucket + 1 AND a.doc < b.doc
)
SELECT a, b, sum(p) AS sim FROM shared WHERE gap <= {window}
GROUP BY a, b HAVING sum(p) >= {link}
"""


def similar_pairs(leads: list[str], days: np.ndarray, window: int, link: float) -> Any:
    """Pairs ``(a, b, sim)`` of leads ``a < b``, ``window`` days apart at most, cosine >= ``link``.

    ``days`` must be non-decreasing (documents sorted by date). The sparse
    product is a DuckDB join on shared terms within neighbouring day buckets.
    """
    import duckdb
    import pyarrow as pa

    table = _weights(leads)
    day = days.astype(np.int64)[table["doc"]]
    table["day"] = day
    table["bucket"] = day // (int(window) + 1)
    con = duckdb.connect()
    con.register("tw", pa.table(table))
    return con.execute(_SIMILAR_SQL.format(window=int(window), link=float(link))).fetchnumpy()


def _components(nodes: list[int], edges: list[tuple[int, int, float, int]], days: np.ndarray,
                options: StoryOptions, level: int = 0) -> list[list[int]]:
    """Connected components of the edges that pass the thresholds at ``level``.

    A component spanning more than ``MAX_STORY_DAYS`` is a chain of stories
    (single linkage joins a trade war's months of news through its daily
    reports): it is split again with thresholds ``SPLIT_STEP`` times higher.
    """
    raise_by = SPLIT_STEP ** level
    link_t, strong_t = options.link_similarity * raise_by, options.strong_similarity * raise_by
    parent = {v: v for v in nodes}

    def find(v: int) -> int:
        while parent[v] != v:
            parent[v] = parent[parent[v]]
            v = parent[v]
        return v

    for a, b, sim, shared in edges:
        if sim >= strong_t or (sim >= link_t and shared >= options.min_shared_entities):
            parent[find(a)] = find(b)
    groups: dict[int, list[int]] = {}
    for v in nodes:
        groups.setdefault(find(v), []).append(v)
    out: list[list[int]] = []
    for comp in groups.values():
        if len(comp) > 1 and days[max(comp)] - days[min(comp)] > MAX_STORY_DAYS \
                and level < MAX_SPLITS:
            inside = set(comp)
            sub = [e for e in edges if e[0] in inside and e[1] in inside]
            out.extend(_components(comp, sub, days, options, level + 1))
        else:
            out.append(comp)
    return out


def link(store: DocStore, options: StoryOptions = StoryOptions()) -> np.ndarray:
    """Story label of every document (steps 1 and 2); -1 for a document in no story."""
    n = len(store)
    labels = np.full(n, -1, dtype=np.int64)
    dated = [i for i in range(n) if store.metas[i].published is not None]
    if len(dated) < 2:
        return labels
    dated.sort(key=lambda i: store.metas[i].published)  # type: ignore[arg-type, return-value]
    leads = [lead(store, i) for i in dated]
    ents = [entities(t) for t in leads]
    days = np.array([store.metas[i].published.toordinal() for i in dated])  # type: ignore[union-attr]
    found = similar_pairs(leads, days, options.window_days, options.link_similarity)
    edges = [(a, b, sim, len(ents[a] & ents[b])) for a, b, sim in zip(
        found["a"].tolist(), found["b"].tolist(), found["sim"].tolist(), strict=True)]
    comps = [c for c in _components(list(range(len(dated))), edges, days, options)
             if len(c) > 1]
    comps.sort(key=lambda c: (-len(c), min(c)))
    for number, comp in enumerate(comps):
        for k in comp:
            labels[dated[k]] = number
    return labels


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
        for m in _SENTENCE.finditer(store.text(i)[:LEAD_CHARS * 2]):
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
        lines.append(f"  earliest: {first.outlet}: {first.title or first.id}")
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
