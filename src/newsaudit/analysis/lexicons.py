"""Word lists and lexical resources behind the language signals.

newsaudit does not redistribute third-party lexicons: it reads them from the
packages that publish them, installed as its dependencies.

* **nela-features 3.0.1** (Horne et al., MIT-licensed package) carries, as Python
  literals in ``nela_features/nela_features.py``, the lexicons of the NELA toolkit:
  ``ACL13_DICT`` (bias words and report verbs from Recasens et al. 2013,
  assertives and factives from Hooper 1975, implicatives from Karttunen 1971,
  hedges from Hyland 2005, opinion words from Hu and Liu 2004, strong and weak
  subjectivity clues from the MPQA lexicon of Wilson et al. 2005),
  ``MORAL_FOUNDATION_DICT`` (the Moral Foundations Dictionary, Graham et al.
  2009, as Porter stems) and the syllable-count tables of its readability
  formulas. They are read from the installed source with :mod:`ast`, without
  importing the module (which would import NLTK, a second's start-up, and expect
  NLTK data files that newsaudit does not need).
* **vaderSentiment** (Hutto and Gilbert 2014, MIT) scores sentiment with its own
  bundled lexicon.
* **PyStemmer** (the Snowball project's C stemmers, BSD) provides the Porter
  stemmer the Moral Foundations stems are matched against.
* The stop words are spaCy's English list (MIT).

``docs/signals.md`` lists every feature with its lexicon, reference and licence.
"""

from __future__ import annotations

import ast
import functools
import heapq
import importlib.util
import re
from dataclasses import dataclass
from typing import Any

from ..errors import DataError

#: The module of nela-features that holds the lexicons as literals.
NELA_MODULE = "nela_features.nela_features"
_NELA_NAMES = ("ACL13_DICT", "MORAL_FOUNDATION_DICT", "SPECIALSYLLABLES_EN",
               "FALLBACK_SUBSYL", "FALLBACK_ADDSYL")


@dataclass(frozen=True)
class NelaLexicons:
    """The NELA toolkit's lexicons, as sets and compiled tables."""

    #: ``bias_words``, ``assertatives``, ``factives``, ``hedges``, ``implicatives``,
    #: ``report_verbs``, ``positive``, ``negative``, ``wneg``, ``wpos``, ``wneu``,
    #: ``sneg``, ``spos``, ``sneu``: each a set of entries (hedges hold 2- and 3-grams).
    words: dict[str, frozenset[str]]
    #: Moral foundation -> Porter stems.
    moral: dict[str, frozenset[str]]
    #: Word -> syllable count for words the rules get wrong.
    syllables: dict[str, int]
    #: Rules that subtract / add a syllable (regular expressions).
    sub_syllable: tuple[re.Pattern[str], ...]
    add_syllable: tuple[re.Pattern[str], ...]

    @functools.cached_property
    def index(self) -> dict[str, tuple[str, ...]]:
        """Entry -> the word lexicons that hold it: one look-up per distinct word."""
        out: dict[str, list[str]] = {}
        for key, entries in self.words.items():
            for entry in entries:
                out.setdefault(entry, []).append(key)
        return {k: tuple(v) for k, v in out.items()}


@functools.lru_cache(maxsize=1)
def nela() -> NelaLexicons:
    """The lexicons shipped with nela-features, read once per process.

    Raises:
        DataError: If nela-features is not installed or its module changed shape.
    """
    spec = (importlib.util.find_spec(NELA_MODULE)
            if importlib.util.find_spec("nela_features") else None)
    if spec is None or spec.origin is None:
        raise DataError("the signals lexicons come from the nela-features package: "
                        "install it with `pip install nela-features==3.0.1`")
    with open(spec.origin, encoding="utf-8") as fh:
        tree = ast.parse(fh.read(), filename=spec.origin)
    found: dict[str, Any] = {}
    for node in tree.body:
        if (isinstance(node, ast.Assign) and len(node.targets) == 1
                and isinstance(node.targets[0], ast.Name) and node.targets[0].id in _NELA_NAMES):
            found[node.targets[0].id] = ast.literal_eval(node.value)
    missing = [n for n in _NELA_NAMES if n not in found]
    if missing:
        raise DataError(f"{spec.origin} does not define {', '.join(missing)}: "
                        "newsaudit expects nela-features 3.0.1")
    syllables = {}
    for line in found["SPECIALSYLLABLES_EN"].splitlines():
        parts = line.split()
        if len(parts) == 2:
            syllables[parts[0].strip().lower()] = int(parts[1])
    return NelaLexicons(
        words={k: frozenset(v) for k, v in found["ACL13_DICT"].items()},
        moral={k: frozenset(v) for k, v in found["MORAL_FOUNDATION_DICT"].items()},
        syllables=syllables,
        sub_syllable=tuple(re.compile(p) for p in found["FALLBACK_SUBSYL"]),
        add_syllable=tuple(re.compile(p) for p in found["FALLBACK_ADDSYL"]),
    )


