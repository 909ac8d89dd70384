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
    site = art.get("site_name") or art.get("domain") or "unknown site"
    t.append(site, style="cyan")
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


#: Section renderers, in display order; each returns None when it has nothing.
SECTIONS = [_header, _furniture, _body]


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
