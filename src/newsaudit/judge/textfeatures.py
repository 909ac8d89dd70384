"""What the credibility model reads: the article's body with its outlet masked.

The model estimates whether an article comes from a low-reliability source from
its text alone, so everything that names the outlet is hidden from it, in training
and at run time alike (:func:`mask`): the outlet's own name and its variants
("Breitbart News reported", "breitbart.com"), bylines and contributor lines
("By Jane Doe", "Reporting by ...; Editing by ..."), datelines ("WASHINGTON
(Reuters) -"), URLs, e-mail addresses and social handles.

Besides word n-grams, :func:`dense` computes named features in groups that are
cheap (regular expressions and word lists, no spaCy parse) and that can carry
over to other sites and years: how the story is sourced, its provenance notices,
NELA's bias and subjectivity lexicons, first and second person and shouting,
appeals inside the body, and the headline's clickbait cues.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence

from ..analysis import lexicons
from ..analysis.provenance import find_provenance
from ..analysis.signals import headline
from ..article import Article

_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*|\d[\d,.]*")
_SENT = re.compile(r"[.!?]+[\"'”’)]*\s+|\n+")
# Both patterns start a match only where a run of name characters starts (not at
# every "-" or "." inside it, as "\b" would): linear on long runs without spaces,
# where "\S+@" and "\b[\w-]+" were quadratic (20,000 "a-": 76 s, now 0.04 s).
URL = re.compile(r"(?:https?://|www\.)\S+|(?<![\w.-])[\w-]+(?:\.[\w-]+)*\.(?:com|org|net|co\.uk|us|news"
                 r"|info|gov|edu|io)\b(?:/\S*)?", re.I)
EMAIL = re.compile(r"(?<![^\s@])[^\s@]*@[^\s@]+\.\w+|\[email\s*protected\]", re.I)
HANDLE = re.compile(r"(?<!\w)@\w{2,}")
#: A short line naming the writer ("By Jane Doe", "Written by ...", "Jane Doe | CNN").
BYLINE = re.compile(
    r"^\s*(?:(?:written |posted |reported )?by\s+[A-Z][^\n]{0,80}"
    r"|(?:reporting|additional reporting|writing|editing|compiled|produced) by\b[^\n]*"
    r"|[^\n]{0,80}\b(?:contributed to this (?:report|story)|staff writer|"
    r"correspondent|news editor)\b[^\n]{0,80})$", re.I | re.M)
#: A dateline opening a paragraph: "WASHINGTON (Reuters) -", "NEW YORK, May 3 (AP) —".
DATELINE = re.compile(
    r"^\s*[A-Z][A-Z .,'’/-]{2,40}(?:,\s*[A-Z][a-z]{2,9}\.?\s*\d{1,2})?\s*"
    r"(?:\([^)\n]{1,40}\)\s*)?[-—–]+\s*", re.M)
#: A body line with fewer words than this is left out of the model's input: the
#: site lines the furniture parser lets through in AllSides' extracted bodies are
#: short ("Story Continued Below", "Advertisement:", "Slideshow (5 Images)", "AP
#: Photo/Susan Walsh", "Andrew C. McCarthy, National Review", house subheads like
#: "What are the details?"), and each marks one outlet. Of the lines of fewer than 7
#: words in a 1-in-25 sample of AllSides bodies after furniture removal, nearly
#: all are such lines; prose paragraphs are longer. Chosen by reading, not tuned.
MIN_LINE_WORDS = 7
#: Site widgets and photo credits that also sit inside longer lines.
SITE_PHRASES = re.compile(
    r"\b(?:advertisement(?:\s*:)?(?:\s*continue reading the main story)?|story continued below"
    r"|continue reading the main story|replay more videos|vote here|read more|click here"
    r"|image caption|media playback is unsupported on your device|link copied"
    r"|slideshow \(\d+ images?\)|(?:ap|afp|reuters|getty images?)(?: photo)?/[^)\n]{1,60}"
    r"|(?:photo|image|video)(?: credit)?: [^\n]{1,60}?(?=\s*$|\)))\b", re.I | re.M)
#: Name endings dropped to make variants ("Fox News" -> "Fox").
_SUFFIXES = (" news", " online", " magazine", " media", " times", " post", " daily")


def name_variants(names: Iterable[str | None]) -> list[str]:
    """The outlet's names to mask: each name, without "The"/a suffix, and its domain stem."""
    out: set[str] = set()
    for raw in names:
        if not raw:
            continue
        name = raw.strip()
        low = name.lower()
        if "." in low and " " not in low:  # a domain: "foxnews.com" -> "foxnews"
            out.add(low)
            stem = low.split("/")[0].removeprefix("www.").rsplit(".", 1)[0]
            out.add(stem.split(".")[-1])
            continue
        low = low.removeprefix("the ").strip()
        out.add(low)
        out.add(re.sub(r"\s*\(.*?\)\s*", " ", low).strip())  # "CNN (Online News)" -> "cnn"
        for suf in _SUFFIXES:
            if low.endswith(suf) and len(low) > len(suf) + 2:
                out.add(low[: -len(suf)].strip())
        out.add(low.replace(" ", ""))
    return sorted((v for v in out if len(v) >= 3), key=len, reverse=True)


