"""Split page text into body and furniture, line by line.

Every non-blank line gets a body probability from gradient-boosted trees over
line features (:mod:`newsaudit.parse.lines`; the trees run in NumPy,
:mod:`newsaudit.parse.trees`, trained by
:mod:`newsaudit.training.furniture` on the Scrapinghub pages); furniture phrases
(:mod:`newsaudit.parse.lexicon`) override it. Furniture lines get a kind; the
masthead (site name, sections, title, byline, date) is read from the lines above
the body by :mod:`newsaudit.parse.masthead`.
"""

from __future__ import annotations

import functools
import json
import re
from pathlib import Path

import numpy as np

from ..article import Article, Furniture
from ..errors import DataError
from ..options import Options
from ..pipeline import stage
from .lexicon import furniture_kind, licence_spans
from .lines import (
    CONTEXT_LINES,
    FEATURE_NAMES,
    FUNCTION_WORDS,
    Line,
    line_features,
    split_lines,
    with_context,
)
from .masthead import find_masthead
from .trees import Trees

_TERMINAL = re.compile(r"[.!?][\"'”’)\]]*$")
_WORD = re.compile(r"\w+")
MODEL_PATH = Path(__file__).resolve().parents[1] / "models" / "furniture.json"

#: Body probability above which a line is kept. 0.5 maximised character F1 in
#: page-disjoint cross-validation (benchmarks/body_lines.py; re-run after a change).
BODY_THRESHOLD = 0.5

#: A prose line (a full sentence of at least this many words, with function words)
#: touching the body joins it even below the threshold: it recovers the leading
#: paragraph after a headline and the last one before the furniture. Raised char
#: recall on the Scrapinghub pages (benchmarks/body_lines.py) without losing precision.
PROSE_JOIN_MIN_WORDS = 12
PROSE_JOIN_MIN_PROB = 0.15

#: A wire dateline opening a prose line ("WASHINGTON (Reuters) - The U.S. Congress
#: ...", "NEW YORK (AP) —"): the lead paragraph of a news story. Scraped article
#: text often starts with it, where the line model, trained on whole pages whose
#: first lines are navigation, scores it low; such a line joins the body whatever
#: its score (40 AllSides Reuters texts: 12 leads had been called navigation).
DATELINE_REACH = 2
DATELINE_LEAD = re.compile(
    r"^\s*(?:[A-Z][A-Z .,'’/-]{2,40}(?:,\s*[A-Z][a-z]{2,9}\.?(?:\s*\d{1,2})?)?\s*"
    r"\([^)\n]{1,40}\)|\([A-Z][^)\n]{1,40}\)|[A-Z][A-Z .,'’/-]{2,40})\s*[-—–]{1,2}\s+\S")

#: A body-looking line this short, with furniture on both sides, is furniture
#: (stray captions, "Advertisement" variants, button labels).
ISOLATED_MAX_WORDS = 6


@functools.lru_cache(maxsize=1)
def load_model(path: Path = MODEL_PATH) -> dict:
    """The trained line classifier (JSON weights), loaded once.

    Raises:
        DataError: If the weights are missing or were trained on other features.
    """
    try:
        model = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise DataError(
            f"furniture model {path} unreadable ({exc}); retrain it with "
            "`python -m newsaudit.training.furniture`"
        ) from exc
    if tuple(model.get("features", ())) != FEATURE_NAMES or \
            model.get("context") != CONTEXT_LINES:
        raise DataError(f"furniture model {path} was trained on other features; retrain it")
    model["predict"] = Trees(model["trees"])
    return model


def body_probability(model: dict, X: np.ndarray) -> np.ndarray:
    """Body probability for each row of a feature matrix."""
    predict = model.get("predict") or Trees(model["trees"])
    return predict(X)


#: Share of English function words among the words of a page's long lines (8 words
#: or more) under which the page is taken as not English. English pages of the
#: Scrapinghub and Dragnet sets have 0.35-0.55 (one page of sports box scores
#: falls under); the 20 Scrapinghub pages in other languages 0.00-0.08.
ENGLISH_MIN_SHARE = 0.15


def looks_english(lines: list[Line]) -> bool:
    """Whether the page's long lines read as English (by their function words)."""
    words = [w.lower() for ln in lines for w in _WORD.findall(ln.text)
             if len(ln.text.split()) >= 8]
    if not words:
        words = [w.lower() for ln in lines for w in _WORD.findall(ln.text)]
    share = sum(w in FUNCTION_WORDS for w in words) / max(1, len(words))
    return share >= ENGLISH_MIN_SHARE


def extractor_held(lines: list[Line], evidence: str) -> list[bool]:
    """Which lines trafilatura's main text holds."""
    held = " ".join(_WORD.findall(evidence.lower()))
    out = []
    for ln in lines:
        n = " ".join(_WORD.findall(ln.text.lower()))
        out.append(bool(n) and n in held)
    return out


