"""Language signals: the NELA toolkit's features, headline cues and person, in one pass.

The NELA toolkit (Horne et al. 2018, 2019; ``nela-features`` on PyPI) is the
reference set of style, complexity, bias, affect, moral and event features used
in news-credibility research. newsaudit computes the same features, with the same
lexicons and formulas, from the tokens, sentences, tags and entities of the spaCy
``Doc`` that the ``nlp`` stage already built: one pass over the tokens with set
look-ups instead of one ``list.count`` over the text per lexicon entry, and no
second tokeniser, tagger or entity chunker. ``benchmarks/signals.py`` compares
both on the same articles (speed, and Pearson per feature).

Deliberate differences from nela-features (see ``docs/signals.md``):

* tokens, sentences, tags and entities are spaCy's (NLTK's need data files that
  are downloaded separately);
* stop words are spaCy's English list;
* ``num_locations`` counts distinct GPE/LOC entities from spaCy's recogniser, and
  ``num_dates`` counts DATE entities rather than ``datefinder`` matches (which
  read "may", "march" or bare numbers as dates);
* stems come from the Snowball project's Porter stemmer (PyStemmer), not NLTK's
  variant.

Added to NELA's groups: ``person`` (first and second person rates) and
``headline`` (clickbait cues in the title, each with its evidence span). The
sourcing counts (share anonymous, secondhand, direct, quotes per 100 words) are
written to ``signals["sourcing"]`` by :mod:`newsaudit.analysis.sourcing`.
"""

from __future__ import annotations

import bisect
import math
import re
import string
from collections import Counter
from collections.abc import Iterable
from typing import Any

from ..article import Article
from ..nlp import doc_text, load
from ..options import Options
from ..pipeline import stage
from . import lexicons

#: The Penn Treebank tags NELA reports, in its order (spaCy's English tagger uses
#: the same tag set, with a few additions that are not reported).
POS_TAGS = ("CC", "CD", "DT", "EX", "FW", "IN", "JJ", "JJR", "JJS", "LS", "MD", "NN", "NNS",
            "NNP", "NNPS", "PDT", "POS", "PRP", "PRP$", "RB", "RBR", "RBS", "RP", "SYM", "TO",
            "UH", "WP$", "WRB", "VB", "VBD", "VBG", "VBN", "VBP", "VBZ", "WDT", "WP", "$",
            "''", "(", ")", ",", "--", ".", ":", "``")
_TAG_ALIASES = {"-LRB-": "(", "-RRB-": ")"}

_PUNCT = frozenset(string.punctuation)
_STRIP = str.maketrans("", "", string.punctuation)
#: Quote tokens as NELA counts them (NLTK's tokenizer turns ``"`` into `` and '').
_QUOTE_TOKENS = frozenset({'"', "``", "''"})

#: The lexicon keys of NELA's bias and affect groups, and the names it reports.
BIAS_LEXICONS = (("bias_words", "bias_words"), ("assertatives", "assertatives"),
                 ("factives", "factives"), ("hedges", "hedges"),
                 ("implicatives", "implicatives"), ("report_verbs", "report_verbs"),
                 ("positive_opinion_words", "positive"), ("negative_opinion_words", "negative"))
AFFECT_LEXICONS = ("wneg", "wpos", "wneu", "sneg", "spos", "sneu")

FIRST_SINGULAR = frozenset({"i", "me", "my", "mine", "myself"})
FIRST_PLURAL = frozenset({"we", "us", "our", "ours", "ourselves"})
SECOND = frozenset({"you", "your", "yours", "yourself", "yourselves", "u", "ya"})

# Headline clickbait cues, after the features of Chakraborty et al., "Stop
# Clickbait: Detecting and Preventing Clickbaits in Online News Media" (ASONAM
# 2016) and Potthast et al., "Clickbait Detection" (ECIR 2016): forward
# reference, second person, hyperbole, a leading number, questions, exclamation,
# shouting. The word lists are newsaudit's own.
FORWARD_REFERENCE = re.compile(
    r"\b(?:this|these|here(?:'s| is| are)|what happen(?:s|ed)|why|the reason|"
    r"you won'?t believe|will make you|can'?t stop|this is what|this is why)\b", re.I)
HYPERBOLE = frozenset({
    "amazing", "awesome", "incredible", "unbelievable", "shocking", "shocked", "stunning",
    "stunned", "insane", "epic", "mind-blowing", "jaw-dropping", "outrageous", "bombshell",
    "explosive", "devastating", "horrifying", "terrifying", "heartbreaking", "hilarious",
    "brilliant", "genius", "ultimate", "perfect", "destroys", "slams", "blasts", "obliterates",
    "humiliates", "epically", "literally", "totally", "absolutely", "exposed", "unreal",
    "crazy", "miracle",
})


