"""Attribution quality on PolNeAR (Newell, Margolin and Ruths 2018), side by side
with textacy's ``direct_quotations`` run on the same spaCy docs.

    .venv/bin/python benchmarks/polnear.py                 # test split, all docs
    .venv/bin/python benchmarks/polnear.py --split dev     # the split used for tuning
    .venv/bin/python benchmarks/polnear.py --limit 20

Gold: the brat ``.ann`` files of ``data/<split>/attributions``; Source, Cue and
Content text-bound spans (discontinuous spans as their fragments). A document
annotated by several annotators is scored against one file, chosen
deterministically: the alphabetically first annotator id. Predictions are
scored the same way: a quotation interrupted by its cue ("“...,” X said. “...”")
is one discontinuous content, the attribution's ``fragments``, as in the gold.

Matching (per role, one-to-one, greedy by overlap): a predicted span matches a
gold span when their overlap covers at least half of the *longer* of the two.
Each span then holds at least half of the other, so neither a sentence-long
prediction swallowing a short gold span nor a fragment of a long gold span
counts; boundary conventions (quote marks, a leading "that", trailing commas)
that annotators and tools settle differently do not matter. Also printed: any
overlap (the "partial match" of Pareti 2016) and exact match after trimming
spaces, quote marks and punctuation at both ends.

Rows: newsaudit as shipped (the rules' attributions under the confidence model's
threshold dropped, ``analysis/confidence.py``, then the span model's additions and
moved boundaries, ``analysis/spans.py``), the rules alone at the threshold, the
rules with every candidate kept, and textacy.

Anonymous-source accuracy: over gold sources matched by a predicted source,
the share where "predicted speaker_type == anonymous" equals the gold label; a
gold source is anonymous when it has no proper noun, is not a pronoun, and its
head is not an outlet or document word (report, newspaper, statement ...).
"""

from __future__ import annotations

import argparse
import contextlib
import sys
import time
from collections.abc import Iterable

import common  # noqa: F401  (puts src/ on sys.path)
from common import print_table
from newsaudit.analysis.confidence import load_model
from newsaudit.analysis.intervals import Extent, predicted
from newsaudit.analysis.refinement import refine
from newsaudit.analysis.sourcing import find_attributions
from newsaudit.analysis.speakers import OUTLET_HEADS
from newsaudit.nlp import load
from newsaudit.training.polnear import ROLES, Document, load_split, match

#: The rows of the rules alone: at the confidence threshold, and every candidate.
RULES = "newsaudit, rules only"
ALL_CANDIDATES = "rules, no threshold"
SYSTEMS = ("newsaudit", RULES, ALL_CANDIDATES, "textacy")


def ours(found: list) -> tuple[dict[str, list[Extent]], dict[Extent, str]]:
    """Predicted spans by role, and speaker types by source span, of attributions."""
    pred: dict[str, set[Extent]] = {r: set() for r in ROLES}
    types: dict[Extent, str] = {}
    pred["content"] = {key for key, _ in predicted(found)}
    for a in found:
        if a.cue is not None:
            pred["cue"].add(((a.cue.start, a.cue.end),))
        if a.speaker is not None:
            rng = ((a.speaker.start, a.speaker.end),)
            pred["source"].add(rng)
            types[rng] = a.speaker_type
    return {r: sorted(v) for r, v in pred.items()}, types


def textacy_peer(doc) -> dict[str, list[Extent]]:
    from textacy.extract.triples import direct_quotations

    pred: dict[str, set[Extent]] = {r: set() for r in ROLES}
    try:
        parts = [(0, list(direct_quotations(doc)))]
    except ValueError:
        # Odd number of quote marks: textacy refuses the document; give it each
        # paragraph on its own instead, so it is not scored as empty.
        parts = []
        pos = 0
        for para in doc.text.split("\n"):
            span = doc.char_span(pos, pos + len(para), alignment_mode="expand")
            if span is not None and len(span):
                with contextlib.suppress(ValueError):
                    parts.append((span.start_char, list(direct_quotations(span.as_doc()))))
            pos += len(para) + 1
    for offset, triples in parts:
        for t in triples:
            for role, toks in (("source", t.speaker), ("cue", t.cue), ("content", t.content)):
                toks = list(toks)
                if toks:
                    a = min(x.idx for x in toks) + offset
                    b = max(x.idx + len(x) for x in toks) + offset
                    pred[role].add(((a, b),))
    return {r: sorted(v) for r, v in pred.items()}


