"""Which articles report the same event: similarity within a time window, average linkage.

1. **Text.** Each article's title and the start of its body (``BODY_CHARS``
   characters, page furniture removed by the line model of
   :mod:`newsaudit.parse.furniture`) become a TF-IDF vector (scikit-learn's
   ``TfidfVectorizer``: sublinear term frequency, English stop words, words in more
   than ``MAX_DF`` of the articles dropped). The title is counted ``TITLE_WEIGHT``
   times: it names the event.
2. **Names.** The named entities of the title and lead (runs of capitalised
   words, no NLP model per article) become a second TF-IDF vector, so that a
   shared rare name ("Bubba Wallace") weighs far more than a shared common one
   ("Trump"). Off by default (``ENTITY_WEIGHT`` 0: it did not help on the dev half).
3. **Similarity** of two articles published at most ``window_days`` apart is
   ``(1 - ENTITY_WEIGHT) * text cosine + ENTITY_WEIGHT * names cosine``; articles
   further apart have none. The sparse products are taken in blocks of articles
   sorted by date, each against the articles of its window only.
4. **Linkage.** Stories are cut from an average-linkage tree (SciPy) at
   ``link_similarity``: two groups merge only when their reports are similar *on
   average*, so a month of related news does not chain into one story through its
   daily reports as single linkage (connected components) does. The tree is built
   per connected component of the pairs at ``link_similarity`` (a merge needs at
   least one such pair), so memory follows the largest component, not the corpus.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from .docs import DocStore

log = logging.getLogger(__name__)

#: Characters of body read after the title. BODY_CHARS, ENTITY_WEIGHT and
#: LINK_SIMILARITY were chosen together on the dev half of
#: tests/data/stories_labelled.jsonl (`python benchmarks/stories.py --tune`: 1,200 /
#: 3,000 / 6,000 chars x weight 0 / 0.15 / 0.3 / 0.5 x cut 0.03-0.12), by the mean
#: pairwise F1 of two settings: among the dev days' articles (F1 0.943) and among the
#: fortnight around them (1,680 articles, F1 0.969). The lead names the event; the
#: rest of a long article drifts to other subjects.
BODY_CHARS = 1200
#: How many times the title is counted among the words.
TITLE_WEIGHT = 2
#: Words in more than this share of the articles say nothing about the event.
MAX_DF = 0.5
#: Weight of the shared-names cosine in the similarity (the rest is the text
#: cosine). 0 on the dev grid (mean F1 0.956; the best with names, 0.15, 0.951): a
#: name's words are already rare terms of the text vector. Kept as an option.
ENTITY_WEIGHT = 0.0
#: Average similarity at which two groups of reports are one story (the cut of the
#: average-linkage tree); chosen with BODY_CHARS.
LINK_SIMILARITY = 0.06
#: Pairs below this similarity are not kept (they count as 0 in the averages): a
#: floor under LINK_SIMILARITY that bounds the pairs held in memory.
PAIR_FLOOR = 0.02
#: Days between two reports of one story (the CLI's --window).
WINDOW_DAYS = 3
#: Articles per block of the windowed sparse product (bounds its memory).
BLOCK = 2000
#: A component this large is cut with single linkage at a raised threshold before
#: the average-linkage tree (its dense distance matrix would need m^2/2 floats).
MAX_COMPONENT = 6000

_ENTITY = re.compile(r"\b[A-Z][\w’'.-]*(?:\s+(?:of|the|de|al|and)?\s*[A-Z][\w’'.-]*)*")
# Capitalised words that start sentences or name no one.
_NOT_ENTITIES = frozenset("""
the a an and but or he she it they we i you this that these those his her their its our
in on at for from by with after before as when while if what who why how there here
mr mrs ms dr monday tuesday wednesday thursday friday saturday sunday january february
march april may june july august september october november december said says
""".split())
_WORD = r"(?u)\b[^\W\d_][\w'’-]+\b"


def entities(text: str) -> set[str]:
    """Capitalised names in ``text``, lower-cased (``"Donald Trump"``, ``"senate"``)."""
    out = set()
    for m in _ENTITY.finditer(text):
        words = [w for w in m.group().split() if w.lower() not in _NOT_ENTITIES]
        name = " ".join(words).strip(".’'-").lower()
        if len(name) >= 3:
            out.add(name)
    return out


def body_start(text: str, chars: int = BODY_CHARS) -> str:
    """The first ``chars`` characters of the article body, page furniture removed.

    The furniture stage reads the first ``2 * chars`` characters of the page (a
    masthead, share links or a cookie notice come before the body).
    """
    from ..article import Article
    from ..options import Options
    from ..parse.furniture import ParseFurniture

    head = text[:2 * chars]
    if not head.strip():
        return ""
    if len(head.strip().splitlines()) == 1:
        return head[:chars]
    article = Article(head)
    ParseFurniture(Options())(article)
    return (article.body_string("\n") or head)[:chars]


def article_texts(store: DocStore, order: Sequence[int],
                  chars: int = BODY_CHARS) -> tuple[list[str], list[str]]:
    """Title-weighted text and title-plus-lead (for names) of each article in ``order``."""
    texts, leads = [], []
    for i in order:
        title = store.metas[i].title or ""
        body = body_start(store.text(i), chars)
        texts.append("\n".join([title] * TITLE_WEIGHT + [body]))
        leads.append(f"{title}\n{body[:1200]}")
    return texts, leads


def _vectors(texts: list[str], leads: list[str], names_too: bool = True) -> tuple[Any, Any]:
    """L2-normalised TF-IDF rows of the words and of the names (None without ``names_too``)."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    n = len(texts)
    words = TfidfVectorizer(sublinear_tf=True, stop_words="english", token_pattern=_WORD,
                            max_df=MAX_DF if n >= 20 else 1.0, dtype=np.float32)
    names = TfidfVectorizer(analyzer=_entity_list, dtype=np.float32)
    X = words.fit_transform(texts)
    if not names_too:
        return X.tocsr(), None
    try:
        E = names.fit_transform(leads)
    except ValueError:  # no capitalised name anywhere
        from scipy import sparse

        E = sparse.csr_matrix((n, 1), dtype=np.float32)
    return X.tocsr(), E.tocsr()


