"""Body-line precision/recall/F1 on the Scrapinghub article-extraction pages.

Each of the 181 pages is rendered to page text (one block a line) and each line
labelled body or not from the hand-made ``articleBody``. newsaudit's classifier
is scored in 5-fold page-disjoint cross-validation (the folds of
``newsaudit.training.furniture``), twice: on the text alone (as for scraped text) and
with trafilatura's main text as evidence (as when HTML is given). The peer is
trafilatura itself: a line counts as kept when trafilatura's extraction holds it.

    .venv/bin/python benchmarks/body_lines.py
"""

from __future__ import annotations

import argparse
import re
import time

from common import print_table
from newsaudit.parse.furniture import classify_lines
from newsaudit.training import furniture as T

_WORD = re.compile(r"\w+")


def _norm(text: str) -> str:
    return " ".join(_WORD.findall(text.lower()))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=None, help="pages (default: all 181)")
    args = parser.parse_args()
    t0 = time.perf_counter()
    pages = T.load_pages(args.limit)
    render_s = time.perf_counter() - t0
    ours = {False: [], True: []}
    t_classify, n_lines = 0.0, 0
    for train, test in T.folds(pages):
        model = T.fit(*T.stack(train))
        for p in test:
            for ev in (False, True):
                t = time.perf_counter()
                X = T.page_matrix(p, ev)
                pred = classify_lines(p.lines, X, model)
                t_classify += time.perf_counter() - t
                n_lines += len(p.lines)
                ours[ev].append((p.lines, p.labels, pred))
    peer = []
    for p in pages:
        ev = _norm(p.evidence or "")
        peer.append((p.lines, p.labels, [bool(_norm(ln.text)) and _norm(ln.text) in ev
                                         for ln in p.lines]))
    rows = []
    exact = {}
    for name, pairs in (("newsaudit, text only", ours[False]),
                        ("newsaudit, text + HTML evidence", ours[True]),
                        ("trafilatura 2.x extract (peer)", peer)):
        s = T.line_scores(pairs)
        exact[name] = s["char_f1"]
        rows.append([name, s["char_p"], s["char_r"], s["char_f1"], s["line_p"], s["line_r"],
                     s["line_f1"]])
    print_table(
        f"body lines on {len(pages)} Scrapinghub pages "
        f"({sum(len(p.lines) for p in pages):,} lines), 5-fold page-disjoint CV",
        ["system", "char P", "char R", "char F1", "line P", "line R", "line F1"], rows,
    )
    print("\nchar F1 to 4 places: " + "; ".join(f"{k}: {v:.4f}" for k, v in exact.items()))
    print(f"rendering + labelling: {render_s:.1f} s; classification: "
          f"{1000 * t_classify / (2 * len(pages)):.2f} ms a page "
          f"({n_lines / t_classify:,.0f} lines/s)")


if __name__ == "__main__":
    main()
