"""Attribution frames from the dependency parse: cue, source and content.

A frame is one cue word with the span it governs as content and the token
heading its source (Krestel, Bergler and Witte 2008, "Minding the Source";
textacy's ``direct_quotations`` uses the same cue-verb and subject rules):

- a cue verb with a clausal complement: "X said (that) ...", "X told Y ...",
  "“...,” X said" (the quote is the verb's ``ccomp``);
- a parenthetical cue: "The plan, he said, is dead" (``parataxis``), or a
  comment clause: "As X noted, the plan is dead";
- a cue verb with an infinitive complement: "X vowed to ..." (``xcomp``);
- a cue verb with an object: "X criticized the plan", "X accused Y of Z", or
  its passive with an agent: "the plan was criticized by X";
- a cue verb with a prepositional object: "X called for ...";
- a cue noun with a that-clause: "X's claim that ...";
- a prepositional cue: "according to X, ...", "..., per the report".

Which words cue in which frame comes from counts on the PolNeAR train split
(:mod:`.cue_lexicon`); the hand-written lists below, the reporting verbs of PARC
(Pareti 2016) and textacy's ``REPORTING_VERBS``, decide only for words too rare
there for the counts to speak.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..nlp import doc_text
from . import cue_lexicon
from .speakers import OUTLET_HEADS

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
#: "called it a disgrace").
OBJECT_VERBS = frozenset(
    """
    ask call criticize mention endorse discuss accuse praise defend cite demand deny
    denounce tout reveal express announce confirm predict acknowledge reject dismiss
    applaud blast slam mock echo admit recall describe declare claim report urge
    congratulate quote highlight repeat propose
    """.split()
)

#: Verbs whose prepositional object is the content ("called for a ban", "talked
#: about trade"), with the prepositions.
PREP_VERBS: dict[str, tuple[str, ...]] = {
    "call": ("for", "on"), "talk": ("about",), "speak": ("of", "about"),
    "point": ("to",), "refer": ("to",), "respond": ("to",), "comment": ("on",),
    "complain": ("about",), "apologize": ("for",), "warn": ("about", "of", "against"),
    "write": ("about",), "joke": ("about",), "argue": ("for", "against"),
    "push": ("for",), "boast": ("about", "of"), "brag": ("about",), "insist": ("on",),
}


def _lexicon(frame: str, fallback: frozenset[str]) -> frozenset[str]:
    """Cues of ``frame``: the train counts where they decide, else ``fallback``."""
    return cue_lexicon.cues(frame) | (fallback - cue_lexicon.counted(frame))


CCOMP_CUES = _lexicon("ccomp", SPEECH_VERBS | COGNITION_VERBS)
XCOMP_CUES = _lexicon("xcomp", XCOMP_VERBS)
OBJECT_CUES = _lexicon("object", OBJECT_VERBS)


def _prep_cues() -> dict[str, frozenset[str]]:
    """lemma -> prepositions after which its object is the content."""
    preps = {p for frame in cue_lexicon.TRAIN_COUNTS if frame.startswith("prep:")
             for p in [frame.partition(":")[2]]}
    preps |= {p for ps in PREP_VERBS.values() for p in ps}
    out: dict[str, set[str]] = {}
    for p in preps:
        hand = frozenset(v for v, ps in PREP_VERBS.items() if p in ps)
        for lemma in _lexicon(f"prep:{p}", hand):
            out.setdefault(lemma, set()).add(p)
    return {lemma: frozenset(ps) for lemma, ps in out.items()}


#: Verb lemma -> prepositions whose object is the content ("called for").
PREP_CUES_BY_VERB = _prep_cues()

#: Lowest train precision for a noun cue. Noun frames are less reliable than
#: verb frames (nouns head topics as often as messages), so the bar is higher;
#: chosen on PolNeAR dev (0.5 and 0.6 tie, 0.7: -0.001 content F1).
NOUN_MIN_PRECISION = 0.6

#: Nouns with a that-clause as content ("the claim that ...").
NOUN_THAT_CUES = cue_lexicon.cues("noun that", min_precision=NOUN_MIN_PRECISION)

ALL_CUE_VERBS = (CCOMP_CUES | XCOMP_CUES | OBJECT_CUES | frozenset(PREP_CUES_BY_VERB)
                 | SPEECH_VERBS)

#: Prepositions that carry on an object-frame content: "accused X of Y",
#: "blamed X for Y", "described X as Y" (gold PolNeAR contents span both), and
#: the ones the parser hangs on the verb though they modify the object
#: ("cited his endorsements from 88 generals", "decried crass behavior by
#: Trump", "discussed the challenges after Britain's decision"); chosen on
#: PolNeAR dev and train ("in" mostly begins the verb's own adverbial).
OBJECT_TAIL_PREPS = frozenset({"of", "for", "as", "to", "with", "over", "about", "from", "by",
                               "after"})

#: Prepositional cues taking the source as object.
PREP_CUES = ("according to", "per")

_DOC_NOUNS = frozenset({"report", "reports", "statement", "source", "sources", "official",
                        "officials", "poll", "survey", "study", "document", "documents"})
_SUBJ = ("nsubj",)
_CUE_MODS = ("aux", "auxpass", "neg", "prt")
EDGE_PUNCT = " \t\n,;:—–-\"“”‘’'«»"
_REL_PRONOUNS = {"who", "which", "that"}


@dataclass(slots=True)
class Frame:
    """One attribution candidate: character ranges and the parse tokens behind them.

    ``subject`` is the token heading the speaker phrase (when the parse gives
    one), ``speaker`` a speaker range found without the parse (transcripts),
    ``copy_of`` the frame whose speaker a continuation quote takes,
    ``fragments`` the pieces of a content its own cue interrupts, ``via_tok``
    the head of the channel an "according to" around the frame names.
    """

    content: tuple[int, int]
    pattern: str
    cue: tuple[int, int] | None = None
    cue_tok: Any = None
    subject: Any = None
    speaker: tuple[int, int] | None = None
    copy_of: Frame | None = None
    fragments: tuple[tuple[int, int], ...] = ()
    via_tok: Any = None


def prep_frame(tok: Any) -> Frame | None:
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
    content = token_range(before if words(before) >= words(after) else after, tok)
    if content is None:
        return None
    return Frame(content, "according_to" if lower == "according" else "per",
                 cue=(tok.idx, cue_end), subject=obj)


def verb_frame(tok: Any) -> Frame | None:
    """A cue verb with a clausal, infinitive, object or prepositional complement,
    or a parenthetical cue."""
    lemma = tok.lemma_.lower()
    if tok.pos_ not in ("VERB", "AUX") or lemma not in ALL_CUE_VERBS:
        return None
    toks, pattern = _complement(tok, lemma)
    if not toks:
        return None
    if pattern in ("ccomp", "parataxis"):
        toks = _across_parenthetical_cue(tok, toks)
    if pattern in ("ccomp", "object", "prep_object", "xcomp"):
        toks = drop_trailing_asides(toks)
    content = token_range(toks, tok)
    if content is None:
        return None
    frame = Frame(content, pattern, cue=cue_range(tok), cue_tok=tok, subject=subject_of(tok))
    toks = sorted(toks, key=lambda t: t.i)
    if pattern in ("ccomp", "parataxis") and toks[0].i < tok.i < toks[-1].i:
        # "“We will win,” he said, “and by a mile.”", "The plan, he said, is dead":
        # one content cut by its cue, in two pieces (PolNeAR's discontinuous spans).
        parts = (token_range([t for t in toks if t.i < tok.i], tok),
                 token_range([t for t in toks if t.i > tok.i], tok))
        if parts[0] is not None and parts[1] is not None:
            frame.fragments = (parts[0], parts[1])
    return frame


def noun_frame(tok: Any) -> Frame | None:
    """A cue noun with a that-clause ("the claim that ..."); the source is the
    noun's possessor ("Trump's claim") or the subject of the verb it is the object
    of ("X rejected the claim that ..."). Nouns with a prepositional object
    ("concern about") were right under 30% of the time on PolNeAR dev: left out."""
    if tok.pos_ != "NOUN" or tok.lemma_.lower() not in NOUN_THAT_CUES:
        return None
    clause = next((c for c in tok.children if c.dep_ in ("acl", "ccomp") and c.i > tok.i
                   and any(g.dep_ == "mark" and g.lower_ == "that" for g in c.children)), None)
    if clause is None:
        return None
    toks = [t for t in clause.subtree if not (t.dep_ == "mark" and t.lower_ == "that")]
    content = token_range(toks, tok)
    if content is None:
        return None
    owner = next((c for c in tok.children if c.dep_ == "poss"), None)
    if owner is None and tok.dep_ == "dobj" and tok.head.pos_ == "VERB":
        owner = subject_of(tok.head)
    return Frame(content, "noun_that", cue=(tok.idx, tok.idx + len(tok)), cue_tok=tok,
                 subject=owner)


def _complement(tok: Any, lemma: str) -> tuple[list[Any], str]:
    """The content tokens a cue verb governs, and the pattern's name."""
    kids = list(tok.children)
    comps = [c for c in kids if c.dep_ == "ccomp"]
    if comps and lemma in CCOMP_CUES:
        # Complements on one side only: a second "ccomp" on the other side is a
        # misparsed adverbial clause ("Should X fail, critics worry that ..."),
        # unless both are quoted ("“We will win,” he said, “and by a mile.”").
        after = [c for c in comps if c.i > tok.i]
        if after and len(after) < len(comps) and not all(_quoted(c) for c in comps):
            comps = after
        toks = sorted((t for c in comps for t in c.subtree), key=lambda t: t.i)
        first = min(t.i for t in toks)
        return [t for t in toks if not (t.dep_ == "mark" and t.i == first)], "ccomp"
    if tok.dep_ == "parataxis" and lemma in SPEECH_VERBS and tok.head.i != tok.i:
        own = {t.i for t in tok.subtree}
        return [t for t in tok.head.subtree if t.i not in own], "parataxis"
    if (tok.dep_ == "advcl" and lemma in CCOMP_CUES and tok.head.i != tok.i
            and any(c.dep_ == "mark" and c.lower_ == "as" for c in kids)
            and not any(c.dep_ in ("dobj", "ccomp", "xcomp") for c in kids)):
        # "As experts have pointed out, Mr. Trump is free to ...": the clause the
        # as-clause hangs on is the content (Quirk et al. 1985, 15.54 comment clauses).
        # A comment clause lacks its own object (the main clause fills the gap):
        # "as he discussed his plan" is a time clause, not a comment.
        own = {t.i for t in tok.subtree}
        return [t for t in tok.head.subtree if t.i not in own], "as_clause"
    xcomps = [c for c in kids if c.dep_ == "xcomp" and c.i > tok.i]
    if xcomps and lemma in XCOMP_CUES:
        # Object control: "urged Congress to act", "called on Obama to retaliate";
        # the one urged belongs to the content (as PolNeAR annotates it).
        between = [c for c in kids if tok.i < c.i < xcomps[0].i
                   and (c.dep_ == "dobj" or (c.dep_ == "prep" and c.lower_ == "on"))]
        # "promised to triple X, grow Y and create Z": the parser hangs the later
        # bare infinitives on the cue; they are coordinated with the first one
        # and share its "to" (a finite conjunct, "and said ...", is the cue's).
        conjs = [c for c in kids if c.dep_ == "conj" and c.i > xcomps[0].i and c.tag_ == "VB"
                 and not any(g.dep_ in ("nsubj", "nsubjpass") for g in c.children)]
        return [t for c in [*between, xcomps[0], *conjs] for t in c.subtree], "xcomp"
    if lemma in OBJECT_CUES:
        objs = [c for c in kids if c.dep_ in ("dobj", "oprd") and c.i > tok.i
                and (c.pos_ != "PRON" or c.lower_ in ("it", "them", "this", "that"))]
        if objs and not _bare_vessel(objs):
            last = max(t.i for c in objs for t in c.subtree)
            tail = [c for c in kids if c.dep_ == "prep" and c.i == last + 1
                    and c.lower_ in OBJECT_TAIL_PREPS]
            extras = _object_extras(kids, last)
            return [t for c in objs + tail + extras for t in c.subtree], "object"
        # The passive: "the plan was criticized by X"; the content is the subject.
        passives = [c for c in kids if c.dep_ == "nsubjpass" and c.i < tok.i]
        if passives and any(c.dep_ == "agent" for c in kids):
            return list(passives[0].subtree), "passive"
    preps = PREP_CUES_BY_VERB.get(lemma, frozenset())
    for c in kids:
        if c.dep_ == "prep" and c.lower_ in preps and c.i > tok.i:
            objs = [g for g in c.children if g.dep_ in ("pobj", "pcomp")]
            if objs:
                last = max(t.i for g in objs for t in g.subtree)
                return ([t for g in objs + _object_extras(kids, last) for t in g.subtree],
                        "prep_object")
    return [], ""


