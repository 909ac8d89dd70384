"""Span arithmetic over character offsets: extents, their overlap, and an interval index.

An :data:`Extent` is a span as PolNeAR and PARC annotate it: one or more half-open
``(start, end)`` pieces in text order (a quotation its cue interrupts is one
discontinuous content). :class:`IntervalIndex` finds the items whose range overlaps
a position or a range in O(log n + k). Shared by the sourcing rules, the span
model's refinement and the PolNeAR scoring (:mod:`newsaudit.training.polnear`).
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from typing import Any

#: A span of one or more half-open character ranges, in text order.
Extent = tuple[tuple[int, int], ...]

#: Two extents agree when their overlap covers at least this share of the longer
#: one: the span match of ``benchmarks/polnear.py`` (each then holds at least half
#: of the other, so neither a sentence swallowing a short span nor a fragment of a
#: long one counts).
MATCH_SHARE = 0.5


def length(r: Extent) -> int:
    """Characters covered by an extent."""
    return sum(b - a for a, b in r)


def overlap(p: Extent, g: Extent) -> int:
    """Characters two extents have in common."""
    return sum(max(0, min(b, d) - max(a, c)) for a, b in p for c, d in g)


def agrees(p: Extent, g: Extent) -> bool:
    """The benchmark's match of two spans: overlap of at least half of the longer."""
    return overlap(p, g) >= MATCH_SHARE * max(length(p), length(g))


def predicted(found: list) -> list[tuple[Extent, list]]:
    """Content extents of attributions as PolNeAR scores them, each with the
    attributions behind it: a quotation its cue interrupts is one discontinuous
    content (the attribution's ``fragments``); its later pieces, attributions of
    their own too, are part of it and not scored again."""
    pieces = {(f.start, f.end) for a in found for f in a.fragments[1:]}
    out: dict[Extent, list] = {}
    for a in found:
        if a.fragments:
            key: Extent = tuple((f.start, f.end) for f in a.fragments)
        elif (a.content.start, a.content.end) not in pieces:
            key = ((a.content.start, a.content.end),)
        else:
            continue
        out.setdefault(key, []).append(a)
    return sorted(out.items())


class IntervalIndex:
    """Half-open character ranges with their items, for overlap look-ups in
    O(log n + k) (long articles have thousands of frames and quotations)."""

    def __init__(self, items: Iterable[tuple[int, int, Any]] = ()):
        self._items = sorted(items, key=lambda x: (x[0], x[1]))
        self._starts = [x[0] for x in self._items]
        self._longest = max((e - s for s, e, _ in self._items), default=0)

    def overlapping(self, start: int, end: int) -> list[tuple[int, int, Any]]:
        """Items whose range overlaps ``[start, end)`` (``s < end and start < e``)."""
        lo = bisect.bisect_left(self._starts, start - self._longest)
        hi = bisect.bisect_left(self._starts, end)
        return [x for x in self._items[lo:hi] if x[1] > start]

    def containing(self, pos: int) -> list[tuple[int, int, Any]]:
        """Items whose range holds ``pos`` (``s <= pos < e``)."""
        return self.overlapping(pos, pos + 1)
