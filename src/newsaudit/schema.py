"""The report contract as a JSON Schema, shipped in the package.

``schemas/report-1.json`` describes a report of schema version "1" (draft 2020-12).
The rule that goes with it: fields may be added freely within a version, so every
object allows properties the schema does not list; renaming, dropping or retyping a
field needs a new ``schema_version`` and a new schema file beside this one.

:func:`validate` checks a report against the schema and then checks what a JSON
Schema cannot say: every ``start``/``end`` pair lies inside ``text`` and every span's
``text`` is exactly ``text[start:end]``.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from functools import cache
from importlib import resources
from typing import Any

from .errors import ReportSchemaError
from .report import SCHEMA_VERSION


@cache
def _schema_text(version: str) -> str:
    path = resources.files("newsaudit") / "schemas" / f"report-{version}.json"
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ReportSchemaError(f"no report schema for version {version!r}") from None


def report_schema(version: str = SCHEMA_VERSION) -> dict[str, Any]:
    """The JSON Schema of reports of ``version`` (a fresh copy each call).

    Raises:
        ReportSchemaError: If no schema of that version ships with newsaudit.
    """
    schema: dict[str, Any] = json.loads(_schema_text(version))
    return schema


def validate(report: dict[str, Any]) -> None:
    """Check a report (as from :meth:`Report.to_dict`) against its schema and its text.

    Raises:
        ReportSchemaError: On the first violation, naming where it is.
    """
    try:
        import jsonschema
    except ImportError:  # pragma: no cover - a declared dependency
        raise ReportSchemaError("validating reports needs the jsonschema package") from None
    version = report.get("schema_version") if isinstance(report, dict) else None
    schema = report_schema(str(version) if version is not None else SCHEMA_VERSION)
    validator = jsonschema.Draft202012Validator(schema)
    error = jsonschema.exceptions.best_match(validator.iter_errors(report))
    if error is not None:
        where = "/".join(str(p) for p in error.absolute_path) or "(top level)"
        raise ReportSchemaError(f"report does not match schema {version}: at {where}: "
                                f"{error.message[:300]}")
    _check_offsets(report)


def _spans(node: Any, path: str) -> Iterator[tuple[str, dict[str, Any]]]:
    """Every object holding integer ``start`` and ``end``, with where it is."""
    if isinstance(node, dict):
        if isinstance(node.get("start"), int) and isinstance(node.get("end"), int):
            yield path, node
        for key, value in node.items():
            yield from _spans(value, f"{path}/{key}")
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _spans(value, f"{path}/{i}")


def _check_offsets(report: dict[str, Any]) -> None:
    text = report["text"]
    for key, value in report.items():
        if key == "text":
            continue
        for where, span in _spans(value, key):
            start, end = span["start"], span["end"]
            if not 0 <= start <= end <= len(text):
                raise ReportSchemaError(f"{where}: offsets {start}:{end} outside the text "
                                        f"({len(text)} characters)")
            if "text" in span and isinstance(span["text"], str) and \
                    span["text"] != text[start:end]:
                raise ReportSchemaError(f"{where}: text {span['text'][:40]!r} is not "
                                        f"text[{start}:{end}]")
