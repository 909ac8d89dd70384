"""Step 1, read: turn text, HTML, bytes, a path or a URL into an :class:`Article`.

The article's ``text`` is the input exactly as read; for HTML it is the page's
text with its furniture kept, one block a line (see :mod:`newsaudit.html`). A URL's
bytes are fetched under the guards of :mod:`newsaudit.fetch`, then read here.
"""

from __future__ import annotations

import codecs
import json
import os
import re
import select
import stat
import unicodedata
from pathlib import Path
from urllib.parse import urlsplit

import httpx
from charset_normalizer import from_bytes

from .article import Article, Metadata
from .errors import (
    BinaryInputError,
    CorpusInputError,
    EmptyInputError,
    EncodingError,
    InputError,
    InputTooLargeError,
    UnsupportedURLError,
)
from .fetch import fetch_bytes, strip_credentials
from .options import Options

# Magic numbers of common binary formats people pass by mistake.
_MAGIC = {
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"%PDF": "a PDF document",
    b"PK\x03\x04": "a ZIP archive (or an Office document)",
    b"\x1f\x8b": "a gzip archive",
    b"\x7fELF": "an executable",
    b"RIFF": "a RIFF media file",
    b"BZh": "a bzip2 archive",
    b"\xfd7zXZ": "an xz archive",
    b"SQLite format 3": "an SQLite database",
}

_URL = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*://\S+$")
_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*://")
_HTML_HINT = re.compile(r"<\s*(!doctype\s+html|html|head|body|article|div|p|meta)\b", re.I)

#: Share of control characters (other than tab/newline/CR/form feed) above which
#: decoded text is treated as binary. Plain text and HTML have none.
_MAX_CONTROL_SHARE = 0.01


def looks_like_url(source: str) -> bool:
    """Whether ``source`` is a single URL token (``scheme://...``)."""
    return len(source) < 8192 and bool(_URL.match(source.strip()))


def looks_like_html(text: str) -> bool:
    """Whether ``text`` is markup rather than plain text (tags in its first 2 kB)."""
    head = text[:2048].lstrip()
    return head.startswith("<") and bool(_HTML_HINT.search(head))


