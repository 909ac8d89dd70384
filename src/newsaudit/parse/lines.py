"""Lines of page text and the features the furniture classifier reads from them.

A line is a maximal run of non-newline characters holding something other than
white space; its features describe its shape (length, punctuation, function
words, capitals, link-like runs), its position on the page and its neighbours.
The same features are computed at training time (:mod:`newsaudit.training.furniture`)
and at run time, from text alone; HTML adds one piece of evidence (whether
trafilatura's main-text extraction holds the line).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

import numpy as np

from .lexicon import furniture_kind

_LINE = re.compile(r"[^\n]*\S[^\n]*")
_WORD = re.compile(r"[A-Za-z\u00c0-\u024f]+(?:['’][A-Za-z]+)?|\d+(?:[.,]\d+)*")
_CAMEL_RUN = re.compile(r"[a-z][A-Z][a-z]")
_SEPARATORS = re.compile(r"[|•›»·▸►→/]|\s-\s")
_TERMINAL = re.compile(r"[.!?:;][\"'”’)\]]*$")
_SENTENCE_BREAK = re.compile(r"[.!?][\"'”’)]*\s+[A-Z“\"‘]")
# An address is a non-space character, "@", then a dotted host. The host part
# cannot run past another "@", so each character is scanned at most twice: linear
# even on a long run without spaces ("\S+@\S+" is quadratic there).
_EMAIL_URL = re.compile(r"[^\s@]@[^\s@]*\.\w|https?://|www\.\w", re.I)
_BYLINE = re.compile(r"^\s*(by|written by|posted by|author:?)\s+[A-Z]", re.I)

# The 120 most frequent English function words (closed-class words of the
# Brown corpus); running prose has roughly 40-55% of them, menus almost none.
FUNCTION_WORDS = frozenset(
    """
