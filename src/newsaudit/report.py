"""Step 5, report: one JSON document per article, schema version "1".

Top level keys (the contract; add fields freely, never rename or drop one without
bumping :data:`SCHEMA_VERSION`): ``schema_version``, ``text``, ``article``,
``furniture``, ``provenance``, ``attributions``, ``entities``, ``claims``,
``signals``, ``source_rating``, ``credibility``, ``timings``; added since:
``notes`` (input left out, claims that disagree with the facts, stages cut short)
and ``unfinished`` (stages the deadline stopped). Every ``start`` and ``end``
indexes into ``text``.
"""

from __future__ import annotations

import dataclasses
import enum
import json
import math
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from .about import __version__
from .article import Article

SCHEMA_VERSION = "1"

EMPTY_PROVENANCE: dict[str, list[Any]] = {
    "syndicated_from": [],
    "wire": [],
    "hat_tips": [],
    "cited_sources": [],
    "chain": [],
}


def to_jsonable(obj: Any) -> Any:
    """Turn findings (dataclasses, tuples, enums, paths, NumPy scalars) into JSON values."""
    if obj is None or isinstance(obj, bool | int | str):
        return obj
    if isinstance(obj, float):
        return obj if math.isfinite(obj) else None
    if hasattr(obj, "to_dict"):
        return to_jsonable(obj.to_dict())
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        return {f.name: to_jsonable(getattr(obj, f.name)) for f in dataclasses.fields(obj)}
    if isinstance(obj, Mapping):
        return {str(k): to_jsonable(v) for k, v in obj.items()}
    if isinstance(obj, list | tuple | set | frozenset):
        return [to_jsonable(v) for v in obj]
    if isinstance(obj, enum.Enum):
        return to_jsonable(obj.value)
    if isinstance(obj, Path):
        return str(obj)
    if hasattr(obj, "item"):  # NumPy scalar
        return to_jsonable(obj.item())
    raise TypeError(f"cannot put {type(obj).__name__} into a report")


def _site(article: Article, site_name: str | None) -> tuple[str | None, str | None]:
    """The site's name and how it was found: given, from the masthead or the page
    naming itself, else the usual name of a well-known outlet at the URL's domain."""
    from .judge.aliases import name_of

    mast = article.masthead
    if site_name is None:
        known = name_of(article.meta.domain)
        return (known, "url") if known else (None, None)
    if article.meta.site_name or mast is None or mast.site_method is None:
        return site_name, "given"
    return site_name, mast.site_method


def _article_section(article: Article) -> dict[str, Any]:
    meta, mast = article.meta, article.masthead
    site_name = meta.site_name
    sections = list(meta.sections)
    title = meta.title
    authors = list(meta.authors)
    published = meta.published
    if mast is not None:
        site_name = site_name or (mast.site_name.text if mast.site_name else None)
        sections = sections or [s.text for s in mast.sections]
        title = title or (mast.title.text if mast.title else None)
        authors = authors or list(mast.authors)
        published = published or mast.published
    site_name, site_method = _site(article, site_name)
    return {
        "site_name": site_name,
        "domain": meta.domain,
        "url": meta.url,
        "sections": sections,
        "title": title,
        "authors": authors,
        "published": published,
        "site_name_method": site_method,
        "body": article.body_string(),
        "body_spans": [{"start": s, "end": e} for s, e in article.body],
        "masthead": to_jsonable(mast) if mast is not None else None,
        "origin": to_jsonable(meta.origin),
    }


def _span_texts_from(text: str, node: Any) -> None:
    """Set every span's ``text`` to ``text[start:end]``, the contract.

    Stages slice their findings' words from the parsed copy of the text, in which
    furniture and over-long runs are blanked (same offsets); a finding whose span
    crosses a blanked stretch would otherwise show spaces where the page has words.
    """
    if isinstance(node, dict):
        start, end = node.get("start"), node.get("end")
        if isinstance(start, int) and isinstance(end, int) and isinstance(node.get("text"), str) \
                and 0 <= start <= end <= len(text):
            node["text"] = text[start:end]
        for value in node.values():
            _span_texts_from(text, value)
    elif isinstance(node, list):
        for value in node:
            _span_texts_from(text, value)


def _pipeline_entry(article: Article, name: str, version: str) -> dict[str, str]:
    """A stage that ran, with the reason it failed when it did."""
    entry = {"name": name, "version": version}
    if name in article.failures:
        entry["error"] = article.failures[name]
    return entry


def _provenance_section(article: Article) -> dict[str, Any]:
    """Provenance's findings, each source with the judge's rating of it (``rating``,
    None when unrated) and the domain that rating resolved when provenance had none."""
    prov = article.provenance
    if prov is None:
        return {k: list(v) for k, v in EMPTY_PROVENANCE.items()}
    section = to_jsonable(prov)
    ratings = article.provenance_ratings
    for group, items in section.items():
        for item, found in zip(items, getattr(prov, group), strict=True):
            rating = ratings.get(found.domain or found.name)
            if item["domain"] is None and rating and rating.get("domain"):
                item["domain"] = rating["domain"]
            item["rating"] = to_jsonable(rating)
    return section


class Report:
    """The result of analysing one article.

    Attributes:
        article: The analysed :class:`Article`, with every finding on it.
    """

    def __init__(self, article: Article):
        self.article = article

    def __repr__(self) -> str:
        return f"<Report {self.article!r}>"

    def to_dict(self) -> dict[str, Any]:
        """The report as plain JSON-ready data (schema version "1")."""
        a = self.article
        data: dict[str, Any] = {
            "schema_version": SCHEMA_VERSION,
            "newsaudit_version": __version__,
            "pipeline": [_pipeline_entry(a, n, v) for n, v in a.stages_run],
            "text": a.text,
            "article": _article_section(a),
            "furniture": to_jsonable(a.furniture),
            "provenance": _provenance_section(a),
            "attributions": to_jsonable(a.attributions),
            "entities": to_jsonable(a.entities),
            "claims": to_jsonable(a.claims),
            "signals": to_jsonable(a.signals),
            "source_rating": to_jsonable(a.source_rating) if a.source_rating is not None else {},
            "credibility": to_jsonable(a.credibility) if a.credibility is not None else {},
            "timings": dict(a.timings),
            "notes": to_jsonable(a.notes),
            "unfinished": list(a.unfinished),
        }
        if a.extensions:
            data["extensions"] = to_jsonable(a.extensions)
        for key, value in data.items():
            if key != "text":
                _span_texts_from(a.text, value)
        return data

    def to_html(self) -> str:
        """The report as one self-contained HTML page (``newsaudit.report_html``)."""
        from .report_html import render_html

        return render_html(self.to_dict())

    def _repr_html_(self) -> str:
        """The report view in Jupyter."""
        from .report_html import render_fragment

        return render_fragment(self.to_dict())

    def to_json(self, *, indent: int | None = 2) -> str:
        """The report as a JSON string."""
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)
