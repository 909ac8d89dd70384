"""One options object, built once and passed down to every stage."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .errors import PipelineError

#: Largest input accepted as one article (text, HTML or a fetched page). Real
#: articles are far below this (the longest of the 37,554 AllSides articles is
#: under 200 kB); anything bigger is a corpus or a mistake, not an article.
MAX_ARTICLE_BYTES = 10 * 1024 * 1024

#: Seconds one article may take from reading to report. An article of ordinary
#: length takes well under a second and the longest of the 37,554 AllSides
#: articles (under 200 kB) about 10 s; at the size cap a linear run takes minutes,
#: which is a batch job, not one article: set ``deadline=None`` (``--deadline 0``).
DEFAULT_DEADLINE = 120.0

#: Seconds a URL fetch may take in all (every redirect and every byte), however
#: fast each read is: a server dripping one byte a second would otherwise keep a
#: fetch alive for as long as it likes.
FETCH_TOTAL_SECONDS = 30.0


@dataclass(frozen=True, slots=True)
class Options:
    """Settings for one analysis run.

    Args:
        stages: Names of the stages to run, in order; ``None`` runs the default pipeline.
        allow_private: Let URL fetching reach loopback, private and link-local addresses.
        fetch_timeout: Seconds for each network phase of a fetch, and for each wait
            for data from a pipe, FIFO or device read as a file.
        max_bytes: Size cap for an input or a fetched body.
        max_redirects: Redirects a fetch follows, each checked like the first URL.
        data_dir: Where the reference data lives; ``None`` looks in the usual places.
        spacy_model: Name or path of the spaCy pipeline; ``None`` picks the first installed.
        ratings_overrides: The user's own source ratings (CSV or TOML), laid over the public ones.
        min_attribution_confidence: Drop attributions scoring under this (0 keeps every
            candidate); ``None`` uses the attribution model's threshold.
        span_model: Let the attribution span model add the contents the rules miss and
            extend the ones they cut short (False: the rules alone).
        deadline: Seconds the whole analysis of one article may take; stages still
            to run when it passes are reported as unfinished. ``None`` for no limit.
        fetch_total: Seconds a URL fetch may take in all (``fetch_timeout`` bounds
            each network phase; this bounds their sum).
        all_attributions: Keep every attribution the finder keeps, PolNeAR's notion
            (stances, acts, the writer's own voice); False keeps statements by someone
            other than the writer (:mod:`newsaudit.analysis.statements`).
    """

    stages: tuple[str, ...] | None = None
    allow_private: bool = False
    fetch_timeout: float = 10.0
    max_bytes: int = MAX_ARTICLE_BYTES
    max_redirects: int = 5
    data_dir: Path | None = None
    spacy_model: str | None = None
    ratings_overrides: Path | None = None
    min_attribution_confidence: float | None = None
    span_model: bool = True
    deadline: float | None = DEFAULT_DEADLINE
    fetch_total: float = FETCH_TOTAL_SECONDS
    all_attributions: bool = False

    def __post_init__(self) -> None:
        # A list of stage names is a natural thing to pass; keep the options
        # hashable (pipelines are cached by options) and say what is wrong
        # instead of failing later with a raw TypeError.
        if self.stages is not None:
            if isinstance(self.stages, str) or not all(isinstance(s, str) for s in self.stages):
                raise PipelineError("Options(stages=...) takes a sequence of stage names")
            object.__setattr__(self, "stages", tuple(self.stages))
