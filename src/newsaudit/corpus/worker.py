"""What a batch worker runs: load the models once, then audit chunks and commit them.

The same functions run in the coordinating process (one worker), in local
worker processes and on Dask workers: each chunk's records are audited in one
batch and its tables written by the worker itself (:mod:`.store`).
"""

from __future__ import annotations

import os
import socket
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ..errors import NewsauditError
from ..options import Options
from .inputs import Record

#: Thread pools a worker keeps to one thread: with one worker per core, the
#: BLAS and ONNX Runtime pools would otherwise each start a thread per core and
#: fight over the cores the other workers use.
SINGLE_THREAD_ENV = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")

#: The article a run audits first, to fix its ``articles`` columns (every signal
#: and stage of the pipeline, whatever the corpus): written for this purpose.
PROBE_TEXT = """Council approves new budget after long debate

SPRINGFIELD (AP) — The city council approved a $12 million budget on Tuesday after a
four-hour debate, officials said.

"This budget keeps every library open," Mayor Ann Lee told reporters after the vote.
A senior official, who spoke on condition of anonymity, said the plan would raise
property taxes by 3 percent next year. According to a report by the Springfield Times,
the council had rejected two earlier drafts in March.

Critics said the spending was reckless. "We will pay for this for a decade," said
council member Tom Ruiz, who voted against it.
"""


def single_threaded() -> None:
    """Keep this process's math libraries to one thread (see :data:`SINGLE_THREAD_ENV`)."""
    for name in SINGLE_THREAD_ENV:
        os.environ.setdefault(name, "1")
    from ..analysis import spans

    spans.SESSION_THREADS = 1


def init_worker(options: Options) -> None:
    """Load the pipeline's models in this process (once per worker).

    Raises:
        NewsauditError: If a model or the reference data cannot be loaded.
    """
    single_threaded()
    from .audit import stages_for

    stages_for(options)


def check_worker(options: Options) -> str | None:
    """None when this worker can load every model and data set, else why not."""
    try:
        init_worker(options)
    except NewsauditError as exc:
        return f"{exc} (on {socket.gethostname()}, pid {os.getpid()})"
    return None


def probe_row(options: Options) -> dict[str, Any]:
    """The ``articles`` row of :data:`PROBE_TEXT` audited with ``options``.

    Raises:
        NewsauditError: If the probe cannot be audited (the pipeline is broken).
    """
    from .audit import audit_records
    from .tables import article_row

    rec = Record(id="probe", text=PROBE_TEXT, url="https://apnews.com/article/probe",
                 input="probe")
    (outcome,) = audit_records([rec], options)
    if outcome.report is None:
        raise NewsauditError(f"the pipeline fails on a plain article at {outcome.step}: "
                             f"{outcome.error}")
    return article_row(rec.to_dict(), outcome.report.to_dict())


def chunk_tables(records: Sequence[Record], options: Options,
                 schema: Any) -> tuple[dict[str, Any], dict[str, Any]]:
    """Audit ``records`` and lay the results out as one Arrow table per output table.

    Returns:
        The tables by name, and counts: documents, errors, and milliseconds per stage.
    """
    from .audit import audit_records
    from .tables import TABLES, table_schema, to_table

    rows: dict[str, list[dict[str, Any]]] = {name: [] for name in ("articles", *TABLES)}
    ms: dict[str, float] = {}
    # The chunk's Docs, and every string and lexeme spaCy meets in them, are freed
    # when the chunk's rows are made: without it spaCy's vocabulary keeps every new
    # word of the corpus and a worker's memory grows with it.
    with _memory_zone(options):
        _rows(audit_records(records, options), rows, ms)
    tables = {"articles": to_table(rows["articles"], schema)}
    tables.update({name: to_table(rows[name], table_schema(name)) for name in TABLES})
    counts = {"docs": len(records), "ok": len(rows["articles"]),
              "errors": len(rows["errors"]), "ms": {k: round(v, 1) for k, v in ms.items()},
              "peak_rss_mb": round(peak_rss_mb(), 1)}
    return tables, counts


def _rows(outcomes: Sequence[Any], rows: dict[str, list[dict[str, Any]]],
          ms: dict[str, float]) -> None:
    """Lay ``outcomes`` out as table rows (into ``rows``) and add up stage times."""
    from .tables import article_row, error_row, item_rows

    for o in outcomes:
        rec = o.record.to_dict()
        if o.report is None:
            rows["errors"].append(error_row(rec, o.step or "read", o.error or "unknown error"))
            continue
        report = o.report.to_dict()
        rows["articles"].append(article_row(rec, report))
        for name, items in item_rows(rec["id"], report).items():
            rows[name].extend(items)
        for stage, t in report["timings"].items():
            ms[stage] = ms.get(stage, 0.0) + t


def _memory_zone(options: Options) -> Any:
    """spaCy's memory zone over the pipeline's model when the pipeline parses,
    else a no-op context."""
    import contextlib

    from ..nlp import load
    from .audit import stages_for

    if not any(info.name == "nlp" for info, _ in stages_for(options)):
        return contextlib.nullcontext()
    return load(options.spacy_model).memory_zone()


def peak_rss_mb() -> float:
    """This process's peak resident memory so far, in MB (Linux reports KB)."""
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def process_chunk(out: str, key: str, records: Sequence[Record], options: Options,
                  schema_json: list[list[str]]) -> dict[str, Any]:
    """Audit one chunk and commit its parts in ``out``; the chunk's marker.

    Raises:
        OutputError: If the parts cannot be written.
        DataError: If a model or the reference data is missing on this worker.
    """
    from .store import commit_chunk
    from .tables import schema_from_json

    t0 = time.perf_counter()
    init_worker(options)
    tables, counts = chunk_tables(records, options, schema_from_json(schema_json))
    first = records[0]
    marker = {"key": key, "input": first.input, "first": first.position,
              "last": records[-1].position, **counts,
              "seconds": round(time.perf_counter() - t0, 3),
              "worker": f"{socket.gethostname()}:{os.getpid()}"}
    commit_chunk(Path(out), key, tables, marker)
    return marker


def audit_chunk(records: Sequence[Record], options: Options) -> list[Any]:
    """Reports (without their spaCy Doc) or errors for ``records``, in order, for
    :func:`newsaudit.analyze_many`."""
    from ..errors import InputError
    from .audit import audit_records, detach

    init_worker(options)
    out: list[Any] = []
    for o in audit_records(records, options):
        if o.report is not None:
            out.append(detach(o.report))
        elif isinstance(o.error, BaseException):
            out.append(o.error)
        else:
            out.append(InputError(str(o.error)))
    return out
