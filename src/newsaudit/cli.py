"""The ``newsaudit`` command line: parse arguments, call the library, format.

Exit codes: 0 ok, 1 internal error, 2 usage, 3 unreadable input, 4 fetch
failed, 5 reference data or model missing, 6 deadline passed before the input
was read.
"""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from .about import __version__
from .errors import InputError, InputTooLargeError, NewsauditError
from .options import DEFAULT_DEADLINE, Options

app = typer.Typer(
    name="newsaudit",
    help="Audit news articles: provenance, sourcing, claims, signals and source reputation.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


class Format(StrEnum):
    json = "json"
    text = "text"
    html = "html"


class SourceFormat(StrEnum):
    json = "json"
    text = "text"


def _version(value: bool) -> None:
    if value:
        typer.echo(f"newsaudit {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Show the version."
        ),
    ] = False,
) -> None:
    """Audit news articles: provenance, sourcing, claims, signals and source reputation."""


def check_output(out: Path) -> Path:
    """The file ``--out`` will write, checked before any work is done.

    A symlink is followed (its target is written, the link stays); the folder
    must exist and be writable.

    Raises:
        InputError: If the report could not be written there.
    """
    out = out.expanduser()
    target = Path(os.path.realpath(out))
    if target.is_dir():
        raise InputError(f"--out {out}: is a directory")
    parent = target.parent
    if not parent.is_dir():
        raise InputError(f"--out {out}: folder {parent} does not exist")
    if not os.access(parent, os.W_OK | os.X_OK):
        raise InputError(f"--out {out}: folder {parent} is not writable")
    if target.exists() and not os.access(target, os.W_OK):
        raise InputError(f"--out {out}: file is not writable")
    return target


def write_output(content: str, out: Path | None) -> None:
    """Write to ``out`` atomically (a partial file never replaces a good one), or stdout.

    An existing file keeps its permissions, and a symlink stays a link to the
    file written.
    """
    if out is None:
        sys.stdout.write(content if content.endswith("\n") else content + "\n")
        return
    target = check_output(out)
    mode = target.stat().st_mode & 0o7777 if target.exists() else None
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(content if content.endswith("\n") else content + "\n")
        if mode is None:  # a new file gets the usual permissions, not mkstemp's 0600
            umask = os.umask(0)
            os.umask(umask)
            mode = 0o666 & ~umask
        os.chmod(tmp, mode)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _read_stdin(cap: int) -> bytes:
    if sys.stdin is None or sys.stdin.closed:
        raise InputError("no standard input to read")
    data = sys.stdin.buffer.read(cap + 1)
    if len(data) > cap:
        raise InputTooLargeError(
            f"standard input is over {cap / 2**20:.0f} MB, too large for one article"
        )
    return data


