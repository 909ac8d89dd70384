"""Line features read from the whole page, in any language.

The shape features of :mod:`newsaudit.parse.lines` count English function words
and Latin letters. The features here ask what a line shares with the rest of its
page instead, which holds in any language and on any site:

- *page-frequent words*: the share of a line's words that are among the page's
  most frequent words (in running prose those are the function words of the
  page's own language: "the", "der", "и"; menus and headlines have few);
- *repetition*: how often the same line occurs on the page (menus and share rows
  are repeated at the top and bottom, body sentences are not);
- *agreement with the extractor*: the share of a line's word trigrams that
  trafilatura's main text holds, when HTML was given (the exact-containment
  feature misses lines the extractor cut or joined);
- *link density*: the share of a line's characters inside links, when HTML was
  given (:func:`newsaudit.html.page_blocks`);
- *text blocks*: runs of long lines, bridging single short ones (subheads,
  captions); the article is usually the largest run, reader comments come after
  it cut up by name, time and "Reply" lines. A line knows its run's share of the
  page's long-line text, whether that run is the largest, and how far it lies
  before or after the largest;
- *time stamps*: lines with a clock time ("5:42 pm", "17:42"), the headers of
  comments and of related-post lists, and how many came before.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence

import numpy as np

from .lines import Line

PAGE_FEATURE_NAMES = (
    "page_frequent_ratio", "log_unicode_words", "repeats", "evidence_overlap",
    "unicode_terminal", "window_page_frequent", "has_links", "link_share", "window_link_share",
    "block_share", "in_largest_block", "before_largest_block", "after_largest_block",
    "largest_block_distance", "time_stamp", "time_stamps_above",
)

#: A line of at least this many words or characters is a long line of a text block.
BLOCK_MIN_WORDS = 8
BLOCK_MIN_CHARS = 80
#: Short lines a text block bridges (a subhead, a caption) between two long ones.
BLOCK_MAX_GAP = 1
#: Distance in lines to the largest block is capped here (log scale above).
BLOCK_DISTANCE_CAP = 50

_TIME = re.compile(r"(?<!\d)\d{1,2}:\d{2}(?!\d)")

#: Words per line for a line to count as prose when the page's frequent words are
#: counted (menus and headlines would otherwise crowd in "home", "news", ...).
FREQUENT_MIN_WORDS = 8

#: How many of the page's most frequent words stand in for its function words:
#: in English prose the 30 most frequent words of a page are mostly closed-class.
FREQUENT_TOP = 30

_UWORD = re.compile(r"\w+")
#: Sentence-final punctuation in Latin, CJK, Devanagari, Arabic and Armenian scripts.
TERMINAL = re.compile(r"[.!?:;。！？।؟։…][\"'”’»)\]]*$")
#: The end of a sentence in those scripts (no colon or semicolon).
SENTENCE_END = re.compile(r"[.!?。！？।؟։…][\"'”’»)\]]*$")
#: Characters of scripts written without spaces between words (kana, CJK ideographs).
_UNSPACED = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
#: Characters of an unspaced script that stand for one word of a spaced one (a
#: Japanese or Chinese word is about two characters).
CHARS_A_WORD = 2


def tokens(text: str) -> list[str]:
    """The lower-cased words of ``text``, numbers left out."""
    return [w for w in _UWORD.findall(text.lower()) if not w.isdigit()]


def word_count(text: str) -> int:
    """How many words ``text`` holds, counting unspaced scripts by characters."""
    return max(len(text.split()), len(_UNSPACED.findall(text)) // CHARS_A_WORD)


def frequent_words(lines: Sequence[Line]) -> frozenset[str]:
    """The page's most frequent words (in prose, its language's function words)."""
    return _frequent_words([tokens(ln.text) for ln in lines])


def page_features(lines: Sequence[Line], evidence: str | None = None,
                  links: Sequence[float] | None = None) -> np.ndarray:
    """Feature matrix (one row a line, columns :data:`PAGE_FEATURE_NAMES`).

    Args:
        lines: The page's lines.
        evidence: trafilatura's main text, when HTML was given.
        links: Each line's link share, when HTML was given (same length as ``lines``).
    """
    n = len(lines)
    if n == 0:
        return np.zeros((0, len(PAGE_FEATURE_NAMES)))
    toks = [tokens(ln.text) for ln in lines]
    frequent = _frequent_words(toks)
    counts = Counter(" ".join(t) for t in toks)
    ev_grams = _ngrams(tokens(evidence)) if evidence else set()
    link = np.asarray(links, dtype=float) if links is not None else np.zeros(n)
    ratio = np.array([sum(w in frequent for w in t) / len(t) if t else 0.0 for t in toks])
    blocks = _block_features(lines, toks)
    stamps = np.array([1.0 if _TIME.search(ln.text) else 0.0 for ln in lines])
    stamps_above = np.log1p(np.concatenate([[0.0], np.cumsum(stamps)[:-1]]))
    rows = []
    for i, (ln, t) in enumerate(zip(lines, toks, strict=True)):
        key = " ".join(t)
        lo, hi = max(0, i - 3), min(n, i + 4)
        rows.append([
            ratio[i],
            math.log1p(len(t)),
            math.log1p(counts[key] - 1) if key else 0.0,
            _overlap(t, ev_grams) if evidence else 0.0,
            1.0 if TERMINAL.search(ln.text) else 0.0,
            float(np.mean(ratio[lo:hi])),
            1.0 if links is not None else 0.0,
            link[i],
            float(np.mean(link[lo:hi])),
            *blocks[i],
            stamps[i],
            stamps_above[i],
        ])
    return np.array(rows, dtype=float)


def _block_features(lines: Sequence[Line], tokens: list[list[str]]) -> list[tuple[float, ...]]:
    """Each line's text-block features (see the module docstring)."""
    n = len(lines)
    long = [len(t) >= BLOCK_MIN_WORDS or len(ln.text) >= BLOCK_MIN_CHARS
            for ln, t in zip(lines, tokens, strict=True)]
    block = [-1] * n  # the block a line belongs to
    sizes: list[int] = []
    spans: list[tuple[int, int]] = []
    last_long = -BLOCK_MAX_GAP - 2
    for i in range(n):
        if not long[i]:
            continue
        if sizes and i - last_long - 1 <= BLOCK_MAX_GAP:
            for j in range(last_long + 1, i + 1):
                block[j] = len(sizes) - 1
            spans[-1] = (spans[-1][0], i)
        else:
            sizes.append(0)
            spans.append((i, i))
            block[i] = len(sizes) - 1
        sizes[-1] += len(lines[i].text)
        last_long = i
    if not sizes:
        return [(0.0, 0.0, 0.0, 0.0, math.log1p(BLOCK_DISTANCE_CAP))] * n
    total = float(sum(sizes))
    big = max(range(len(sizes)), key=sizes.__getitem__)
    start, end = spans[big]
    out: list[tuple[float, ...]] = []
    for i in range(n):
        b = block[i]
        dist = start - i if i < start else i - end if i > end else 0
        out.append((sizes[b] / total if b >= 0 else 0.0, 1.0 if b == big else 0.0,
                    1.0 if i < start else 0.0, 1.0 if i > end else 0.0,
                    math.log1p(min(dist, BLOCK_DISTANCE_CAP))))
    return out


def _frequent_words(tokens: list[list[str]]) -> frozenset[str]:
    prose = [t for t in tokens if len(t) >= FREQUENT_MIN_WORDS] or tokens
    counts = Counter(w for t in prose for w in t)
    return frozenset(w for w, _ in counts.most_common(FREQUENT_TOP))


def _ngrams(words: list[str]) -> set[tuple[str, ...]]:
    """Every word, word pair and word triple of ``words``."""
    return {tuple(words[i:i + k]) for k in (1, 2, 3) for i in range(len(words) - k + 1)}


def _overlap(words: list[str], evidence: set[tuple[str, ...]]) -> float:
    """Share of a line's word trigrams (its words, for a line under 3) in the evidence."""
    if not words:
        return 0.0
    if len(words) < 3:
        return 1.0 if tuple(words) in evidence else 0.0
    tri = [tuple(words[i:i + 3]) for i in range(len(words) - 2)]
    return sum(t in evidence for t in tri) / len(tri)
