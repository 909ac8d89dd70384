"""Sourcing: who says what in an article (attributions).

An attribution ties a *content* (what is said, believed or reported) to a *cue*
(the verb or phrase that signals reporting: "said", "told", "according to") and a
*source* (the speaker), following the attribution relation model of Pareti's PARC
(Pareti 2016) as used by PolNeAR (Newell, Margolin and Ruths 2018). Steps:

1. Quotations are found by a text scan (:mod:`.quotes`).
2. Syntactic frames, from the dependency parse (Krestel, Bergler and Witte 2008,
   "Minding the Source"; textacy's ``direct_quotations`` uses the same cue-verb
   and subject rules for direct quotes):
   - a cue verb with a clausal complement: "X said (that) ...", "X told Y ...",
     "“...,” X said" (the quote is the verb's ``ccomp``);
   - a parenthetical cue: "The plan, he said, is dead" (``parataxis``);
   - a prepositional cue: "according to X, ...", "..., per the report";
   - a cue verb with an infinitive complement for verbs of intent ("vowed to").
3. Quotations no frame covers are attached to the nearest cue verb with a
   subject in the same or the adjacent sentence of the same paragraph, else
   continue the previous direct attribution of the same or previous paragraph
   (the convention of a quote running on after "X said.").
4. Speakers are typed and pronouns resolved (:mod:`.speakers`); ``via`` is the
   outlet through which the attribution is reported ("told the Al-Monitor").
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, replace
from typing import Any

from ..article import Article, Span
from ..options import Options
from ..pipeline import stage
from .quotes import Quote, find_quotes
from .speakers import OutletIndex, SpeakerInfo, classify, clean_name

log = logging.getLogger(__name__)

#: Verbs of speaking and writing (lemmas), the reporting verbs of PARC and of
#: textacy's ``REPORTING_VERBS``. They cue direct quotes and indirect speech.
SPEECH_VERBS = frozenset(
    """
    say tell add write claim report explain tweet state note argue insist assert
    declare announce acknowledge admit confirm deny warn suggest contend maintain
    allege observe remark reply respond answer ask testify predict promise vow
    pledge recall describe caution complain concede stress emphasize agree
    speculate estimate indicate reveal disclose boast joke quip shout yell post
    comment conclude counter urge demand propose mention question wonder accuse
    charge criticize repeat reiterate tout lament assure inform advise recommend
    forecast signal affirm attest proclaim retort retweet blast slam write tell
    threaten hint insist charge posit opine muse recount reason add
    """.split()
)

#: Verbs of belief, knowledge and intent: PolNeAR and PARC annotate the
#: attributed beliefs of a source too ("Trump believes that ..."). They cue only
#: indirect speech with a clausal complement, never a bare quotation.
COGNITION_VERBS = frozenset(
    """
    believe think feel know expect hope fear worry doubt suspect assume consider
    understand realize learn hear find show decide insist acknowledge recognize
    figure guess presume imagine reckon trust see
    """.split()
)

#: Verbs whose infinitive complement is attributed content ("vowed to fight").
XCOMP_VERBS = frozenset(
    """
    promise vow pledge threaten plan want intend refuse decline agree offer urge
    hope expect seek aim
    """.split()
)

#: Verbs whose direct object is attributed content ("criticized the plan",
#: "called it a disgrace"). Chosen from the cue verbs of the PolNeAR train split
#: (Newell et al. 2018) that are cues in at least half of their occurrences there;
#: re-run benchmarks/polnear.py --split dev after a change.
OBJECT_VERBS = frozenset(
    """
    ask call criticize mention endorse discuss accuse praise defend cite demand deny
    denounce tout reveal express announce confirm predict acknowledge reject dismiss
    applaud blast slam mock echo admit recall describe declare claim report urge
    congratulate quote highlight repeat propose
    """.split()
)

#: Verbs whose prepositional object is the content ("called for a ban", "talked
#: about trade"), with the prepositions; same source as OBJECT_VERBS.
PREP_VERBS: dict[str, tuple[str, ...]] = {
    "call": ("for", "on"), "talk": ("about",), "speak": ("of", "about"),
    "point": ("to",), "refer": ("to",), "respond": ("to",), "comment": ("on",),
    "complain": ("about",), "apologize": ("for",), "warn": ("about", "of", "against"),
    "write": ("about",), "joke": ("about",), "argue": ("for", "against"),
    "push": ("for",), "boast": ("about", "of"), "brag": ("about",), "insist": ("on",),
}

ALL_CUE_VERBS = SPEECH_VERBS | COGNITION_VERBS | XCOMP_VERBS | OBJECT_VERBS | frozenset(PREP_VERBS)

#: Prepositional cues taking the source as object.
PREP_CUES = ("according to", "per")

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

_SUBJ = ("nsubj",)
_CUE_MODS = ("aux", "auxpass", "neg", "prt")
_EDGE_PUNCT = " \t\n,;:—–-\"“”‘’'«»"
_REL_PRONOUNS = {"who", "which", "that"}


@dataclass(frozen=True, slots=True)
class Attribution:
    """Who says what: speaker, cue and content as spans into the article's text.

    ``speaker_type`` is named, anonymous, organization, outlet or unresolved;
    ``direct`` is True when the content is (mostly) quoted words; ``via`` is the
    outlet through which it is reported. ``speaker_name`` and ``role`` are read
    from the speaker phrase (or, for a pronoun, from its ``antecedent``);
    ``pattern`` names the rule that found it.
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


