"""The terminal view of a report, drawn with Rich."""

from __future__ import annotations

from typing import Any

from rich.console import Console, Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from .report import Report


def _clip(text: str, n: int = 90) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"


def _header(d: dict[str, Any]) -> RenderableType:
    art = d["article"]
    t = Text()
    t.append(art.get("title") or "(no title)", style="bold")
    t.append("\n")
    site = art.get("site_name") or art.get("domain")
    t.append(site or "unknown site", style="cyan")
    method = art.get("site_name_method")
    if method and method not in ("given", "masthead line"):
        t.append(f"  (named by the page: {method})", style="dim")
    if not site:
        t.append("  (pass --url or --site to name the page's site)", style="dim")
    if art.get("sections"):
        t.append("  ›  " + " · ".join(art["sections"]), style="dim")
    if art.get("authors"):
        t.append("\nby " + ", ".join(art["authors"]))
    if art.get("published"):
        t.append(f"\npublished {art['published']}", style="dim")
    if art.get("url"):
        t.append(f"\n{art['url']}", style="dim underline")
    return Panel(t, title="article", title_align="left")


def _furniture(d: dict[str, Any]) -> RenderableType | None:
    if not d["furniture"]:
        return None
    table = Table(title="page furniture (not body)", title_justify="left", show_lines=False)
    table.add_column("kind", style="magenta")
    table.add_column("offsets", style="dim", justify="right")
    table.add_column("text")
    for f in d["furniture"]:
        table.add_row(f["kind"], f"{f['start']}:{f['end']}", _clip(f["text"]))
    return table


def _body(d: dict[str, Any]) -> RenderableType:
    body = d["article"]["body"]
    words = len(body.split())
    paras = len(d["article"]["body_spans"])
    return Text(f"body: {words} words in {paras} blocks — {_clip(body, 160)}")


_VERDICT_STYLE = {"generally credible": "green", "credible with exceptions": "yellow",
                  "proceed with caution": "dark_orange", "maximum caution": "red"}


def _credibility(d: dict[str, Any]) -> RenderableType | None:
    c = d.get("credibility")
    if not c:
        return None
    t = Text()
    score = "" if c.get("score") is None else f"  {c['score']:.0f}/100"
    t.append(f"{c['label']}{score}", style="bold " + _VERDICT_STYLE.get(c["label"], "cyan"))
    if c.get("probability") is not None:
        t.append(f"   text model: {c['probability']:.0%} chance of a low-reliability source",
                 style="dim")
    says = (c.get("basis") or {}).get("says")
    if says:
        t.append(f"\nfrom {says}")
    for part, v in (c.get("basis") or {}).get("parts", {}).items():
        t.append(f"\n{part.replace('_', ' ')}: {v['points']:g} of {v['max_points']:g} points",
                 style="dim")
    for reason in c.get("reasons", [])[1:]:
        t.append(f"\n• {reason}")
    if len(c.get("reasons", [])) == 1:
        t.append("\n" + c["reasons"][0])
    return Panel(t, title="credibility", title_align="left")


#: Section renderers, in display order; each returns None when it has nothing.
SECTIONS = [_credibility, _header, _furniture, _body]


def render_text(report: Report, *, width: int | None = None) -> str:
    """The report as readable text for a terminal (or a file, without colour)."""
    d = report.to_dict()
    console = Console(width=width or 100, record=True, file=open("/dev/null", "w"),  # noqa: SIM115
                      force_terminal=False, color_system=None)
    parts = [r for r in (fn(d) for fn in SECTIONS) if r is not None]
    timing = d["timings"].get("total")
    if timing is not None:
        parts.append(Text(f"analysed in {timing:.0f} ms", style="dim"))
    console.print(Group(*parts))
    return console.export_text()


