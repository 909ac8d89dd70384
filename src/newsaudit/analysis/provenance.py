"""Provenance: where the story comes from.

Finds, with the exact words as evidence (offsets into ``article.text``):

1. syndication and licence notices anywhere in the page, furniture included
   ("Content created by X is available...", "This article originally appeared
   on X", "Republished with permission of X", "The post ... appeared first on
   X", "X is a member of States Newsroom", "distributed by X Syndicate");
2. wire credits ("(Reuters) -", "WASHINGTON (AP) --", "- The Associated Press",
   "By Reuters Staff", "The Associated Press contributed to this report", the
   Reuters "(Reporting by ...; Editing by ...)" line);
3. hat tips ("h/t X", "H/T: X", "(via X)");
4. outlets, documents and posts the body cites ("according to a report by the
   Al-Monitor", "told the X", "X reported", "a study by X", "in a tweet"), with
   anaphora ("per the report", "according to the report") resolved to the
   source whose report was named last, and, for HTML, links to other sites;

and builds the chain from the page's own site through the syndicated origin and
the wire to the primary source the story rests on. The notice patterns follow
the reuse conventions described in news-reuse studies (Boumans et al. 2018, "The
agency makes the (online) news world go round"), the wire credit styles of the AP
Stylebook and the Reuters Handbook of Journalism, and the credit metadata of
PolNeAR (Newell et al. 2018); benchmarks/provenance.py measures them.
"""

from __future__ import annotations

import functools
import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass, field, replace

from ..article import Article, Span
from ..errors import MissingDataError
from ..options import Options
from ..pipeline import stage
from . import citations
from .citations import CitedSource
from .outlets import (
    IMAGE_CREDITS,
    NAME,
    NAME_BEFORE,
    NAME_CORE,
    WIRE_ALT,
    DomainOf,
    OutletTest,
    clean_name,
    key,
    name_bounds,
)

log = logging.getLogger(__name__)

_MAJOR_WIRES = (r"(?:The )?Associated Press|AP|Reuters|Agence France-Presse|AFP|"
                r"United Press International|UPI|Bloomberg(?: News)?")
_NOTICE_NOUN = (r"article|story|post|piece|column|commentary|op-ed|essay|interview|analysis|"
                r"excerpt|review|item|report|editorial|blog post|feature")


@dataclass(frozen=True)
class Pattern:
    """A notice pattern: its kind, cheap lower-case gate words, the regex, a fixed name."""

    kind: str
    gate: tuple[str, ...]
    regex: re.Pattern[str]
    name: str | None = None  # for patterns that name no one ("(Reporting by ...)")