@dataclass(slots=True)
class _Frame:
    content: tuple[int, int]
    pattern: str
    cue: tuple[int, int] | None = None
    cue_tok: Any = None
    subject: Any = None  # a spaCy Token heading the speaker phrase
    speaker: tuple[int, int] | None = None
    copy_of: _Frame | None = None


def find_attributions(doc: Any, provenance: Any = None) -> list[Attribution]:
    """Find attributions in a parsed text.

    Args:
        doc: A spaCy ``Doc`` (tagged, parsed, with entities); offsets of the
            returned spans index into ``doc.text``.
        provenance: ``article.provenance`` or None; its ``cited_sources`` name
            the outlets through which attributions are reported.

    Returns:
        Attributions in text order of their content.
    """
    text = doc.text
    quotes = find_quotes(text)
    outlets = OutletIndex(provenance)
    quoted = _quoted_mask(len(text), quotes)
    frames: list[_Frame] = []
    for tok in doc:
        if quoted[tok.idx]:
            continue
        frame = _prep_frame(tok) or _verb_frame(tok)
        if frame is not None:
            frame.content = _extend_to_quotes(frame.content, quotes)
            frames.append(frame)
    frames = _dedupe(frames + _layout_frames(text, frames))
    frames += _quote_frames(doc, quotes, frames, quoted)
    frames.sort(key=lambda f: f.content[0])
    found = [a for f in frames if (a := _build(doc, f, quotes, outlets)) is not None]
    return _name_unnamed_outlets(found)


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


# -- frames from the parse ---------------------------------------------------------


def _prep_frame(tok: Any) -> _Frame | None:
    """'according to X, ...' and '..., per the report'."""
    lower = tok.lower_
    if lower == "according":
        nxt = tok.nbor(1) if tok.i + 1 < len(tok.doc) else None
        if nxt is None or nxt.lower_ != "to":
            return None
        prep, cue_end = nxt, nxt.idx + len(nxt)
    elif lower == "per" and tok.dep_ == "prep":
        prep, cue_end = tok, tok.idx + len(tok)
    else:
        return None
    objs = [c for c in prep.children if c.dep_ == "pobj"]
    if not objs:
        return None
    obj = objs[0]
    if lower == "per" and not (obj.ent_type_ in {"ORG", "PERSON"} or obj.lemma_ in _DOC_NOUNS):
        return None  # "$5 per share"
    # The content is the rest of the sentence: "according to X" qualifies the
    # whole clause it sits in, wherever the parser attaches it.
    phrase = {t.i for t in tok.subtree} | {t.i for t in prep.subtree} | {tok.i}
    before = [t for t in tok.sent if t.i < min(phrase)]
    after = [t for t in tok.sent if t.i > max(phrase)]
    words = lambda ts: sum(not t.is_punct for t in ts)  # noqa: E731
    content = _range(before if words(before) >= words(after) else after, tok)
    if content is None:
        return None
    return _Frame(content, "according_to" if lower == "according" else "per",
                  cue=(tok.idx, cue_end), subject=obj)


