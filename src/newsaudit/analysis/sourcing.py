"""Sourcing: who says what in an article (attributions).

An attribution ties a *content* (what is said, believed or reported) to a *cue*
(the verb or phrase that signals reporting: "said", "told", "according to") and a
*source* (the speaker), following the attribution relation model of Pareti's PARC
(Pareti 2016) as used by PolNeAR (Newell, Margolin and Ruths 2018). Steps:

1. Quotations are found by a text scan (:mod:`.quotes`).
2. Syntactic frames, from the dependency parse (:mod:`.frames`; Krestel, Bergler
   and Witte 2008, "Minding the Source"; textacy's ``direct_quotations`` uses
   the same cue-verb and subject rules for direct quotes): a cue verb with a
   clausal, infinitive, object or prepositional complement ("X said (that)
   ...", "X vowed to ...", "X accused Y of Z", "X called for ..."), a passive
   with its agent, a parenthetical or "as" cue ("The plan, he said, is dead";
   "As X noted, ..."), a cue noun with a that-clause, and "according to X".
   Which words cue in which frame comes from counts on the PolNeAR train split
   (:mod:`.cue_lexicon`).
3. Layout: interview transcripts ("WALLACE: ..."), embedded posts, quotations
   signed with a dash ("“...” ― Jane Smith"), and "X said:" ending a paragraph
   that introduces the next one.
4. Quotations no frame covers are attached to the nearest cue verb with a
   subject in the same or the adjacent sentence of the same paragraph, else
   continue the previous direct attribution of the same or previous paragraph
   (the convention of a quote running on after "X said."). A quotation its cue
   interrupts ("“...,” X said. “...”") keeps its pieces in ``fragments``.
5. Speakers are typed and pronouns resolved (:mod:`.speakers`); ``via`` is the
   outlet through which the attribution is reported ("told the Al-Monitor").
6. Each attribution gets a confidence, the probability that it is right, from a
   model trained on PolNeAR (:mod:`.confidence`); those under the model's
   threshold are dropped ("Support Our Independent Journalism" is an imperative
   with an object, not an attribution).
7. A span model (:mod:`.spans`), a small encoder fine-tuned on PolNeAR, adds the
   contents it is sure of that the rules did not find (pattern "model") and
   extends a rule content to its own longer one where it is surer than the rules.
"""

from __future__ import annotations

import bisect
import logging
import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import Any

import numpy as np

from ..article import Article, Span
from ..errors import DataError
from ..nlp import doc_text, ents_within, sents_starting
from ..options import Options
from ..pipeline import stage
from .confidence import features, load_model
from .frames import (
    SPEECH_VERBS,
    Frame,
    cue_range,
    noun_frame,
    paragraph,
    prep_frame,
    subject_of,
    token_range,
    trim,
    verb_frame,
)
from .polnear import Ranges, agrees, length, predicted
from .polnear import overlap as _overlap
from .quotes import Quote, find_quotes
from .spans import SpanModel, TaggedSpan, load_span_model
from .speakers import OutletIndex, SpeakerInfo, classify, clean_name

log = logging.getLogger(__name__)

#: Minimum words inside quotation marks for a quotation to be an attribution on
#: its own; one- and two-word quotations are scare quotes or titles ("so-called
#: 'experts'"). textacy uses 4 tokens including the marks, which is 2 words; 3
#: words cut scare quotes on PolNeAR dev without losing attributed quotes.
#: Re-run benchmarks/polnear.py after a change.
MIN_QUOTE_WORDS = 3

#: Share of the content's characters inside quotation marks from which an
#: attribution counts as direct (a mixed quote, mostly quoted words, is direct).
DIRECT_SHARE = 0.5

#: Longest speaker phrase (tokens) kept whole; longer ones lose their relative
#: clauses ("the man who ... said"). Set on PolNeAR dev source spans.
MAX_SPEAKER_TOKENS = 12

#: Least cue probability (1 - P(O)) the span model gives the parse's governor of an
#: added content for that word to stand as its cue when the model tagged none. Set
#: on PolNeAR dev, where 0.1 to 0.2 score the same (content F1 0.780, 0.777 with no
#: governor cue); 0.2 keeps verbs of doing out ("Tillerson has reportedly taken the
#: lead in ...": "taken" gets 0.13).
GOVERNOR_CUE_ODDS = 0.2


