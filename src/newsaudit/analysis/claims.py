"""Check-worthy claims: body sentences scored 0..1 for making a checkable factual claim.

The scorer is a linear model over hashed features, in the manner of the
ClaimBuster feature models (Hassan et al., "Toward Automated Fact-Checking:
Detecting Check-worthy Factual Claims by ClaimBuster", KDD 2017, which used
words, POS tags and entity types with an SVM):

* word unigrams and bigrams (lower-cased, digits folded to ``0``),
* character 3- to 5-grams inside word boundaries,
* fine-grained POS tag unigrams and bigrams and entity labels from spaCy,
* a few dense counts that mark factual statements: numbers, dates, percentages,
  money, named entities, past-tense verbs, comparatives and superlatives, and
  first/second person pronouns and questions that mark appeals and opinion.

Every string feature is hashed with CRC-32 into a fixed number of buckets (the
"hashing trick", Weinberger et al. 2009), so the weights file holds one vector
and no vocabulary. Training lives in :mod:`newsaudit.training.claims`; the
weights (``models/claims.npz``) and their model card (``models/claims.md``) ship
with the package. Inference is NumPy only and reads the tokens of the ``Doc``
the ``nlp`` stage already parsed: the stage never runs spaCy itself.
"""

from __future__ import annotations

import functools
import logging
import math
import re
import zlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path
from typing import Any, NamedTuple

import numpy as np

from ..article import Article
from ..errors import DataError
from ..options import Options
from ..pipeline import stage

log = logging.getLogger(__name__)

#: The weights file written by ``python -m newsaudit.training.claims``.
MODEL_PATH = Path(__file__).resolve().parents[1] / "models" / "claims.npz"

#: Sentences scoring at least this are reported as claims. Calibrated as the
#: F1-optimal threshold on the ClaimBuster validation slice held out from
#: train.json (a fifth of it, natural 1:3 check-worthy prior); the value found by
#: training is stored in the weights file and this constant must match it (a test
#: checks). Re-run ``python -m newsaudit.training.claims`` and
#: ``benchmarks/claims.py`` after changing it.
CLAIM_THRESHOLD = 0.3

#: Sentences with fewer word tokens than this carry no checkable claim ("Thank
#: you.", "Select Payment Method") and are not reported; the model still scores them.
MIN_TOKENS = 4

#: Entity labels (OntoNotes 5, as tagged by spaCy's English pipelines) counted as
#: dense features; numeric and temporal ones mark factual statements.
ENTITY_LABELS = (
    "CARDINAL", "DATE", "PERCENT", "MONEY", "QUANTITY", "ORDINAL", "TIME",
    "GPE", "ORG", "PERSON", "NORP", "LOC", "EVENT", "LAW", "FAC",
)
_FIRST = frozenset({"i", "me", "my", "mine", "we", "us", "our", "ours"})
_SECOND = frozenset({"you", "your", "yours"})
_DIGIT = re.compile(r"\d")


class Tok(NamedTuple):
    """The token attributes the scorer reads (from a spaCy token or a cache)."""

    text: str
    tag: str
    ent_iob: str
    ent_type: str


@dataclass(frozen=True, slots=True)
class Claim:
    """A body sentence that makes a check-worthy claim: ``text == article.text[start:end]``."""

    text: str
    start: int
    end: int
    score: float


def tokens_of(span: Iterable[Any]) -> list[Tok]:
    """The scorer's view of spaCy tokens (a ``Doc`` or a ``Span``), spaces dropped."""
    return [Tok(t.text, t.tag_, t.ent_iob_, t.ent_type_) for t in span if not t.is_space]


def _h(s: str) -> int:
    return zlib.crc32(s.encode("utf-8"))


