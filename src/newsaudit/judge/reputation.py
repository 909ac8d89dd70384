"""Source reputation: one combined score from every public rating, each cited.

The combined score is the weighted mean of the raters' scores mapped to [0, 1]
(weights in :data:`newsaudit.judge.raters.WEIGHTS`). One rating organisation
counts once: NewsGuard's score reaches the data through four sets, MBFC's labels
through five and Wikipedia's through two, so only one of a family's ratings (the
most recent) enters the mean; every rating is still listed, with ``counted``
telling which ones formed the score. A user's override, when there is one, sets
the score and label alone. Label: high (>= :data:`HIGH`), low (< :data:`LOW`),
mixed between, satire when a rater classes the site as satire (satire is not
fake news), and unknown when no rater knows the source.
Disagreement is shown: the spread of the scores and the raters more than
:data:`DISAGREE` away from the combined score.
"""

from __future__ import annotations

from typing import Any

from ..article import Article
from ..errors import MissingDataError
from ..html import host_of, same_site
from ..options import Options
from ..pipeline import stage
from .raters import family
from .ratings import RatingIndex, Resolution, load_index

#: Label thresholds on the combined score (the issue's contract: high >= 0.7, low < 0.4).
HIGH = 0.7
LOW = 0.4
#: A rater this far from the combined score is listed as disagreeing.
DISAGREE = 0.3


def counted(ratings: list[dict]) -> list[dict]:
    """The ratings that enter the combined score: one per rating organisation.

    Of a family's ratings the most recent counts; on the same date, the one with
    the larger weight, then the original over a golden-truth relabelling, then a
    numeric value over a label.
    """
    scored = [r for r in ratings if r.get("score") is not None]
    overrides = [r for r in scored if r.get("override")]
    if overrides:
        return overrides
    best: dict[str, dict] = {}
    for r in scored:
        fam = family(r["rater"])
        if fam not in best or _rank(r) > _rank(best[fam]):
            best[fam] = r
    chosen = {id(r) for r in best.values()}
    return [r for r in scored if id(r) in chosen]


def _rank(r: dict) -> tuple[str, float, bool, bool]:
    # A golden-truth label is another set's rating collapsed to four levels: on the
    # same date the rating it was made from is preferred.
    return (str(r.get("date") or ""), float(r.get("weight", 1.0)),
            "golden truth" not in r["rater"].lower(), isinstance(r.get("value"), float))


def combine(ratings: list[dict], basis: list[dict] | None = None,
            ) -> tuple[float | None, str, dict[str, Any]]:
    """Combined score, label and disagreement for a list of ratings.

    Args:
        ratings: Every rating of the source.
        basis: The ratings that form the score, if already chosen with
            :func:`counted` (which is called otherwise).
    """
    scored = [r for r in ratings if r.get("score") is not None]
    satire = any(r.get("satire") for r in ratings)
    if not scored:
        return None, "satire" if satire else "unknown", {}
    if basis is None:
        basis = counted(ratings)
    total = sum(r["weight"] for r in basis)
    score = round(sum(r["score"] * r["weight"] for r in basis) / total, 3)
    label = "satire" if satire else "high" if score >= HIGH else "low" if score < LOW else "mixed"
    values = [r["score"] for r in scored]
    disagreement = {
        "spread": round(max(values) - min(values), 3),
        "raters_disagreeing": sorted({r["rater"] for r in scored
                                      if abs(r["score"] - score) > DISAGREE}),
    }
    return score, label, disagreement


