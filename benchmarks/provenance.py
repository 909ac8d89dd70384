"""Provenance: wire credits and hat tips on PolNeAR, syndication notices on AllSides.

(a) PolNeAR (Newell et al. 2018): the metadata names each article's wire service
    (AP, UPI, AFP, Reuters) and hat tip credit ("h/t: The Hill"). We compare the
    wire credits and hat tips found in the text with them, per article. Most
    hat-tip credits were read from the pages and are not in the stored texts, so
    a second row scores hat tips against the "h/t" lines present in the text.
(b) AllSides (Baly et al. 2020): articles carrying the Daily Caller News
    Foundation licence notice. Gold is a plain string test on the notice's fixed
    wording ("Content created by The Daily Caller News Foundation" or "The Daily
    Caller News Foundation licenses its content"); newsaudit must find the notice
    and name the foundation. Precision is also reported on a seeded random sample
    of articles without the wording, where every DCNF notice found is a false
    positive; the other syndication notices found there are counted for review
    (--show prints them).
(c) AllSides articles published by Reuters or the Associated Press: share whose
    own wire credit is found (recall only: the outlet is the wire).

The baseline rows are the naive string test a researcher would write first: the
agency's name or "h/t" anywhere in the text. The provenance stage runs without
the spaCy parse (which only mends name boundaries of cited outlets) on Articles
built from the text, body = whole text.

    .venv/bin/python benchmarks/provenance.py [--limit N] [--sample N] [--show]
"""

from __future__ import annotations

import argparse
import csv
import random
import re
import time
from collections import Counter

import newsaudit
from common import allsides_articles, print_table
from newsaudit.analysis.provenance import find_provenance
from newsaudit.data import dataset

GOLD_WIRE = {"ap": "The Associated Press", "upi": "United Press International",
             "afp": "Agence France-Presse", "reuters": "Reuters"}
#: The naive baseline: the agency's name anywhere in the text.
BASELINE_WIRE = {"The Associated Press": re.compile(r"\bAP\b|Associated Press"),
                 "United Press International": re.compile(r"\bUPI\b"),
                 "Agence France-Presse": re.compile(r"\bAFP\b|Agence France"),
                 "Reuters": re.compile(r"\bReuters\b")}
DCNF = "Daily Caller News Foundation"
DCNF_NOTICE = re.compile(r"Content created by The Daily Caller News Foundation|"
                         r"Daily Caller News Foundation licenses its content")
HT_LINE = re.compile(r"\bh/t\b", re.I)
OWN_WIRE = {"Reuters": "Reuters", "Associated Press": "The Associated Press"}


class Scores:
    """True positive, false positive and false negative counts."""

    def __init__(self) -> None:
        self.tp = self.fp = self.fn = 0

    def add(self, gold: set[str], found: set[str]) -> None:
        self.tp += len(gold & found)
        self.fp += len(found - gold)
        self.fn += len(gold - found)

    def row(self, task: str, docs: int) -> list[object]:
        p = self.tp / max(1, self.tp + self.fp)
        r = self.tp / max(1, self.tp + self.fn)
        return [task, docs, p, r, 2 * p * r / (p + r) if p + r else 0.0,
                self.tp, self.fp, self.fn]


def _article(text: str) -> newsaudit.Article:
    article = newsaudit.Article(text.replace("\r\n", "\n"))
    article.body = [(0, len(article.text))]
    return article


def _norm(name: str) -> str:
    return re.sub(r"[^a-z0-9]", "", name.lower().removeprefix("the ").removesuffix(".com"))


