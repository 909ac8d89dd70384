"""The rating index: every public rating by domain, a name index, and resolution.

The index is compiled from the rating sets in the data directory (see
:mod:`newsaudit.judge.raters`) into one JSON file in the cache directory, keyed
by a fingerprint of the input files and the loaders' code, so it is rebuilt when
either changes and otherwise loads in well under a second. Sources are resolved
from a URL or domain (tldextract with its bundled public-suffix list, never the
network), or from a name: first the alias table of well-known outlets
(:mod:`newsaudit.judge.aliases`: "NYT", "AP", "WaPo"); a name several outlets share
("the Times", "the Post", or one word found in many outlets' names) stays unknown;
then the names the rating sets and AllSides give outlets, each domain's own label
("truepundit" for "True Pundit"), and fuzzy matching (rapidfuzz). A label or fuzzy
match must name a domain that several rating organisations know, so that a name is
not taken for an obscure site that bears it.
"""

from __future__ import annotations

import functools
import gzip
import json
import logging
import os
import re
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path

from filelock import FileLock, Timeout

from ..data import cache_dir, data_dir, fingerprint
from ..errors import DataError, MissingDataError
from . import aliases, raters
from .raters import LOADERS, Rating, family, norm_domain

log = logging.getLogger(__name__)

#: Bump when the loaders read the data differently: the cached index is keyed by it.
INDEX_VERSION = 4

#: Seconds to wait for another process building the index: about 5 s on this
#: project's machine, over 60 s when it is loaded by parallel jobs (the race test
#: saw that). The lock is the kernel's (flock), released when its holder dies,
#: so waiting long never waits on a dead process.
BUILD_LOCK_SECONDS = 600

#: Lowest rapidfuzz ratio (0-100) for a fuzzy name match. At 92, "Daily Caller"
#: variants and "Al Monitor" match while "Daily Mail"/"Daily Kos" do not;
#: re-run benchmarks/ratings.py after a change.
FUZZY_MIN = 92

#: A word in at least this many outlets' names ("Times": 300 or so, "Post", "Journal")
#: is no name on its own: "the Times" stays unknown unless the article or the alias
#: table says which. At 8, "Guardian" and "Reuters" stay names; re-run
#: benchmarks/outlet_names.py after a change.
GENERIC_MIN = 8
#: Rating organisations a domain needs before a bare label or fuzzy match may name
#: it: "Journal" is not journal.com.ph (one graph estimate), "WaPo" not wapo.news.
MIN_ORGANISATIONS = 2

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
            if src and dom and _names_its_site(src, dom):
                names.setdefault(re.sub(r"\s*-\s*(News|Opinion|Online News)$", "", src), dom)
    return names


_NAME_STOPWORDS = frozenset({"the", "of", "and", "for", "a", "an", "on", "in"})


def _names_its_site(name: str, domain: str) -> bool:
    """Whether an AllSides source name names the site its articles came from.

    AllSides lists columnists, politicians and think tanks as sources ("Barack
    Obama" with an article on nytimes.com, "Ben Shapiro" on dailywire.com,
    "Drudge Report" on wnd.com): their names are not the site's, and a person's
    name must never resolve to an outlet. A name counts when one of its words
    (three letters or more) or its initials appear in the host ("New York
    Times" - nytimes.com, "Wall Street Journal" - wsj.com). Of AllSides' 487
    names this drops 130, most of them people, the rest think tanks, "Guest Writer" and
    mismatches such as "Kalamazoo Gazette" on nytimes.com.
    """
    host = re.sub(r"\.[a-z]{2,3}(\.[a-z]{2})?$", "", domain.lower())
    host = host.replace(".", "").replace("-", "")
    core = re.sub(r"\s*(\(.*\)|-\s.*|,.*)$", "", name).strip()
    words = [w for w in re.findall(r"[a-z0-9]+", core.lower()) if w not in _NAME_STOPWORDS]
    if any(len(w) >= 3 and w in host for w in words):
        return True
    initials = "".join(w[0] for w in words)
    return len(initials) >= 2 and initials in host


