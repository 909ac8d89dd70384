"""Cited sources: the outlets, documents and posts a story rests on.

Cue patterns find the phrases that name a source as the basis of what follows:
"according to a report by the Al-Monitor", "told the Al-Monitor", "The New York
Times reported", "as reported by X", "a study by X", "according to a Pew survey",
"according to court documents", "in a tweet". Anaphora ("per the report",
"according to the report", "the newspaper said") are resolved to the source
whose report was named last before them, the simple recency rule of Hobbs-style
resolution that holds for news prose, where a report is introduced by name and
then referred back to. For HTML, links in the body to other sites are cited
sources too.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from ..article import Article, Span
from .outlets import (
    NAME,
    NAME_BEFORE,
    NAME_CORE,
    PLATFORM_HOSTS,
    PLATFORMS,
    WIRES,
    DomainOf,
    OutletTest,
    clean_name,
    key,
    name_bounds,
    outlet_like,
)

log = logging.getLogger(__name__)

#: Nouns naming a document: with a non-outlet name they make a "document" source.
DOC_NOUNS = ("report|study|survey|poll|audit|memo|filing|lawsuit|complaint|review|paper|"
             "assessment|analysis|data|estimate|estimates|figures|indictment|letter|"
             "statement|releases?|documents?|records|transcript")
#: Nouns naming a piece of journalism: with a non-outlet name they make nothing.
MEDIA_NOUNS = "story|article|investigation|exposé|expose|piece|interview|op-ed|column|broadcast"
_NOUN = rf"(?P<noun>{DOC_NOUNS}|{MEDIA_NOUNS})"
_ADJ = r"(?:(?:new|recent|exclusive|bombshell|separate|earlier|latest|detailed|lengthy|" \
       r"scathing|internal|damning|\d{4}|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|" \
       r"Sunday)\s+)?"
_PLATS = "|".join(sorted((re.escape(p) for p in set(PLATFORMS.values())), key=len, reverse=True))

#: (cue, regex, whether the name must read as an outlet).
CITE_PATTERNS: list[tuple[str, re.Pattern[str], bool]] = [
    ("report_by", re.compile(
        rf"(?:an?|the|An?|The)\s+{_ADJ}{_NOUN}\s+(?:by|from|in|published by|released by|"
        rf"filed by|conducted by|commissioned by|published in|out of|on)\s+"
        rf"(?:the\s+(?:journal|magazine|newspaper|website|outlet|news site)\s+)?{NAME}"), False),
    ("told", re.compile(
        rf"(?:told|telling|tells|said to|speaking to|speaking with|spoke to|spoke with|"
        rf"(?:in|during|said in|gave) an? (?:exclusive )?interview (?:with|on|to)|"
        rf"(?:said|says|appeared|appearing|speaking) on|in an appearance on|wrote in|"
        rf"writing in|in an op-ed (?:in|for)|in a column (?:in|for)|in a letter to)\s+{NAME}"),
     True),
    # "..., explained Live Science.": a reporting verb before an outlet's name
    # that ends the clause.
    ("said_by", re.compile(
        rf"(?:said|says|explained|explains|wrote|writes|noted|notes|added|adds|reported|"
        rf"reports)\s+{NAME}(?=\s*[.,;]|\s*$)"), True),
    ("reported_by", re.compile(
        rf"(?:as |first |previously |originally )?(?:reported|revealed|published|broken|"
        rf"obtained) (?:first )?(?:by|in|to) {NAME}"), True),
    ("per", re.compile(
        rf"(?:per|according to|citing|cited by|Per|According to|Citing|Cited by)\s+"
        rf"(?:(?:a|an)\s+)?{NAME}"
        rf"(?:['’]s?)?(?:\s+{_ADJ}{_NOUN}\b)?"), True),
    # "An APM Reports investigation found", "an ABC News/Washington Post poll",
    # "Saturday's Washington Times/CPAC straw poll": the name before the noun.
    ("attributive", re.compile(
        rf"(?:an?|the|An?|The|[A-Z][a-z]+day['’]s)\s+{_ADJ}{NAME}"
        rf"(?:/(?P<name2>{NAME_CORE}))?\s+(?:(?:straw|exit|tracking|national)\s+)?"
        r"(?P<noun>poll|survey|investigation|analysis|report|study)\b"), True),
    ("social", re.compile(
        rf"(?:in|on|via|during|through) (?:a|an|his|her|their|its|one) "
        rf"(?:(?P<plat>{_PLATS}) )?(?P<noun>tweet|post|video|thread|livestream|message)s?\b"),
     False),
    ("social", re.compile(
        rf"(?:tweeted|(?:wrote|posted|said|shared|announced|declared|claimed) "
        rf"(?:on|in a post on|to) (?P<plat>{_PLATS}))\b"), False),
    ("document", re.compile(
        r"(?:according to|per|citing|based on|According to|Per|Citing|Based on) (?:the )?"
        r"(?P<name>(?:court|police|"
        r"federal|state|internal|leaked|newly released|newly unsealed|public|financial|"
        r"campaign finance|tax|government|FEC|SEC|legal|congressional|official) "
        r"(?:documents|records|filings|papers|emails|disclosures|data))\b"), False),
]
#: "X reported": the cue, the name is read backwards from it.
REPORTED_CUE = re.compile(r"[ \t]+(?:(?:first|recently|also|previously|earlier|initially|"
                          r"exclusively|later|separately)[ \t]+)?"
                          r"(?:reported|reports|has reported|had reported|would report|"
                          r"revealed|broke the (?:news|story)|was (?:the )?first to report|"
                          # an outlet's name before a saying verb: the outlet as source
                          r"said|says|noted|notes|wrote|writes|asserted|added|found|"
                          r"confirmed|published)\b")
ANAPHORA = re.compile(
    r"(?:per the (?P<n1>report|story|article|study|survey|poll|filing|memo|analysis|"
    r"documents?)|according to the (?P<n2>report|outlet|newspaper|paper|story|article|study|"
    r"survey|poll|filing|memo|analysis|network|magazine|site|website)|the (?P<n3>report|outlet|"
    r"newspaper|paper|study|survey|poll|filing|memo|network|magazine)(?= (?:said|says|added|"
    r"adds|noted|notes|reported|reports|claimed|claims|found|finds|states|stated|revealed)))\b",
    re.I,
)
#: A capitalised sentence opener read into a name before "reported" ("As", "But").
_LEAD_WORD = re.compile(r"(?:As|But|And|Yet|So|While|When|Since|Because|Although|Then|Now|"
                        r"Also|Meanwhile|However|Earlier|Later|Last week|Previously)"
                        r"[ \t]+(?=[A-Z])")
#: A line crediting a page as the story's source ("Source: http://www.yale.edu"),
#: read anywhere on the page: such credits are often below the body.
SOURCE_LINE = re.compile(
    r"^[ \t(]*(?:[Ss]ources?|SOURCE|[Oo]riginally published (?:at|on)|[Aa]rticle source|"
    r"[Rr]ead more at|[Vv]ia)[ \t]*:?[ \t]*(?P<url>https?://[^\s)]+)", re.M)
#: Outlet names made of one common word ("the Times", "the Post"): in an article
#: that names the outlet in full ("The Washington Post"), they are that outlet.
SHORT_OUTLET_NAMES = frozenset("""
Times Post Journal Globe Herald Tribune Chronicle Examiner Inquirer Enquirer Star Sun
Monitor Gazette Mail Observer Telegraph Express Standard Register Dispatch Bulletin
Sentinel Courier Beacon Record Review Daily News Caller Beast Hill Atlantic
""".split())
_OUTLET_NOUNS = frozenset({"outlet", "newspaper", "paper", "network", "magazine", "site",
                           "website"})
#: Mention wording that marks a source as the report the story rests on.
REPORTISH = re.compile(r"\b(?:report|reported|reports|story|article|study|survey|poll|"
                       r"filing|investigation|revealed)\b", re.I)


@dataclass
class CitedSource:
    """An outlet, document or post cited as a basis of the story.

    ``kind`` is outlet, wire, document (report, study, filing), social (a post)
    or link (an HTML link to another site). Built up while the body is read,
    then left alone: the judge's ratings are an attribute of their own
    (``Article.provenance_ratings``).
    """

    name: str
    domain: str | None
    kind: str
    mentions: list[Span] = field(default_factory=list)


@dataclass
class _Cite:
    start: int
    end: int
    name: str | None  # None: an anaphor, resolved later
    kind: str
    cue: str
    noun: str | None = None


def _word_start(text: str, pos: int) -> bool:
    # Patterns leave out a leading \b so that re can skip ahead on their first
    # literal (several times faster); the word boundary is checked here instead.
    return pos == 0 or not (text[pos - 1].isalnum() or text[pos - 1] == "_")


def _ranges(article: Article) -> list[tuple[int, int]]:
    return article.body or [(0, len(article.text))]


def _orgs(article: Article) -> dict[int, int]:
    doc = article.doc
    if doc is None:
        return {}
    try:
        return {e.start_char: e.end_char for e in doc.ents if e.label_ == "ORG"}
    except AttributeError:  # not a spaCy Doc: names come from the patterns alone
        return {}


def _unless_person(article: Article, rated: OutletTest | None) -> OutletTest | None:
    """``rated`` for names the text does not give as a person's: the rating sets
    file some columnists under their outlet ("Mitch McConnell" under the Washington
    Times), so a person's name must never be read as an outlet's. Without a parse
    no name can be told apart, and ``rated`` is not used."""
    doc = article.doc
    if rated is None or doc is None:
        return None
    try:
        persons = {clean_name(e.text) for e in doc.ents if e.label_ == "PERSON"}
    except AttributeError:  # not a spaCy Doc
        return None
    return lambda name: name not in persons and rated(name)


def _source_kind(name: str, cue: str, noun: str | None,
                 rated: OutletTest | None = None) -> str | None:
    if name in WIRES.values():
        return "wire"
    if outlet_like(name) or (rated is not None and rated(name)):
        return "outlet"
    if noun and re.fullmatch(DOC_NOUNS, noun):
        return "document"
    return None


def _pattern_cites(article: Article, orgs: dict[int, int],
                   rated: OutletTest | None = None) -> Iterator[_Cite]:
    text = article.text
    for cue, regex, needs_outlet in CITE_PATTERNS:
        for lo, hi in _ranges(article):
            for m in regex.finditer(text, lo, hi):
                if not _word_start(text, m.start()):
                    continue
                groups = m.re.groupindex
                noun = m.group("noun") if "noun" in groups else None
                if cue == "social":
                    plat = m.group("plat") if "plat" in groups else None
                    if plat or noun == "tweet" or m.group(0).startswith("tweeted"):
                        yield _Cite(m.start(), m.end(), plat or "Twitter", "social", cue, noun)
                    continue
                if cue == "document":
                    yield _Cite(m.start(), m.end(), m.group("name").lower(), "document", cue)
                    continue
                start, end = name_bounds(text, m.start("name"), m.end("name"), orgs)
                name = clean_name(text[start:end])
                if cue == "attributive":
                    yield from _joint_cites(text, m, start, end, name, rated)
                    continue
                kind = _source_kind(name, cue, noun, rated) if name else None
                if kind is None or (needs_outlet and kind == "document" and not noun):
                    continue
                stop = m.end() if noun and m.end("noun") == m.end() else end
                yield _Cite(m.start(), max(stop, end), name, kind, cue, noun)


def _joint_cites(text: str, m: re.Match[str], start: int, end: int,
                 name: str, rated: OutletTest | None = None) -> Iterator[_Cite]:
    """The sponsors of "an ABC News/Washington Post poll", "a Washington Post-ABC News
    poll", each a source; one name ("An APM Reports investigation") is one source."""
    parts = [(start, end, name)]
    if m.group("name2"):
        parts.append((m.start("name2"), m.end("name2"), clean_name(m.group("name2"))))
    names: list[tuple[int, int, str]] = []
    for s, e, n in parts:
        halves = [h.strip() for h in n.split("-")]
        if len(halves) == 2 and all(outlet_like(h) for h in halves):
            cut = s + text[s:e].index("-")
            names += [(s, cut, clean_name(halves[0])), (cut + 1, e, clean_name(halves[1]))]
        else:
            names.append((s, e, n))
    noun = m.group("noun")
    for i, (s, e, n) in enumerate(names):
        kind = _source_kind(n, "attributive", noun, rated) if n else None
        if kind is not None and (i == 0 or kind == "outlet"):  # not "CPAC" of a joint poll
            yield _Cite(m.start() if i == 0 else s, m.end() if i == len(names) - 1 else e,
                        n, kind, "attributive", noun)