def _rate(n: float, d: int) -> float:
    return round(n / d, 6) if d else 0.0


def _word(text: str) -> str:
    """A token as a NELA "word": ASCII punctuation removed ("U.S." -> "US")."""
    return text.translate(_STRIP) if not text.isalnum() else text


def compute(doc: Any) -> dict[str, dict[str, float]]:
    """NELA's feature groups plus ``person`` for the text of a spaCy ``Doc``.

    Args:
        doc: A parsed ``Doc`` (tagger, parser or senter, and NER). Whitespace
            tokens (the blanked furniture of an article) are ignored.

    Returns:
        ``{"style": ..., "complexity": ..., "bias": ..., "affect": ..., "moral":
        ..., "event": ..., "person": ...}``, each a flat ``{name: value}``. Rates
        are shares of tokens (style) or words (the rest), as in NELA.
    """
    lex = lexicons.nela()
    stops = lexicons.stop_words()

    tokens: list[str] = []
    words: list[str] = []
    tags: Counter[str] = Counter()
    n_quotes = n_exclaim = n_punct = n_caps = n_stops = 0
    for t, tag in _units(doc):
        tokens.append(t)
        if t in _QUOTE_TOKENS:
            n_quotes += 1
            continue  # NLTK rewrites " as `` or '', which NELA's punctuation count misses
        if t == "!":
            n_exclaim += 1
        if t in _PUNCT:
            n_punct += 1
            continue
        if t.isupper():
            n_caps += 1
        if t in stops:
            n_stops += 1
        w = _word(t)
        if not w or w == " ":
            continue
        words.append(w)
        tags[tag] += 1

    n_tok, n_words = len(tokens), len(words)
    style: dict[str, float] = {
        "quotes": _rate(n_quotes, n_tok), "exclaim": _rate(n_exclaim, n_tok),
        "allpunc": _rate(n_punct, n_tok), "allcaps": _rate(n_caps, n_tok),
        "stops": _rate(n_stops, n_tok),
    }
    style.update({tag: _rate(tags[tag], n_words) for tag in POS_TAGS})

    counts = Counter(words)
    complexity = _complexity(words, counts, readability_sentences(doc))

    # One look-up per distinct word gives every lexicon's count (hedges also
    # hold 2- and 3-grams, matched below).
    hits: Counter[str] = Counter()
    for w, c in counts.items():
        for key in lex.index.get(w, ()):
            hits[key] += c
    hits["hedges"] += sum(1 for g in _ngrams(words, 2) if g in lex.words["hedges"])
    hits["hedges"] += sum(1 for g in _ngrams(words, 3) if g in lex.words["hedges"])
    bias = {name: _rate(hits[key], n_words) for name, key in BIAS_LEXICONS}

    vs = (lexicons.vader().polarity_scores(doc_text(doc)) if n_words
          else {"neg": 0.0, "neu": 0.0, "pos": 0.0})
    affect: dict[str, float] = {"vadneg": vs["neg"], "vadneu": vs["neu"], "vadpos": vs["pos"]}
    for key in AFFECT_LEXICONS:
        affect[key] = _rate(hits[key], n_words)

    stems: Counter[str] = Counter()
    for w, c in counts.items():
        stems[lexicons.porter_stem(w)] += c
    moral = {name: _rate(sum(stems[s] for s in entries), n_words)
             for name, entries in lex.moral.items()}

    places = {e.text for e in doc.ents if e.label_ in ("GPE", "LOC")}
    dates = sum(1 for e in doc.ents if e.label_ == "DATE")
    event = {"num_locations": _rate(len(places), n_tok), "num_dates": _rate(dates, n_words)}

    lower = Counter(w.lower() for w in words)
    person = {
        "first_person_singular": _rate(sum(lower[w] for w in FIRST_SINGULAR), n_words),
        "first_person_plural": _rate(sum(lower[w] for w in FIRST_PLURAL), n_words),
        "second_person": _rate(sum(lower[w] for w in SECOND), n_words),
    }
    return {"style": style, "complexity": complexity, "bias": bias, "affect": affect,
            "moral": moral, "event": event, "person": person}


_QUOTE_CHARS = re.compile(r"([’‘“”«»„])")
_OPENING_QUOTES = frozenset("‘“«„")


