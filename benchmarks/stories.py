"""Story clusters: pairwise precision and recall on a hand-labelled AllSides sample,
side by side with the previous linker, and the coverage spread of the ten largest
stories in all of AllSides.

    python benchmarks/stories.py            # labelled sample, dev and test halves
    python benchmarks/stories.py --tune     # the dev grid the settings were chosen on
    python benchmarks/stories.py --all      # plus the whole AllSides corpus (timed)
    python benchmarks/stories.py --members OUT/members.parquet   # score a CLI run's stories

The sample (tests/data/stories_labelled.jsonl, labelling in its .md) is clustered
(a) inside the articles of its own days (the day's whole AllSides output), so the
clusterer must tell the events of one day apart, and, with ``--all``, (b) inside all
of AllSides, where the time window and every other day's news are in play too.
AllSides' own story pages are not in this data (its fields are ID, topic, source,
url, title, date, authors, text and the outlet's leaning): there is no larger
labelled grouping to score against.
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
import time
from collections import Counter
from collections.abc import Callable
from itertools import combinations
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

import stories_previous
from newsaudit.corpus import storylink
from newsaudit.corpus.docs import DocMeta, DocStore, domain_of, parse_date
from newsaudit.corpus.stories import StoryOptions, find_stories, story_summary

ROOT = Path(__file__).resolve().parents[1]
LABELS = ROOT / "tests" / "data" / "stories_labelled.jsonl"
ALLSIDES = ROOT.parent / "shared" / "data" / "allsides_article_bias" / "articles.jsonl.gz"

Linker = Callable[[DocStore], np.ndarray]
LINKERS: dict[str, Linker] = {
    "previous (lead TF-IDF + 2 names, components)": stories_previous.link,
    "newsaudit (body TF-IDF + rare names, average linkage)": storylink.cluster,
}


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


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


#: Days either side of a labelled day whose articles are clustered with it in the
#: wider setting (every report of the week before and after is a distractor).
NEIGHBOURHOOD_DAYS = 7


def around(days: set[str], k: int) -> set[str]:
    """The ISO dates within ``k`` days of any of ``days``."""
    from datetime import date, timedelta

    return {(date.fromisoformat(d) + timedelta(days=j)).isoformat()
            for d in days for j in range(-k, k + 1)}


def gold_rows() -> list[dict]:
    return [json.loads(line) for line in LABELS.read_text().splitlines()]


def _line(name: str, pred: dict[str, int], gold: dict[str, str]) -> str:
    p, r, npred, ngold = pairwise(pred, gold)
    return (f"    {name:<56} pairs predicted {npred:>4}, gold {ngold:>4}; precision {p:.3f} "
            f"recall {r:.3f} F1 {_f1(p, r):.3f}")


def labelled(rows: list[dict]) -> None:
    """Both linkers on each half, among the articles of its days and of their fortnight."""
    gold_all = gold_rows()
    print(f"labelled sample: {len(gold_all)} articles, {len({g['story'] for g in gold_all})} "
          f"stories; each half clustered among all AllSides articles of its days, then of "
          f"the {NEIGHBOURHOOD_DAYS} days either side too")
    for split in ("dev", "test"):
        gold = {g["id"]: g["story"] for g in gold_all if g["split"] == split}
        days = {g["date"] for g in gold_all if g["split"] == split}
        for setting, chosen in (("its days", days),
                                ("fortnight", around(days, NEIGHBOURHOOD_DAYS))):
            store = store_of([r for r in rows if r["date"] in chosen])
            print(f"  {split}, {setting}: {len(gold)} labelled among {len(store)} articles")
            for name, linker in LINKERS.items():
                labels = linker(store)
                pred = {m.id: int(lab) for m, lab in zip(store.metas, labels, strict=True)}
                print(_line(name, pred, gold))


def tune(rows: list[dict]) -> None:
    """The dev-half grid: body length x names weight x linkage cut, ranked by the mean
    F1 of the two settings (the dev days' articles; the fortnight around them)."""
    gold_all = gold_rows()
    gold = {g["id"]: g["story"] for g in gold_all if g["split"] == "dev"}
    days = {g["date"] for g in gold_all if g["split"] == "dev"}
    scores: dict[tuple[int, float, float], list[tuple[float, float, float]]] = {}
    for chosen in (days, around(days, NEIGHBOURHOOD_DAYS)):
        store = store_of([r for r in rows if r["date"] in chosen])
        dated = sorted((i for i in range(len(store)) if store.metas[i].published),
                       key=lambda i: store.metas[i].published)  # type: ignore
        day = np.array([store.metas[i].published.toordinal() for i in dated])  # type: ignore
        for chars in (1200, 3000, 6000):
            texts, leads = storylink.article_texts(store, dated, chars)
            X, E = storylink._vectors(texts, leads)
            for weight in (0.0, 0.15, 0.3, 0.5):
                a, b, s = storylink.similar_pairs(X, E, day, 3, weight, floor=0.02)
                for link in np.arange(0.03, 0.125, 0.01):
                    local = storylink.average_linkage(len(dated), a, b, s, float(link))
                    pred = {store.metas[i].id: int(local[k]) for k, i in enumerate(dated)}
                    p, r, _, _ = pairwise(pred, gold)
                    scores.setdefault((chars, weight, round(float(link), 2)), []).append(
                        (_f1(p, r), p, r))
    ranked = sorted(scores.items(), key=lambda kv: -sum(f for f, _, _ in kv[1]) / 2)
    print("mean F1  days: F1 P R       fortnight: F1 P R   body_chars entity_weight link")
    for (chars, weight, link), ((f1, p, r), (f2, p2, r2)) in ranked[:30]:
        print(f"{(f1 + f2) / 2:.3f}    {f1:.3f} {p:.3f} {r:.3f}   {f2:.3f} {p2:.3f} {r2:.3f}"
              f"   {chars:>10} {weight:>13} {link}")


def whole(rows: list[dict]) -> None:
    """All of AllSides: both linkers timed (CPU), the sample scored inside the whole corpus."""
    gold_all = gold_rows()
    store = store_of(rows)
    print(f"\nAll of AllSides: {len(rows)} articles; labelled sample scored inside it")
    cpu = time.process_time()
    previous = stories_previous.link(store)
    cpu_previous = time.process_time() - cpu
    cpu = time.process_time()
    result = find_stories(store, StoryOptions(claims=False))
    cpu_new = time.process_time() - cpu
    old_name, new_name = LINKERS
    for name, cpu, labels in ((old_name, cpu_previous, previous),
                              (new_name + ", find_stories", cpu_new, result.labels)):
        pred = {m.id: int(lab) for m, lab in zip(store.metas, labels, strict=True)}
        sizes = Counter(labels[labels >= 0].tolist())
        print(f"  {name}: {int((labels >= 0).sum())} articles in {len(sizes)} stories, "
              f"largest {max(sizes.values())}; CPU {cpu:.0f} s")
        for split in ("dev", "test"):
            gold = {g["id"]: g["story"] for g in gold_all if g["split"] == split}
            print(_line(split, pred, gold))
    print(f"  newsaudit wall-clock stages: {result.timings}")
    print("\nCoverage spread of the ten largest stories (claims: see the CLI's summary):\n")
    print(story_summary(result, top=10))


def score_members(path: Path) -> None:
    """The labelled sample scored on the stories of a ``newsaudit stories`` run."""
    import pyarrow.parquet as pq

    table = pq.read_table(path, columns=["story", "id"]).to_pydict()
    story = dict(zip(table["id"], table["story"], strict=True))
    gold_all = gold_rows()
    print(f"labelled sample scored on {path} ({len(story)} articles in stories)")
    for split in ("dev", "test"):
        gold = {g["id"]: g["story"] for g in gold_all if g["split"] == split}
        print(_line(split, {i: story.get(i, -1) for i in gold}, gold))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--all", action="store_true", help="also cluster all of AllSides")
    parser.add_argument("--tune", action="store_true", help="print the dev grid only")
    parser.add_argument("--members", type=Path, help="score this members.parquet only")
    args = parser.parse_args(argv)
    if args.members:
        score_members(args.members)
        return 0
    rows = allsides()
    if args.tune:
        tune(rows)
        return 0
    labelled(rows)
    if args.all:
        whole(rows)
    return 0


if __name__ == "__main__":
    sys.exit(main())
