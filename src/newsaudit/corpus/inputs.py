"""Corpus inputs: folders, tables and web archives as one stream of records.

Every input becomes an iterator of :class:`Record` (an article's text, HTML or
URL, plus the metadata that came with it), in a fixed order, so that the same
inputs always give the same records with the same ids:

- a folder: every ``.txt``/``.text`` (text) and ``.html``/``.htm``/``.xhtml``
  (HTML) file under it, recursively, sorted by relative path;
- one ``.txt`` or ``.html`` file: one record;
- JSONL (``.jsonl``, ``.ndjson``), CSV (``.csv``, ``.tsv``) and Parquet
  (``.parquet``, ``.pq``) tables, gzipped or not (the text formats): one record
  per row, from a ``text``, ``html`` or ``url`` column plus optional ``id``,
  ``url``, ``source``, ``published`` and ``title`` columns (other names are
  mapped with ``columns``);
- WARC files (``.warc``, ``.warc.gz``, read with warcio): one record per HTML
  ``response`` record, its id the ``WARC-Record-ID``, its URL the target URI.

Ids are stable across runs: the ``id`` the input gives, else one derived from the
input's absolute path and the record's position in it (its relative path in a
folder, its row number in a table, its WARC record id in an archive).

A record that cannot be read (a JSON line that does not parse, a row without
text) carries ``error``; a file that breaks part-way (a truncated gzip, a
corrupt Parquet footer) yields one record with ``error`` at the position where
it broke and ends there. Consumers record those and go on.
"""

from __future__ import annotations

import csv
import gzip
import hashlib
import io
import json
import os
import sys
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, replace
from datetime import date, datetime
from pathlib import Path
from typing import Any

from ..errors import InputError
from ..read import decode

#: Columns a table may carry, and what they mean for a record.
FIELDS = ("id", "text", "html", "url", "source", "published", "title")

TEXT_SUFFIXES = (".txt", ".text")
HTML_SUFFIXES = (".html", ".htm", ".xhtml")

#: Input kinds by file name ending (checked longest first).
SUFFIX_KINDS = {
    ".jsonl": "jsonl", ".ndjson": "jsonl", ".jsonl.gz": "jsonl", ".ndjson.gz": "jsonl",
    ".csv": "csv", ".csv.gz": "csv", ".tsv": "csv", ".tsv.gz": "csv",
    ".parquet": "parquet", ".pq": "parquet",
    ".warc": "warc", ".warc.gz": "warc",
    **{s: "file" for s in TEXT_SUFFIXES + HTML_SUFFIXES},
}

#: Largest CSV field accepted (Python's default of 128 kB is shorter than some articles).
CSV_FIELD_LIMIT = 16 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class Record:
    """One document of a corpus input.

    Attributes:
        id: Stable id: given by the input, or derived from the input and position.
        text: The article as plain text, when the input gives text.
        html: The article as HTML, when the input gives HTML.
        url: The article's URL (fetched only when neither text nor HTML is given).
        source: The publishing site's name, when given.
        published: The publication date as given (ISO 8601 when the input is typed).
        title: The title, when given.
        input: The input the record came from (absolute path).
        position: The record's position in its input: 0, 1, 2... in reading order.
        error: Why the record could not be read, or None.
    """

    id: str
    text: str | None = None
    html: str | None = None
    url: str | None = None
    source: str | None = None
    published: str | None = None
    title: str | None = None
    input: str = ""
    position: int = 0
    error: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """The record as a plain dict (its fields by name)."""
        return {name: getattr(self, name) for name in self.__dataclass_fields__}


def derive_id(input_key: str, position: str | int) -> str:
    """A stable id from an input's absolute path and a position inside it."""
    digest = hashlib.sha1(f"{input_key}\0{position}".encode()).hexdigest()
    return digest[:16]