def _units(doc: Any) -> Iterable[tuple[str, str]]:
    """The doc's tokens as NELA sees them: (text, Penn tag), whitespace skipped.

    NELA's features are defined over NLTK's tokens, which differ from spaCy's in
    two ways that matter for the counts:

    * hyphenated compounds stay whole ("well-known"; spaCy: "well", "-",
      "known"): joined back here, tagged JJ when they end in a verb form
      ("so-called") and by their last part otherwise;
    * typographic quotes and apostrophes are tokens of their own, so "Trump’s"
      is "Trump", "’", "s" and "don’t" is "don", "’", "t" (spaCy: "Trump",
      "’s"; "do", "n’t"): split the same way here.
    """
    text = ""
    tag = ""
    glue = False
    n = len(doc)
    for i, tok in enumerate(doc):
        if tok.is_space:
            continue
        t = tok.text
        t_tag = _TAG_ALIASES.get(tok.tag_, tok.tag_)
        if glue:
            text += t
            tag = "JJ" if tok.tag_.startswith("VB") else t_tag
            glue = False
            continue
        if (t == "-" and text and not doc[i - 1].whitespace_ and not tok.whitespace_
                and i + 1 < n and (doc[i + 1].is_alpha or doc[i + 1].is_digit)):
            text += "-"
            glue = True
            continue
        if len(t) > 1 and _QUOTE_CHARS.search(t):
            if t.lower() == "n’t" and text and not doc[i - 1].whitespace_:
                text += t[0]
                t = t[1:]
            for piece in _QUOTE_CHARS.split(t):
                if not piece:
                    continue
                if text:
                    yield text, tag
                if _QUOTE_CHARS.fullmatch(piece):
                    text, tag = piece, "``" if piece in _OPENING_QUOTES else "''"
                else:
                    text, tag = piece, t_tag
            continue
        if text:
            yield text, tag
        text, tag = t, t_tag
    if text:
        yield text, tag


_TERMINAL = re.compile(r"[.!?…][\"”’'»)\]]*$")
_LINE_BREAK = re.compile(r"(?<=[.!?…])([\"”’'»)\]]*)\s*\n\s*")


def readability_sentences(doc: Any) -> list[str]:
    """Sentences as the readability formulas count them: ended by . ! ? or …

    spaCy's sentences are right for parsing, but they also end at line breaks
    (headings, list items, captions) and can miss a break after a closing quote
    and a new paragraph. Readability formulas, like the Punkt splitter NELA uses,
    count a sentence at terminal punctuation only: a spaCy sentence that does not
    end in it runs on into the next, and one that holds a line break right after
    terminal punctuation is split there.
    """
    out: list[str] = []
    carry = ""
    for sent in doc.sents:
        text = sent.text.strip()
        if not text:
            continue
        for piece in _LINE_BREAK.sub(lambda m: m.group(1) + "\x00", text).split("\x00"):
            piece = piece.strip().lstrip("\"”’'»)]").lstrip()  # a closing quote left over
            if not piece:
                continue
            carry = f"{carry} {piece}" if carry else piece
            if _TERMINAL.search(piece):
                out.append(carry)
                carry = ""
    if carry:
        out.append(carry)
    return out


def _ngrams(words: list[str], n: int) -> Iterable[str]:
    return (" ".join(words[i:i + n]) for i in range(len(words) - n + 1))


def _complexity(words: list[str], counts: Counter[str], sentences: list[str]) -> dict[str, float]:
    """NELA's complexity group: type-token ratio, word length, readability formulas."""
    n_words, n_sents = len(words), len(sentences)
    if not n_words or not n_sents:
        return {"ttr": 0.0, "avg_wordlen": 0.0, "word_count": float(n_words),
                "flesch_kincaid_grade_level": 0.0, "smog_index": 0.0,
                "coleman_liau_index": 0.0, "lix": 0.0}
    syll = {w: lexicons.syllables(w) for w in counts}
    n_chars = sum(len(w) * c for w, c in counts.items())
    n_syll = sum(syll[w] * c for w, c in counts.items())
    n_long = sum(c for w, c in counts.items() if len(w) >= 7)
    # Complex words (3+ syllables) for SMOG; a capitalised one counts only where a
    # sentence starts with it (a proper noun elsewhere), as in NELA.
    starts = sorted(sentences)
    n_complex = sum(c for w, c in counts.items()
                    if syll[w] >= 3 and (not w[0].isupper() or _starts_some(starts, w)))
    return {
        "ttr": round(len(counts) / n_words, 6),
        "avg_wordlen": round(n_chars / n_words, 6),
        "word_count": float(n_words),
        # NELA's variant, 11.8 inside the parentheses (docs/signals.md).
        "flesch_kincaid_grade_level": round(
            0.39 * (n_words / n_sents + 11.8 * n_syll / n_words) - 15.59, 4),
        "smog_index": round(math.sqrt(n_complex * 30 / n_sents) + 3, 6),
        "coleman_liau_index": round(5.89 * n_chars / n_words - 30 * n_sents / n_words - 15.8, 4),
        "lix": round(n_words / n_sents + 100 * n_long / n_words, 6),
    }