def mask(text: str, names: Sequence[str | None] = ()) -> str:
    """``text`` with the outlet's name, bylines, datelines, URLs, e-mails and handles removed.

    Args:
        text: The article's body.
        names: The outlet's names and domain (site name, source name, URL or domain).

    Returns:
        The masked text (offsets do not map back: the model's input only).
    """
    text = EMAIL.sub(" ", text)
    text = URL.sub(" ", text)
    text = HANDLE.sub(" ", text)
    text = BYLINE.sub(" ", text)
    text = DATELINE.sub("", text)
    variants = name_variants(names)
    if variants:
        pattern = "|".join(re.escape(v) for v in variants)
        text = re.sub(rf"(?<!\w)(?:the\s+)?(?:{pattern})(?:'s|’s)?(?!\w)", " ", text, flags=re.I)
    return re.sub(r"[ \t]+", " ", text)


def scrub(text: str) -> str:
    """``text`` without the short site lines and widgets furniture removal lets through.

    Lines of fewer than :data:`MIN_LINE_WORDS` words are dropped and the phrases of
    :data:`SITE_PHRASES` removed, so that neither the n-grams nor the named features
    read an outlet's page furniture (the model input only; offsets do not map back).
    """
    lines = (SITE_PHRASES.sub(" ", line) for line in text.split("\n"))
    return "\n".join(line for line in lines if len(line.split()) >= MIN_LINE_WORDS)


# --- named dense features -------------------------------------------------------

ANONYMOUS = re.compile(
    r"\b(?:(?:a|one|two|three|several|multiple|some|other) (?:former |senior |top |u\.s\. |"
    r"administration |government |white house |intelligence |military |law enforcement )*"
    r"(?:source|official|insider|person|aide|diplomat|people)s?\b"
    r"|sources? (?:close|familiar|said|say|told|tell)"
    r"|(?:officials|insiders|aides) (?:said|say|told)"
    r"|on (?:the )?condition of anonymity|familiar with the (?:matter|situation|discussions|"
    r"plans?|talks|investigation)|(?:declined|asked not) to be (?:named|identified)"
    r"|not authori[sz]ed to (?:speak|discuss)|who (?:spoke|requested anonymity))", re.I)
SECONDHAND = re.compile(
    r"\b(?:according to (?:a|the|an) (?:new |recent )?(?:report|story|article|piece)"
    r"|per (?:a|the) report|(?:first |originally )?reported (?:by|that|on)"
    r"|reportedly|told (?:the )?[A-Z][\w-]+(?: [A-Z][\w-]+)*|as reported|"
    r"in an interview with (?:the )?[A-Z]|according to [A-Z][\w-]+(?: [A-Z][\w-]+)* (?:report|"
    r"reporting))", re.I)
SAID = re.compile(r"\b(?:said|says|told|stated|added|explained|according to)\b", re.I)
NAMED_SAID = re.compile(
    r"\b[A-Z][a-z]+ (?:[A-Z]\. )?[A-Z][a-z]+(?:,[^,\n]{1,60},)? (?:said|says|told|added)\b"
    r"|\b(?:said|says|added) [A-Z][a-z]+ (?:[A-Z]\. )?[A-Z][a-z]+\b")
QUOTE_OPEN = re.compile(r"[“\"]")
APPEAL = re.compile(
    r"\b(?:donat(?:e|ion)s?|support (?:our|us|independent)|become a (?:member|patron|subscriber)"
    r"|subscribe|sign up|newsletter|click here|share this|follow us|like us on|"
    r"please share|tip jar|patreon|paypal|join (?:us|our))\b", re.I)
