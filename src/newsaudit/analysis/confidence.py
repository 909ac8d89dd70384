"""How far to trust one attribution: a probability from a model one can read.

The rules of :mod:`.frames` and :mod:`.sourcing` find candidate attributions; not
all are right. "That worries environmentalists" and "America has seen its
biggest boom" have the shape of "X criticized Y" but attribute nothing. The
confidence of an attribution is the probability that its content is one a
PolNeAR annotator marked (overlap of at least half of the longer span, the
match of ``benchmarks/polnear.py``), from a logistic regression over named
features of the attribution: the rule that found it, the cue word and its form
(infinitive, modal, negated, gerund), the speaker (present, type, entity label,
pronoun), the content (length, head, quoted) and the paragraph. Its weights are a
plain JSON table, feature name to weight (``models/attributions.json``), so every
score can be explained term by term (:func:`explain`). Trained on PolNeAR train
by :mod:`newsaudit.training.confidence`; see ``models/attributions.md``.
"""

from __future__ import annotations

import itertools
import json
import math
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..nlp import doc_text
from .frames import paragraph

MODEL_PATH = Path(__file__).resolve().parent.parent / "models" / "attributions.json"

_MODALS = frozenset({"would", "could", "will", "should", "may", "might", "can", "must",
                     "'ll", "wo", "ca", "shall"})


@dataclass(frozen=True, slots=True)
class ConfidenceModel:
    """Feature weights, bias and the threshold below which attributions are dropped."""

    weights: dict[str, float]
    bias: float
    threshold: float

    def score(self, feats: list[str]) -> float:
        z = self.bias + sum(self.weights.get(f, 0.0) for f in feats)
        return 1.0 / (1.0 + math.exp(-z))


@lru_cache(maxsize=4)
def load_model(path: Path = MODEL_PATH) -> ConfidenceModel:
    """The shipped model (read once)."""
    raw = json.loads(path.read_text("utf-8"))
    return ConfidenceModel({str(k): float(v) for k, v in raw["weights"].items()},
                           float(raw["bias"]), float(raw["threshold"]))


_WORD_RUN = re.compile(r"\S+")
_BUCKET_TOP = 32


def _bucket(n: int) -> int:
    """Word counts in doubling buckets: 0, 1, 2-3, 4-7, 8-15, 16-31, 32+."""
    for b in (0, 1, 3, 7, 15, 31):
        if n <= b:
            return b
    return 32


def features(doc: Any, a: Any) -> list[str]:
    """Named features of attribution ``a`` (a :class:`.sourcing.Attribution`) in ``doc``."""
    pat = a.pattern or "?"
    out = [f"pattern={pat}", f"speaker_type={a.speaker_type}|pattern={pat}",
           f"direct={a.direct}|pattern={pat}"]
    if a.cue is not None:
        span = doc.char_span(a.cue.start, a.cue.end, alignment_mode="expand")
        cue = span.root if span is not None and len(span) else None
    else:
        cue = None
    if cue is not None:
        lemma = cue.lemma_.lower()
        out += [f"cue={lemma}", f"cue={lemma}|pattern={pat}", f"cue_tag={cue.tag_}",
                f"cue_tag={cue.tag_}|pattern={pat}", f"cue_dep={cue.dep_}",
                f"cue_dep={cue.dep_}|pattern={pat}"]
        kids = list(cue.children)
        if any(k.dep_ == "aux" and k.lower_ == "to" for k in kids):
            out.append(f"cue_infinitive|pattern={pat}")
        if any(k.dep_ == "aux" and k.lower_ in _MODALS for k in kids):
            out.append(f"cue_modal|pattern={pat}")
        if any(k.dep_ == "neg" for k in kids):
            out.append("cue_negated")
        if cue.head.i != cue.i:
            out.append(f"cue_head_pos={cue.head.pos_}|cue_dep={cue.dep_}")
            if cue.head.pos_ in ("VERB", "AUX"):  # "refused to comment", "declined to say"
                out.append(f"cue_head={cue.head.lemma_.lower()}|cue_dep={cue.dep_}")
    else:
        out.append(f"no_cue|pattern={pat}")
    if a.speaker is not None:
        span = doc.char_span(a.speaker.start, a.speaker.end, alignment_mode="expand")
        if span is not None and len(span):
            head = span.root
            out += [f"speaker_pos={head.pos_}|pattern={pat}",
                    f"speaker_ent={head.ent_type_ or '-'}|pattern={pat}",
                    f"speaker_words={_bucket(len(span))}"]
            if head.pos_ != "PROPN":  # "aide", "official", "they"; names would overfit
                out.append(f"speaker={head.lemma_.lower()}")
            if head.pos_ == "PRON":
                out.append(f"speaker_pronoun={head.lower_}|pattern={pat}")
    else:
        out.append(f"no_speaker|pattern={pat}")
    span = doc.char_span(a.content.start, a.content.end, alignment_mode="expand")
    if span is not None and len(span):
        words = sum(not t.is_punct for t in span)
        out += [f"content_words={_bucket(words)}|pattern={pat}",
                f"content_head={span.root.pos_}|pattern={pat}",
                f"content_first={span[0].pos_}|pattern={pat}",
                f"content_entities={min(len({t.ent_type_ for t in span if t.ent_type_}), 3)}"
                f"|pattern={pat}"]
        if span.root.pos_ == "PRON":
            out.append(f"content_pronoun={span.root.lower_}")
    if a.fragments:
        out.append("fragments")
    text = doc_text(doc)
    start, end = paragraph(text, a.content.start)
    # Words are counted only up to the last bucket: a whole-paragraph split for each
    # attribution would be quadratic in an article written on one line.
    words = sum(1 for _ in itertools.islice(_WORD_RUN.finditer(text, start, end), _BUCKET_TOP))
    out.append(f"paragraph_words={_bucket(words)}")
    return out


def confidence(doc: Any, a: Any, model: ConfidenceModel | None = None) -> float:
    """Probability that attribution ``a`` is right (see the module docstring)."""
    return (model or load_model()).score(features(doc, a))


def explain(doc: Any, a: Any, model: ConfidenceModel | None = None) -> list[tuple[str, float]]:
    """The terms of ``a``'s score: (feature, weight), largest effect first, bias last."""
    model = model or load_model()
    terms = [(f, model.weights[f]) for f in features(doc, a) if f in model.weights]
    terms.sort(key=lambda t: -abs(t[1]))
    return [*terms, ("bias", model.bias)]