SYNDICATION_PATTERNS: list[Pattern] = [
    Pattern("licence", ("content created by",), re.compile(
        rf"[Cc]ontent created by {NAME} is available without charge")),
    Pattern("licence", ("content created by",), re.compile(
        rf"[Cc]ontent created by {NAME}(?= (?:is|may|and)\b)")),
    Pattern("licence", ("licenses its",), re.compile(
        rf"{NAME} licenses its (?:original )?content (?:free of charge|without charge)")),
    Pattern("originally_published", ("originally", "first appeared", "first published",
                                     "first ran", "first posted"), re.compile(
        rf"\b(?:[Tt]his|[Tt]he following|[Aa] (?:version|portion) of this)"
        rf"(?: (?:{_NOTICE_NOUN}))?(?: (?:was|is|has been))? (?:originally|first) "
        rf"(?:appeared|published|posted|ran|run)(?: (?:on|in|at|by|with))?"
        rf"(?: the (?:website|site|blog|magazine|newspaper|journal))? {NAME}")),
    Pattern("originally_published", ("originally",), re.compile(
        rf"\b[Oo]riginally (?:published|appeared|posted|ran) (?:on|in|at|by) {NAME}")),
    Pattern("originally_published", ("where this",), re.compile(
        rf"{NAME},? where this (?:{_NOTICE_NOUN}) (?:originally|first) (?:appeared|ran)")),
    Pattern("appeared_first", ("appeared first on",), re.compile(
        rf"\b[Tt]he post .{{1,300}}? appeared first on {NAME}")),
    Pattern("republished", ("by arrangement",), re.compile(
        rf"\b(?:[Rr]eprinted|[Rr]epublished|[Ee]xcerpted) by arrangement with {NAME}")),
    Pattern("republished", ("permission",), re.compile(
        rf"\b[Rr]e(?:printed|published) from (?:the )?{NAME_CORE} with (?:the )?permission "
        rf"(?:of|from) {NAME}")),
    Pattern("republished", ("permission",), re.compile(
        rf"\b(?:[Rr]epublished|[Rr]eprinted|[Rr]eposted|[Ee]xcerpted|[Uu]sed|[Ss]hared)"
        rf"(?: here)? with (?:the )?(?:kind )?permission (?:of|from) {NAME}")),
    Pattern("republished", ("republished from", "reprinted from"), re.compile(
        rf"\b(?:[Tt]his (?:{_NOTICE_NOUN}) (?:is|was) )?(?:[Rr]epublished|[Rr]eprinted) "
        rf"from {NAME}")),
    Pattern("republished", ("with permission",), re.compile(
        r"(?:©|\b[Cc]opyright\b|\bCOPYRIGHT\b)\s*(?:©\s*)?(?:\d{4},?\s+)?(?:by\s+)?"
        r"(?P<name>[A-Z](?:[^.\n©,]|\.(?=\S)){1,80}?)[.,]?\s+(?:(?i:all rights reserved)\.?\s+)?"
        r"(?i:(?:reprinted|republished|used) (?:here )?with permission)")),
    Pattern("produced_by", ("produced by", "co-published"), re.compile(
        rf"\b[Tt]his (?:{_NOTICE_NOUN}|investigation) (?:was|is) (?:produced|co-published|"
        rf"written and produced) by {NAME}")),
    Pattern("distributed_by", ("distributed by",), re.compile(
        rf"\b[Dd]istributed by {NAME}")),
]

#: Distributor names that make "distributed by X" a syndication notice.
DISTRIBUTORS = re.compile(r"\b(?:Syndicate|Syndication|Agency|Features|Service|Services|Wire|"
                          r"Content)\b")
#: Network names that make "X is a member of Y" a syndication notice.
NETWORKS = re.compile(r"\b(?:Newsroom|Network|Cooperative|Collaborative|Consortium|"
                      r"Partnership|Alliance|Desk)\b")
_MEMBER_CUE = re.compile(rf",?(?: which)? (?:is|are) (?:a member|part|a partner) of "
                         rf"(?:the )?(?P<net>{NAME_CORE})")