def classify_lines(lines: list[Line], X: np.ndarray, model: dict,
                   prob: np.ndarray | None = None) -> list[bool]:
    """Whether each line is body: the model, then phrase overrides and smoothing.

    Args:
        lines: The page's lines.
        X: Their feature matrix, with context.
        model: The loaded classifier.
        prob: The body probabilities when already computed from ``X``.
    """
    if prob is None:
        prob = body_probability(model, X)
    keep = [bool(p >= BODY_THRESHOLD) for p in prob]
    for i, ln in enumerate(lines):
        if furniture_kind(ln.text):
            keep[i] = False
    if not any(keep):
        # Short pages can fall below the threshold everywhere: seed the body with
        # the likeliest prose line and let it grow over its prose neighbours.
        prose = [i for i, ln in enumerate(lines)
                 if _is_prose(ln.text) and not furniture_kind(ln.text)]
        if prose:
            keep[max(prose, key=lambda i: prob[i])] = True
    _join_prose(lines, prob, keep)
    for i, ln in enumerate(lines):
        if not keep[i] or len(ln.text.split()) > ISOLATED_MAX_WORDS:
            continue
        before = keep[i - 1] if i > 0 else False
        after = keep[i + 1] if i + 1 < len(lines) else False
        if not before and not after:
            keep[i] = False
    return keep


def _is_prose(text: str) -> bool:
    words = text.split()
    if len(words) < PROSE_JOIN_MIN_WORDS or not _TERMINAL.search(text):
        return False
    return sum(w.lower().strip(",.;:") in FUNCTION_WORDS for w in words) / len(words) > 0.25


def _dateline_lead(text: str) -> bool:
    """A sentence-long line opened by a wire dateline (names are most of its words,
    so the function-word share of :func:`_is_prose` does not apply)."""
    return bool(DATELINE_LEAD.match(text)) and len(text.split()) >= PROSE_JOIN_MIN_WORDS \
        and bool(_TERMINAL.search(text))


def _join_prose(lines: list[Line], prob: np.ndarray, keep: list[bool]) -> None:
    """Grow the body over adjacent prose lines, up and down, until furniture.

    A sweep down then a sweep up reach the same lines as growing one line at a
    time until nothing changes, in linear time: a run of joinable lines touching
    the body from above is filled by the first sweep, from below by the second.
    """
    n = len(lines)
    joinable = [not keep[i] and not furniture_kind(ln.text) and (
                (prob[i] >= PROSE_JOIN_MIN_PROB and _is_prose(ln.text))
                or _dateline_lead(ln.text))
                for i, ln in enumerate(lines)]
    for i in range(1, n):
        if joinable[i] and keep[i - 1]:
            keep[i] = True
    for i in range(n - 2, -1, -1):
        if joinable[i] and keep[i + 1]:
            keep[i] = True
    # A dateline lead is often followed by its photo's caption: it joins a body
    # that starts within the next DATELINE_REACH lines.
    for i, ln in enumerate(lines):
        if not keep[i] and joinable[i] and _dateline_lead(ln.text) \
                and any(keep[i + 1 : i + 1 + DATELINE_REACH]):
            keep[i] = True


def _kind(line: Line, index: int, first_body: int, last_body: int) -> str:
    kind = furniture_kind(line.text)
    if kind:
        return kind
    if index < first_body:
        return "navigation"
    if index > last_body:
        return "related"
    return "other"


@stage("parse.furniture", version="4", requires=("text",),
       assigns=("furniture", "masthead", "body"))
class ParseFurniture:
    """Classify each line as body or furniture (with its kind) and read the masthead."""

    def __init__(self, options: Options):
        self.model = load_model()

    def __call__(self, article: Article) -> None:
        lines = split_lines(article.text)
        evidence = article.meta.origin.get("main_text")
        X = with_context(line_features(lines, evidence))
        prob = body_probability(self.model, X)
        if evidence and not looks_english(lines):
            # The line model knows English only (its function-word features are
            # English): on a page in another language with HTML in hand, the
            # extractor's decision stands, so the body is never worse than its own.
            keep = extractor_held(lines, evidence)
        else:
            keep = classify_lines(lines, X, self.model, prob)
        body_idx = [i for i, k in enumerate(keep) if k]
        first = body_idx[0] if body_idx else len(lines)
        last = body_idx[-1] if body_idx else -1
        masthead, masthead_idx = find_masthead(article, lines, first)
        article.masthead = masthead
        furniture = []
        for i, ln in enumerate(lines):
            if keep[i] and i not in masthead_idx:
                continue
            kind = "masthead" if i in masthead_idx else _kind(ln, i, first, last)
            score = round(1 - float(prob[i]), 3)
            furniture.append(Furniture(ln.start, ln.end, ln.text, kind, score))
        body: list[tuple[int, int]] = []
        for i, ln in enumerate(lines):
            if not keep[i] or i in masthead_idx:
                continue
            pieces, notices = _carve_notices(ln)
            body.extend(pieces)
            furniture.extend(Furniture(s, e, article.text[s:e], "licence", 1.0)
                             for s, e in notices)
        article.furniture = sorted(furniture, key=lambda f: f.start)
        article.body = body


def _carve_notices(line: Line) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """A body line's body ranges and licence notices (offsets into the text).

    A line that is body as a whole may still carry a notice among its sentences
    (an article on one line); the notice is furniture, the rest stays body.
    """
    notices = [(line.start + s, line.start + e) for s, e in licence_spans(line.text)]
    if not notices:
        return [(line.start, line.end)], []
    pieces, pos = [], line.start
    for s, e in notices:
        pieces.append((pos, s))
        pos = e
    pieces.append((pos, line.end))
    return [_trim(line, s, e) for s, e in pieces if line.text[s - line.start:e - line.start]
            .strip()], notices


def _trim(line: Line, start: int, end: int) -> tuple[int, int]:
    text = line.text
    while start < end and text[start - line.start].isspace():
        start += 1
    while end > start and text[end - line.start - 1].isspace():
        end -= 1
    return start, end