def _looks_like_host(name: str) -> bool:
    return bool(re.fullmatch(r"[\w.-]+\.[a-z]{2,}", name.strip(), re.I))


def _most_rated(claims: dict[str, set[str]], by_domain: dict[str, list[dict]]) -> dict[str, str]:
    # A name claimed by several domains goes to the most-rated one.
    return {key: max(doms, key=lambda d: (len(by_domain.get(d, ())), -len(d), d))
            for key, doms in claims.items() if key}


def _generic_words(names: list[str]) -> list[str]:
    """Words that many outlets' names share ("Times", "Post"): not a name on their own."""
    counts: dict[str, int] = {}
    for name in set(names):
        words = re.findall(r"[a-z0-9]+", name.lower())
        if len(words) > 1:
            for w in set(words):
                counts[w] = counts.get(w, 0) + 1
    return sorted(w for w, n in counts.items() if n >= GENERIC_MIN)


def build(root: Path, target: Path) -> dict:
    """Compile the rating sets under ``root`` into the index file ``target``."""
    import tldextract

    t0 = time.perf_counter()
    extract = tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)
    by_domain: dict[str, list[dict]] = {}
    claims: dict[str, set[str]] = {}
    raw_names: list[str] = []
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
            # A name that is a host ("ABCnews.com.co") names that host only: its
            # label ("abcnews") would claim the outlet it imitates.
            if r.name and not _looks_like_host(r.name):
                claims.setdefault(_name_key(r.name), set()).add(r.domain)
                raw_names.append(r.name)
    if not sets:
        raise MissingDataError(f"no rating sets in {root}")
    for name, dom in _allsides_names(root).items():
        claims.setdefault(_name_key(name), set()).add(dom)
        raw_names.append(name)
    labels: dict[str, set[str]] = {}
    for dom in by_domain:
        labels.setdefault(_name_key(extract(dom).domain), set()).add(dom)
    index = {"version": INDEX_VERSION, "fingerprint": fingerprint(_data_files(root)),
             "sets": sets, "by_domain": by_domain, "names": _most_rated(claims, by_domain),
             "labels": _most_rated(labels, by_domain), "generic": _generic_words(raw_names),
             "built_in_s": round(time.perf_counter() - t0, 2)}
    _write_atomic(target, json.dumps(index, separators=(",", ":")))
    return index


def _write_atomic(target: Path, content: str) -> None:
    """Write ``target`` through a temporary file of its own and an atomic rename.

    The temporary name is unique, so processes that build at the same time never
    write into each other's file, and a reader sees the old file or the new one.
    """
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(content)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _valid(index: object) -> bool:
    """Whether a cached index has the shape this version reads."""
    return (isinstance(index, dict) and index.get("version") == INDEX_VERSION
            and isinstance(index.get("by_domain"), dict) and isinstance(index.get("names"), dict)
            and isinstance(index.get("fingerprint"), str)
            and all(isinstance(v, list) for v in index["by_domain"].values()))