WIRE_PATTERNS: list[Pattern] = [
    # "WASHINGTON (AP) —", "SAN JUAN, Puerto Rico (AP) —", "LONDON, Dec. 5 (UPI) --".
    Pattern("dateline", ("(",), re.compile(
        rf"(?:\b[A-Z][A-Z.'’-]+(?:[ \t][A-Z][A-Z.'’-]+)*(?:,[ \t]*[A-Z][\w.]*"
        rf"(?:[ \t][\w.]+){{0,2}})?[ \t]*)?\((?P<name>{WIRE_ALT})\)[ \t]*(?:[-—–]+|:)")),
    Pattern("signoff", ("press", "reuters", "afp", "upi", "agence"), re.compile(
        r"(?:^|[ \t])[-—–]+[ \t]*(?P<name>(?:The )?Associated Press|Reuters|"
        r"Agence France-Presse|AFP|UPI)[ \t]*$", re.M)),
    Pattern("byline", ("by ",), re.compile(
        r"^[ \t]*[Bb]y:?[ \t]+(?:[A-Z][\w.'’-]*,?[ \t]+(?:and[ \t]+)?){0,6}(?:(?:\||of)[ \t]+)?"
        rf"(?P<name>{_MAJOR_WIRES}|Reuters Staff)(?: [Ss]taff| [A-Z][a-z]+ [Ww]riters?)?"
        r"[ \t]*$", re.M)),
    # A staff title after the name: "Tom Krisher, AP Auto Writer" (sites often
    # set it in title case: "Ap Auto Writer"), "Jane Doe, Associated Press Writer".
    Pattern("byline", ("writer",), re.compile(
        r"^[ \t]*(?:[Bb]y:?[ \t]+)?(?:[A-Z][\w.'’-]*[ \t]+){0,3}[A-Z][\w.'’-]*,[ \t]*"
        r"(?P<name>AP|Ap|(?:The )?Associated Press)(?:[ \t]+[A-Z][a-z]+){0,2}[ \t]+"
        r"[Ww]riters?[ \t]*$", re.M), name="The Associated Press"),
    Pattern("byline", ("associated press",), re.compile(
        r"^[ \t]*(?P<name>(?:The )?Associated Press|ASSOCIATED PRESS)[ \t]*$", re.M)),
    Pattern("copyright", ("©", "copyright"), re.compile(
        rf"(?<![Ii]mage )(?<![Pp]hoto )(?:©|\b[Cc]opyright\b)\s*(?:\d{{4}}\s+(?:Thomson\s+)?|"
        rf"Thomson\s+)(?P<name>{_MAJOR_WIRES})\b")),
    Pattern("contributed", ("contributed",), re.compile(
        rf"\b(?P<name>{_MAJOR_WIRES})(?:['’]s?)?(?: (?:writers?|reporters?|correspondents?|"
        rf"staff|[Ww]riter|[Rr]eporter)[^.\n]{{0,80}}?)? contributed(?: reporting)? to "
        rf"(?:this|the) (?:report|story|article)")),
    Pattern("contributed", ("used in this", "reporting by", "reporting from", "wire report"),
            re.compile(rf"\b(?:(?:[Ii]nformation|[Mm]aterial) from (?P<name>{_MAJOR_WIRES})"
                       rf"(?: and [^.\n]{{1,60}}?)? (?:was|were) used in this "
                       rf"(?:report|story|article)|(?:[Bb]ased on|[Ww]ith) (?:reporting|"
                       rf"material|wire reports?) (?:by|from) (?:the )?"
                       rf"(?P<name2>{_MAJOR_WIRES}))")),
    # The Reuters Handbook's credit line: "(Reporting by X; Editing by Y)".
    Pattern("credit_line", ("reporting by",), re.compile(
        r"\((?:[Aa]dditional )?[Rr]eporting by [^()\n]{2,300}?;\s*(?:[Ww]riting|[Ee]diting|"
        r"[Aa]dditional reporting)[^()\n]{0,300}\)"), name="Reuters"),
    # The AP's daily briefing, syndicated under this fixed standfirst.
    Pattern("feature", ("your daily look",), re.compile(
        r"Your daily look at late-breaking news, upcoming events and the stories that will "
        r"be talked about today"), name="The Associated Press"),
]

HAT_TIP_PATTERNS: list[Pattern] = [
    Pattern("hat_tip", ("h/t", "hat tip", "hat-tip", "ht:"), re.compile(
        rf"(?:\b[Hh]/[Tt]\b/?|\bHT:|\b[Hh]at[ -][Tt]ip(?:s| goes)?(?: to)?)[:,]?[ \t]+"
        rf"(?P<name>@\w+|(?:[Tt]he )?{NAME_CORE})")),
    Pattern("via", ("via",), re.compile(
        rf"[(\[][ \t]*[Vv]ia:?[ \t]+(?P<name>@\w+|(?:[Tt]he )?{NAME_CORE})[ \t]*[)\]]")),
    Pattern("via", ("via",), re.compile(
        rf"^[ \t]*[Vv]ia:?[ \t]+(?P<name>@\w+|(?:[Tt]he )?{NAME_CORE})[ \t]*$", re.M)),
]


@dataclass(frozen=True, slots=True)
class Notice:
    """A syndication or licence notice, wire credit or hat tip."""

    name: str
    domain: str | None
    kind: str
    evidence: Span


@dataclass(frozen=True, slots=True)
class ChainLink:
    """One step of the chain from the page back to the primary source.

    ``role`` is publisher, syndicated_from, wire or primary_source.
    """

    name: str
    domain: str | None
    role: str


@dataclass
class Provenance:
    """Where the story comes from."""

    syndicated_from: list[Notice] = field(default_factory=list)
    wire: list[Notice] = field(default_factory=list)
    hat_tips: list[Notice] = field(default_factory=list)
    cited_sources: list[CitedSource] = field(default_factory=list)
    chain: list[ChainLink] = field(default_factory=list)


