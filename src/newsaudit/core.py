"""The flow, wired: read -> parse -> analyze -> judge -> report.

1. :func:`newsaudit.read.read` turns the input into an :class:`Article`.
2. The :class:`~newsaudit.pipeline.Pipeline` runs the registered stages in order:
   parse (furniture, masthead, body), nlp, analyze (provenance, sourcing,
   entities, claims, signals), judge (source rating, credibility).
3. :class:`~newsaudit.report.Report` serialises the article and its findings.
"""

from __future__ import annotations

import functools
import os
import time

from .deadline import Deadline
from .errors import DeadlineError, StageInterrupted
from .options import Options
from .pipeline import Pipeline
from .read import read
from .report import Report


@functools.lru_cache(maxsize=8)
def get_pipeline(options: Options) -> Pipeline:
    """The pipeline for ``options``, built once per process (models load once)."""
    return Pipeline(options=options)


def analyze(
    source: str | bytes | os.PathLike[str],
    *,
    url: str | None = None,
    site: str | None = None,
    options: Options | None = None,
) -> Report:
    """Audit one article.

    Args:
        source: The article as text or HTML, its bytes, a path to it, or its URL
            (a URL is fetched: the only time newsaudit touches the network).
        url: The article's URL when known (not fetched), used for the source rating.
        site: The publishing site's name when known.
        options: Settings for the run; defaults are sensible.

    Returns:
        The :class:`Report` with every finding.

    Raises:
        InputError: If the input cannot be read as an article.
        FetchError: If a URL cannot be fetched.
        DataError: If a model or the reference data is missing.
        DeadlineError: If ``options.deadline`` passed before the input was read
            (a deadline that passes later gives a partial report: see
            ``Report.to_dict()["unfinished"]``).
    """
    options = options or Options()
    t0 = time.perf_counter()
    deadline = Deadline(options.deadline)
    try:
        with deadline.interrupting():
            article = read(source, options=options, url=url, site=site)
    except StageInterrupted as exc:
        raise DeadlineError(f"reading the input took longer than the {options.deadline:g} s "
                            "deadline (--deadline)") from exc
    t1 = time.perf_counter()
    pipeline = get_pipeline(options)
    # Loading the models is once per process, not part of any one article's time.
    deadline.extend(time.perf_counter() - t1)
    pipeline(article, deadline)
    article.timings = {
        "read": round((t1 - t0) * 1000, 3),
        **article.timings,
        "total": round((time.perf_counter() - t0) * 1000, 3),
    }
    return Report(article)