def _dense(toks: Sequence[Tok]) -> list[float]:
    """Dense counts, log-scaled: length, numbers, entities by label, tense, degree, person."""
    words = [t.text.lower() for t in toks]
    ents: dict[str, int] = {}
    for t in toks:
        if t.ent_iob == "B":
            ents[t.ent_type] = ents.get(t.ent_type, 0) + 1
    tags = [t.tag for t in toks]
    counts = [
        len(toks),
        sum(tag == "CD" for tag in tags),
        sum(bool(_DIGIT.search(w)) for w in words),
        *(ents.get(label, 0) for label in ENTITY_LABELS),
        sum(ents.values()),
        sum(tag in ("VBD", "VBN") for tag in tags),
        sum(tag in ("JJR", "RBR") for tag in tags),
        sum(tag in ("JJS", "RBS") for tag in tags),
        sum(tag == "MD" for tag in tags),
        sum(w in _FIRST for w in words),
        sum(w in _SECOND for w in words),
        sum(w == "?" for w in words),
        sum(w == "!" for w in words),
    ]
    return [math.log1p(c) for c in counts]


#: Number of dense features produced by :func:`_dense`.
N_DENSE = len(_dense([]))


def _add(bag: dict[int, float], keys: Iterable[str], n_hash: int) -> None:
    for key in keys:
        h = _h(key)
        idx = h % n_hash
        bag[idx] = bag.get(idx, 0.0) + (1.0 if h & 0x80000000 else -1.0)


def _normalise(bag: dict[int, float]) -> dict[int, float]:
    norm = math.sqrt(sum(v * v for v in bag.values())) or 1.0
    return {k: v / norm for k, v in bag.items()}


def featurize(toks: Sequence[Tok], n_hash: int) -> tuple[np.ndarray, np.ndarray]:
    """Sparse feature vector of one sentence: (indices, values) over ``n_hash + N_DENSE``.

    Each hashed block (words, characters, tags and entities) is L2-normalised on
    its own so that long sentences do not dominate; dense counts follow the
    hashed space at indices ``n_hash..n_hash+N_DENSE-1``.

    Args:
        toks: The sentence's tokens (see :func:`tokens_of`).
        n_hash: Number of hash buckets (from the weights file).
    """
    words = [_DIGIT.sub("0", t.text.lower()) for t in toks]
    padded = ["<s>", *words, "</s>"]
    w: dict[int, float] = {}
    _add(w, ("w:" + x for x in words), n_hash)
    _add(w, ("b:" + a + " " + b for a, b in pairwise(padded)), n_hash)
    c: dict[int, float] = {}
    for word in words:
        s = f" {word} "
        _add(c, ("c:" + s[i : i + n] for n in (3, 4, 5) for i in range(len(s) - n + 1)), n_hash)
    tags = ["<s>", *(t.tag for t in toks), "</s>"]
    g: dict[int, float] = {}
    _add(g, ("t:" + x for x in tags[1:-1]), n_hash)
    _add(g, ("u:" + a + "_" + b for a, b in pairwise(tags)), n_hash)
    _add(g, ("e:" + t.ent_type for t in toks if t.ent_iob == "B"), n_hash)
    merged: dict[int, float] = {}
    for block in (w, c, g):
        for k, v in _normalise(block).items():
            merged[k] = merged.get(k, 0.0) + v
    idx = list(merged) + list(range(n_hash, n_hash + N_DENSE))
    val = list(merged.values()) + _dense(toks)
    return np.asarray(idx, dtype=np.int64), np.asarray(val, dtype=np.float64)


