"""Credibility: the article model against TF-IDF + logistic regression, source-disjoint only.

Data: AllSides articles labelled by their source's rating in the project's own
reputation index (1 = low-rated source; high and mixed = 0), at most 250 a source,
plus the FakeNewsCorpus sample by its type (training rows only; the figures are
over AllSides), each body scrubbed of short site lines and outlet masked
(``newsaudit.training.credibility_data``; features cached on first run). Every
figure is source-disjoint: 5-fold cross-validation grouped by the source's rated
domain (all of an outlet's articles, under all its names and in both data sets,
in one fold; Platt scaling of each fold fitted on the other folds' out-of-fold
scores), and the AllSides ``media`` split (fit on train, Platt on valid, score test).

Printed, AUC within each AllSides leaning FIRST (the model must not pass by
telling right from left), then AUC, macro-F1 at 0.5, Brier score and ECE:

* the article model; the peer, TF-IDF word 1-2 grams + logistic regression on
  the same texts; a politics-only baseline that reads no text (the low share of
  the article's leaning);
* ablations, for both: outlet not masked; neither scrubbed nor masked (the body
  as the furniture parser left it); the article model without the FakeNewsCorpus rows;
* what each input group adds: the article model without it, and it alone;
* the article model with leaning-decorrelated training weights; the media split.

    NEWSAUDIT_CACHE=/path nice -n 19 .venv/bin/python benchmarks/credibility.py [--quick]
        [--per-source N]

``--parse N`` instead compares, on N articles, the sourcing read from the
pipeline's parse with the model's regular expressions. ``--per-source N`` keeps
at most N articles of each source (a documented subsample when time is short);
``--quick`` leaves out the ablations and the media split. Rows are printed as
they are measured, most telling first.
"""

from __future__ import annotations

import argparse
import random
import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import replace

import numpy as np
from sklearn.linear_model import LogisticRegression

from common import print_table
from newsaudit.article import Article
from newsaudit.judge.textfeatures import DENSE_NAMES, GROUPS
from newsaudit.options import Options
from newsaudit.pipeline import Pipeline
from newsaudit.training import credibility as ct
from newsaudit.training import credibility_data as cdata

HEADER = ("system", "eval", "AUC left", "AUC centre", "AUC right", "AUC", "macro-F1",
          "Brier", "ECE", "CPU s")
#: The peer: word n-grams seen in 5 or more articles, no source-spread filter, no
#: character n-grams or named features.
PEER = ct.Spec(char=False, columns=(), vocab=(1, 10**7), extra=False)
#: The shipped model (named features) and the full one the ablations start from.
MODEL = ct.SHIPPED
FULL = ct.Spec()


def _row(name: str, how: str, fig: dict[str, float], secs: float) -> list[object]:
    return [name, how, fig["auc_left"], fig["auc_center"], fig["auc_right"], fig["auc"],
            fig["macro_f1"], fig["brier"], fig["ece"], round(secs)]


def _run(data: ct.Data, name: str, fitter: ct.Fitter, media: bool = False,
         ) -> list[list[object]]:
    t0 = time.process_time()
    fig, _ = ct.grouped_cv(data, fitter)
    rows = [_row(name, "grouped CV", fig, time.process_time() - t0)]
    if media:
        t0 = time.process_time()
        rows.append(_row(name, "media split", ct.media_split(data, fitter),
                         time.process_time() - t0))
    return rows


def _print(name: str, how: str, fig: dict[str, float], secs: float) -> None:
    row = _row(name, how, fig, secs)
    print("  ".join(f"{c:.3f}" if isinstance(c, float) else str(c) for c in row), flush=True)


def runs(data: ct.Data, quick: bool) -> list[tuple[str, ct.Fitter, bool]]:
    """Every run, most telling first: model, peer, politics baseline, masking, groups."""
    fit = ct.model_fitter
    out: list[tuple[str, ct.Fitter, bool]] = [
        ("newsaudit article model", fit(data, MODEL), False),
        ("peer: TF-IDF + LR", fit(data, PEER), False),
        ("leaning only (no text)", ct.leaning_fitter(data), False),
        ("newsaudit + word and char n-grams (version 2)", fit(data, FULL), False)]
    if quick:
        return out
    out += [("full model, outlet not masked", fit(data, replace(FULL, text="raw")), False),
            ("peer, outlet not masked", fit(data, replace(PEER, text="raw")), False)]
    out += [(f"all but {g}", fit(data, replace(FULL, columns=tuple(
        n for n in DENSE_NAMES if n not in names))), False) for g, names in GROUPS.items()]
    out += [("all but word n-grams", fit(data, replace(FULL, word=False)), False),
            ("all but char n-grams", fit(data, replace(FULL, char=False)), False),
            ("word n-grams alone", fit(data, replace(FULL, char=False, columns=())), False),
            ("char n-grams alone", fit(data, replace(FULL, word=False, columns=())), False),
            ("named features alone", fit(data, replace(FULL, word=False, char=False)), False)]
    out += [(f"{g} alone", fit(data, replace(FULL, word=False, char=False, columns=names)),
             False) for g, names in GROUPS.items()]
    out += [("full model, not scrubbed, not masked", fit(data, replace(FULL, text="parsed")),
             False),
            ("peer, not scrubbed, not masked", fit(data, replace(PEER, text="parsed")), False),
            ("full model, no FakeNewsCorpus rows", fit(data, replace(FULL, extra=False)), False),
            ("full model, leaning-decorrelated weights",
             fit(data, replace(FULL, decorrelate=True)), False),
            ("newsaudit article model", fit(data, MODEL), True),
            ("peer: TF-IDF + LR", fit(data, PEER), True)]
    return out