def _name_of(article: Article, m: re.Match[str], pat: Pattern) -> str:
    if pat.name:
        return pat.name
    group = "name2" if "name2" in m.re.groupindex and m.group("name2") else "name"
    start, end = name_bounds(article.text, m.start(group), m.end(group))
    return clean_name(article.text[start:end])


def _matches(article: Article, patterns: list[Pattern], low: str
             ) -> Iterator[tuple[Pattern, re.Match[str]]]:
    for pat in patterns:
        if any(g in low for g in pat.gate):
            for m in pat.regex.finditer(article.text):
                yield pat, m


def find_notices(article: Article, patterns: list[Pattern], low: str | None = None
                 ) -> list[Notice]:
    """Notices matching ``patterns`` anywhere in the text, one per name and kind.

    A match overlapping an earlier one is the same notice read twice and is
    dropped, so list the most specific pattern first.
    """
    low = article.text.lower() if low is None else low
    out: list[Notice] = []
    for pat, m in _matches(article, patterns, low):
        name = _name_of(article, m, pat)
        if not name or len(name) < 2 or IMAGE_CREDITS.search(name) or name.lower() in (
                "email", "e-mail"):
            continue
        if pat.kind == "distributed_by" and not DISTRIBUTORS.search(name):
            continue
        if any(n.evidence.start < m.end() and m.start() < n.evidence.end for n in out) or \
                any(n.name == name and n.kind == pat.kind for n in out):
            continue
        out.append(Notice(name, None, pat.kind, article.span(m.start(), m.end())))
    return sorted(out, key=lambda n: n.evidence.start)


def member_notices(article: Article, low: str | None = None) -> list[Notice]:
    """"X is a member of the Y Network": the story comes from X (e.g. States Newsroom)."""
    low = article.text.lower() if low is None else low
    if "member of" not in low and "part of" not in low and "partner of" not in low:
        return []
    out: list[Notice] = []
    text = article.text
    for m in _MEMBER_CUE.finditer(text):
        if not NETWORKS.search(m.group("net")):
            continue
        line_start = text.rfind("\n", 0, m.start()) + 1
        subject = NAME_BEFORE.search(text, max(line_start, m.start() - 120), m.start())
        # The notice is a sentence of its own ("Georgia Recorder is part of States
        # Newsroom"); "a paper in Ohio, which is a member of..." names a partner.
        if subject is None or m.group(0).startswith((",", " which")) or not re.search(
                r"(?:^|[.!?”\"]\s+)$", text[line_start:subject.start()]):
            continue
        start, end = name_bounds(text, subject.start(), subject.end())
        name = clean_name(text[start:end])
        if name and start < end and name != clean_name(m.group("net")):
            out.append(Notice(name, None, "member_of", article.span(start, m.end())))
    return out


def _publisher(article: Article, domain_of: DomainOf | None) -> tuple[str | None, str | None]:
    meta, mast = article.meta, article.masthead
    domain = meta.domain
    if not domain and meta.url:
        host = re.match(r"^(?:[a-z][\w+.-]*:)?//(?:www\.)?([^/:?#]+)", meta.url.strip(), re.I)
        domain = host.group(1).lower() if host else None
    name = meta.site_name or (mast.site_name.text if mast and mast.site_name else None)
    name = name or domain
    return name, domain or (domain_of(name) if name and domain_of is not None else None)


def build_chain(article: Article, prov: Provenance,
                domain_of: DomainOf | None = None) -> list[ChainLink]:
    """The chain: page's own site -> syndicated origin -> wire -> primary source cited.

    The primary source is the cited outlet, wire or document with the most
    mentions; ties go to one cited by a report cue ("a report by", "X reported"),
    then to the earliest. Links count only when nothing else is cited.
    """
    chain: list[ChainLink] = []
    seen: set[str] = set()

    def add(name: str | None, domain: str | None, role: str) -> None:
        if name and key(name) not in seen and (domain is None or domain not in seen):
            seen.add(key(name))
            if domain:
                seen.add(domain)
            chain.append(ChainLink(name, domain, role))

    name, domain = _publisher(article, domain_of)
    add(name, domain, "publisher")
    for n in prov.syndicated_from:
        add(n.name, n.domain, "syndicated_from")
    for n in prov.wire:
        add(n.name, n.domain, "wire")
    primary = citations.primary_source(prov.cited_sources)
    if primary is not None:
        add(primary.name, primary.domain, "primary_source")
    return chain


