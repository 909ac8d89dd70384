"""Who a pronoun speaker is: salience, gender and number checks.

A news article's "he said" almost always means the person the paragraph is about,
the subject of the last sentences, not whichever name came last ("Tillerson spoke
with Lavrov. ... he said" is Tillerson's). The rules here are the classic salience
ordering of pronoun resolution (Lappin and Leass 1994, "An algorithm for pronominal
anaphora resolution": subjects outrank objects and oblique mentions; recency breaks
ties) with the agreement filters every resolver applies (gender, number, person
against organisation), and the convention of quote attribution that a name inside
the quoted words is not the speaker (Muzny et al. 2017, "A two-stage sieve approach
for quote attribution").

- **Candidates** are mentions before the pronoun within
  :data:`~.speakers.ANTECEDENT_WINDOW` characters, outside quotation marks: PERSON
  names for "he"/"she"; for "they", coordinated names ("Issa and Jordan"), plural
  groups ("U.S. lawmakers and Puerto Rican officials"), organisations and outlets;
  for "it", organisations, outlets and documents ("a Pentagon planning memo").
- **Agreement**: a person's gender is read from the text itself: a title ("Mr.",
  "Ms."), a gendered noun beside the name ("spokeswoman", "wife"), or the
  possessive pronoun right after a sentence's only name ("Sanders ... her
  complaints"). "he" never resolves to a person the text marks as a woman, nor
  "she" to a man. Unknown gender agrees with both.
- **People the recogniser took for organisations**: a name labelled ORG or PRODUCT
  ("Nikki Haley, the U.S. ambassador", "Duterte" after "Rodrigo Duterte") is a
  person when a title or office stands before it ("Speaker Boehner"), a role noun
  is in apposition to it ("Nikki Haley, the U.S. ambassador"), or the text names a
  person with the same last word elsewhere; words of bodies ("Committee",
  "News") keep it an organisation (:func:`is_person`).
- **Salience**: among the candidates in the pronoun's sentence and the
  :data:`SALIENT_SENTENCES` before it, the nearest *subject* wins (a name
  coordinated with others is a group, not a "he"); with none, the nearest
  candidate at all.
- An earlier pronoun of the same kind in subject position stands for its own
  antecedent ("In their letter, Issa and Jordan cited ... But they centered on ...
  'Publicly available ...,' they wrote").
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from typing import Any

from ..nlp import doc_text, ents_starting, ents_within
from .quotes import find_quotes

#: Sentences before the pronoun's own in which a subject mention outranks a nearer
#: non-subject one. News paragraphs run two or three sentences; three keeps the
#: paragraph's subject in reach without skipping over a new one.
SALIENT_SENTENCES = 3

#: Depth of pronoun chains followed ("they ... they ... they").
MAX_CHAIN = 4

#: Titles and nouns that say a person is a man or a woman.
MALE_WORDS = frozenset("""
mr mr. sir lord king prince father son brother husband uncle nephew grandfather
boyfriend spokesman congressman chairman businessman councilman assemblyman
""".split())
FEMALE_WORDS = frozenset("""
ms ms. mrs mrs. miss madam lady queen princess mother daughter sister wife aunt niece
grandmother girlfriend spokeswoman congresswoman chairwoman businesswoman
councilwoman assemblywoman actress widow
""".split())
MALE_PRONOUNS = frozenset({"he", "him", "his", "himself"})
FEMALE_PRONOUNS = frozenset({"she", "her", "hers", "herself"})

#: Titles and offices before a name that make it a person's ("Speaker Boehner",
#: "Sen. Tim Kaine", "President Duterte").
PERSON_TITLES = frozenset("""
mr mr. mrs mrs. ms ms. miss dr dr. sen sen. rep rep. gov gov. pres pres. sec sec.
gen gen. lt lt. col col. sgt sgt. capt capt. adm adm. prof prof. rev rev.
president senator governor secretary speaker ambassador judge justice minister mayor
chancellor premier congressman congresswoman representative spokesman spokeswoman
prince princess king queen pope sheikh
""".split())

#: Role nouns in apposition to a name that make it a person's ("Nikki Haley, the
#: U.S. ambassador to the United Nations").
PERSON_ROLES = PERSON_TITLES | frozenset("""
spokesperson aide adviser advisor official lawyer attorney director chairman
chairwoman founder leader host anchor author writer reporter correspondent editor
professor economist analyst candidate nominee lawmaker leader chief executive ceo
president-elect actor actress singer father mother son daughter wife husband
""".split())

#: Words of an organisation's name: a name holding one is never a person's.
BODY_NAME_WORDS = frozenset("""
news times post journal daily network channel committee department ministry party
house senate congress council university college school institute foundation union
association bank group inc inc. corp corp. co co. company court church agency
administration government office board commission bureau center centre fund
""".split())

#: Entity labels under which the recogniser files some people's names.
_PERSONLIKE_LABELS = frozenset({"ORG", "PRODUCT", "WORK_OF_ART", "FAC"})

_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
_QUOTED_KEY = "newsaudit.quoted_chars"
_GENDER_KEY = "newsaudit.person_gender"
_PERSONS_KEY = "newsaudit.person_entities"


@dataclass(frozen=True, slots=True)
class Mention:
    """A candidate antecedent: its token range in the doc and what it is."""

    start: int
    end: int
    kind: str  # "person", "group", "org", "thing"

    def span(self, doc: Any) -> Any:
        return doc[self.start : self.end]


def quoted_chars(doc: Any) -> list[tuple[int, int]]:
    """Character ranges inside quotation marks (cached on the doc)."""
    cached = doc.user_data.get(_QUOTED_KEY)
    if cached is None:
        cached = [(q.start, q.end) for q in find_quotes(doc_text(doc))]
        doc.user_data[_QUOTED_KEY] = cached
    return cached


def inside_quote(doc: Any, pos: int) -> bool:
    """Whether character ``pos`` is inside quotation marks: a binary search over
    the union of the quoted ranges, built once per ``Doc`` (a scan of every
    quotation for each token would be quadratic in the article's length)."""
    merged = doc.user_data.get(_MERGED_KEY)
    if merged is None:
        starts: list[int] = []
        ends: list[int] = []
        for s, e in sorted(quoted_chars(doc)):
            if starts and s <= ends[-1]:
                ends[-1] = max(ends[-1], e)
            else:
                starts.append(s)
                ends.append(e)
        merged = doc.user_data[_MERGED_KEY] = (starts, ends)
    starts, ends = merged
    i = bisect.bisect_right(starts, pos) - 1
    return i >= 0 and pos < ends[i]


_MERGED_KEY = "newsaudit.quoted_union"
_inside_quote = inside_quote


def _clause_role(tok: Any) -> Any:
    """The token standing for ``tok``'s phrase in its clause: up through compound
    names, flat names and appositions ("Sen. Saxby Chambliss" in "vice chairman
    ... Sen. Saxby Chambliss, R-Ga., called")."""
    while tok.dep_ in ("compound", "flat", "appos") and tok.head.i != tok.i:
        tok = tok.head
    return tok


def is_subject(tok: Any) -> bool:
    """Whether ``tok``'s phrase is the subject of its clause."""
    return _clause_role(tok).dep_ in _SUBJECT_DEPS


def main_clause_subject(tok: Any) -> bool:
    """Whether ``tok``'s phrase is the subject of its sentence's main clause (or of
    a verb coordinated with it), not of a reported, relative or adverbial clause."""
    role = _clause_role(tok)
    if role.dep_ not in _SUBJECT_DEPS:
        return False
    verb = role.head
    for _ in range(8):  # a conj chain is short; the bound guards a malformed parse
        if verb.dep_ == "ROOT" or verb.head.i == verb.i:
            return True
        if verb.dep_ != "conj":  # a reported, relative or adverbial clause
            return False
        verb = verb.head
    return False


def is_person(ent: Any) -> bool:
    """Whether entity ``ent`` names a person: a PERSON entity, or a short proper
    name the recogniser labelled otherwise that a title, an apposed role or another
    mention of the same person marks as one (see the module docstring)."""
    if ent.label_ == "PERSON":
        return True
    index = _person_index(ent.doc)
    return (ent.start, ent.end) in index[0] or _personlike(ent, index[1])


def _person_index(doc: Any) -> tuple[set[tuple[int, int]], set[str]]:
    """Token ranges of non-PERSON entities that name people, and the last words of
    the people the text names (cached per doc)."""
    cached = doc.user_data.get(_PERSONS_KEY)
    if cached is not None:
        return cached
    surnames: set[str] = set()
    ents = ents_starting(doc, 0, len(doc_text(doc)))
    for e in ents:
        words = e.text.casefold().split()
        if e.label_ == "PERSON" and len(words) > 1:
            surnames.add(words[-1].strip(".,’'s"))
    marked = {(e.start, e.end) for e in ents if _personlike(e, set())}
    surnames |= {doc[s:t].text.casefold().split()[-1].strip(".,’'s") for s, t in marked}
    cached = (marked, surnames)
    doc.user_data[_PERSONS_KEY] = cached
    return cached


def _personlike(ent: Any, surnames: set[str]) -> bool:
    if ent.label_ not in _PERSONLIKE_LABELS or not 1 <= len(ent) <= 3:
        return False
    toks = [t for t in ent if t.lower_ not in ("the", "'s", "’s")]
    if not toks or any(t.pos_ != "PROPN" or not t.is_title or t.lower_ in BODY_NAME_WORDS
                       for t in toks):
        return False
    if toks[-1].lower_.strip(".,’'s") in surnames:
        return True
    before = ent.doc[ent.start - 1] if ent.start > 0 else None
    if before is not None and before.lower_ in PERSON_TITLES:
        return True
    root = _clause_role(ent.root)
    return any(c.dep_ == "appos" and (c.lower_ in PERSON_ROLES or c.lemma_.lower()
                                      in PERSON_ROLES) for c in root.children)


def _coordinated(tok: Any) -> bool:
    t = _clause_role(tok)
    return t.dep_ == "conj" or any(c.dep_ == "conj" for c in t.children)


def person_gender(doc: Any, ent: Any) -> str | None:
    """"m", "f" or None for a PERSON mention, from every mention of the same last
    name in the text (cached per doc)."""
    index = doc.user_data.get(_GENDER_KEY)
    if index is None:
        index = _gender_index(doc)
        doc.user_data[_GENDER_KEY] = index
    words = ent.text.casefold().split()
    return index.get(words[-1].strip(".,’'s")) if words else None


def _gender_index(doc: Any) -> dict[str, str]:
    votes: dict[str, list[int]] = {}
    text_len = len(doc_text(doc))
    for ent in ents_starting(doc, 0, text_len):
        if not ent.text.split() or not is_person(ent):
            continue
        key = ent.text.casefold().split()[-1].strip(".,’'s")
        m, f = votes.setdefault(key, [0, 0])
        near = [t.lower_ for t in doc[max(ent.start - 2, ent.sent.start) : ent.start]]
        near += [t.lower_ for t in ent]
        near += [t.lower_ for t in doc[ent.end : min(ent.end + 4, ent.sent.end)]
                 if t.dep_ == "appos" or t.head.i in range(ent.start, ent.end)]
        m += sum(w in MALE_WORDS for w in near)
        f += sum(w in FEMALE_WORDS for w in near)
        persons = [e for e in ents_within(ent.sent) if is_person(e)]
        if len(persons) == 1 and is_subject(ent.root):
            # "Sanders took this as an opportunity to restate her complaints"
            after = [t.lower_ for t in doc[ent.end : ent.sent.end]
                     if t.pos_ == "PRON" and not _inside_quote(doc, t.idx)]
            m += sum(w in MALE_PRONOUNS for w in after[:3])
            f += sum(w in FEMALE_PRONOUNS for w in after[:3])
        votes[key] = [m, f]
    return {k: ("m" if m > f else "f") for k, (m, f) in votes.items() if m != f}


def candidates(doc: Any, pron: Any, lower: str, lo: int, outlet_spans: list[tuple[int, int]],
               plural_heads: frozenset[str], thing_heads: frozenset[str]) -> list[Mention]:
    """Mentions before ``pron`` (a token) back to character ``lo``, outside quotes,
    that a pronoun ``lower`` may refer to; nearest last."""
    out: list[Mention] = []
    quoted_names = []
    for ent in ents_starting(doc, lo, pron.idx):
        person = is_person(ent)
        if _inside_quote(doc, ent.start_char):
            if person:
                quoted_names.append(Mention(ent.start, ent.end, "person"))
            continue
        if person:
            out.append(Mention(ent.start, ent.end, "person"))
        elif ent.label_ in ("ORG", "NORP") or (ent.label_ == "GPE" and lower == "it"):
            out.append(Mention(ent.start, ent.end, "org"))
    for s, e in outlet_spans:
        if lo <= s < pron.idx:
            span = doc.char_span(s, e, alignment_mode="expand")
            if span is not None and len(span):
                out.append(Mention(span.start, span.end, "org"))
    first = doc[max(0, pron.i - 150) : pron.i]
    surnames = _person_index(doc)[1]
    for t in first:
        if t.idx < lo or _inside_quote(doc, t.idx) or t.ent_type_:
            continue
        low = t.lemma_.lower()
        if t.pos_ in ("PROPN", "NOUN") and t.is_title and t.lower_ in surnames and not (
                t.i + 1 < len(doc) and doc[t.i + 1].pos_ == "PROPN"):
            # "Ivey wonders ...": the surname of a person the text named in full, which
            # the recogniser left without an entity and the tagger may even take for
            # a noun at the start of a sentence (the exact-name sieve).
            out.append(Mention(t.i, t.i + 1, "person"))
        elif t.tag_ == "NNS" and (t.lower_ in plural_heads or low in plural_heads):
            conj = [c.right_edge.i for c in t.children if c.dep_ == "conj"]
            out.append(Mention(min(t.left_edge.i, t.i), max([t.i, *conj]) + 1, "group"))
        elif t.pos_ == "NOUN" and t.tag_ == "NN" and low in thing_heads and is_subject(t):
            out.append(Mention(t.left_edge.i, t.i + 1, "thing"))
        elif t.pos_ == "PRON" and t.lower_ in _SAME_KIND.get(lower, ()) and is_subject(t):
            out.append(Mention(t.i, t.i + 1, "pronoun"))
    # Coordinated names as one group: "Reps. Darrell Issa ... and Jim Jordan".
    for m in list(out):
        if m.kind == "person":
            role = _clause_role(doc[m.end - 1])
            if any(c.dep_ == "conj" for c in role.children) and is_subject(role):
                edge = max(c.right_edge.i for c in role.children if c.dep_ == "conj")
                out.append(Mention(role.left_edge.i, edge + 1, "group"))
    if not any(m.kind == "person" for m in out):
        # Every name is inside quotation marks (a transcript run in quotes): the
        # quotation rule cannot apply, the nearest name is the best guess.
        out += quoted_names
    out.sort(key=lambda m: (m.start, m.end))
    return out


_SAME_KIND = {"they": ("they",), "them": ("they",), "it": ("it",), "he": ("he",),
              "she": ("she",)}
_ALLOWED = {
    "he": ("person", "pronoun"), "him": ("person", "pronoun"),
    "she": ("person", "pronoun"), "her": ("person", "pronoun"),
    "i": ("person",), "me": ("person",),
    "they": ("group", "org", "pronoun"), "them": ("group", "org", "pronoun"),
    "we": ("group", "org"), "us": ("group", "org"),
    "it": ("org", "thing", "pronoun"),
    "person": ("person",),
}


def agrees(doc: Any, lower: str, m: Mention) -> bool:
    """Kind and gender agreement of mention ``m`` with pronoun ``lower``."""
    if m.kind not in _ALLOWED.get(lower, ()):
        return False
    span = m.span(doc)
    if m.kind == "person":
        if lower in ("he", "him", "she", "her", "person") and _coordinated(span.root):
            return False
        gender = person_gender(doc, span)
        if lower in ("he", "him") and gender == "f":
            return False
        if lower in ("she", "her") and gender == "m":
            return False
    return True


def resolve(doc: Any, pron: Any, lo: int, outlet_spans: list[tuple[int, int]],
            plural_heads: frozenset[str], thing_heads: frozenset[str],
            depth: int = 0, as_word: str | None = None,
            sentences: int = SALIENT_SENTENCES, subjects_only: bool = False) -> Mention | None:
    """The mention pronoun token ``pron`` most likely refers to, or None.

    Args:
        doc: The parsed text.
        pron: The pronoun token.
        lo: First character to look at.
        outlet_spans: Character ranges of outlet mentions (provenance).
        plural_heads: Head nouns of groups a "they" may be ("officials").
        thing_heads: Head nouns of documents an "it" may be ("memo").
        depth: Pronoun chain depth so far.
        as_word: Resolve as this pronoun instead of ``pron``'s own word;
            "person" for a person of either gender (an office: "the senator").
        sentences: Sentences before ``pron``'s in which subjects outrank.
        subjects_only: Resolve only to a subject of those sentences, never to the
            nearest mention at all.
    """
    word = as_word or pron.lower_
    cands = [m for m in candidates(doc, pron, word, lo, outlet_spans, plural_heads,
                                   thing_heads) if agrees(doc, word, m)]
    if not cands:
        return None
    first_sent = _sentence_start(doc, pron, sentences)
    recent = [m for m in cands if m.start >= first_sent]
    subjects = [m for m in recent if m.kind == "pronoun" or is_subject(m.span(doc).root)]
    if not subjects and subjects_only:
        return None
    if subjects:
        # In the last sentence with a subject, the main clause's subject outranks
        # one inside a reported clause or a relative clause: "Peterson ... said
        # that Benjamin ... was one of them. He said: ..." (centering: the main
        # subject is the preferred center of the next sentence).
        sent_start = doc[subjects[-1].start].sent.start
        main = [m for m in subjects if doc[m.start].sent.start == sent_start
                and main_clause_subject(m.span(doc).root)]
        best = main[-1] if main else subjects[-1]
    else:
        best = cands[-1]
    if best.kind == "pronoun":
        if depth >= MAX_CHAIN:
            return None
        inner = resolve(doc, doc[best.start], lo, outlet_spans, plural_heads, thing_heads,
                        depth + 1)
        if inner is not None:
            return inner
        others = [m for m in cands if m.kind != "pronoun"]
        return others[-1] if others else None
    return best


def ambiguous(doc: Any, pron: Any, chosen: tuple[int, int], lo: int,
              outlet_spans: list[tuple[int, int]], plural_heads: frozenset[str],
              thing_heads: frozenset[str]) -> bool:
    """Whether the resolution of pronoun token ``pron`` to the mention at character
    range ``chosen`` is a guess a reader should not be shown as sure: the mention is
    not the subject of a sentence in reach, another agreeing subject with another
    name stands between it and the pronoun, or someone else's quotation does (a
    quote about a third person between "Duterte began to change his attitude" and
    "he said")."""
    word = pron.lower_
    if word not in _ALLOWED or word in ("i", "me", "we", "us"):
        return False
    cands = [m for m in candidates(doc, pron, word, lo, outlet_spans, plural_heads,
                                   thing_heads) if agrees(doc, word, m)]
    chosen_m = next((m for m in cands if (m.span(doc).start_char, m.span(doc).end_char)
                     == chosen), None)
    if chosen_m is None:
        return False  # resolved through a pronoun chain or an office: not judged here
    span = chosen_m.span(doc)
    if not is_subject(span.root):
        return True
    first_sent = _sentence_start(doc, pron, SALIENT_SENTENCES)
    name = _last_word(span)
    for m in cands:
        ms = m.span(doc)
        if m.kind != "pronoun" and ms.start_char > span.end_char and ms.start >= first_sent \
                and is_subject(ms.root) and _last_word(ms) != name:
            return True
    between = [(a, b) for a, b in quoted_chars(doc) if span.end_char <= a and b <= pron.idx]
    return any(_quoted_speaker_other(doc, a, b, name) for a, b in between)


def _last_word(span: Any) -> str:
    words = span.text.casefold().split()
    return words[-1].strip(".,’'s") if words else ""


def _quoted_speaker_other(doc: Any, start: int, end: int, name: str) -> bool:
    """Whether the quotation at ``start:end`` is said by a person other than ``name``:
    a PERSON-like subject of a cue in the quotation's sentence, outside it."""
    first = doc.char_span(start, end, alignment_mode="expand")
    if first is None or not len(first):
        return False
    sent = first[0].sent
    for ent in ents_within(sent):
        if (ent.end_char <= start or ent.start_char >= end) and is_person(ent) \
                and is_subject(ent.root) and _last_word(ent) != name:
            return True
    return False


def _sentence_start(doc: Any, tok: Any, back: int) -> int:
    """Token index where the sentence ``back`` sentences before ``tok``'s starts."""
    sent = tok.sent
    start = sent.start
    for _ in range(back):
        if start == 0:
            break
        start = doc[start - 1].sent.start
    return start