def input_kind(path: str | os.PathLike[str]) -> str:
    """``folder``, ``file``, ``jsonl``, ``csv``, ``parquet`` or ``warc``.

    Raises:
        InputError: If the path is missing or its type is not a known input.
    """
    p = Path(path)
    if p.is_dir():
        return "folder"
    if not p.exists():
        raise InputError(f"{p}: no such file or folder")
    name = p.name.lower()
    for suffix in sorted(SUFFIX_KINDS, key=len, reverse=True):
        if name.endswith(suffix):
            return SUFFIX_KINDS[suffix]
    known = ", ".join(sorted(SUFFIX_KINDS))
    raise InputError(f"{p}: not a corpus input (a folder, or a file ending in {known})")


def read_inputs(
    inputs: Iterable[str | os.PathLike[str]],
    *,
    columns: Mapping[str, str] | None = None,
) -> Iterator[Record]:
    """Every record of every input, in order.

    Args:
        inputs: Folders and files (see the module docstring for the formats).
        columns: Table column names for the record fields, for tables whose
            columns have other names (``{"text": "content_original"}``).

    Returns:
        An iterator of records; the inputs are checked before it is returned.

    Raises:
        InputError: If an input is missing or of an unknown type, or ``columns``
            names a field that is not a record field.
    """
    paths = [Path(p) for p in inputs]
    if not paths:
        raise InputError("no inputs given")
    kinds = [input_kind(p) for p in paths]
    mapping = dict(columns or {})
    unknown = sorted(set(mapping) - set(FIELDS))
    if unknown:
        raise InputError(f"unknown record field(s) {', '.join(unknown)}; "
                         f"fields are {', '.join(FIELDS)}")
    return _chain(paths, kinds, mapping)


def _chain(paths: list[Path], kinds: list[str], mapping: dict[str, str]) -> Iterator[Record]:
    for path, kind in zip(paths, kinds, strict=True):
        yield from iter_input(path, kind=kind, columns=mapping)


def iter_input(path: str | os.PathLike[str], *, kind: str | None = None,
               columns: Mapping[str, str] | None = None) -> Iterator[Record]:
    """The records of one input (see :func:`read_inputs`)."""
    p = Path(path)
    kind = kind or input_kind(p)
    key = str(p.resolve())
    readers = {"folder": _folder, "file": _file, "jsonl": _jsonl, "csv": _csv,
               "parquet": _parquet, "warc": _warc}
    done = 0
    try:
        for rec in readers[kind](p, key, dict(columns or {})):
            yield rec
            done += 1
        return
    except (OSError, EOFError, ValueError, UnicodeDecodeError, csv.Error) as exc:
        reason = f"{p}: unreadable {kind} input ({type(exc).__name__}: {exc})"
    except Exception as exc:  # a format library's own error: the file is corrupt
        reason = f"{p}: corrupt {kind} input ({type(exc).__name__}: {exc})"
    # One record for the rest of the file, at the position where it broke.
    yield Record(id=derive_id(key, done), input=key, position=done, error=reason)


def _decoded(data: bytes) -> str:
    text, _ = decode(data)
    return text


def _doc_record(path: Path, key: str, member: str, position: int) -> Record:
    rid = derive_id(key, member)
    try:
        text = _decoded(path.read_bytes())
    except (OSError, InputError) as exc:
        return Record(id=rid, input=key, position=position, error=f"{path}: {exc}")
    if path.name.lower().endswith(HTML_SUFFIXES):
        return Record(id=rid, html=text, input=key, position=position)
    return Record(id=rid, text=text, input=key, position=position)


def _folder(path: Path, key: str, _: dict[str, str]) -> Iterator[Record]:
    names = sorted(
        f.relative_to(path).as_posix() for f in path.rglob("*")
        if f.is_file() and f.name.lower().endswith(TEXT_SUFFIXES + HTML_SUFFIXES)
        and not f.name.startswith(".")
    )
    for position, rel in enumerate(names):
        yield _doc_record(path / rel, key, rel, position)


def _file(path: Path, key: str, _: dict[str, str]) -> Iterator[Record]:
    yield _doc_record(path, key, 0, 0)  # type: ignore[arg-type]


def _open_text(path: Path) -> io.TextIOBase:
    if path.name.lower().endswith(".gz"):
        return io.TextIOWrapper(gzip.open(path, "rb"), encoding="utf-8", errors="replace",
                                newline="")
    return open(path, encoding="utf-8", errors="replace", newline="")