def find_provenance(article: Article, domain_of: DomainOf | None = None,
                    rated: OutletTest | None = None) -> Provenance:
    """Everything provenance finds in one article (see the module docstring).

    Args:
        article: The article, its ``body`` and ``furniture`` set (and ``masthead``
            and ``doc`` when there).
        domain_of: Resolves an outlet's name to its domain (the stage builds one
            from the run's rating index); the chain tells sources apart by domain
            as well as by name. Without it only URLs and links carry a domain.
        rated: Whether a name is a rated outlet's (:func:`rated_outlet_test`), so
            that "explained Live Science" cites an outlet with no outlet word in
            its name.
    """
    low = article.text.lower()
    prov = Provenance(
        syndicated_from=sorted(find_notices(article, SYNDICATION_PATTERNS, low)
                               + member_notices(article, low), key=lambda n: n.evidence.start),
        wire=find_notices(article, WIRE_PATTERNS, low),
        hat_tips=find_notices(article, HAT_TIP_PATTERNS, low),
        cited_sources=citations.cited_sources(article, domain_of, rated),
    )
    if domain_of is not None:
        for group in (prov.syndicated_from, prov.wire, prov.hat_tips):
            group[:] = [replace(n, domain=domain_of(n.name))
                        if n.domain is None and not n.name.startswith("@") else n for n in group]
    prov.chain = build_chain(article, prov, domain_of)
    return prov


def domain_resolver(options: Options) -> DomainOf | None:
    """Outlet names to domains through the run's rating index (``options.data_dir``
    and ``--ratings``), each name looked up once; None when no rating set is
    installed (the report's ``source_rating`` then says so)."""
    # The rating sets' name index is reference data the judge also reads; imported
    # here because the judge's own stages import provenance.
    from ..judge.ratings import load_index

    try:
        index = load_index(options.data_dir, options.ratings_overrides)
    except MissingDataError as exc:
        log.debug("outlet domains not resolved: %s", exc)
        return None

    @functools.lru_cache(maxsize=4096)
    def domain_of(name: str) -> str | None:
        found = index.resolve(name)
        return found.domain if found is not None else None

    return domain_of


#: How a name must resolve in the rating index to be taken for an outlet's where
#: a citation cue names it ("explained Live Science", "according to the Center
#: for Public Integrity", "As The New American reported"): a rating set's own name
#: for the outlet, or a name of two words or more that spells its domain's label
#: ("Live Science" for livescience.com; one word is too often a person's or a
#: company's: "Trump" for trump.news, "Apple" for apple.com).
RATED_NAME_METHODS = frozenset({"alias", "name_exact", "name_normalised"})

#: Domains of public bodies and schools: rated by some lists, but "according to the
#: White House" does not cite an outlet.
_NOT_OUTLET_SUFFIXES = (".gov", ".mil", ".edu", ".int")


def rated_outlet_test(options: Options) -> OutletTest | None:
    """Whether a name is a rated outlet's in the run's rating index (see
    :data:`RATED_NAME_METHODS`); None when no rating set is installed."""
    from ..judge.ratings import MIN_ORGANISATIONS, load_index

    try:
        index = load_index(options.data_dir, options.ratings_overrides)
    except MissingDataError:
        return None

    @functools.lru_cache(maxsize=4096)
    def rated(name: str) -> bool:
        found = index.resolve(name)
        if found is None or found.domain.endswith(_NOT_OUTLET_SUFFIXES):
            return False
        by_name = found.method in RATED_NAME_METHODS or (
            found.method == "domain_label" and len(name.split()) >= 2)
        return by_name and index.organisations(found.domain) >= MIN_ORGANISATIONS

    return rated


@stage("analysis.provenance", version="5", requires=("body", "furniture", "masthead"),
       reads=("doc",), assigns=("provenance",))
class ProvenanceStage:
    """Find syndication notices, wire credits, hat tips, cited sources and the chain."""

    def __init__(self, options: Options):
        self.domain_of = domain_resolver(options)
        self.rated = rated_outlet_test(options)

    def __call__(self, article: Article) -> None:
        article.provenance = find_provenance(article, self.domain_of, self.rated)
