"""Article-level credibility criteria a person can check.

In the spirit of NewsGuard's nine site criteria and their weights (22, 18, 12.5,
12.5, 10, 7.5, 7.5, 5, 5 points), read at the level of one article. Each
criterion returns a :class:`Criterion` with its points, its maximum, the
evidence (spans into the article's text) and a one-line reason naming what was
found; a criterion that cannot speak (no headline, an unrated site) returns
``None`` and is left out of the score. ``docs/credibility.md`` lists them all.

=====================  =====  ===========================================================
criterion              max    NewsGuard's site criterion it mirrors
=====================  =====  ===========================================================
site_reputation        22     does not repeatedly publish false content
sourcing               18     gathers and presents information responsibly
model                  12.5   (the article model; NewsGuard: regularly corrects errors)
opinion                12.5   handles the difference between news and opinion
headline               10     avoids deceptive headlines
provenance             7.5    discloses ownership and financing
appeals                7.5    clearly labels advertising
origin_reputation      5      reveals who is in charge
author                 5      provides names of content creators
=====================  =====  ===========================================================
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from ..analysis.quotes import find_quotes
from ..article import Article, Span
from .textfeatures import LOADED

WEIGHTS = {"site_reputation": 22.0, "sourcing": 18.0, "model": 12.5, "opinion": 12.5,
           "headline": 10.0, "provenance": 7.5, "appeals": 7.5, "origin_reputation": 5.0,
           "author": 5.0}
LABELS = {
    "site_reputation": "the site's record with public raters",
    "sourcing": "names its sources",
    "model": "the article model's estimate",
    "opinion": "news kept apart from opinion",
    "headline": "headline consistent with the body and not clickbait",
    "provenance": "says where the content came from",
    "appeals": "no appeals for money, subscriptions or ads inside the body",
    "origin_reputation": "reputation of the syndicated origin and primary source",
    "author": "names its author",
}

#: Sourcing: an anonymous attribution costs its full share, one that reaches the
#: article through another outlet half its share (it may be well sourced there);
#: with no named person speaking the remainder is halved. The shares follow the
#: SPJ code's "identify sources clearly" and NewsGuard's sourcing criterion.
SECONDHAND_COST = 0.5
NO_NAMED_FACTOR = 0.5
#: Opinion: first-person singular outside quotations above this share of the
#: body's words marks a first-person piece (news prose in the AllSides sample
#: stays well below 0.5%, columns above 1%).
FIRST_PERSON_SHARE = 0.01
#: Opinion: points taken per loaded word, per exclamation and for first-person prose.
LOADED_COST, EXCLAIM_COST, FIRST_PERSON_COST = 2.0, 1.5, 5.0
#: Headline: points taken per distinct clickbait cue kind, and when fewer than
#: this share of its content words occur in the body (headline about something else).
CUE_COST, MIN_OVERLAP, OFF_TOPIC_COST = 2.5, 0.3, 5.0
#: Provenance: share of the points for an article that names the outlet its story
#: rests on, or an author (own reporting), without a syndication or wire notice.
PARTIAL_PROVENANCE = 0.5
#: Furniture kinds that are appeals for money, subscriptions or ads.
APPEAL_KINDS = ("donation", "subscription", "advertising")
#: Headline labels that mark a piece's kind: labelling opinion is good practice
#: (NewsGuard's news/opinion criterion), so these are not clickbait shouting.
KIND_LABELS = frozenset({"OPINION", "ANALYSIS", "EDITORIAL", "COMMENTARY", "REVIEW"})
_FIRST_SINGULAR = re.compile(r"\b(?:I|me|my|mine|myself)\b")
_CONTENT_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]{3,}")


@dataclass
class Criterion:
    """One criterion's verdict: points of max_points, the evidence and the reason."""

    id: str
    label: str
    points: float
    max_points: float
    evidence: list[Span] = field(default_factory=list)
    reason: str = ""


def _make(cid: str, share: float, evidence: list[Span], reason: str) -> Criterion:
    top = WEIGHTS[cid]
    unique = sorted({(s.start, s.end): s for s in evidence}.values(), key=lambda s: s.start)
    return Criterion(cid, LABELS[cid], round(top * min(max(share, 0.0), 1.0), 2), top,
                     unique, reason)


