"""Outlet names to domains: accuracy on names as stories write them.

The list (``data/outlet_names.csv``, 202 names) was built from the outlet names
newsaudit's provenance stage finds in 6,000 AllSides articles (a seeded random
sample, seed 13: cited outlets, wire credits, syndication notices; the count of
mentions is the ``mentions`` column): every name of a news outlet mentioned at
least twice and most of those mentioned once, each labelled by hand with the
domain of the outlet the articles mean (several accepted domains separated by
``|``). Shared short names ("Times", "the Post", "Journal", "Monitor") are
labelled ``-``: without the article, the right answer is "unknown". Fourteen names
of organisations that are not outlets (the White House, Gallup) are labelled ``-``
or their own site; four names the issue listed as missed were added (mentions 0).
The alias table (``judge/aliases.py``) was written with these names in view, so
the figure is not a held-out one: it measures that the resolver does what the
table and the guards intend, and how often the rating sets' names alone are wrong.

Rows: newsaudit's resolver, and the former one (the rating sets' names and the
domains' labels merged, exact then fuzzy, no aliases, no guards). "wrong" counts a
name resolved to another outlet's domain (the worst case: a false rating); "missed"
an outlet left unknown.

    .venv/bin/python benchmarks/outlet_names.py [--show]
"""

from __future__ import annotations

import argparse
import csv
from collections.abc import Callable
from pathlib import Path

from common import print_table
from newsaudit.judge.ratings import FUZZY_MIN, RatingIndex, _name_key, load_index

HERE = Path(__file__).resolve().parent


def former(index: RatingIndex) -> Callable[[str], str | None]:
    """The resolver before the alias table and the guards, for comparison."""
    from rapidfuzz import fuzz, process

    merged = {**index.labels, **index.names}
    keys = list(merged)

    def resolve(name: str) -> str | None:
        key = _name_key(name)
        if key in merged:
            return merged[key]
        if len(key) < 5:
            return None
        best = process.extractOne(key, keys, scorer=fuzz.ratio, score_cutoff=FUZZY_MIN)
        return merged[best[0]] if best else None

    return resolve


def score(rows: list[dict], resolve: Callable[[str], str | None], weighted: bool,
          show: str | None = None) -> list[object]:
    right = wrong = missed = total = 0
    for row in rows:
        w = max(int(row["mentions"]), 1) if weighted else 1
        ok = set(row["expected"].split("|"))
        got = resolve(row["name"])
        total += w
        if (got or "-") in ok:
            right += w
        elif got is None:
            missed += w
        else:
            wrong += w
        if show and (got or "-") not in ok:
            print(f"  [{show}] {row['name']!r}: got {got}, expected {row['expected']}")
    return [right / total, wrong / total, missed / total]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--show", action="store_true", help="print every error")
    args = parser.parse_args()
    with (HERE / "data" / "outlet_names.csv").open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    index = load_index()

    def ours(name: str) -> str | None:
        found = index.resolve(name)
        return found.domain if found else None

    old = former(index)
    table = []
    for label, fn in (("newsaudit", ours), ("former resolver", old)):
        table.append([label, *score(rows, fn, False, label if args.show else None),
                      *score(rows, fn, True)])
    print_table(f"{len(rows)} outlet names from AllSides articles, labelled by hand",
                ["resolver", "right", "wrong", "missed", "right (by mentions)",
                 "wrong (by mentions)", "missed (by mentions)"], table)


if __name__ == "__main__":
    main()