@app.command()
def analyze(
    source: Annotated[str, typer.Argument(help="A file of text or HTML, a URL, or - for stdin.")],
    format: Annotated[Format, typer.Option("--format", "-f", help="Output format.")] = Format.json,
    out: Annotated[Path | None, typer.Option("--out", "-o", help="Write to FILE.")] = None,
    url: Annotated[str | None, typer.Option(help="The article's URL, when reading a file.")] = None,
    site: Annotated[str | None, typer.Option(help="The publishing site's name.")] = None,
    allow_private: Annotated[
        bool, typer.Option("--allow-private", help="Let a URL reach private addresses.")
    ] = False,
    timeout: Annotated[
        float, typer.Option(help="Seconds allowed for each phase of a URL fetch.", min=0.1)
    ] = 10.0,
    stages: Annotated[
        str | None, typer.Option(help="Comma-separated stages to run instead of all, by full "
                                      "or short name (analysis.claims or claims); the stages "
                                      "they need are added (newsaudit stages lists them).")
    ] = None,
    ratings: Annotated[
        Path | None,
        typer.Option(help="Your own source ratings (CSV or TOML) over the public ones."),
    ] = None,
    min_confidence: Annotated[
        float | None,
        typer.Option(help="Keep attributions at least this confident (0 keeps all; "
                          "default: the model's threshold).", min=0.0, max=1.0),
    ] = None,
    span_model: Annotated[
        bool,
        typer.Option("--span-model/--rules-only",
                     help="Attributions from the rules and the span model, or the rules alone."),
    ] = True,
    deadline: Annotated[
        float,
        typer.Option(help="Seconds the whole analysis may take; stages still running then "
                          "are reported as unfinished (0: no limit).", min=0.0),
    ] = DEFAULT_DEADLINE,
    all_attributions: Annotated[
        bool,
        typer.Option("--all-attributions",
                     help="Also show stances, acts and the writer's own voice (PolNeAR's "
                          "notion of attribution), not only statements."),
    ] = False,
) -> None:
    """Audit one article from a file, a URL or standard input."""
    from .core import analyze as run

    if out is not None:
        check_output(out)  # before the analysis, not after it
    options = Options(
        allow_private=allow_private,
        fetch_timeout=timeout,
        ratings_overrides=ratings,
        min_attribution_confidence=min_confidence,
        span_model=span_model,
        deadline=deadline or None,
        all_attributions=all_attributions,
        stages=tuple(s.strip() for s in stages.split(",") if s.strip()) if stages else None,
    )
    if source == "-":
        report = run(_read_stdin(options.max_bytes), url=url, site=site, options=options)
    elif "://" in source:
        report = run(source, site=site, options=options)
    else:
        report = run(Path(source), url=url, site=site, options=options)
    rating = report.article.source_rating or {}
    if rating.get("status"):
        _error(f"newsaudit: warning: {rating['status']}, sources are not rated; "
               f"{rating['hint']}")
    for name, reason in report.article.failures.items():
        _error(f"newsaudit: warning: stage {name} failed on this article ({reason}); "
               "its findings are left empty")
    if format is Format.json:
        write_output(report.to_json(), out)
    elif format is Format.html:
        write_output(report.to_html(), out)
    else:
        from .render import render_text

        write_output(render_text(report, width=None if out is None else 100), out)
    if report.article.unfinished:
        _error(f"newsaudit: warning: the {deadline:g} s deadline passed; the report is partial "
               f"(stages not finished: {', '.join(report.article.unfinished)})")


class Profile(StrEnum):
    full = "full"
    fast = "fast"


@app.command()
def batch(
    inputs: Annotated[list[Path], typer.Argument(
        help="Folders of .txt/.html files, JSONL/CSV/Parquet tables, WARC files.")],
    out: Annotated[Path, typer.Option("--out", "-o", help="Output folder (resumed if it "
                                      "holds an earlier run of the same command).")],
    workers: Annotated[int | None, typer.Option(
        help="Local worker processes (default: one per core).", min=1)] = None,
    scheduler: Annotated[str | None, typer.Option(
        help="Run on a Dask cluster: the scheduler's address, tcp://HOST:PORT.")] = None,
    profile: Annotated[Profile, typer.Option(
        help="full: every stage; fast: attributions from the rules alone (docs/batch.md).")]
    = Profile.full,
    column: Annotated[list[str] | None, typer.Option(
        help="Table column for a record field, FIELD=COLUMN (e.g. text=content); "
             "repeatable.")] = None,
    chunk_size: Annotated[int, typer.Option(help="Documents per part file.", min=1)] = 256,
    ratings: Annotated[
        Path | None,
        typer.Option(help="Your own source ratings (CSV or TOML) over the public ones."),
    ] = None,
    progress: Annotated[bool, typer.Option("--progress/--quiet",
                                           help="Show progress on standard error.")] = True,
) -> None:
    """Audit a corpus into Parquet tables and a DuckDB file (docs/batch.md)."""
    from .corpus.batch import run_batch
    from .corpus_cli import columns_option

    result = run_batch(inputs, out, options=Options(ratings_overrides=ratings),
                       profile=profile.value, workers=workers, scheduler=scheduler,
                       chunk_size=chunk_size, columns=columns_option(column), progress=progress)
    typer.echo(f"{result.documents} documents: {result.audited - result.errors} audited, "
               f"{result.errors} errors, {result.skipped} done by an earlier run, "
               f"in {result.seconds:.1f} s; tables in {result.out}, "
               f"DuckDB {result.out / 'newsaudit.duckdb'}")


