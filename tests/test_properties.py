"""Property-based tests (hypothesis) over the readers, the furniture parser and each stage.

For any input: no crash other than a clear :class:`~newsaudit.errors.InputError`,
no hang (every run has a deadline and must finish it), every offset valid (the
report schema's check), and no text lost without a note: every visible character
of the text is in the body or in a stretch of furniture.
"""

from __future__ import annotations

import string

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import newsaudit
from newsaudit import schema
from newsaudit.errors import InputError
from newsaudit.read import read_bytes, read_text

PROSE = [
    "The minister said the talks would go on, and the envoy said nothing about it today.",
    "“We will not stop,” the senator told reporters after the meeting in the capital.",
    "According to a report by the Al-Monitor, a former diplomat said the deal was close.",
    "Officials, who spoke on condition of anonymity, said the plan had been shelved.",
    "Prices rose 4.2% in March, the highest rate since 1991, the bureau reported.",
]
FURNITURE = [
    "Advertisement", "Share this article", "Subscribe to our newsletter", "Home | World | Politics",
    "Leave a comment", "© 2024 Example Media. All rights reserved.",
    "Content created by The Daily Caller News Foundation is available without charge to any "
    "eligible news publisher that can provide a large audience.",
]
HOSTILE = st.one_of(
    st.text(st.sampled_from("()[]{}“”\"'‘’«»—-.!?;:,@/#*_"), min_size=1, max_size=400),
    st.text(string.ascii_letters + string.digits + "+/=", min_size=50, max_size=500),
    st.text(st.characters(blacklist_categories=("Cs",)), max_size=200),
)
LINE = st.one_of(st.sampled_from(PROSE), st.sampled_from(FURNITURE), HOSTILE)


@st.composite
def articles(draw: st.DrawFn) -> str:
    lines = draw(st.lists(LINE, min_size=1, max_size=25))
    joiner = draw(st.sampled_from(["\n", "\n\n", " ", "\r\n"]))
    return joiner.join(lines)


def _covered(d: dict) -> list[int]:
    """Offsets of visible characters in neither the body nor the furniture."""
    text = d["text"]
    seen = bytearray(len(text))
    spans = [(b["start"], b["end"]) for b in d["article"]["body_spans"]]
    spans += [(f["start"], f["end"]) for f in d["furniture"]]
    for s, e in spans:
        seen[s:e] = b"\x01" * (e - s)
    return [i for i, c in enumerate(text) if not seen[i] and not c.isspace()]


FAST = settings(max_examples=150, deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
SLOW = settings(max_examples=25, deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


@FAST
@given(st.binary(max_size=3000))
def test_read_bytes_any_bytes(data: bytes) -> None:
    try:
        article = read_bytes(data)
    except InputError:
        return
    assert article.text.strip()


@FAST
@given(st.text(max_size=3000))
def test_read_text_any_text(text: str) -> None:
    try:
        article = read_text(text)
    except InputError:
        return
    assert article.text.strip() and "\r" not in article.text


@FAST
@given(articles())
def test_furniture_parser_loses_nothing(text: str) -> None:
    options = newsaudit.Options(stages=("parse.furniture",), deadline=60)
    try:
        d = newsaudit.analyze(text, options=options).to_dict()
    except InputError:
        return
    schema.validate(d)
    assert _covered(d) == []
    bodies = [(b["start"], b["end"]) for b in d["article"]["body_spans"]]
    furniture = [(f["start"], f["end"]) for f in d["furniture"]]
    assert not any(s < fe and fs < e for s, e in bodies for fs, fe in furniture)


@SLOW
@given(articles())
def test_every_stage_any_article(text: str) -> None:
    try:
        d = newsaudit.analyze(text, options=newsaudit.Options(deadline=60)).to_dict()
    except InputError:
        return
    schema.validate(d)  # every offset of every stage's findings lies in the text
    assert d["unfinished"] == []
    assert _covered(d) == []
    assert [p["name"] for p in d["pipeline"]] == list(newsaudit.pipeline.DEFAULT_PIPELINE)


@SLOW
@given(st.lists(st.sampled_from(PROSE + FURNITURE), min_size=1, max_size=12),
       st.integers(0, 3000))
def test_html_any_nesting(lines: list[str], depth: int) -> None:
    inner = "".join(f"<p>{ln}</p>" for ln in lines)
    html = ("<html><body><p>Before it all.</p>" + "<div>" * depth + inner + "</div>" * depth
            + "<p>After it all, the end of the story.</p></body></html>")
    d = newsaudit.analyze(html, options=newsaudit.Options(deadline=60)).to_dict()
    schema.validate(d)
    lost = [ln for ln in lines if ln not in d["text"]]
    if lost:  # a reader that drops input says so
        assert any(n["kind"] == "dropped_input" for n in d["notes"])
