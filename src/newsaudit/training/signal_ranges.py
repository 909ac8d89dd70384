"""Build ``models/signal_ranges.json``: the usual range of the signals the HTML report draws.

For every signal the report shows (``render.SIGNAL_ROWS``, plus the sourcing shares),
the quantiles every 5 percent over a fixed random sample of AllSides articles
(seed 13, across all sources and leanings), computed by the same pipeline that
writes reports (rules-only attributions: the signals do not read the span model).

    python -m newsaudit.training.signal_ranges --n 400
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import time
from pathlib import Path

import numpy as np

from .. import Options, analyze
from ..data import dataset
from ..render import SIGNAL_ROWS

OUT = Path(__file__).resolve().parents[1] / "models" / "signal_ranges.json"
STAGES = ("parse.furniture", "nlp", "analysis.provenance", "analysis.sourcing",
          "analysis.signals")


def sample(n: int, seed: int = 13) -> list[dict]:
    path = dataset("allsides_article_bias") / "articles.jsonl.gz"
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        rows = [json.loads(line) for line in fh]
    rows = [r for r in rows if len((r.get("content_original") or "").split()) >= 80]
    return random.Random(seed).sample(rows, n)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=400)
    args = ap.parse_args()
    options = Options(stages=STAGES, span_model=False)
    values: dict[str, list[float]] = {f"{g}.{k}": [] for g, k, _, _ in SIGNAL_ROWS}
    t0 = time.perf_counter()
    for row in sample(args.n):
        signals = analyze(row["content_original"], options=options).article.signals
        for key in values:
            group, name = key.split(".", 1)
            value = (signals.get(group) or {}).get(name)
            if value is not None:
                values[key].append(float(value))
    quantiles = {k: [round(float(q), 6) for q in np.quantile(v, np.linspace(0, 1, 21))]
                 for k, v in values.items() if v}
    about = ("Quantiles (0th, 5th, ..., 100th) of report signals over "
             f"{args.n} AllSides articles (seed 13, >= 80 words, rules-only pipeline); "
             "rebuilt by python -m newsaudit.training.signal_ranges")
    rows = ",\n".join(f"  {json.dumps(k)}: {json.dumps(v)}" for k, v in quantiles.items())
    OUT.write_text(f'{{\n "about": {json.dumps(about)},\n "n_articles": {args.n},\n'
                   f' "quantiles": {{\n{rows}\n }}\n}}\n', encoding="utf-8")
    print(f"{len(quantiles)} signals over {args.n} articles in "
          f"{time.perf_counter() - t0:.0f} s -> {OUT}")


if __name__ == "__main__":
    main()
