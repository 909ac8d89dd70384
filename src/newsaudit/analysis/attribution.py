"""The attribution record, and how a rule's frame becomes one.

A :class:`Attribution` ties a content to its cue and source, as spans into the
article's text (Pareti's PARC model as used by PolNeAR). :func:`build` turns a
:class:`.frames.Frame` found by the rules (:mod:`.candidates`) or the span model
(:mod:`.refinement`) into one: it trims the content, takes the speaker phrase from
the frame or the parse, types the speaker (:mod:`.speakers`), tells direct from
indirect speech and finds the outlet the attribution comes through.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..article import Span
from ..nlp import doc_text, ents_within
from .frames import Frame, token_range, trim
from .intervals import IntervalIndex
from .quotes import Quote
from .speakers import OutletIndex, SpeakerInfo, classify, clean_name
from .typology import source_name, source_type

#: Share of the content's characters inside quotation marks from which an
#: attribution counts as direct (a mixed quote, mostly quoted words, is direct).
DIRECT_SHARE = 0.5

#: Longest speaker phrase (tokens) kept whole; longer ones lose their relative
#: clauses ("the man who ... said"). Set on PolNeAR dev source spans.
MAX_SPEAKER_TOKENS = 12


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
    right (:mod:`.confidence`). ``source_type`` is the kind of source behind the
    speaker in a journalist's typology and ``source_name`` the speaker as a reader
    is shown it, a pronoun resolved to its name (:mod:`.typology`).
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
    source_type: str = "unknown"
    source_name: str | None = None


def build(doc: Any, f: Frame, quoted: list[bool], inner: IntervalIndex,
          outlets: OutletIndex) -> Attribution | None:
    """The attribution of a frame; None when its content trims to nothing.

    Args:
        doc: The spaCy ``Doc`` the frame was found in.
        f: The frame (content, cue and speaker ranges or tokens).
        quoted: Per character of the text, whether it lies inside quotation marks.
        inner: The quotations' inner ranges.
        outlets: The outlets cited in the article, for ``via`` and outlet speakers.
    """
    text = doc_text(doc)
    content = trim(text, *f.content)
    if content is None:
        return None
    src = f.copy_of if f.copy_of is not None else f
    cue = text_span(text, f.cue) if f.copy_of is None and f.cue else None
    speaker_range = src.speaker
    if speaker_range is None and src.subject is not None:
        speaker_range = _speaker_range(src.subject, src.cue_tok, quoted)
        if speaker_range is not None and src.cue and "\n" in text[
                min(speaker_range[1], src.cue[0]) : max(speaker_range[0], src.cue[1])]:
            speaker_range = None  # the parser ran a line ("Read: ...") into the cue's
    info = SpeakerInfo("unresolved")
    span = None
    if speaker_range is not None:
        span = doc.char_span(*speaker_range, alignment_mode="expand")
        if span is not None and len(span):
            info = classify(span, outlets)
    direct = quoted_share(content, inner) >= DIRECT_SHARE
    return Attribution(
        speaker=text_span(text, speaker_range) if speaker_range else None,
        speaker_type=info.type,
        cue=cue,
        content=text_span(text, content),
        direct=direct,
        via=_via(doc, src, info, outlets),
        speaker_name=info.name,
        role=info.role,
        antecedent=text_span(text, info.antecedent) if info.antecedent else None,
        pattern=f.pattern,
        fragments=tuple(text_span(text, r) for r in f.fragments),
        source_type=source_type(span, info, quoted=bool(span is not None and len(span)
                                                       and quoted[span.start_char])),
        source_name=source_name(span, info),
    )


def text_span(text: str, rng: tuple[int, int]) -> Span:
    """The span of ``text`` over ``rng``."""
    return Span(rng[0], rng[1], text[rng[0] : rng[1]])


def quoted_share(content: tuple[int, int], inner: IntervalIndex) -> float:
    """Share of ``content``'s characters inside quotation marks."""
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
    if f.via_tok is not None:  # "he said, according to the Washington Examiner"
        relay = doc[f.via_tok.left_edge.i : f.via_tok.right_edge.i + 1]
        return (outlets.at(relay.start_char, relay.end_char) or outlets.named(relay.text)
                or clean_name(relay.text))
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


def quoted_mask(n: int, quotes: list[Quote]) -> list[bool]:
    """Per character (one past the end too), whether it lies inside a quotation."""
    mask = [False] * (n + 1)
    for q in quotes:
        for i in range(q.start, q.end):
            mask[i] = True
    return mask


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
    keep = [t for t in run if lo <= t.i <= hi]
    ent = _entity_of(subject)
    if ent is not None and not quoted[ent.start_char] and (
            cue_tok is None or not ent.start <= cue_tok.i < ent.end):
        # The parse can cut a name the recogniser read whole: "according to the
        # Committee to Protect Journalists" parses "to Protect" as a clause.
        keep = sorted({*keep, *ent}, key=lambda t: t.i)
    return token_range(keep)


def _entity_of(tok: Any) -> Any:
    """The named entity (an organisation's or person's name) ``tok`` lies in; None
    for one with punctuation inside, which the recogniser ran over two names ("the
    Hamptons (Abedin", "Obama, Clinton")."""
    if tok.ent_type_ not in ("ORG", "PERSON", "FAC", "WORK_OF_ART"):
        return None
    ent = next((e for e in ents_within(tok.sent) if e.start <= tok.i < e.end), None)
    if ent is None or any(t.is_punct and t.text not in ("&", "-", ".", "'", "’")
                          for t in ent):
        return None
    return ent
