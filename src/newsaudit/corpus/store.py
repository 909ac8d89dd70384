"""The output folder of a batch run: parts written atomically, committed chunk by
chunk, found again on resume, and read back as DataFrames or DuckDB views.

Layout of ``DIR``::

    _run.json                  the run's settings and its articles schema
    _chunks/<key>.json         one marker per committed chunk (its counts)
    <table>/part-<key>.parquet one part per table per chunk (tables.TABLE_NAMES)
    newsaudit.duckdb           views over the committed parts

A chunk is committed in three steps: every table's part is written to a hidden
temporary file (a name starting with ``.``, which pandas, pyarrow and DuckDB
globs skip) and synced; the temporary files are renamed into place; the
chunk's marker is written the same way. A chunk is done when its marker exists.
A run killed at any moment leaves at most the parts of one uncommitted chunk per
worker: the next run deletes them (and any temporary file) before it starts,
and does the chunk again, so every document ends up in the output exactly once.
The DuckDB views and :func:`read_results` read committed parts only.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import uuid
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from ..errors import InputError, OutputError
from .tables import TABLE_NAMES

RUN_FILE = "_run.json"
CHUNKS = "_chunks"
DUCKDB_FILE = "newsaudit.duckdb"
_PART = re.compile(r"^part-(?P<key>.+)\.parquet$")

#: Parquet compression of the parts (zstd: about a third smaller than snappy on
#: article text, and read by pandas, DuckDB and Spark alike).
COMPRESSION = "zstd"


def _fsync_dir(path: Path) -> None:
    with contextlib.suppress(OSError):  # not every file system lets a folder be synced
        fd = os.open(path, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _output_error(path: Path, exc: OSError) -> OutputError:
    reason = exc.strerror or str(exc)
    return OutputError(f"cannot write the output folder {path}: {reason}")


def prepare(out: Path) -> None:
    """Create ``out`` and its table folders, and check that files can be written there.

    Raises:
        OutputError: If the folder cannot be created or written to.
    """
    try:
        if out.exists() and not out.is_dir():
            raise OutputError(f"--out {out}: is a file, not a folder")
        for sub in (*TABLE_NAMES, CHUNKS):
            (out / sub).mkdir(parents=True, exist_ok=True)
        probe = out / f".write-test-{uuid.uuid4().hex}"
        probe.write_bytes(b"ok")
        probe.unlink()
    except OSError as exc:
        raise _output_error(out, exc) from exc


def _atomic_write(path: Path, write: Any) -> None:
    """``write(tmp_path)``, synced, then renamed to ``path``; no trace on failure."""
    tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex}.tmp")
    try:
        write(tmp)
        fd = os.open(tmp, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise


def write_json(path: Path, data: Any) -> None:
    """``data`` as a JSON file, written atomically."""
    _atomic_write(path, lambda p: p.write_text(json.dumps(data, indent=1), encoding="utf-8"))


def commit_chunk(out: Path, key: str, tables: Mapping[str, pa.Table],
                 marker: Mapping[str, Any]) -> None:
    """Write one chunk's parts and then its marker (see the module docstring).

    Raises:
        OutputError: If a part cannot be written (read-only or full disk); the
            chunk is then not committed and leaves no visible part.
    """
    written: list[Path] = []
    try:
        for name in TABLE_NAMES:
            path = out / name / f"part-{key}.parquet"
            table = tables[name]
            _atomic_write(path, lambda p, t=table: pq.write_table(t, p, compression=COMPRESSION))
            written.append(path)
        for name in TABLE_NAMES:
            _fsync_dir(out / name)
        write_json(out / CHUNKS / f"{key}.json", dict(marker))
        _fsync_dir(out / CHUNKS)
    except OSError as exc:
        for path in written:
            with contextlib.suppress(OSError):
                path.unlink()
        raise _output_error(out, exc) from exc


def committed(out: Path) -> dict[str, dict[str, Any]]:
    """The markers of the committed chunks, by chunk key."""
    found: dict[str, dict[str, Any]] = {}
    folder = out / CHUNKS
    if not folder.is_dir():
        return found
    for path in folder.glob("*.json"):
        if path.name.startswith("."):
            continue
        try:
            found[path.stem] = json.loads(path.read_text("utf-8"))
        except (OSError, json.JSONDecodeError):  # pragma: no cover - written atomically
            continue
    return found


def clean(out: Path, done: Mapping[str, Any]) -> int:
    """Delete the parts of uncommitted chunks and any temporary file; how many went."""
    removed = 0
    for sub in (*TABLE_NAMES, CHUNKS):
        folder = out / sub
        if not folder.is_dir():
            continue
        for path in folder.iterdir():
            m = _PART.match(path.name)
            if path.name.startswith(".") or (m and m.group("key") not in done):
                with contextlib.suppress(FileNotFoundError):
                    path.unlink()
                removed += 1
    return removed


def parts(out: Path, table: str, done: Mapping[str, Any] | None = None) -> list[Path]:
    """The committed parts of ``table``, sorted by chunk key."""
    done = committed(out) if done is None else done
    folder = out / table
    if not folder.is_dir():
        return []
    found = []
    for path in folder.iterdir():
        m = _PART.match(path.name)
        if m and m.group("key") in done:
            found.append(path)
    return sorted(found)


def iter_tables(out: Path, table: str) -> Iterator[pa.Table]:
    """The committed parts of ``table``, one Arrow table each."""
    for path in parts(out, table):
        yield pq.read_table(path)


def read_table(out: Path, table: str) -> pa.Table:
    """All committed rows of ``table`` as one Arrow table (columns of every part)."""
    tables = list(iter_tables(out, table))
    if not tables:
        from .tables import table_schema

        schema = table_schema(table) if table != "articles" else read_run(out)["schema"]
        return pa.Table.from_batches([], schema=schema)
    return pa.concat_tables(tables, promote_options="default")


def read_run(out: Path) -> dict[str, Any]:
    """The run's settings (``_run.json``), its articles schema under ``schema``.

    Raises:
        InputError: If ``out`` holds no batch run.
    """
    from .tables import schema_from_json

    try:
        run = json.loads((out / RUN_FILE).read_text("utf-8"))
    except FileNotFoundError as exc:
        raise InputError(f"{out}: not the output folder of a batch run (no {RUN_FILE})") from exc
    except (OSError, json.JSONDecodeError) as exc:
        raise InputError(f"{out / RUN_FILE}: unreadable ({exc})") from exc
    run["schema"] = schema_from_json(run["articles_schema"])
    return run


def _sql_str(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def write_duckdb(out: Path) -> Path:
    """(Re)create ``DIR/newsaudit.duckdb``: a ``chunks`` view over the markers and
    one view per table over its committed parts (parts a later run adds appear in
    the views as they are committed; the paths are absolute, so the views follow
    the folder only where it is).

    Raises:
        OutputError: If the database file cannot be written.
    """
    import duckdb

    target = out / DUCKDB_FILE
    tmp = out / f".{DUCKDB_FILE}.{uuid.uuid4().hex}.tmp"
    root = out.resolve()
    markers = _sql_str(str(root / CHUNKS / "*.json"))
    try:
        con = duckdb.connect(str(tmp))
        try:
            if committed(out):
                con.execute(f"CREATE VIEW chunks AS SELECT * FROM read_json_auto({markers})")
                for table in TABLE_NAMES:
                    glob = _sql_str(str(root / table / "part-*.parquet"))
                    con.execute(
                        f"CREATE VIEW {table} AS SELECT * EXCLUDE (filename) FROM "
                        f"read_parquet({glob}, union_by_name = true, filename = true) "
                        r"WHERE regexp_extract(filename, 'part-(.+)\.parquet$', 1) "
                        "IN (SELECT key FROM chunks)")
        finally:
            con.close()
        os.replace(tmp, target)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise _output_error(out, exc) from exc
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return target