def _str(value: Any) -> str | None:
    """A cell as text: None for missing values, ISO 8601 for dates."""
    if value is None:
        return None
    if isinstance(value, float) and value != value:  # NaN, as pandas writes a missing value
        return None
    if isinstance(value, datetime | date):
        return value.isoformat()
    text = str(value)
    return text if text.strip() else None


def row_record(row: Mapping[str, Any], key: str, position: int,
               columns: Mapping[str, str]) -> Record:
    """A record from one table row (a dict of column name to value)."""
    got = {f: _str(row.get(columns.get(f, f))) for f in FIELDS}
    rid = got.pop("id") or derive_id(key, position)
    if not (got["text"] or got["html"] or got["url"]):
        wanted = "/".join(columns.get(f, f) for f in ("text", "html", "url"))
        return Record(id=rid, input=key, position=position,
                      error=f"row {position} has no {wanted} value")
    return Record(id=rid, input=key, position=position, **got)


def _jsonl(path: Path, key: str, columns: dict[str, str]) -> Iterator[Record]:
    with _open_text(path) as fh:
        for position, line in enumerate(fh):
            if not line.strip():
                yield Record(id=derive_id(key, position), input=key, position=position,
                             error=f"line {position + 1} is empty")
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as exc:
                yield Record(id=derive_id(key, position), input=key, position=position,
                             error=f"line {position + 1} is not JSON ({exc.msg})")
                continue
            if not isinstance(row, dict):
                yield Record(id=derive_id(key, position), input=key, position=position,
                             error=f"line {position + 1} is not a JSON object")
                continue
            yield row_record(row, key, position, columns)


def _csv(path: Path, key: str, columns: dict[str, str]) -> Iterator[Record]:
    csv.field_size_limit(min(sys.maxsize, CSV_FIELD_LIMIT))
    delimiter = "\t" if ".tsv" in path.name.lower() else ","
    with _open_text(path) as fh:
        for position, row in enumerate(csv.DictReader(fh, delimiter=delimiter)):
            yield row_record(row, key, position, columns)


#: Rows read from a Parquet file at a time (memory stays bounded on large files).
PARQUET_BATCH_ROWS = 1024


def _parquet(path: Path, key: str, columns: dict[str, str]) -> Iterator[Record]:
    import pyarrow.parquet as pq

    pf = pq.ParquetFile(path)
    wanted = [columns.get(f, f) for f in FIELDS]
    present = [c for c in pf.schema_arrow.names if c in wanted]
    position = 0
    for batch in pf.iter_batches(batch_size=PARQUET_BATCH_ROWS, columns=present):
        for row in batch.to_pylist():
            yield row_record(row, key, position, columns)
            position += 1


#: Content types of the WARC response records read as articles.
HTML_TYPES = ("text/html", "application/xhtml+xml")


def _warc(path: Path, key: str, _: dict[str, str]) -> Iterator[Record]:
    from warcio.archiveiterator import ArchiveIterator

    position = 0
    with open(path, "rb") as fh:
        for rec in ArchiveIterator(fh):
            if rec.rec_type != "response" or rec.http_headers is None:
                continue
            ctype = (rec.http_headers.get_header("Content-Type") or "").lower()
            if not ctype.startswith(HTML_TYPES):
                continue
            url = rec.rec_headers.get_header("WARC-Target-URI")
            rid = rec.rec_headers.get_header("WARC-Record-ID") or derive_id(key, position)
            rid = rid.strip("<>").removeprefix("urn:uuid:")
            data = rec.content_stream().read()
            try:
                html = _decoded(data)
            except InputError as exc:
                yield Record(id=rid, url=url, input=key, position=position, error=str(exc))
            else:
                yield Record(id=rid, html=html, url=url, input=key, position=position)
            position += 1


def with_error(record: Record, reason: str) -> Record:
    """``record`` marked as failed, its content dropped."""
    return replace(record, text=None, html=None, error=reason)
