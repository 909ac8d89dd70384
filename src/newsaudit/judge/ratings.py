"""The rating index: every public rating by domain, a name index, and resolution.

The index is compiled from the rating sets in the data directory (see
:mod:`newsaudit.judge.raters`) into one JSON file in the cache directory, keyed
by a fingerprint of the input files, so it is rebuilt when the data changes and
otherwise loads in well under a second. Sources are resolved from a URL or
domain (tldextract with its bundled public-suffix list, never the network), or
from a name through an index of names (MBFC page slugs, NELA-GT and AllSides
source names, list names, and each domain's own label: "truepundit" for "True
Pundit"), with normalisation and fuzzy matching (rapidfuzz).
"""

from __future__ import annotations

import functools
import gzip
import json
import logging
import re
import time
from dataclasses import asdict, dataclass
from pathlib import Path

from ..data import cache_dir, data_dir, fingerprint
from ..errors import DataError, MissingDataError
from . import raters
from .raters import LOADERS, Rating, norm_domain

log = logging.getLogger(__name__)

#: Bump when the loaders read the data differently: the cached index is keyed by it.
INDEX_VERSION = 3

#: Lowest rapidfuzz ratio (0-100) for a fuzzy name match. At 92, "Daily Caller"
#: variants and "Al Monitor" match while "Daily Mail"/"Daily Kos" do not;
#: re-run benchmarks/ratings.py after a change.
FUZZY_MIN = 92

#: Words dropped from names before matching ("The Daily Caller News Foundation"
#: -> "daily caller"): organisational suffixes that outlets' domains omit.
NAME_SUFFIXES = re.compile(
    r"\b(?:news foundation|foundation|news service|news network|media group|media|"
    r"newspaper|online|inc|llc|ltd|co|com|org|net)\b\.?$"
)


@dataclass(frozen=True, slots=True)
class Resolution:
    """How a query was matched to a rated source."""

    name: str
    domain: str
    method: str
    confidence: float


def _name_key(name: str) -> str:
    s = name.lower().replace("&", " and ")
    s = re.sub(r"^(?:https?://)?(?:www\.)?", "", s)
    s = re.sub(r"\.(com|org|net|co\.uk|com\.au|news)$", "", s)
    s = re.sub(r"^the\s+", "", s.strip())
    prev = None
    while prev != s:
        prev = s
        s = NAME_SUFFIXES.sub("", s).strip()
    return re.sub(r"[^a-z0-9]", "", s)


def _data_files(root: Path) -> list[Path]:
    """The rating sets' files and the code that reads them (the cache key's inputs)."""
    code = [Path(__file__), Path(raters.__file__)]
    return code + sorted(p for name in LOADERS for p in (root / name).rglob("*")
                         if p.is_file() and p.suffix in (".csv", ".tsv", ".json", ".txt"))


def _allsides_names(root: Path) -> dict[str, str]:
    """Outlet names from the AllSides corpus (source name -> domain)."""
    path = root / "allsides_article_bias" / "articles.jsonl.gz"
    names: dict[str, str] = {}
    if not path.exists():
        return names
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line)
            src, dom = row.get("source"), norm_domain(row.get("source_url") or "")
            if src and dom:
                names.setdefault(re.sub(r"\s*-\s*(News|Opinion|Online News)$", "", src), dom)
    return names


def build(root: Path, target: Path) -> dict:
    """Compile the rating sets under ``root`` into the index file ``target``."""
    import tldextract

    t0 = time.perf_counter()
    extract = tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)
    by_domain: dict[str, list[dict]] = {}
    claims: dict[str, set[str]] = {}
    valid: dict[str, bool] = {}
    sets = []
    for set_name, loader in LOADERS.items():
        if not (root / set_name).is_dir():
            log.warning("rating set %s missing from %s", set_name, root)
            continue
        sets.append(set_name)
        for r in loader(root):
            if r.domain not in valid:  # drop mangled rows ("site.com-page.html")
                ext = extract(r.domain)
                valid[r.domain] = bool(ext.suffix and ext.domain)
            if not valid[r.domain]:
                continue
            by_domain.setdefault(r.domain, []).append(asdict(r))
            if r.name:
                claims.setdefault(_name_key(r.name), set()).add(r.domain)
    if not sets:
        raise MissingDataError(f"no rating sets in {root}")
    for name, dom in _allsides_names(root).items():
        claims.setdefault(_name_key(name), set()).add(dom)
    for dom in by_domain:
        claims.setdefault(_name_key(extract(dom).domain), set()).add(dom)
    # A name claimed by several domains goes to the most-rated one.
    names = {key: max(doms, key=lambda d: (len(by_domain.get(d, ())), -len(d), d))
             for key, doms in claims.items() if key}
    index = {"version": INDEX_VERSION, "fingerprint": fingerprint(_data_files(root)),
             "sets": sets, "by_domain": by_domain, "names": names,
             "built_in_s": round(time.perf_counter() - t0, 2)}
    tmp = target.with_suffix(".tmp")
    tmp.write_text(json.dumps(index, separators=(",", ":")), encoding="utf-8")
    tmp.replace(target)
    return index


