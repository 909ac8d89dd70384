"""Sourcing's candidate finders: every attribution the rules find, unscored.

1. Quotations are found by a text scan (:mod:`.quotes`).
2. Syntactic frames, from the dependency parse (:mod:`.frames`): a cue verb with
   its complement, a passive with its agent, a parenthetical or "as" cue, a cue
   noun with a that-clause, and "according to X".
3. Layout: interview transcripts ("WALLACE: ..."), embedded posts, quotations
   signed with a dash ("“...” ― Jane Smith"), and "X said:" ending a paragraph
   that introduces the next one.
4. Quotations no frame covers are attached to the nearest cue verb with a
   subject in the same or the adjacent sentence of the same paragraph, else
   continue the previous direct attribution of the same or previous paragraph.
   A quotation its cue interrupts ("“...,” X said. “...”") keeps its pieces in
   ``fragments``.

Each frame becomes an :class:`.attribution.Attribution` (:func:`.attribution.build`).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import replace
from typing import Any

from ..nlp import doc_text, sents_starting
from .attribution import Attribution, build, quoted_mask
from .frames import (
    SPEECH_VERBS,
    Frame,
    cue_range,
    noun_frame,
    paragraph,
    prep_frame,
    subject_of,
    trim,
    verb_frame,
)
from .intervals import IntervalIndex
from .quotes import Quote, find_quotes
from .speakers import OutletIndex

#: Minimum words inside quotation marks for a quotation to be an attribution on
#: its own; one- and two-word quotations are scare quotes or titles ("so-called
#: 'experts'"). textacy uses 4 tokens including the marks, which is 2 words; 3
#: words cut scare quotes on PolNeAR dev without losing attributed quotes.
#: Re-run benchmarks/polnear.py after a change.
MIN_QUOTE_WORDS = 3


def candidates(doc: Any, provenance: Any = None) -> list[Attribution]:
    """Every attribution the rules find, unscored (see :func:`.sourcing.find_attributions`).

    Args:
        doc: A spaCy ``Doc`` (tagged, parsed, with entities).
        provenance: ``article.provenance`` or None; its cited sources name outlets.

    Returns:
        The attributions in text order of their content, without confidence.
    """
    text = doc_text(doc)
    quotes = find_quotes(text)
    outlets = OutletIndex(provenance)
    quoted = quoted_mask(len(text), quotes)
    inner = IntervalIndex((q.inner_start, q.inner_end, q) for q in quotes)
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
    found = [a for f in frames if (a := build(doc, f, quoted, inner, outlets)) is not None]
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
#: The post's text ends on a non-space character, so the spaces before the dash
#: are scanned once, not once for every position of a long blank stretch.
_POST = re.compile(r"^[ \t]*(\S.{4,}?\S)\s*([—―–]|--)\s*([^()\n—―]{2,60}?)\s*\(@\w{1,30}\)",
                   re.M)
#: “We will build it.” ― Jane Smith: a paragraph of one quotation signed with a
#: dash and a name, the layout of pull quotes, epigraphs and vox-pop round-ups
#: (Chicago Manual of Style 13.36 on the source line of an epigraph).
_SIGNED = re.compile(r"^[ \t]*([“\x22][^\n]{10,}[”\x22])[ \t\u00a0]*([—―–]|--)[ \t\u00a0]*"
                     r"([A-Z][^\n()@]{1,60}?)[ \t.]*$", re.M)


#: Labels of page furniture and of an article's parts, set like a transcript's
#: speaker ("Headline: ...", "Photo: ...", "Source: ..."), that no one says.
_NOT_SPEAKERS = frozenset({
    "update", "updated", "note", "editor's note", "editor’s note", "related", "watch",
    "read more", "read", "see also", "more", "headline", "subheadline", "title", "summary",
    "photo", "photos", "image", "images", "video", "caption", "credit", "source",
    "sources", "tags", "topics", "category", "categories", "filed under", "posted",
    "published", "date", "by", "share", "comments", "advertisement", "sponsored",
    "disclaimer", "disclosure", "correction", "clarification", "warning", "important",
    "breaking", "exclusive", "opinion", "analysis", "background", "bottom line",
    "follow", "subscribe", "contact", "email", "phone", "website", "address", "location",
    "time", "when", "where", "what", "why", "how", "who", "tl;dr", "p.s", "ps",
})


def _layout_frames(text: str, frames: list[Frame]) -> list[Frame]:
    """Attributions marked by layout rather than syntax: transcripts, posts and
    signed quotations."""
    taken = [f.content for f in frames]
    out = []
    for m in _TRANSCRIPT.finditer(text):
        label = m.group(1).strip()
        if label.lower() in _NOT_SPEAKERS:
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
    covered = IntervalIndex((f.content[0], f.content[1], None) for f in frames)
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
    covered = IntervalIndex((f.content[0], f.content[1], None) for f in frames)
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
    first, last = span[0].sent, span[-1].sent
    sents = {first.start, last.start}
    # Only the quotation's own sentences and the one just before and just after can
    # frame it: looking no further keeps a paragraph-long article (one line of
    # text) linear instead of scanning every sentence for every quotation.
    lo, hi = _neighbour_start(doc, first, -1), _neighbour_start(doc, last, 1)
    window = []
    for sent in sents_starting(doc, max(para_start, lo), min(para_end + 1, hi)):
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


def _neighbour_start(doc: Any, sent: Any, step: int) -> int:
    """The start character of the first sentence before (``step`` -1) or after (+1)
    ``sent`` that is not blank, bounding the search; past the text's ends, its ends
    (one past the last character, for an exclusive bound)."""
    while True:
        i = sent.start - 1 if step < 0 else sent.end
        if i < 0:
            return 0
        if i >= len(doc):
            return len(doc_text(doc)) + 1
        sent = doc[i].sent
        if sent.text.strip():
            return int(sent.start_char) if step < 0 else int(sent.start_char) + 1


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


# -- frames over frames ----------------------------------------------------------


def _extend_to_quotes(content: tuple[int, int], inner: IntervalIndex) -> tuple[int, int]:
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
    contents = IntervalIndex((f.content[0], f.content[1], f) for f in frames)
    out = []
    relayed: set[int] = set()
    for f in frames:
        if f.content in seen:
            continue
        outer = [g for _, _, g in contents.containing(f.cue[0]) if g is not f
                 and not (f.content[0] <= g.cue[0] < f.content[1] if g.cue else False)
                 ] if f.cue else []
        if outer:
            relay = _relay(f, outer)
            if relay is None:
                continue
            f.via_tok = relay.subject
            relayed.add(id(relay))
        seen.add(f.content)
        out.append(f)
    return [f for f in out if id(f) not in relayed]


def _relay(f: Frame, outer: list[Frame]) -> Frame | None:
    """'“...,” he said, according to the Washington Examiner': the "according to"
    (or "per") frame around a speech verb's own quotation names the channel, not
    the speaker; the speech frame is kept with it as ``via``. None when any other
    frame holds ``f``'s cue, or when a person is the channel: an account of what
    was said to them is theirs (the PolNeAR convention)."""
    if f.cue_tok is None or f.cue_tok.lemma_ not in SPEECH_VERBS or f.subject is None \
            or f.cue is None or f.content[1] > f.cue[0]:
        return None  # only a quotation set before its cue: "“...,” he said, according to"
    if any(g.pattern not in ("according_to", "per") or not (
            g.content[0] <= f.content[0] and f.content[1] <= g.content[1]) for g in outer):
        return None
    relay = outer[0]
    if relay.subject is None or any(t.ent_type_ == "PERSON" for t in relay.subject.subtree):
        return None  # "According to Lesley Stahl, Trump said to her": her account
    return relay
