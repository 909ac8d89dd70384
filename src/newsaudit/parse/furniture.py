"""Split page text into body and furniture, line by line.

Every non-blank line gets a body probability from gradient-boosted trees over
line features (:mod:`newsaudit.parse.lines`) and page-level, language-neutral
ones (:mod:`newsaudit.parse.page`); the trees run in NumPy
(:mod:`newsaudit.parse.trees`) and are trained by
:mod:`newsaudit.training.furniture` on the Scrapinghub and Dragnet pages; furniture phrases
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
from ..errors import DataError, NoContentError
from ..html import page_blocks, parse_tree
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
from .page import (
    PAGE_FEATURE_NAMES,
    SENTENCE_END,
    frequent_words,
    page_features,
    tokens,
    word_count,
)
from .trees import Trees

_WORD = re.compile(r"\w+")
MODEL_PATH = Path(__file__).resolve().parents[1] / "models" / "furniture.json"
TEXT_MODEL_PATH = MODEL_PATH.with_name("furniture_text.json")

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
    return _load(path, FEATURE_NAMES + PAGE_FEATURE_NAMES)


@functools.lru_cache(maxsize=1)
def load_text_model(path: Path = TEXT_MODEL_PATH) -> dict:
    """The classifier over line features alone, blended in on text without HTML.

    Raises:
        DataError: If the weights are missing or were trained on other features.
    """
    return _load(path, FEATURE_NAMES)


def _load(path: Path, features: tuple[str, ...]) -> dict:
    try:
        model = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise DataError(
            f"furniture model {path} unreadable ({exc}); retrain it with "
            "`python -m newsaudit.training.furniture`"
        ) from exc
    if tuple(model.get("features", ())) != features or \
            model.get("context") != CONTEXT_LINES:
        raise DataError(f"furniture model {path} was trained on other features; retrain it")
    model["predict"] = Trees(model["trees"])
    return model


def page_matrix(lines: list[Line], evidence: str | None = None,
                links: list[float] | None = None) -> np.ndarray:
    """The model's inputs: each line's features and its neighbours' (one row a line).

    Args:
        lines: The page's lines.
        evidence: trafilatura's main text, when HTML was given.
        links: Each line's link share, when HTML was given.
    """
    X = np.hstack([line_features(lines, evidence), page_features(lines, evidence, links)])
    return with_context(X)


def html_links(article: Article, lines: list[Line]) -> list[float] | None:
    """Each line's link share from the article's HTML, or None without HTML.

    None too when the HTML's lines are not the article's (text edited after reading).
    """
    if not article.html:
        return None
    try:
        root, _ = parse_tree(article.html)
    except NoContentError:  # read_html parsed it once; a page that fails now has no links
        return None
    body = root.find("body")
    blocks = page_blocks(body if body is not None else root)
    if len(blocks) != len(lines) or any(t != ln.text for (t, _), ln in zip(blocks, lines,
                                                                            strict=True)):
        return None
    return [share for _, share in blocks]


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


#: On text without HTML an English page's line body probability is this share of
#: the page model's (trained on both collections) and the rest the text model's
#: (line features only, trained on the Scrapinghub pages); a page in another
#: language takes the text model's alone. Page-disjoint CV over both collections
#: (char F1, Scrapinghub / Dragnet / the 20 pages not in English): text model
#: alone 0.9248 / 0.7553 / 0.9181, page model alone 0.9119 / 0.9185 / 0.7985,
#: blended at 0.55 0.9359 / 0.9016, at 0.6 0.9364 / 0.9072, at 0.65 0.9360 / 0.9100
#: (benchmarks/body_lines.py; 30 Nov 2026).
TEXT_BLEND = 0.6

#: With HTML, a line whose body probability is within this margin of the threshold
#: takes the extractor's decision instead (trafilatura's main text holds it or
#: not): where the line model is unsure, the extractor is usually right. Page-disjoint
#: CV over both collections (char F1 with HTML, Scrapinghub / Dragnet): margin 0
#: 0.9657 / 0.9499, 0.1 0.9680 / 0.9502, 0.2 0.9692 / 0.9494, 0.3 0.9709 / 0.9460,
#: 0.4 0.9704 / 0.9392 (trafilatura 0.9645 / 0.9221; 30 Nov 2026).
EXTRACTOR_MARGIN = 0.2


def decide_lines(lines: list[Line], model: dict, evidence: str | None = None,
                 links: list[float] | None = None, text_model: dict | None = None
                 ) -> tuple[list[bool], np.ndarray]:
    """Whether each line is body, and its body probability, from the page's text and,
    when given, its HTML evidence.

    Args:
        lines: The page's lines.
        model: The loaded classifier (:func:`load_model`).
        evidence: trafilatura's main text, when HTML was given.
        links: Each line's link share, when HTML was given.
        text_model: The line-feature classifier (:func:`load_text_model`), blended
            in when there is no HTML evidence (:data:`TEXT_BLEND`).
    """
    english = looks_english(lines)  # read once: every step below depends on it
    prob = body_probability(model, page_matrix(lines, evidence, links))
    if not evidence and text_model is not None and len(lines):
        prob = blend(lines, prob,
                     body_probability(text_model, with_context(line_features(lines))),
                     english=english)
    return decide_from_probability(lines, prob, evidence, english=english), prob


def blend(lines: list[Line], page_prob: np.ndarray, text_prob: np.ndarray, *,
          english: bool | None = None) -> np.ndarray:
    """The body probability on text without HTML, from both models (:data:`TEXT_BLEND`):
    on a page not in English, the text model's alone. ``english``: the page's
    :func:`looks_english`, when already known."""
    if english is None:
        english = looks_english(lines)
    w = TEXT_BLEND if english else 0.0
    return w * page_prob + (1 - w) * text_prob


def decide_from_probability(lines: list[Line], prob: np.ndarray,
                            evidence: str | None = None, *,
                            english: bool | None = None) -> list[bool]:
    """Whether each line is body, from its body probability and the extractor's text.

    Args:
        lines: The page's lines.
        prob: Their body probabilities.
        evidence: trafilatura's main text, when HTML was given.
        english: The page's :func:`looks_english`, when already known.
    """
    if english is None:
        english = looks_english(lines)
    if evidence and not english:
        # The line model has seen few pages in other languages (20 of 1,560): there,
        # with HTML in hand, the extractor's decision stands, so the body is never
        # worse than its own.
        return extractor_held(lines, evidence)
    keep = classify_lines(lines, prob, english=english)
    if evidence and EXTRACTOR_MARGIN > 0:
        held = extractor_held(lines, evidence)
        for i, p in enumerate(prob):
            if abs(p - BODY_THRESHOLD) < EXTRACTOR_MARGIN and not furniture_kind(lines[i].text):
                keep[i] = held[i]
    return keep


def classify_lines(lines: list[Line], prob: np.ndarray, *,
                   english: bool | None = None) -> list[bool]:
    """Whether each line is body: the model's probabilities, then phrase overrides
    and smoothing.

    Args:
        lines: The page's lines.
        prob: Their body probabilities.
        english: The page's :func:`looks_english`, when already known.
    """
    keep = [bool(p >= BODY_THRESHOLD) for p in prob]
    for i, ln in enumerate(lines):
        if furniture_kind(ln.text):
            keep[i] = False
    # Prose is told by function words: English ones on an English page, else the
    # page's own most frequent words (those of its language).
    if english is None:
        english = looks_english(lines)
    words = FUNCTION_WORDS if english else frequent_words(lines)
    prose = [_is_prose(ln.text, words) and not furniture_kind(ln.text) for ln in lines]
    if not any(keep):
        # Short pages can fall below the threshold everywhere: seed the body with
        # the likeliest prose line and let it grow over its prose neighbours. An
        # article written on one line (JSON and CSV text often is) may end with
        # furniture and so not read as a sentence: the likeliest long line seeds it then.
        seeds = [i for i, p in enumerate(prose) if p] or [
            i for i, ln in enumerate(lines)
            if word_count(ln.text) >= PROSE_JOIN_MIN_WORDS and not furniture_kind(ln.text)]
        if seeds:
            keep[max(seeds, key=lambda i: prob[i])] = True
    _join_prose(lines, prob, keep, prose)
    for i, ln in enumerate(lines):
        if not keep[i] or word_count(ln.text) > ISOLATED_MAX_WORDS:
            continue
        before = keep[i - 1] if i > 0 else False
        after = keep[i + 1] if i + 1 < len(lines) else False
        if not before and not after:
            keep[i] = False
    return keep


def _is_prose(text: str, function_words: frozenset[str]) -> bool:
    """A full sentence of some length, a quarter or more of it function words."""
    if word_count(text) < PROSE_JOIN_MIN_WORDS or not SENTENCE_END.search(text):
        return False
    words = tokens(text)
    if len(words) < 3:  # a sentence in a script written without spaces
        return True
    return sum(w in function_words for w in words) / len(words) > 0.25


def _dateline_lead(text: str) -> bool:
    """A sentence-long line opened by a wire dateline (names are most of its words,
    so the function-word share of :func:`_is_prose` does not apply)."""
    return bool(DATELINE_LEAD.match(text)) and word_count(text) >= PROSE_JOIN_MIN_WORDS \
        and bool(SENTENCE_END.search(text))


def _join_prose(lines: list[Line], prob: np.ndarray, keep: list[bool],
                prose: list[bool]) -> None:
    """Grow the body over adjacent prose lines, up and down, until furniture.

    A sweep down then a sweep up reach the same lines as growing one line at a
    time until nothing changes, in linear time: a run of joinable lines touching
    the body from above is filled by the first sweep, from below by the second.
    """
    n = len(lines)
    lead = [_dateline_lead(ln.text) and not furniture_kind(ln.text) for ln in lines]
    joinable = [not keep[i] and ((prob[i] >= PROSE_JOIN_MIN_PROB and prose[i]) or lead[i])
                for i in range(n)]
    for i in range(1, n):
        if joinable[i] and keep[i - 1]:
            keep[i] = True
    for i in range(n - 2, -1, -1):
        if joinable[i] and keep[i + 1]:
            keep[i] = True
    # A dateline lead is often followed by its photo's caption: it joins a body
    # that starts within the next DATELINE_REACH lines.
    for i in range(n):
        if not keep[i] and lead[i] and any(keep[i + 1 : i + 1 + DATELINE_REACH]):
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


@stage("parse.furniture", version="5", requires=("text",),
       assigns=("furniture", "masthead", "body"))
class ParseFurniture:
    """Classify each line as body or furniture (with its kind) and read the masthead."""

    def __init__(self, options: Options):
        self.model = load_model()
        self.text_model = load_text_model()

    def __call__(self, article: Article) -> None:
        lines = split_lines(article.text)
        evidence = article.meta.origin.get("main_text")
        keep, prob = decide_lines(lines, self.model, evidence, html_links(article, lines),
                                  self.text_model)
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
