"""Provenance: wire credits and hat tips on PolNeAR, syndication notices on AllSides.

(a) PolNeAR (Newell et al. 2018): every article's metadata names its wire service
    (AP, UPI, AFP, Reuters) and its hat tip ("h/t: The Hill"); we compare them with
    the wire credits and hat tips found in the article text.
(b) AllSides (Baly et al. 2020): articles carrying the Daily Caller News Foundation
    licence notice. Gold is a plain string test on the notice's fixed wording;
    newsaudit must find the notice and name The Daily Caller News Foundation.
PolNeAR's credit metadata was taken from the pages, and most credits are not in
the stored texts: the hat-tip row against metadata measures that gap, the row
against "h/t" lines in the text measures the detector.
The provenance stage runs on Articles built from the text, body = whole text,
without the spaCy parse (it only adds ORG names for outlets cited by "told").

    .venv/bin/python benchmarks/provenance.py [--limit N]
"""

from __future__ import annotations

import argparse
import csv
import re
import time

import newsaudit
from common import allsides_articles, print_table
from newsaudit.analysis.provenance import WIRES, find_provenance
from newsaudit.data import dataset

GOLD_WIRE = {"ap": "The Associated Press", "upi": "United Press International",
             "afp": "Agence France-Presse", "reuters": "Reuters"}
DCNF = "Daily Caller News Foundation"


def _article(text: str) -> newsaudit.Article:
    article = newsaudit.Article(text.replace("\r\n", "\n"))
    article.body = [(0, len(article.text))]
    return article


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p, r = tp / max(1, tp + fp), tp / max(1, tp + fn)
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def polnear() -> list[list[object]]:
    root = dataset("polnear") / "data"
    wire = [0, 0, 0]
    tips = [0, 0, 0]
    in_text = [0, 0, 0]
    n = 0
    with (root / "metadata.tsv").open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            path = root / row["compartment"] / "text" / f"{row['filename']}.txt"
            if not path.exists():
                continue
            n += 1
            text = path.read_text(encoding="utf-8")
            prov = find_provenance(_article(text))
            has_ht = bool(re.search(r"\bh/t\b", text, re.I))
            found_ht = any(t.kind == "hat_tip" for t in prov.hat_tips)
            in_text[0] += has_ht and found_ht
            in_text[1] += found_ht and not has_ht
            in_text[2] += has_ht and not found_ht
            gold = GOLD_WIRE.get((row["wire"] or "").strip().lower())
            found = {w.name for w in prov.wire}
            wire[0] += gold in found if gold else 0
            wire[1] += len(found - {gold})
            wire[2] += bool(gold) and gold not in found
            credit = (row["credit"] or "").strip()
            gold_tip = credit.split(":", 1)[1].strip() if credit.lower().startswith("h/t") else None
            tip_names = {t.name.lower().removeprefix("the ") for t in prov.hat_tips}
            key = gold_tip.lower().removeprefix("the ") if gold_tip else None
            tips[0] += bool(key) and key in tip_names
            tips[1] += len(tip_names - {key})
            tips[2] += bool(key) and key not in tip_names
    return [["PolNeAR wire credit (AP/UPI/AFP/Reuters)", n, *prf(*wire), *wire],
            ["PolNeAR hat tip vs metadata credit", n, *prf(*tips), *tips],
            ["PolNeAR hat tip lines in the text", n, *prf(*in_text), *in_text]]


def allsides(limit: int | None) -> tuple[list[object], float]:
    counts = [0, 0, 0]
    n = 0
    t0 = time.perf_counter()
    for row in allsides_articles(limit, min_chars=1):
        text = row["content_original"]
        gold = "created by The Daily Caller News Foundation" in text or (
            DCNF in text and "available without charge" in text)
        names = {s.name for s in find_provenance(_article(text)).syndicated_from}
        hit = any(DCNF in name for name in names)
        counts[0] += gold and hit
        counts[1] += (not gold) and hit
        counts[2] += gold and not hit
        n += 1
    return ["AllSides Daily Caller News Foundation notice", n, *prf(*counts), *counts], \
        n / (time.perf_counter() - t0)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=None, help="AllSides articles (default all)")
    args = parser.parse_args()
    rows = polnear()
    row, rate = allsides(args.limit)
    rows.append(row)
    print_table("provenance detection", ["task", "docs", "P", "R", "F1", "tp", "fp", "fn"], rows)
    print(f"\nthroughput without spaCy: {rate:,.0f} articles/s; wire names known: {len(WIRES)}")


if __name__ == "__main__":
    main()
