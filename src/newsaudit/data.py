"""Where reference data and the local cache live.

The data directory is, in order: the ``NEWSAUDIT_DATA`` environment variable, the
``data_dir`` option, ``../shared/data`` beside the checkout (or beside the current
directory), and the user's data directory. Compiled artefacts (rating index,
lookup tables) go to the cache directory: ``NEWSAUDIT_CACHE`` or the user's cache.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable
from pathlib import Path

import platformdirs

from .errors import DataError, MissingDataError

APP = "newsaudit"


def candidate_data_dirs(explicit: Path | None = None) -> list[Path]:
    """The places searched for reference data, first match wins."""
    dirs: list[Path] = []
    env = os.environ.get("NEWSAUDIT_DATA")
    if env:
        # Named on purpose: never fall back silently to other data. A DataError,
        # not MissingDataError: a wrong setting is not the same as no data.
        if not Path(env).is_dir():
            raise DataError(f"NEWSAUDIT_DATA={env}: no such folder")
        dirs.append(Path(env))
    if explicit is not None:
        dirs.append(Path(explicit))
    checkout = Path(__file__).resolve().parents[2]  # src/newsaudit/data.py -> checkout
    dirs.append(checkout.parent / "shared" / "data")
    cwd = Path.cwd()
    dirs.extend([cwd.parent / "shared" / "data", cwd / "shared" / "data"])
    dirs.append(Path(platformdirs.user_data_dir(APP)) / "data")
    return dirs


def data_dir(explicit: Path | None = None) -> Path:
    """The first existing data directory.

    Raises:
        MissingDataError: If none of the candidate directories exists.
    """
    for d in candidate_data_dirs(explicit):
        if d.is_dir():
            return d
    looked = ", ".join(str(d) for d in candidate_data_dirs(explicit))
    raise MissingDataError(
        f"no reference data found (looked in {looked}); set NEWSAUDIT_DATA "
        "or run `newsaudit data fetch`"
    )


def dataset(name: str, explicit: Path | None = None) -> Path:
    """The folder of one data set, e.g. ``dataset("lin2023_domain_quality")``.

    Raises:
        MissingDataError: If the data set is not in the data directory.
    """
    root = data_dir(explicit)
    path = root / name
    if not path.is_dir():
        raise MissingDataError(
            f"data set {name!r} is not in {root}; run `newsaudit data fetch` or set NEWSAUDIT_DATA"
        )
    return path


def cache_dir() -> Path:
    """The cache directory (created on first use).

    Raises:
        DataError: If the folder cannot be created.
    """
    env = os.environ.get("NEWSAUDIT_CACHE")
    path = Path(env) if env else Path(platformdirs.user_cache_dir(APP))
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise DataError(f"cannot create the cache folder {path}: {exc.strerror or exc} "
                        "(set NEWSAUDIT_CACHE to a writable folder)") from exc
    return path


def fingerprint(paths: Iterable[Path]) -> str:
    """A short hash of file names, sizes and mtimes: changes when the data changes."""
    h = hashlib.sha256()
    for p in sorted(paths):
        st = p.stat()
        h.update(f"{p.name}:{st.st_size}:{st.st_mtime_ns}\n".encode())
    return h.hexdigest()[:16]
