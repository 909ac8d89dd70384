"""Train the check-worthiness model (``models/claims.npz``) from the ClaimBuster data.

Run from a checkout::

    .venv/bin/python -m newsaudit.analysis.claims_train [--check]

Data (``claimbuster`` data set, see its SOURCE.txt): the two-class ClaimBuster
sentences (``train.json``, ``test.json``; Arslan et al. ICWSM 2020) and CLEF 2020
CheckThat! task 5 (``clef20_task5/train.tsv``, ``test-gold.tsv``). The model is
fitted on ClaimBuster train plus CLEF train; both test files stay unseen until
``benchmarks/claims.py``. ``kfold_25ncs`` is not used: most ClaimBuster test
sentences are in it. Sentences are parsed once with the shared spaCy pipeline and
their tokens cached (``<cache>/claims/``), so re-runs take seconds.
"""

from __future__ import annotations

import argparse
import csv
import json
import logging
import sys
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from ..data import cache_dir, dataset, fingerprint
from .claims import MODEL_PATH, N_DENSE, Tok, featurize, tokens_of

log = logging.getLogger(__name__)

#: Hash buckets: 2**18 keeps collisions rare for word, character and tag n-grams
#: of ~50k sentences while the float16 weights stay ~0.5 MB.
N_HASH = 2**18

#: Inverse L2 strength of the logistic regression, chosen on the validation
#: slices (ClaimBuster F1 and CLEF average precision) among 0.5, 1, 2, 4, 8.
C = 2.0

#: Weight of each CLEF training sentence relative to a ClaimBuster one. CLEF
#: marks ~1% of sentences check-worthy (the ones fact-checkers chose), ClaimBuster
#: ~25%; down-weighting CLEF keeps the probabilities close to the ClaimBuster scale.
CLEF_WEIGHT = 0.5

#: Every VALIDATION_EVERY-th training sentence of each corpus is held out to pick
#: C and the threshold; the shipped weights are then fitted on everything.
VALIDATION_EVERY = 5

Example = tuple[str, int]


def load_claimbuster(name: str) -> list[Example]:
    """``train`` or ``test`` of the two-class ClaimBuster sentences as (text, label)."""
    path = dataset("claimbuster") / f"{name}.json"
    return [(row["text"], int(row["label"])) for row in json.loads(path.read_text("utf-8"))]


def load_clef(name: str) -> list[Example]:
    """``train`` or ``test-gold`` of CLEF 2020 task 5, in file order, as (text, label)."""
    path = dataset("claimbuster") / "clef20_task5" / f"{name}.tsv"
    out: list[Example] = []
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)
        next(reader)
        for row in reader:
            if len(row) < 2 or row[-1].strip() not in ("0", "1"):
                continue
            out.append(("\t".join(row[:-1]).strip(), int(row[-1])))
    return out


def parse_cached(name: str, texts: Sequence[str], nlp: object = None) -> list[list[Tok]]:
    """Tokens of every text, parsed with the shared spaCy pipeline and cached by content.

    Args:
        name: Cache file stem.
        texts: The sentences.
        nlp: A spaCy pipeline; ``None`` uses :func:`newsaudit.nlp.load`.
    """
    import hashlib

    digest = hashlib.sha256("\n".join(texts).encode()).hexdigest()[:12]
    path = cache_dir() / "claims" / f"{name}-{digest}.json"
    if path.exists():
        return [[Tok(*t) for t in sent] for sent in json.loads(path.read_text("utf-8"))]
    if nlp is None:
        from ..nlp import load

        nlp = load()
    out: list[list[Tok]] = []
    with nlp.select_pipes(disable=[p for p in ("parser", "lemmatizer") if p in nlp.pipe_names]):
        for i, doc in enumerate(nlp.pipe(texts, batch_size=256)):
            out.append(tokens_of(doc))
            if i % 5000 == 0:
                log.info("parsed %d/%d %s sentences", i, len(texts), name)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps([[list(t) for t in s] for s in out]), "utf-8")
    return out


def matrix(sents: Sequence[Sequence[Tok]], n_hash: int = N_HASH):  # -> scipy.sparse.csr_matrix
    """Feature matrix of many sentences (rows as :func:`featurize` builds them)."""
    from scipy import sparse

    indptr, indices, values = [0], [], []
    for toks in sents:
        idx, val = featurize(toks, n_hash)
        indices.append(idx)
        values.append(val)
        indptr.append(indptr[-1] + len(idx))
    return sparse.csr_matrix(
        (np.concatenate(values), np.concatenate(indices), np.asarray(indptr)),
        shape=(len(sents), n_hash + N_DENSE),
    )
