"""``newsaudit batch``: audit a corpus into Parquet tables and a DuckDB file.

1. The inputs are read as one stream of records (:mod:`.inputs`), cut into
   chunks of ``chunk_size`` consecutive records of one input; a chunk's key is
   the input's path hash and the chunk's number, the same on every run.
2. Chunks an earlier run committed are skipped (:mod:`.store`); the others go to
   the workers, at most :data:`INFLIGHT_PER_WORKER` per worker at a time, so the
   coordinator's memory stays bounded however large the corpus.
3. Each worker audits its chunk in one batch and commits the chunk's parts
   itself (:mod:`.worker`): in this process, in local worker processes (one per
   core by default), or on a Dask distributed cluster.
4. When every chunk is done, the DuckDB file is written with views over the parts.
"""

from __future__ import annotations

import hashlib
import os
import threading
from collections.abc import Callable, Iterable, Iterator, Mapping
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import DataError, NewsauditError, OutputError
from ..options import Options
from . import store
from .inputs import Record, read_inputs
from .progress import Progress

#: Records per chunk: one part per table, one ``nlp.pipe`` batch stream, one
#: commit. 256 keeps a worker's memory low (a chunk's Docs are all alive at once)
#: and the part count moderate (40,000 parts per table for 10 million articles).
CHUNK_SIZE = 256

#: Chunks queued per worker beyond the one it is running: enough that no worker
#: waits for the coordinator, few enough that memory does not grow with the corpus.
INFLIGHT_PER_WORKER = 2

#: Chunks a local worker process audits before it is replaced by a fresh one
#: (models loaded again: about 3 s every 25,600 articles). Each chunk runs in
#: spaCy's memory zone (worker.chunk_tables), which frees the vocabulary spaCy
#: grows for it; replacing workers also bounds what any other cache keeps
#: (benchmarks/batch.py growth prints the peak after each chunk).
WORKER_MAX_CHUNKS = 100

#: The profiles of ``--profile``: what each changes in the default options.
PROFILES: dict[str, dict[str, Any]] = {
    "full": {},
    # Attributions from the rules alone: the span model is most of the audit's
    # cost after the parse (docs/batch.md, benchmarks/batch.py).
    "fast": {"span_model": False},
}


@dataclass
class BatchResult:
    """What a batch run did.

    Attributes:
        out: The output folder.
        documents: Documents in the inputs.
        audited: Documents audited by this run (articles plus errors).
        errors: Documents this run recorded in ``errors``.
        skipped: Documents an earlier run had already done.
        chunks: Chunks committed by this run.
        seconds: Wall time of the run.
        stage_ms: Milliseconds spent in each stage over the run, summed over workers.
    """

    out: Path
    documents: int = 0
    audited: int = 0
    errors: int = 0
    skipped: int = 0
    chunks: int = 0
    seconds: float = 0.0
    stage_ms: dict[str, float] = field(default_factory=dict)


def profile_options(profile: str, base: Options | None = None) -> Options:
    """``base`` (default options when None) with ``profile``'s changes.

    Raises:
        PipelineError: If the profile is unknown.
    """
    from dataclasses import replace

    from ..errors import PipelineError

    if profile not in PROFILES:
        raise PipelineError(f"unknown profile {profile!r}; profiles: {', '.join(PROFILES)}")
    return replace(base or Options(), **PROFILES[profile])


def input_hash(input_key: str) -> str:
    """A short stable hash of an input's absolute path, for chunk keys."""
    return hashlib.sha1(input_key.encode()).hexdigest()[:10]


def chunks(records: Iterable[Record], size: int) -> Iterator[tuple[str, list[Record]]]:
    """Consecutive records of one input, ``size`` positions to a chunk, with their keys."""
    key: str | None = None
    cur: list[Record] = []
    for rec in records:
        k = f"{input_hash(rec.input)}-{rec.position // size:07d}"
        if k != key and cur:
            yield key, cur  # type: ignore[misc]
            cur = []
        key = k
        cur.append(rec)
    if cur and key is not None:
        yield key, cur


