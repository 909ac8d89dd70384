"""Read HTML: the page's text, one block a line, with its furniture kept.

The article's ``text`` is what a reader sees on the page, navigation, appeals and
comment prompts included, one block-level element a line, so that the parse step
can tell body from furniture on the same text a scraper would produce.
trafilatura supplies the metadata (title, authors, date, site name) and its own
main-text extraction, kept as evidence that the parse step uses as a feature.
"""

from __future__ import annotations

import logging
import re
from typing import Any
from urllib.parse import urlsplit

import lxml.etree
import lxml.html
import trafilatura

from .article import Article, Metadata
from .errors import NoContentError

log = logging.getLogger(__name__)

#: Elements whose content is never page text.
SKIP_TAGS = frozenset({
    "script", "style", "noscript", "template", "svg", "math", "head", "title", "iframe",
    "object", "embed", "canvas", "select", "option", "textarea", "button",
})

#: Elements that start and end a line of page text (HTML block-level and friends).
BLOCK_TAGS = frozenset({
    "address", "article", "aside", "blockquote", "body", "dd", "details", "dialog", "div",
    "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4",
    "h5", "h6", "header", "hgroup", "hr", "html", "legend", "li", "main", "menu", "nav", "ol",
    "p", "pre", "section", "summary", "table", "tbody", "td", "tfoot", "th", "thead", "tr",
    "ul", "caption", "center", "label",
})

_WS = re.compile(r"[ \t\n\r\f\v\u00a0\u2000-\u200b\u202f\u205f\u3000]+")
_WS_CHARS = frozenset("\u00a0\u200b\u202f\u205f\u3000")
_BREAK = "\u2029"  # block boundary marker; real newlines in text nodes are spaces


def _tag(el: lxml.etree._Element) -> str:
    tag = el.tag
    return tag.lower() if isinstance(tag, str) else ""


def page_lines(root: lxml.etree._Element) -> list[str]:
    """The page's visible text, one block a line (iterative: deep nesting is safe)."""
    return [text for text, _ in page_blocks(root)]


def page_blocks(root: lxml.etree._Element) -> list[tuple[str, float]]:
    """The page's visible text, one block a line, each with the share of it inside links.

    The share (non-space characters inside ``<a>`` over all of the line's) is the
    link density of boilerplate detection (Kohlschütter et al., WSDM 2010): menus
    and related-story lists are mostly links, body paragraphs hardly any.
    """
    chunks: list[tuple[str, bool]] = []
    skip_depth = 0
    link_depth = 0
    for event, el in lxml.etree.iterwalk(root, events=("start", "end")):
        tag = _tag(el)
        hidden = tag in SKIP_TAGS or el.get("hidden") is not None or (
            "display:none" in (el.get("style") or "").replace(" ", "").lower()
        )
        if event == "start":
            if skip_depth or hidden:
                skip_depth += 1
                continue
            if tag in BLOCK_TAGS or tag == "br":
                chunks.append((_BREAK, False))
            link_depth += tag == "a"
            if el.text and isinstance(el.tag, str):
                chunks.append((el.text, link_depth > 0))
        else:
            if skip_depth:
                skip_depth -= 1
                if skip_depth:
                    continue
            else:
                link_depth -= tag == "a"
                if tag in BLOCK_TAGS:
                    chunks.append((_BREAK, False))
            if el.tail:
                chunks.append((el.tail, link_depth > 0))
    return _blocks(chunks)


def _blocks(chunks: list[tuple[str, bool]]) -> list[tuple[str, float]]:
    """Join text chunks into lines at block breaks; each line with its link share."""
    out: list[tuple[str, float]] = []
    parts: list[str] = []
    linked = 0

    def flush() -> None:
        nonlocal linked
        line = _WS.sub(" ", "".join(parts)).strip()
        if line:
            chars = sum(1 for c in line if not c.isspace())
            out.append((line, min(1.0, linked / chars)))
        parts.clear()
        linked = 0

    for text, in_link in chunks:
        pieces = text.split(_BREAK)
        for k, piece in enumerate(pieces):
            if k:
                flush()
            parts.append(piece)
            if in_link:
                linked += sum(1 for c in piece if not c.isspace() and c not in _WS_CHARS)
    flush()
    return out


#: libxml2 stops parsing, silently for lxml's recovering parser, at this depth of
#: nesting (its limit with ``huge_tree``); deeper pages are flattened first.
MAX_DEPTH = 2048
#: Depth the flattening keeps: well under the limit, far over any real page.
FLAT_DEPTH = 256

_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9:-]*)\b[^>]*>")
_VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link",
                   "meta", "param", "source", "track", "wbr"})
#: Open elements searched for the one a stray end tag closes (bounds the work).
_END_TAG_SEARCH = 64


def flatten(html: str, depth: int = FLAT_DEPTH) -> str:
    """``html`` with the tags of elements nested deeper than ``depth`` removed.

    Their text stays, in place, and a removed block element's tags become line
    breaks; one pass over the tags.
    """
    out: list[str] = []
    stack: list[tuple[str, bool]] = []  # open elements: name, whether its tags are kept
    kept = 0  # open elements whose tags are kept
    pos = 0
    for m in _TAG.finditer(html):
        closing, name = m.group(1), m.group(2).lower()
        keep = True
        if not closing:
            if name not in _VOID and not m.group().endswith("/>"):
                keep = kept < depth
                kept += keep
                stack.append((name, keep))
        else:
            for k in range(len(stack) - 1, max(-1, len(stack) - 1 - _END_TAG_SEARCH), -1):
                if stack[k][0] == name:
                    keep = stack[k][1]
                    kept -= sum(1 for _, kk in stack[k:] if kk)
                    del stack[k:]
                    break
        if not keep:
            # A block's tag becomes a line break, so its text stays a line of its own.
            out.append(html[pos:m.start()] + ("<br>" if name in BLOCK_TAGS else ""))
            pos = m.end()
    out.append(html[pos:])
    return "".join(out)


