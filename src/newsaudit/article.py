"""The central object: an :class:`Article` holding the text exactly as read.

Like spaCy's ``Doc``, an ``Article`` never changes its ``text``; every stage adds
findings that point into it with ``start``/``end`` character offsets (Python slice
semantics). The cleaned body is a list of kept ranges over ``text``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True, slots=True)
class Span:
    """A stretch of an article's text: ``text == article.text[start:end]``."""

    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Furniture:
    """A stretch of page furniture (not part of the article's body)."""

    start: int
    end: int
    text: str
    kind: str
    score: float = 1.0


@dataclass(frozen=True, slots=True)
class Note:
    """Something the reader should know about how the article was analysed.

    Input a step had to leave out (over-long runs the parser skipped, HTML nested
    past the parser's depth limit), a page's claim that disagrees with where it
    came from, a stage that did not finish before the deadline. ``start``/``end``
    point into the text when the note is about a stretch of it.
    """

    step: str
    kind: str
    message: str
    start: int | None = None
    end: int | None = None


FURNITURE_KINDS = (
    "masthead",
    "navigation",
    "donation",
    "subscription",
    "share",
    "comments",
    "advertising",
    "licence",
    "legal",
    "related",
    "caption",
    "embed",
    "poll",
    "other",
)


@dataclass(slots=True)
class Metadata:
    """What came with the article or was read from its page, before any parsing."""

    url: str | None = None
    site_name: str | None = None
    domain: str | None = None
    title: str | None = None
    authors: list[str] = field(default_factory=list)
    published: str | None = None
    sections: list[str] = field(default_factory=list)
    #: How the input was read: "text", "html", "url" (plus encoding, content type...).
    origin: dict[str, Any] = field(default_factory=dict)


@dataclass(slots=True)
class Masthead:
    """The page's masthead as parsed from its text; each part points into the text."""

    site_name: Span | None = None
    sections: list[Span] = field(default_factory=list)
    title: Span | None = None
    byline: Span | None = None
    authors: list[str] = field(default_factory=list)
    date: Span | None = None
    published: str | None = None
    #: How the site's name was found: "given" (--site or the page's metadata),
    #: "masthead line", or a self-reference ("subscription line", "dateline credit",
    #: "support appeal", "copyright line"); None when the site is unknown.
    site_method: str | None = None
    #: Where ``published`` came from when not from a line: "url" (its path).
    published_from: str | None = None


class Article:
    """An article's text plus everything the pipeline found in it.

    Args:
        text: The text exactly as read (for HTML: the page's text, one block a line).
        meta: Metadata that came with the input.
        html: The raw HTML, when the input was HTML; kept as evidence for stages.
    """

    def __init__(self, text: str, meta: Metadata | None = None, *, html: str | None = None):
        self.text = text
        self.meta = meta if meta is not None else Metadata()
        self.html = html
        # Filled by stages; the attribute names are what stages declare they assign.
        self.furniture: list[Furniture] = []
        self.masthead: Masthead | None = None
        self.body: list[tuple[int, int]] = []
        self.doc: Any = None  # spaCy Doc over body_text(), offsets equal to text offsets
        self.provenance: Any = None
        self.attributions: list[Any] = []
        self.entities: list[Any] = []
        self.claims: list[Any] = []
        self.signals: dict[str, Any] = {}
        self.source_rating: Any = None
        #: Ratings of the sources provenance names, by the domain (else the name)
        #: each was looked up with; the report places each under its source.
        self.provenance_ratings: dict[str, Any] = {}
        self.credibility: Any = None
        #: Room for stages added by users, reported under ``extensions``.
        self.extensions: dict[str, Any] = {}
        self.timings: dict[str, float] = {}
        self.stages_run: list[tuple[str, str]] = []
        #: What was left out or went wrong on the way (reported under ``notes``).
        self.notes: list[Note] = []
        #: Stages that did not finish (the deadline passed), reported under ``unfinished``.
        self.unfinished: list[str] = []
        #: Stages that failed on this article, with the reason (see ``Pipeline``).
        self.failures: dict[str, str] = {}

    def note(self, step: str, kind: str, message: str, start: int | None = None,
             end: int | None = None) -> None:
        """Record a :class:`Note` for the report."""
        self.notes.append(Note(step, kind, message, start, end))

    def __repr__(self) -> str:
        head = self.text[:40].replace("\n", " ")
        return f"<Article {len(self.text)} chars: {head!r}...>"

    def __len__(self) -> int:
        return len(self.text)

    def span(self, start: int, end: int) -> Span:
        """The span of ``text`` from ``start`` to ``end``.

        Raises:
            ValueError: If the offsets fall outside the text or are reversed.
        """
        if not 0 <= start <= end <= len(self.text):
            raise ValueError(f"span {start}:{end} outside text of length {len(self.text)}")
        return Span(start, end, self.text[start:end])

    def body_spans(self) -> list[Span]:
        """The kept body ranges as spans."""
        return [self.span(s, e) for s, e in self.body]

    def body_string(self, sep: str = "\n\n") -> str:
        """The body as readable text: the kept ranges joined by ``sep``."""
        return sep.join(self.text[s:e] for s, e in self.body)

    def body_text(self) -> str:
        """The text with everything outside the body blanked, same length as ``text``.

        Characters outside the kept ranges become spaces (newlines stay), so any
        offset into this string is an offset into ``text``. Stages run NLP on it.
        """
        if not self.body:
            return "".join(c if c == "\n" else " " for c in self.text)
        parts: list[str] = []
        pos = 0
        for start, end in self.body:
            gap = self.text[pos:start]
            parts.append("".join(c if c == "\n" else " " for c in gap))
            parts.append(self.text[start:end])
            pos = end
        tail = self.text[pos:]
        parts.append("".join(c if c == "\n" else " " for c in tail))
        return "".join(parts)

    def in_body(self, start: int, end: int) -> bool:
        """Whether ``start:end`` lies inside one kept body range."""
        return any(s <= start and end <= e for s, e in self.body)
