"""Sourcing: who says what in an article (attributions).

An attribution ties a *content* (what is said, believed or reported) to a *cue*
(the verb or phrase that signals reporting: "said", "told", "according to") and a
*source* (the speaker), following the attribution relation model of Pareti's PARC
(Pareti 2016) as used by PolNeAR (Newell, Margolin and Ruths 2018). Steps:

1. Quotations are found by a text scan (:mod:`.quotes`).
2. Syntactic frames, from the dependency parse (:mod:`.frames`; Krestel, Bergler
   and Witte 2008, "Minding the Source"; textacy's ``direct_quotations`` uses
   the same cue-verb and subject rules for direct quotes): a cue verb with a
   clausal, infinitive, object or prepositional complement ("X said (that)
   ...", "X vowed to ...", "X accused Y of Z", "X called for ..."), a passive
   with its agent, a parenthetical or "as" cue ("The plan, he said, is dead";
   "As X noted, ..."), a cue noun with a that-clause, and "according to X".
   Which words cue in which frame comes from counts on the PolNeAR train split
   (:mod:`.cue_lexicon`).
3. Layout: interview transcripts ("WALLACE: ..."), embedded posts, quotations
   signed with a dash ("“...” ― Jane Smith"), and "X said:" ending a paragraph
   that introduces the next one.
4. Quotations no frame covers are attached to the nearest cue verb with a
   subject in the same or the adjacent sentence of the same paragraph, else
   continue the previous direct attribution of the same or previous paragraph
   (the convention of a quote running on after "X said."). A quotation its cue
   interrupts ("“...,” X said. “...”") keeps its pieces in ``fragments``.
5. Speakers are typed and pronouns resolved by salience, gender and number
   (:mod:`.speakers`, :mod:`.coref`), and given a source type a journalist
   recognises (:mod:`.typology`); ``via`` is the outlet through which the
   attribution is reported ("told the Al-Monitor").
6. Each attribution gets a confidence, the probability that it is right, from a
   model trained on PolNeAR (:mod:`.confidence`); those under the model's
   threshold are dropped ("Support Our Independent Journalism" is an imperative
   with an object, not an attribution). A pronoun speaker left unresolved or
   resolved by a guess caps it at :data:`UNSURE_SPEAKER_CONFIDENCE`.
7. A span model (:mod:`.spans`), a small encoder fine-tuned on PolNeAR, adds the
   contents it is sure of that the rules did not find (pattern "model") and
   extends a rule content to its own longer one where it is surer than the rules.
8. The report keeps the statements among them (:mod:`.statements`): not acts
   ("voted", "hired"), the writer's own voice ("I think"), captions or widgets,
   unless ``Options(all_attributions=True)``.

This module is the stage and steps 6 to 8 in order; steps 1 to 4 are the
candidate finders of :mod:`.candidates`, the record and its building (step 5)
:mod:`.attribution`, and step 7 :mod:`.refinement`.
"""

from __future__ import annotations

import logging
from dataclasses import replace
from typing import Any

from ..article import Article
from ..options import Options
from ..pipeline import stage
from .attribution import Attribution
from .candidates import candidates
from .confidence import features, load_model
from .refinement import refine
from .speakers import unsure
from .statements import why_not_statement
from .typology import type_counts

__all__ = ["Attribution", "candidates", "find_attributions", "refine", "sourcing", "summarize"]

log = logging.getLogger(__name__)

#: Highest confidence of an attribution whose speaker is a pronoun left unresolved
#: or resolved by a guess (:func:`.speakers.unsure`): the confidence model scores
#: whether the *content* is an attribution, and a reader told "95% sure" takes the
#: speaker shown as sure too. A round value, not tuned: below the 0.9 from which
#: the README promises 95% right, above the model's threshold (0.38), so nothing is
#: dropped and PolNeAR's scores do not move.
UNSURE_SPEAKER_CONFIDENCE = 0.85


def find_attributions(doc: Any, provenance: Any = None,
                      min_confidence: float | None = None,
                      span_model: bool = True) -> list[Attribution]:
    """Find attributions in a parsed text.

    Args:
        doc: A spaCy ``Doc`` (tagged, parsed, with entities); offsets of the
            returned spans index into ``doc.text``.
        provenance: ``article.provenance`` or None; its ``cited_sources`` name
            the outlets through which attributions are reported.
        min_confidence: Drop attributions whose confidence is below this;
            ``None`` uses the model's threshold (the one that maximises content
            F1 on PolNeAR dev), 0 keeps every candidate.
        span_model: Let the span model (:mod:`.spans`) add the contents the rules
            miss and extend the ones they cut short (:func:`refine`); False gives
            the rules' attributions alone.

    Returns:
        Attributions in text order of their content, each with its confidence.
    """
    model = load_model()
    threshold = model.threshold if min_confidence is None else min_confidence
    scored = [replace(a, confidence=round(model.score(features(doc, a)), 4))
              for a in candidates(doc, provenance)]
    if span_model:
        scored = refine(doc, scored, model.threshold, provenance)
    scored = [replace(a, confidence=min(a.confidence, UNSURE_SPEAKER_CONFIDENCE))
              if a.confidence is not None and a.confidence > UNSURE_SPEAKER_CONFIDENCE
              and unsure(doc, a.speaker, a.antecedent) else a for a in scored]
    return [a for a in scored if a.confidence is not None and a.confidence >= threshold]


def summarize(attributions: list[Attribution], n_words: int) -> dict[str, Any]:
    """Summary counts for ``article.signals["sourcing"]``.

    Args:
        attributions: The article's attributions.
        n_words: Words in the body (the denominator of ``quotes_per_100_words``).
    """
    n = len(attributions)
    types = type_counts(attributions)
    counts = {t: sum(a.speaker_type == t for a in attributions)
              for t in ("named", "anonymous", "organization", "outlet", "unresolved")}
    n_direct = sum(a.direct for a in attributions)
    n_via = sum(a.via is not None for a in attributions)
    return {
        "n_attributions": n,
        "n_direct": n_direct,
        "n_indirect": n - n_direct,
        **{f"n_{t}": c for t, c in counts.items()},
        "n_secondhand": n_via,
        "share_anonymous": round(counts["anonymous"] / n, 4) if n else 0.0,
        "share_secondhand": round(n_via / n, 4) if n else 0.0,
        "share_direct": round(n_direct / n, 4) if n else 0.0,
        "quotes_per_100_words": round(100 * n_direct / n_words, 4) if n_words else 0.0,
        **types,
    }


@stage("analysis.sourcing", version="5", requires=("doc",), reads=("provenance",),
       assigns=("attributions", "signals"))
def sourcing(article: Article, options: Options) -> None:
    """Find who says what (attributions) and summarise the article's sourcing."""
    doc = article.doc
    if doc is None:
        article.attributions = []
        article.signals["sourcing"] = summarize([], 0)
        return
    article.attributions = find_attributions(doc, article.provenance,
                                             options.min_attribution_confidence,
                                             span_model=options.span_model)
    if not options.all_attributions:
        # The finder keeps PolNeAR's broad notion; a reader is shown statements.
        article.attributions = [a for a in article.attributions
                                if why_not_statement(doc, a) is None]
    n_words = sum(1 for t in doc if t.is_alpha)
    article.signals["sourcing"] = summarize(article.attributions, n_words)

