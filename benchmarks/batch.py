"""Corpus runs (``newsaudit batch``) on AllSides articles (Baly et al. 2020).

Sections (all by default):

- ``compare``: on the same N articles, in the same run, the CPU time per article
  of spaCy's bare ``nlp.pipe`` (the floor), of ``analyze()`` one at a time, and
  of ``batch`` with one worker (full and fast profiles); a check that batch's
  findings equal analyze()'s; where batch's time goes, stage by stage (the span
  model's share is sourcing's time in the full profile minus the fast one's).
- ``scaling``: wall time and throughput of ``batch`` with 1 and 2 workers.
- ``growth``: time and peak memory of one worker at growing corpus sizes.

CPU time (``time.process_time``) is used for per-core cost: it does not count
the time other programs take the cores from this one, which wall time on a
shared machine does.

    .venv/bin/python benchmarks/batch.py --limit 300
    .venv/bin/python benchmarks/batch.py scaling --limit 400   # on an idle machine
    .venv/bin/python benchmarks/batch.py growth --sizes 1000,10000,30000 --profile fast
    .venv/bin/python benchmarks/batch.py growth --sizes 50,100,200 --chunk-size 16
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import newsaudit
from common import allsides_articles, print_table
from newsaudit.corpus.batch import CHUNK_SIZE, run_batch
from newsaudit.corpus.store import committed
from newsaudit.corpus.tables import item_rows
from newsaudit.corpus.worker import single_threaded
from newsaudit.nlp import PIPE_BATCH, load

COLUMNS = {"text": "content_original"}


def write_corpus(path: Path, n: int, keep: bool = True) -> list[dict]:
    """The first ``n`` AllSides articles as JSONL (ids ``as0``...); kept in memory
    only when ``keep`` (the growth runs must not hold the corpus)."""
    rows = []
    with open(path, "w", encoding="utf-8") as fh:
        for i, row in enumerate(allsides_articles(n)):
            # What analyze() is given too: the text, its URL and source (a title or
            # date given to batch is kept as the article's own and can move the
            # masthead, so the findings would differ for a reason other than batching).
            keep_cols = {k: row.get(k) for k in ("content_original", "url", "source")}
            fh.write(json.dumps({"id": f"as{i}", **keep_cols}) + "\n")
            if keep:
                rows.append(row)
    return rows


def cpu(fn) -> tuple[float, object]:
    t0 = time.process_time()
    out = fn()
    return time.process_time() - t0, out


def compare(limit: int) -> None:
    tmp = Path(tempfile.mkdtemp(prefix="newsaudit-bench-"))
    rows = write_corpus(tmp / "in.jsonl", limit)
    texts = [r["content_original"] for r in rows]
    n = len(texts)
    single_threaded()  # ONNX Runtime on one thread for every system: cost per core
    newsaudit.analyze(texts[0])  # load every model before timing
    nlp = load()
    bare, _ = cpu(lambda: [len(d) for d in nlp.pipe(texts, batch_size=PIPE_BATCH)])
    one, reports = cpu(lambda: [newsaudit.analyze(r["content_original"], url=r.get("url"),
                                                  site=r.get("source")).to_dict()
                                for r in rows])
    full, res_full = cpu(lambda: run_batch([tmp / "in.jsonl"], tmp / "full", workers=1,
                                           columns=COLUMNS, progress=False))
    fast, res_fast = cpu(lambda: run_batch([tmp / "in.jsonl"], tmp / "fast", workers=1,
                                           profile="fast", columns=COLUMNS, progress=False))
    print_table(
        f"CPU time per article, {n} AllSides articles (mean {sum(map(len, texts)) / n:,.0f} "
        "chars), one core, same run",
        ["system", "ms / article", "x bare nlp.pipe", "articles / CPU-second"],
        [[name, 1000 * t / n, t / bare, n / t] for name, t in [
            ("spaCy nlp.pipe, bare (the floor)", bare),
            ("newsaudit analyze(), one at a time", one),
            ("newsaudit batch, 1 worker, full", full),
            ("newsaudit batch, 1 worker, --profile fast", fast)]],
    )
    tables = newsaudit.read_results(tmp / "full")
    same, differ = 0, []
    for i, report in enumerate(reports):
        expected = item_rows(f"as{i}", report)
        bad = []
        for name in ("attributions", "claims", "entities", "furniture"):
            got = tables[name][tables[name]["id"] == f"as{i}"]
            ok = len(got) == len(expected[name])
            if name == "attributions":
                ok &= got.sort_values("n")["content_text"].tolist() == [
                    r.get("content_text") for r in expected[name]]
            if not ok:
                bad.append(f"{name} {len(got)} vs {len(expected[name])}")
        same += not bad
        if bad:
            differ.append(f"as{i}: " + ", ".join(bad))
    fast_tables = newsaudit.read_results(tmp / "fast", tables=["attributions", "articles"])
    print(f"\nsame findings as analyze() (attributions, claims, entities, furniture): "
          f"{same}/{n} articles; errors: {len(tables['errors'])}")
    for line in differ:
        print(f"  differs (batch vs analyze): {line}")
    n_full, n_fast = len(tables["attributions"]), len(fast_tables["attributions"])
    print(f"attributions: full {n_full}, fast {n_fast} ({n_fast / max(n_full, 1):.1%})")
    sf, sq = res_full.stage_ms, res_fast.stage_ms  # type: ignore[attr-defined]
    span = sf.get("analysis.sourcing", 0) - sq.get("analysis.sourcing", 0)
    parts = [(k, v / n) for k, v in sf.items() if k != "total"]
    parts.append(("  of which the span model (full - fast sourcing)", span / n))
    print_table("where batch's time goes (full profile, ms / article, wall per stage)",
                ["stage", "ms", "share"],
                [[k, v, v / (sf["total"] / n)] for k, v in parts])


#: Records per chunk in the scaling run: small enough that two workers finish
#: within a chunk of each other (a 256-record chunk would leave one worker idle
#: for most of a 400-article run's tail).
SCALING_CHUNK = 16


def scaling(limit: int) -> None:
    """1 and then 2 workers over the same articles in one run: wall-clock throughput.

    Needs both cores to itself: on a loaded machine the ratio measures how much of
    the machine each run got, not how batch scales."""
    tmp = Path(tempfile.mkdtemp(prefix="newsaudit-bench-"))
    write_corpus(tmp / "in.jsonl", limit, keep=False)
    rows = []
    for workers in (1, 2):
        t0 = time.perf_counter()
        res = run_batch([tmp / "in.jsonl"], tmp / f"w{workers}", workers=workers,
                        chunk_size=SCALING_CHUNK, columns=COLUMNS, progress=False)
        wall = time.perf_counter() - t0
        rows.append([workers, res.documents, wall, res.documents / wall])
    print_table(f"batch throughput by workers, the same {limit} AllSides articles, full "
                f"profile, chunks of {SCALING_CHUNK} (wall clock, model loading included; "
                f"load average at the start {os.getloadavg()[0]:.1f})",
                ["workers", "articles", "seconds", "articles / s"], rows)
    print(f"2 workers / 1 worker: {rows[1][3] / rows[0][3]:.2f}x (target >= 1.8x)")
    shutil.rmtree(tmp, ignore_errors=True)


def _one(size: int, profile: str, workers: int, chunk_size: int,
         stages: tuple[str, ...] | None) -> None:
    tmp = Path(tempfile.mkdtemp(prefix="newsaudit-bench-"))
    write_corpus(tmp / "in.jsonl", size, keep=False)
    single_threaded()
    t0, c0 = time.perf_counter(), time.process_time()
    res = run_batch([tmp / "in.jsonl"], tmp / "out", workers=workers, profile=profile,
                    options=newsaudit.Options(stages=stages) if stages else None,
                    chunk_size=chunk_size, columns=COLUMNS, progress=False)
    peak = max(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
               resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
    # The worker's peak memory after each chunk, in commit order: flat when memory
    # does not grow with the corpus.
    markers = sorted(committed(tmp / "out").values(), key=lambda m: m["first"])
    trail = [m.get("peak_rss_mb") for m in markers]
    print(json.dumps({"size": res.documents, "wall": time.perf_counter() - t0,
                      "cpu": time.process_time() - c0, "peak_mb": peak / 1024,
                      "peak_after_chunk": trail,
                      "errors": res.errors}))
    shutil.rmtree(tmp, ignore_errors=True)


def growth(sizes: list[int], profile: str, chunk_size: int,
           stages: tuple[str, ...] | None) -> None:
    rows = []
    for size in sizes:
        cmd = [sys.executable, __file__, "_one", "--sizes", str(size), "--profile", profile,
               "--chunk-size", str(chunk_size)]
        if stages:
            cmd += ["--stages", ",".join(stages)]
        out = subprocess.run(cmd, capture_output=True, text=True, check=True)
        r = json.loads(out.stdout.strip().splitlines()[-1])
        trail = r["peak_after_chunk"]
        marks = sorted({1, len(trail) // 4, len(trail) // 2, len(trail)} - {0})
        rows.append([r["size"], r["wall"], 1000 * r["cpu"] / r["size"], r["peak_mb"],
                     ", ".join(f"{k}: {trail[k - 1]:.0f}" for k in marks)])
    what = f"stages {','.join(stages)}" if stages else f"--profile {profile}"
    print_table(f"one worker, {what}, --chunk-size {chunk_size}: CPU time and peak memory "
                "by corpus size (each size in a fresh process, model loading included)",
                ["articles", "wall s", "CPU ms / article", "peak RSS MB",
                 "peak RSS MB after chunk k"], rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sections", nargs="*", default=["compare", "scaling", "growth"])
    parser.add_argument("--limit", type=int, default=300, help="articles for compare/scaling")
    parser.add_argument("--sizes", default="250,500,1000", help="corpus sizes for growth")
    parser.add_argument("--profile", default="fast", help="profile for growth")
    parser.add_argument("--chunk-size", type=int, default=CHUNK_SIZE,
                        help="records per chunk for growth (memory is bounded by it)")
    parser.add_argument("--stages", default="",
                        help="growth: run only these stages (comma-separated) instead of a profile")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    stages = tuple(args.stages.split(",")) if args.stages else None
    if args.sections == ["_one"]:
        _one(sizes[0], args.profile, 1, args.chunk_size, stages)
        return
    for section in args.sections:
        {"compare": lambda: compare(args.limit), "scaling": lambda: scaling(args.limit),
         "growth": lambda: growth(sizes, args.profile, args.chunk_size, stages)}[section]()


if __name__ == "__main__":
    main()