def parse_tree(html: str) -> tuple[lxml.etree._Element, list[str]]:
    """Parse HTML leniently into an lxml tree.

    Returns:
        The tree, and what the reader had to do to the page or could not read
        (for the report's notes).

    Raises:
        NoContentError: If nothing parseable is there.
    """
    # Drop an XML declaration with an encoding: lxml refuses it on str input.
    html = re.sub(r"^\s*<\?xml[^>]*>", "", html, count=1)
    problems: list[str] = []
    root, fatal = _parse(html)
    if fatal and "depth" in fatal.lower():
        # lxml stops at the depth limit and drops the rest of the page.
        root, fatal = _parse(flatten(html))
        problems.append(f"HTML nested deeper than {MAX_DEPTH:,} levels was flattened to "
                        f"{FLAT_DEPTH} levels to be read (its text is kept)")
    if fatal:
        problems.append(f"the HTML parser stopped early ({fatal}); text after that point "
                        "may be missing")
    return root, problems


def _parse(html: str) -> tuple[lxml.etree._Element, str | None]:
    """The lxml tree and the parser's first fatal error, if any."""
    parser = lxml.html.HTMLParser(recover=True, remove_comments=True, huge_tree=True)
    try:
        root = lxml.html.document_fromstring(html, parser=parser)
    except (lxml.etree.ParserError, ValueError) as exc:
        raise NoContentError(f"HTML could not be parsed: {exc}") from exc
    if root is None:
        raise NoContentError("HTML could not be parsed")
    fatal = next((e.message for e in parser.error_log
                  if e.level == lxml.etree.ErrorLevels.FATAL), None)
    return root, fatal


def _metadata(html: str, root: lxml.etree._Element, url: str | None, site: str | None,
              ) -> tuple[Metadata, str | None]:
    doc: Any = None
    try:
        doc = trafilatura.bare_extraction(
            html, url=url, with_metadata=True, include_comments=False, include_tables=True,
        )
    except Exception as exc:  # trafilatura is robust, but a hostile page must not stop us
        log.warning("trafilatura failed on this page: %s", exc)
    meta = Metadata(url=url, site_name=site, origin={"kind": "html"})
    main_text = None
    if doc is not None:
        meta.title = doc.title or None
        if doc.author:
            meta.authors = [a.strip() for a in re.split(r";|\band\b", doc.author) if a.strip()]
        meta.published = doc.date or None
        meta.site_name = site or doc.sitename or None
        if doc.url:
            # The page's own claim (canonical link, og:url): reported as a claim,
            # never taken as where the page came from when that is known.
            meta.origin["claimed_url"] = doc.url
        meta.url = url or doc.url or None
        if doc.categories:
            meta.sections = list(doc.categories)
        main_text = doc.text or None
    # The domain is the URL's the user gave or the page was fetched from; only
    # without one does the page's claim stand in, and the origin says so.
    meta.origin["identity"] = "url" if url else "page"
    meta.domain = host_of(meta.url)
    return meta, main_text


def host_of(url: str | None) -> str | None:
    """The host of ``url`` without ``www.``, or None."""
    try:
        host = urlsplit(url).hostname if url else None
    except ValueError:
        return None
    return host[4:] if host and host.startswith("www.") else host or None


def same_site(a: str, b: str) -> bool:
    """Whether two host names belong to one site (equal, or one a subdomain of the other)."""
    return a == b or a.endswith("." + b) or b.endswith("." + a)


def read_html(html: str, *, url: str | None = None, site: str | None = None) -> Article:
    """Read an article from HTML.

    Args:
        html: The page's markup.
        url: The page's URL, when known.
        site: The publishing site's name, when known.

    Returns:
        An Article whose text is the page's text one block a line, with ``html``
        set and metadata from trafilatura; ``meta.origin["main_text"]`` holds
        trafilatura's main-text extraction as evidence.

    Raises:
        NoContentError: If the page has no readable text.
    """
    root, problems = parse_tree(html)
    body = root.find("body")
    lines = page_lines(body if body is not None else root)
    if not lines:
        raise NoContentError("HTML has no readable text (empty or missing <body>)")
    meta, main_text = _metadata(html, root, url, site)
    if main_text:
        meta.origin["main_text"] = main_text
    article = Article("\n".join(lines), meta, html=html)
    for problem in problems:
        kind = "flattened_html" if problem.startswith("HTML nested") else "dropped_input"
        article.note("read", kind, problem)
    claimed = host_of(meta.origin.get("claimed_url"))
    if url and claimed and meta.domain and not same_site(claimed, meta.domain):
        article.note("read", "identity_mismatch",
                     f"the page calls itself {meta.origin['claimed_url']} (canonical link) but "
                     f"comes from {meta.domain}; it is rated as {meta.domain}")
    return article