LOADED = re.compile(
    r"\b(?:shocking|stunning|bombshell|explosive|outrageous|disgusting|insane|destroy(?:s|ed)?|"
    r"slam(?:s|med)?|blast(?:s|ed)?|epic|hysterical|treason(?:ous)?|traitor|tyrann\w*|"
    r"lunatic|radical|corrupt|hoax|propaganda|deep state|fake news|mainstream media|msm|"
    r"globalist|sheeple|wake up)\b", re.I)

#: The groups of dense features, in order; ``benchmarks/credibility.py`` measures each.
GROUPS: dict[str, tuple[str, ...]] = {
    "sourcing": ("said_rate", "anonymous_rate", "secondhand_rate", "named_said_rate",
                 "quotes_per_100", "share_anonymous", "share_secondhand"),
    "provenance": ("wire", "syndicated", "hat_tip", "cited_outlets"),
    "nela": ("bias_words", "assertatives", "factives", "hedges", "implicatives",
             "report_verbs", "positive", "negative", "wneg", "wpos", "sneg", "spos"),
    "style": ("first_singular", "first_plural", "second_person", "exclaim", "question",
              "allcaps", "loaded", "avg_word_len", "avg_sent_len", "digits", "log_words"),
    "appeals": ("appeal_rate", "furniture_appeals"),
    "headline": ("hl_cues", "hl_allcaps", "hl_exclaim", "hl_question", "hl_words"),
}
DENSE_NAMES: tuple[str, ...] = tuple(n for names in GROUPS.values() for n in names)

#: What each named feature counts, as a reader is told it ("more first-person
#: singular words than most articles").
FEATURE_LABELS: dict[str, str] = {
    "said_rate": "attributions with a speech verb", "anonymous_rate": "anonymous sources",
    "secondhand_rate": "secondhand attributions (reported by another outlet)",
    "named_said_rate": "named people quoted", "quotes_per_100": "quotation marks",
    "share_anonymous": "share of anonymous sources",
    "share_secondhand": "share of secondhand attributions",
    "wire": "wire-service credits", "syndicated": "syndication notices",
    "hat_tip": "hat tips to other outlets", "cited_outlets": "other outlets cited",
    "bias_words": "bias words", "assertatives": "assertive verbs",
    "factives": "factive verbs", "hedges": "hedges", "implicatives": "implicative verbs",
    "report_verbs": "reporting verbs", "positive": "positive words",
    "negative": "negative words", "wneg": "weakly negative words",
    "wpos": "weakly positive words", "sneg": "strongly negative words",
    "spos": "strongly positive words", "first_singular": "first-person singular words",
    "first_plural": "first-person plural words", "second_person": "second-person words",
    "exclaim": "exclamation marks", "question": "questions",
    "allcaps": "words in capitals", "loaded": "loaded words",
    "avg_word_len": "word length", "avg_sent_len": "sentence length",
    "digits": "numbers", "log_words": "length of the article",
    "appeal_rate": "appeals to the reader",
    "furniture_appeals": "appeals removed as page furniture",
    "hl_cues": "clickbait cues in the headline", "hl_allcaps": "capitals in the headline",
    "hl_exclaim": "exclamation marks in the headline",
    "hl_question": "a question as headline", "hl_words": "headline length",
}

_FIRST_S = frozenset({"i", "me", "my", "mine", "myself"})
_FIRST_P = frozenset({"we", "us", "our", "ours", "ourselves"})
_SECOND = frozenset({"you", "your", "yours", "yourself", "yourselves"})
_NELA_KEYS = ("bias_words", "assertatives", "factives", "hedges", "implicatives",
              "report_verbs", "positive", "negative", "wneg", "wpos", "sneg", "spos")


def _rate(n: float, d: float) -> float:
    return n / d if d else 0.0


def _provenance(text: str) -> dict[str, float]:
    art = Article(text)
    art.body = [(0, len(text))]
    prov = find_provenance(art)
    return {"wire": float(bool(prov.wire)), "syndicated": float(bool(prov.syndicated_from)),
            "hat_tip": float(bool(prov.hat_tips)),
            "cited_outlets": float(min(len(prov.cited_sources), 5))}


