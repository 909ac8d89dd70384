"""Source types a journalist recognises, and the name a reader is shown.

``speaker_type`` (named, anonymous, organization, outlet, unresolved) says how a
speaker phrase is written; it feeds the confidence model and stays as it was.
``source_type`` says what kind of source stands behind it, in the categories of
newsroom sourcing guides and sourcing studies (the AP Stylebook's "anonymous
sources" entry; Sigal 1973; Duffy and Freeman 2011, "Unnamed sources"; the
source-type codes of Carlson 2009):

- ``person``: a named person ("Rex Tillerson", "he" resolved to him);
- ``organization``: a named organisation or public body speaking as one ("the
  Pentagon", "the Obama administration", "the Justice Department");
- ``unnamed``: a source not named but described, whom the reporter could name
  ("a former diplomat", "a DOJ official", "senior U.S. officials", "a spokesperson
  for the Department of Homeland Security", "the White House budget director",
  "a federal judge");
- ``vague``: a generic or collective attribution no one could be asked about
  ("critics", "experts", "many", "some say", "Republicans", "people");
- ``document``: a document or data ("a 2017 disclosure form", "court records",
  "the study", "a Pentagon planning memo", "polls", "49% of New York City voters");
- ``outlet``: a news outlet or its reporting ("The Jerusalem Post", "ABC News",
  "the newspaper");
- ``author``: the writer's own voice ("I", "we" outside quotation marks);
- ``unknown``: no speaker, or a pronoun or office with no fitting antecedent.
"""

from __future__ import annotations

import re
from typing import Any

from ..nlp import ents_within
from .coref import is_person
from .speakers import ANONYMOUS_HEADS, OUTLET_HEADS, SpeakerInfo, acronym, clean_name, phrase
from .statements import AUTHOR_PRONOUNS

#: The typology, in the order reports list it.
SOURCE_TYPES = ("person", "organization", "unnamed", "vague", "document", "outlet",
                "author", "unknown")

#: Heads of documents and data ("the study", "court records", "a memo").
DOCUMENT_HEADS = frozenset("""
report reports study studies poll polls survey surveys memo memos document documents
record records data letter letters filing filings complaint lawsuit transcript book
form forms statement statements release analysis audit ruling order indictment
affidavit email emails text texts message messages file files figure figures
statistic statistics census chart map estimate estimates research paper papers
proposal bill law budget plan title review assessment minutes subpoena
""".split())

#: Heads of a generic or collective source: no one in particular could be asked.
VAGUE_HEADS = frozenset("""
critic critics expert experts observer observers analyst analysts people person
some many others other someone somebody anyone everyone supporter supporters
opponent opponents conservative conservatives liberal liberals republican republicans
democrat democrats voter voters resident residents activist activists protester
protesters cynic cynics proponent proponents skeptic skeptics sceptic sceptics
scientist scientists economist economists commentator commentators pundit pundits
rumor rumors rumour rumours reports word talk they americans citizens
""".split())

#: Heads of a public body or institution speaking as one.
BODY_HEADS = frozenset("""
administration department government agency ministry committee court campaign
company firm police army military party office council commission board bureau
institute institution university school hospital union association authority
authorities embassy parliament congress senate house legislature industry team
""".split())

#: Words of outlet names ("ABC News", "The Jerusalem Post", "Live Science").
OUTLET_NAME_WORDS = frozenset("""
news times post journal tribune herald gazette daily magazine press reuters bloomberg
cnn bbc npr msnbc politico axios science register examiner observer guardian
telegraph chronicle monitor newsweek wire channel radio tv television network fox
abc cbs nbc globe editorial
""".split())

#: Qualifiers that place a plural generic source inside an institution ("Pentagon
#: officials", "officials at the agency"): such a group is unnamed, not vague.
_PLACE_DEPS = frozenset({"compound", "poss", "amod", "prep", "nmod"})

_POLL_SHARE = re.compile(r"^\s*(\d+(\.\d+)?\s*(%|percent|per cent)|%|half|most|a majority)",
                         re.I)