def _rating_table(r: dict[str, Any], title: str) -> RenderableType:
    score = "-" if r.get("score") is None else f"{r['score']:.2f}"
    match = r.get("match") or {}
    head = Text()
    head.append(f"{r.get('name') or '?'}", style="bold")
    head.append(f"  {r.get('domain') or 'not found'}  ")
    head.append(f"{r['label']} ({score})", style={"high": "green", "low": "red",
                                                   "mixed": "yellow"}.get(r["label"], "cyan"))
    if match:
        head.append(f"  matched by {match['method']} ({match['confidence']:.2f})", style="dim")
    spread = (r.get("disagreement") or {}).get("spread")
    if r.get("ambiguous"):
        head.append(f"\na name several outlets share ({', '.join(r['ambiguous'])}): "
                    "give the outlet's full name or its domain", style="dim")
    if spread is not None:
        head.append(f"\nraters' spread {spread:.2f}", style="dim")
        dis = r["disagreement"].get("raters_disagreeing")
        if dis:
            head.append("; disagreeing: " + ", ".join(dis), style="dim")
    table = Table(show_header=True, box=None, pad_edge=False)
    for col in ("rater", "value", "scale", "label", "score", "date", "licence"):
        table.add_column(col, overflow="fold")
    uncounted = False
    for x in r.get("ratings", []):
        cell = "-" if x["score"] is None else f"{x['score']:.2f}"
        if x["score"] is not None and not x.get("counted", True):
            cell = f"({cell})"
            uncounted = True
        table.add_row(x["rater"], str(x["value"]), x["scale"], x["label"] or "",
                      cell, x["date"], x["licence"])
    parts: list[RenderableType] = [head, table] if r.get("ratings") else [head]
    if r.get("status"):
        parts.append(Text(f"{r['status']}: {r.get('hint', '')}", style="yellow"))
    if uncounted:
        parts.append(Text("(score): this organisation's rating through another data set, "
                          "counted once", style="dim"))
    return Panel(Group(*parts), title=title, title_align="left")


def _source_rating(d: dict[str, Any]) -> RenderableType | None:
    r = d.get("source_rating")
    return _rating_table(r, "source rating") if r else None


def _provenance(d: dict[str, Any]) -> RenderableType | None:
    p = d.get("provenance") or {}
    if not p.get("chain") and not p.get("cited_sources"):
        return None
    t = Text()
    chain = " → ".join(
        f"{c['name']} [{(c.get('rating') or {}).get('label', '?')}]" for c in p.get("chain", []))
    if chain:
        t.append("chain: ", style="bold")
        t.append(chain + "\n")
    for n in p.get("syndicated_from", []) + p.get("wire", []) + p.get("hat_tips", []):
        t.append(f"{n['kind']}: {n['name']} — “{_clip(n['evidence']['text'], 80)}”\n")
    for c in p.get("cited_sources", []):
        mentions = "; ".join(f"“{m['text']}”" for m in c["mentions"])
        t.append(f"cites {c['name']} ({c['kind']}): {mentions}\n")
    return Panel(t, title="provenance", title_align="left")


def _attributions(d: dict[str, Any]) -> RenderableType | None:
    rows = d.get("attributions") or []
    if not rows:
        return None
    table = Table(title="who says what", title_justify="left")
    for col in ("speaker", "type", "cue", "direct", "via", "conf.", "content"):
        table.add_column(col, overflow="fold")
    for a in rows:
        conf = a.get("confidence")
        table.add_row(_speaker(a), a.get("source_type") or a["speaker_type"],
                      (a.get("cue") or {}).get("text", ""), "yes" if a["direct"] else "no",
                      a.get("via") or "", "" if conf is None else f"{conf:.2f}",
                      _clip(a["content"]["text"], 70))
    return table


def _speaker(a: dict[str, Any]) -> str:
    """The speaker as resolved: "he → Douglas Letter" for a pronoun, a surname or an
    office that resolves to a name; the name or phrase otherwise."""
    written = (a.get("speaker") or {}).get("text")
    name = a.get("source_name") or a.get("speaker_name") or written
    if not name:
        return "—"
    if written and a.get("antecedent") and written.strip() != name:
        return f"{written.strip()} → {name}"
    return name


