"""Copy-detection output: Parquet tables, the source-by-source graph, a summary, an SVG.

``write_copies(result, out)`` writes, into the folder ``out``:

- ``pairs.parquet``: one row per verified copy (both articles' ids, outlets and
  dates, Jaccard, containments, kind, origin, basis, credited party, evidence);
- ``passages.parquet``: the shared passages, with offsets into both texts;
- ``graph.parquet``: per (copying outlet, origin outlet) the copied articles,
  the copying outlet's articles in the corpus and the share they make;
- ``graph.svg``: the graph drawn (outlets on a circle, an arrow from origin to
  copier, as wide as the number of articles); ``summary.txt``: the readable view.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from html import escape
from pathlib import Path
from typing import Any

from .copies import CopyResult

#: Outlets drawn in the SVG (the most connected); the table keeps them all.
GRAPH_OUTLETS = 24


def pair_rows(result: CopyResult) -> list[dict[str, Any]]:
    """One dict per verified pair (the rows of ``pairs.parquet``)."""
    rows = []
    for n, p in enumerate(result.pairs):
        ma, mb = result.meta(p.a), result.meta(p.b)
        origin = None if p.origin is None else result.meta(p.origin).id
        copy = None if p.copy is None else result.meta(p.copy).id
        rows.append({
            "pair": n, "a_id": ma.id, "b_id": mb.id, "a_source": ma.outlet,
            "b_source": mb.outlet, "a_published": ma.published, "b_published": mb.published,
            "a_title": ma.title, "b_title": mb.title,
            "kind": p.kind, "jaccard": p.jaccard, "containment_a": p.containment_a,
            "containment_b": p.containment_b, "shared_words": p.shared_words,
            "origin_id": origin, "copy_id": copy, "basis": p.basis, "credited": p.credited,
            "evidence": p.evidence,
            "evidence_id": None if p.evidence_span is None else result.meta(p.evidence_span[0]).id,
            "evidence_start": None if p.evidence_span is None else p.evidence_span[1],
            "evidence_end": None if p.evidence_span is None else p.evidence_span[2],
        })
    return rows


def passage_rows(result: CopyResult, with_text: bool = True) -> list[dict[str, Any]]:
    """One dict per shared passage (the rows of ``passages.parquet``)."""
    rows = []
    for n, p in enumerate(result.pairs):
        text = result.store.text(p.a) if with_text else ""
        for q in p.passages:
            rows.append({"pair": n, "a_id": result.meta(p.a).id, "b_id": result.meta(p.b).id,
                         "a_start": q.a_start, "a_end": q.a_end, "b_start": q.b_start,
                         "b_end": q.b_end, "words": q.words,
                         "text": text[q.a_start:q.a_end] if with_text else None})
    return rows


def graph_rows(result: CopyResult) -> list[dict[str, Any]]:
    """Per copying outlet and origin outlet: articles copied, and their share.

    Only directed pairs between different outlets count; an article copied
    from two origins counts once under each.
    """
    totals = Counter(m.outlet for m in result.store.metas)
    copied: dict[tuple[str, str], set[int]] = defaultdict(set)
    for p in result.pairs:
        if p.origin is None or p.copy is None:
            continue
        src, dst = result.meta(p.origin).outlet, result.meta(p.copy).outlet
        if src != dst:
            copied[(dst, src)].add(p.copy)
    rows: list[dict[str, Any]] = [{"source": dst, "origin": src, "articles": len(docs),
             "source_articles": totals[dst], "share": round(len(docs) / totals[dst], 4)}
            for (dst, src), docs in copied.items()]
    rows.sort(key=lambda r: (-int(r["articles"]), str(r["source"]), str(r["origin"])))
    return rows


def summary(result: CopyResult, top: int = 15) -> str:
    """The readable summary: counts, the graph's heaviest edges, the closest copies."""
    pairs = result.pairs
    kinds = Counter(p.kind for p in pairs)
    bases = Counter(p.basis for p in pairs)
    cross = sum(result.meta(p.a).outlet != result.meta(p.b).outlet for p in pairs)
    lines = [
        f"{len(result.store)} articles, {result.candidates} candidate pairs, "
        f"{len(pairs)} copies ({kinds['near_duplicate']} near-duplicates, "
        f"{kinds['partial']} partial), {cross} across outlets",
        "direction: " + ", ".join(f"{k} {v}" for k, v in sorted(bases.items())),
        "",
        "Who copies whom (copying outlet <- origin: articles, share of its articles)",
    ]
    for r in graph_rows(result)[:top]:
        lines.append(f"  {r['source']} <- {r['origin']}: {r['articles']} "
                     f"({100 * r['share']:.1f}% of {r['source_articles']})")
    lines += ["", "Closest copies across outlets"]
    shown = 0
    for p in pairs:
        ma, mb = result.meta(p.a), result.meta(p.b)
        if ma.outlet == mb.outlet:
            continue
        arrow = "?"
        if p.origin is not None:
            arrow = f"origin {result.meta(p.origin).outlet} ({p.basis})"
        lines.append(f"  {p.kind} J={p.jaccard:.2f} {ma.outlet} [{ma.id}] ~ {mb.outlet} "
                     f"[{mb.id}]: {arrow}; {p.shared_words} shared words")
        if p.evidence and p.basis != "earlier":
            lines.append(f"    evidence: {' '.join(p.evidence.split())[:120]}")
        shown += 1
        if shown >= top:
            break
    return "\n".join(lines) + "\n"


