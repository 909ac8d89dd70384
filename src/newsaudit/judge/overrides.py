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


def load_overrides(path: Path) -> dict[str, list[dict]]:
    """Read a CSV or TOML file of ratings by domain.

    Raises:
        InputError: If the file is missing, malformed, or a score is not in 0..1.
    """
    path = Path(path)
    if not path.is_file():
        raise InputError(f"ratings file {path}: no such file")
    out: dict[str, list[dict]] = {}
    if path.suffix.lower() == ".toml":
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except tomllib.TOMLDecodeError as exc:
            raise InputError(f"ratings file {path}: {exc}") from exc
        for dom, row in (data.get("sources") or {}).items():
            r = _rating(dom, row.get("score"), row.get("label"), row.get("name"),
                        row.get("rater"), f"{path} [{dom}]")
            out.setdefault(r.domain, []).append(asdict(r))
        return out
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        if not reader.fieldnames or not {"domain", "score"} <= set(reader.fieldnames):
            raise InputError(f"ratings file {path}: needs a header with domain and score")
        for i, row in enumerate(reader, start=2):
            r = _rating(row["domain"], row["score"], row.get("label"), row.get("name"),
                        row.get("rater"), f"{path} line {i}")
            out.setdefault(r.domain, []).append(asdict(r))
    return out