def _entity_list(text: str) -> list[str]:
    return sorted(entities(text))


def similar_pairs(X: Any, E: Any, days: np.ndarray, window: int,
                  entity_weight: float = ENTITY_WEIGHT,
                  floor: float = PAIR_FLOOR) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Pairs ``(a, b, sim)``, ``a < b`` at most ``window`` days apart, similarity >= ``floor``.

    Rows must be sorted by ``days``; each block of ``BLOCK`` rows is multiplied
    with the rows of its window only.
    """
    n = X.shape[0]
    out_a, out_b, out_s = [], [], []
    for start in range(0, n, BLOCK):
        stop = min(n, start + BLOCK)
        hi = int(np.searchsorted(days, days[stop - 1] + window, side="right"))
        S = X[start:stop] @ X[start:hi].T
        if entity_weight:
            S = (1 - entity_weight) * S + entity_weight * (E[start:stop] @ E[start:hi].T)
        S = S.tocoo()
        a, b = S.row + start, S.col + start
        keep = (b > a) & (S.data >= floor) & (days[b] - days[a] <= window)
        out_a.append(a[keep])
        out_b.append(b[keep])
        out_s.append(np.minimum(S.data[keep], 1.0))  # float32 rounding: cosine 1.0000001
    if not out_a:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty, np.zeros(0, dtype=np.float32)
    return np.concatenate(out_a), np.concatenate(out_b), np.concatenate(out_s)


def _components(n: int, a: np.ndarray, b: np.ndarray, s: np.ndarray,
                threshold: float) -> np.ndarray:
    from scipy import sparse
    from scipy.sparse.csgraph import connected_components

    keep = s >= threshold
    graph = sparse.coo_matrix((np.ones(int(keep.sum())), (a[keep], b[keep])), shape=(n, n))
    return connected_components(graph, directed=False)[1]


def average_linkage(n: int, a: np.ndarray, b: np.ndarray, s: np.ndarray,
                    threshold: float) -> np.ndarray:
    """Cluster label of each of ``n`` items, -1 for an item alone.

    Average linkage over the similarities ``s`` of pairs ``(a, b)`` (pairs not
    given have similarity 0), cut where the average similarity falls below
    ``threshold``.
    """
    from scipy.cluster.hierarchy import fcluster, linkage
    from scipy.spatial.distance import squareform

    labels = np.full(n, -1, dtype=np.int64)
    comp = _components(n, a, b, s, threshold)
    sizes = np.bincount(comp)
    inside = comp[a] == comp[b]  # pairs under the threshold may join two components
    a, b, s = a[inside], b[inside], s[inside]
    pair_comp = comp[a]
    order = np.argsort(pair_comp, kind="stable")
    bounds = np.searchsorted(pair_comp[order], np.arange(len(sizes) + 1))
    next_label = 0
    for c in np.flatnonzero(sizes > 1):
        members = np.flatnonzero(comp == c)
        sel = order[bounds[c]:bounds[c + 1]]
        if len(members) > MAX_COMPONENT:
            log.warning("a group of %d related reports is split at a raised threshold first",
                        len(members))
            sub = average_linkage(len(members), *_local(members, a[sel], b[sel]), s[sel],
                                  threshold * 1.25)
            parts = [members[sub == k] for k in range(int(sub.max()) + 1)]
        else:
            pos = np.searchsorted(members, np.concatenate([a[sel], b[sel]]))
            D = np.ones((len(members), len(members)), dtype=np.float64)
            D[pos[:len(sel)], pos[len(sel):]] = 1.0 - s[sel]
            D[pos[len(sel):], pos[:len(sel)]] = 1.0 - s[sel]
            np.fill_diagonal(D, 0.0)
            tree = linkage(squareform(D, checks=False), method="average")
            cut = fcluster(tree, t=1.0 - threshold, criterion="distance")
            parts = [members[cut == k] for k in np.unique(cut)]
        for part in parts:
            if len(part) > 1:
                labels[part] = next_label
                next_label += 1
    return labels


def _local(members: np.ndarray, a: np.ndarray, b: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    return np.searchsorted(members, a), np.searchsorted(members, b)


def cluster(store: DocStore, window: int = WINDOW_DAYS, link: float = LINK_SIMILARITY,
            entity_weight: float = ENTITY_WEIGHT,
            progress: Callable[[str], None] | None = None) -> np.ndarray:
    """Story label of every document, -1 for one in no story (undated ones join none).

    Labels are numbered from the largest story down.
    """
    n = len(store)
    labels = np.full(n, -1, dtype=np.int64)
    dated = [i for i in range(n) if store.metas[i].published is not None]
    if len(dated) < 2:
        return labels
    dated.sort(key=lambda i: store.metas[i].published)  # type: ignore[arg-type, return-value]
    days = np.array([store.metas[i].published.toordinal() for i in dated])  # type: ignore[union-attr]
    texts, leads = article_texts(store, dated)
    if progress:
        progress("texts read")
    try:
        X, E = _vectors(texts, leads, names_too=entity_weight > 0)
    except ValueError:  # not one word left after the stop words: nothing to compare
        return labels
    a, b, s = similar_pairs(X, E, days, window, entity_weight)
    local = average_linkage(len(dated), a, b, s, link)
    sizes = np.bincount(local[local >= 0])
    rank = np.empty(len(sizes), dtype=np.int64)
    first = np.full(len(sizes), len(dated))
    np.minimum.at(first, local[local >= 0], np.flatnonzero(local >= 0))
    rank[np.lexsort((first, -sizes))] = np.arange(len(sizes))
    for k, lab in enumerate(local.tolist()):
        if lab >= 0:
            labels[dated[k]] = rank[lab]
    return labels


__all__ = ["average_linkage", "body_start", "cluster", "entities", "similar_pairs"]
