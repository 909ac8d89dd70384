"""``newsaudit copies`` and ``newsaudit stories``: corpus-wide commands.

Thin front ends: they read the inputs (:func:`newsaudit.corpus.docs.load`),
call the library and write the tables; registered on the main Typer app by
:mod:`newsaudit.cli`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

Inputs = Annotated[list[Path], typer.Argument(
    help="Corpus files or folders (JSONL, CSV, Parquet, WARC, text/HTML folders), or a "
         "folder written by `newsaudit batch`.")]
OutDir = Annotated[Path, typer.Option("--out", "-o", help="Folder for the tables and summary.")]
Columns = Annotated[list[str] | None, typer.Option(
    "--column", help="Table column for a record field, FIELD=COLUMN (e.g. text=content).")]


def columns_option(pairs: list[str] | None) -> dict[str, str]:
    """``["text=content"]`` -> ``{"text": "content"}``."""
    out: dict[str, str] = {}
    for pair in pairs or []:
        field, sep, column = pair.partition("=")
        if not sep or not field.strip() or not column.strip():
            raise typer.BadParameter(f"--column {pair!r}: expected FIELD=COLUMN")
        out[field.strip()] = column.strip()
    return out


def copies(
    inputs: Inputs,
    out: OutDir,
    column: Columns = None,
    threshold: Annotated[float, typer.Option(
        help="Jaccard threshold the LSH bands are tuned for.", min=0.05, max=0.95)] = 0.5,
    num_perm: Annotated[int, typer.Option(help="MinHash permutations.", min=16, max=1024)] = 128,
    chunks: Annotated[bool, typer.Option(
        "--chunks/--no-chunks", help="Also band paragraphs, to find partial copies.")] = True,
    scheduler: Annotated[str | None, typer.Option(
        help="Dask scheduler address: band on a Dask DataFrame instead of DuckDB.")] = None,
    threads: Annotated[int | None, typer.Option(
        help="DuckDB threads for the banding group-by (default: one per core).", min=1)] = None,
) -> None:
    """Find copied and near-duplicate articles across outlets, with direction and evidence."""
    from .corpus.copies import CopyOptions, find_copies
    from .corpus.copyreport import summary, write_copies
    from .corpus.docs import load

    store = load(inputs, columns_option(column))
    result = find_copies(store, CopyOptions(threshold=threshold, num_perm=num_perm,
                                            chunks=chunks, scheduler=scheduler,
                                            threads=threads))
    write_copies(result, out)
    typer.echo(summary(result), nl=False)
    typer.echo(f"tables in {out}/ (pairs, passages, graph .parquet; graph.svg; summary.txt)")


def stories(
    inputs: Inputs,
    out: OutDir,
    column: Columns = None,
    window: Annotated[int, typer.Option(help="Days between reports of one story.", min=0)] = 3,
    claims: Annotated[bool, typer.Option(
        "--claims/--no-claims", help="Score each story's most check-worthy claims.")] = True,
) -> None:
    """Cluster articles about the same event and show which sides covered each."""
    from .corpus.docs import load
    from .corpus.stories import StoryOptions, find_stories, story_summary, write_stories

    store = load(inputs, columns_option(column))
    result = find_stories(store, StoryOptions(window_days=window, claims=claims))
    write_stories(result, out)
    typer.echo(story_summary(result), nl=False)
    typer.echo(f"tables in {out}/ (stories, members .parquet; summary.txt)")


def register(app: typer.Typer) -> None:
    """Add the corpus commands to ``app``."""
    app.command("copies")(copies)
    app.command("stories")(stories)