def _starts_some(sorted_texts: list[str], prefix: str) -> bool:
    """Whether any of the sorted texts starts with ``prefix`` (binary search)."""
    i = bisect.bisect_left(sorted_texts, prefix)
    return i < len(sorted_texts) and sorted_texts[i].startswith(prefix)


def headline(title: str, offset: int | None = 0, nlp: Any = None) -> dict[str, Any]:
    """Clickbait cues in a headline, each with its evidence.

    Args:
        title: The headline.
        offset: Where the headline starts in the article's text, for evidence
            spans; ``None`` when the headline is not in the text (cue offsets None).
        nlp: A spaCy pipeline to tag the headline (superlatives); skipped if None.

    Returns:
        Word count, shares of all-caps words, exclamation and question marks,
        whether it opens with a number, and ``cues``: one entry per cue found,
        ``{cue, start, end, text}``; ``clickbait_cues`` is the number of distinct
        cue kinds (0 for a plain news headline).
    """
    cues: list[dict[str, Any]] = []

    def add(kind: str, start: int, end: int) -> None:
        cues.append({"cue": kind,
                     "start": None if offset is None else offset + start,
                     "end": None if offset is None else offset + end,
                     "text": title[start:end]})

    word_spans = [(m.start(), m.end()) for m in re.finditer(r"[\w'’.-]+", title)]
    words = [title[s:e].strip(".") for s, e in word_spans]
    n = len(words)
    caps = [(s, e) for (s, e), w in zip(word_spans, words, strict=True)
            if len(w) > 1 and w.isupper() and w.isalpha()]
    for s, e in caps:
        add("all_caps", s, e)
    for m in re.finditer(r"!+", title):
        add("exclamation", m.start(), m.end())
    question = title.rstrip().endswith("?")
    if question:
        add("question", len(title.rstrip()) - 1, len(title.rstrip()))
    if words and re.fullmatch(r"\d+", words[0].replace(",", "")):
        add("leading_number", *word_spans[0])
    for m in FORWARD_REFERENCE.finditer(title):
        add("forward_reference", m.start(), m.end())
    for (s, e), w in zip(word_spans, words, strict=True):
        lw = w.lower()
        if lw in SECOND:
            add("second_person", s, e)
        elif lw in HYPERBOLE:
            add("hyperbole", s, e)
    if nlp is not None and title.strip():
        for tok in nlp(title):
            if tok.tag_ in ("JJS", "RBS") and tok.lower_ not in ("most", "least"):
                add("superlative", tok.idx, tok.idx + len(tok.text))
    cues.sort(key=lambda c: (c["start"], c["cue"]))
    return {
        "words": n,
        "allcaps": _rate(len(caps), n),
        "exclaim": _rate(title.count("!"), n),
        "question": question,
        "leading_number": any(c["cue"] == "leading_number" for c in cues),
        "clickbait_cues": len({c["cue"] for c in cues}),
        "cues": cues,
    }


def _title(article: Article) -> tuple[str, int | None] | None:
    """The headline and its offset in the text (None when only in the metadata)."""
    masthead = article.masthead
    if masthead is not None and masthead.title is not None:
        return masthead.title.text, masthead.title.start
    if article.meta.title:
        return article.meta.title, None
    return None


@stage("analysis.signals", version="1", requires=("doc", "masthead"), assigns=("signals",))
class Signals:
    """Compute the language signals of the body and the headline's clickbait cues."""

    def __init__(self, options: Options):
        self.nlp = load(options.spacy_model)  # tags the headline
        lexicons.nela()  # fail early, with a clear message, if the lexicons are missing
        lexicons.vader()

    def __call__(self, article: Article) -> None:
        if article.doc is not None:
            article.signals.update(compute(article.doc))
        found = _title(article)
        if found is not None and found[0].strip():
            article.signals["headline"] = headline(found[0], found[1], self.nlp)