@functools.lru_cache(maxsize=1)
def vader() -> Any:
    """VADER's sentiment analyser (loads its lexicon once per process).

    vaderSentiment 3.3.2 lower-cases the whole token list in each negation and
    idiom check, which makes scoring a whole article quadratic in its length
    (16 ms for 5,600 characters, most of it in those copies). The checks only
    read the three tokens before and two after the word they score, so here
    they are given that window: the same scores, in linear time. Its "but"
    rule finds each score with ``list.index``, quadratic too: here the same
    first-equal-value look-up is kept in heaps (:func:`but_check`). Texts without
    emoji also skip VADER's character-by-character copy that replaces them
    (the rest of ``polarity_scores`` is VADER's own, MIT licence).
    """
    try:
        from vaderSentiment.vaderSentiment import (
            BOOSTER_DICT,
            SentimentIntensityAnalyzer,
            SentiText,
        )
    except ImportError as exc:  # pragma: no cover - a declared dependency
        raise DataError("sentiment signals need vaderSentiment: "
                        "`pip install vaderSentiment`") from exc

    base = SentimentIntensityAnalyzer

    class WindowedAnalyzer(base):  # type: ignore[misc, valid-type]
        def polarity_scores(self, text: str) -> dict[str, float]:
            if not self.emojis.keys().isdisjoint(text):
                return dict(super().polarity_scores(text))
            # As vaderSentiment 3.3.2's polarity_scores once emoji are replaced.
            text = text.strip()
            sentitext = SentiText(text)
            sentiments: list[float] = []
            words = sentitext.words_and_emoticons
            for i, item in enumerate(words):
                lower = item.lower()
                if lower in BOOSTER_DICT or (
                        lower == "kind" and i < len(words) - 1 and words[i + 1].lower() == "of"):
                    sentiments.append(0)
                    continue
                sentiments = self.sentiment_valence(0, sentitext, item, i, sentiments)
            sentiments = self._but_check(words, sentiments)
            return dict(self.score_valence(sentiments, text))

        @staticmethod
        def _negation_check(valence: float, words: list[str], start_i: int, i: int) -> float:
            lo = max(0, i - 3)
            return float(base._negation_check(valence, words[lo:i + 3], start_i, i - lo))

        _but_check = staticmethod(but_check)

        @staticmethod
        def _special_idioms_check(valence: float, words: list[str], i: int) -> float:
            lo = max(0, i - 3)
            return float(base._special_idioms_check(valence, words[lo:i + 3], i - lo))

    return WindowedAnalyzer()


def but_check(words: list[str], sentiments: list[float]) -> list[float]:
    """VADER 3.3.2's contrastive "but" rule, with the same results in O(n log n).

    VADER walks the scores in order and, for each value, scales the *first*
    score equal to it (``list.index``): by 0.5 before the first "but", by 1.5
    after it. That look-up is kept here as a heap of positions per value.
    """
    lower = [str(w).lower() for w in words]
    if "but" not in lower:
        return sentiments
    bi = lower.index("but")
    heaps: dict[float, list[int]] = {}
    for i, v in enumerate(sentiments):
        heaps.setdefault(v, []).append(i)  # ascending: already heaps
    for k in range(len(sentiments)):
        v = sentiments[k]
        heap = heaps[v]
        while sentiments[heap[0]] != v:  # stale: that position has changed since
            heapq.heappop(heap)
        si = heap[0]
        if si == bi:
            continue
        new = v * 0.5 if si < bi else v * 1.5
        sentiments[si] = new
        heapq.heappush(heaps.setdefault(new, []), si)
    return sentiments


@functools.lru_cache(maxsize=1)
def _porter() -> Any:
    try:
        import Stemmer
    except ImportError as exc:  # pragma: no cover - a declared dependency
        raise DataError("moral-foundation signals need PyStemmer: "
                        "`pip install PyStemmer`") from exc
    return Stemmer.Stemmer("porter")


@functools.lru_cache(maxsize=65536)
def porter_stem(word: str) -> str:
    """The Porter stem of ``word``, lower-cased (as NLTK's ``PorterStemmer.stem``)."""
    return str(_porter().stemWord(word.lower()))


@functools.lru_cache(maxsize=1)
def stop_words() -> frozenset[str]:
    """spaCy's English stop words (lower case)."""
    from spacy.lang.en.stop_words import STOP_WORDS

    return frozenset(STOP_WORDS)


@functools.lru_cache(maxsize=65536)
def syllables(word: str) -> int:
    """Syllables in ``word`` by the NELA toolkit's rules.

    Those rules (from the ``readability`` heuristics the toolkit took over): a
    table of exceptions, else vowel groups after dropping a final silent "e",
    plus and minus a syllable for each add/subtract pattern that matches.
    """
    lex = nela()
    word = word.strip().lower()
    if not word:
        return 0
    known = lex.syllables.get(word, -1)
    if known > 0:
        return known
    if word[-1] == "e":
        word = word[:-1]
    count = 0
    prev_vowel = False
    for c in word:
        vowel = c in "aeiouy"
        if vowel and not prev_vowel:
            count += 1
        prev_vowel = vowel
    count += sum(1 for r in lex.add_syllable if r.search(word))
    count -= sum(1 for r in lex.sub_syllable if r.search(word))
    return count
