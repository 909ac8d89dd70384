"""The article's credibility: a 0-100 score, a label and the reasons, each checkable.

The score is the points the article earns on the criteria of :mod:`.criteria`
(NewsGuard-like weights, one of them the article model's estimate) as a share
of the points of the criteria that could speak. When the site is rated, its
ratings and the article's own evidence both speak and ``basis`` shows each
part's points; for an unknown site (the long tail of the web, a pasted text
without its masthead) the article speaks alone, from its text and criteria.

Labels (:data:`LABELS`): >= 75 generally credible, 60-74 credible with
exceptions, 40-59 proceed with caution, < 40 maximum caution; "not rated" for
satire (as a rater classes the site) and for bodies under :data:`MIN_WORDS` words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from ..article import Article, Span
from ..options import Options
from ..pipeline import stage
from . import criteria
from .criteria import Criterion
from .textfeatures import FEATURE_LABELS, model_input
from .textmodel import CHAR_PREFIX, TextModel, load_model

#: Score thresholds and labels, highest first (the issue's contract).
LABELS = ((75.0, "generally credible"), (60.0, "credible with exceptions"),
          (40.0, "proceed with caution"), (float("-inf"), "maximum caution"))
NOT_RATED = "not rated"
#: Bodies shorter than this many words are not rated: under it an article holds one
#: or two attributions at most and the model saw no such texts (its training
#: articles are at least 300 characters, ~50 words, and mostly 300-1,500 words).
MIN_WORDS = 100
#: Criteria that speak for the site's ratings; every other one is the article's own.
SITE_PARTS = ("site_reputation", "origin_reputation")
MODEL_NAME = "newsaudit-credibility-lr"
#: Terms of the article model shown as its evidence and named in its reason.
MODEL_CUES = 4


@dataclass
class Credibility:
    """The verdict on one article (the report's ``credibility`` key)."""

    score: float | None
    label: str
    probability: float | None
    basis: dict[str, Any]
    criteria: list[Criterion] = field(default_factory=list)
    reasons: list[str] = field(default_factory=list)
    model: dict[str, str] = field(default_factory=dict)


def label_of(score: float) -> str:
    """The label of a 0-100 score."""
    return next(name for floor, name in LABELS if score >= floor)


def _model_criterion(article: Article, model: TextModel) -> tuple[Criterion, float]:
    text, dense = model_input(article)
    p = model.probability(text, dense)
    z = dict(zip(model.dense_names, model.dense_vector(dense), strict=True))
    toward_low = [t for t, w in model.contributions(text, dense, k=30)
                  if w > 0 and not t.startswith(CHAR_PREFIX)][:MODEL_CUES]
    body = article.body_text()
    evidence: list[Span] = []
    cues: list[str] = []
    for term in toward_low:
        if term.startswith("["):  # a named feature: say which way it leans
            name = term[1:-1]
            side = "above" if z[name] > 0 else "below"
            cues.append(f"{FEATURE_LABELS.get(name, name)} {side} average")
            continue
        cues.append(f"“{term}”")
        words = r"\W+".join(re.escape(w) for w in term.split())
        m = re.search(rf"\b{words}\b", body, re.I)
        if m is not None:
            evidence.append(article.span(m.start(), m.end()))
    share = model.evidence_share(p)
    if share <= 0.5:
        cues = []
    return criteria.model(p, share, model.prior, evidence if cues else [], cues), p


def _not_rated(reason: str, model: TextModel) -> Credibility:
    return Credibility(None, NOT_RATED, None, {"kind": "none"}, [], [reason],
                       {"name": MODEL_NAME, "version": model.version})


def assess(article: Article, model: TextModel | None = None) -> Credibility:
    """The credibility verdict for an article the earlier stages have analysed.

    Args:
        article: An article with its body, attributions, signals, provenance and
            source rating filled in.
        model: The article model (the shipped one by default).

    Returns:
        The :class:`Credibility` verdict.
    """
    model = model or load_model()
    rating = article.source_rating if isinstance(article.source_rating, dict) else {}
    if rating.get("label") == "satire":
        return _not_rated(f"not rated: raters class {rating.get('domain')} as satire", model)
    words = len(article.body_string(" ").split())
    if words < MIN_WORDS:
        return _not_rated(f"not rated: the body has {words} words; at least {MIN_WORDS} "
                          "are needed to judge an article", model)
    found = [criteria.site_reputation(article), criteria.sourcing(article), None,
             criteria.opinion(article), criteria.headline(article),
             criteria.provenance(article), criteria.appeals(article),
             criteria.origin_reputation(article), criteria.author(article)]
    found[2], p = _model_criterion(article, model)
    spoke = [c for c in found if c is not None]
    points = sum(c.points for c in spoke)
    top = sum(c.max_points for c in spoke)
    score = round(100 * points / top, 1)
    label = label_of(score)
    basis = _basis(spoke, rating)
    reasons = [f"{label} ({score:.0f}/100) from {basis['says']}"]
    lost = sorted(spoke, key=lambda c: c.points - c.max_points)
    reasons += [f"{c.label}: {c.reason} ({c.points:g} of {c.max_points:g})" for c in lost
                if c.max_points - c.points >= 1.0]
    return Credibility(score, label, round(p, 4), basis, spoke, reasons,
                       {"name": MODEL_NAME, "version": model.version})


def _basis(spoke: list[Criterion], rating: dict[str, Any]) -> dict[str, Any]:
    site = [c for c in spoke if c.id in SITE_PARTS]
    own = [c for c in spoke if c.id not in SITE_PARTS]
    top = sum(c.max_points for c in spoke)
    parts = {"site_ratings": site, "article": own}
    shares = {name: {"points": round(sum(c.points for c in cs), 2),
                     "max_points": sum(c.max_points for c in cs),
                     "share": round(sum(c.max_points for c in cs) / top, 3)}
              for name, cs in parts.items() if cs}
    if any(c.id == "site_reputation" for c in site):
        kind, says = "site and article", "the site's ratings and the article's own evidence"
    elif rating.get("status"):  # no rating data installed: say so, and how to get it
        kind, says = "article", (f"the article alone ({rating['status']}; "
                                 f"{rating.get('hint', '')})")
    else:
        kind, says = "article", "the article alone (the site is not rated)"
    return {"kind": kind, "says": says, "parts": shares}


@stage("judge.credibility", version="1",
       requires=("body", "attributions", "signals", "provenance", "source_rating"),
       assigns=("credibility",))
class JudgeCredibility:
    """Score how far to trust the article: criteria, the article model, the reasons."""

    def __init__(self, options: Options):
        self.model = load_model()

    def __call__(self, article: Article) -> None:
        article.credibility = assess(article, self.model)
