"""Which attributions a reader is shown: statements by someone other than the writer.

PolNeAR, on which the attribution finder is trained and scored, follows PARC's
broad notion of attribution: stances and intentions count as much as speech
("Pence backed the bill", "Trump decided to move forward", "Schumer proposed an
amendment"). A reader checking *who says what* wants the narrower set a newsroom
calls sourcing: someone said, wrote, reported, believes or found something. This
module decides, for each attribution the finder keeps, whether it is such a
statement, and says why not when it is not. The report shows the statements
(``Options(attributions="statements")``, the default); ``--all-attributions``
shows everything the finder keeps, PolNeAR's notion.

Not a statement:

- **an act**: the cue of a frame whose content is a noun phrase or an infinitive
  ("voted against the amendment", "hired Danny Kedem", "decided to send the bill
  back") is not a verb of communication or judgement (Levin 1993, *English Verb
  Classes and Alternations*, classes 37 "verbs of communication" and 33 "judgement
  verbs": "accused X of", "called for", "urged X to", "praised X for" are kept);
- **the writer's own voice**: a first- or second-person speaker outside quotation
  marks ("I think", "we have called for", "you can see"), an imperative aside
  with no speaker ("Note that ...", "Recall that ..."), or a hedge ("it appears",
  "it seems", "only time will tell");
- **a picture**: "This photo shows ...", "Dashcam footage shows ...";
- **a reader poll**: "% of readers think this story is Fact";
- **no one**: an attribution with no speaker ("is expected to ...", "Asked about
  ...", "the notion that ..."), or one whose speaker is denied ("no word on the
  details"), or whose speaker lies inside its own content (a
  misparse). A quotation running on after "X said." has the speaker it continues.
"""

from __future__ import annotations

from typing import Any

#: Verbs of communication and judgement that cue a statement when their content is
#: a noun phrase or a prepositional object: "accused X of Y", "called for a
#: ceasefire", "cited a report", "praised the president for ...". Levin (1993)
#: classes 37.1-37.7 (say, tell, ask, complain, manner of speaking) and 33
#: (judgement: praise, blame, criticize, accuse), with the reporting verbs of
#: written sources (cite, quote, write).
NOUN_CONTENT_VERBS = frozenset("""
accuse allege applaud argue ask attack beg blame blast brand call caution challenge
charge chide cite claim commend compare complain condemn congratulate criticize
criticise decry defend demand denounce deny describe dismiss dispute echo fault hail
insist label lambaste lament mock plead praise press push question quote rebuke
recommend reiterate repeat request ridicule say scold slam suggest tell thank tout
urge warn write tweet post appeal advocate characterize characterise dub express voice
""".split())

#: Verbs whose infinitive is what was said: "vowed to ...", "urged X to ...",
#: "called on X to ...", "threatened to ...". Commitments and requests are speech
#: acts (Searle 1976); decisions, attempts and wishes ("decided to", "tried to",
#: "refused to", "agreed to") are acts or states, not statements.
INFINITIVE_VERBS = frozenset("""
vow pledge promise threaten urge ask call demand request warn tell order invite
encourage advise press pressure say claim appeal beg implore instruct persuade
remind swear predict
""".split())

#: Verbs that take only their writer's voice when they have no speaker: an
#: imperative aside to the reader ("Note that", "Recall that", "Consider") or an
#: impersonal hedge ("it appears", "it seems").
WRITER_VERBS = frozenset({"note", "recall", "consider", "remember", "imagine", "see",
                          "appear", "seem", "look", "notice", "read", "view"})

#: Heads of a picture's subject: what it shows is a caption, not a source's claim.
PICTURE_HEADS = frozenset({"photo", "photos", "image", "images", "picture", "pictures",
                           "video", "videos", "footage", "file", "caption", "clip",
                           "screenshot", "map", "graphic", "illustration"})

#: First- and second-person pronouns: the writer or the reader.
AUTHOR_PRONOUNS = frozenset({"i", "me", "we", "us", "you", "my", "our", "myself"})

#: Patterns whose content is a noun phrase or an infinitive, so the cue must be a
#: verb of communication for the attribution to be a statement.
_NOUN_PATTERNS = frozenset({"object", "prep_object", "passive"})
_LAYOUT_PATTERNS = frozenset({"transcript", "post", "signed"})


#: Modals with which the writer prescribes what someone should say: no one has said it.
_PRESCRIPTIVE = frozenset({"should", "must", "ought"})


