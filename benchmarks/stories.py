"""Story clusters: pairwise precision and recall on a hand-labelled AllSides sample,
and the coverage spread of the ten largest stories in all of AllSides.

    python benchmarks/stories.py            # labelled sample (dev and test halves)
    python benchmarks/stories.py --all      # plus the whole AllSides corpus

The sample (tests/data/stories_labelled.jsonl, labelling in its .md) is clustered
inside the articles of its own days (the day's whole AllSides output, as the CLI
would see it), so the clusterer must tell the events of one day apart.
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
import time
from collections import Counter
from itertools import combinations
from pathlib import Path

from newsaudit.corpus.docs import DocMeta, DocStore, domain_of, parse_date
from newsaudit.corpus.stories import StoryOptions, find_stories, story_summary

ROOT = Path(__file__).resolve().parents[1]
LABELS = ROOT / "tests" / "data" / "stories_labelled.jsonl"
ALLSIDES = ROOT.parent / "shared" / "data" / "allsides_article_bias" / "articles.jsonl.gz"


def allsides() -> list[dict]:
    with gzip.open(ALLSIDES, "rt", encoding="utf-8") as fh:
        return [json.loads(line) for line in fh]


def store_of(rows: list[dict]) -> DocStore:
    store = DocStore()
    for r in rows:
        store.add(r["content_original"], DocMeta(
            r["ID"], r["source"], domain_of("http://" + (r.get("source_url") or "")),
            parse_date(r["date"]), r["title"], r["url"] or None))
    return store


def pairwise(pred: dict[str, int], gold: dict[str, str]) -> tuple[float, float, int, int]:
    """Precision and recall over pairs of labelled articles put in one story."""
    ids = sorted(gold)
    tp = fp = fn = 0
    for a, b in combinations(ids, 2):
        same_pred = pred[a] >= 0 and pred[a] == pred[b]
        same_gold = gold[a] == gold[b]
        tp += same_pred and same_gold
        fp += same_pred and not same_gold
        fn += same_gold and not same_pred
    return tp / max(1, tp + fp), tp / max(1, tp + fn), tp + fp, tp + fn


def labelled(rows: list[dict], options: StoryOptions) -> None:
    gold_rows = [json.loads(line) for line in LABELS.read_text().splitlines()]
    print(f"labelled sample: {len(gold_rows)} articles, "
          f"{len({g['story'] for g in gold_rows})} stories")
    for split in ("dev", "test"):
        gold = {g["id"]: g["story"] for g in gold_rows if g["split"] == split}
        days = {g["date"] for g in gold_rows if g["split"] == split}
        day_rows = [r for r in rows if r["date"] in days]
        result = find_stories(store_of(day_rows), options)
        pred = {m.id: int(lab) for m, lab in zip(result.store.metas, result.labels, strict=True)}
        p, r, npred, ngold = pairwise(pred, gold)
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        print(f"  {split}: {len(gold)} labelled among {len(day_rows)} articles of "
              f"{len(days)} days; pairs predicted {npred}, gold {ngold}; "
              f"precision {p:.3f} recall {r:.3f} F1 {f1:.3f}")


def whole(rows: list[dict], options: StoryOptions) -> None:
    t0 = time.perf_counter()
    result = find_stories(store_of(rows), options)
    took = time.perf_counter() - t0
    sizes = Counter(len(s.members) for s in result.stories)
    print(f"\nAllSides: {len(rows)} articles -> {len(result.stories)} stories "
          f"(sizes {sorted(sizes.items())[:8]}...) in {took:.0f} s {result.timings}")
    print("Coverage spread of the ten largest stories:\n")
    print(story_summary(result, top=10))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--all", action="store_true", help="also cluster all of AllSides")
    args = parser.parse_args(argv)
    rows = allsides()
    labelled(rows, StoryOptions(claims=False))
    if args.all:
        whole(rows, StoryOptions(claim_stories=10))
    return 0


if __name__ == "__main__":
    sys.exit(main())