@dataclass(frozen=True, slots=True)
class Attribution:
    """Who says what: speaker, cue and content as spans into the article's text.

    ``speaker_type`` is named, anonymous, organization, outlet or unresolved;
    ``direct`` is True when the content is (mostly) quoted words; ``via`` is the
    outlet through which it is reported. ``speaker_name`` and ``role`` are read
    from the speaker phrase (or, for a pronoun, from its ``antecedent``);
    ``pattern`` names the rule that found it. ``fragments`` is set when the cue
    interrupts the content: its pieces in text order, which PARC and PolNeAR
    annotate as one discontinuous content. Within a sentence ("The plan, he
    said, is dead"; "“We will win,” he said, “by a mile.”") ``content`` spans
    them all, cue included; for a quotation that runs on after "X said."
    ("“We will win,” she said. “Count on it.”") ``content`` is the first piece
    and each later piece is also an attribution of its own (pattern
    "continuation"). ``confidence`` is the probability that the attribution is
    right (:mod:`.confidence`).
    """

    speaker: Span | None
    speaker_type: str
    cue: Span | None
    content: Span
    direct: bool
    via: str | None
    speaker_name: str | None = None
    role: str | None = None
    antecedent: Span | None = None
    pattern: str = ""
    fragments: tuple[Span, ...] = ()
    confidence: float | None = None


class _Ranges:
    """Half-open character ranges with their items, for overlap look-ups in
    O(log n + k) (long articles have thousands of frames and quotations)."""

    def __init__(self, items: Iterable[tuple[int, int, Any]] = ()):
        self._items = sorted(items, key=lambda x: (x[0], x[1]))
        self._starts = [x[0] for x in self._items]
        self._longest = max((e - s for s, e, _ in self._items), default=0)

    def overlapping(self, start: int, end: int) -> list[tuple[int, int, Any]]:
        """Items whose range overlaps ``[start, end)`` (``s < end and start < e``)."""
        lo = bisect.bisect_left(self._starts, start - self._longest)
        hi = bisect.bisect_left(self._starts, end)
        return [x for x in self._items[lo:hi] if x[1] > start]

    def containing(self, pos: int) -> list[tuple[int, int, Any]]:
        """Items whose range holds ``pos`` (``s <= pos < e``)."""
        return self.overlapping(pos, pos + 1)

    def add(self, start: int, end: int, item: Any) -> None:
        i = bisect.bisect_right(self._starts, start)
        self._starts.insert(i, start)
        self._items.insert(i, (start, end, item))
        self._longest = max(self._longest, end - start)


