"""PolNeAR (Newell, Margolin and Ruths 2018): documents, gold attribution spans and
the span match used to score against them.

Gold: the brat ``.ann`` files of ``data/<split>/attributions``; Source, Cue and
Content text-bound spans (discontinuous spans as their fragments). A document
annotated by several annotators is read from one file, chosen deterministically:
the alphabetically first annotator id. Shared by ``benchmarks/polnear.py``, the
quality floors in ``tests/`` and the training of the confidence and span models.

Matching (per role, one-to-one, greedy by overlap): a predicted span matches a
gold span when their overlap covers at least half of the *longer* of the two
(:func:`newsaudit.analysis.intervals.agrees`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..analysis.intervals import MATCH_SHARE, Extent, length, overlap
from ..data import dataset

ROLES = ("source", "cue", "content")
_TRIM = " \t\n,;:.—–-\"“”‘’'«»"


@dataclass
class Document:
    """One PolNeAR text with the gold spans of one annotator, by role."""

    name: str
    text: str
    annotator: str
    gold: dict[str, list[Extent]] = field(default_factory=dict)


def load_split(split: str, limit: int | None = None) -> list[Document]:
    """PolNeAR documents of a split (train, dev, test) with one annotator's gold spans."""
    root = dataset("polnear") / "data" / split
    docs = []
    for txt in sorted((root / "text").glob("*.txt")):
        anns = sorted((root / "attributions").glob(txt.stem + "_*.ann"))
        if not anns:
            continue
        ann = anns[0]
        doc = Document(txt.stem, txt.read_text(encoding="utf-8"), ann.stem.rsplit("_", 1)[1])
        doc.gold = read_ann(ann)
        docs.append(doc)
        if limit and len(docs) >= limit:
            break
    return docs


def read_ann(path: Path) -> dict[str, list[Extent]]:
    """Source, cue and content spans of a brat ``.ann`` file."""
    gold: dict[str, list[Extent]] = {r: [] for r in ROLES}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.startswith("T"):
            continue
        parts = line.split("\t")
        if len(parts) < 2:
            continue
        label, _, offsets = parts[1].partition(" ")
        role = label.lower()
        if role not in gold:
            continue
        frags = []
        for frag in offsets.split(";"):
            a, b = frag.split()
            frags.append((int(a), int(b)))
        gold[role].append(tuple(frags))
    return gold


def _trimmed(text: str, r: Extent) -> tuple[int, int]:
    a, b = min(x for x, _ in r), max(y for _, y in r)
    while a < b and text[a] in _TRIM:
        a += 1
    while b > a and text[b - 1] in _TRIM:
        b -= 1
    return a, b


def match(text: str, pred: list[Extent], gold: list[Extent],
          mode: str = "overlap50") -> list[tuple[int, int]]:
    """One-to-one matches (pred index, gold index), greedy by overlap.

    ``mode``: "overlap50" (overlap at least half of the longer span), "any"
    (any overlap) or "exact" (equal after trimming spaces, quotes and punctuation).
    """
    pairs = []
    for i, p in enumerate(pred):
        for j, g in enumerate(gold):
            ov = overlap(p, g)
            if ov <= 0:
                continue
            if mode == "overlap50" and ov < MATCH_SHARE * max(length(p), length(g)):
                continue
            if mode == "exact" and _trimmed(text, p) != _trimmed(text, g):
                continue
            pairs.append((ov, i, j))
    pairs.sort(reverse=True)
    used_p: set[int] = set()
    used_g: set[int] = set()
    out = []
    for _, i, j in pairs:
        if i not in used_p and j not in used_g:
            used_p.add(i)
            used_g.add(j)
            out.append((i, j))
    return out