def rate(index: RatingIndex, query: str | None, *, resolution: Resolution | None = None,
         ) -> dict[str, Any]:
    """The ``source_rating`` dict for a URL, domain or name (label unknown if unresolved)."""
    found = resolution or (index.resolve(query) if query else None)
    if found is None:
        unknown: dict[str, Any] = {"name": query, "domain": None, "score": None,
                                   "label": "unknown", "ratings": [], "match": None,
                                   "disagreement": {}}
        shared = index.ambiguous(query) if query else ()
        if shared:
            unknown["ambiguous"] = list(shared)
        return unknown
    ratings = index.ratings(found.domain)
    basis = counted(ratings)
    score, label, disagreement = combine(ratings, basis)
    in_basis = {id(r) for r in basis}
    return {
        "name": query or found.name,
        "domain": found.domain,
        "score": score,
        "label": label,
        "ratings": [{
            "rater": r["rater"],
            "value": round(r["value"], 4) if isinstance(r["value"], float) else r["value"],
            "scale": r["scale"], "label": r["label"],
            "score": None if r["score"] is None else round(r["score"], 4),
            "date": r["date"], "licence": r["licence"],
            "counted": id(r) in in_basis,
        } for r in ratings],
        "match": {"method": found.method, "confidence": found.confidence},
        "disagreement": disagreement,
    }


#: ``source_rating["status"]`` when no rating set is installed.
NO_DATA = "no rating data installed"


def unrated(query: str | None, why: str | None) -> dict[str, Any]:
    """The ``source_rating`` of a source when no rating data is installed."""
    return {"name": query, "domain": None, "score": None, "label": "unknown", "ratings": [],
            "match": None, "disagreement": {}, "status": NO_DATA,
            "hint": "run `newsaudit data fetch` (or set NEWSAUDIT_DATA to a folder of the "
                    "rating sets) to rate sources",
            "detail": why}


def _page_queries(article: Article) -> tuple[list[str], str]:
    """What to rate the page as, and on what basis.

    A URL the user gave or the page was fetched from is the page's identity, and
    the only thing rated: falling back to the page's own claims (canonical link,
    site name) would let a page borrow another outlet's reputation. Without a URL,
    the page's claims are all there is, and the basis says so.
    """
    meta, mast = article.meta, article.masthead
    if meta.url and meta.origin.get("identity", "url") == "url":
        return [meta.url], "url"
    queries = [q for q in (meta.url, meta.domain, meta.site_name) if q]
    if mast is not None and mast.site_name is not None:
        queries.append(mast.site_name.text)
    return queries, "page"


@stage("judge.reputation", version="3", requires=("masthead",), reads=("provenance",),
       assigns=("source_rating", "provenance_ratings"))
class Reputation:
    """Rate the page's source and every source in its provenance from public ratings."""

    def __init__(self, options: Options):
        self.index: RatingIndex | None = None
        self.missing: str | None = None
        try:
            self.index = load_index(options.data_dir, options.ratings_overrides)
        except MissingDataError as exc:
            # Without the rating sets every other finding still stands: the report
            # says that no rating data is installed instead of failing the audit.
            self.missing = str(exc)

    def __call__(self, article: Article) -> None:
        queries, basis = _page_queries(article)
        if self.index is None:
            article.source_rating = unrated(queries[0] if queries else None, self.missing)
            return
        best = None
        for q in queries:
            found = self.index.resolve(q)
            if found is not None:
                best = rate(self.index, q, resolution=found)
                break
        rating = best or rate(self.index, queries[0] if queries else None)
        rating["basis"] = basis
        claimed = article.meta.origin.get("claimed_url")
        if claimed:
            rating["page_claims"] = {"url": claimed, "domain": host_of(claimed),
                                     "matches": _matches(host_of(claimed), article.meta.domain)}
        article.source_rating = rating
        article.provenance_ratings = self.rate_provenance(article.provenance)

    def rate_provenance(self, prov: Any) -> dict[str, dict[str, Any]]:
        """Ratings of every source provenance names, by the domain (else the name)
        each is looked up with; the report places them under provenance."""
        out: dict[str, dict[str, Any]] = {}
        if prov is None or self.index is None:
            return out
        for item in (*prov.syndicated_from, *prov.wire, *prov.hat_tips, *prov.cited_sources,
                     *prov.chain):
            query = item.domain or item.name
            if query not in out:
                out[query] = rate(self.index, query)
        return out


def _matches(claimed: str | None, domain: str | None) -> bool | None:
    """Whether the page's claimed host is the site it came from (None if either is unknown)."""
    if not claimed or not domain:
        return None
    return same_site(claimed, domain)