def decode(data: bytes) -> tuple[str, str]:
    """Decode bytes of unknown encoding.

    UTF-8 first; then UTF-16 recognised by its BOM or by its zero bytes; else
    line by line, UTF-8 where a line is UTF-8 and one legacy encoding for the
    others (files pasted together from several sources mix them).

    Returns:
        The text and the name of the encoding used (``"utf-8+cp1252"`` for a mix).

    Raises:
        BinaryInputError: If the bytes are a known binary format or hold NUL bytes.
        EncodingError: If no encoding yields plausible text.
    """
    for magic, what in _MAGIC.items():
        if data.startswith(magic):
            raise BinaryInputError(f"input is {what}, not text or HTML")
    for bom, name in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
                      (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            return data.decode(name, errors="replace"), name
    utf16 = _utf16_without_bom(data)
    if utf16:
        return data.decode(utf16, errors="replace"), utf16
    if b"\x00" in data:
        raise BinaryInputError("input holds NUL bytes: it is a binary file, not text or HTML")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    lines = data.split(b"\n")
    utf8 = [_utf8_or_none(line) for line in lines]
    other = b"\n".join(line for line, text in zip(lines, utf8, strict=True) if text is None)
    legacy = legacy_encoding(other)
    decoded = [text if text is not None else line.decode(legacy, errors="replace")
               for line, text in zip(lines, utf8, strict=True)]
    mixed = any(t is not None and not t.isascii() for t in utf8)
    return "\n".join(decoded), f"utf-8+{legacy}" if mixed else legacy


def _utf8_or_none(line: bytes) -> str | None:
    try:
        return line.decode("utf-8")
    except UnicodeDecodeError:
        return None


#: Share of the first bytes' even (or odd) positions that must be zero for bytes
#: without a BOM to be read as UTF-16: text in Latin script has a zero high byte in
#: nearly every code unit; no 8-bit text has zero bytes at all.
UTF16_ZERO_SHARE = 0.4


def _utf16_without_bom(data: bytes) -> str | None:
    head = data[:4096]
    if len(head) < 4 or b"\x00" not in head:
        return None
    even, odd = head[0::2], head[1::2]
    if odd.count(0) >= UTF16_ZERO_SHARE * len(odd) and even.count(0) < 0.05 * len(even):
        return "utf-16-le"
    if even.count(0) >= UTF16_ZERO_SHARE * len(even) and odd.count(0) < 0.05 * len(odd):
        return "utf-16-be"
    return None


#: Unicode categories that are rare in text and common in a wrong single-byte
#: decoding (Polish "ł" read as cp1252 is "³", "ą" is "¹").
_ODD_CATEGORIES = ("So", "Sk", "Sm", "Sc", "No", "Cc", "Cn", "Co")


def legacy_encoding(data: bytes) -> str:
    """The single legacy encoding that fits ``data`` best.

    charset-normalizer proposes one; windows-1252 (what browsers read for
    "latin-1", by far the commonest legacy Western encoding) is kept instead when
    it decodes the bytes into no more odd characters than the proposal: Latin-1
    text must not come out as cp1250 ("è" as "č").

    Raises:
        EncodingError: If nothing decodes the bytes.
    """
    best = from_bytes(data[:1_000_000]).best()
    if best is None:
        raise EncodingError("input does not decode as text in any known encoding")
    proposal = best.encoding
    try:
        western = data.decode("cp1252")
    except UnicodeDecodeError:
        return proposal
    if _odd(western) <= _odd(data.decode(proposal, errors="replace")):
        return "cp1252"
    return proposal


def _odd(text: str) -> int:
    return sum(1 for c in text if not c.isascii()
               and unicodedata.category(c) in _ODD_CATEGORIES)


def _check_text(text: str) -> None:
    if not text.strip():
        raise EmptyInputError("input is empty (nothing but whitespace)")
    sample = text[:65536]
    controls = sum(1 for c in sample if ord(c) < 32 and c not in "\t\n\r\f")
    if controls > _MAX_CONTROL_SHARE * len(sample):
        raise BinaryInputError("input is full of control characters: it is not text or HTML")


def _check_size(size: int, cap: int, what: str = "input") -> None:
    if size > cap:
        raise InputTooLargeError(
            f"{what} is {size / 2**20:.1f} MB; one article may be at most {cap / 2**20:.0f} MB"
        )


def read_bytes(data: bytes, *, options: Options | None = None, url: str | None = None,
               site: str | None = None) -> Article:
    """Read an article from raw bytes of any encoding (text or HTML)."""
    options = options or Options()
    _check_size(len(data), options.max_bytes)
    text, encoding = decode(data)
    article = read_text(text, options=options, url=url, site=site)
    article.meta.origin["encoding"] = encoding
    return article


def read_text(text: str, *, options: Options | None = None, url: str | None = None,
              site: str | None = None) -> Article:
    """Read an article from a string of plain text or HTML."""
    options = options or Options()
    _check_size(len(text), options.max_bytes)
    _check_text(text)
    if looks_like_html(text):
        from .html import read_html

        return read_html(text, url=url, site=site)
    if _json_lines(text[:20_000]):
        raise CorpusInputError(
            "the input is JSON records one a line (a corpus), not one article: "
            "save it as a .jsonl file and run `newsaudit batch FILE --out DIR`")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    from .parse.site import url_domain

    meta = Metadata(url=url, site_name=site, domain=url_domain(url), origin={"kind": "text"})
    return Article(text, meta)


def read_path(path: str | os.PathLike[str], *, options: Options | None = None,
              url: str | None = None, site: str | None = None) -> Article:
    """Read an article from a file of text or HTML.

    Raises:
        InputError: If the path is missing, a directory, unreadable or not an article.
    """
    options = options or Options()
    p = Path(path)
    if not p.exists():
        raise InputError(f"{p}: no such file")
    if p.is_dir():
        raise InputError(f"{p}: is a directory, not a file (use a batch command for a corpus)")
    try:
        data = _read_file(p, options.max_bytes, options.fetch_timeout)
    except PermissionError as exc:
        raise InputError(f"{p}: permission denied") from exc
    except OSError as exc:
        raise InputError(f"{p}: cannot be read ({exc.strerror or exc})") from exc
    kind = corpus_kind(p.name, data)
    if kind:
        named = corpus_kind(p.name, b"") is not None
        how = f"run `newsaudit batch {p} --out DIR`" if named else \
            f"give it a .{kind.lower()} name and run `newsaudit batch FILE --out DIR`"
        raise CorpusInputError(
            f"{p}: a {kind} file of records (a corpus), not one article: {how} "
            "to analyse each record")
    try:
        article = read_bytes(data, options=options, url=url, site=site)
    except InputError as exc:
        raise type(exc)(f"{p}: {exc}") from exc
    article.meta.origin["path"] = str(p)
    return article


def _read_file(p: Path, cap: int, wait: float) -> bytes:
    """At most ``cap`` bytes of the file at ``p``, whatever kind of file it is.

    A regular file is refused by its size first. Pipes, FIFOs and devices
    (``/dev/stdin``, ``<(...)``, ``/dev/zero``) report no size: they are read
    without blocking, never more than ``cap + 1`` bytes, waiting at most ``wait``
    seconds for each piece (a FIFO nobody writes to ends at once, as empty).

    Raises:
        InputTooLargeError: Over ``cap`` bytes.
        InputError: If nothing arrives for ``wait`` seconds.
        OSError: If the file cannot be opened or read.
    """
    st = p.stat()
    if stat.S_ISREG(st.st_mode):
        _check_size(st.st_size, cap, what=str(p))
        with p.open("rb") as fh:
            data = fh.read(cap + 1)  # the file may have grown since stat()
    else:
        data = _read_stream(p, cap, wait)
    if len(data) > cap:
        raise InputTooLargeError(f"{p} is over {cap / 2**20:.0f} MB, too large for one article")
    return data


def _read_stream(p: Path, cap: int, wait: float) -> bytes:
    fd = os.open(p, os.O_RDONLY | os.O_NONBLOCK)
    chunks, size = [], 0
    try:
        while size <= cap:
            ready, _, _ = select.select([fd], [], [], wait)
            if not ready:
                raise InputError(f"{p}: nothing to read for {wait:g} s")
            try:
                chunk = os.read(fd, min(1 << 16, cap + 1 - size))
            except BlockingIOError:
                continue
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
    finally:
        os.close(fd)
    return b"".join(chunks)


def read_url(url: str, *, options: Options | None = None, site: str | None = None,
             transport: httpx.BaseTransport | None = None) -> Article:
    """Fetch ``url`` under the guards of :mod:`newsaudit.fetch` and read it as an
    article (HTML or plain text), in the charset the response declares.

    Args:
        url: An http(s) URL.
        options: Fetch limits and size caps.
        site: The publishing site's name, when known.
        transport: An httpx transport to fetch through (tests, pinned addresses).

    Raises:
        FetchError: If the fetch is refused or fails.
        InputError: If the response is not an article (binary, empty...).
    """
    options = options or Options()
    body, info = fetch_bytes(url, options=options, transport=transport)
    ctype = info["content_type"].split(";")[0].strip().lower()
    if ctype and not (ctype.startswith("text/") or ctype in (
            "application/xhtml+xml", "application/xml")):
        raise InputError(f"{strip_credentials(url)} is {ctype}, not an HTML or text page")
    if info["charset"]:
        try:
            text = body.decode(info["charset"])
        except (LookupError, UnicodeDecodeError):
            text, _ = decode(body)
    else:
        text, _ = decode(body)
    final = info["final_url"]
    article = read_text(text, options=options, url=final, site=site)
    article.meta.url = final
    host = urlsplit(final).hostname or ""
    # The host the page came from, whatever the page says about itself.
    article.meta.domain = host[4:] if host.startswith("www.") else host
    article.meta.origin.update(info)
    article.meta.origin["identity"] = "url"
    return article


def _json_lines(head: str) -> bool:
    """Whether text starts with two or more lines that are each a JSON object."""
    lines = [ln.strip() for ln in head.splitlines()[:3] if ln.strip()]
    if len(lines) < 2:
        return False
    try:
        return all(ln.startswith("{") and isinstance(json.loads(ln), dict) for ln in lines[:2])
    except ValueError:
        return False


def corpus_kind(name: str, data: bytes) -> str | None:
    """The corpus format of a file ("JSONL", "CSV", "Parquet", "WARC"), or None.

    By the name's suffix (the ones ``newsaudit batch`` reads), else by content:
    Parquet's and WARC's magic bytes, or JSON objects one a line.
    """
    from .corpus.inputs import SUFFIX_KINDS

    low = name.lower()
    for suffix in sorted(SUFFIX_KINDS, key=len, reverse=True):
        if low.endswith(suffix) and SUFFIX_KINDS[suffix] != "file":
            return SUFFIX_KINDS[suffix].upper() if SUFFIX_KINDS[suffix] != "parquet" \
                else "Parquet"
    if data[:4] == b"PAR1":
        return "Parquet"
    if data[:5] == b"WARC/":
        return "WARC"
    if _json_lines(data[:20_000].decode("utf-8", errors="replace")):
        return "JSONL"
    return None


def read(source: str | bytes | os.PathLike[str], *, options: Options | None = None,
         url: str | None = None, site: str | None = None) -> Article:
    """Read an article from text, HTML, bytes, a path or a URL.

    A ``str`` that is one ``http(s)://`` token is fetched (see :mod:`newsaudit.fetch`);
    a ``str`` of one token without white space is a path (an error if no such file
    exists: an article is never one word); one line starting ``scheme://`` is a
    malformed URL; any other ``str`` is the article itself. Pass a
    :class:`pathlib.Path` to make a path explicit.

    Args:
        source: The article, its bytes, a path to it, or its URL.
        options: Size caps and fetch settings.
        url: The article's URL, when known and not fetched.
        site: The publishing site's name, when known.

    Raises:
        InputError: If the input cannot be read as an article, or is a path to no file.
        FetchError: If a URL cannot be fetched or is malformed.
    """
    options = options or Options()
    if url is not None:
        url = strip_credentials(url)
    if isinstance(source, bytes | bytearray):
        return read_bytes(bytes(source), options=options, url=url, site=site)
    if isinstance(source, os.PathLike):
        return read_path(source, options=options, url=url, site=site)
    if not isinstance(source, str):
        raise InputError(f"cannot read an article from {type(source).__name__}")
    if looks_like_url(source):
        return read_url(source.strip(), options=options, site=site)
    token = source.strip()
    if token and len(token) < 4096 and not any(c.isspace() for c in token):
        # One token without white space is no article: a path or a URL.
        if _SCHEME.match(token):
            raise UnsupportedURLError(f"malformed URL {strip_credentials(token)!r}")
        return read_path(token, options=options, url=url, site=site)
    if "\n" not in token and _SCHEME.match(token):
        raise UnsupportedURLError(f"malformed URL {strip_credentials(token)!r} (white space "
                                  "in it?)")
    return read_text(source, options=options, url=url, site=site)
