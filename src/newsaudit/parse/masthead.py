"""Read the masthead from the lines above the body: site name, sections, title,
byline and date, each a span of the text.

When the page's HTML gave metadata (title, site name, authors, date) the lines
that carry it are located in the text; otherwise the classic layout of a
scraped article page is assumed, top to bottom: site name (a short first line),
a row of section names, then the headline just above the body, with an optional
byline and date line around it.
"""

from __future__ import annotations

import re

from ..article import Article, Masthead, Span
from .lexicon import furniture_kind
from .lines import Line
from .site import infer_site, url_date, url_domain

_BYLINE = re.compile(r"^\s*(?:by|written by|posted by)\s+(?P<names>[A-Z][^|•\n]{2,120})$", re.I)
_MONTHS = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
           r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?")
DATE = re.compile(
    rf"\b(?:{_MONTHS}\s+\d{{1,2}},?\s+\d{{4}}|\d{{1,2}}\s+{_MONTHS},?\s+\d{{4}}|"
    r"\d{4}-\d{2}-\d{2}|\d{1,2}/\d{1,2}/\d{4})\b",
    re.I,
)
#: Lines near the headline that are never it: update stamps ("Updated at 4:09 p.m.
#: ET"), age banners ("This article is more than 8 months old"), photo captions and
#: credits ("Enlarge this image toggle caption Saul Loeb/AFP/Getty Images").
NOT_TITLE = re.compile(
    r"^(?:-+\s*)?(?:updated|last updated|first published|published|posted)\b(?:\s+(?:at|on))?"
    r"|^this (?:article|story|page) is (?:more|over|older) than \d+ \w+ old"
    r"|^(?:enlarge this image|toggle caption|hide caption|image caption|image copyright|"
    r"image source|photo credit|photograph:|photo:)"
    r"|/\s*(?:AP|AFP|Getty Images|Reuters|EPA|NPR|Shutterstock)\s*$",
    re.I)
_SECTION_SPLIT = re.compile(r"\s*(?:[|•·›»/]|\s{2,}|\t)\s*")
_TERMINAL = re.compile(r"[.!?:;,]$")
# A final period that is not an abbreviation's ("Charlotte, N.C." is a headline).
_SENTENCE_END = re.compile(r"(?<!\b[A-Z])\.$")

#: Longest site name line, in words ("The Daily Caller News Foundation" is 5).
SITE_MAX_WORDS = 5
#: Headline length range in words; shorter is a label, longer is prose.
TITLE_WORDS = (3, 25)
#: Most names in a row of sections.
SECTIONS_MAX = 12


def _norm(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.lower()))


def _find_line(lines: list[Line], value: str | None, upto: int) -> int | None:
    if not value:
        return None
    target = _norm(value)
    for i, ln in enumerate(lines[:upto]):
        n = _norm(ln.text)
        if n and (n == target or (len(target) > 12 and target in n)):
            return i
    return None


#: Words of site navigation and service links, never a section of the news:
#: a row part made only of these ("Contact", "About Me", "Entries RSS", "Learn
#: More", "Today's Paper") is dropped.
NAV_WORDS = frozenset("""
    about accessibility account advert advertise advertisement careers comments contact
    corporate donate edition english entries faq flipboard follow help home homepage
    instagram jobs learn live log login me menu more my newsletter newsletters paper
    privacy register relevance rss search shop sign sitemap sites sponsored subscribe
    support terms today's today’s us watch
""".split())

#: Words that join one multi-word name ("Science & Health", "The Scottish Sun"):
#: a row holding one is a single name, not a row of names.
_JOINERS = frozenset({"&", "and", "of", "the", "for", "+"})
_MONTH_DAY = re.compile(rf"^{_MONTHS}\s+\d{{1,2}}$", re.I)


def _label(text: str) -> str:
    return re.sub(r"[\W_]+", "", text.casefold())


def _sections(ln: Line, site: tuple[str, ...] = ()) -> list[Span]:
    """Section names of a navigation row: split on separators, else on spaces (a
    row with a joining word is one name). Left out: navigation and service links,
    dates, temperatures, numbers, and the site's own name (``site``: its domain
    label and name run together, e.g. "ctpost", "connecticutpost")."""
    if _MONTH_DAY.match(ln.text.strip()):  # rows with a full date never get here
        return []
    # The site naming itself, with or without a service link ("Contact CT Post",
    # "Support The Guardian", "Live Science"); a short name inside a long one
    # ("News" in "spacenews") is not the site's.
    core = _label("".join(w for w in ln.text.split() if w.casefold() not in NAV_WORDS))
    if core and any(core == s or (len(core) >= 0.6 * len(s) and core in s) for s in site):
        return []
    parts = _SECTION_SPLIT.split(ln.text)
    if len(parts) == 1 and not any(w.casefold() in _JOINERS for w in ln.text.split()):
        parts = ln.text.split()
    spans, pos = [], 0
    for part in parts:
        part = part.strip()
        if not part:
            continue
        off = ln.text.find(part, pos)
        spans.append(Span(ln.start + off, ln.start + off + len(part), part))
        pos = off + len(part)
    spans = [sp for sp in spans if not _not_a_section(sp.text)]
    # A row led by the site's name ("Sputnik International", "Ascom Sites").
    first = _label(spans[0].text) if spans else ""
    if len(first) >= 4 and any(s.startswith(first) for s in site):
        return []
    return spans