def find_attributions(doc: Any, provenance: Any = None,
                      min_confidence: float | None = None,
                      span_model: bool = True) -> list[Attribution]:
    """Find attributions in a parsed text.

    Args:
        doc: A spaCy ``Doc`` (tagged, parsed, with entities); offsets of the
            returned spans index into ``doc.text``.
        provenance: ``article.provenance`` or None; its ``cited_sources`` name
            the outlets through which attributions are reported.
        min_confidence: Drop attributions whose confidence is below this;
            ``None`` uses the model's threshold (the one that maximises content
            F1 on PolNeAR dev), 0 keeps every candidate.
        span_model: Let the span model (:mod:`.spans`) add the contents the rules
            miss and extend the ones they cut short (:func:`refine`); False gives
            the rules' attributions alone.

    Returns:
        Attributions in text order of their content, each with its confidence.
    """
    model = load_model()
    threshold = model.threshold if min_confidence is None else min_confidence
    scored = [replace(a, confidence=round(model.score(features(doc, a)), 4))
              for a in candidates(doc, provenance)]
    if span_model:
        scored = refine(doc, scored, model.threshold, provenance)
    return [a for a in scored if a.confidence is not None and a.confidence >= threshold]


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
    inner = _Ranges((q.inner_start, q.inner_end, q) for q in quotes)
    moved: dict[int, tuple[int, int] | None] = {}  # id(attribution) -> new content, None: gone
    used: set[tuple[int, int]] = set()
    final: list[Ranges] = []
    by_pos = _Ranges((s.start, s.end, s) for s in contents)
    for key, atts in predicted(kept):
        near = by_pos.overlapping(min(a for a, _ in key), max(b for _, b in key))
        rivals = [s for _, _, s in near if s.confidence >= th.extend
                  and s.end - s.start > length(key) and _overlap(((s.start, s.end),), key)
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
            out.append(replace(a, content=_span(text, new), fragments=(),
                               direct=_quoted_share(new, inner) >= DIRECT_SHARE))
    taken = _Ranges((a, b, None) for key in final for a, b in key)
    extra = [s for s in contents if s.confidence >= th.add and (s.start, s.end) not in used
             and not taken.overlapping(s.start, s.end)]
    if extra:
        outlets = OutletIndex(provenance)
        quoted = _quoted_mask(len(text), quotes)
        cues = _Ranges((c.start, c.end, c) for c in spans.spans(doc, probs, "cue"))
        sources = _Ranges((c.start, c.end, c) for c in spans.spans(doc, probs, "source"))
        cue_odds = spans.inside(probs, "cue")
        for s in extra:
            frame = _model_frame(doc, s, cues, sources, cue_odds)
            if frame.cue is None:
                continue
            a = _build(doc, frame, quoted, inner, outlets)
            if a is not None:
                out.append(replace(a, confidence=spans.probability(s.confidence)))
    out.sort(key=lambda a: (a.content.start, a.content.end))
    return out


def _model_frame(doc: Any, s: TaggedSpan, cues: _Ranges, sources: _Ranges,
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

    def nearest(index: _Ranges) -> TaggedSpan | None:
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


def candidates(doc: Any, provenance: Any = None) -> list[Attribution]:
    """Every attribution the rules find, unscored (see :func:`find_attributions`)."""
    text = doc_text(doc)
    quotes = find_quotes(text)
    outlets = OutletIndex(provenance)
    quoted = _quoted_mask(len(text), quotes)
    inner = _Ranges((q.inner_start, q.inner_end, q) for q in quotes)
    frames: list[Frame] = []
    for tok in doc:
        if quoted[tok.idx]:
            continue
        frame = prep_frame(tok) or verb_frame(tok) or noun_frame(tok)
        if frame is not None:
            frame.content = _extend_to_quotes(frame.content, inner)
            # Each piece of an interrupted content is grown to its quotation too:
            # "“I think he will be fair,” he said, “but ... true. The reason ...”"
            # carries its second piece over the quotation's second sentence.
            frame.fragments = tuple(trim(text, *_extend_to_quotes(r, inner)) or r
                                    for r in frame.fragments)
            frames.append(frame)
    frames = _dedupe(frames + _layout_frames(text, frames))
    frames += _colon_frames(doc, quotes, frames, quoted)
    frames += _quote_frames(doc, quotes, frames, quoted)
    frames.sort(key=lambda f: f.content[0])
    found = [a for f in frames if (a := _build(doc, f, quoted, inner, outlets)) is not None]
    return _join_interrupted(text, _name_unnamed_outlets(found))


#: Most characters between a quotation and its continuation for the two to be
#: one interrupted quotation: room for the speaker and cue in between (", Sen.
#: John Smith, a Republican from Ohio, said in an interview."), no more.
MAX_INTERRUPTION_CHARS = 250


def _join_interrupted(text: str, found: list[Attribution]) -> list[Attribution]:
    """Set ``fragments`` on a quotation that its own cue interrupts: a
    continuation of the same speaker follows in the same paragraph and the cue
    lies in the gap ("“...,” X said. “...”"), the PolNeAR convention for one
    discontinuous content (Newell et al. 2018; Pareti 2016)."""
    out = list(found)
    for k, a in enumerate(out):
        if a.pattern != "continuation" or a.speaker is None:
            continue
        j = max((i for i in range(k) if out[i].content.end <= a.content.start), default=None,
                key=lambda i: out[i].content.end)
        if j is None:
            continue
        head = out[j]
        last = head.fragments[-1] if head.fragments else head.content
        gap = text[last.end : a.content.start]
        if (head.speaker != a.speaker or head.cue is None or "\n" in gap
                or len(gap) > MAX_INTERRUPTION_CHARS
                or not last.end <= head.cue.start < a.content.start):
            continue
        out[j] = replace(head, fragments=(*(head.fragments or (head.content,)), a.content))
    return out


def _name_unnamed_outlets(found: list[Attribution]) -> list[Attribution]:
    """'per the report' after 'a report by the Al-Monitor': the outlet named last.

    Provenance resolves these through its mentions; this covers running without it.
    """
    last: str | None = None
    out = []
    for a in found:
        if a.speaker_type == "outlet" and a.via is None and last is not None:
            a = replace(a, via=last, speaker_name=a.speaker_name or last)
        if a.speaker_type == "outlet" and a.via:
            last = a.via
        out.append(a)
    return out


# -- transcripts and embedded posts -------------------------------------------------

#: "WALLACE: Let's start..." / "Donald Trump: We will win": a speaker label of one
#: to four capitalised words opening a paragraph (interview transcripts), also
#: inside a quotation that runs over several paragraphs.
_TRANSCRIPT = re.compile(r"^[ \t]*[\x22“]?((?:[A-Z][\w.'’-]*\s?){1,4}):\s+(\S.{10,})$", re.M)
#: "... pic.twitter.com/x — Donald J. Trump (@realDonaldTrump) October 9, 2016":
#: the signature line of an embedded post (Twitter's embed markup, as scraped).
_POST = re.compile(r"^[ \t]*(\S.{5,}?)\s*([—―–]|--)\s*([^()\n—―]{2,60}?)\s*\(@\w{1,30}\)",
                   re.M)
#: “We will build it.” ― Jane Smith: a paragraph of one quotation signed with a
#: dash and a name, the layout of pull quotes, epigraphs and vox-pop round-ups
#: (Chicago Manual of Style 13.36 on the source line of an epigraph).
_SIGNED = re.compile(r"^[ \t]*([“\x22][^\n]{10,}[”\x22])[ \t\u00a0]*([—―–]|--)[ \t\u00a0]*"
                     r"([A-Z][^\n()@]{1,60}?)[ \t.]*$", re.M)


def _layout_frames(text: str, frames: list[Frame]) -> list[Frame]:
    """Attributions marked by layout rather than syntax: transcripts, posts and
    signed quotations."""
    taken = [f.content for f in frames]
    out = []
    for m in _TRANSCRIPT.finditer(text):
        label = m.group(1).strip()
        if label.lower() in {"update", "note", "editor's note", "related", "watch", "read more"}:
            continue
        out.append(Frame((m.start(2), m.end(2)), "transcript", cue=(m.end(1), m.end(1) + 1),
                          speaker=(m.start(1), m.start(1) + len(label))))
    for m in _POST.finditer(text):
        out.append(Frame((m.start(1), m.end(1)), "post", cue=(m.start(2), m.end(2)),
                          speaker=(m.start(3), m.end(3))))
    for m in _SIGNED.finditer(text):
        if len(m.group(3).split()) <= 6:
            out.append(Frame((m.start(1), m.end(1)), "signed", cue=(m.start(2), m.end(2)),
                             speaker=(m.start(3), m.end(3))))
    return [f for f in out if not any(s < f.content[1] and f.content[0] < e for s, e in taken)]


# -- "X said:" and the paragraph after ------------------------------------------------


def _colon_frames(doc: Any, quotes: list[Quote], frames: list[Frame],
                  quoted: list[bool]) -> list[Frame]:
    """A paragraph ending in a speech verb and a colon ("Limbaugh added:")
    introduces the next paragraph, quoted or set as a block quotation, as the
    content (Chicago Manual of Style 13.9-13.10 on introducing block quotations)."""
    text = doc_text(doc)
    cued = {f.cue_tok.i for f in frames if f.cue_tok is not None}
    covered = _Ranges((f.content[0], f.content[1], None) for f in frames)
    starts = {q.start: q for q in quotes}
    out = []
    for colon in doc:
        if colon.text != ":" or quoted[colon.idx]:
            continue
        after = colon.idx + 1
        nxt_start = after
        while nxt_start < len(text) and text[nxt_start].isspace():
            nxt_start += 1
        if nxt_start >= len(text) or "\n" not in text[after:nxt_start]:
            continue  # the colon does not end its paragraph
        cands = [t for t in colon.sent if t.i < colon.i and t.pos_ in ("VERB", "AUX")
                 and not quoted[t.idx] and t.i not in cued
                 and t.lemma_.lower() in SPEECH_VERBS and subject_of(t) is not None]
        if not cands:
            continue
        cue = cands[-1]
        q = starts.get(nxt_start)
        if q is not None:
            rng = trim(text, q.inner_start, q.inner_end)
        else:
            para_end = text.find("\n", nxt_start)
            rng = trim(text, nxt_start, len(text) if para_end < 0 else para_end)
        if rng is None or covered.overlapping(*rng):
            continue
        out.append(Frame(rng, "colon", cue=cue_range(cue), cue_tok=cue, subject=subject_of(cue)))
    return out


# -- quotations no frame covers ----------------------------------------------------


def _quote_frames(doc: Any, quotes: list[Quote], frames: list[Frame],
                  quoted: list[bool]) -> list[Frame]:
    text = doc_text(doc)
    covered = _Ranges((f.content[0], f.content[1], None) for f in frames)
    by_cue = {f.cue_tok.i: f for f in frames if f.cue_tok is not None}
    # Direct-quote-like frames by where their content ends, for continuations.
    ends = sorted((f.content[1], i) for i, f in enumerate(frames) if f.pattern in _DIRECT_LIKE)
    pool = list(frames)
    out: list[Frame] = []
    for q in quotes:
        if covered.overlapping(q.inner_start, q.inner_end):
            continue
        if q.words(text) < MIN_QUOTE_WORDS or _title_like(doc, q):
            continue
        inner = (q.inner_start, q.inner_end)
        cue = _nearest_cue(doc, q, quoted)
        if cue is not None and cue.i not in by_cue:
            frame = Frame(inner, "quote", cue=cue_range(cue), cue_tok=cue, subject=subject_of(cue))
            by_cue[cue.i] = frame
        elif cue is not None:
            frame = Frame(inner, "continuation", copy_of=by_cue[cue.i])
        else:
            prev = _previous_direct(text, q, pool, ends)
            if prev is None:
                continue
            frame = Frame(inner, "continuation", copy_of=prev)
        out.append(frame)
        pool.append(frame)
        if frame.pattern in _DIRECT_LIKE:
            bisect.insort(ends, (frame.content[1], len(pool) - 1))
    return out


def _nearest_cue(doc: Any, q: Quote, quoted: list[bool]) -> Any:
    """The speech verb with a subject nearest the quotation, in its paragraph."""
    text = doc_text(doc)
    para_start, para_end = paragraph(text, q.start, q.end)
    span = doc.char_span(q.start, q.end, alignment_mode="expand")
    if span is None:
        return None
    sents = {span[0].sent.start, span[-1].sent.start}
    window = []
    for sent in sents_starting(doc, para_start, para_end + 1):
        if sent.end_char > para_end + 1:
            continue
        touching = sent.start in sents
        after = q.end <= sent.start_char and not text[q.end:sent.start_char].strip(" ,")
        before = sent.end_char <= q.start and text[sent.end_char - 1:q.start].strip()[-1:] in (
            ":", ",") and not text[sent.end_char:q.start].strip()
        if touching or after or before:
            window.extend(sent)
    cands = [t for t in window if not quoted[t.idx] and t.pos_ in ("VERB", "AUX")
             and t.lemma_.lower() in SPEECH_VERBS and subject_of(t) is not None]
    if not cands:
        return None
    return min(cands, key=lambda t: min(abs(t.idx - q.start), abs(t.idx - q.end)))


_DIRECT_LIKE = ("quote", "ccomp", "continuation")


def _previous_direct(text: str, q: Quote, pool: list[Frame],
                     ends: list[tuple[int, int]]) -> Frame | None:
    """A direct-quote frame ending in the same or the previous paragraph.

    ``ends`` holds ``(content end, index in pool)`` of the direct-like frames,
    sorted: the one ending last at or before the quotation wins.
    """
    para_start = text.rfind("\n", 0, q.start) + 1
    prev_start = text.rfind("\n", 0, max(0, para_start - 1))
    while prev_start > 0 and not text[prev_start + 1: para_start].strip():
        prev_start = text.rfind("\n", 0, prev_start)  # skip blank lines
    prev_start = max(0, prev_start + 1) if prev_start >= 0 else 0
    i = bisect.bisect_right(ends, (q.start, len(pool))) - 1
    if i < 0 or ends[i][0] < prev_start:
        return None
    # The first frame (in pool order) among those ending at that same position.
    end = ends[i][0]
    j = bisect.bisect_left(ends, (end, -1))
    return pool[ends[j][1]]


def _title_like(doc: Any, q: Quote) -> bool:
    """Quoted titles ("The Art of the Deal"): every content word capitalised (textacy)."""
    span = doc.char_span(q.inner_start, q.inner_end, alignment_mode="expand")
    if span is None:
        return True
    words = [t for t in span if not (t.is_punct or t.is_stop or t.is_space)]
    # One capitalised word is a name, not a title: “I would, Donald.” is speech.
    return len(words) >= 2 and all(t.is_title for t in words)


# -- spans -------------------------------------------------------------------------


def _quoted_mask(n: int, quotes: list[Quote]) -> list[bool]:
    mask = [False] * (n + 1)
    for q in quotes:
        for i in range(q.start, q.end):
            mask[i] = True
    return mask


def _extend_to_quotes(content: tuple[int, int], inner: _Ranges) -> tuple[int, int]:
    """Grow a content range to the whole of every quotation it reaches into."""
    start, end = content
    while True:
        grown = start, end
        for s, e, _ in inner.overlapping(start, end):
            start, end = min(start, s), max(end, e)
        if (start, end) == grown:
            return start, end


def _dedupe(frames: list[Frame]) -> list[Frame]:
    """One frame per content range, and no frame whose cue lies inside another
    frame's content: attributions are univocal, each word belongs to one (the
    PolNeAR and PARC convention), so "X reported that Y said Z" is X's alone."""
    seen: set[tuple[int, int]] = set()
    contents = _Ranges((f.content[0], f.content[1], f) for f in frames)
    out = []
    for f in frames:
        if f.content in seen:
            continue
        if f.cue and any(g is not f
                         and not (f.content[0] <= g.cue[0] < f.content[1] if g.cue else False)
                         for _, _, g in contents.containing(f.cue[0])):
            continue
        seen.add(f.content)
        out.append(f)
    return out


def _speaker_range(subject: Any, cue_tok: Any, quoted: list[bool]) -> tuple[int, int] | None:
    """The speaker phrase: the subject's subtree, minus quotations and long clauses."""
    toks = list(subject.subtree)
    if len(toks) > MAX_SPEAKER_TOKENS:
        drop = {t.i for c in subject.children if c.dep_ in ("relcl", "acl", "prep", "appos")
                and c.i > subject.i for t in c.subtree}
        toks = [t for t in toks if t.i not in drop]
    if cue_tok is not None:
        toks = [t for t in toks if t.i != cue_tok.i]
    toks = [t for t in toks if not quoted[t.idx]]
    # Keep the contiguous run around the subject's head.
    run = sorted(toks, key=lambda t: t.i)
    idx = {t.i for t in run}
    lo = hi = subject.i
    while lo - 1 in idx:
        lo -= 1
    while hi + 1 in idx:
        hi += 1
    return token_range([t for t in run if lo <= t.i <= hi])


# -- attributions ------------------------------------------------------------------


def _build(doc: Any, f: Frame, quoted: list[bool], inner: _Ranges,
           outlets: OutletIndex) -> Attribution | None:
    text = doc_text(doc)
    content = trim(text, *f.content)
    if content is None:
        return None
    src = f.copy_of if f.copy_of is not None else f
    cue = _span(text, f.cue) if f.copy_of is None and f.cue else None
    speaker_range = src.speaker
    if speaker_range is None and src.subject is not None:
        speaker_range = _speaker_range(src.subject, src.cue_tok, quoted)
    info = SpeakerInfo("unresolved")
    if speaker_range is not None:
        span = doc.char_span(*speaker_range, alignment_mode="expand")
        if span is not None and len(span):
            info = classify(span, outlets)
    direct = _quoted_share(content, inner) >= DIRECT_SHARE
    return Attribution(
        speaker=_span(text, speaker_range) if speaker_range else None,
        speaker_type=info.type,
        cue=cue,
        content=_span(text, content),
        direct=direct,
        via=_via(doc, src, info, outlets),
        speaker_name=info.name,
        role=info.role,
        antecedent=_span(text, info.antecedent) if info.antecedent else None,
        pattern=f.pattern,
        fragments=tuple(_span(text, r) for r in f.fragments),
    )


def _span(text: str, rng: tuple[int, int]) -> Span:
    return Span(rng[0], rng[1], text[rng[0] : rng[1]])


def _quoted_share(content: tuple[int, int], inner: _Ranges) -> float:
    start, end = content
    inside = sum(min(end, e) - max(start, s) for s, e, _ in inner.overlapping(start, end))
    return inside / max(1, end - start)


def _via(doc: Any, f: Frame, info: SpeakerInfo, outlets: OutletIndex) -> str | None:
    """The outlet an attribution is reported through.

    The addressee of "told" ("told the Al-Monitor"), an "interview with" object, or
    the speaker itself when it is an outlet's report ("according to the report");
    matched to provenance's cited sources when there are any, else any ORG entity
    in those positions.
    """
    if info.type == "outlet" and (info.outlet or info.name):
        return info.outlet or info.name
    tok = f.cue_tok
    if tok is None:
        return None
    cands = []
    if tok.lemma_ == "tell":
        cands = [c for c in tok.children if c.dep_ in ("dobj", "dative")]
    for prep in (c for c in tok.children if c.dep_ == "prep"):
        for obj in (g for g in prep.children if g.dep_ == "pobj"):
            cands.append(obj)
            cands.extend(g for p in obj.children if p.dep_ == "prep"
                         for g in p.children if g.dep_ == "pobj")
    for c in cands:
        phrase = doc[c.left_edge.i : c.right_edge.i + 1]
        name = outlets.at(phrase.start_char, phrase.end_char) or outlets.named(phrase.text)
        if name:
            return name
        if not outlets.names and tok.lemma_ == "tell" and c.ent_type_ == "ORG":
            ents = [e for e in ents_within(phrase) if e.label_ == "ORG"]
            if ents:
                return clean_name(ents[0].text)
    return None


def summarize(attributions: list[Attribution], n_words: int) -> dict[str, Any]:
    """Summary counts for ``article.signals["sourcing"]``.

    Args:
        attributions: The article's attributions.
        n_words: Words in the body (the denominator of ``quotes_per_100_words``).
    """
    n = len(attributions)
    counts = {t: sum(a.speaker_type == t for a in attributions)
              for t in ("named", "anonymous", "organization", "outlet", "unresolved")}
    n_direct = sum(a.direct for a in attributions)
    n_via = sum(a.via is not None for a in attributions)
    return {
        "n_attributions": n,
        "n_direct": n_direct,
        "n_indirect": n - n_direct,
        **{f"n_{t}": c for t, c in counts.items()},
        "n_secondhand": n_via,
        "share_anonymous": round(counts["anonymous"] / n, 4) if n else 0.0,
        "share_secondhand": round(n_via / n, 4) if n else 0.0,
        "share_direct": round(n_direct / n, 4) if n else 0.0,
        "quotes_per_100_words": round(100 * n_direct / n_words, 4) if n_words else 0.0,
    }


@stage("analysis.sourcing", version="4", requires=("doc",), assigns=("attributions", "signals"))
def sourcing(article: Article, options: Options) -> None:
    """Find who says what (attributions) and summarise the article's sourcing."""
    doc = article.doc
    if doc is None:
        article.attributions = []
        article.signals["sourcing"] = summarize([], 0)
        return
    try:
        article.attributions = find_attributions(doc, getattr(article, "provenance", None),
                                                 options.min_attribution_confidence,
                                                 span_model=options.span_model)
    except DataError:  # a missing or broken model is the installation's fault: say so
        raise
    except Exception as exc:  # one odd parse must not take the whole report down
        log.warning("sourcing failed on %r: %s", article, exc, exc_info=True)
        article.attributions = []
        article.signals["sourcing"] = {**summarize([], 0), "error": str(exc)}
        return
    n_words = sum(1 for t in doc if t.is_alpha)
    article.signals["sourcing"] = summarize(article.attributions, n_words)