def source_type(span: Any, info: SpeakerInfo, quoted: bool = False) -> str:
    """The kind of source behind a speaker phrase.

    Args:
        span: The speaker phrase (a spaCy ``Span``) or None when there is none.
        info: What :func:`.speakers.classify` made of it.
        quoted: Whether the phrase lies inside quotation marks.

    Returns:
        One of :data:`SOURCE_TYPES`.
    """
    if span is None or not len(span):
        return "unknown"
    head = span.root
    if head.lower_ in AUTHOR_PRONOUNS and not quoted:
        return "author"
    if _POLL_SHARE.match(span.text):
        return "document"  # "49% of New York City voters say"
    if head.pos_ == "PRON" and head.lower_ in VAGUE_HEADS and info.antecedent is None:
        return "vague"  # "some say", "many believe"
    ref = _referent(span, info)
    if ref is None:
        return "vague" if head.lower_ in ("they", "them") else "unknown"
    return _kind(ref, info)


def _referent(span: Any, info: SpeakerInfo) -> Any:
    """The phrase the speaker stands for: its antecedent when it has one."""
    if info.antecedent is not None:
        s = span.doc.char_span(*info.antecedent, alignment_mode="expand")
        if s is not None and len(s):
            return s
    if span.root.pos_ == "PRON":
        return None
    if info.type == "unresolved" and span.root.lower_ in _OFFICE_HEADS:
        return span  # "the president" with no president named: described, unnamed
    return span


def _kind(ref: Any, info: SpeakerInfo) -> str:
    head = _noun_head(ref)
    if _described(head):
        return "vague" if (head.lower_ in VAGUE_HEADS and not _placed(head)) else "unnamed"
    if info.type == "named" and info.name and info.name in _person_names(ref.doc):
        return "person"  # "The Globe's deputy managing editor Marjorie Pritchard"
    lemma = head.lemma_.lower()
    lower = head.lower_
    name_words = {w.casefold().strip(".,'’") for w in (info.name or ref.text).split()}
    if info.outlet:
        return "outlet"  # "a report by the Al-Monitor": an outlet's reporting
    if info.type == "outlet":
        return "document" if lemma in DOCUMENT_HEADS or lower in DOCUMENT_HEADS else "outlet"
    if head.ent_type_ == "PERSON" or any(e.root.i == head.i and is_person(e)
                                         for e in ents_within(ref)):
        return "person"
    if " and " in ref.text and any(e.label_ == "PERSON" for e in ents_within(ref)) \
            and head.pos_ == "PROPN":
        return "person"  # "Issa and Jordan"
    if lemma in DOCUMENT_HEADS or lower in DOCUMENT_HEADS:
        return "document"
    if head.ent_type_ in ("ORG", "GPE", "NORP", "FAC") or head.pos_ == "PROPN" \
            or _capitalised_name(head):
        if name_words & OUTLET_NAME_WORDS and head.ent_type_ != "NORP":
            return "outlet"
        if head.ent_type_ == "NORP" or lower in VAGUE_HEADS:
            return "vague"  # "Republicans", "Democrats"
        if head.ent_type_ not in ("ORG", "GPE", "FAC") and len(ref) <= 3 \
                and info.type in ("named", "unresolved") and not acronym(head.text):
            return "person"  # a name the entity recogniser missed ("Vance", "Spiering")
        return "organization"
    if lemma in BODY_HEADS or lower in BODY_HEADS:
        return "organization"
    if lower in OUTLET_HEADS or lemma in OUTLET_HEADS:
        return "outlet"
    if lower in VAGUE_HEADS or lemma in VAGUE_HEADS:
        return "unnamed" if _placed(head) else "vague"
    if lower in ANONYMOUS_HEADS or lemma in ANONYMOUS_HEADS or lower in _OFFICE_HEADS:
        return "unnamed"
    if head.tag_ == "NNS":
        return "vague"
    return "unnamed" if head.pos_ == "NOUN" else "unknown"


def _person_names(doc: Any) -> frozenset[str]:
    """The texts of the entities of ``doc`` that name people (PERSON, and the names
    :func:`.coref.is_person` takes for people's), built once per ``Doc`` (a scan of
    ``doc.ents`` for each attribution would be quadratic in the article's length)."""
    names = doc.user_data.get(_PERSON_NAMES_KEY)
    if names is None:
        names = doc.user_data[_PERSON_NAMES_KEY] = frozenset(
            e.text for e in doc.ents if is_person(e))
    return names  # type: ignore[no-any-return]


