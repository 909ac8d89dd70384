"""newsaudit: audit news articles, with every finding pointing at the exact words.

Example:
    >>> import newsaudit
    >>> report = newsaudit.analyze(open("article.txt").read())
    >>> report.to_dict()["article"]["title"]
"""

import logging

from .about import __version__
from .article import Article, Furniture, Masthead, Metadata, Note, Span
from .core import analyze, get_pipeline
from .corpus import analyze_many, read_results
from .corpus.copies import CopyOptions, CopyResult, find_copies
from .corpus.copyreport import write_copies
from .corpus.stories import StoryOptions, StoryResult, find_stories, write_stories
from .errors import (
    DataError,
    DeadlineError,
    FetchError,
    InputError,
    NewsauditError,
    PipelineError,
)
from .options import Options
from .pipeline import Pipeline, registered, stage
from .read import read
from .report import SCHEMA_VERSION, Report

logging.getLogger(__name__).addHandler(logging.NullHandler())

__all__ = [
    "SCHEMA_VERSION",
    "Article",
    "CopyOptions",
    "CopyResult",
    "DataError",
    "DeadlineError",
    "FetchError",
    "Furniture",
    "InputError",
    "Masthead",
    "Metadata",
    "NewsauditError",
    "Note",
    "Options",
    "Pipeline",
    "PipelineError",
    "Report",
    "Span",
    "StoryOptions",
    "StoryResult",
    "__version__",
    "analyze",
    "analyze_many",
    "find_copies",
    "find_stories",
    "get_pipeline",
    "read",
    "read_results",
    "registered",
    "stage",
    "write_copies",
    "write_stories",
]
