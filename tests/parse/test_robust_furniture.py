"""The furniture parser on hostile and careless input: nothing lost, nothing runaway."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

import newsaudit
from newsaudit.parse.furniture import _join_prose
from newsaudit.parse.lexicon import furniture_kind, licence_spans
from newsaudit.parse.lines import Line

NOTICE = ("Content created by The Daily Caller News Foundation is available without charge "
          "to any eligible news publisher that can provide a large audience. For licensing "
          "opportunities of our original content, please contact "
          "licensing@dailycallernewsfoundation.org.")

ONLY_FURNITURE = newsaudit.Options(stages=("parse.furniture",))


def test_one_line_article_with_licence_keeps_its_body(example_text: str) -> None:
    # Paragraphs joined by spaces, as text from JSON and CSV often is.
    one = " ".join(ln.strip() for ln in example_text.splitlines() if ln.strip())
    article = newsaudit.analyze(one, options=ONLY_FURNITURE).article
    body = article.body_string()
    assert "Al-Monitor" in body and "former diplomat" in body
    licence = [f for f in article.furniture if f.kind == "licence"]
    assert [f.text[:30] for f in licence] == ["Content created by The Daily C",
                                              "For licensing opportunities of"]
    assert not any("Content created" in article.text[s:e] for s, e in article.body)


def test_one_line_article_full_pipeline_finds_attributions(example_text: str) -> None:
    one = " ".join(ln.strip() for ln in example_text.splitlines() if ln.strip())
    d = newsaudit.analyze(one).to_dict()
    assert d["attributions"] and d["claims"]
    assert d["provenance"]["syndicated_from"]


def test_licence_notice_alone_is_furniture() -> None:
    assert furniture_kind(NOTICE) == "licence"
    assert furniture_kind("The post Syria talks appeared first on True Pundit.") == "licence"


def test_licence_spans_in_a_long_line() -> None:
    line = "He said the talks would resume in the spring. " + NOTICE + " Then he left."
    spans = licence_spans(line)
    assert next(line[s:e] for s, e in spans).startswith("Content created by")
    assert furniture_kind(line * 3) is None  # mostly prose: not furniture as a whole


def test_repeated_furniture_lines() -> None:
    text = ("Syria Talks Stall Again\n"
            "The minister said the talks would go on, and the envoy said nothing at all "
            "about it today in the capital city of the country.\n"
            + "Advertisement\n" * 5000)
    article = newsaudit.analyze(text, options=ONLY_FURNITURE).article
    ads = [f for f in article.furniture if f.text == "Advertisement"]
    assert len(ads) == 5000 and {f.kind for f in ads} == {"advertising"}
    assert "the envoy said nothing" in article.body_string()


def _join_prose_fixed_point(joinable: list[bool], keep: list[bool]) -> list[bool]:
    """The definition: grow one line at a time until nothing changes."""
    keep = list(keep)
    changed = True
    while changed:
        changed = False
        for i in range(len(keep)):
            if keep[i] or not joinable[i]:
                continue
            if (i > 0 and keep[i - 1]) or (i + 1 < len(keep) and keep[i + 1]):
                keep[i] = changed = True
    return keep


PROSE = ("The minister said the talks would go on, and that the envoy had said nothing "
         "at all about it.")


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.booleans(), st.booleans()), max_size=40))
def test_join_prose_two_sweeps_equal_fixed_point(rows: list[tuple[bool, bool]]) -> None:
    lines = [Line(0, 0, PROSE if j else "Menu") for j, _ in rows]
    keep = [k for _, k in rows]
    prob = np.full(len(rows), 0.3)
    expected = _join_prose_fixed_point([j and not k for j, k in rows], keep)
    _join_prose(lines, prob, keep, [j for j, _ in rows])
    assert keep == expected