def _source_lines(article: Article) -> Iterator[_Cite]:
    for m in SOURCE_LINE.finditer(article.text):
        host = (urlsplit(m.group("url")).hostname or "").removeprefix("www.")
        if host and host not in PLATFORM_HOSTS:
            yield _Cite(m.start("url"), m.end("url"), host, "link", "source_line")


def _full_name(article: Article, short: str, found: dict[str, CitedSource],
               at: int) -> str | None:
    """The full outlet name a one-word name stands for in this article: a cited
    source or a name in the text ending with it ("The Washington Post" for "the
    Post"), the nearest before ``at`` when there are several."""
    cands: dict[str, int] = {}
    for src in found.values():
        bare = re.sub(r"^[Tt]he\s+", "", src.name)
        if len(bare.split()) >= 2 and bare.endswith(" " + short) and src.mentions:
            cands[src.name] = min(m.start for m in src.mentions)
    if not cands:
        pattern = re.compile(rf"(?<![\w'’.-])(?:[Tt]he[ \t]+)?{NAME_CORE}(?<=\b{short})\b")
        for m in pattern.finditer(article.text):
            name = clean_name(re.sub(rf"^{_LEAD_WORD.pattern}", "", m.group(0)))
            bare = re.sub(r"^[Tt]he\s+", "", name)
            if len(bare.split()) >= 2 and bare.endswith(" " + short) and outlet_like(name):
                cands.setdefault(name, m.start())
    if not cands:
        return None
    before = {n: p for n, p in cands.items() if p < at}
    pool = before or cands
    return max(pool, key=lambda n: pool[n]) if before else min(pool, key=lambda n: pool[n])


