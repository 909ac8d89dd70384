"""Masthead from plain text: the headline, and the site and date given a URL.

AllSides articles (Baly et al. 2020) are stored as plain text with their title
and URL beside it. On a seeded sample, the articles whose text holds the title
(most texts start at the body) are read as plain text, and the masthead's title
is compared with AllSides' (lower-cased words; a title cut short at 60% of its
length or more counts as right). The baseline is the first line of the text. A
second table reads every sampled article with ``--url`` and counts how often the
report's domain and date are filled, and the date agrees with AllSides' own.

    .venv/bin/python benchmarks/masthead.py [--limit 4000] [--seed 11]
"""

from __future__ import annotations

import argparse
import random
import re

import newsaudit
from common import allsides_articles, print_table

ONLY = newsaudit.Options(stages=("parse.furniture",))


def _norm(text: str | None) -> str:
    return " ".join(re.findall(r"\w+", (text or "").lower()))


def _right(got: str | None, gold: str) -> bool:
    t = _norm(got)
    return bool(t) and (t == gold or (gold.startswith(t) and len(t) > 0.6 * len(gold)))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--limit", type=int, default=4000)
    parser.add_argument("--seed", type=int, default=11)
    args = parser.parse_args()
    rows = list(allsides_articles())
    random.Random(args.seed).shuffle(rows)
    rows = rows[:args.limit]
    counts = {"newsaudit": [0, 0, 0], "first line": [0, 0, 0]}
    with_title = 0
    dated = filled = date_ok = 0
    for row in rows:
        text, gold = row["content_original"], _norm(row["title"])
        art = newsaudit.analyze(text, url=row["url"], options=ONLY).to_dict()["article"]
        filled += bool(art["domain"])
        if art["published"]:
            dated += 1
            date_ok += str(row.get("date") or "")[:10] == art["published"]
        if not gold or gold not in _norm(text[:3000]):
            continue
        with_title += 1
        first = text.strip().split("\n", 1)[0]
        for name, got in (("newsaudit", art["title"]), ("first line", first)):
            c = counts[name]
            c[0 if _right(got, gold) else 1 if not _norm(got) else 2] += 1
    print_table(f"headline on {with_title} AllSides texts that hold it (of {len(rows)} sampled)",
                ["method", "right", "none", "wrong"],
                [[name, *(x / with_title for x in c)] for name, c in counts.items()])
    print_table(f"read as text with --url ({len(rows)} articles)",
                ["figure", "share"],
                [["domain filled", filled / len(rows)], ["date filled (from the URL or a line)",
                                                         dated / len(rows)],
                 ["of those, same day as AllSides' date", date_ok / max(dated, 1)]])


if __name__ == "__main__":
    main()
