"""Audit many records at once: read each, run the stages over the whole batch.

The stages run in the pipeline's order over every article of a batch; a stage
that can work on many articles at once (one with a ``pipe`` method, such as the
``nlp`` stage, which hands the batch to spaCy's ``nlp.pipe``) gets them all in
one call. A document that fails, at reading or at any stage, is set aside with
the step and the reason, and the others go on (as spaCy's ``set_error_handler``
lets a pipeline go on past a bad ``Doc``). Each article has ``Options.deadline``
seconds for its own stages, as in ``analyze()``: when they are used up, the
stages left are listed in its report's ``unfinished`` and it keeps what is done.
"""

from __future__ import annotations

import functools
import logging
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from ..article import Article
from ..deadline import Deadline
from ..errors import DataError, InputError, StageInterrupted
from ..options import Options
from ..pipeline import DEFAULT_PIPELINE, Pipeline, StageInfo, check_order, with_prerequisites
from ..read import read_text
from ..report import Report
from .inputs import Record

log = logging.getLogger(__name__)


@dataclass(slots=True)
class Outcome:
    """What became of one record: its report, or the step that failed and why."""

    record: Record
    report: Report | None = None
    step: str | None = None
    error: BaseException | str | None = None


@functools.lru_cache(maxsize=4)
def stages_for(options: Options) -> list[tuple[StageInfo, Callable[[Article], None]]]:
    """The stages of ``options``' pipeline, built once per process (models load once).

    Raises:
        PipelineError: If the stages are unknown or out of order.
        DataError: If a model or the reference data cannot be loaded.
    """
    # Resolved as the Pipeline resolves them: short names, needed stages added.
    infos = check_order(with_prerequisites(options.stages or DEFAULT_PIPELINE))
    return [(info, info.factory(options)) for info in infos]


def read_record(record: Record, options: Options) -> Article:
    """The :class:`Article` of a record: its text or HTML, else its URL fetched.

    The record's title, date and source are kept as the article's metadata (the
    page's own, when it has them, do not override what the corpus says).

    Raises:
        InputError: If the record has an error or its content cannot be read.
        FetchError: If its URL cannot be fetched.
    """
    if record.error:
        raise InputError(record.error)
    if record.html is not None:
        from ..html import read_html

        article = read_html(record.html, url=record.url, site=record.source)
    elif record.text is not None:
        article = read_text(record.text, options=options, url=record.url, site=record.source)
    elif record.url:
        from ..read import read_url

        article = read_url(record.url, options=options, site=record.source)
    else:
        raise InputError("the record has no text, HTML or URL")
    meta = article.meta
    meta.title = record.title or meta.title
    meta.published = record.published or meta.published
    meta.origin["id"] = record.id
    return article


def _run_stage(info: StageInfo, run: Callable[[Article], None], rest: list[str],
               batch: _Batch) -> None:
    """One stage over the live articles: batched when it can, one by one otherwise."""
    live = batch.live()
    articles, outcomes = batch.articles, batch.outcomes
    pipe = getattr(run, "pipe", None)
    if pipe is not None and len(live) > 1:
        t0 = time.perf_counter()
        try:
            pipe([articles[i] for i in live])
        except DataError:
            raise
        except Exception as exc:  # find the culprit one by one below
            log.info("stage %s failed on a batch (%s); running one by one", info.name, exc)
        else:
            each = (time.perf_counter() - t0) / len(live)
            for i in live:
                batch.spent[i] += each
                articles[i].timings[info.name] = round(each * 1000, 3)
                articles[i].stages_run.append((info.name, info.version))
            return
    for i in live:
        left = batch.left(i)
        if left is not None and left <= 0:
            batch.stop(i, rest)
            continue
        t0 = time.perf_counter()
        try:
            with Deadline(left).interrupting():
                run(articles[i])
        except StageInterrupted:
            batch.stop(i, rest)
            continue
        except DataError:  # the installation's fault, not the document's: stop the run
            raise
        except Exception as exc:
            outcomes[i].step, outcomes[i].error = info.name, exc
            continue
        finally:
            batch.spent[i] += time.perf_counter() - t0
            articles[i].timings[info.name] = round((time.perf_counter() - t0) * 1000, 3)
        articles[i].stages_run.append((info.name, info.version))


@dataclass(slots=True)
class _Batch:
    """The articles of a batch, what became of them, and the time each has used."""

    outcomes: list[Outcome]
    articles: list[Any]
    deadline: Deadline
    spent: list[float]
    stopped: set[int]

    def live(self) -> list[int]:
        return [i for i, o in enumerate(self.outcomes)
                if o.error is None and i not in self.stopped]

    def left(self, i: int) -> float | None:
        """Seconds left of article ``i``'s deadline (None: no deadline)."""
        return None if self.deadline.seconds is None else self.deadline.seconds - self.spent[i]

    def stop(self, i: int, names: list[str]) -> None:
        """Article ``i``'s deadline passed: its report keeps what is done (as analyze())."""
        self.stopped.add(i)
        Pipeline._stop(self.articles[i], names, self.deadline)


def audit_records(records: Sequence[Record], options: Options) -> list[Outcome]:
    """Audit a batch of records; one :class:`Outcome` per record, in order.

    Raises:
        DataError: If a model or the reference data is missing (no document could
            be audited, so the run must stop and say so).
        PipelineError: If the options name unknown stages.
    """
    stages = stages_for(options)
    outcomes = [Outcome(r) for r in records]
    articles: list[Any] = [None] * len(records)
    for i, rec in enumerate(records):
        t0 = time.perf_counter()
        try:
            articles[i] = read_record(rec, options)
        except DataError:
            raise
        except Exception as exc:
            outcomes[i].step, outcomes[i].error = "read", exc
            continue
        articles[i].timings["read"] = round((time.perf_counter() - t0) * 1000, 3)
    # Each article has the whole deadline for its own stages, as in analyze().
    batch = _Batch(outcomes, articles, Deadline(options.deadline), [0.0] * len(records), set())
    names = [info.name for info, _ in stages]
    for k, (info, run) in enumerate(stages):
        if batch.live():
            _run_stage(info, run, names[k:], batch)
    for i, o in enumerate(outcomes):
        if o.error is None:
            a = articles[i]
            a.timings["total"] = round(sum(v for k, v in a.timings.items() if k != "total"), 3)
            o.report = Report(a)
    return outcomes


def detach(report: Report) -> Report:
    """``report`` without its spaCy ``Doc``, small enough to pass between processes."""
    report.article.doc = None
    return report
