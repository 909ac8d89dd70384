"""The user's own source ratings, laid over the public ones.

CSV with a header ``domain,score[,label][,name][,rater]``, or TOML::

    [sources."example.com"]
    score = 0.2            # 0..1, 1 = most reliable
    label = "low"
    name = "Example News"

An override is one more rating, listed first; when a source has one, the
combined score and label are the user's, while the public ratings stay listed
beside it (and their disagreement with the user is shown).
"""

from __future__ import annotations

import csv
import io
import tomllib
from dataclasses import asdict
from pathlib import Path

from ..errors import InputError
from .raters import Rating, norm_domain


def _rating(domain: str, score: object, label: object, name: object, rater: object,
            where: str) -> Rating:
    try:
        value = float(score)  # type: ignore[arg-type]
    except (TypeError, ValueError) as exc:
        raise InputError(f"{where}: score {score!r} is not a number") from exc
    if not 0 <= value <= 1:
        raise InputError(f"{where}: score {value} outside 0..1")
    return Rating(str(rater or "user override"), norm_domain(domain), value, "0-1",
                  str(label) if label else None, value, "", "user supplied",
                  name=str(name) if name else None, override=True)


def _from_toml(path: Path, text: str) -> dict[str, list[dict]]:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise InputError(f"ratings file {path}: {exc}") from exc
    sources = data.get("sources") or {}
    if not isinstance(sources, dict):
        raise InputError(f"ratings file {path}: [sources] must be a table of sources")
    out: dict[str, list[dict]] = {}
    for dom, row in sources.items():
        if not isinstance(row, dict):
            raise InputError(f"ratings file {path}: sources.{dom!r} must be a table, as in "
                             f'[sources."{dom}"] score = 0.5')
        r = _rating(dom, row.get("score"), row.get("label"), row.get("name"),
                    row.get("rater"), f"{path} [{dom}]")
        out.setdefault(r.domain, []).append(asdict(r))
    return out


def load_overrides(path: Path) -> dict[str, list[dict]]:
    """Read a CSV or TOML file of ratings by domain.

    Raises:
        InputError: If the file is missing, malformed, or a score is not in 0..1.
    """
    path = Path(path)
    if not path.is_file():
        raise InputError(f"ratings file {path}: no such file")
    try:
        # utf-8-sig: spreadsheet programs start their CSV files with a BOM.
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(f"ratings file {path}: not UTF-8 text (byte {exc.start}); "
                         "save it as UTF-8") from exc
    except OSError as exc:
        raise InputError(f"ratings file {path}: cannot be read ({exc.strerror or exc})") from exc
    if path.suffix.lower() == ".toml":
        return _from_toml(path, text)
    out: dict[str, list[dict]] = {}
    with io.StringIO(text, newline="") as fh:
        reader = csv.DictReader(fh)
        if not reader.fieldnames or not {"domain", "score"} <= set(reader.fieldnames):
            raise InputError(f"ratings file {path}: needs a header with domain and score")
        for i, row in enumerate(reader, start=2):
            r = _rating(row["domain"], row["score"], row.get("label"), row.get("name"),
                        row.get("rater"), f"{path} line {i}")
            out.setdefault(r.domain, []).append(asdict(r))
    return out