_DOC_NOUNS = frozenset({"report", "reports", "statement", "source", "sources", "official",
                        "officials", "poll", "survey", "study", "document", "documents"})


def _verb_frame(tok: Any) -> _Frame | None:
    """A cue verb with a clausal, infinitive, object or prepositional complement,
    or a parenthetical cue."""
    lemma = tok.lemma_.lower()
    if tok.pos_ not in ("VERB", "AUX") or lemma not in ALL_CUE_VERBS:
        return None
    toks, pattern = _complement(tok, lemma)
    if not toks:
        return None
    content = _range(toks, tok)
    if content is None:
        return None
    return _Frame(content, pattern, cue=_cue_range(tok), cue_tok=tok, subject=_subject(tok))


def _complement(tok: Any, lemma: str) -> tuple[list[Any], str]:
    """The content tokens a cue verb governs, and the pattern's name."""
    kids = list(tok.children)
    comps = [c for c in kids if c.dep_ == "ccomp"]
    if comps and (lemma in SPEECH_VERBS or lemma in COGNITION_VERBS):
        toks = [t for c in comps for t in c.subtree]
        first = min(t.i for t in toks)
        return [t for t in toks if not (t.dep_ == "mark" and t.i == first)], "ccomp"
    if tok.dep_ == "parataxis" and lemma in SPEECH_VERBS and tok.head.i != tok.i:
        own = {t.i for t in tok.subtree}
        return [t for t in tok.head.subtree if t.i not in own], "parataxis"
    xcomps = [c for c in kids if c.dep_ == "xcomp" and c.i > tok.i]
    if xcomps and lemma in XCOMP_VERBS:
        return list(xcomps[0].subtree), "xcomp"
    if lemma in OBJECT_VERBS:
        objs = [c for c in kids if c.dep_ in ("dobj", "oprd") and c.i > tok.i
                and c.pos_ != "PRON"]
        if objs:
            return [t for c in objs for t in c.subtree], "object"
    preps = PREP_VERBS.get(lemma, ())
    for c in kids:
        if c.dep_ == "prep" and c.lower_ in preps and c.i > tok.i:
            objs = [g for g in c.children if g.dep_ in ("pobj", "pcomp")]
            if objs:
                return [t for g in objs for t in g.subtree], "prep_object"
    return [], ""


def _cue_range(tok: Any) -> tuple[int, int]:
    mods = [c for c in tok.children if c.dep_ in _CUE_MODS and abs(c.i - tok.i) <= 3]
    toks = [tok, *mods]
    return min(t.idx for t in toks), max(t.idx + len(t) for t in toks)


def _subject(tok: Any, depth: int = 0) -> Any:
    """The token heading the cue's speaker phrase, following conjunctions and
    participles ("..., saying", "and added") to the governing verb's subject."""
    for c in tok.children:
        if c.dep_ in _SUBJ:
            if c.lower_ in _REL_PRONOUNS and tok.dep_ == "relcl":
                return tok.head
            return c
        if c.dep_ == "agent":
            objs = [g for g in c.children if g.dep_ == "pobj"]
            if objs:
                return objs[0]
    if depth < 2 and tok.dep_ in ("conj", "advcl", "xcomp") and tok.head.i != tok.i:
        if tok.dep_ != "advcl" or tok.tag_ == "VBG":
            return _subject(tok.head, depth + 1)
    if depth < 2 and tok.dep_ == "pcomp" and tok.head.dep_ == "prep":
        return _subject(tok.head.head, depth + 1)  # "responded by threatening to"
    return None


