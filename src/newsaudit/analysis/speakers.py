"""Speaker resolution: who a source is (named, anonymous, organization, outlet).

Given the noun phrase a cue attaches to ("Secretary of State Rex Tillerson", "a
former diplomat", "the report", "he"), decide its type, its name and role, and
for pronouns the antecedent. The categories follow the source-type distinctions
of Pareti's PARC annotation scheme (Pareti 2016, "PARC 3.0") and the anonymous
source categories of news-sourcing studies (Sigal 1973; Duffy and Freeman 2011,
"Unnamed sources"); pronouns are resolved to the nearest fitting antecedent, the
baseline of quote-attribution work (Muzny, Fang, Chang and Jurafsky 2017, "A
two-stage sieve approach for quote attribution", whose first sieves are
exact-name and nearest-mention rules).
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, replace
from itertools import pairwise
from typing import Any

from ..nlp import doc_text, ents_starting, ents_within
from . import coref

#: Head nouns of anonymous sources: people or groups described by role, never by
#: name ("a former diplomat", "officials", "sources familiar with the matter", "a
#: person close to", "a senior administration official"). A phrase with one of
#: these heads and no PERSON name in it is anonymous even when an organisation
#: qualifies it ("White House officials").
ANONYMOUS_HEADS = frozenset(
    """
    official officials source sources person people diplomat diplomats aide aides
    adviser advisers advisor advisors insider insiders staffer staffers employee
    employees observer observers analyst analysts expert experts critic critics
    supporter supporters opponent opponents lawmaker lawmakers legislator legislators
    member members officer officers agent agents investigator investigators
    spokesman spokeswoman spokesperson spokespeople representative representatives
    witness witnesses resident residents voter voters worker workers leader leaders
    executive executives operative operatives strategist strategists veteran veterans
    associate associates friend friends colleague colleagues ally allies confidant
    individual individuals someone somebody anyone many some others observer
    economist economists scientist scientists researcher researchers lawyer lawyers
    attorney attorneys activist activists organizer organizers donor donors
    republican republicans democrat democrats conservative conservatives liberal
    liberals protester protesters participant participants diplomat envoy envoys
    intelligence insiders military commander commanders speechwriter speechwriters
    regulator regulators minister ministers negotiator negotiators prosecutor
    prosecutors consultant consultants historian historians scholar
    scholars
    """.split()
)

#: Head nouns of outlets and of the documents they publish ("the report", "the
#: newspaper", "a statement"): the source is a publication, not a person.
OUTLET_HEADS = frozenset(
    """
    report reports newspaper newspapers paper daily outlet outlets network networks
    magazine magazines website site broadcaster channel publication wire agency
    editorial article story column blog post tweet tweets statement statements
    release memo document documents poll polls survey surveys study studies letter
    filing complaint lawsuit transcript book interview footage video
    """.split()
)

#: Head nouns of a person named by office ("the senator", "the Republican
#: presidential nominee"): one identifiable person, resolved to the name the text
#: gave with that office earlier ("Republican presidential nominee Donald Trump",
#: "Sen. Tim Kaine"), never an organisation because a party or country qualifies
#: it. Values: the abbreviations that stand for the office before a name.
ROLE_HEADS: dict[str, tuple[str, ...]] = {
    "president": ("pres.",), "senator": ("sen.",), "governor": ("gov.",),
    "congressman": ("rep.",), "congresswoman": ("rep.",), "mayor": (), "nominee": (),
    "candidate": (), "secretary": ("sec.",), "chairman": (), "chairwoman": (),
    "director": (), "ceo": (), "judge": (), "justice": (), "minister": (),
    "ambassador": (), "sheriff": (), "commissioner": (), "prosecutor": (), "chief": (),
    "general": ("gen.",), "senate": (), "speaker": (), "chancellor": (), "premier": (),
}

#: Pronouns and the entity labels their antecedent may carry.
PERSON_PRONOUNS = frozenset({"he", "she", "him", "her", "i", "me"})
GROUP_PRONOUNS = frozenset({"they", "them", "we", "us"})
THING_PRONOUNS = frozenset({"it"})
ORG_LABELS = frozenset({"ORG", "NORP", "GPE"})

#: How far back (characters) a pronoun looks for its antecedent. News articles
#: re-name a speaker every few paragraphs; 2,000 characters is about four
#: paragraphs. Set by inspection of PolNeAR dev pronoun sources; re-run
#: benchmarks/polnear.py after a change.
ANTECEDENT_WINDOW = 2000

_STRIP_WORDS = {"the", "a", "an", ",", "'s", "’s"}


@dataclass(frozen=True, slots=True)
class SpeakerInfo:
    """What a speaker phrase refers to; offsets index into the text."""

    type: str
    name: str | None = None
    role: str | None = None
    antecedent: tuple[int, int] | None = None
    outlet: str | None = None


class OutletIndex:
    """Outlet names and their mentions, from provenance ``cited_sources`` when set.

    Args:
        provenance: ``article.provenance`` (a dataclass or a dict) or None.
    """

    def __init__(self, provenance: Any = None):
        self.names: list[str] = []
        self.mentions: list[tuple[int, int, str]] = []
        for src in _get(provenance, "cited_sources") or []:
            name = _get(src, "name")
            if not name:
                continue
            self.names.append(str(name))
            for m in _get(src, "mentions") or []:
                start, end = _get(m, "start"), _get(m, "end")
                if isinstance(start, int) and isinstance(end, int):
                    self.mentions.append((start, end, str(name)))
        # Sorted by start, with the longest mention's length, so that a look-up is
        # a binary search: a scan of every mention for each speaker would be
        # quadratic in the article's length.
        self.mentions.sort()
        self._starts = [m[0] for m in self.mentions]
        self._longest = max((e - s for s, e, _ in self.mentions), default=0)

    def at(self, start: int, end: int) -> str | None:
        """The outlet whose mention overlaps ``start:end``, if any."""
        lo = bisect.bisect_left(self._starts, start - self._longest)
        hi = bisect.bisect_left(self._starts, end)
        for m_start, m_end, name in self.mentions[lo:hi]:
            if m_start < end and start < m_end:
                return name
        return None

    def spans_between(self, lo: int, hi: int) -> list[tuple[int, int]]:
        """The character ranges of the mentions that start in ``[lo, hi)``."""
        i, j = bisect.bisect_left(self._starts, lo), bisect.bisect_left(self._starts, hi)
        return [(s, e) for s, e, _ in self.mentions[i:j]]

    def named(self, text: str) -> str | None:
        """The outlet called ``text`` ("the Al-Monitor" -> "Al-Monitor"), if known."""
        key = clean_name(text).casefold()
        for name in self.names:
            if key and (key == name.casefold() or name.casefold() in key):
                return name
        return None


def _get(obj: Any, key: str) -> Any:
    if obj is None:
        return None
    if isinstance(obj, dict):
        return obj.get(key)
    return getattr(obj, key, None)


def clean_name(text: str) -> str:
    """Drop a leading article and trailing possessive/punctuation from a name."""
    words = text.strip().strip(",.;:").split()
    while words and words[0].lower() in _STRIP_WORDS:
        words = words[1:]
    name = " ".join(words)
    for suffix in ("'s", "’s"):
        if name.endswith(suffix):
            name = name[: -len(suffix)]
    return name.strip()


def classify(span: Any, outlets: OutletIndex, *, pronoun_resolve: bool = True) -> SpeakerInfo:
    """Type a speaker phrase.

    Args:
        span: A spaCy ``Span`` over the speaker phrase (its doc has entities).
        outlets: Outlets known from provenance.
        pronoun_resolve: Resolve pronouns to the nearest fitting antecedent.

    Returns:
        The speaker's type ("named", "anonymous", "organization", "outlet" or
        "unresolved") with its name, role, antecedent offsets and outlet name.
    """
    head = span.root
    lower = head.lower_
    if head.pos_ == "PRON" or lower in PERSON_PRONOUNS | GROUP_PRONOUNS | THING_PRONOUNS:
        if not pronoun_resolve:
            return SpeakerInfo("unresolved")
        whole = _relative_or_part(span)
        if whole is not None:  # "Trump, who said ..."; "some of the companies"
            info = classify(whole, outlets, pronoun_resolve=False)
            return replace(info, antecedent=(whole.start_char, whole.end_char))
        return resolve_pronoun(span, outlets)
    anonymous_head = lower in ANONYMOUS_HEADS or head.lemma_.lower() in ANONYMOUS_HEADS
    outlet = outlets.at(span.start_char, span.end_char) or outlets.named(span.text)
    if outlet is not None and anonymous_head and outlets.at(head.idx, head.idx + 1) is None:
        outlet = None  # "the two people who spoke to the AP": people, not the outlet
    if outlet is not None:
        return SpeakerInfo("outlet", name=outlet, outlet=outlet)
    persons = [e for e in ents_within(span) if coref.is_person(e)]
    named = _apposed_person(span)
    if named is not None:  # "Capital One's lawyer, James Murphy"; "vice chairman ... Sen. X"
        return SpeakerInfo("named", name=named.text, role=_role(span, named))
    if persons and not _role_head(head):
        if _coordinated_names(persons):
            # "Trump and Chinese President Xi Jinping agreed": both, not the longer name
            return SpeakerInfo("named", name=phrase(span))
        person = max(persons, key=len)
        full = _surname_of(person) if person.label_ != "PERSON" and pronoun_resolve else None
        if full is not None:  # "Trump" tagged ORG after "Donald Trump"
            return SpeakerInfo("named", name=full.text, antecedent=(full.start_char,
                                                                     full.end_char))
        if not _in_entity(head) and head.pos_ == "NOUN":
            # "The Obama administration", "Cruz's staff": the name qualifies a body.
            return SpeakerInfo("named", name=phrase(span), role=None)
        return SpeakerInfo("named", name=person.text, role=_role(span, person))
    if anonymous_head and not persons:
        return SpeakerInfo("anonymous")
    if persons and _role_head(head) and not _in_entity(head):
        # "a former top aide to Hillary Rodham Clinton", "Lawyers for President
        # Donald Trump": the name only says whose; the speaker is described, unnamed.
        return SpeakerInfo("anonymous", name=phrase(span))
    if not persons and head.tag_ == "NN" and lower in ROLE_HEADS:
        return _by_office(span)
    orgs = [e for e in ents_within(span) if e.label_ in ORG_LABELS and not coref.is_person(e)]
    name_like = head.pos_ == "PROPN" or (head.pos_ == "NOUN" and head.is_title
                                         and not _in_entity(head))  # "Ivey wonders"
    if (orgs or not _in_entity(head)) and name_like and pronoun_resolve:
        # "Trump" tagged ORG after "Donald Trump"; "Pence and Republican leaders"
        # after "Gov. Mike Pence": the head's name is a person's the text gave.
        person = _surname_of(_name_run(head)) or _surname_of(span)
        if person is not None:
            return SpeakerInfo("named", name=person.text, antecedent=(person.start_char,
                                                                       person.end_char))
    if lower in OUTLET_HEADS or head.lemma_.lower() in OUTLET_HEADS:
        return SpeakerInfo("outlet", name=clean_name(orgs[0].text) if orgs else None)
    if orgs:
        if not _in_entity(head) and head.pos_ == "NOUN":
            # "the U.S. shipping industry"
            return SpeakerInfo("organization", name=phrase(span))
        return SpeakerInfo("organization", name=clean_name(max(orgs, key=len).text))
    if persons:
        return SpeakerInfo("named", name=persons[0].text, role=_role(span, persons[0]))
    if head.pos_ == "PROPN":
        # A proper name the entity recogniser missed: a name all the same; in
        # capitals ("ABS-CBN"), an organisation's.
        kind = "organization" if acronym(head.text) else "named"
        return SpeakerInfo(kind, name=clean_name(span.text))
    if head.pos_ == "NOUN" and head.tag_ == "NNS":
        return SpeakerInfo("anonymous")  # "critics say", "experts warned"
    return SpeakerInfo("unresolved")


#: Modifiers of an office that do not tell two holders apart ("the former senator").
_OFFICE_TIME = frozenset({"former", "current", "then", "new", "top", "longtime", "outgoing",
                          "incoming", "presidential", "the", "a", "an"})


#: Sentences (the phrase's own and those before it) in which an office with no
#: named holder ("the first-term senator") looks for the person the text is about.
#: One: elegant variation names the subject of the sentence just read.
OFFICE_SENTENCES = 1

#: Qualifiers of an office that must match the antecedent's.
_PARTY_WORDS = frozenset({"democratic", "republican", "democrat", "gop", "labour", "labor",
                          "conservative", "liberal", "independent", "green"})


def _quals_fit(quals: set[str], context: set[str], rivals: set[str]) -> bool:
    """An office's qualifiers fit a holder's mention: a party or a place in the
    phrase must be in the mention ("the Republican nominee"), or the mention must
    name no party or place at all ("the senator from Texas", "the Republican
    presidential candidate" for "Sen. Ted Cruz")."""
    party = quals & _PARTY_WORDS
    if party and not party <= context and rivals:
        return False
    return not quals or bool(quals & context) or not rivals


def _by_office(span: Any) -> SpeakerInfo:
    """A person named by office ("the senator"): the nearest earlier PERSON the text
    gave that office ("Sen. Tim Kaine", "Republican presidential nominee Donald
    Trump", "Tim Kaine, the senator from Virginia"), sharing a qualifier when the
    phrase has one ("the Democratic nominee" is not "Republican nominee Donald
    Trump"). An indefinite phrase ("a federal judge") introduces someone new: it
    is anonymous; a definite one with no such antecedent is unresolved."""
    doc, head = span.doc, span.root
    role = clean_name(span.text) or None
    if any(t.lower_ in ("a", "an") and t.dep_ == "det" for t in head.children):
        return SpeakerInfo("anonymous", role=role)
    words = {head.lower_, *ROLE_HEADS[head.lower_]}
    quals = {t.lower_ for t in span if t.i != head.i and t.pos_ in ("PROPN", "ADJ", "NOUN")
             and t.lower_ not in _OFFICE_TIME}
    # Only a party or a place tells two holders of an office apart for sure ("the
    # Democratic nominee" is not "Republican nominee Donald Trump"); other words
    # ("the first-term senator") describe the one the text named. A holder whose
    # mention names no party or place at all does not conflict ("Sen. Ted Cruz" for
    # "the first-term senator from Texas").
    quals = {q for q in quals if q in _PARTY_WORDS or any(
        t.lower_ == q and t.ent_type_ in ("NORP", "GPE") for t in span)}
    lo = max(0, span.start_char - ANTECEDENT_WINDOW)
    for person in reversed(ents_starting(doc, lo, span.start_char)):  # nearest first
        if person.label_ != "PERSON":
            continue
        before = doc[max(person.sent.start, person.start - 6) : person.start]
        after = doc[person.end : min(person.sent.end, person.end + 8)]
        office = any(t.lower_ in words for t in before) or any(
            t.lower_ in words and (t.dep_ == "appos" or person.start <= t.head.i < person.end)
            for t in after)
        context = {t.lower_ for t in (*before, *after)}
        rivals = {t.lower_ for t in (*before, *after)
                  if t.lower_ in _PARTY_WORDS or t.ent_type_ in ("NORP", "GPE")}
        if office and _quals_fit(quals, context, rivals):
            return SpeakerInfo("named", name=person.text, role=role,
                               antecedent=(person.start_char, person.end_char))
    # No holder of the office named: "the Republican presidential candidate" after
    # "Sen. Ted Cruz" is the person the sentences are about, when that person's
    # mention names no rival party or place.
    if any(t.tag_ == "PRP$" or t.ent_type_ == "ORG" or (t.dep_ == "compound" and t.pos_ == "NOUN")
           for t in span):
        # "his national finance chairman", "The White House budget director": someone
        # of another's staff or body, not the person the sentences are about.
        return SpeakerInfo("unresolved", role=role)
    near = coref.resolve(doc, head, max(0, span.start_char - ANTECEDENT_WINDOW), [],
                         ANONYMOUS_HEADS, OUTLET_HEADS, as_word="person",
                         sentences=OFFICE_SENTENCES, subjects_only=True)
    if near is not None and near.kind == "person":
        person = near.span(doc)
        ctx = doc[max(person.sent.start, person.start - 6) : min(person.sent.end,
                                                                  person.end + 8)]
        rivals = {t.lower_ for t in ctx
                  if t.lower_ in _PARTY_WORDS or t.ent_type_ in ("NORP", "GPE")}
        if _quals_fit(quals, {t.lower_ for t in ctx}, rivals):
            return SpeakerInfo("named", name=person.text, role=role,
                               antecedent=(person.start_char, person.end_char))
    return SpeakerInfo("unresolved", role=role)


_PERSONS_KEY = "newsaudit.persons_by_last_word"


def _surname_of(span: Any) -> Any:
    """The nearest earlier PERSON mention that ``span``'s name ends ("Trump" ->
    "Donald Trump"), the exact-name sieve of Muzny et al. (2017). Multi-word
    PERSON mentions are indexed by their last word once per ``Doc``, so the look-up
    does not walk every earlier entity (long texts have tens of thousands)."""
    name = clean_name(span.text).casefold()
    if not name:
        return None
    doc = span.doc
    index = doc.user_data.get(_PERSONS_KEY)
    if index is None:
        index = {}
        for e in ents_starting(doc, 0, len(doc_text(doc))):
            words = e.text.casefold().split()
            if e.label_ == "PERSON" and len(e) > 1 and words:
                index.setdefault(words[-1], []).append(e)
        doc.user_data[_PERSONS_KEY] = index
    for person in reversed(index.get(name.split()[-1], [])):  # nearest first
        if person.start_char < span.start_char and \
                person.text.casefold().endswith(" " + name):
            return person
    return None


def _name_run(head: Any) -> Any:
    """The proper name a head token ends: itself and the compound names before it."""
    start = head.i
    while start > head.sent.start and head.doc[start - 1].dep_ in ("compound", "flat") \
            and head.doc[start - 1].head.i == head.i and head.doc[start - 1].pos_ == "PROPN":
        start -= 1
    return head.doc[start : head.i + 1]


def _relative_or_part(span: Any) -> Any:
    """What a relative or partitive pronoun stands for, from the parse: the noun a
    relative clause modifies ("Trump, who said ...": Trump) or the group a part is
    taken from ("some of the companies": the companies); None for other pronouns."""
    head = span.root
    doc = span.doc
    if head.lower_ in _RELATIVE and head.tag_ in ("WP", "WDT"):
        noun = head.head.head if head.head.dep_ == "relcl" else None
        if noun is None or noun.pos_ not in ("NOUN", "PROPN"):
            noun = _before_aside(head)
        if noun is None:
            return None
        ent = next((e for e in ents_within(noun.sent) if e.start <= noun.i < e.end), None)
        if ent is not None:
            return ent
        return doc[noun.left_edge.i : noun.i + 1]
    if head.lower_ in _PARTITIVE:
        for prep in (c for c in head.children if c.dep_ == "prep" and c.lower_ == "of"):
            for obj in (g for g in prep.children if g.dep_ == "pobj" and g.pos_ != "PRON"):
                return doc[obj.left_edge.i : obj.i + 1]
    return None


def _before_aside(rel: Any) -> Any:
    """The noun right before a relative pronoun the parser did not attach, past an
    aside set off by dashes or commas ("the women -- about a dozen now -- who")."""
    i = rel.i - 1
    sent_start = rel.sent.start
    if i >= sent_start and rel.doc[i].text in ("--", "—", "–", ","):
        j = i - 1
        while j >= sent_start and rel.doc[j].text != rel.doc[i].text:
            j -= 1
        if j >= sent_start:
            i = j - 1
    if i >= sent_start and rel.doc[i].pos_ in ("NOUN", "PROPN"):
        return rel.doc[i]
    return None


_RELATIVE = frozenset({"who", "which", "that", "whom"})
_PARTITIVE = frozenset({"some", "many", "most", "all", "one", "two", "several", "few",
                        "both", "each", "none", "another", "any"})


def acronym(word: str) -> bool:
    """An all-capitals name of two letters or more ("ABS-CBN", "GAO", "NATO"): an
    organisation's or an outlet's, never a person's."""
    letters = [c for c in word if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def _in_entity(tok: Any) -> bool:
    return bool(tok.ent_type_) and tok.ent_type_ in ("PERSON", *ORG_LABELS)


def phrase(span: Any) -> str:
    """The speaker phrase as a name: without a leading article, and cut before an
    aside after the head ("Administration officials, without citing specific
    figures" -> "Administration officials")."""
    head = span.root
    end = span.end
    for t in span:
        if t.i > head.i and t.text in (",", "(", "—", "–", "--"):
            end = t.i
            break
    return clean_name(span.doc[span.start : end].text)


def _apposed_person(span: Any) -> Any:
    """A PERSON name in apposition to a role head ("Capital One's lawyer, James
    Murphy", "vice chairman of the committee Sen. Saxby Chambliss"), looked for in
    the whole sentence since a long subject is cut to its head; None when the head
    is itself a name or no name stands beside it."""
    head = span.root
    if head.ent_type_ == "PERSON" or head.pos_ == "PROPN" or head.pos_ == "PRON":
        return None
    sent_ents = [e for e in ents_within(head.sent) if e.label_ == "PERSON"]
    for ent in sent_ents:
        root = ent.root
        while root.dep_ in ("compound", "flat") and root.head.i != root.i:
            root = root.head
        if root.dep_ == "appos" and root.head.i == head.i:
            return ent
        if (_role_head(head) or head.lower_ in ROLE_HEADS) and _juxtaposed(ent) \
                and head.left_edge.i <= ent.start and ent.end - 1 <= head.right_edge.i:
            return ent  # "vice chairman of the committee Sen. Saxby Chambliss"
    return None


def _coordinated_names(persons: list[Any]) -> bool:
    """Two names joined by "and" with at most a title between ("Trump and Chinese
    President Xi Jinping"), however the parser attached them."""
    for a, b in pairwise(sorted(persons, key=lambda e: e.start)):
        between = a.doc[a.end : b.start]
        if 1 <= len(between) <= 3 and between[0].lower_ == "and" and all(
                t.pos_ in ("ADJ", "PROPN", "DET") or t.lower_ == "and" for t in between):
            return True
    return False


def _juxtaposed(ent: Any) -> bool:
    """A name set right after a common noun of its own phrase, which the parser
    took for a compound ("the committee Sen. Saxby Chambliss"): an apposition."""
    root = ent.root
    first = ent.start
    while first > 0 and ent.doc[first - 1].lower_ in coref.PERSON_TITLES:
        first -= 1
    before = ent.doc[first - 1] if first > 0 else None
    return (before is not None and before.pos_ == "NOUN" and before.dep_ == "compound"
            and before.head.i == root.i)


def _role_head(head: Any) -> bool:
    """'an aide to Hillary Clinton': the name qualifies an anonymous head."""
    return head.ent_type_ != "PERSON" and head.lower_ in ANONYMOUS_HEADS


def _role(span: Any, person: Any) -> str | None:
    """The words of ``span`` around the name: "Secretary of State", "a Republican"."""
    before = span.doc[span.start : person.start]
    after = span.doc[person.end : span.end]
    parts = [clean_name(p.text) for p in (before, after) if p.text.strip(" ,")]
    role = ", ".join(p for p in parts if p)
    return role or None


def resolve_pronoun(span: Any, outlets: OutletIndex) -> SpeakerInfo:
    """Resolve a pronoun to the most salient earlier mention that agrees with it.

    he/she/I -> a person (gender checked; a name coordinated with others is a
    group); they/we -> coordinated names, a plural group ("officials"), an
    organisation or an outlet; it -> an organisation, an outlet or a document.
    Subjects of the last sentences outrank nearer objects (:mod:`.coref`).
    """
    doc = span.doc
    pron = span.root
    lo = max(0, span.start_char - ANTECEDENT_WINDOW)
    outlet_spans = outlets.spans_between(lo, pron.idx)
    best = coref.resolve(doc, pron, lo, outlet_spans, ANONYMOUS_HEADS, OUTLET_HEADS)
    if best is None:
        return SpeakerInfo("unresolved")
    found = best.span(doc)
    if best.kind == "group" and any(e.label_ == "PERSON" for e in ents_within(found)):
        name = clean_name(found.text)  # "Issa and Jordan"
        return SpeakerInfo("named", name=name, antecedent=(found.start_char, found.end_char))
    info = classify(found, outlets, pronoun_resolve=False)
    kind = "named" if info.type == "unresolved" and best.kind == "person" else info.type
    return SpeakerInfo(kind, name=info.name or clean_name(found.text), role=info.role,
                       antecedent=(found.start_char, found.end_char), outlet=info.outlet)


def unsure(doc: Any, speaker: Any, antecedent: Any) -> bool:
    """Whether a speaker phrase is a personal pronoun whose referent is a guess: left
    unresolved, or resolved although the choice is open (:func:`.coref.ambiguous`).

    Args:
        doc: The parsed text.
        speaker: The speaker span (``Attribution.speaker``) or None.
        antecedent: The antecedent span (``Attribution.antecedent``) or None.
    """
    if speaker is None:
        return False
    span = doc.char_span(speaker.start, speaker.end, alignment_mode="expand")
    if span is None or len(span) != 1 or span.root.lower_ not in (
            "he", "she", "him", "her", "they", "them", "it"):
        return False
    if antecedent is None:
        return True
    lo = max(0, span.start_char - ANTECEDENT_WINDOW)
    return coref.ambiguous(doc, span.root, (antecedent.start, antecedent.end), lo, [],
                           ANONYMOUS_HEADS, OUTLET_HEADS)