def run_all(data: ct.Data, quick: bool, only: str | None = None) -> None:
    """Print each run's row as soon as it is measured (a long run can be read as it goes)."""
    print("  ".join(HEADER), flush=True)
    for name, fitter, media in runs(data, quick):
        if only is not None and only not in name:
            continue
        t0 = time.process_time()
        if media:
            fig = ct.media_split(data, fitter)
        else:
            fig, _ = ct.grouped_cv(data, fitter)
        _print(name, "media split" if media else "grouped CV", fig, time.process_time() - t0)


#: The pipeline's sourcing summary (spaCy parse + attribution model) read as features.
PARSE_FEATURES = ("share_anonymous", "share_secondhand", "share_direct", "quotes_per_100_words",
                  "share_person", "share_organization", "share_unnamed", "share_vague",
                  "share_document", "share_outlet", "attributions_per_100_words")


def _parse_features(text: str, pipe: Pipeline) -> list[float]:
    article = pipe(Article(text))
    summary = dict(article.signals["sourcing"])
    words = max(1, len(text.split()))
    summary["attributions_per_100_words"] = 100 * summary["n_attributions"] / words
    return [float(summary[k]) for k in PARSE_FEATURES]


def _dense_cv(x: np.ndarray, data: ct.Data) -> dict[str, float]:
    def fitter(train: np.ndarray) -> Callable[[np.ndarray], np.ndarray]:
        mean, std = x[train].mean(axis=0), x[train].std(axis=0) + 1e-9
        lr = LogisticRegression(class_weight="balanced", max_iter=1000)
        lr.fit((x[train] - mean) / std, data.y[train])
        return lambda rows: lr.decision_function((x[rows] - mean) / std)
    return ct.grouped_cv(data, fitter)[0]


def parse_table(records: list[dict], n: int) -> None:
    """Sourcing read from the pipeline's parse against the regular expressions, on a subsample.

    The parse costs ~0.5 s of CPU an article, too much for every training article:
    this measures on ``n`` AllSides articles (half from low-rated sources, at most 5
    a source) whether the parse's sourcing carries more than the model's regular
    expressions, each group alone in grouped cross-validation.
    """
    rng = random.Random(cdata.SEED)
    picked: list[dict] = []
    for label in (1, 0):
        pool = [r for r in records if r["label"] == label and r["leaning"] != "none"]
        rng.shuffle(pool)
        seen: dict[str, int] = defaultdict(int)
        for r in pool:
            seen[r["source"]] += 1
            if seen[r["source"]] <= 5 and sum(p["label"] == label for p in picked) < n // 2:
                picked.append(r)
    data = ct.as_data(picked)
    pipe = Pipeline(["parse.furniture", "nlp", "analysis.provenance", "analysis.sourcing"],
                    Options())
    t0 = time.process_time()
    parsed = np.array([_parse_features(r["raw"], pipe) for r in picked])
    secs = time.process_time() - t0
    regex = data.dense[:, [DENSE_NAMES.index(c) for c in GROUPS["sourcing"]]]
    rows = [_row("sourcing, regular expressions", "grouped CV", _dense_cv(regex, data), 0),
            _row("sourcing, pipeline parse", "grouped CV", _dense_cv(parsed, data), secs),
            _row("both", "grouped CV", _dense_cv(np.hstack([regex, parsed]), data), 0)]
    print_table(f"Sourcing features on {len(picked)} AllSides articles "
                f"({int(data.y.sum())} low; CPU s = the parse)", HEADER, rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true",
                        help="leave out the ablations, the groups and the media split")
    parser.add_argument("--parse", type=int, default=0, metavar="N",
                        help="compare parsed and regular-expression sourcing on N articles")
    parser.add_argument("--only", default=None,
                        help="run only the systems whose name contains this text")
    parser.add_argument("--per-source", type=int, default=None,
                        help="keep at most N articles of each source (subsample)")
    args = parser.parse_args()
    records = cdata.per_source(cdata.load(), args.per_source)
    cache = cdata.cache_path() if args.per_source is None else None
    data = ct.as_data(records, cache)
    a = data.allsides
    print(f"{int(a.sum())} AllSides articles ({int(data.y[a].sum())} from low-rated "
          f"sources) and {int((~a).sum())} FakeNewsCorpus articles "
          f"({int(data.y[~a].sum())} low) from {len(set(data.groups))} rated domains"
          + (f"; at most {args.per_source} a source" if args.per_source else ""))
    if args.parse:
        parse_table(records, args.parse)
        return
    run_all(data, args.quick, args.only)


if __name__ == "__main__":
    main()
