"""Direct-quote detection: where quotation marks open and close in a text.

A pure text scan, no parse needed, so it also runs on text that spaCy split badly.
It finds top-level quotations in every common style:

- straight double quotes ``"..."``, curly double quotes ``“...”``, guillemets;
- single quotes used as quotation marks, curly ``‘...’`` and straight ``'...'``
  (British style, headlines), told apart from apostrophes (``don’t``, ``players’``)
  by the characters around the mark;
- nested quotes (``“He said ‘no’ twice”``): only the outer quotation is kept,
  the inner ones are reported as ``nested``;
- quotations running across paragraphs: by the newspaper convention a quoted
  passage of several paragraphs leaves each paragraph but the last without a
  closing mark and opens the next one with a quote mark (Chicago Manual of Style
  13.30; AP Stylebook, "quotation marks"), so an unclosed quote followed by a
  paragraph that opens with a quote mark continues into it;
- two apostrophes standing for a double quotation mark (``''...''``), the
  convention of the New York Times' plain-text archive (as in the NYT documents
  of PolNeAR) and of TeX.

The approach follows the quote-pairing step of textacy's ``direct_quotations``
(after Krestel, Bergler and Witte 2008, "Minding the Source"), made robust to
unbalanced marks: textacy gives up on a document with an odd number of marks,
here an unclosed quote ends with its paragraph.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

DOUBLE_OPEN = "“„«"
DOUBLE_CLOSE = "”»"
SINGLE_OPEN = "‘‚‹"
SINGLE_CLOSE = "’›"
STRAIGHT_DOUBLE = '"'
STRAIGHT_SINGLE = "'"
ALL_MARKS = DOUBLE_OPEN + DOUBLE_CLOSE + SINGLE_OPEN + SINGLE_CLOSE + '"' + "'"

#: Characters after which a straight quote mark opens a quotation (start of a
#: word); any other preceding character makes it a closing mark.
_OPENING_CONTEXT = " \t\n([{—–-/:;" + DOUBLE_OPEN + SINGLE_OPEN

#: A single-quoted stretch longer than this many characters is not a quotation
#: but two apostrophes that happen to pair up. Calibrated by eye on the PolNeAR
#: dev split (single-quoted quotations there are headline fragments well under
#: 200 characters); re-run benchmarks/polnear.py after a change.
MAX_SINGLE_QUOTE_CHARS = 300

_PARA = re.compile(r"[^\n]+")


@dataclass(frozen=True, slots=True)
class Quote:
    """A quotation: ``start``/``end`` include the marks, ``inner_*`` exclude them.

    ``kind`` is "double" or "single"; ``paragraphs`` counts the paragraphs it runs
    over; ``nested`` is True for a quotation inside another one.
    """

    start: int
    end: int
    inner_start: int
    inner_end: int
    kind: str
    paragraphs: int = 1
    nested: bool = False

    def words(self, text: str) -> int:
        """Number of whitespace-separated words inside the marks."""
        return len(text[self.inner_start : self.inner_end].split())


def find_quotes(text: str, *, nested: bool = False) -> list[Quote]:
    """Find quotations in ``text``, outermost first in text order.

    Args:
        text: Any text; paragraphs are separated by newlines.
        nested: Also return quotations nested inside others (flagged ``nested``).

    Returns:
        Quotations sorted by start offset.
    """
    raw = text
    text = _double_apostrophes(text)
    paragraphs = [(m.start(), m.end()) for m in _PARA.finditer(text) if m.group().strip()]
    found = _pair(text, paragraphs, "double") + _pair(text, paragraphs, "single")
    if text is not raw:
        found = [_widen(raw, q) for q in found]
    found.sort(key=lambda q: (q.start, -q.end))
    result: list[Quote] = []
    for q in found:
        outer = next((r for r in result if r.start <= q.start and q.end <= r.end), None)
        if outer is not None:
            if nested:
                result.append(_nest(q))
            continue
        if any(r.start < q.start < r.end or r.start < q.end < r.end for r in result):
            continue  # crossing marks: keep the one found first (double beats single)
        result.append(q)
    result.sort(key=lambda q: q.start)
    return result


_DOUBLE_APOSTROPHE = re.compile(r"(?<!')''(?!')")


def _double_apostrophes(text: str) -> str:
    """``text`` with each pair of apostrophes used as a double quotation mark
    rewritten, offsets kept, as a straight double quote and a space: ``''Yes,''``
    becomes `` "Yes," `` (the space on the outer side of each mark)."""
    if "''" not in text:
        return text
    chars = list(text)
    for m in _DOUBLE_APOSTROPHE.finditer(text):
        i = m.start()
        prev = text[i - 1] if i else " "
        if prev in _OPENING_CONTEXT:
            chars[i], chars[i + 1] = " ", '"'
        else:
            chars[i], chars[i + 1] = '"', " "
    return "".join(chars)


def _widen(raw: str, q: Quote) -> Quote:
    """Take back into a quotation the apostrophe of a two-apostrophe mark that
    :func:`_double_apostrophes` turned into a space."""
    start, end = q.start, q.end
    if start and raw[start - 1 : start + 1] == "''":
        start -= 1
    if raw[end - 1 : end + 1] == "''":
        end += 1
    if (start, end) == (q.start, q.end):
        return q
    return Quote(start, end, q.inner_start, q.inner_end, q.kind, q.paragraphs, q.nested)


def _nest(q: Quote) -> Quote:
    return Quote(q.start, q.end, q.inner_start, q.inner_end, q.kind, q.paragraphs, True)


def _role(text: str, i: int, kind: str) -> str | None:
    """'open', 'close' or None (not a quotation mark of this kind) for ``text[i]``."""
    c = text[i]
    prev = text[i - 1] if i > 0 else " "
    nxt = text[i + 1] if i + 1 < len(text) else " "
    if kind == "double":
        if c in DOUBLE_OPEN:
            return "open"
        if c in DOUBLE_CLOSE:
            return "close"
        if c == STRAIGHT_DOUBLE:
            return "open" if prev in _OPENING_CONTEXT and not nxt.isspace() else "close"
        return None
    if c in SINGLE_OPEN:
        # ‘90s, ‘em: an apostrophe typed as an opening mark before a digit.
        return None if nxt.isdigit() else "open"
    if c in SINGLE_CLOSE or c == STRAIGHT_SINGLE:
        if prev.isalnum() and nxt.isalnum():
            return None  # don’t, O’Brien
        if c == STRAIGHT_SINGLE and prev in _OPENING_CONTEXT and (nxt.isalnum() or nxt in "“\""):
            return None if nxt.isdigit() else "open"
        if prev.isspace():
            return None
        return "close"
    return None


def _pair(text: str, paragraphs: list[tuple[int, int]], kind: str) -> list[Quote]:
    """Pair opening and closing marks of one kind, paragraph by paragraph."""
    quotes: list[Quote] = []
    open_at: int | None = None
    n_paras = 1
    for k, (p_start, p_end) in enumerate(paragraphs):
        continued = open_at is not None
        for i in range(p_start, p_end):
            role = _role(text, i, kind)
            if role is None:
                continue
            if continued and i == _first_char(text, p_start, p_end) and role == "open":
                continue  # the mark reopening a quotation that runs on
            if role == "open" and open_at is None:
                open_at, n_paras = i, 1
            elif role == "close" and open_at is not None:
                if kind == "single" and i - open_at > MAX_SINGLE_QUOTE_CHARS:
                    open_at = None
                    continue
                quotes.append(Quote(open_at, i + 1, open_at + 1, i, kind, n_paras))
                open_at = None
        if open_at is None:
            continue
        nxt = paragraphs[k + 1] if k + 1 < len(paragraphs) else None
        if kind == "double" and nxt is not None and _opens_with_quote(text, *nxt):
            n_paras += 1
            continue
        if kind == "double":
            # An unclosed quotation ends with its paragraph.
            end = _last_char(text, p_start, p_end) + 1
            if end > open_at + 1:
                quotes.append(Quote(open_at, end, open_at + 1, end, kind, n_paras))
        open_at = None
    return quotes


def _first_char(text: str, start: int, end: int) -> int:
    while start < end and text[start].isspace():
        start += 1
    return start


def _last_char(text: str, start: int, end: int) -> int:
    end -= 1
    while end > start and text[end].isspace():
        end -= 1
    return end


def _opens_with_quote(text: str, start: int, end: int) -> bool:
    i = _first_char(text, start, end)
    return i < end and _role(text, i, "double") == "open"