def _lets(tok: Any) -> bool:
    """The "'s" of "Let's agree that ...": the writer and the reader."""
    return tok.lower_ in ("'s", "’s") and tok.i > 0 and tok.doc[tok.i - 1].lower_ == "let"


def _tok(doc: Any, span: Any) -> Any:
    if span is None:
        return None
    s = doc.char_span(span.start, span.end, alignment_mode="expand")
    return s.root if s is not None and len(s) else None


def _quoted(doc: Any, pos: int) -> bool:
    from .coref import inside_quote

    return inside_quote(doc, pos)


def why_not_statement(doc: Any, a: Any) -> str | None:
    """Why attribution ``a`` is not a statement a reader is shown, or None if it is.

    Args:
        doc: The parsed text (``a``'s offsets index into it).
        a: A :class:`.sourcing.Attribution`.

    Returns:
        "author", "act", "picture", "reader poll", "no speaker" or None.
    """
    cue = _tok(doc, a.cue)
    speaker = _tok(doc, a.speaker)
    lemma = cue.lemma_.lower() if cue is not None else ""
    if a.pattern in _LAYOUT_PATTERNS:
        return None
    if a.speaker is not None and a.speaker.text.lstrip().startswith("%"):
        return "reader poll"
    if speaker is not None and (speaker.lower_ in AUTHOR_PRONOUNS or _lets(speaker)) \
            and not _quoted(doc, a.speaker.start):
        return "author"
    if speaker is None and cue is not None and lemma in WRITER_VERBS:
        return "author"
    if cue is not None and not _quoted(doc, cue.idx) and any(
            c.dep_ == "aux" and c.lower_ in _PRESCRIPTIVE for c in cue.children):
        return "author"  # "Trump ... and mayors should call on Americans to": advice
    if speaker is not None and speaker.lower_ in ("it", "time") and lemma in (
            "appear", "seem", "tell", "look"):
        return "author"  # "it appears ...", "only time will tell"
    if speaker is not None and speaker.lower_ in PICTURE_HEADS and lemma == "show":
        return "picture"
    if a.speaker is None:
        return "no speaker"  # "is expected to ...", "Asked about ...", "the notion that"
    if speaker is not None and speaker.pos_ != "PRON" and any(
            c.dep_ == "det" and c.lower_ == "no" for c in speaker.children):
        return "no speaker"  # "there is no word on ...", "no comment"
    if a.speaker is not None and a.content.start <= a.speaker.start < a.content.end:
        return "no speaker"  # the speaker inside its own content: a misparse
    if cue is None:
        return None  # a quotation running on after "X said."
    if a.pattern == "xcomp" and lemma not in INFINITIVE_VERBS:
        return "act"
    if a.pattern in _NOUN_PATTERNS and lemma not in NOUN_CONTENT_VERBS:
        return "act"
    if a.pattern == "model" and not any(_model_cue_speaks(t) for t in _cue_words(doc, a.cue)):
        return "act"
    return None


def _cue_words(doc: Any, cue: Any) -> list[Any]:
    """The verbs and nouns of a cue span ("went on to scold", "blasting opponents for")."""
    s = doc.char_span(cue.start, cue.end, alignment_mode="expand")
    return [t for t in s if t.pos_ in ("VERB", "NOUN")] if s is not None else []


def _model_cue_speaks(cue: Any) -> bool:
    """A span-model content's cue is a verb or noun of saying or thinking."""
    from .cue_lexicon import TRAIN_COUNTS

    lemma = cue.lemma_.lower()
    if lemma in NOUN_CONTENT_VERBS or lemma in INFINITIVE_VERBS:
        return True
    m, n = TRAIN_COUNTS["ccomp"].get(lemma, (0, 0))
    if n and m / n >= SAYING_PRECISION:
        return True
    m, n = TRAIN_COUNTS.get("noun that", {}).get(lemma, (0, 0))
    return bool(n and m / n >= SAYING_PRECISION)


#: Share of a word's "X <word> that ..." frames that PolNeAR annotators marked as
#: attributions (``cue_lexicon.TRAIN_COUNTS``) from which it is a verb of saying
#: or thinking ("say" 0.73, "suggest" 0.84, "believe" 0.69; "make" 0.18, "see"
#: 0.33, "mean" 0.09). A round half, not tuned.
SAYING_PRECISION = 0.5
