"""Body-line precision/recall/F1 on the Scrapinghub and Dragnet pages, side by side.

Each page (181 Scrapinghub article pages, 1,380 Dragnet news and blog pages) is
rendered to page text (one block a line) and each line labelled body or not from
the hand-made gold body (``newsaudit.training.pages``). Three systems are scored
in the same run, in the same five page-disjoint cross-validation folds over both
collections:

- newsaudit: the shipped features and decisions (``newsaudit.training.furniture``),
  on the text alone (as for scraped text) and with the HTML's evidence;
- the previous model: the line features alone, trained on the Scrapinghub pages
  of the other folds only (the model before the Dragnet pages and page features,
  now the text model blended in on text without HTML), with its decisions;
- trafilatura 2.x ``extract`` (the peer, HTML only): a line counts as kept when
  trafilatura's main text holds it.

Figures are given for the Scrapinghub pages, the Dragnet pages and the 20
Scrapinghub pages not in English (the only pages in other languages in the data).

    .venv/bin/python benchmarks/body_lines.py            # about 50 minutes of CPU
    .venv/bin/python benchmarks/body_lines.py --limit 40 # 40 pages of each collection
    # newsaudit's out-of-fold probabilities from the training run, not fitted again:
    .venv/bin/python -m newsaudit.training.furniture --probabilities oof.json
    .venv/bin/python benchmarks/body_lines.py --probabilities oof.json
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import numpy as np

from common import print_table
from newsaudit.parse.furniture import (
    blend,
    classify_lines,
    extractor_held,
    looks_english,
)
from newsaudit.parse.lines import FEATURE_NAMES
from newsaudit.training import furniture as T
from newsaudit.training.pages import Page, load_pages


def _previous_decide(page: Page, html: bool, prob: np.ndarray) -> list[bool]:
    """The previous stage's decisions: line model, extractor on pages not in English."""
    if html and page.evidence and not looks_english(page.lines):
        return extractor_held(page.lines, page.evidence)
    return classify_lines(page.lines, prob)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=None,
                        help="pages of each collection (default: all)")
    parser.add_argument("--probabilities", type=Path, default=None,
                        help="newsaudit's out-of-fold probabilities written by "
                             "`python -m newsaudit.training.furniture --probabilities`")
    args = parser.parse_args()
    t0 = time.process_time()
    pages = load_pages(limit=args.limit)
    render_s = time.process_time() - t0
    t0 = time.process_time()
    previous_probs = T.cross_validate(pages, feats=T.text_features, names=FEATURE_NAMES,
                                      trains_on=T.scrapinghub)
    previous = T.decisions(pages, previous_probs, _previous_decide)
    if args.probabilities:
        probs = T.load_probabilities(args.probabilities)
    else:
        probs = T.cross_validate(pages)
        # on text alone the stage blends in the text model, which is the previous one
        by_key = {f"{p.collection}:{p.key}": p for p in pages}
        probs[False] = {k: blend(by_key[k].lines, v, previous_probs[False][k])
                        for k, v in probs[False].items()}
    ours = T.decisions(pages, probs)
    ours_s = time.process_time() - t0
    peer = T.group_scores(pages, T.extractor_decisions(pages))
    exact = []
    for name in T.GROUPS:
        n = sum(1 for p in pages if T.GROUPS[name](p))
        rows = []
        for label, decisions in (
                ("newsaudit, text only", ours[False]),
                ("previous model, text only", previous[False]),
                ("newsaudit, text + HTML", ours[True]),
                ("previous model, text + HTML", previous[True]),
                ("trafilatura 2.x extract (peer)", None)):
            s = peer[name] if decisions is None else T.group_scores(pages, decisions)[name]
            rows.append([label, s["char_p"], s["char_r"], s["char_f1"], s["line_p"],
                         s["line_r"], s["line_f1"]])
            exact.append(f"{name} / {label}: {s['char_f1']:.4f}")
        print_table(f"body lines on {n} {name} pages, 5-fold page-disjoint CV",
                    ["system", "char P", "char R", "char F1", "line P", "line R", "line F1"],
                    rows)
        print()
    print("char F1 to 4 places:\n  " + "\n  ".join(exact))
    print(f"{len(pages)} pages, {sum(len(p.lines) for p in pages):,} lines; rendering and "
          f"labelling {render_s:.0f} s CPU (cached after the first run); cross-validation of "
          f"both models (10 fits, 2 x {len(pages)} pages decided each) {ours_s:.0f} s CPU"
          + (" (probabilities read from a file)" if args.probabilities else ""))


if __name__ == "__main__":
    main()