class ClaimModel:
    """The trained check-worthiness scorer: a logistic model over :func:`featurize`.

    Args:
        path: The ``.npz`` weights file.

    Raises:
        DataError: If the weights file is missing or malformed.
    """

    def __init__(self, path: Path = MODEL_PATH):
        try:
            with np.load(path, allow_pickle=False) as z:
                self.coef = z["coef"].astype(np.float64)
                self.intercept = float(z["intercept"])
                self.n_hash = int(z["n_hash"])
                self.threshold = float(z["threshold"])
        except (OSError, KeyError, ValueError) as exc:
            raise DataError(
                f"cannot read the claims model {path}: {exc}; retrain it with "
                "`python -m newsaudit.training.claims`"
            ) from exc
        if self.coef.shape != (self.n_hash + N_DENSE,):
            raise DataError(f"claims model {path} has {self.coef.shape[0]} weights, "
                            f"expected {self.n_hash + N_DENSE}; retrain it")

    def margin(self, toks: Sequence[Tok]) -> float:
        """The model's log-odds for one sentence."""
        idx, val = featurize(toks, self.n_hash)
        return float(self.coef[idx] @ val) + self.intercept

    def score(self, toks: Sequence[Tok]) -> float:
        """Probability (0..1) that the sentence makes a check-worthy factual claim."""
        m = self.margin(toks)
        return 1.0 / (1.0 + math.exp(-m)) if m > -700 else 0.0

    def score_many(self, sentences: Iterable[Sequence[Tok]]) -> np.ndarray:
        """Scores of many sentences, in order."""
        return np.fromiter((self.score(s) for s in sentences), dtype=np.float64)


@functools.lru_cache(maxsize=2)
def load_model(path: Path = MODEL_PATH) -> ClaimModel:
    """The claims model, loaded once per process."""
    return ClaimModel(path)


def score_text(sentences: Sequence[str], nlp: Any = None) -> list[float]:
    """Score plain sentences, parsing them with the shared spaCy pipeline.

    Args:
        sentences: One sentence per item.
        nlp: A spaCy pipeline; ``None`` uses :func:`newsaudit.nlp.load`.
    """
    if nlp is None:
        from ..nlp import load

        nlp = load()
    model = load_model()
    return [model.score(tokens_of(doc)) for doc in nlp.pipe(sentences)]


def find_claims(doc: Any, text: str, model: ClaimModel,
                threshold: float = CLAIM_THRESHOLD) -> list[Claim]:
    """Sentences of a parsed body scoring at least ``threshold``, in text order.

    Args:
        doc: A spaCy ``Doc`` whose offsets index into ``text`` (``article.doc``).
        text: The article's text.
        model: The scorer.
        threshold: Lowest score reported.
    """
    out: list[Claim] = []
    for span in sentences(doc):
        toks = tokens_of(span)
        if sum(t.tag not in _PUNCT_TAGS for t in toks) < MIN_TOKENS:
            continue
        start, end = _trim(text, span.start_char, span.end_char)
        score = model.score(toks)
        if score >= threshold and start < end:
            out.append(Claim(text[start:end], start, end, round(score, 4)))
    return out


def sentences(doc: Any) -> list[Any]:
    """The Doc's sentences, split again at line breaks and stripped of blank tokens.

    The body is parsed as one text with furniture blanked, so a sentence can run
    across a line break into the next block (a title into the first paragraph);
    a line break always ends a sentence here.
    """
    out: list[Any] = []
    for sent in doc.sents:
        begin = None
        for tok in sent:
            if tok.is_space:
                if "\n" in tok.text and begin is not None:
                    out.append(doc[begin : tok.i])
                    begin = None
                continue
            if begin is None:
                begin = tok.i
            last = tok.i
        if begin is not None:
            out.append(doc[begin : last + 1])
    return [s for s in out if len(s)]


_PUNCT_TAGS = frozenset({".", ",", ":", "``", "''", "-LRB-", "-RRB-", "HYPH", "NFP", "$", "#"})


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


@stage("analysis.claims", version="1", requires=("doc",), assigns=("claims",))
class Claims:
    """Score every body sentence for check-worthiness and keep those above the threshold."""

    def __init__(self, options: Options):
        self.model = load_model()

    def __call__(self, article: Article) -> None:
        if article.doc is None:
            article.claims = []
            return
        try:
            article.claims = find_claims(article.doc, article.text, self.model)
        except (ValueError, IndexError) as exc:  # a malformed Doc must not stop the pipeline
            log.warning("claims: cannot score sentences: %s", exc)
            article.claims = []