@app.command()
def source(
    query: Annotated[str, typer.Argument(help="An outlet name, a domain or a URL.")],
    format: Annotated[SourceFormat, typer.Option("--format", "-f", help="Output format.")] = \
        SourceFormat.text,
    ratings: Annotated[
        Path | None,
        typer.Option(help="Your own source ratings (CSV or TOML) over the public ones."),
    ] = None,
) -> None:
    """Look up a source's reputation in the public ratings, each rating cited."""
    import json

    from .judge.ratings import load_index
    from .judge.reputation import rate

    result = rate(load_index(overrides=ratings), query)
    if format is SourceFormat.json:
        write_output(json.dumps(result, ensure_ascii=False, indent=2), None)
    else:
        from .render import render_rating

        write_output(render_rating(result), None)
    if result["label"] == "unknown":
        raise typer.Exit(1)


data_app = typer.Typer(help="Reference data: list, compile, download.", no_args_is_help=True)
app.add_typer(data_app, name="data")

from .corpus_cli import register as _register_corpus  # noqa: E402  (after app exists)

_register_corpus(app)


@data_app.command("list")
def data_list() -> None:
    """List the rating sets found, their files, fingerprints and the cache."""
    from .judge.datasets import searched, status

    rows = status()
    if not any(row["path"] for row in rows):
        typer.echo("no rating data installed (looked in " + ", ".join(searched()) + "); "
                   "every stage but the source ratings runs without it; "
                   "`newsaudit data fetch` downloads the rating sets")
        return
    typer.echo("data directories searched: " + ", ".join(searched()))
    for row in rows:
        where = row["path"] or "MISSING"
        typer.echo(f"{row['dataset']:24} {row['files']:3} files {row['bytes'] / 2**20:7.1f} MB"
                   f"  {row['fingerprint'] or '-':16}  {where}")


@data_app.command("build")
def data_build() -> None:
    """Compile the rating index now (it is otherwise compiled on first use)."""
    import time

    from .judge.ratings import load_index

    t0 = time.perf_counter()
    index = load_index(rebuild=True)
    typer.echo(f"rating index: {len(index.by_domain):,} domains, {len(index.names):,} names, "
               f"built in {time.perf_counter() - t0:.1f} s from {', '.join(index.info['sets'])}")


@data_app.command("fetch")
def data_fetch(
    to: Annotated[Path | None, typer.Option("--to", help="Folder to download into "
                                            "(default: your user data directory).")] = None,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Show what would be downloaded.")]
    = False,
) -> None:
    """Download the public rating sets (pinned commits, SHA-256 checked; resumable)."""
    from .judge.datasets import PLAN, fetch, user_data_dir

    dest = (to or user_data_dir()).expanduser()
    if dry_run:
        for item in PLAN:
            typer.echo(f"{item.url} -> {dest / item.local} ({item.size:,} bytes)")
        return
    with _progress(sum(item.size for item in PLAN), "rating sets") as advance:
        fetch(dest, progress=lambda item, n: advance(n))
    typer.echo(f"{len(PLAN)} files verified in {dest}; newsaudit finds them there "
               f"(or set NEWSAUDIT_DATA={dest})")


class _Lines:
    """Plain progress lines for logs: one line each time another tenth is done."""

    def __init__(self, total: int, what: str):
        self.total, self.what, self.done, self.shown = total, what, 0, 0

    def __call__(self, n: int) -> None:
        self.done += n
        tenth = self.done * 10 // max(self.total, 1)
        if tenth > self.shown:
            self.shown = tenth
            typer.echo(f"{self.what}: {self.done / 2**20:.1f} of "
                       f"{self.total / 2**20:.1f} MB", err=True)


@contextmanager
def _progress(total: int, what: str) -> Iterator[Callable[[int], None]]:
    """A byte counter: a Rich progress bar on a terminal, plain lines otherwise."""
    if not sys.stderr.isatty():
        yield _Lines(total, what)
        return
    from rich.progress import (
        BarColumn,
        DownloadColumn,
        Progress,
        TimeRemainingColumn,
        TransferSpeedColumn,
    )

    columns = (f"{what}", BarColumn(), DownloadColumn(), TransferSpeedColumn(),
               TimeRemainingColumn())
    with Progress(*columns, transient=True) as bar:
        task = bar.add_task(what, total=total)
        yield lambda n: bar.advance(task, n)


