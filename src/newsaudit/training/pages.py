"""Labelled pages from two collections, for training and testing the furniture classifiers.

Two collections of real web pages with hand-made main content, from the data
directory:

- ``scrapinghub_aeb``: 181 article pages (2017-2020, 20 of them in other
  languages than English, :data:`NON_ENGLISH`) with an ``articleBody`` (MIT);
- ``dragnet``: 1,381 news and blog pages (2012) with the main content written out
  by hand (Peters and Lecocq 2013). Its gold files give the reader comments after
  a ``!@#$%^&*()  COMMENTS`` marker (421 files, some with the marker mistyped):
  they are not body, so the gold body stops there. One page (R427) was crawled
  without its body (156 bytes of HTML): a page none of whose lines is gold body is
  left out, there is nothing on it to find.
  Five gold files are UTF-16 decoded as UTF-8 (a NUL after every character);
  dropping the NULs gives their text back.

Each page is rendered to page text by :func:`newsaudit.html.read_html` (one block
a line), each line labelled body when its words are in the gold body
(:func:`label_lines`), and kept with trafilatura's main text and each line's link
share, the HTML evidence the parse step sees. Rendering 1,562 pages takes minutes,
so the rendered pages are cached (keyed by the data files and
:data:`RENDER_VERSION`).

Split: five page-disjoint cross-validation folds over both collections; a page's
fold is the SHA-256 of ``"<collection>:<id>"`` modulo 5, so a page is tested only
by a model that never saw it (as text or as HTML), and the folds do not change
when pages are added. The shipped page model is then fitted on every page, the
text model on the Scrapinghub pages (:mod:`newsaudit.training.furniture`).
"""

from __future__ import annotations

import gzip
import hashlib
import json
import logging
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ..data import cache_dir, dataset, fingerprint
from ..errors import NewsauditError
from ..html import page_blocks, parse_tree, read_html
from ..parse.lines import Line, split_lines

log = logging.getLogger(__name__)

COLLECTIONS = ("scrapinghub_aeb", "dragnet")

#: Bump when rendering (html.py) or the gold clean-up changes, so the cache is rebuilt.
RENDER_VERSION = "2"

#: Dragnet's gold files put the reader comments after a marker, "!@#$%^&*()  COMMENTS"
#: in 381 files and typed with variations in 40 more ("!@ $%^&*()  COMMENTS",
#: "#$%$%^&*()  COMMENTS", one space or a tab): punctuation, then "COMMENTS".
DRAGNET_COMMENTS = re.compile(r"[!@#$%^&*()][!@#$%^&*() \t]{2,}COMMENTS")

#: Cross-validation folds.
FOLDS = 5

#: The Scrapinghub pages whose gold body is not English (id prefix: language),
#: found by their share of English function words (under 0.1) and checked by
#: reading. The Dragnet pages are all English.
NON_ENGLISH = {
    "0ec95c7261d1": "ko", "9da36ae4714b": "ko", "85439e26c41c": "ja", "f105de6e63ca": "ja",
    "3c6d3381ef52": "ru", "c4a3637c6696": "ru", "c82b3d1d540b": "ru", "ff0f958ade71": "ru",
    "11ea381ad92b": "pt", "23aaecd14171": "pt", "3252222e61fe": "pt", "b3c19dd5f061": "pt",
    "cc03ddb5ef7d": "pt", "f6ac15a4d985": "pt", "20b2b64916b0": "it", "b6fb53e9fb04": "it",
    "21486419bb10": "id", "7837c9d66c81": "id", "57b4dafd18cf": "de", "ba07d1e64775": "de",
}

#: Share of a line's word trigrams that must occur in the gold body for the line
#: to count as body; lines under 3 words must occur in the gold body as a whole.
#: 0.6 separates the few lines that straddle body and caption.
BODY_OVERLAP = 0.6

_WORD = re.compile(r"\w+")


@dataclass
class Page:
    """One rendered page with its line labels and HTML evidence."""

    collection: str
    key: str
    lines: list[Line]
    labels: np.ndarray
    evidence: str | None
    links: list[float] | None
    gold: str

    @property
    def language(self) -> str:
        """ISO 639-1 code of the gold body's language."""
        return language(self.collection, self.key)

    @property
    def fold(self) -> int:
        """The page's cross-validation fold (see the module docstring)."""
        return fold(self.collection, self.key)


def language(collection: str, key: str) -> str:
    """ISO 639-1 code of a page's gold body language."""
    return NON_ENGLISH.get(key[:12], "en") if collection == "scrapinghub_aeb" else "en"


def fold(collection: str, key: str) -> int:
    """A page's cross-validation fold, ``0 .. FOLDS - 1`` (see the module docstring)."""
    return int(hashlib.sha256(f"{collection}:{key}".encode()).hexdigest(), 16) % FOLDS