#: Subordinators of a trailing adverbial clause that is the writer's comment, not
#: part of the attributed proposition ("..., although he again refused to ...").
_ASIDE_MARKS = frozenset({"although", "though", "while", "whereas"})


def _aside(t: Any, first: int) -> bool:
    """Whether ``t`` heads a comment the writer appends to a content, which
    PolNeAR/PARC leave out of it (the content is the attributed proposition):

    - a non-restrictive relative clause or apposition, set off by a comma or dash
      ("... the former president, who also ran into financial trouble");
    - a participial clause set off by a comma ("..., saying that ...",
      "..., focusing on people under 30"), or a concessive clause ("..., although");
    - a coordinated reporting verb without a subject of its own, which the
      parser hangs on the content but which continues the cue ("X said it was
      opposed to the test and warned North Korea to ..."), or with a subject and
      a complement of its own ("..., and when pressed, the mother of three
      replied, ..."): a new attribution, not part of this one.
    """
    if t.i <= first or t.left_edge.i <= first:
        return False
    prev = t.doc[t.left_edge.i - 1]
    set_off = prev.text in (",", "—", "–", "--", "-", ";")
    if t.dep_ in ("relcl", "appos"):
        return set_off
    if t.dep_ == "advcl":
        marks = {c.lower_ for c in t.children if c.dep_ == "mark"}
        return set_off and ((t.tag_ == "VBG" and not marks) or bool(marks & _ASIDE_MARKS))
    if t.dep_ == "conj" and t.pos_ == "VERB" and t.lemma_.lower() in SPEECH_VERBS:
        return not any(c.dep_ in ("nsubj", "nsubjpass") for c in t.children) or any(
            c.dep_ == "ccomp" for c in t.children)
    return False