def expand_short_names(article: Article, found: dict[str, CitedSource]) -> None:
    """Merge a one-word outlet name ("the Times", "the Post") into the outlet the
    same article names in full, so that it is not taken for another outlet."""
    for k, src in list(found.items()):
        bare = re.sub(r"^[Tt]he\s+", "", src.name)
        if src.kind != "outlet" or bare not in SHORT_OUTLET_NAMES or not src.mentions:
            continue
        full = _full_name(article, bare, found, src.mentions[0].start)
        if full is None:
            continue
        target = found.setdefault(key(full), CitedSource(full, None, "outlet"))
        target.mentions = sorted(target.mentions + src.mentions, key=lambda s: s.start)
        del found[k]


def _reported_cites(article: Article, orgs: dict[int, int],
                    rated: OutletTest | None = None) -> Iterator[_Cite]:
    text = article.text
    for lo, hi in _ranges(article):
        for m in REPORTED_CUE.finditer(text, lo, hi):
            found = NAME_BEFORE.search(text, max(lo, m.start() - 100), m.start())
            if found is None:
                continue
            start, end = name_bounds(text, found.start(), found.end(), orgs)
            lead = _LEAD_WORD.match(text, start, end)
            if lead:  # "As The New American recently reported"
                start = lead.end()
            name = clean_name(text[start:end])
            if name and end == found.end() and (outlet_like(name)
                                                or (rated is not None and rated(name))):
                kind = "wire" if name in WIRES.values() else "outlet"
                yield _Cite(start, m.end(), name, kind, "reported")


