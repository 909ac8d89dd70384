"""Body-line precision/recall/F1 on the Scrapinghub article-extraction pages.

Each of the 181 pages is rendered to page text (one block a line) and each line
labelled body or not from the hand-made ``articleBody``. newsaudit's classifier
is scored in 5-fold page-disjoint cross-validation (the folds of
``newsaudit.training.furniture``), twice: on the text alone (as for scraped text) and
with trafilatura's main text as evidence (as when HTML is given). The peer is
trafilatura itself: a line counts as kept when trafilatura's extraction holds it.

    .venv/bin/python benchmarks/body_lines.py
    .venv/bin/python benchmarks/body_lines.py --dragnet   # the shipped model on the Dragnet pages

With ``--dragnet`` the shipped model (fitted on the Scrapinghub pages, so it never
saw these) is scored on the 1,379 Dragnet pages with a body
(``newsaudit.training.pages``: comments cut from the gold, UTF-16 gold files
repaired), as text and with the HTML's evidence, beside trafilatura.
"""

from __future__ import annotations

import argparse
import re
import time

from common import print_table
from newsaudit.parse.furniture import classify_lines, load_model
from newsaudit.parse.lines import line_features, with_context
from newsaudit.training import furniture as T
from newsaudit.training import pages as P

_WORD = re.compile(r"\w+")


def _norm(text: str) -> str:
    return " ".join(_WORD.findall(text.lower()))


def dragnet(limit: int | None) -> None:
    """The shipped model on the Dragnet pages, beside trafilatura."""
    model = load_model()
    pages = P.load_pages(("dragnet",), limit=limit)
    rows = []
    for name, ev in (("newsaudit, text only", False), ("newsaudit, text + HTML evidence", True)):
        pairs = [(p.lines, p.labels,
                  classify_lines(p.lines, with_context(line_features(
                      p.lines, p.evidence if ev else None)), model)) for p in pages]
        rows.append([name, *_figures(T.line_scores(pairs))])
    peer = [(p.lines, p.labels, P.extractor_lines(p)) for p in pages]
    rows.append(["trafilatura 2.x extract (peer)", *_figures(T.line_scores(peer))])
    print_table(f"body lines on {len(pages)} Dragnet pages "
                f"({sum(len(p.lines) for p in pages):,} lines), shipped model",
                ["system", "char P", "char R", "char F1", "line P", "line R", "line F1"], rows)
    print("\nchar F1 to 4 places: " + "; ".join(f"{r[0]}: {r[3]:.4f}" for r in rows))


def _figures(s: dict[str, float]) -> list[float]:
    return [s["char_p"], s["char_r"], s["char_f1"], s["line_p"], s["line_r"], s["line_f1"]]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=None, help="pages (default: all)")
    parser.add_argument("--dragnet", action="store_true",
                        help="score the shipped model on the Dragnet pages instead")
    args = parser.parse_args()
    if args.dragnet:
        dragnet(args.limit)
        return
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
