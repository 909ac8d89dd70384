"""Provenance: where the story comes from.

Finds, with the exact words as evidence:

- syndication and licence notices ("Content created by X is available...",
  "This article originally appeared on X", "Republished with permission of X",
  "The post ... appeared first on X");
- wire credits ("(Reuters) -", "WASHINGTON (AP) --", "- The Associated Press");
- hat tips ("h/t X", "(via X)");
- outlets and documents cited as the basis of the story ("according to a report
  by the Al-Monitor", "told the Al-Monitor", "X reported"), with anaphoric
  references ("per the report", "according to the report") resolved to the
  outlet whose report was named last, and, for HTML, links to other sites;

and builds the chain from the page's own site through the syndicated origin and
the wire to the primary source the story rests on. The patterns follow the
syndication and attribution conventions catalogued in news-reuse studies
(Boumans et al. 2018, "The agency makes the (online) news world go round";
Nicholls 2019 on wire copy) and the credit metadata of PolNeAR (Newell et al. 2018).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from ..article import Article, Span
from ..options import Options
from ..pipeline import stage

log = logging.getLogger(__name__)

# A proper name: capitalised words, allowing inner connectives and hyphens
# ("The Daily Caller News Foundation", "Al-Monitor", "The New York Times").
# A period belongs to a name only inside it or after an initial ("U.S."), so a
# sentence-final period is left out ("told the Al-Monitor.").
_WORD = r"[A-Z](?:[\w&'’-]|\.(?=\w)|(?<=\b[A-Z])\.)*"
_NAME = rf"{_WORD}(?:[ \t]+(?:of|the|and|for|on|&|de|{_WORD}))*(?<![ \t])"
NAME = rf"(?P<name>(?:[Tt]he[ \t]+)?{_NAME})"

#: Canonical names of wire services, by the abbreviations used in credits.
WIRES = {
    "AP": "The Associated Press", "Associated Press": "The Associated Press",
    "The Associated Press": "The Associated Press", "Reuters": "Reuters",
    "AFP": "Agence France-Presse", "Agence France-Presse": "Agence France-Presse",
    "Agence France Presse": "Agence France-Presse", "UPI": "United Press International",
    "United Press International": "United Press International", "Bloomberg": "Bloomberg",
    "dpa": "Deutsche Presse-Agentur", "Xinhua": "Xinhua", "TASS": "TASS", "PA": "PA Media",
}
_WIRE_ALT = "|".join(sorted((re.escape(k) for k in WIRES), key=len, reverse=True))

SYNDICATION_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("licence", re.compile(rf"[Cc]ontent created by {NAME} is available without charge")),
    ("licence", re.compile(rf"[Cc]ontent created by {NAME}(?= (?:is|may|and)\b)")),
    ("originally_published", re.compile(
        rf"\b(?:[Tt]his|[Tt]he|[Aa]n?) (?:article|story|post|piece|column|op-ed|report|version of "
        rf"this (?:article|story))(?: was| is)? (?:originally |first )(?:appeared|published|ran)"
        rf"(?: (?:on|in|at|by))? {NAME}")),
    ("originally_published", re.compile(rf"\b[Oo]riginally (?:published|appeared) (?:on|in|at|by) "
                                        rf"{NAME}")),
    ("appeared_first", re.compile(rf"\b[Tt]he post .{{1,300}}? appeared first on {NAME}")),
    ("republished", re.compile(
        rf"\b(?:[Rr]epublished|[Rr]eprinted|[Rr]eposted)(?: here)? with (?:the )?(?:kind )?"
        rf"permission (?:of|from) {NAME}")),
    ("republished", re.compile(rf"\b(?:[Tt]his (?:article|story) is )?[Rr]epublished from {NAME}")),
]

WIRE_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("dateline", re.compile(rf"\((?P<name>{_WIRE_ALT})\)\s*(?:[-—–]+|:)")),
    ("signoff", re.compile(r"[-—–]\s*(?P<name>(?:The )?Associated Press|Reuters|"
                           r"Agence France-Presse|AFP)\s*$", re.M)),
    ("byline", re.compile(r"^\s*[Bb]y (?P<name>(?:The )?Associated Press|Reuters|AFP|UPI|"
                          r"Agence France-Presse)(?: [Ss]taff)?\s*$", re.M)),
    ("copyright", re.compile(r"(?:©|[Cc]opyright)\s*\d{4}\s+(?P<name>(?:The )?Associated Press|"
                             r"Reuters|Agence France-Presse|AFP)")),
]

HAT_TIP_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("hat_tip", re.compile(rf"\b[Hh]/[Tt]:?\s+(?P<name>@\w+|(?:[Tt]he )?{_NAME})")),
    ("via", re.compile(rf"[(\[]\s*[Vv]ia:?\s+(?P<name>@\w+|(?:[Tt]he )?{_NAME})\s*[)\]]")),
    ("via", re.compile(rf"^\s*[Vv]ia:?\s+(?P<name>@\w+|(?:[Tt]he )?{_NAME})\s*$", re.M)),
]

# Words that end outlet names; a capitalised name ending so after "told the" or
# before "reported" is an outlet, not a person.
OUTLET_WORDS = frozenset("""
Times Post News Journal Monitor Herald Tribune Guardian Telegraph Independent Observer
Examiner Star Sun Mirror Mail Express Gazette Chronicle Review Magazine Daily Weekly Wire
Press Radio Television TV Network Broadcasting Channel Report Reporter Register Record
Inquirer Beacon Caller Beast Hill Politico Axios Reuters Bloomberg CNN BBC NPR PBS MSNBC
Fox ABC CBS NBC AP AFP UPI Breitbart Vox Slate Salon Atlantic Intercept Insider Mediaite
Al-Monitor Al-Jazeera Jazeera Haaretz Economist Spectator Nation Week Dispatch Bulletin
Standard Globe Citizen Courier Sentinel Enquirer Free Beast Federalist Blaze Newsmax
""".split())

CITE_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("report_by", re.compile(rf"\b(?:an?|the)\s+(?:new\s+|recent\s+|exclusive\s+)?"
                             rf"(?:report|story|article|investigation|analysis|interview)\s+"
                             rf"(?:by|from|in|published by)\s+{NAME}")),
    ("told", re.compile(rf"\b(?:told|telling|tells|said to|speaking to|spoke to|spoke with|in an "
                        rf"interview with)\s+{NAME}")),
    ("reported", re.compile(rf"{NAME}\s+(?:first\s+)?(?:reported|reports|has reported|revealed|"
                            rf"broke the (?:news|story))\b")),
    ("reported_by", re.compile(rf"\b(?:as |first )?reported (?:by|in) {NAME}")),
    ("per", re.compile(rf"\b(?:per|according to)\s+{NAME}")),
]
ANAPHORA = re.compile(
    r"\b(?:per the report|according to the (?:report|outlet|newspaper|story|article)|"
    r"the (?:report|outlet|newspaper) (?:said|says|added|noted|reported|claimed))\b",
    re.I,
)
_ANAPHORA_TRIM = re.compile(r"\s+(?:said|says|added|noted|reported|claimed)$")

#: Names never taken as outlets after "told"/"per" (people, pronouns, generic).
NOT_OUTLETS = frozenset({"The", "He", "She", "They", "We", "It", "This", "That", "Reporters"})


@dataclass
class Notice:
    """A syndication or licence notice, wire credit or hat tip."""

    name: str
    domain: str | None
    kind: str
    evidence: Span
    rating: Any = None


@dataclass
class CitedSource:
    """An outlet or document cited as a basis of the story."""

    name: str
    domain: str | None
    kind: str
    mentions: list[Span] = field(default_factory=list)
    rating: Any = None


@dataclass
class ChainLink:
    """One step of the chain from the page back to the primary source."""

    name: str
    domain: str | None
    role: str
    rating: Any = None


@dataclass
class Provenance:
    """Where the story comes from."""

    syndicated_from: list[Notice] = field(default_factory=list)
    wire: list[Notice] = field(default_factory=list)
    hat_tips: list[Notice] = field(default_factory=list)
    cited_sources: list[CitedSource] = field(default_factory=list)
    chain: list[ChainLink] = field(default_factory=list)


def clean_name(name: str) -> str:
    """An outlet name without a lower-case leading article or trailing punctuation.

    A capitalised "The" inside a sentence is part of the name ("The Daily Caller
    News Foundation", "The New York Times"); "the Al-Monitor" is Al-Monitor.
    """
    name = re.sub(r"^the\s+(?=\S)", "", name.strip())
    name = name.rstrip(".,;:’'")
    return WIRES.get(name, name) if name in WIRES else name


def _key(name: str) -> str:
    return re.sub(r"[^a-z0-9]", "", re.sub(r"^the\s+", "", clean_name(name).lower()))


def resolve_domain(name: str) -> str | None:
    """The domain of a named outlet from the rating index, when it is available."""
    try:
        from ..judge.ratings import resolve  # type: ignore[import-not-found]
    except ImportError:
        return None
    try:
        found = resolve(name)
    except Exception as exc:  # the rating data may be missing: provenance still works
        log.debug("no domain for %r: %s", name, exc)
        return None
    return getattr(found, "domain", None) if found else None


def _notices(article: Article, patterns: list[tuple[str, re.Pattern[str]]],
             canonical: bool = False) -> list[Notice]:
    out: list[Notice] = []
    seen: set[tuple[str, str]] = set()
    for kind, pat in patterns:
        for m in pat.finditer(article.text):
            raw = m.group("name")
            name = WIRES.get(raw.strip(), clean_name(raw)) if canonical else clean_name(raw)
            if not name or (name, kind) in seen:
                continue
            seen.add((name, kind))
            out.append(Notice(name, None, kind, article.span(m.start(), m.end())))
    return out


def _outlet_like(name: str, orgs: set[str]) -> bool:
    words = re.sub(r"^[Tt]he\s+", "", clean_name(name)).split()
    if not words or words[0] in NOT_OUTLETS:
        return False
    bare = [w.removesuffix("’s").removesuffix("'s") for w in words]
    return (any(w in OUTLET_WORDS for w in bare) or clean_name(name) in orgs
            or clean_name(name) in WIRES.values())


def _org_names(article: Article) -> set[str]:
    doc = article.doc
    if doc is None:
        return set()
    return {clean_name(e.text) for e in doc.ents if e.label_ in ("ORG", "WORK_OF_ART")}


def _body_matches(article: Article, pattern: re.Pattern[str]) -> Iterator[re.Match[str]]:
    for start, end in article.body or [(0, len(article.text))]:
        yield from pattern.finditer(article.text, start, end)


def cited_sources(article: Article) -> list[CitedSource]:
    """Outlets and documents the body cites, each with every phrase referring to it."""
    orgs = _org_names(article)
    found: dict[str, CitedSource] = {}
    events: list[tuple[int, int, str | None, str]] = []  # start, end, key or None, kind
    for kind, pat in CITE_PATTERNS:
        for m in _body_matches(article, pat):
            name = clean_name(m.group("name"))
            if kind != "report_by" and not _outlet_like(name, orgs):
                continue
            if kind == "report_by" and name in NOT_OUTLETS:
                continue
            start = m.start("name") if kind == "reported" else m.start()
            end = m.end("name") if kind != "reported" else m.end()
            events.append((start, end, _key(name), kind))
            src = found.setdefault(_key(name), CitedSource(name, None, "outlet"))
            if name in WIRES.values():
                src.kind = "wire"
    for m in _body_matches(article, ANAPHORA):
        end = m.start() + len(_ANAPHORA_TRIM.sub("", m.group(0)))
        events.append((m.start(), end, None, "anaphora"))
    events.sort()
    last_report: str | None = None
    for start, end, key, kind in events:
        if key is None:
            if last_report is None:
                continue
            key = last_report
        elif kind in ("report_by", "reported", "reported_by") or last_report is None:
            last_report = key
        span = article.span(start, end)
        mentions = found[key].mentions
        if not any(s.start < span.end and span.start < s.end for s in mentions):
            mentions.append(span)
    for src in found.values():
        src.mentions.sort(key=lambda s: s.start)
    found.update({_key(s.name): s for s in _linked_sources(article, found)})
    return sorted(found.values(), key=lambda s: s.mentions[0].start if s.mentions else 0)


def _linked_sources(article: Article, known: dict[str, CitedSource]) -> list[CitedSource]:
    """For HTML: links in the page to other sites, located by their anchor text."""
    if not article.html:
        return []
    import lxml.html

    try:
        root = lxml.html.document_fromstring(article.html)
    except Exception:  # malformed beyond repair: links are a bonus, not a need
        return []
    own = (article.meta.domain or "").removeprefix("www.")
    out: dict[str, CitedSource] = {}
    for a in root.iter("a"):
        href, label = a.get("href") or "", " ".join(a.text_content().split())
        host = (urlsplit(href).hostname or "").removeprefix("www.")
        if not host or host == own or host.endswith("." + own) or len(label) < 3:
            continue
        if a.getparent() is None or a.getparent().tag not in ("p", "blockquote", "li", "em",
                                                             "strong", "b", "i", "span"):
            continue
        pos = next((m.start() for m in _body_matches(article, re.compile(re.escape(label)))),
                   None)
        if pos is None:
            continue
        src = out.setdefault(host, CitedSource(host, host, "link"))
        src.mentions.append(article.span(pos, pos + len(label)))
    return [s for k, s in out.items() if _key(k) not in known]


def _publisher(article: Article) -> tuple[str | None, str | None]:
    meta, mast = article.meta, article.masthead
    name = meta.site_name or (mast.site_name.text if mast and mast.site_name else None)
    return name or meta.domain, meta.domain


def build_chain(article: Article, prov: Provenance) -> list[ChainLink]:
    """Page's own site -> syndicated origin -> wire -> primary source cited."""
    chain: list[ChainLink] = []
    seen: set[str] = set()

    def add(name: str | None, domain: str | None, role: str) -> None:
        if name and _key(name) not in seen:
            seen.add(_key(name))
            chain.append(ChainLink(name, domain, role))

    name, domain = _publisher(article)
    add(name, domain, "publisher")
    for n in prov.syndicated_from:
        add(n.name, n.domain, "syndicated_from")
    for n in prov.wire:
        add(n.name, n.domain, "wire")
    outlets = [s for s in prov.cited_sources if s.kind in ("outlet", "wire") and s.mentions]
    if outlets:
        primary = max(outlets, key=lambda s: (len(s.mentions), -s.mentions[0].start))
        add(primary.name, primary.domain, "primary_source")
    return chain


def find_provenance(article: Article) -> Provenance:
    """Everything provenance finds in one article (see the module docstring)."""
    prov = Provenance(
        syndicated_from=_notices(article, SYNDICATION_PATTERNS),
        wire=_notices(article, WIRE_PATTERNS, canonical=True),
        hat_tips=_notices(article, HAT_TIP_PATTERNS),
        cited_sources=cited_sources(article),
    )
    prov.hat_tips = [h for h in prov.hat_tips if h.name.lower() not in ("email", "e-mail")]
    items: list[Notice | CitedSource] = [*prov.syndicated_from, *prov.wire, *prov.hat_tips,
                                         *prov.cited_sources]
    for item in items:
        if item.domain is None:
            item.domain = resolve_domain(item.name)
    prov.chain = build_chain(article, prov)
    return prov


@stage("analysis.provenance", version="1", requires=("body", "furniture"),
       assigns=("provenance",))
def provenance(article: Article, options: Options) -> None:
    """Find syndication notices, wire credits, hat tips, cited outlets and the chain."""
    article.provenance = find_provenance(article)
