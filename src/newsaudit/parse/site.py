"""The publishing site from what the page says about itself, and from its URL.

A page read as plain text often has no masthead line naming the site, yet names
itself elsewhere: "Subscribe to Canada Free Press for FREE", "(NaturalNews) The ...". Those lines
are found here,
each with the method that found it, so the report can say how the site was
inferred; a URL gives the domain and, often, the date in its path
("/2019/04/15/", "/2016/mar/10/").
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from urllib.parse import urlsplit

from ..article import Span
from .lines import Line

# A capitalised name of up to six words, with inner connectives ("Canada Free Press",
# "The Epoch Times", "Mother Jones").
_NAME = (r"(?P<name>(?:The\s+)?[A-Z][\w'’&.-]*[\w’]"
         r"(?:\s+(?:(?:of|and|&|the|for|de)\s+)?[A-Z][\w'’&.-]*[\w’]){0,5}?)")

#: Lines in which a site names itself, most telling first, with the method's name.
#: Support appeals ("Support President Trump") and copyright lines (a guest
#: author's "© Marler Clark LLP" on beforeitsnews.com) named other parties too
#: often on the FakeNewsCorpus sample to be taken.
SELF_REFERENCES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("dateline credit", re.compile(rf"^\(\s*{_NAME}\s*\)\s*(?:[-–—]+\s*)?(?=[A-Z\"“‘'])")),
    ("subscription line", re.compile(
        rf"\b(?:[Ss]ubscribe|[Ss]ign up|[Rr]egister)\s+(?:now\s+)?(?:to|for)\s+{_NAME}"
        r"(?=\s+(?:for|today|newsletter|now|and|email|e-mail|updates)\b|\s*[!.:,]|\s*$)")),
)

#: Names that credit a wire service, a photo agency or a platform, not the site:
#: "(Reuters) -" on a page that runs a wire story, "© Getty Images".
NOT_THE_SITE = frozenset("""
reuters ap associatedpress theassociatedpress afp agencefrancepresse upi bloomberg dpa
xinhua tass efe ansa kyodo yonhap pa gettyimages getty shutterstock istock alamy
associatedpressphoto apphoto epa facebook twitter youtube instagram google
""".split())


def _label(text: str) -> str:
    return re.sub(r"[\W_]+", "", text.casefold()).removeprefix("the")


def url_domain(url: str | None) -> str | None:
    """The host of a URL without "www." ("https://www.npr.org/x" -> "npr.org")."""
    if not url:
        return None
    host = urlsplit(url if "://" in url else f"http://{url}").hostname or ""
    return host.removeprefix("www.") or None


_MONTH_NAMES = {m: i for i, m in enumerate(
    ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], 1)}
_URL_DATE = re.compile(
    r"/(?P<y>(?:19|20)\d\d)[/-](?P<m>0?[1-9]|1[0-2]|[a-z]{3})[/-](?P<d>0?[1-9]|[12]\d|3[01])(?=[/-]|$)"
    r"|/(?P<y2>(?:19|20)\d\d)(?P<m2>0[1-9]|1[0-2])(?P<d2>0[1-9]|[12]\d|3[01])(?=[/-_]|$)",
    re.I)


def url_date(url: str | None) -> str | None:
    """The date in a URL's path as YYYY-MM-DD ("/2019/04/15/", "/2016/mar/10/", "/20190415/")."""
    if not url:
        return None
    path = urlsplit(url if "://" in url else f"http://{url}").path
    m = _URL_DATE.search(path)
    if not m:
        return None
    y, mo, d = (m.group("y"), m.group("m"), m.group("d")) if m.group("y") else (
        m.group("y2"), m.group("m2"), m.group("d2"))
    month = _MONTH_NAMES.get(mo.lower()[:3]) if mo.isalpha() else int(mo)
    if not month:
        return None
    return f"{y}-{month:02d}-{int(d):02d}"


def self_references(lines: Iterable[Line]) -> list[tuple[str, Span]]:
    """Every place the page names itself: (method, span of the name), in page order."""
    found = []
    for ln in lines:
        for method, pattern in SELF_REFERENCES:
            m = pattern.search(ln.text)
            if m is None:
                continue
            name = m.group("name").rstrip(".’'")
            if _label(name) in NOT_THE_SITE or len(name) < 3:
                continue
            start = ln.start + m.start("name")
            found.append((method, Span(start, start + len(name), name)))
            break
    return found


def infer_site(lines: list[Line], domain: str | None) -> tuple[str, Span] | None:
    """The site's name from the page naming itself, and the method that found it.

    With a domain, only a name that matches it ("Canada Free Press" for
    canadafreepress.com) is taken: another name is the origin of a syndicated
    story, not the site. Without one, the most telling self-reference is taken
    (:data:`SELF_REFERENCES` order), the name repeated most often breaking ties.
    """
    refs = self_references(lines)
    if domain:
        dom = _label(domain.split(".")[0])
        refs = [(m, s) for m, s in refs if _label(s.text) == dom
                or (len(_label(s.text)) >= 4 and dom.startswith(_label(s.text)))]
    if not refs:
        return None
    order = [name for name, _ in SELF_REFERENCES]
    counts: dict[str, int] = {}
    for _, s in refs:
        counts[_label(s.text)] = counts.get(_label(s.text), 0) + 1
    return min(refs, key=lambda r: (order.index(r[0]), -counts[_label(r[1].text)]))
