"""The cheap path from corpus records to what copy and story detection need.

Copies and stories need each article's text, source, date and title, not the
full audit: a :class:`DocStore` keeps those, with the texts spooled to a
temporary file so that a corpus of 10^6 articles holds only offsets in memory.
HTML records are reduced to their page text with :func:`newsaudit.html.read_html`
(no furniture or NLP stages run).
"""

from __future__ import annotations

import contextlib
import logging
import re
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

_US_DATE = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{2}|\d{4})$")


@dataclass(frozen=True, slots=True)
class DocMeta:
    """What is kept of one article besides its text."""

    id: str
    source: str | None
    domain: str | None
    published: date | None
    title: str | None
    url: str | None

    @property
    def outlet(self) -> str:
        """The outlet's name for tables: the source given, else the domain, else ``?``."""
        return self.source or self.domain or "?"


def parse_date(value: Any) -> date | None:
    """A publication date from ISO 8601 (``2016-09-20``, ``2016-09-20T10:00Z``) or ``7/23/17``.

    Returns None for an empty or unreadable value (an undated article is kept,
    only its direction and time window are unknown).
    """
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    s = str(value).strip()
    if not s:
        return None
    m = _US_DATE.match(s)
    if m:
        month, day, year = (int(g) for g in m.groups())
        year += 2000 if year < 100 else 0
        try:
            return date(year, month, day)
        except ValueError:
            return None
    try:
        return datetime.fromisoformat(s.replace("Z", "+00:00")).date()
    except ValueError:
        try:
            return date.fromisoformat(s[:10])
        except ValueError:
            return None


def domain_of(url: str | None) -> str | None:
    """The bare lower-case host of a URL (``http://www.nytimes.com/x`` -> ``nytimes.com``)."""
    if not url:
        return None
    from ..judge.raters import norm_domain

    return norm_domain(url) or None


def _text_of(record: Any) -> tuple[str, dict[str, Any]]:
    text = getattr(record, "text", None)
    if text:
        return text, {}
    html = getattr(record, "html", None)
    if html:
        from ..html import read_html

        article = read_html(html, url=getattr(record, "url", None))
        meta = article.meta
        return article.text, {"title": meta.title, "published": meta.published,
                              "source": meta.site_name}
    return "", {}


class DocStore:
    """Texts and metadata of a corpus, texts spooled to a temporary file.

    Example:
        >>> store = DocStore.from_records(read_inputs(["corpus.jsonl"]))
        >>> store.text(0), store.metas[0].outlet
    """

    def __init__(self) -> None:
        self.metas: list[DocMeta] = []
        #: ``(id, reason)`` of every record that could not be used.
        self.errors: list[tuple[str, str]] = []
        # Closed by close(), the context manager or the store going away.
        self._file = tempfile.TemporaryFile(prefix="newsaudit-texts-")  # noqa: SIM115
        self._offsets: list[int] = [0]

    @classmethod
    def from_records(cls, records: Iterable[Any]) -> DocStore:
        """A store of every record with text (records with ``error`` or no text are listed)."""
        store = cls()
        for rec in records:
            store.add_record(rec)
        return store

    def add_record(self, record: Any) -> int | None:
        """Add one record (see :class:`newsaudit.corpus.inputs.Record`); its index or None."""
        rid = str(getattr(record, "id", len(self.metas)))
        if getattr(record, "error", None):
            self.errors.append((rid, str(record.error)))
            return None
        text, found = _text_of(record)
        if not text.strip():
            self.errors.append((rid, "no text"))
            return None
        url = getattr(record, "url", None)
        meta = DocMeta(
            id=rid,
            source=getattr(record, "source", None) or found.get("source"),
            domain=domain_of(url),
            published=parse_date(getattr(record, "published", None) or found.get("published")),
            title=getattr(record, "title", None) or found.get("title"),
            url=url,
        )
        return self.add(text, meta)

    def add(self, text: str, meta: DocMeta) -> int:
        """Add a text with its metadata; its index."""
        data = text.encode("utf-8")
        self._file.seek(self._offsets[-1])
        self._file.write(data)
        self._offsets.append(self._offsets[-1] + len(data))
        self.metas.append(meta)
        return len(self.metas) - 1

    def __len__(self) -> int:
        return len(self.metas)

    def text(self, i: int) -> str:
        """The text of document ``i``."""
        self._file.seek(self._offsets[i])
        return self._file.read(self._offsets[i + 1] - self._offsets[i]).decode("utf-8")

    def texts(self, start: int = 0, stop: int | None = None) -> Iterator[str]:
        """The texts of documents ``start`` to ``stop``, in order."""
        stop = len(self) if stop is None else stop
        for i in range(start, stop):
            yield self.text(i)

    def close(self) -> None:
        """Delete the spooled texts."""
        self._file.close()

    def __enter__(self) -> DocStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __del__(self) -> None:  # the temporary file goes with the store
        with contextlib.suppress(OSError, AttributeError):
            self._file.close()


def meta_columns(metas: list[DocMeta]) -> dict[str, list[Any]]:
    """The metadata as table columns."""
    return {
        "id": [m.id for m in metas],
        "source": [m.outlet for m in metas],
        "domain": [m.domain for m in metas],
        "published": [m.published for m in metas],
        "title": [m.title for m in metas],
        "url": [m.url for m in metas],
    }




#: Columns read from a batch output's ``articles`` table.
BATCH_COLUMNS = ("id", "text", "url", "source", "site_name", "domain", "published", "title")


def is_batch_output(path: Path) -> bool:
    """Whether ``path`` is a folder written by ``newsaudit batch`` (it has ``articles/`` parts)."""
    return path.is_dir() and any((path / "articles").glob("part-*.parquet"))


def batch_records(out: Path) -> Iterator[Any]:
    """The articles of a ``newsaudit batch`` output folder as records (text, url, source...)."""
    import pyarrow.parquet as pq

    from .inputs import Record

    for part in sorted((out / "articles").glob("part-*.parquet")):
        names = set(pq.read_schema(part).names)
        table = pq.read_table(part, columns=[c for c in BATCH_COLUMNS if c in names])
        for row in table.to_pylist():
            yield Record(id=str(row.get("id")), text=row.get("text"), url=row.get("url"),
                         source=row.get("source") or row.get("site_name"),
                         published=row.get("published"), title=row.get("title"))


def load(inputs: Iterable[str | Path], columns: dict[str, str] | None = None) -> DocStore:
    """A store of every article in ``inputs``: corpus files and folders, or batch outputs.

    Args:
        inputs: Anything ``newsaudit batch`` reads (JSONL, CSV, Parquet, WARC,
            folders of text or HTML files), or a folder ``newsaudit batch`` wrote.
        columns: Table column names for record fields (``{"text": "content"}``).

    Raises:
        InputError: If an input is missing or of an unknown type.
    """
    from .inputs import read_inputs

    store = DocStore()
    plain: list[Path] = []
    for item in inputs:
        path = Path(item)
        if is_batch_output(path):
            for rec in batch_records(path):
                store.add_record(rec)
        else:
            plain.append(path)
    if plain:
        for rec in read_inputs(plain, columns=columns):
            store.add_record(rec)
    return store


__all__ = ["DocMeta", "DocStore", "batch_records", "domain_of", "is_batch_output", "load",
           "meta_columns", "parse_date"]