def svg(rows: list[dict[str, Any]], size: int = 900, max_outlets: int = GRAPH_OUTLETS) -> str:
    """The copy graph as SVG: outlets on a circle, arrows origin -> copier."""
    weight: Counter[str] = Counter()
    for r in rows:
        weight[r["source"]] += r["articles"]
        weight[r["origin"]] += r["articles"]
    names = [n for n, _ in weight.most_common(max_outlets)]
    keep = set(names)
    edges = [r for r in rows if r["source"] in keep and r["origin"] in keep]
    c, radius = size / 2, size / 2 - 170
    pos = {n: (c + radius * math.cos(2 * math.pi * i / max(1, len(names)) - math.pi / 2),
               c + radius * math.sin(2 * math.pi * i / max(1, len(names)) - math.pi / 2))
           for i, n in enumerate(names)}
    top = max((r["articles"] for r in edges), default=1)
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{size}" height="{size}" '
           f'viewBox="0 0 {size} {size}" font-family="sans-serif" font-size="13">',
           '<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" '
           'markerUnits="userSpaceOnUse" markerWidth="14" '
           'markerHeight="14" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" '
           'fill="#b03a2e"/></marker></defs>',
           f'<rect width="{size}" height="{size}" fill="white"/>',
           f'<text x="{c}" y="24" text-anchor="middle" font-size="16">Who copies whom: arrow '
           f'from origin to copier, width = articles copied ({len(edges)} edges)</text>']
    for r in sorted(edges, key=lambda r: r["articles"]):
        (x1, y1), (x2, y2) = pos[r["origin"]], pos[r["source"]]
        dx, dy = x2 - x1, y2 - y1
        d = math.hypot(dx, dy) or 1.0
        x2, y2 = x2 - dx / d * 9, y2 - dy / d * 9  # stop at the node's edge
        mx, my = (x1 + x2) / 2 - dy * 0.12, (y1 + y2) / 2 + dx * 0.12  # bend: A->B != B->A
        width = 1 + 7 * r["articles"] / top
        out.append(f'<path d="M{x1:.1f},{y1:.1f} Q{mx:.1f},{my:.1f} {x2:.1f},{y2:.1f}" '
                   f'fill="none" stroke="#b03a2e" stroke-opacity="0.6" '
                   f'stroke-width="{width:.1f}" marker-end="url(#arrow)">'
                   f'<title>{escape(r["origin"])} -> {escape(r["source"])}: '
                   f'{r["articles"]}</title></path>')
    for n in names:
        x, y = pos[n]
        anchor = "start" if x >= c else "end"
        lx = x + (12 if x >= c else -12)
        out.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="8" fill="#1f4e79"/>')
        out.append(f'<text x="{lx:.1f}" y="{y + 4:.1f}" text-anchor="{anchor}">'
                   f'{escape(n)} ({weight[n]})</text>')
    out.append("</svg>")
    return "\n".join(out) + "\n"


def write_copies(result: CopyResult, out: Path) -> dict[str, Path]:
    """Write the tables, graph and summary into the folder ``out``; the files written."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    out.mkdir(parents=True, exist_ok=True)
    files = {name: out / name for name in ("pairs.parquet", "passages.parquet",
                                           "graph.parquet", "graph.svg", "summary.txt")}
    schemas = {
        "pairs.parquet": pair_rows(result),
        "passages.parquet": passage_rows(result),
        "graph.parquet": graph_rows(result),
    }
    for name, rows in schemas.items():
        table = pa.Table.from_pylist(rows) if rows else pa.table({"pair": pa.array([], pa.int64())})
        _atomic(files[name], lambda tmp, t=table: pq.write_table(t, tmp))
    _atomic(files["graph.svg"],
            lambda tmp: tmp.write_text(svg(schemas["graph.parquet"]), encoding="utf-8"))
    _atomic(files["summary.txt"],
            lambda tmp: tmp.write_text(summary(result), encoding="utf-8"))
    return files


def _atomic(path: Path, write: Any) -> None:
    tmp = path.with_name(path.name + ".tmp")
    write(tmp)
    tmp.replace(path)


__all__ = ["graph_rows", "pair_rows", "passage_rows", "summary", "svg", "write_copies"]
