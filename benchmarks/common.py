"""Helpers shared by the benchmark scripts: data loading and table printing."""

from __future__ import annotations

import gzip
import json
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from newsaudit.data import dataset  # noqa: E402


def allsides_articles(limit: int | None = None, *, min_chars: int = 200) -> Iterator[dict]:
    """AllSides articles (Baly et al. 2020) in file order, skipping near-empty ones."""
    path = dataset("allsides_article_bias") / "articles.jsonl.gz"
    n = 0
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line)
            if len(row.get("content_original") or "") < min_chars:
                continue
            yield row
            n += 1
            if limit is not None and n >= limit:
                return


def print_table(title: str, header: Sequence[str], rows: Sequence[Sequence[object]]) -> None:
    """Print a plain aligned table (stdout, no colour, easy to paste into the README)."""
    cells = [[str(h) for h in header]] + [[_fmt(c) for c in r] for r in rows]
    widths = [max(len(r[i]) for r in cells) for i in range(len(header))]
    print(f"\n{title}")
    print("  ".join(h.ljust(w) for h, w in zip(cells[0], widths, strict=True)))
    print("  ".join("-" * w for w in widths))
    for r in cells[1:]:
        print("  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)))


def _fmt(value: object) -> str:
    if isinstance(value, float):
        return f"{value:.3f}" if abs(value) < 1000 else f"{value:,.0f}"
    return str(value)
