"""Which side of a copy is the origin, and the evidence for it.

The provenance stage's own patterns (:mod:`newsaudit.analysis.provenance`:
syndication and licence notices such as "Content created by The Daily Caller
News Foundation is available without charge...", "This article originally
appeared on X", and wire credits such as "(AP) —") run on the two texts alone,
without the rest of the audit: they are regular expressions behind cheap
lower-case gate words. A notice in one article naming the other's outlet makes
the other the origin; a notice naming a third party that both carry (two
outlets re-running the same Associated Press story) is recorded as their common
origin; otherwise the earlier publication is the origin.
"""

from __future__ import annotations

from dataclasses import replace

from ..analysis.outlets import DomainOf, key
from ..analysis.provenance import (
    SYNDICATION_PATTERNS,
    WIRE_PATTERNS,
    Notice,
    domain_resolver,
    find_notices,
)
from ..article import Article
from ..options import Options
from .copies import CopyPair
from .docs import DocMeta, DocStore


def notices(text: str, domain_of: DomainOf | None = None) -> list[Notice]:
    """Syndication and licence notices and wire credits in ``text``, their outlets'
    domains resolved with ``domain_of`` (see :func:`.provenance.domain_resolver`)."""
    article = Article(text)
    low = text.lower()
    found = find_notices(article, SYNDICATION_PATTERNS, low) + find_notices(
        article, WIRE_PATTERNS, low)
    if domain_of is None:
        return found
    return [replace(n, domain=domain_of(n.name)) if n.domain is None else n for n in found]


def names(meta: DocMeta, notice: Notice) -> bool:
    """Whether ``notice`` names the outlet of the article ``meta`` describes."""
    dom = meta.domain
    if notice.domain and dom and (dom == notice.domain or dom.endswith("." + notice.domain)):
        return True
    if not meta.source:
        return False
    outlet, named = key(meta.source), key(notice.name)
    return bool(outlet) and (outlet == named or (len(outlet) >= 5 and named.startswith(outlet)))


def _naming(found: list[Notice], other: DocMeta, own: DocMeta) -> Notice | None:
    """A notice naming the other article's outlet and not this one's own."""
    return next((n for n in found if names(other, n) and not names(own, n)), None)


def decide(pair: CopyPair, metas: tuple[DocMeta, DocMeta],
           found: tuple[list[Notice], list[Notice]]) -> None:
    """Set ``pair``'s origin, basis and evidence from the notices and dates."""
    ma, mb = metas
    na, nb = found
    b_names_a, a_names_b = _naming(nb, ma, mb), _naming(na, mb, ma)
    if b_names_a is not None and a_names_b is None:
        _set(pair, pair.a, "notice", b_names_a, pair.b)
        return
    if a_names_b is not None and b_names_a is None:
        _set(pair, pair.b, "notice", a_names_b, pair.a)
        return
    shared = {key(n.name) for n in na}
    common = next((n for n in nb if key(n.name) in shared), None)
    earlier = _earlier(pair, ma, mb)
    if common is not None:
        pair.basis, pair.credited = "common_origin", common.name
        pair.origin = earlier
        pair.evidence = common.evidence.text
        pair.evidence_span = (pair.b, common.evidence.start, common.evidence.end)
    elif earlier is not None:
        pair.origin, pair.basis = earlier, "earlier"
        first, second = (ma, mb) if earlier == pair.a else (mb, ma)
        pair.evidence = f"published {first.published} before {second.published}"


def _set(pair: CopyPair, origin: int, basis: str, notice: Notice, where: int) -> None:
    pair.origin, pair.basis, pair.credited = origin, basis, notice.name
    pair.evidence = notice.evidence.text
    pair.evidence_span = (where, notice.evidence.start, notice.evidence.end)


def _earlier(pair: CopyPair, ma: DocMeta, mb: DocMeta) -> int | None:
    if ma.published is None or mb.published is None or ma.published == mb.published:
        return None
    return pair.a if ma.published < mb.published else pair.b


def orient(store: DocStore, pairs: list[CopyPair], options: Options | None = None) -> None:
    """Decide the direction of every pair (notices read once per document; outlets'
    domains from the rating index of ``options``, none without rating data)."""
    cache: dict[int, list[Notice]] = {}
    domain_of = domain_resolver(options or Options()) if pairs else None

    def of(i: int) -> list[Notice]:
        if i not in cache:
            cache[i] = notices(store.text(i), domain_of)
        return cache[i]

    for pair in pairs:
        decide(pair, (store.metas[pair.a], store.metas[pair.b]), (of(pair.a), of(pair.b)))


__all__ = ["decide", "names", "notices", "orient"]