def render_rating(rating: dict[str, Any], *, width: int = 110) -> str:
    """A source rating as readable text (for ``newsaudit source``)."""
    console = Console(width=width, record=True, file=open("/dev/null", "w"),  # noqa: SIM115
                      force_terminal=False, color_system=None)
    console.print(_rating_table(rating, "source rating"))
    return console.export_text()


SECTIONS.extend([_provenance, _attributions, _source_rating])


#: Claims shown in the terminal view, highest scores first (the report keeps all).
TOP_CLAIMS = 8


def _claims(d: dict[str, Any]) -> RenderableType | None:
    rows = d.get("claims") or []
    if not rows:
        return None
    title = f"check-worthy claims ({len(rows)})"
    if len(rows) > TOP_CLAIMS:
        title = (f"check-worthy claims: the {TOP_CLAIMS} highest-scoring of {len(rows)} "
                 "(all are in --format json)")
    table = Table(title=title, title_justify="left")
    table.add_column("score", justify="right", style="bold")
    table.add_column("offsets", style="dim", justify="right")
    table.add_column("sentence", overflow="fold")
    for c in sorted(rows, key=lambda c: -c["score"])[:TOP_CLAIMS]:
        table.add_row(f"{c['score']:.2f}", f"{c['start']}:{c['end']}", _clip(c["text"], 120))
    return table


SECTIONS.insert(SECTIONS.index(_source_rating) if _source_rating in SECTIONS else len(SECTIONS),
                _claims)


#: The signals shown in the terminal view, (group, key, label, format); the
#: report keeps every feature (docs/signals.md).
SIGNAL_ROWS = (
    ("sourcing", "n_attributions", "attributions", "{:.0f}"),
    ("sourcing", "share_anonymous", "share anonymous", "{:.0%}"),
    ("sourcing", "share_secondhand", "share secondhand", "{:.0%}"),
    ("sourcing", "quotes_per_100_words", "quotes per 100 words", "{:.2f}"),
    ("complexity", "word_count", "words", "{:.0f}"),
    ("complexity", "coleman_liau_index", "Coleman-Liau grade", "{:.1f}"),
    ("bias", "hedges", "hedges per word", "{:.3f}"),
    ("bias", "assertatives", "assertives per word", "{:.3f}"),
    ("bias", "factives", "factives per word", "{:.3f}"),
    ("bias", "report_verbs", "report verbs per word", "{:.3f}"),
    ("bias", "bias_words", "bias words per word", "{:.3f}"),
    ("affect", "vadneg", "VADER negative", "{:.3f}"),
    ("affect", "vadpos", "VADER positive", "{:.3f}"),
    ("person", "first_person_singular", "first person singular", "{:.3f}"),
    ("person", "second_person", "second person", "{:.3f}"),
    ("style", "exclaim", "exclamation marks per token", "{:.3f}"),
    ("style", "allcaps", "all-caps tokens per token", "{:.3f}"),
)


def _signals(d: dict[str, Any]) -> RenderableType | None:
    sig = d.get("signals") or {}
    if not sig:
        return None
    table = Table(title="language signals (all in the JSON report)", title_justify="left")
    table.add_column("signal")
    table.add_column("value", justify="right")
    for group, key, label, fmt in SIGNAL_ROWS:
        value = (sig.get(group) or {}).get(key)
        if value is not None:
            table.add_row(label, fmt.format(value))
    head = sig.get("headline")
    if head is not None:
        cues = ", ".join(f"{c['cue']} “{c['text']}”" for c in head["cues"]) or "none"
        table.add_row("headline clickbait cues", f"{head['clickbait_cues']} ({_clip(cues, 60)})")
    return table


SECTIONS.insert(SECTIONS.index(_claims) + 1, _signals)