# -- transcripts and embedded posts -------------------------------------------------

#: "WALLACE: Let's start..." / "Donald Trump: We will win": a speaker label of one
#: to four capitalised words opening a paragraph (interview transcripts).
_TRANSCRIPT = re.compile(r"^[ \t]*((?:[A-Z][\w.'’-]*\s?){1,4}):\s+(\S.{10,})$", re.M)
#: "... pic.twitter.com/x — Donald J. Trump (@realDonaldTrump) October 9, 2016":
#: the signature line of an embedded post (Twitter's embed markup, as scraped).
_POST = re.compile(r"^[ \t]*(\S.{5,}?)\s*([—―–]|--)\s*([^()\n—―]{2,60}?)\s*\(@\w{1,30}\)",
                   re.M)


def _layout_frames(text: str, frames: list[_Frame]) -> list[_Frame]:
    """Attributions marked by layout rather than syntax: transcripts and posts."""
    taken = [f.content for f in frames]
    out = []
    for m in _TRANSCRIPT.finditer(text):
        label = m.group(1).strip()
        if label.lower() in {"update", "note", "editor's note", "related", "watch", "read more"}:
            continue
        out.append(_Frame((m.start(2), m.end(2)), "transcript", cue=(m.end(1), m.end(1) + 1),
                          speaker=(m.start(1), m.start(1) + len(label))))
    for m in _POST.finditer(text):
        out.append(_Frame((m.start(1), m.end(1)), "post", cue=(m.start(2), m.end(2)),
                          speaker=(m.start(3), m.end(3))))
    return [f for f in out if not any(s < f.content[1] and f.content[0] < e for s, e in taken)]


# -- quotations no frame covers ----------------------------------------------------


def _quote_frames(doc: Any, quotes: list[Quote], frames: list[_Frame],
                  quoted: list[bool]) -> list[_Frame]:
    text = doc.text
    covered = [(f.content[0], f.content[1]) for f in frames]
    by_cue = {f.cue_tok.i: f for f in frames if f.cue_tok is not None}
    out: list[_Frame] = []
    for q in quotes:
        if any(s < q.inner_end and q.inner_start < e for s, e in covered):
            continue
        if q.words(text) < MIN_QUOTE_WORDS or _title_like(doc, q):
            continue
        inner = (q.inner_start, q.inner_end)
        cue = _nearest_cue(doc, q, quoted)
        if cue is not None and cue.i not in by_cue:
            frame = _Frame(inner, "quote", cue=_cue_range(cue), cue_tok=cue, subject=_subject(cue))
            by_cue[cue.i] = frame
        elif cue is not None:
            frame = _Frame(inner, "continuation", copy_of=by_cue[cue.i])
        else:
            prev = _previous_direct(text, q, frames + out)
            if prev is None:
                continue
            frame = _Frame(inner, "continuation", copy_of=prev)
        out.append(frame)
    return out


def _nearest_cue(doc: Any, q: Quote, quoted: list[bool]) -> Any:
    """The speech verb with a subject nearest the quotation, in its paragraph."""
    text = doc.text
    para_start = text.rfind("\n", 0, q.start) + 1
    para_end = text.find("\n", q.end)
    para_end = len(text) if para_end < 0 else para_end
    span = doc.char_span(q.start, q.end, alignment_mode="expand")
    if span is None:
        return None
    sents = {span[0].sent.start, span[-1].sent.start}
    window = []
    for sent in doc.sents:
        if sent.start_char < para_start or sent.end_char > para_end + 1:
            continue
        touching = sent.start in sents
        after = q.end <= sent.start_char and not text[q.end:sent.start_char].strip(" ,")
        before = sent.end_char <= q.start and text[sent.end_char - 1:q.start].strip()[-1:] in (
            ":", ",") and not text[sent.end_char:q.start].strip()
        if touching or after or before:
            window.extend(sent)
    cands = [t for t in window if not quoted[t.idx] and t.pos_ in ("VERB", "AUX")
             and t.lemma_.lower() in SPEECH_VERBS and _subject(t) is not None]
    if not cands:
        return None
    return min(cands, key=lambda t: min(abs(t.idx - q.start), abs(t.idx - q.end)))