def drop_trailing_asides(toks: list[Any]) -> list[Any]:
    """``toks`` (a content's tokens, any order) without the writer's comment that
    ends them (see :func:`_aside`), with the comma or conjunction before it."""
    if not toks:
        return toks
    toks = sorted(toks, key=lambda t: t.i)
    words = [t for t in toks if not (t.is_punct or t.is_space)]
    if not words:
        return toks
    first, last = toks[0].i, words[-1].i
    cut = min((t.left_edge.i for t in toks
               if t.right_edge.i >= last and _aside(t, first)), default=None)
    if cut is None:
        return toks
    kept = [t for t in toks if t.i < cut]
    while kept and (kept[-1].is_punct or kept[-1].dep_ == "cc" or kept[-1].is_space):
        kept.pop()
    return kept or toks


def _object_extras(kids: list[Any], last: int) -> list[Any]:
    """Children of a cue verb after its object (ending at token ``last``) that
    the parser hangs on the verb but that belong to the object: a nominal
    conjunct ("talked about fairness, and a need to raise the wage"), an
    "including" phrase ("condemned the invasion, including the annexation") and
    a participle right after the object ("raised the specter of her husband
    making millions")."""
    return [c for c in kids if c.i > last
            and ((c.dep_ == "conj" and c.pos_ in ("NOUN", "PROPN"))
                 or (c.dep_ == "prep" and c.lower_ == "including")
                 or (c.dep_ in ("acl", "advcl") and c.tag_ == "VBG" and c.i == last + 1))]