a about above after again against all am an and any are as at be because
been before being below between both but by can could did do does doing down during
each few for from further had has have having he her here hers herself him himself
his how i if in into is it its itself just me more most my myself
no nor not now of off on once only or other our ours ourselves out over
own same she should so some such than that the their theirs them themselves then there
these they this those through to too under until up very was we were what when
where which while who whom why will with would you your yours yourself yourselves said says
also
"""
    .split()
)

FEATURE_NAMES = (
    "log_words", "log_chars", "terminal", "sentences", "function_ratio", "capital_ratio",
    "punct_ratio", "digit_ratio", "camel_runs", "separators", "lexicon", "position",
    "prev_log_words", "next_log_words", "window_log_words", "window_prose", "email_url",
    "byline", "upper_ratio", "has_evidence", "in_evidence", "short_title_like",
    "prose_above", "prose_below", "gap_above", "gap_below", "prev_terminal", "next_terminal",
    "prev_function", "next_function", "prose_chars_before", "after_comments", "after_related",
    "window_lexicon",
)

#: Lines scanned up and down for the nearest prose-like line (gap features).
PROSE_GAP_CAP = 10


@dataclass(frozen=True, slots=True)
class Line:
    """One non-blank line of text: its offsets and the text between them."""

    start: int
    end: int
    text: str


def split_lines(text: str) -> list[Line]:
    """The non-blank lines of ``text``, trailing white space excluded from each span."""
    out = []
    for m in _LINE.finditer(text):
        s, e = m.start(), m.end()
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        out.append(Line(s, e, text[s:e]))
    return out


def _shape(line: str) -> list[float]:
    words = _WORD.findall(line)
    n = len(words)
    chars = len(line)
    lower = [w.lower() for w in words]
    alpha = [w for w in words if w[0].isalpha()]
    punct = sum(1 for c in line if not c.isalnum() and not c.isspace())
    digits = sum(1 for c in line if c.isdigit())
    return [
        math.log1p(n),
        math.log1p(chars),
        1.0 if _TERMINAL.search(line) else 0.0,
        math.log1p(len(_SENTENCE_BREAK.findall(line))),
        sum(1 for w in lower if w in FUNCTION_WORDS) / n if n else 0.0,
        sum(1 for w in alpha if w[0].isupper()) / len(alpha) if alpha else 0.0,
        punct / chars if chars else 0.0,
        digits / chars if chars else 0.0,
        math.log1p(len(_CAMEL_RUN.findall(line))),
        math.log1p(len(_SEPARATORS.findall(line))),
    ]


def line_features(lines: list[Line], evidence: str | None = None) -> np.ndarray:
    """Feature matrix (one row a line, columns :data:`FEATURE_NAMES`)."""
    n = len(lines)
    if n == 0:
        return np.zeros((0, len(FEATURE_NAMES)))
    kinds = [furniture_kind(ln.text) for ln in lines]
    lexicon = np.array([k is not None for k in kinds], dtype=float)
    shapes = np.hstack([np.array([_shape(ln.text) for ln in lines], dtype=float),
                        lexicon[:, None]])
    logw = shapes[:, 0]
    # prose-like: a long line with function words, the signature of body text
    prose = ((logw > math.log1p(12)) & (shapes[:, 4] > 0.25)).astype(float)
    ev_norm = _norm(evidence) if evidence else ""
    prose_idx = np.flatnonzero(prose)
    chars = np.array([len(ln.text) for ln in lines], dtype=float) * prose
    cum = np.cumsum(chars) / max(1.0, float(chars.sum()))
    after_comments = np.cumsum([k == "comments" for k in kinds]) > 0
    after_related = np.cumsum([k == "related" for k in kinds]) > 0
    rows = []
    for i, ln in enumerate(lines):
        lo, hi = max(0, i - 3), min(n, i + 4)
        text = ln.text
        in_ev = 0.0
        if ev_norm:
            nt = _norm(text)
            in_ev = 1.0 if nt and nt in ev_norm else 0.0
        rows.append([
            i / max(1, n - 1),
            logw[i - 1] if i > 0 else 0.0,
            logw[i + 1] if i + 1 < n else 0.0,
            float(np.mean(logw[lo:hi])),
            float(np.mean(prose[lo:hi])),
            1.0 if _EMAIL_URL.search(text) else 0.0,
            1.0 if _BYLINE.match(text) else 0.0,
            _upper_ratio(text),
            1.0 if ev_norm else 0.0,
            in_ev,
            1.0 if 3 <= len(text.split()) <= 20 and not _TERMINAL.search(text) else 0.0,
            *_prose_context(i, prose_idx),
            shapes[i - 1, 2] if i > 0 else 0.0,
            shapes[i + 1, 2] if i + 1 < n else 0.0,
            shapes[i - 1, 4] if i > 0 else 0.0,
            shapes[i + 1, 4] if i + 1 < n else 0.0,
            float(cum[i]),
            float(after_comments[i - 1]) if i > 0 else 0.0,
            float(after_related[i - 1]) if i > 0 else 0.0,
            float(np.mean(lexicon[lo:hi])),
        ])
    return np.hstack([shapes, np.array(rows, dtype=float)])


#: Lines of context on each side whose features join a line's own (the model sees
#: a five-line window). Two lifted text-only char F1 from 0.915 to 0.930 in
#: page-disjoint CV (benchmarks/body_lines.py).
CONTEXT_LINES = 2


def with_context(X: np.ndarray, k: int = CONTEXT_LINES) -> np.ndarray:
    """Each row followed by the rows ``1..k`` above and below it (zeros past the edges)."""
    n, width = X.shape
    parts = [X]
    for d in range(1, k + 1):
        pad = np.zeros((min(d, n), width))
        parts.append(np.vstack([pad, X[:-d]]) if n > d else np.zeros_like(X))
        parts.append(np.vstack([X[d:], pad]) if n > d else np.zeros_like(X))
    return np.hstack(parts)


def _prose_context(i: int, prose_idx: np.ndarray) -> tuple[float, float, float, float]:
    """Whether prose lies above/below line ``i``, and how many lines away (capped)."""
    # Two binary searches, no slicing: constant work per line on any page.
    k_above = int(np.searchsorted(prose_idx, i, side="left"))
    k_below = int(np.searchsorted(prose_idx, i, side="right"))
    has_a, has_b = k_above > 0, k_below < len(prose_idx)
    gap_a = min(PROSE_GAP_CAP, i - int(prose_idx[k_above - 1])) if has_a else PROSE_GAP_CAP
    gap_b = min(PROSE_GAP_CAP, int(prose_idx[k_below]) - i) if has_b else PROSE_GAP_CAP
    return (float(has_a), float(has_b), math.log1p(gap_a), math.log1p(gap_b))


def _upper_ratio(text: str) -> float:
    letters = [c for c in text if c.isalpha()]
    return sum(1 for c in letters if c.isupper()) / len(letters) if letters else 0.0


def _norm(text: str) -> str:
    return " ".join(_WORD.findall(text.lower()))