class RatingIndex:
    """Ratings by domain and a name index; see the module docstring.

    Args:
        index: The compiled index (from :func:`build` or the cache).
        overrides: The user's own ratings, laid over the public ones.
    """

    def __init__(self, index: dict, overrides: dict[str, list[dict]] | None = None):
        self.by_domain: dict[str, list[dict]] = index["by_domain"]
        self.names: dict[str, str] = index["names"]
        self.info = {k: v for k, v in index.items() if k not in ("by_domain", "names")}
        self.overrides = overrides or {}
        import tldextract

        # Bundled public-suffix snapshot, no network, no cache writes.
        self._extract = tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)
        self._name_keys = list(self.names)

    def ratings(self, domain: str) -> list[dict]:
        """Every rating of ``domain`` (overrides first)."""
        return self.overrides.get(domain, []) + self.by_domain.get(domain, [])

    def _known(self, domain: str) -> bool:
        return domain in self.by_domain or domain in self.overrides

    def resolve_domain(self, query: str) -> Resolution | None:
        """Resolve a URL or host name: the host, then its parents down to the registered domain."""
        host = norm_domain(query)
        if not host or "." not in host:
            return None
        for prefix in ("amp.", "m.", "mobile.", "edition.", "beta."):
            host = host.removeprefix(prefix)
        if self._known(host):
            return Resolution(host, host, "override" if host in self.overrides else "domain", 1.0)
        ext = self._extract(host)
        registered = ext.top_domain_under_public_suffix if hasattr(
            ext, "top_domain_under_public_suffix") else ext.registered_domain
        parts = host.split(".")
        for i in range(1, len(parts) - 1):
            parent = ".".join(parts[i:])
            if self._known(parent):
                return Resolution(parent, parent, "subdomain", 0.9)
            if parent == registered:
                break
        if registered and ext.domain:
            # Same outlet under another country suffix (bbc.co.uk / bbc.com).
            for suffix in ("com", "org", "net", "co.uk"):
                alt = f"{ext.domain}.{suffix}"
                if alt != registered and self._known(alt):
                    return Resolution(alt, alt, "suffix_variant", 0.6)
        return None

    def resolve_name(self, query: str) -> Resolution | None:
        """Resolve an outlet name (exact key, then fuzzy)."""
        key = _name_key(query)
        if not key:
            return None
        if key in self.names:
            method = "name_exact" if key == re.sub(r"[^a-z0-9]", "", query.lower()) \
                else "name_normalised"
            return Resolution(query, self.names[key], method, 0.95 if method == "name_exact"
                              else 0.85)
        if len(key) < 5:
            return None
        from rapidfuzz import fuzz, process

        best = process.extractOne(key, self._name_keys, scorer=fuzz.ratio,
                                  score_cutoff=FUZZY_MIN)
        if best:
            return Resolution(query, self.names[best[0]], "name_fuzzy",
                              round(best[1] / 100 * 0.8, 3))
        return None

    def resolve(self, query: str) -> Resolution | None:
        """Resolve a URL, domain or name to a rated domain, or None."""
        query = query.strip()
        if not query:
            return None
        looks_like_host = "://" in query or re.fullmatch(r"[\w.-]+\.[a-z]{2,}(/\S*)?", query, re.I)
        if looks_like_host:
            return self.resolve_domain(query)
        return self.resolve_name(query)


def _overrides(path: Path | None) -> dict[str, list[dict]]:
    if path is None:
        return {}
    from .overrides import load_overrides

    return load_overrides(path)


@functools.lru_cache(maxsize=4)
def load_index(root: Path | None = None, overrides: Path | None = None,
               rebuild: bool = False) -> RatingIndex:
    """The rating index, compiled on first use and cached on disk.

    Raises:
        MissingDataError: If the rating sets are not in the data directory.
        DataError: If the cached index is unreadable and cannot be rebuilt.
    """
    root = Path(root) if root else data_dir()
    target = cache_dir() / f"ratings-v{INDEX_VERSION}.json"
    fp = fingerprint(_data_files(root))
    index = None
    if target.exists() and not rebuild:
        try:
            index = json.loads(target.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            log.warning("rating cache unreadable (%s); rebuilding", exc)
        if index and index.get("fingerprint") != fp:
            log.info("rating data changed; rebuilding the index")
            index = None
    if index is None:
        try:
            index = build(root, target)
        except OSError as exc:
            raise DataError(f"cannot build the rating index in {target.parent}: {exc}") from exc
    return RatingIndex(index, _overrides(overrides))


def resolve(query: str) -> Resolution | None:
    """Resolve a URL, domain or outlet name with the default index (None if unknown)."""
    return load_index().resolve(query)


__all__ = ["Rating", "RatingIndex", "Resolution", "build", "load_index", "resolve"]