def _across_parenthetical_cue(tok: Any, toks: list[Any]) -> list[Any]:
    """A content the cue interrupts as a parenthetical ("Lenox was a juggernaut,
    Mr. Clarke said, until it went bankrupt"): the source and cue, set off by
    commas, stand inside the attributed sentence, so its part after the second
    comma belongs to the content as well (PolNeAR's discontinuous content),
    however the parser attaches it. ``toks`` ends before the cue."""
    if not toks or max(t.i for t in toks) > tok.i:
        return toks
    subj = next((c for c in tok.children if c.dep_ == "nsubj" and c.i < tok.i), None)
    if subj is None or max(t.i for t in toks) >= subj.left_edge.i:
        return toks
    doc, sent = tok.doc, tok.sent
    start = subj.left_edge.i
    if start <= sent.start or doc[start - 1].text != ",":
        return toks
    # The cue's own phrase runs to the next comma ("said in a June report,").
    comma = next((t for t in doc[tok.i + 1 : sent.end] if t.text == ","), None)
    if comma is None or any(t is not tok and tok not in t.ancestors
                            for t in doc[tok.i + 1 : comma.i]):
        return toks
    rest = [t for t in doc[comma.i + 1 : sent.end] if not t.is_space]
    if not any(not t.is_punct for t in rest):
        return toks
    return [*toks, *rest]


def _quoted(clause: Any) -> bool:
    """Whether a clause opens right after a quotation mark or holds one."""
    left = clause.left_edge
    return (left.i > 0 and clause.doc[left.i - 1].is_quote) or any(
        t.is_quote for t in clause.subtree)


