"""The batch output's tables: their schema (version :data:`TABLES_VERSION`) and
how a report is flattened into rows.

One table per kind of finding, every row keyed by the article ``id``:

- ``articles``: one row per article: the article fields, every signal as a
  column (``<group>_<feature>``), the source rating (``rating_*``), the
  credibility verdict when the pipeline has one (``credibility_*``) and each
  stage's time (``ms_<stage>``). The signal, credibility and timing columns
  are not listed here: they are whatever the pipeline reports, flattened
  generically (:func:`flatten`), so a new signal or stage appears as columns
  without a change here. A run fixes its article columns once
  (:func:`articles_schema`, from a probe article) so every part has the same.
- ``attributions``, ``claims``, ``furniture``, ``entities``: one row per
  finding, ``n`` its index within the article; spans become ``<name>_start``,
  ``<name>_end`` and ``<name>_text``.
- ``provenance``: one row per notice, cited outlet and chain link, ``kind``
  saying which (``syndicated_from``, ``wire``, ``hat_tips``, ``cited_sources``,
  ``chain``).
- ``ratings``: every rating behind the article's source rating (``subject`` =
  ``source``) and behind each provenance source's (``subject`` = the provenance
  kind), each with its rater, value, scale, date and licence.
- ``errors``: one row per document that could not be read or audited, with the
  step that failed and why.

A value whose key is not in a table's schema (a field added to the report later)
is kept, in the row's ``extra`` column as JSON, rather than dropped.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Mapping
from typing import Any

import pyarrow as pa

#: Version of the table layout; bumped when a column is renamed, dropped or retyped.
TABLES_VERSION = "1"

S, F, INT, B = pa.string(), pa.float64(), pa.int64(), pa.bool_()
LIST_S = pa.list_(pa.string())


def _span(name: str) -> list[tuple[str, pa.DataType]]:
    return [(f"{name}_start", INT), (f"{name}_end", INT), (f"{name}_text", S)]


KEY = [("id", S)]
ITEM_KEY = [("id", S), ("n", INT)]

#: The fixed columns of ``articles``; signal, rating, credibility and timing columns follow.
ARTICLE_COLUMNS: list[tuple[str, pa.DataType]] = [
    *KEY,
    ("input", S), ("position", INT), ("url", S), ("source", S), ("domain", S),
    ("site_name", S), ("title", S), ("authors", LIST_S), ("published", S),
    ("sections", LIST_S), ("n_chars", INT), ("n_body_chars", INT), ("text", S), ("body", S),
    ("body_spans", S), ("masthead", S), ("origin", S), ("pipeline", S),
    ("newsaudit_version", S), ("report_schema", S),
    ("notes", S), ("unfinished", LIST_S),
    ("n_furniture", INT), ("n_attributions", INT), ("n_entities", INT), ("n_claims", INT),
]

RATING_COLUMNS: list[tuple[str, pa.DataType]] = [
    ("rating_name", S), ("rating_domain", S), ("rating_score", F), ("rating_label", S),
    ("rating_match_method", S), ("rating_match_confidence", F),
    ("rating_disagreement_spread", F), ("rating_disagreement_raters_disagreeing", LIST_S),
]

TABLES: dict[str, list[tuple[str, pa.DataType]]] = {
    "attributions": [
        *ITEM_KEY, *_span("speaker"), ("speaker_type", S), ("speaker_name", S),
        ("source_type", S), ("source_name", S),
        ("role", S), *_span("antecedent"), *_span("cue"), *_span("content"), ("direct", B),
        ("via", S), ("pattern", S), ("fragments", S), ("confidence", F),
    ],
    "claims": [*ITEM_KEY, ("start", INT), ("end", INT), ("text", S), ("score", F)],
    "furniture": [*ITEM_KEY, ("start", INT), ("end", INT), ("text", S), ("kind", S), ("score", F)],
    "entities": [*ITEM_KEY, ("start", INT), ("end", INT), ("text", S), ("label", S)],
    "provenance": [
        *ITEM_KEY, ("kind", S), ("name", S), ("domain", S), ("source_kind", S), ("role", S),
        *_span("evidence"), ("mentions", S), *RATING_COLUMNS,
    ],
    "ratings": [
        *KEY, ("subject", S), ("subject_name", S), ("subject_domain", S), ("rater", S),
        ("value", F), ("value_text", S), ("scale", S), ("label", S), ("score", F),
        ("date", S), ("licence", S), ("counted", B),
    ],
    "errors": [
        *KEY, ("input", S), ("position", INT), ("step", S), ("error_type", S), ("message", S),
    ],
}

#: Every table, ``articles`` first.
TABLE_NAMES = ("articles", *TABLES)

PROVENANCE_KINDS = ("syndicated_from", "wire", "hat_tips", "cited_sources", "chain")


def _schema(columns: Iterable[tuple[str, pa.DataType]]) -> pa.Schema:
    return pa.schema([*columns, ("extra", S)])


def table_schema(name: str) -> pa.Schema:
    """The Arrow schema of a fixed table (every table but ``articles``)."""
    return _schema(TABLES[name])


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def flatten(value: Mapping[str, Any], prefix: str = "") -> dict[str, Any]:
    """Nested dicts as one level of ``a_b_c`` keys; lists stay values."""
    out: dict[str, Any] = {}
    for key, v in value.items():
        name = f"{prefix}{key}"
        if isinstance(v, Mapping):
            out.update(flatten(v, name + "_"))
        else:
            out[name] = v
    return out


def column_type(value: Any) -> pa.DataType:
    """The column type for a value seen in a report: numbers are doubles (a count
    and a share of the same feature must not clash), lists of strings stay lists,
    anything else nested is JSON text."""
    if isinstance(value, bool):
        return B
    if isinstance(value, int | float):
        return F
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return LIST_S
    return S


def article_row(record: Mapping[str, Any], report: Mapping[str, Any]) -> dict[str, Any]:
    """The ``articles`` row of one report (``record``: the input record's fields)."""
    art = report["article"]
    text = report["text"]
    row: dict[str, Any] = {
        "id": record["id"], "input": record["input"], "position": record["position"],
        "url": art.get("url") or record.get("url"), "source": record.get("source"),
        "domain": art.get("domain"), "site_name": art.get("site_name"),
        "title": art.get("title"), "authors": art.get("authors"),
        "published": art.get("published"), "sections": art.get("sections"),
        "n_chars": len(text), "n_body_chars": sum(s["end"] - s["start"]
                                                  for s in art.get("body_spans", [])),
        "text": text, "body": art.get("body"),
        "body_spans": _json(art.get("body_spans")), "masthead": _json(art.get("masthead")),
        "origin": _json(art.get("origin")),
        "pipeline": ",".join(f"{p['name']}@{p['version']}" for p in report["pipeline"]),
        "newsaudit_version": report.get("newsaudit_version"),
        "report_schema": report.get("schema_version"),
        "notes": _json(report["notes"]) if report.get("notes") else None,
        "unfinished": report.get("unfinished", []),
        "n_furniture": len(report["furniture"]), "n_attributions": len(report["attributions"]),
        "n_entities": len(report["entities"]), "n_claims": len(report["claims"]),
    }
    for group, feats in report.get("signals", {}).items():
        if isinstance(feats, Mapping):
            row.update(flatten(feats, f"{group}_"))
        else:
            row[group] = feats
    rating = {k: v for k, v in (report.get("source_rating") or {}).items() if k != "ratings"}
    row.update(flatten(rating, "rating_"))
    row.update(flatten(report.get("credibility") or {}, "credibility_"))
    row.update({f"ms_{k.replace('.', '_')}": v for k, v in report.get("timings", {}).items()})
    for key in report:
        if key not in KNOWN_REPORT_KEYS:  # a section added to the report later
            row[key] = report[key]
    return row


#: Report sections that :func:`article_row` and :func:`item_rows` place.
KNOWN_REPORT_KEYS = frozenset({
    "schema_version", "newsaudit_version", "pipeline", "text", "article", "furniture",
    "provenance", "attributions", "entities", "claims", "signals", "source_rating",
    "credibility", "timings", "notes", "unfinished",
})


def _rating_rows(rid: str, subject: str, rating: Mapping[str, Any] | None) -> list[dict]:
    if not rating:
        return []
    rows = []
    for r in rating.get("ratings", []):
        row = {"id": rid, "subject": subject, "subject_name": rating.get("name"),
               "subject_domain": rating.get("domain"), **r}
        if isinstance(row.get("value"), str):  # a rater's label ("high"), not a number
            row["value_text"] = row.pop("value")
        rows.append(row)
    return rows


def item_rows(rid: str, report: Mapping[str, Any]) -> dict[str, list[dict[str, Any]]]:
    """The rows of every list table for one report."""
    rows: dict[str, list[dict[str, Any]]] = {name: [] for name in TABLES if name != "errors"}
    for name in ("attributions", "claims", "furniture", "entities"):
        rows[name] = [{"id": rid, "n": n, **flatten(item)}
                      for n, item in enumerate(report.get(name, []))]
    prov = report.get("provenance") or {}
    n = 0
    for kind in PROVENANCE_KINDS:
        for item in prov.get(kind, []):
            item = dict(item)
            rating = item.pop("rating", None) or {}
            rows["ratings"].extend(_rating_rows(rid, kind, rating))
            rating = {k: v for k, v in rating.items() if k != "ratings"}
            if "kind" in item:
                item["source_kind"] = item.pop("kind")
            rows["provenance"].append({"id": rid, "n": n, "kind": kind, **flatten(item),
                                       **flatten(rating, "rating_")})
            n += 1
    rows["ratings"][:0] = _rating_rows(rid, "source", report.get("source_rating"))
    return rows


def error_row(record: Mapping[str, Any], step: str, exc: BaseException | str) -> dict:
    """The ``errors`` row of a document that failed at ``step``."""
    if isinstance(exc, BaseException):
        kind, message = type(exc).__name__, str(exc) or type(exc).__name__
    else:
        kind, message = "InputError", exc
    return {"id": record["id"], "input": record.get("input"), "position": record.get("position"),
            "step": step, "error_type": kind, "message": message}


def _cell(value: Any, dtype: pa.DataType) -> tuple[Any, bool]:
    """``value`` made to fit ``dtype``; the flag says it did not fit."""
    if value is None:
        return None, True
    if dtype == S:
        if isinstance(value, str):
            return value, True
        return (_json(value) if isinstance(value, list | dict) else str(value)), True
    if dtype == F:
        if isinstance(value, int | float) and not isinstance(value, bool):
            return (float(value) if math.isfinite(value) else None), True
        return None, False
    if dtype == INT:
        return (value, True) if isinstance(value, int) and not isinstance(value, bool) else (
            None, False)
    if dtype == B:
        return (value, True) if isinstance(value, bool) else (None, False)
    if dtype == LIST_S:
        ok = isinstance(value, list) and all(isinstance(v, str) for v in value)
        return (value, True) if ok else (None, False)
    return None, False  # pragma: no cover - every schema type is handled above


def to_table(rows: list[dict[str, Any]], schema: pa.Schema) -> pa.Table:
    """Rows as an Arrow table of ``schema``; keys outside it (or values of another
    type) go to the row's ``extra`` column as JSON."""
    columns: dict[str, list[Any]] = {f.name: [] for f in schema}
    fields = [f for f in schema if f.name != "extra"]
    names = {f.name for f in fields}
    for row in rows:
        extra = {k: v for k, v in row.items() if k not in names and v is not None}
        for f in fields:
            value, fits = _cell(row.get(f.name), f.type)
            if not fits:
                extra[f.name] = row[f.name]
            columns[f.name].append(value)
        columns["extra"].append(_json(extra) if extra else None)
    return pa.table(columns, schema=schema)


def articles_schema(probe_row: Mapping[str, Any]) -> pa.Schema:
    """The ``articles`` schema of a run: the fixed columns, then every other column
    of a probe article's row, typed by :func:`column_type`, in the row's order
    (a key the probe leaves empty is not a column: its values go to ``extra``)."""
    columns = [*ARTICLE_COLUMNS, *RATING_COLUMNS]
    fixed = dict(columns)
    for name, value in probe_row.items():
        if name not in fixed and value is not None:
            columns.append((name, column_type(value)))
    return _schema(columns)


def schema_to_json(schema: pa.Schema) -> list[list[str]]:
    """A schema as ``[[name, type], ...]``, stored with the run."""
    return [[f.name, str(f.type)] for f in schema]


_TYPES = {str(t): t for t in (S, F, INT, B, LIST_S)}


def schema_from_json(columns: list[list[str]]) -> pa.Schema:
    """The schema :func:`schema_to_json` stored."""
    return pa.schema([(name, _TYPES[kind]) for name, kind in columns])