def _anaphora(article: Article) -> Iterator[_Cite]:
    for lo, hi in _ranges(article):
        for m in ANAPHORA.finditer(article.text, lo, hi):
            if not _word_start(article.text, m.start()):
                continue
            noun = (m.group("n1") or m.group("n2") or m.group("n3")).lower()
            yield _Cite(m.start(), m.end(), None, "", "anaphora", noun)


def _reportish(c: _Cite) -> bool:
    return c.cue in ("report_by", "reported", "reported_by") or (
        c.cue == "per" and c.noun is not None)


def cited_sources(article: Article, domain_of: DomainOf | None = None,
                  rated: OutletTest | None = None) -> list[CitedSource]:
    """Outlets, documents and posts the body cites, each with every phrase referring to it.

    Args:
        article: An article whose ``body`` is set (the whole text when empty); its
            spaCy ``doc``, when present, mends name boundaries with ORG entities.
        domain_of: Resolves a source's name to its domain; without it only links
            carry a domain (the judge fills in the others).
        rated: Whether a name is a rated outlet's (the rating sets list it under
            that name: "Live Science", "The New American", "Center for Public
            Integrity"), for outlets whose names have no outlet word in them.

    Returns:
        The sources in order of first mention; ``mentions`` are spans into the text.
    """
    orgs = _orgs(article)
    rated = _unless_person(article, rated)
    cites = sorted([*_pattern_cites(article, orgs, rated), *_reported_cites(article, orgs, rated),
                    *_anaphora(article), *_source_lines(article)],
                   key=lambda c: (c.start, -c.end))
    found: dict[str, CitedSource] = {}
    last_report: str | None = None
    last_outlet: str | None = None
    taken_end = -1
    for c in cites:
        if c.start < taken_end:
            continue  # the phrase was read by an earlier, longer pattern
        if c.name is None:
            target = last_outlet if c.noun in _OUTLET_NOUNS else last_report
            if target is None:
                continue
        else:
            target = key(c.name)
            src = found.setdefault(target, CitedSource(c.name, None, c.kind))
            if c.kind in ("outlet", "wire") and src.kind not in ("outlet", "wire"):
                src.kind = c.kind
            if _reportish(c) or (last_report is None and c.kind != "social"):
                last_report = target
            if c.kind in ("outlet", "wire"):
                last_outlet = target
        found[target].mentions.append(article.span(c.start, c.end))
        taken_end = c.end
    expand_short_names(article, found)
    for src in found.values():
        if src.kind != "social" or src.name in PLATFORMS.values():
            src.domain = _domain(domain_of, src.name) if src.kind != "document" or \
                src.name[:1].isupper() else None
    _add_links(article, found)
    return sorted(found.values(), key=lambda s: s.mentions[0].start if s.mentions else 0)


