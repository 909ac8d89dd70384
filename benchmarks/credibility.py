"""Credibility: the article model against TF-IDF + logistic regression, source-disjoint only.

Data: AllSides articles labelled by their source's rating in the project's own
reputation index (1 = low-rated source; high and mixed = 0), at most 250 a source,
outlet masked (``newsaudit.training.credibility_data``; features cached on first run).
Every figure is source-disjoint: 5-fold cross-validation grouped by the source's
rated domain (all of an outlet's articles, under all its AllSides names, in one
fold; Platt scaling of each fold fitted on the other folds' out-of-fold scores),
and the data set's ``media`` split (fit on train, Platt on valid, score test).

Printed, AUC within each AllSides leaning FIRST (the model must not pass by
telling right from left), then AUC, macro-F1 at 0.5, Brier score and ECE:

* the article model; the same without outlet masking (ablation: its n-grams read
  the unmasked body); the peer, TF-IDF word 1-2 grams + logistic regression on
  the same texts (masked, and unmasked);
* what each group of named features carries: each group alone and all but it,
  in a model of the named features only.

    NEWSAUDIT_CACHE=/path nice -n 10 .venv/bin/python benchmarks/credibility.py [--quick]
"""

from __future__ import annotations

import argparse
import time

from common import print_table
from newsaudit.judge.textfeatures import DENSE_NAMES, GROUPS
from newsaudit.training import credibility as ct
from newsaudit.training import credibility_data as cdata

HEADER = ("system", "eval", "AUC left", "AUC centre", "AUC right", "AUC", "macro-F1",
          "Brier", "ECE", "s")
#: The peer: every n-gram seen in 5 or more articles, no source-spread filter.
PEER_VOCAB = (1, 10**7)


def _row(name: str, how: str, fig: dict[str, float], secs: float) -> list[object]:
    return [name, how, fig["auc_left"], fig["auc_center"], fig["auc_right"], fig["auc"],
            fig["macro_f1"], fig["brier"], fig["ece"], round(secs)]


def _run(data: ct.Data, name: str, fitter: ct.Fitter, media: bool) -> list[list[object]]:
    t0 = time.perf_counter()
    fig, _ = ct.grouped_cv(data, fitter)
    rows = [_row(name, "grouped CV", fig, time.perf_counter() - t0)]
    if media:
        t0 = time.perf_counter()
        rows.append(_row(name, "media split", ct.media_split(data, fitter),
                         time.perf_counter() - t0))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true",
                        help="leave out the unmasked runs and the media split")
    args = parser.parse_args()
    records = cdata.load()
    data = ct.as_data(records, cdata.cache_path().with_suffix(".counts.npz"))
    n_low = int(data.y.sum())
    print(f"{len(data.y)} articles ({n_low} from low-rated sources) from "
          f"{len(set(data.groups))} rated domains")
    media = not args.quick
    rows = _run(data, "newsaudit article model", ct.model_fitter(data), media)
    rows += _run(data, "peer: TF-IDF + LR", ct.model_fitter(data, columns=(),
                                                           vocab=PEER_VOCAB), media)
    if not args.quick:
        rows += _run(data, "newsaudit, outlet not masked",
                     ct.model_fitter(data, raw_text=True), False)
        rows += _run(data, "peer, outlet not masked",
                     ct.model_fitter(data, columns=(), vocab=PEER_VOCAB, raw_text=True), False)
    rows += _run(data, "n-grams only (source-spread vocabulary)",
                 ct.model_fitter(data, columns=()), False)
    print_table("Credibility, source-disjoint (AUC within each leaning first)", HEADER, rows)
    groups = [_run(data, "named features, all", ct.model_fitter(data, use_text=False),
                   False)[0]]
    for g, names in GROUPS.items():
        rest = tuple(n for n in DENSE_NAMES if n not in names)
        groups += _run(data, f"{g} alone", ct.model_fitter(data, names, use_text=False), False)
        groups += _run(data, f"all but {g}", ct.model_fitter(data, rest, use_text=False), False)
    print_table("Named feature groups (no n-grams), grouped CV", HEADER, groups)


if __name__ == "__main__":
    main()