def _bare_vessel(objs: list[Any]) -> bool:
    """'issued a statement', 'released a report': an object that only names the
    document carrying a message (an outlet or document noun with no more than a
    determiner) is not the message; the content, if any, comes later."""
    toks = [t for c in objs for t in c.subtree]
    heads = [c for c in objs if c.lemma_.lower() in OUTLET_HEADS]
    return len(heads) == len(objs) and all(t.dep_ in ("det", "poss") or t in heads for t in toks)


def cue_range(tok: Any) -> tuple[int, int]:
    """The cue verb with its auxiliaries, negation and particle ("did not say")."""
    mods = [c for c in tok.children if c.dep_ in _CUE_MODS and abs(c.i - tok.i) <= 3]
    toks = [tok, *mods]
    return min(t.idx for t in toks), max(t.idx + len(t) for t in toks)


def subject_of(tok: Any, depth: int = 0) -> Any:
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
    if depth == 0 and tok.dep_ in ("advcl", "acl") and tok.tag_ == "VBG":
        named = _named_before(tok)
        if named is not None:  # "reacted to Mitch McConnell (R-KY) saying he favors"
            return named
    if (depth < 2 and tok.dep_ in ("conj", "advcl", "xcomp") and tok.head.i != tok.i
            and (tok.dep_ != "advcl" or tok.tag_ == "VBG")):
        return subject_of(tok.head, depth + 1)
    if depth < 2 and tok.dep_ == "pcomp" and tok.head.dep_ == "prep":
        return subject_of(tok.head.head, depth + 1)  # "responded by threatening to"
    return None


def _named_before(tok: Any) -> Any:
    """The person a participle cue follows with no comma between, past a
    parenthetical ("Mitch McConnell (R-KY) saying ..."): the parser hangs the
    participle on the main verb, but it tells what that person says. None when a
    comma, or anything but a person's name, comes first, or when the participle
    has an object of its own ("wrote to Perez asking him")."""
    doc = tok.doc
    i = tok.i - 1
    if i >= 0 and doc[i].text == ")":
        while i >= tok.sent.start and doc[i].text != "(":
            i -= 1
        i -= 1
    if i < tok.sent.start:
        return None
    prev = doc[i]
    if prev.ent_type_ != "PERSON" or prev.dep_ not in ("pobj", "dobj") \
            or (i + 1 < len(doc) and doc[i + 1].ent_iob_ == "I"):
        return None
    if any(c.dep_ in ("dobj", "dative", "iobj") for c in tok.children):
        return None  # "wrote to Thomas Perez asking him about ...": the writer asks
    return prev


# -- character ranges ----------------------------------------------------------------


def paragraph(text: str, start: int, end: int | None = None) -> tuple[int, int]:
    """The character range of the paragraph (line) holding ``start``, or of the
    paragraphs from ``start`` to ``end``."""
    para_end = text.find("\n", start if end is None else end)
    return text.rfind("\n", 0, start) + 1, len(text) if para_end < 0 else para_end


def token_range(toks: list[Any], anchor: Any = None) -> tuple[int, int] | None:
    """Character range of tokens within ``anchor``'s paragraph (default: the first
    token's), trimmed of punctuation and spaces at both ends."""
    toks = [t for t in toks if not t.is_space]
    if not toks:
        return None
    text = doc_text(toks[0].doc)
    para_start, para_end = paragraph(text, (anchor if anchor is not None else toks[0]).idx)
    toks = [t for t in toks if para_start <= t.idx < para_end]
    if not toks:
        return None
    start = min(t.idx for t in toks)
    end = max(t.idx + len(t) for t in toks)
    return trim(text, start, end)


def trim(text: str, start: int, end: int) -> tuple[int, int] | None:
    """``start:end`` without punctuation and spaces at its ends, keeping the
    quotation marks that balance the ones inside."""
    while start < end and text[start] in EDGE_PUNCT:
        start += 1
    while end > start and text[end - 1] in EDGE_PUNCT:
        end -= 1
    if end <= start:
        return None
    # Give back a quotation mark the trimming orphaned: a “disaster” not a “disaster.
    chunk = text[start:end]
    if ((chunk.count("“") > chunk.count("”") and text[end : end + 1] == "”")
            or (chunk.count('"') % 2 and text[end : end + 1] == '"')):
        end += 1
    if chunk.count("”") > chunk.count("“") and start and text[start - 1] == "“":
        start -= 1
    return start, end