def _domain(domain_of: DomainOf | None, name: str) -> str | None:
    return domain_of(name) if domain_of is not None else None


def _add_links(article: Article, found: dict[str, CitedSource]) -> None:
    """For HTML: links in the body to other sites, located by their anchor text."""
    if not article.html:
        return
    try:
        import lxml.html

        root = lxml.html.document_fromstring(article.html)
    except Exception as exc:  # links are a bonus: a page lxml cannot parse still has text
        log.debug("links not read: %s", exc)
        return
    own = (article.meta.domain or "").removeprefix("www.")
    by_domain = {s.domain: s for s in found.values() if s.domain}
    used: set[int] = {m.start for s in found.values() for m in s.mentions}
    for a in root.iter("a"):
        href, label = a.get("href") or "", " ".join(a.text_content().split())
        try:
            host = (urlsplit(href).hostname or "").removeprefix("www.")
        except ValueError:
            continue
        if not host or host == own or (own and host.endswith("." + own)) or len(label) < 3:
            continue
        pos = _locate(article, label, used)
        if pos is None:
            continue
        used.add(pos)
        base = ".".join(host.split(".")[-2:])
        src = by_domain.get(host) or by_domain.get(base)
        if src is None:
            plat = PLATFORM_HOSTS.get(host) or PLATFORM_HOSTS.get(base)
            src = found.setdefault(host, CitedSource(plat or host, host,
                                                     "social" if plat else "link"))
            by_domain[host] = src
        src.mentions.append(article.span(pos, pos + len(label)))
        src.mentions.sort(key=lambda s: s.start)


def _locate(article: Article, label: str, used: set[int]) -> int | None:
    for lo, hi in _ranges(article):
        pos = article.text.find(label, lo, hi)
        while pos >= 0:
            if pos not in used:
                return pos
            pos = article.text.find(label, pos + 1, hi)
    return None


def primary_source(sources: list[CitedSource]) -> CitedSource | None:
    """The source the story rests on.

    A named source before an unnamed one ("court documents"), then the most
    mentions, then one cited by a report cue, then the earliest.
    """
    ranked = [s for s in sources if s.kind in ("outlet", "wire", "document") and s.mentions]
    if not ranked:
        ranked = [s for s in sources if s.kind == "link" and s.mentions]
    if not ranked:
        return None
    return max(ranked, key=lambda s: (s.name[:1].isupper(), len(s.mentions),
                                      any(REPORTISH.search(m.text) for m in s.mentions),
                                      -s.mentions[0].start))
