"""Source ratings: coverage on AllSides, lookup speed, build time, rater agreement.

- Coverage: share of AllSides articles (Baly et al. 2020) whose source resolves
  to at least one rating: by the article URL, and by the outlet name alone
  (the harder case: names like "New York Times - News").
- Speed: cold index build, warm load, resolutions per second.
- Agreement: Spearman correlation between Lin et al.'s pc1 and NewsGuard scores
  on the domains both rate (the only pair of continuous raters).
The peer is a plain exact-domain join, the usual spreadsheet approach.

    .venv/bin/python benchmarks/ratings.py
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from scipy.stats import spearmanr

from common import allsides_articles, print_table
from newsaudit.data import data_dir
from newsaudit.judge.raters import norm_domain
from newsaudit.judge.ratings import build, load_index


def main() -> None:
    root = data_dir()
    with tempfile.TemporaryDirectory() as tmp:
        t0 = time.perf_counter()
        build(root, Path(tmp) / "ix.json")
        cold = time.perf_counter() - t0
    load_index(rebuild=False)  # make sure the user cache holds the index
    load_index.cache_clear()
    t0 = time.perf_counter()
    index = load_index()
    warm = time.perf_counter() - t0

    rows = [(r["source"], r.get("url") or "", r.get("source_url") or "")
            for r in allsides_articles(None, min_chars=1)]
    urls = [u or s for _, u, s in rows]
    t0 = time.perf_counter()
    by_url = [index.resolve(u) for u in urls]
    url_rate = len(urls) / (time.perf_counter() - t0)
    names = sorted({n for n, _, _ in rows})
    t0 = time.perf_counter()
    name_hits = {n: index.resolve(n) for n in names}
    name_rate = len(names) / (time.perf_counter() - t0)
    exact = [norm_domain(u) in index.by_domain for u in urls]

    def share(hits: list[bool]) -> float:
        return sum(hits) / len(hits)

    url_ok = [bool(h and index.ratings(h.domain)) for h in by_url]
    name_ok_articles = [bool(name_hits[n]) for n, _, _ in rows]
    print_table(
        f"coverage on {len(rows):,} AllSides articles ({len(names)} outlet names)",
        ["method", "articles resolved", "distinct sources resolved"],
        [["newsaudit, from the article URL", share(url_ok),
          share([bool(by_url[i]) for i in {n: i for i, (n, _, _) in enumerate(rows)}.values()])],
         ["newsaudit, from the outlet name only (names include AllSides' own)",
          share(name_ok_articles),
          share([bool(h) for h in name_hits.values()])],
         ["peer: exact host join", share(exact), "-"]],
    )
    pairs = []
    for _dom, ratings in index.by_domain.items():
        lin = [r["score"] for r in ratings if r["rater"].startswith("Lin")]
        ng = [r["score"] for r in ratings if r["rater"].startswith("NewsGuard")]
        if lin and ng:
            pairs.append((lin[0], sum(ng) / len(ng)))
    rho = spearmanr([a for a, _ in pairs], [b for _, b in pairs]).statistic
    print_table("index and speed", ["figure", "value"], [
        ["domains rated", len(index.by_domain)],
        ["names indexed", len(index.names)],
        ["cold build (s)", cold],
        ["warm load (s)", warm],
        ["resolutions / s (URLs)", url_rate],
        ["resolutions / s (names)", name_rate],
        [f"Spearman pc1 vs NewsGuard (n={len(pairs)})", rho],
    ])
    missed = sorted({n for (n, _, _), ok in zip(rows, url_ok, strict=True) if not ok})
    print(f"\nsources not resolved from URL ({len(missed)}): {', '.join(missed[:25])}")


if __name__ == "__main__":
    main()