def folds(pages: list[Page]) -> list[tuple[list[Page], list[Page]]]:
    """The page-disjoint (train, test) pairs of cross-validation."""
    return [([p for p in pages if p.fold != f], [p for p in pages if p.fold == f])
            for f in range(FOLDS)]


def _words(text: str) -> list[str]:
    return _WORD.findall(text.lower())


def label_lines(lines: list[Line], gold: str) -> np.ndarray:
    """1 for lines of the gold body, 0 for the rest."""
    gold_words = _words(gold)
    gold_tri = {tuple(gold_words[i:i + 3]) for i in range(len(gold_words) - 2)}
    gold_joined = " " + " ".join(gold_words) + " "
    out = np.zeros(len(lines), dtype=int)
    for i, ln in enumerate(lines):
        w = _words(ln.text)
        if len(w) < 3:
            out[i] = int(len(w) > 1 and f" {' '.join(w)} " in gold_joined)
            continue
        tri = [tuple(w[j:j + 3]) for j in range(len(w) - 2)]
        out[i] = int(sum(t in gold_tri for t in tri) / len(tri) >= BODY_OVERLAP)
    return out


def _raw(collection: str) -> Iterator[tuple[str, str, str, str | None]]:
    """(id, html, gold body, url) of every page of a collection.

    Raises:
        MissingDataError: If the collection is not in the data directory.
    """
    root = dataset(collection)
    if collection == "dragnet":
        with gzip.open(root / "pages.jsonl.gz", "rt", encoding="utf-8") as fh:
            for line in fh:
                row = json.loads(line)
                # Five gold files were UTF-16 read as UTF-8: their text is in every other byte.
                gold = DRAGNET_COMMENTS.split(row["gold_text"].replace("\x00", ""), 1)[0]
                yield str(row["id"]), row["html"], gold, None
        return
    gold = json.loads((root / "ground-truth.json").read_text(encoding="utf-8"))
    for key in sorted(gold):
        path = root / "html" / f"{key}.html.gz"
        if path.exists():
            html = gzip.decompress(path.read_bytes()).decode("utf-8", errors="replace")
            yield key, html, gold[key]["articleBody"], gold[key].get("url")


def _render(html: str, url: str | None) -> dict | None:
    try:
        article = read_html(html, url=url)
    except NewsauditError as exc:  # a page we cannot render is reported, not fatal
        log.warning("skipping a page: %s", exc)
        return None
    root, _ = parse_tree(html)
    body = root.find("body")
    links = [share for _, share in page_blocks(body if body is not None else root)]
    return {"text": article.text, "evidence": article.meta.origin.get("main_text"),
            "links": links}


def _cache_path(collection: str) -> Path:
    root = dataset(collection)
    key = fingerprint(sorted(p for p in root.rglob("*") if p.is_file()))
    return cache_dir() / f"furniture-pages-{collection}-{RENDER_VERSION}-{key}.jsonl.gz"


def _rendered(collection: str) -> Iterator[dict]:
    """The rendered pages, from the cache (built on first use)."""
    path = _cache_path(collection)
    if not path.exists():
        tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
        with gzip.open(tmp, "wt", encoding="utf-8") as out:
            for key, html, gold, url in _raw(collection):
                if (row := _render(html, url)) is not None:
                    out.write(json.dumps({"id": key, "gold": gold, **row}) + "\n")
        tmp.replace(path)
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            yield json.loads(line)


def load_pages(collections: tuple[str, ...] = COLLECTIONS, *,
               limit: int | None = None) -> list[Page]:
    """Render (or read from the cache) and label the pages of the given collections.

    A page none of whose lines is gold body (Dragnet's R427, crawled without its
    body) has nothing to find and is left out.

    Args:
        collections: Which collections.
        limit: At most this many pages of each collection.
    """
    pages = []
    for collection in collections:
        n = 0
        for row in _rendered(collection):
            if limit is not None and n >= limit:
                break
            lines = split_lines(row["text"])
            labels = label_lines(lines, row["gold"])
            if not labels.any():
                continue
            n += 1
            links = row["links"] if len(row["links"]) == len(lines) else None
            pages.append(Page(collection, row["id"], lines, labels, row["evidence"], links,
                              row["gold"]))
    return pages


def _norm(text: str) -> str:
    return " ".join(_words(text))


def extractor_lines(page: Page) -> list[bool]:
    """Which lines trafilatura's main text holds (its body, projected onto the lines)."""
    evidence = _norm(page.evidence or "")
    return [bool(n) and n in evidence for n in (_norm(ln.text) for ln in page.lines)]
