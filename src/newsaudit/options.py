"""One options object, built once and passed down to every stage."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

#: Largest input accepted as one article (text, HTML or a fetched page). Real
#: articles are far below this (the longest of the 37,554 AllSides articles is
#: under 200 kB); anything bigger is a corpus or a mistake, not an article.
MAX_ARTICLE_BYTES = 10 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class Options:
    """Settings for one analysis run.

    Args:
        stages: Names of the stages to run, in order; ``None`` runs the default pipeline.
        allow_private: Let URL fetching reach loopback, private and link-local addresses.
        fetch_timeout: Seconds for each network phase of a fetch.
        max_bytes: Size cap for an input or a fetched body.
        max_redirects: Redirects a fetch follows, each checked like the first URL.
        data_dir: Where the reference data lives; ``None`` looks in the usual places.
        spacy_model: Name or path of the spaCy pipeline; ``None`` picks the first installed.
        ratings_overrides: The user's own source ratings (CSV or TOML), laid over the public ones.
        min_attribution_confidence: Drop attributions scoring under this (0 keeps every
            candidate); ``None`` uses the attribution model's threshold.
        span_model: Let the attribution span model add the contents the rules miss and
            extend the ones they cut short (False: the rules alone).
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