def _previous_direct(text: str, q: Quote, frames: list[_Frame]) -> _Frame | None:
    """A direct-quote frame ending in the same or the previous paragraph."""
    para_start = text.rfind("\n", 0, q.start) + 1
    prev_start = text.rfind("\n", 0, max(0, para_start - 1))
    while prev_start > 0 and not text[prev_start + 1: para_start].strip():
        prev_start = text.rfind("\n", 0, prev_start)  # skip blank lines
    prev_start = max(0, prev_start + 1) if prev_start >= 0 else 0
    best = None
    for f in frames:
        direct_like = f.pattern in ("quote", "ccomp", "continuation")
        if direct_like and prev_start <= f.content[1] <= q.start:
            if best is None or f.content[1] > best.content[1]:
                best = f
    return best


def _title_like(doc: Any, q: Quote) -> bool:
    """Quoted titles ("The Art of the Deal"): every content word capitalised (textacy)."""
    span = doc.char_span(q.inner_start, q.inner_end, alignment_mode="expand")
    if span is None:
        return True
    words = [t for t in span if not (t.is_punct or t.is_stop or t.is_space)]
    return bool(words) and all(t.is_title for t in words)


# -- spans -------------------------------------------------------------------------


def _quoted_mask(n: int, quotes: list[Quote]) -> list[bool]:
    mask = [False] * (n + 1)
    for q in quotes:
        for i in range(q.start, q.end):
            mask[i] = True
    return mask


def _range(toks: list[Any], anchor: Any = None) -> tuple[int, int] | None:
    """Character range of tokens within ``anchor``'s paragraph (default: the first
    token's), trimmed of punctuation and spaces at both ends."""
    toks = [t for t in toks if not t.is_space]
    if not toks:
        return None
    text = toks[0].doc.text
    pos = (anchor if anchor is not None else toks[0]).idx
    para_start = text.rfind("\n", 0, pos) + 1
    para_end = text.find("\n", pos)
    para_end = len(text) if para_end < 0 else para_end
    toks = [t for t in toks if para_start <= t.idx < para_end]
    if not toks:
        return None
    start = min(t.idx for t in toks)
    end = max(t.idx + len(t) for t in toks)
    return _trim(text, start, end)


def _trim(text: str, start: int, end: int) -> tuple[int, int] | None:
    while start < end and text[start] in _EDGE_PUNCT:
        start += 1
    while end > start and text[end - 1] in _EDGE_PUNCT:
        end -= 1
    if end <= start:
        return None
    # Give back a quotation mark the trimming orphaned: a “disaster” not a “disaster.
    chunk = text[start:end]
    if chunk.count("“") > chunk.count("”") and text[end : end + 1] == "”":
        end += 1
    elif chunk.count('"') % 2 and text[end : end + 1] == '"':
        end += 1
    if chunk.count("”") > chunk.count("“") and start and text[start - 1] == "“":
        start -= 1
    return start, end


def _extend_to_quotes(content: tuple[int, int], quotes: list[Quote]) -> tuple[int, int]:
    """Grow a content range to the whole of every quotation it reaches into."""
    start, end = content
    for q in quotes:
        if q.inner_start < end and start < q.inner_end:
            start, end = min(start, q.inner_start), max(end, q.inner_end)
    return start, end


