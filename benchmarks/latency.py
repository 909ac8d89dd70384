"""Analyze latency and throughput on AllSides articles (Baly et al. 2020).

Runs the full default pipeline on N articles (text as given, with source URL)
after one warm-up article, and prints per-stage mean times, p50/p95 latency
and articles per second on one core.

    .venv/bin/python benchmarks/latency.py --limit 200
"""

from __future__ import annotations

import argparse
import statistics
import time

import newsaudit
from common import allsides_articles, print_table


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=200, help="articles to analyse")
    args = parser.parse_args()

    rows = list(allsides_articles(args.limit + 1))
    warm, rows = rows[0], rows[1:]
    t0 = time.perf_counter()
    newsaudit.analyze(warm["content_original"], url=warm.get("url"))
    warmup = time.perf_counter() - t0

    latencies: list[float] = []
    stage_ms: dict[str, list[float]] = {}
    chars = 0
    start = time.perf_counter()
    for row in rows:
        t = time.perf_counter()
        report = newsaudit.analyze(row["content_original"], url=row.get("url"))
        latencies.append((time.perf_counter() - t) * 1000)
        chars += len(row["content_original"])
        for name, ms in report.article.timings.items():
            stage_ms.setdefault(name, []).append(ms)
    elapsed = time.perf_counter() - start

    latencies.sort()
    n = len(latencies)
    print_table(
        f"newsaudit analyze on {n} AllSides articles (mean {chars / n:,.0f} chars), one process",
        ["figure", "value"],
        [
            ["first call incl. model loading (s)", warmup],
            ["latency p50 (ms)", latencies[n // 2]],
            ["latency p95 (ms)", latencies[int(n * 0.95) - 1]],
            ["latency mean (ms)", statistics.fmean(latencies)],
            ["articles / second", n / elapsed],
        ],
    )
    print_table(
        "mean time per stage (ms)",
        ["stage", "mean", "max"],
        [[k, statistics.fmean(v), max(v)] for k, v in stage_ms.items()],
    )


if __name__ == "__main__":
    main()