def gold_anonymous(doc, r: Extent) -> bool | None:
    a, b = min(x for x, _ in r), max(y for _, y in r)
    span = doc.char_span(a, b, alignment_mode="expand")
    if span is None or not len(span):
        return None
    if any(t.pos_ == "PROPN" for t in span) or span.root.pos_ == "PRON":
        return False
    return span.root.lemma_.lower() not in OUTLET_HEADS and span.root.lower_ not in OUTLET_HEADS


def prf(tp_p: int, n_p: int, tp_g: int, n_g: int) -> tuple[float, float, float]:
    p = tp_p / n_p if n_p else 0.0
    r = tp_g / n_g if n_g else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def evaluate(docs: list[Document], nlp) -> None:
    counts: dict[tuple[str, str, str], list[int]] = {}
    anon = {"n": 0, "ok": 0, "gold_anon": 0, "tp": 0, "pred_anon": 0}
    t_ours = t_peer = 0.0
    threshold = load_model().threshold
    for d in docs:
        doc = nlp(d.text)
        t0 = time.perf_counter()
        # Every candidate of the rules, scored once; the rules' output is those at the
        # threshold, the shipped output those after the span model's changes.
        found = find_attributions(doc, min_confidence=0.0, span_model=False)
        shipped = [a for a in refine(doc, found, threshold) if (a.confidence or 0) >= threshold]
        mine, types = ours(shipped)
        t1 = time.perf_counter()
        peer = textacy_peer(doc)
        t_peer += time.perf_counter() - t1
        t_ours += t1 - t0
        rules, _ = ours([a for a in found if (a.confidence or 0) >= threshold])
        every, _ = ours(found)
        for system, pred in (("newsaudit", mine), (RULES, rules), (ALL_CANDIDATES, every),
                             ("textacy", peer)):
            for role in ROLES:
                for mode in ("overlap50", "any", "exact"):
                    m = match(d.text, pred[role], d.gold[role], mode)
                    c = counts.setdefault((system, role, mode), [0, 0, 0])
                    c[0] += len(m)
                    c[1] += len(pred[role])
                    c[2] += len(d.gold[role])
        for i, j in match(d.text, mine["source"], d.gold["source"], "overlap50"):
            g = gold_anonymous(doc, d.gold["source"][j])
            if g is None:
                continue
            p = types.get(mine["source"][i]) == "anonymous"
            anon["n"] += 1
            anon["ok"] += p == g
            anon["gold_anon"] += g
            anon["pred_anon"] += p
            anon["tp"] += p and g
    rows = []
    for role in ROLES:
        for system in SYSTEMS:
            row: list[object] = [role, system]
            for mode in ("overlap50", "any", "exact"):
                tp, n_p, n_g = counts[(system, role, mode)]
                p, r, f = prf(tp, n_p, tp, n_g)
                row += [p, r, f] if mode == "overlap50" else [f]
            row.append(counts[(system, role, "overlap50")][1])
            row.append(counts[(system, role, "overlap50")][2])
            rows.append(row)
    print_table(
        f"PolNeAR attribution spans, {len(docs)} docs "
        "(match: overlap >= 50% of the longer span; also any-overlap F1, exact F1)",
        ["role", "system", "P", "R", "F1", "F1 any", "F1 exact", "n pred", "n gold"],
        rows,
    )
    acc = anon["ok"] / anon["n"] if anon["n"] else 0.0
    ap, ar, af = prf(anon["tp"], anon["pred_anon"], anon["tp"], anon["gold_anon"])
    print_table(
        "Anonymous-source typing on matched sources (textacy has no source types)",
        ["system", "n matched", "gold anonymous", "accuracy", "anon P", "anon R", "anon F1"],
        [["newsaudit", anon["n"], anon["gold_anon"], acc, ap, ar, af],
         ["textacy", "n/a", "n/a", "n/a", "n/a", "n/a", "n/a"]],
    )
    print(f"\nextraction time over the parsed docs: newsaudit {t_ours:.1f}s, "
          f"textacy {t_peer:.1f}s")


def main(argv: Iterable[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--split", default="test", choices=("train", "dev", "test"))
    ap.add_argument("--limit", type=int, default=None, help="score only the first N docs")
    ap.add_argument("--model", default=None, help="spaCy pipeline (default: newsaudit's)")
    args = ap.parse_args(list(argv) if argv is not None else None)
    docs = load_split(args.split, args.limit)
    nlp = load(args.model)
    print(f"PolNeAR {args.split}: {len(docs)} docs, spaCy {nlp.meta['name']} "
          f"{nlp.meta['version']}, one annotator per doc (alphabetically first id)")
    evaluate(docs, nlp)
    return 0


if __name__ == "__main__":
    sys.exit(main())