def unique_ids(records: Iterable[Record]) -> Iterator[Record]:
    """``records`` with every repeat of an id turned into an error record.

    Every output table is keyed by the article id, so an id must name one
    document. The first record with an id is audited; a later one with the same
    id (two rows of a table giving one id, a WARC record stored twice, one file
    under two names) is not audited but recorded in ``errors`` at its own input
    and position. The first is the same on every run and resumed run, since the
    inputs are always read in the same order. Memory: an 8-byte digest per id
    (about 70 MB per million documents in the coordinating process).
    """
    from dataclasses import replace

    seen: set[bytes] = set()
    for rec in records:
        digest = hashlib.blake2b(rec.id.encode("utf-8", "surrogatepass"), digest_size=8).digest()
        if digest in seen:
            yield replace(rec, text=None, html=None,
                          error=f"duplicate id {rec.id!r}: an earlier document of the inputs "
                                "has it (ids must be unique; the first is kept)")
            continue
        seen.add(digest)
        yield rec


def _settings(options: Options, profile: str, chunk_size: int) -> dict[str, Any]:
    """What must match for a run to resume another."""
    return {"profile": profile, "chunk_size": chunk_size,
            "stages": list(options.stages) if options.stages else None,
            "span_model": options.span_model,
            "min_attribution_confidence": options.min_attribution_confidence,
            "spacy_model": options.spacy_model,
            "ratings_overrides": str(options.ratings_overrides or "")}


class _Executor:
    """Runs chunks: inline, in local worker processes, or on a Dask cluster."""

    def __init__(self, workers: int, options: Options, scheduler: str | None):
        self.options = options
        self.client: Any = None
        self.pool: ProcessPoolExecutor | None = None
        self.workers = workers
        if scheduler:
            self._connect(scheduler)
        elif workers > 1:
            import multiprocessing

            from .worker import SINGLE_THREAD_ENV, init_worker

            for name in SINGLE_THREAD_ENV:  # spawned workers start with these set
                os.environ.setdefault(name, "1")
            self.pool = ProcessPoolExecutor(workers, multiprocessing.get_context("spawn"),
                                            initializer=init_worker, initargs=(options,),
                                            max_tasks_per_child=WORKER_MAX_CHUNKS)

    def _connect(self, scheduler: str) -> None:
        try:
            from distributed import Client
        except ImportError as exc:  # pragma: no cover - a main dependency
            raise DataError("--scheduler needs dask.distributed: pip install "
                            "'dask[distributed]'") from exc
        from .worker import check_worker

        try:
            self.client = Client(scheduler, timeout="20s")
        except (OSError, TimeoutError) as exc:
            raise DataError(f"cannot reach the Dask scheduler at {scheduler}: {exc}") from exc
        try:
            found = self.client.run(check_worker, self.options)
        except Exception as exc:
            raise DataError(f"the Dask workers cannot run newsaudit ({type(exc).__name__}: "
                            f"{exc}); install newsaudit on every worker") from exc
        broken = {addr: msg for addr, msg in found.items() if msg}
        if broken:
            addr, msg = next(iter(broken.items()))
            raise DataError(f"Dask worker {addr} cannot load newsaudit's models or data: {msg}; "
                            "the data directory and models must be readable on every worker")
        self.workers = max(len(found), 1)

    def submit(self, fn: Callable[..., Any], *args: Any) -> Any:
        if self.client is not None:
            return self.client.submit(fn, *args, pure=False)
        if self.pool is not None:
            return self.pool.submit(fn, *args)
        done: Future[Any] = Future()
        try:
            done.set_result(fn(*args))
        except Exception as exc:  # raised by result(), as from a worker's future
            done.set_exception(exc)
        return done

    def wait_one(self, pending: set[Any]) -> set[Any]:
        if self.client is not None:
            from distributed import wait as dask_wait

            return set(dask_wait(list(pending), return_when="FIRST_COMPLETED").done)
        return set(wait(pending, return_when=FIRST_COMPLETED).done)

    def close(self) -> None:
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)
        if self.client is not None:
            self.client.close()


def _count(inputs: list[Path], columns: Mapping[str, str] | None,
           progress: Progress) -> threading.Thread:
    """Count the input documents in the background, for the progress bar's total."""
    def run() -> None:
        try:
            total = sum(1 for _ in read_inputs(inputs, columns=columns))
        except NewsauditError:
            return
        progress.set_total(total)

    thread = threading.Thread(target=run, name="newsaudit-count", daemon=True)
    thread.start()
    return thread


