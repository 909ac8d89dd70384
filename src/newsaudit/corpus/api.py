"""The Python face of corpus runs: :func:`analyze_many` and :func:`read_results`."""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

from ..errors import InputError
from ..options import Options
from ..report import Report
from .inputs import Record, derive_id, row_record

#: Documents handed to a worker at a time by :func:`analyze_many`.
MANY_CHUNK = 32


def _record(item: Any, position: int) -> Record:
    """A record from a string (text or HTML), a mapping (a table row) or a record."""
    if isinstance(item, Record):
        return item
    if isinstance(item, str):
        from ..read import looks_like_html

        rid = derive_id("analyze_many", position)
        if looks_like_html(item):
            return Record(id=rid, html=item, input="analyze_many", position=position)
        return Record(id=rid, text=item, input="analyze_many", position=position)
    if isinstance(item, Mapping):
        return row_record(item, "analyze_many", position, {})
    raise InputError(f"analyze_many: item {position} is a {type(item).__name__}, "
                     "not text, a dict or a Record")


def _batches(items: Iterable[Any], size: int) -> Iterator[list[Record]]:
    cur: list[Record] = []
    for i, item in enumerate(items):
        cur.append(_record(item, i))
        if len(cur) == size:
            yield cur
            cur = []
    if cur:
        yield cur


def analyze_many(
    items: Iterable[Any],
    *,
    workers: int | None = 1,
    options: Options | None = None,
    return_exceptions: bool = False,
) -> Iterator[Report | BaseException]:
    """Audit many articles, batched, on one or more cores; reports in input order.

    Args:
        items: Articles as text or HTML strings, dicts with ``text``, ``html`` or
            ``url`` (and optional ``id``, ``source``, ``published``, ``title``),
            or :class:`~newsaudit.corpus.Record`; read lazily.
        workers: Worker processes (None: one per core; 1: this process).
        options: Settings for the audit.
        return_exceptions: Yield a failed document's error in its place instead of
            raising it.

    Yields:
        One :class:`Report` per item, in order (without its spaCy ``Doc``).

    Raises:
        NewsauditError: The first document's error that fails, unless
            ``return_exceptions``.
    """
    from .worker import audit_chunk

    options = options or Options()
    n = workers or os.cpu_count() or 1
    if n == 1:
        for batch in _batches(items, MANY_CHUNK):
            yield from _checked(audit_chunk(batch, options), return_exceptions)
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    from .worker import SINGLE_THREAD_ENV, init_worker

    for name in SINGLE_THREAD_ENV:
        os.environ.setdefault(name, "1")
    with ProcessPoolExecutor(n, multiprocessing.get_context("spawn"),
                             initializer=init_worker, initargs=(options,)) as pool:
        queue: deque[Any] = deque()
        for batch in _batches(items, MANY_CHUNK):
            queue.append(pool.submit(audit_chunk, batch, options))
            if len(queue) > 2 * n:
                yield from _checked(queue.popleft().result(), return_exceptions)
        while queue:
            yield from _checked(queue.popleft().result(), return_exceptions)


def _checked(results: list[Any], return_exceptions: bool) -> Iterator[Any]:
    for r in results:
        if isinstance(r, BaseException) and not return_exceptions:
            raise r
        yield r


def read_results(out: str | os.PathLike[str],
                 tables: Iterable[str] | None = None) -> dict[str, Any]:
    """The tables of a batch run as pandas DataFrames (committed chunks only).

    Args:
        out: The run's output folder.
        tables: The tables to read (default: all of them).

    Returns:
        DataFrames by table name.

    Raises:
        InputError: If ``out`` is not a batch run's folder or a table is unknown.
    """
    from . import store
    from .tables import TABLE_NAMES

    path = Path(out)
    store.read_run(path)  # says clearly when this is not a run's folder
    names = list(tables) if tables is not None else list(TABLE_NAMES)
    unknown = [t for t in names if t not in TABLE_NAMES]
    if unknown:
        raise InputError(f"unknown table(s) {', '.join(unknown)}; "
                         f"tables are {', '.join(TABLE_NAMES)}")
    return {name: store.read_table(path, name).to_pandas() for name in names}