def dense(body: str, title: str | None = None, furniture_appeals: int = 0) -> dict[str, float]:
    """The named features of a masked body (see :data:`GROUPS`).

    Args:
        body: The article's body, already masked.
        title: The headline, if known.
        furniture_appeals: Donation, subscription and share lines the furniture
            parser found between the first and last body lines.
    """
    words = _WORD.findall(body)
    low = [w.lower().strip("'’") for w in words]
    n = len(low)
    sents = max(1, len([s for s in _SENT.split(body) if s.strip()]))
    said = len(SAID.findall(body))
    anon = len(ANONYMOUS.findall(body))
    second = len(SECONDHAND.findall(body))
    f: dict[str, float] = {
        "said_rate": _rate(said, sents), "anonymous_rate": _rate(anon, sents),
        "secondhand_rate": _rate(second, sents),
        "named_said_rate": _rate(len(NAMED_SAID.findall(body)), sents),
        "quotes_per_100": _rate(100 * len(QUOTE_OPEN.findall(body)) / 2, n),
        "share_anonymous": _rate(anon, max(said, anon)),
        "share_secondhand": _rate(second, max(said, second)),
    }
    f.update(_provenance(body))
    lex = lexicons.nela().words
    counts: dict[str, int] = {}
    for w in low:
        counts[w] = counts.get(w, 0) + 1
    for key in _NELA_KEYS:
        entries = lex[key]
        f[key] = _rate(sum(c for w, c in counts.items() if w in entries), n)
    f.update({
        "first_singular": _rate(sum(counts.get(w, 0) for w in _FIRST_S), n),
        "first_plural": _rate(sum(counts.get(w, 0) for w in _FIRST_P), n),
        "second_person": _rate(sum(counts.get(w, 0) for w in _SECOND), n),
        "exclaim": _rate(body.count("!"), sents), "question": _rate(body.count("?"), sents),
        "allcaps": _rate(sum(1 for w in words if len(w) > 2 and w.isupper()), n),
        "loaded": _rate(100 * len(LOADED.findall(body)), n),
        "avg_word_len": _rate(sum(len(w) for w in words), n),
        "avg_sent_len": min(_rate(n, sents), 80.0),
        "digits": _rate(sum(1 for w in words if w[0].isdigit()), n),
        "log_words": math.log1p(n),
        "appeal_rate": _rate(100 * len(APPEAL.findall(body)), n),
        "furniture_appeals": float(min(furniture_appeals, 5)),
    })
    hl = headline(title or "", None) if title else None
    f.update({
        "hl_cues": float(hl["clickbait_cues"]) if hl else 0.0,
        "hl_allcaps": hl["allcaps"] if hl else 0.0, "hl_exclaim": hl["exclaim"] if hl else 0.0,
        "hl_question": float(hl["question"]) if hl else 0.0,
        "hl_words": min(float(hl["words"]), 30.0) if hl else 0.0,
    })
    return {k: round(float(f[k]), 6) for k in DENSE_NAMES}


#: Furniture kinds counted as appeals when they sit inside the body's extent.
APPEAL_KINDS = frozenset({"donation", "subscription", "share", "advertising"})


def furniture_appeals(article: Article) -> int:
    """Appeal lines (donation, subscription, share, ads) between the body's first and last line."""
    if not article.body:
        return 0
    first, last = article.body[0][0], article.body[-1][1]
    return sum(1 for f in article.furniture
               if f.kind in APPEAL_KINDS and first <= f.start and f.end <= last)


def outlet_names(article: Article) -> list[str]:
    """Every name the page gives its own outlet: metadata, masthead and rated source."""
    names = [article.meta.site_name, article.meta.domain, article.meta.url]
    mast = article.masthead
    if mast is not None and mast.site_name is not None:
        names.append(mast.site_name.text)
    rating = article.source_rating
    if isinstance(rating, dict) and rating.get("domain"):
        names.append(rating["domain"])
    return [n for n in names if n]


def model_input(article: Article, *, masked: bool = True) -> tuple[str, dict[str, float]]:
    """The scrubbed (:func:`scrub`) and masked body and the dense features of ``article``."""
    body = scrub(article.body_string("\n\n"))
    if masked:
        body = mask(body, outlet_names(article))
    title = None
    if article.masthead is not None and article.masthead.title is not None:
        title = article.masthead.title.text
    title = title or article.meta.title
    if masked and title:
        title = mask(title, outlet_names(article))
    return body, dense(body, title, furniture_appeals(article))