def _not_a_section(part: str) -> bool:
    words = part.casefold().split()
    return (all(w in NAV_WORDS for w in words) or not re.search(r"[^\W\d_]", part)
            or "°" in part or part.startswith("(") or bool(_MONTH_DAY.match(part)))


def _is_section_row(text: str) -> bool:
    words = text.split()
    return (1 <= len(words) <= SECTIONS_MAX and not _TERMINAL.search(text)
            and all(w[0].isupper() or not w[0].isalpha() for w in words)
            and not DATE.search(text))


def _is_title(text: str) -> bool:
    n = len(text.split())
    return TITLE_WORDS[0] <= n <= TITLE_WORDS[1] and not furniture_kind(text) \
        and not _BYLINE.match(text) and not _SENTENCE_END.search(text) \
        and not (DATE.search(text) and n <= 8) and not NOT_TITLE.search(text)


def _is_site_line(text: str) -> bool:
    """A short first line that may be the site's name (not a byline, a number or a
    stamp: "By", "Posted on by willyloman", "54")."""
    words = text.split()
    return (len(words) <= SITE_MAX_WORDS and not furniture_kind(text)
            and not _TERMINAL.search(text) and not _BYLINE.match(text)
            and not re.match(r"(?i)(?:by|posted|updated|published)\b", text)
            and len(re.findall(r"[^\W\d_]", text)) >= 3 and not NOT_TITLE.search(text))


def find_masthead(article: Article, lines: list[Line], first_body: int,
                  ) -> tuple[Masthead, set[int]]:
    """The masthead and the indices of the lines it occupies (all above the body)."""
    meta = article.meta
    region = min(first_body, len(lines))
    mast = Masthead()
    used: set[int] = set()

    # The headline may have been kept as body (it reads like a sentence): look one
    # line into the body for it.
    title_i = _find_line(lines, meta.title, min(region + 1, len(lines)))
    if title_i is None and region < len(lines) and _is_title(lines[region].text) \
            and len(lines[region].text.split()) <= TITLE_WORDS[1] - 5:
        title_i = region
    if title_i is None:
        for i in range(region - 1, -1, -1):
            if _is_title(lines[i].text):
                title_i = i
                break
    if title_i is not None:
        mast.title = Span(lines[title_i].start, lines[title_i].end, lines[title_i].text)
        used.add(title_i)

    site_i = _find_line(lines, meta.site_name, region)
    inferred = None if meta.site_name else infer_site(lines, meta.domain or url_domain(meta.url))
    # The page naming itself elsewhere outweighs a short first line that names
    # something else ("Posted on by willyloman").
    if site_i is None and region and 0 not in used and _is_site_line(lines[0].text) \
            and (inferred is None or _label(inferred[1].text) == _label(lines[0].text)):
        site_i = 0
    if site_i is not None:
        mast.site_name = Span(lines[site_i].start, lines[site_i].end, lines[site_i].text)
        mast.site_method = "given" if meta.site_name else "masthead line"
        used.add(site_i)
    elif inferred is not None:
        mast.site_method, mast.site_name = inferred
    elif meta.site_name:
        mast.site_method = "given"

    site = tuple(x for x in (_label((meta.domain or "").removeprefix("www.").split(".")[0]),
                             _label(meta.site_name or ""),
                             _label(mast.site_name.text if mast.site_name else "")) if x)
    stop = title_i if title_i is not None else region
    for i in range((site_i or 0) + 1 if site_i is not None else 0, stop):
        if i not in used and _is_section_row(lines[i].text) and not furniture_kind(lines[i].text):
            # The first row of names is the navigation; when all it holds is
            # service links or the site's own name, there are no sections.
            mast.sections = _sections(lines[i], site)
            used.add(i)
            break

    look = range(max(0, (title_i or 0) - 2), min(len(lines), region + 3))
    for i in look:
        text = lines[i].text
        m = _BYLINE.match(text)
        if m and mast.byline is None and len(text.split()) <= 14:
            mast.byline = Span(lines[i].start, lines[i].end, text)
            mast.authors = [a.strip() for a in re.split(r",| and ", m.group("names")) if a.strip()]
            used.add(i) if i < region or len(text.split()) <= 14 else None
        d = DATE.search(text)
        if d and mast.date is None and len(text.split()) <= 14:
            mast.date = Span(lines[i].start + d.start(), lines[i].start + d.end(), d.group(0))
            mast.published = d.group(0)
            used.add(i)
    if meta.authors and not mast.authors:
        mast.authors = list(meta.authors)
    if meta.published and not mast.published:
        mast.published = meta.published
    if not mast.published and (from_url := url_date(meta.url)):
        mast.published, mast.published_from = from_url, "url"
    return mast, used