def _dedupe(frames: list[_Frame]) -> list[_Frame]:
    """One frame per content range, and no frame whose cue lies inside another
    frame's content: attributions are univocal, each word belongs to one (the
    PolNeAR and PARC convention), so "X reported that Y said Z" is X's alone."""
    seen: set[tuple[int, int]] = set()
    out = []
    for f in frames:
        if f.content in seen:
            continue
        if f.cue and any(g is not f and g.content[0] <= f.cue[0] < g.content[1]
                         and not (f.content[0] <= g.cue[0] < f.content[1] if g.cue else False)
                         for g in frames):
            continue
        seen.add(f.content)
        out.append(f)
    return out


def _speaker_range(subject: Any, cue_tok: Any, quotes: list[Quote]) -> tuple[int, int] | None:
    """The speaker phrase: the subject's subtree, minus quotations and long clauses."""
    toks = list(subject.subtree)
    if len(toks) > MAX_SPEAKER_TOKENS:
        drop = {t.i for c in subject.children if c.dep_ in ("relcl", "acl", "prep", "appos")
                and c.i > subject.i for t in c.subtree}
        toks = [t for t in toks if t.i not in drop]
    if cue_tok is not None:
        toks = [t for t in toks if t.i != cue_tok.i]
    toks = [t for t in toks if not any(q.start <= t.idx < q.end for q in quotes)]
    # Keep the contiguous run around the subject's head.
    run = sorted(toks, key=lambda t: t.i)
    idx = {t.i for t in run}
    lo = hi = subject.i
    while lo - 1 in idx:
        lo -= 1
    while hi + 1 in idx:
        hi += 1
    return _range([t for t in run if lo <= t.i <= hi])


# -- attributions ------------------------------------------------------------------


def _build(doc: Any, f: _Frame, quotes: list[Quote], outlets: OutletIndex) -> Attribution | None:
    text = doc.text
    content = _trim(text, *f.content)
    if content is None:
        return None
    src = f.copy_of if f.copy_of is not None else f
    cue = _span(text, f.cue) if f.copy_of is None and f.cue else None
    speaker_range = src.speaker
    if speaker_range is None and src.subject is not None:
        speaker_range = _speaker_range(src.subject, src.cue_tok, quotes)
    info = SpeakerInfo("unresolved")
    if speaker_range is not None:
        span = doc.char_span(*speaker_range, alignment_mode="expand")
        if span is not None and len(span):
            info = classify(span, outlets)
    direct = _quoted_share(content, quotes) >= DIRECT_SHARE
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
    )


def _span(text: str, rng: tuple[int, int] | None) -> Span | None:
    if rng is None:
        return None
    return Span(rng[0], rng[1], text[rng[0] : rng[1]])


def _quoted_share(content: tuple[int, int], quotes: list[Quote]) -> float:
    start, end = content
    inside = sum(max(0, min(end, q.inner_end) - max(start, q.inner_start)) for q in quotes)
    return inside / max(1, end - start)


def _via(doc: Any, f: _Frame, info: SpeakerInfo, outlets: OutletIndex) -> str | None:
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
            ents = [e for e in phrase.ents if e.label_ == "ORG"]
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


@stage("analysis.sourcing", version="1", requires=("doc",), assigns=("attributions", "signals"))
def sourcing(article: Article, options: Options) -> None:
    """Find who says what (attributions) and summarise the article's sourcing."""
    doc = article.doc
    if doc is None:
        article.attributions = []
        article.signals["sourcing"] = summarize([], 0)
        return
    try:
        article.attributions = find_attributions(doc, getattr(article, "provenance", None))
    except Exception as exc:  # one odd parse must not take the whole report down
        log.warning("sourcing failed on %r: %s", article, exc, exc_info=True)
        article.attributions = []
        article.signals["sourcing"] = {**summarize([], 0), "error": str(exc)}
        return
    n_words = sum(1 for t in doc if t.is_alpha)
    article.signals["sourcing"] = summarize(article.attributions, n_words)