class RatingIndex:
    """Ratings by domain and a name index; see the module docstring.

    Args:
        index: The compiled index (from :func:`build` or the cache).
        overrides: The user's own ratings, laid over the public ones.
    """

    def __init__(self, index: dict, overrides: dict[str, list[dict]] | None = None):
        self.by_domain: dict[str, list[dict]] = index["by_domain"]
        self.names: dict[str, str] = index["names"]
        self.labels: dict[str, str] = index["labels"]
        self.generic = frozenset(index["generic"])
        self.info = {k: v for k, v in index.items()
                     if k not in ("by_domain", "names", "labels", "generic")}
        self.overrides = overrides or {}
        import tldextract

        # Bundled public-suffix snapshot, no network, no cache writes.
        self._extract = tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)
        self._fuzzy_keys = list(dict.fromkeys([*self.names, *self.labels]))

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

    def organisations(self, domain: str) -> int:
        """How many rating organisations rate ``domain`` (a family counted once)."""
        return len({family(r["rater"]) for r in self.ratings(domain)})

    def ambiguous(self, query: str) -> tuple[str, ...]:
        """The outlets a shared short name may mean ("the Times"); empty otherwise.

        A name in :data:`newsaudit.judge.aliases.AMBIGUOUS`, or one word that many
        outlets' names share.
        """
        if aliases.alias(query):
            return ()
        listed = aliases.ambiguous(query)
        if listed:
            return listed
        words = re.findall(r"[a-z0-9]+", re.sub(r"^the\s+", "", query.strip().lower()))
        if len(words) == 1 and words[0] in self.generic:
            return tuple(sorted(d for k, d in self.names.items() if k.endswith(words[0])))[:5]
        return ()

    def resolve_name(self, query: str) -> Resolution | None:
        """Resolve an outlet name: the alias table, the rating sets' names, the domains'
        own labels, then fuzzy; None for a shared short name or an unknown one.

        A match through a domain's label or a fuzzy one needs a domain that at least
        :data:`MIN_ORGANISATIONS` organisations rate, so that a name is not taken
        for an obscure site that happens to bear it ("Journal" for journal.com.ph).
        """
        key = _name_key(query)
        if not key:
            return None
        known = aliases.alias(query)
        if known:
            return Resolution(query, known, "alias", 0.95)
        if self.ambiguous(query):
            return None
        if key in self.names:
            method = "name_exact" if key == re.sub(r"[^a-z0-9]", "", query.lower()) \
                else "name_normalised"
            return Resolution(query, self.names[key], method, 0.95 if method == "name_exact"
                              else 0.85)
        label = self.labels.get(key)
        if label and self.organisations(label) >= MIN_ORGANISATIONS:
            return Resolution(query, label, "domain_label", 0.85)
        if len(key) < 5:
            return None
        from rapidfuzz import fuzz, process

        for match, score, _ in process.extract(key, self._fuzzy_keys, scorer=fuzz.ratio,
                                               score_cutoff=FUZZY_MIN, limit=5):
            dom = self.names.get(match) or self.labels[match]
            if self.organisations(dom) >= MIN_ORGANISATIONS:
                return Resolution(query, dom, "name_fuzzy", round(score / 100 * 0.8, 3))
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
    try:
        # One builder at a time, across processes and threads: the others wait
        # and then read what it wrote (a cold cache in parallel runs and CI).
        with FileLock(target.with_name(target.name + ".lock"), timeout=BUILD_LOCK_SECONDS):
            index = None if rebuild else _cached(target, fp)
            if index is None:
                index = build(root, target)
    except Timeout as exc:
        raise DataError(f"the rating index in {target.parent} is locked by another "
                        f"process for over {BUILD_LOCK_SECONDS} s") from exc
    except OSError as exc:
        raise DataError(f"cannot build the rating index in {target.parent}: {exc}") from exc
    return RatingIndex(index, _overrides(overrides))


def _cached(target: Path, fp: str) -> dict | None:
    """The cached index if it is readable, of this version's shape and current."""
    if not target.exists():
        return None
    try:
        index = json.loads(target.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        log.warning("rating cache unreadable (%s); rebuilding", exc)
        return None
    if not _valid(index):
        log.warning("rating cache %s has an unexpected shape; rebuilding", target)
        return None
    if index.get("fingerprint") != fp:
        log.info("rating data changed; rebuilding the index")
        return None
    return index  # type: ignore[no-any-return]


def resolve(query: str) -> Resolution | None:
    """Resolve a URL, domain or outlet name with the default index (None if unknown)."""
    return load_index().resolve(query)


__all__ = ["Rating", "RatingIndex", "Resolution", "build", "load_index", "resolve"]