@app.command("schema")
def schema(
    validate: Annotated[
        Path | None,
        typer.Option("--validate", help="Check a report file against the schema instead."),
    ] = None,
) -> None:
    """Print the report's JSON Schema (the contract), or check a report file against it."""
    import json

    from .errors import ReportSchemaError
    from .schema import report_schema
    from .schema import validate as check

    if validate is None:
        write_output(json.dumps(report_schema(), ensure_ascii=False, indent=2), None)
        return
    try:
        report = json.loads(validate.read_text(encoding="utf-8"))
        check(report)
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputError(f"{validate}: not a readable JSON report ({exc})") from exc
    except ReportSchemaError as exc:
        raise InputError(f"{validate}: {exc}") from exc
    typer.echo(f"{validate}: a valid report (schema {report['schema_version']})")


@app.command("serve")
def serve(
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.", min=1, max=65535)] = 8000,
    workers: Annotated[int, typer.Option(help="Server processes (each loads the models "
                                         "once).", min=1)] = 1,
    allow_private: Annotated[
        bool, typer.Option("--allow-private", help="Let URL fetches reach private addresses.")
    ] = False,
    max_body_mb: Annotated[float, typer.Option(help="Largest request body, in MB.",
                                               min=0.001)] = 5.0,
    time_budget: Annotated[float, typer.Option(help="Seconds one analysis may take (then "
                                               "504).", min=0.1)] = 30.0,
    queue: Annotated[int, typer.Option(help="Requests that may wait per process; more "
                                       "get 503 with Retry-After.", min=0)] = 2,
) -> None:
    """Serve the audit over HTTP (FastAPI on uvicorn): POST /v1/analyze, a page at /."""
    import uvicorn

    from .service import ServiceConfig

    config = ServiceConfig(max_body=int(max_body_mb * 2**20), time_budget=time_budget,
                           queue=queue, allow_private=allow_private)
    os.environ.update(config.to_env())
    uvicorn.run("newsaudit.service:app_factory", factory=True, host=host, port=port,
                workers=workers, log_level="warning")


@app.command("stages")
def list_stages() -> None:
    """List the registered pipeline stages and what each needs and adds."""
    from .pipeline import DEFAULT_PIPELINE, registered

    for name, info in registered().items():
        mark = "*" if name in DEFAULT_PIPELINE else " "
        typer.echo(
            f"{mark} {info.ident:28} needs {','.join(info.requires) or '-':24} "
            f"adds {','.join(info.assigns) or '-':28} {info.doc}"
        )


def _error(message: str) -> None:
    """One line on stderr, never wrapped, so scripts can read it."""
    sys.stderr.write(" ".join(message.split()) + "\n")
    sys.stderr.flush()


def main(argv: list[str] | None = None) -> int:
    """Run the CLI; domain errors become one-line messages and exit codes."""
    try:
        rv = app(args=argv, standalone_mode=False)
        if isinstance(rv, int):
            return rv
    except NewsauditError as exc:
        _error(f"newsaudit: error: {exc}")
        return exc.exit_code
    except typer.Exit as exc:
        return int(getattr(exc, "exit_code", 0))
    except typer.Abort:
        _error("newsaudit: aborted")
        return 130
    except KeyboardInterrupt:
        _error("newsaudit: interrupted")
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:  # usage errors and anything unexpected
        # Typer's usage errors (vendored click) carry show() and an exit code of 2.
        show, code = getattr(exc, "show", None), getattr(exc, "exit_code", None)
        if callable(show) and isinstance(code, int):
            show()
            return code
        if os.environ.get("NEWSAUDIT_DEBUG"):
            raise
        _error(f"newsaudit: internal error: {type(exc).__name__}: {exc} "
               "(set NEWSAUDIT_DEBUG=1 for the traceback)")
        return 1
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