def _clip(text: str, n: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"


def _raters(rating: dict[str, Any], k: int = 3) -> str:
    shown = [r for r in rating.get("ratings", []) if r.get("counted")][:k]
    return "; ".join(f"{r['rater']}: {r['value']}" for r in shown)


def site_reputation(article: Article) -> Criterion | None:
    """The page's own site as rated by public raters (silent when unknown)."""
    r = article.source_rating
    if not isinstance(r, dict) or r.get("score") is None:
        return None
    mast = article.masthead
    ev = [mast.site_name] if mast is not None and mast.site_name is not None else []
    name = r.get("domain") or r.get("name")
    return _make("site_reputation", r["score"], ev,
                 f"the site {name} is rated {r['label']} ({r['score']:.2f}) by public raters "
                 f"({_raters(r)})")


def sourcing(article: Article) -> Criterion:
    """Shares of anonymous and secondhand attributions; named people quoted."""
    atts = [a for a in article.attributions if a.content is not None]
    if not atts:
        return _make("sourcing", 0.0, [], "no attribution found: the article names no "
                     "source for what it reports")
    n = len(atts)
    anon = [a for a in atts if a.speaker_type == "anonymous"]
    via = [a for a in atts if a.via and a.speaker_type != "anonymous"]
    named = [a for a in atts if a.speaker_type == "named"]
    share = 1.0 - len(anon) / n - SECONDHAND_COST * len(via) / n
    if not named:
        share *= NO_NAMED_FACTOR
    ev = [a.speaker for a in anon if a.speaker is not None]
    ev += [a.cue for a in via if a.cue is not None]
    parts = []
    if anon:
        who = ", ".join(sorted({f"“{_clip(a.speaker.text, 40)}”" for a in anon
                                if a.speaker is not None}))
        parts.append(f"{len(anon)} of {n} attributions anonymous ({who})")
    if via:
        outlets = ", ".join(sorted({str(a.via) for a in via}))
        parts.append(f"{len(via)} of {n} secondhand through {outlets}")
    direct_named = sum(1 for a in named if a.direct)
    parts.append(f"{len(named)} from named people ({direct_named} quoted directly)"
                 if named else "no named person quoted")
    return _make("sourcing", share, ev, "; ".join(parts))


def model(probability: float, evidence_share: float, prior: float, evidence: list[Span],
          cues: list[str]) -> Criterion:
    """The article model's estimate: points for what the text says beyond the base rate.

    Args:
        probability: The calibrated probability of a low-reliability source.
        evidence_share: The same without the training sample's base rate
            (0.5 for a text that moves the odds neither way).
        prior: That base rate.
        evidence: Where the terms that pushed toward "low" occur.
        cues: Those terms, quoted, for the reason.
    """
    said = f"; strongest cues: {', '.join(cues)}" if cues else ""
    return _make("model", 1.0 - evidence_share, evidence,
                 f"the text model puts the chance that this text comes from a "
                 f"low-reliability source at {probability:.0%} (base rate of its training "
                 f"sample {prior:.0%}){said}")


def _outside_quotes(article: Article) -> list[tuple[int, int]]:
    quoted = [(q.start, q.end) for q in find_quotes(article.body_text())]
    out: list[tuple[int, int]] = []
    for s, e in article.body:
        pos = s
        for qs, qe in quoted:
            if qe <= pos or qs >= e:
                continue
            if qs > pos:
                out.append((pos, qs))
            pos = max(pos, qe)
        if pos < e:
            out.append((pos, e))
    return out


def opinion(article: Article) -> Criterion:
    """First person, loaded words and exclamations in the body, outside quotations."""
    ranges = _outside_quotes(article)
    text = article.text
    loaded = [article.span(s + m.start(), s + m.end()) for s, e in ranges
              for m in LOADED.finditer(text[s:e])]
    exclaim = [article.span(s + m.start(), s + m.end()) for s, e in ranges
               for m in re.finditer(r"!+", text[s:e])]
    first = [article.span(s + m.start(), s + m.end()) for s, e in ranges
             for m in _FIRST_SINGULAR.finditer(text[s:e])]
    words = max(1, sum(len(text[s:e].split()) for s, e in ranges))
    lost = min(len(loaded) * LOADED_COST, 6.0) + min(len(exclaim) * EXCLAIM_COST, 4.5)
    parts = []
    if loaded:
        parts.append(f"{len(loaded)} loaded word(s) ("
                     + ", ".join(sorted({f'“{s.text}”' for s in loaded})[:4]) + ")")
    if exclaim:
        parts.append(f"{len(exclaim)} exclamation(s)")
    if len(first) / words > FIRST_PERSON_SHARE:
        lost += FIRST_PERSON_COST
        parts.append(f"first person in the author's voice ({len(first)} times)")
    else:
        first = []
    reason = ("; ".join(parts) + " outside quotations") if parts else \
        "no first person singular in the author's voice, loaded words or exclamations"
    return _make("opinion", 1.0 - lost / WEIGHTS["opinion"], loaded + exclaim + first[:5],
                 reason)


def headline(article: Article) -> Criterion | None:
    """Clickbait cues in the headline, and whether its words recur in the body."""
    head = article.signals.get("headline") if isinstance(article.signals, dict) else None
    mast = article.masthead
    title = mast.title if mast is not None and mast.title is not None else None
    title_text = title.text if title is not None else article.meta.title
    if not title_text:
        return None
    cues = [c for c in (head or {}).get("cues", [])
            if not (c["cue"] == "all_caps" and c["text"].strip(":") in KIND_LABELS)]
    kinds = sorted({c["cue"] for c in cues})
    lost = CUE_COST * len(kinds)
    body = article.body_string(" ").lower()
    words = {re.sub(r"['’]s$", "", w.lower()) for w in _CONTENT_WORD.findall(title_text)}
    overlap = sum(1 for w in words if w in body) / len(words) if words else 1.0
    parts = []
    if kinds:
        parts.append("clickbait cues: " + ", ".join(
            f"{c['cue']} “{c['text']}”" for c in cues[:4]))
    if overlap < MIN_OVERLAP:
        lost += OFF_TOPIC_COST
        parts.append(f"only {overlap:.0%} of its words recur in the body")
    ev = [article.span(c["start"], c["end"]) for c in cues if c.get("start") is not None]
    if not ev and title is not None and parts:
        ev = [title]
    reason = "; ".join(parts) if parts else "a plain headline whose words recur in the body"
    return _make("headline", 1.0 - lost / WEIGHTS["headline"], ev, reason)


def provenance(article: Article) -> Criterion:
    """A syndication, licence or wire notice; else the outlet the story rests on."""
    prov = article.provenance
    notices = [*prov.syndicated_from, *prov.wire] if prov is not None else []
    if notices:
        names = ", ".join(sorted({n.name for n in notices}))
        return _make("provenance", 1.0, [n.evidence for n in notices],
                     f"says where the content came from: {names}")
    cited = [c for c in (prov.cited_sources if prov is not None else [])
             if c.kind in ("outlet", "wire")]
    if cited:
        return _make("provenance", PARTIAL_PROVENANCE, [m for c in cited for m in c.mentions][:3],
                     f"no syndication or wire notice; the story rests on {cited[0].name}")
    if _authors(article):
        return _make("provenance", PARTIAL_PROVENANCE, [],
                     "no syndication or wire notice; bylined, presented as own reporting")
    return _make("provenance", 0.0, [], "no notice, byline or cited outlet says where "
                 "the content came from")


def appeals(article: Article) -> Criterion:
    """Donation, subscription and advertising lines between the body's first and last line."""
    if article.body:
        first, last = article.body[0][0], article.body[-1][1]
        found = [f for f in article.furniture
                 if f.kind in APPEAL_KINDS and first <= f.start and f.end <= last]
    else:
        found = []
    if not found:
        return _make("appeals", 1.0, [], "no appeal for money, subscriptions or ads "
                     "inside the body")
    kinds = sorted({f.kind for f in found})
    return _make("appeals", 0.0, [article.span(f.start, f.end) for f in found],
                 f"{' and '.join(kinds)} appeal inside the body: “{_clip(found[0].text)}”")


def origin_reputation(article: Article) -> Criterion | None:
    """Ratings of the syndicated origin, wire and primary source (silent when none is rated)."""
    prov = article.provenance
    if prov is None:
        return None
    ratings = article.provenance_ratings  # by the domain (else the name) looked up
    rated = [(c, r) for c in prov.chain if c.role != "publisher"
             and isinstance(r := ratings.get(c.domain or c.name), dict)
             and r.get("score") is not None]
    if not rated:
        return None
    score = sum(r["score"] for _, r in rated) / len(rated)
    ev = [n.evidence for n in (*prov.syndicated_from, *prov.wire)]
    names = "; ".join(f"{c.name} ({c.role.replace('_', ' ')}) rated {r['label']} "
                      f"({r['score']:.2f})" for c, r in rated)
    return _make("origin_reputation", score, ev, names)


def _authors(article: Article) -> list[str]:
    mast = article.masthead
    names = list(article.meta.authors)
    if mast is not None:
        names += mast.authors
    return names


def author(article: Article) -> Criterion:
    """A byline naming the writer."""
    names = _authors(article)
    mast = article.masthead
    ev = [mast.byline] if mast is not None and mast.byline is not None else []
    if names:
        return _make("author", 1.0, ev, "names its author: " + ", ".join(names[:3]))
    return _make("author", 0.0, [], "no byline: the writer is not named")