def _start(out: Path, options: Options, profile: str, chunk_size: int,
           ex: _Executor) -> tuple[list[list[str]], dict[str, Any]]:
    """The run's articles schema and the committed chunks, from an earlier run or anew."""
    settings = _settings(options, profile, chunk_size)
    run_file = out / store.RUN_FILE
    if run_file.exists():
        run = store.read_run(out)
        if run.get("settings") != settings:
            raise OutputError(f"{out} holds a run made with other settings "
                              f"({run.get('settings')}); use another --out folder")
        done = store.committed(out)
        store.clean(out, done)
        return run["articles_schema"], done
    from .tables import TABLES_VERSION, articles_schema, schema_to_json
    from .worker import probe_row

    schema = schema_to_json(articles_schema(ex.submit(probe_row, options).result()))
    store.clean(out, {})
    store.write_json(run_file, {"tables_version": TABLES_VERSION, "settings": settings,
                                "articles_schema": schema})
    return schema, {}


def run_batch(
    inputs: Iterable[str | os.PathLike[str]],
    out: str | os.PathLike[str],
    *,
    options: Options | None = None,
    profile: str = "full",
    workers: int | None = None,
    scheduler: str | None = None,
    chunk_size: int = CHUNK_SIZE,
    columns: Mapping[str, str] | None = None,
    progress: bool = True,
) -> BatchResult:
    """Audit every document of ``inputs`` into tables in ``out`` (module docstring).

    Args:
        inputs: Folders and files (:mod:`.inputs`).
        out: The output folder; a run there before is resumed.
        options: Settings for the audit (the profile is applied over them).
        profile: ``full`` or ``fast`` (:data:`PROFILES`).
        workers: Local worker processes; None for one per core.
        scheduler: A Dask scheduler address (``tcp://host:8786``) to run on instead.
        chunk_size: Records per chunk (a resumed run keeps its first run's).
        columns: Table column names for the record fields (:func:`.inputs.read_inputs`).
        progress: Show progress on standard error.

    Returns:
        What the run did.

    Raises:
        InputError: If an input is missing or of an unknown kind.
        OutputError: If ``out`` cannot be written, or holds a run with other settings.
        DataError: If the models or data cannot be loaded (on a cluster: on a worker).
    """
    import time

    t0 = time.perf_counter()
    options = profile_options(profile, options)
    # An input named twice is read once (its chunks would share their keys).
    paths = list({Path(p).resolve(): Path(p) for p in inputs}.values())
    records = unique_ids(read_inputs(paths, columns=columns))  # checks the inputs first
    out_dir = Path(out).expanduser()
    store.prepare(out_dir)
    n_workers = workers or os.cpu_count() or 1
    result = BatchResult(out=out_dir)
    ex = _Executor(n_workers, options, scheduler)
    try:
        schema, done = _start(out_dir, options, profile, chunk_size, ex)
        with Progress(enabled=progress) as prog:
            if progress:
                _count(paths, columns, prog)
            _drive(ex, chunks(records, chunk_size), done, out_dir, options, schema,
                   prog, result)
    finally:
        ex.close()
    store.write_duckdb(out_dir)
    result.seconds = round(time.perf_counter() - t0, 3)
    return result


def _drive(ex: _Executor, work: Iterator[tuple[str, list[Record]]], done: Mapping[str, Any],
           out: Path, options: Options, schema: list[list[str]], prog: Progress,
           result: BatchResult) -> None:
    """Submit the chunks not yet done, keeping a bounded number in flight."""
    from .worker import process_chunk

    pending: set[Any] = set()
    limit = max(ex.workers * (1 + INFLIGHT_PER_WORKER), 1)

    def finish(futures: set[Any]) -> None:
        for fut in futures:
            marker = fut.result()  # re-raises a worker's OutputError or DataError
            result.chunks += 1
            result.audited += marker["docs"]
            result.errors += marker["errors"]
            for stage, ms in marker["ms"].items():
                result.stage_ms[stage] = result.stage_ms.get(stage, 0.0) + ms
            prog.advance(marker["ok"], marker["errors"])

    for key, recs in work:
        result.documents += len(recs)
        if key in done:
            result.skipped += len(recs)
            prog.skip(len(recs))
            continue
        fut = ex.submit(process_chunk, str(out), key, recs, options, schema)
        pending.add(fut)
        if len(pending) >= limit:
            finished = ex.wait_one(pending)
            pending -= finished
            finish(finished)
    while pending:
        finished = ex.wait_one(pending)
        pending -= finished
        finish(finished)
