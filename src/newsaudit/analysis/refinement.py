"""Sourcing's refinement: the span model's changes to the rules' attributions.

A span model (:mod:`.spans`), a small encoder fine-tuned on PolNeAR, adds the
contents it is sure of that the rules did not find (pattern "model") and extends a
rule content to its own longer one where it is surer than the rules.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import numpy as np

from ..nlp import doc_text
from .attribution import DIRECT_SHARE, Attribution, build, quoted_mask, quoted_share, text_span
from .frames import Frame, cue_range, paragraph, subject_of
from .intervals import Extent, IntervalIndex, agrees, length, overlap, predicted
from .quotes import find_quotes
from .spans import SpanModel, TaggedSpan, load_span_model
from .speakers import OutletIndex

#: Least cue probability (1 - P(O)) the span model gives the parse's governor of an
#: added content for that word to stand as its cue when the model tagged none. Set
#: on PolNeAR dev, where 0.1 to 0.2 score the same (content F1 0.780, 0.777 with no
#: governor cue); 0.2 keeps verbs of doing out ("Tillerson has reportedly taken the
#: lead in ...": "taken" gets 0.13).
GOVERNOR_CUE_ODDS = 0.2


def refine(doc: Any, scored: list[Attribution], threshold: float,
           provenance: Any = None, spans: SpanModel | None = None) -> list[Attribution]:
    """The rules' scored attributions with the span model's changes (:mod:`.spans`).

    Of the attributions at ``threshold``: a rule content that a longer model
    content of confidence at least ``extend`` overlaps without matching it
    (overlap under half of the longer) gives way to the model's (when two rule
    contents lie in one model content, the first takes it and the second goes). A
    model content of confidence at least ``add`` and ``min_chars`` long that
    overlaps no content is added when the model tagged a cue in its sentence, with
    the source it tagged there (else the parse's subject of that cue).
    """
    spans = spans or load_span_model()
    text = doc_text(doc)
    kept = [a for a in scored if a.confidence is not None and a.confidence >= threshold]
    probs = spans.tag(doc, kept)
    th = spans.thresholds
    contents = [s for s in spans.spans(doc, probs, "content") if s.end - s.start >= th.min_chars]
    quotes = find_quotes(text)
    inner = IntervalIndex((q.inner_start, q.inner_end, q) for q in quotes)
    moved: dict[int, tuple[int, int] | None] = {}  # id(attribution) -> new content, None: gone
    used: set[tuple[int, int]] = set()
    final: list[Extent] = []
    by_pos = IntervalIndex((s.start, s.end, s) for s in contents)
    for key, atts in predicted(kept):
        near = by_pos.overlapping(min(a for a, _ in key), max(b for _, b in key))
        rivals = [s for _, _, s in near if s.confidence >= th.extend
                  and s.end - s.start > length(key) and overlap(((s.start, s.end),), key)
                  and not agrees(((s.start, s.end),), key)]
        best = max(rivals, key=lambda s: s.confidence, default=None)
        if best is None:
            final.append(key)
            continue
        rng = (best.start, best.end)
        for a in atts:
            moved[id(a)] = None if rng in used else rng
        if rng not in used:
            used.add(rng)
            final.append((rng,))
    out = []
    for a in scored:
        if id(a) not in moved:
            out.append(a)
        elif (new := moved[id(a)]) is not None:
            out.append(replace(a, content=text_span(text, new), fragments=(),
                               direct=quoted_share(new, inner) >= DIRECT_SHARE))
    taken = IntervalIndex((a, b, None) for key in final for a, b in key)
    extra = [s for s in contents if s.confidence >= th.add and (s.start, s.end) not in used
             and not taken.overlapping(s.start, s.end)]
    if extra:
        outlets = OutletIndex(provenance)
        quoted = quoted_mask(len(text), quotes)
        cues = IntervalIndex((c.start, c.end, c) for c in spans.spans(doc, probs, "cue"))
        sources = IntervalIndex((c.start, c.end, c) for c in spans.spans(doc, probs, "source"))
        cue_odds = spans.inside(probs, "cue")
        for s in extra:
            frame = _model_frame(doc, s, cues, sources, cue_odds)
            if frame.cue is None:
                continue
            a = build(doc, frame, quoted, inner, outlets)
            if a is not None:
                out.append(replace(a, confidence=spans.probability(s.confidence)))
    out.sort(key=lambda a: (a.content.start, a.content.end))
    return out


def _model_frame(doc: Any, s: TaggedSpan, cues: IntervalIndex, sources: IntervalIndex,
                 cue_odds: np.ndarray) -> Frame:
    """A frame for a model content: the nearest model cue and source outside it in
    its sentence and paragraph (the parser can run a headline into the next line's
    sentence); without a source, the parse's subject of the cue. Without a cue, the
    word the content hangs on in the parse, when the model gives it some odds of
    being a cue (``cue_odds``, per token, at least :data:`GOVERNOR_CUE_ODDS`)."""
    first = doc.char_span(s.start, s.end, alignment_mode="expand")
    sent = first[0].sent if first is not None and len(first) else None
    lo, hi = paragraph(doc_text(doc), s.start, s.end)
    if sent is not None:
        lo, hi = max(lo, sent.start_char), min(hi, sent.end_char)

    def nearest(index: IntervalIndex) -> TaggedSpan | None:
        inside = [c for _, _, c in index.overlapping(lo, hi)
                  if lo <= c.start < hi and (c.end <= s.start or c.start >= s.end)]
        return min(inside, key=lambda c: min(abs(c.start - s.end), abs(s.start - c.end)),
                   default=None)

    cue, source = nearest(cues), nearest(sources)
    cue_tok = None
    cue_rng = (cue.start, cue.end) if cue else None
    if cue is not None:
        span = doc.char_span(cue.start, cue.end, alignment_mode="expand")
        cue_tok = span.root if span is not None and len(span) else None
    elif first is not None and len(first):
        # No cue tagged: the word the content hangs on in the parse ("Nervo's
        # conclusion that ...", "believe they are winning", "ideas about ...").
        cue_tok = _governor(first)
        if cue_tok is not None and not (lo <= cue_tok.idx < hi
                                        and cue_odds[cue_tok.i] >= GOVERNOR_CUE_ODDS):
            cue_tok = None
        cue_rng = cue_range(cue_tok) if cue_tok is not None else None
    return Frame((s.start, s.end), "model", cue=cue_rng, cue_tok=cue_tok,
                 subject=subject_of(cue_tok) if cue_tok is not None and source is None else None,
                 speaker=(source.start, source.end) if source else None)


def _governor(span: Any) -> Any:
    """The verb, noun or adjective outside ``span`` that governs its root, past
    prepositions ("ideas about [the effects]"); None when the span is a sentence
    of its own."""
    if span.root.dep_ in ("nsubj", "csubj", "expl"):
        return None  # the doer of the verb, not what it reports
    head = span.root.head
    while head.pos_ == "ADP" and head.head.i != head.i:
        head = head.head
    if span.start <= head.i < span.end or head.pos_ not in ("VERB", "AUX", "NOUN", "ADJ"):
        return None
    return head