def polnear(timer: list[float]) -> list[list[object]]:
    root = dataset("polnear") / "data"
    wire, base, tips, in_text = Scores(), Scores(), Scores(), Scores()
    per_wire: Counter[str] = Counter()
    per_wire_hit: Counter[str] = Counter()
    n = 0
    with (root / "metadata.tsv").open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            path = root / row["compartment"] / "text" / f"{row['filename']}.txt"
            if not path.exists():
                continue
            n += 1
            text = path.read_text(encoding="utf-8")
            t0 = time.perf_counter()
            prov = find_provenance(_article(text))
            timer[0] += time.perf_counter() - t0
            timer[1] += 1
            gold_wire = GOLD_WIRE.get((row["wire"] or "").strip().lower())
            gold = {gold_wire} if gold_wire else set()
            found = {w.name for w in prov.wire}
            wire.add(gold, found)
            base.add(gold, {name for name, rx in BASELINE_WIRE.items() if rx.search(text)})
            if gold_wire:
                per_wire[gold_wire] += 1
                per_wire_hit[gold_wire] += gold_wire in found
            credit = (row["credit"] or "").strip()
            tip = credit.split(":", 1)[1] if credit.lower().startswith("h/t") else ""
            found_tips = {_norm(t.name) for t in prov.hat_tips if t.kind == "hat_tip"}
            tips.add({_norm(tip)} if tip.strip() else set(), found_tips)
            in_text.add({"h/t"} if HT_LINE.search(text) else set(),
                        {"h/t"} if found_tips else set())
    rows = [wire.row("PolNeAR wire credit (AP/UPI/AFP/Reuters)", n),
            base.row("  baseline: agency name anywhere", n),
            tips.row("PolNeAR hat tip vs metadata credit", n),
            in_text.row("PolNeAR hat tip vs h/t in the text", n)]
    rows += [[f"  recall {name}", per_wire[name], "", per_wire_hit[name] / per_wire[name], "",
              per_wire_hit[name], "", per_wire[name] - per_wire_hit[name]]
             for name in sorted(per_wire)]
    return rows


def allsides(limit: int | None, sample: int, show: bool, timer: list[float]
             ) -> list[list[object]]:
    dcnf, base = Scores(), Scores()
    neg_fp = neg_docs = 0
    own = Scores()
    own_docs = 0
    negatives: list[dict] = []
    n = 0
    for row in allsides_articles(limit, min_chars=1):
        text = row["content_original"]
        gold = {DCNF} if DCNF_NOTICE.search(text) else set()
        t0 = time.perf_counter()
        prov = find_provenance(_article(text))
        timer[0] += time.perf_counter() - t0
        timer[1] += 1
        found = {DCNF} if any(DCNF in s.name for s in prov.syndicated_from) else set()
        dcnf.add(gold, found)
        base.add(gold, {DCNF} if DCNF in text else set())
        if not gold:
            negatives.append(row)
        source = row.get("source") or ""
        if source in OWN_WIRE:
            own_docs += 1
            want = OWN_WIRE[source]
            own.add({want}, {want} & {w.name for w in prov.wire})
        n += 1
    random.Random(13).shuffle(negatives)
    kinds: Counter[str] = Counter()
    for row in negatives[:sample]:
        neg_docs += 1
        prov = find_provenance(_article(row["content_original"]))
        neg_fp += any(DCNF in s.name for s in prov.syndicated_from)
        for s in prov.syndicated_from:
            kinds[s.kind] += 1
            if show:
                print(f"  [{row['source']}] {s.kind}: {s.name} <- {s.evidence.text[:100]!r}")
    return [dcnf.row("AllSides DCNF licence notice", n),
            base.row("  baseline: 'Daily Caller News Foundation' anywhere", n),
            ["AllSides DCNF notice on sample without it", neg_docs,
             0.0 if neg_fp else 1.0, "", "", 0, neg_fp, ""],
            ["  other notices found in that sample", neg_docs, "", "", "",
             ", ".join(f"{k}={v}" for k, v in kinds.most_common()) or "-", "", ""],
            own.row("AllSides Reuters/AP articles: own wire credit", own_docs)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=None,
                        help="AllSides articles to read (default all 37,554)")
    parser.add_argument("--sample", type=int, default=2000,
                        help="AllSides articles without the notice checked for false positives")
    parser.add_argument("--show", action="store_true",
                        help="print the notices found in the sample, for review")
    args = parser.parse_args()
    timer = [0.0, 0]
    rows = polnear(timer) + allsides(args.limit, args.sample, args.show, timer)
    print_table("provenance detection (per article)",
                ["task", "docs", "P", "R", "F1", "tp", "fp", "fn"], rows)
    print(f"\nthroughput without spaCy: {timer[1] / timer[0]:,.0f} articles/s "
          f"({timer[1]:,} articles, {timer[0]:.1f} s in find_provenance)")


if __name__ == "__main__":
    main()