_PERSON_NAMES_KEY = "newsaudit.person_names"


def _described(head: Any) -> bool:
    """A person described by role, whom a name only qualifies ("a former top Obama
    adviser", "an aide to Hillary Clinton", "Mr. Johnson's backers")."""
    lemma = head.lemma_.lower()
    # A capitalised head opening a sentence is often tagged PROPN ("Lawyers for ...").
    common = head.pos_ == "NOUN" or (head.pos_ == "PROPN" and head.is_title
                                     and head.lower_ in ANONYMOUS_HEADS)
    if not common or head.ent_type_ or not (
            head.lower_ in ANONYMOUS_HEADS or lemma in ANONYMOUS_HEADS
            or head.lower_ in VAGUE_HEADS):
        return False
    names = [e for e in ents_within(head.doc[head.left_edge.i : head.right_edge.i + 1])
             if e.label_ == "PERSON"]
    # "Capital One's lawyer, James Murphy": a name in apposition is the person.
    return bool(names) and not any(_apposed(e, head) for e in names)


def _apposed(ent: Any, head: Any) -> bool:
    root = ent.root
    while root.dep_ in ("compound", "flat") and root.head.i != root.i:
        root = root.head
    return root.dep_ == "appos" and root.head.i == head.i


def _noun_head(ref: Any) -> Any:
    """The phrase's head noun; a misparse's verb root ("Court records uncovered")
    gives way to the first noun before it. A capitalised word inside a sentence is
    taken as a name even when the tagger did not ("Spiering said")."""
    head = ref.root
    if head.pos_ not in ("NOUN", "PROPN", "PRON"):
        nouns = [t for t in ref if t.pos_ in ("NOUN", "PROPN") and t.i < head.i]
        if nouns:
            head = nouns[-1]
    return head


def _capitalised_name(tok: Any) -> bool:
    return tok.is_title and tok.i != tok.sent.start and tok.pos_ not in ("PRON", "DET")


def _placed(head: Any) -> bool:
    """A generic head tied to an institution or a particular group: "Pentagon
    officials", "experts at the agency", "his advisers", "both lawyers"."""
    for c in head.children:
        if c.dep_ == "poss" or c.lower_ in ("both", "one", "two", "three", "several"):
            return True
        if c.dep_ in _PLACE_DEPS and (c.ent_type_ in ("ORG", "GPE", "FAC")
                                      or any(t.ent_type_ in ("ORG", "GPE", "FAC")
                                             for t in c.subtree)):
            return True
    return False


_OFFICE_HEADS = frozenset({"president", "senator", "governor", "congressman",
                           "congresswoman", "mayor", "nominee", "candidate", "secretary",
                           "chairman", "chairwoman", "director", "ceo", "judge", "justice",
                           "minister", "ambassador", "sheriff", "commissioner",
                           "prosecutor", "chief", "general", "speaker", "chancellor",
                           "premier", "doctor", "spokesman", "spokeswoman",
                           "spokesperson"})


def source_name(span: Any, info: SpeakerInfo) -> str | None:
    """The speaker as a reader is shown it: the name a pronoun, a surname or an
    office resolves to ("he" -> "Douglas Letter"), the name, or the phrase cut
    before an aside; None when there is no speaker."""
    if span is None or not len(span):
        return None
    ref = _referent(span, info)
    if ref is not None and _described(_noun_head(ref)):
        return phrase(ref)  # "former top Obama adviser", not "Obama"
    if info.name:
        return info.name
    return phrase(span) or clean_name(span.text) or None


def type_counts(attributions: list[Any]) -> dict[str, Any]:
    """``by_source_type`` and the ``share_<type>`` of each type but author and
    unknown, for ``signals["sourcing"]``."""
    n = len(attributions)
    counts = {t: sum(getattr(a, "source_type", "unknown") == t for a in attributions)
              for t in SOURCE_TYPES}
    shares = {f"share_{t}": round(counts[t] / n, 4) if n else 0.0
              for t in SOURCE_TYPES if t not in ("author", "unknown")}
    return {"by_source_type": counts, **shares}
