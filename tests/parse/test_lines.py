"""Line features: the patterns behind them stay right and linear on hostile lines."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsaudit.parse.lines import _EMAIL_URL, FEATURE_NAMES, line_features, split_lines


@pytest.mark.parametrize(("line", "found"), [
    ("Write to jane.doe@example.com for details", True),
    ("Read more at https://example.com/story", True),
    ("see www.example.org", True),
    ("a@b@c.org", True),
    ("The minister said the talks would go on.", False),
    ("meet @ noon.", False),
    ("(" * 200_000, False),  # the run that took 8.7 s at 80k characters before
    ("@" * 200_000, False),
    ("a@" * 100_000, False),
])
def test_email_url_pattern(line: str, found: bool) -> None:
    assert bool(_EMAIL_URL.search(line)) is found


_LINE_TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=300)


@settings(max_examples=200, deadline=None)
@given(st.lists(_LINE_TEXT, max_size=30))
def test_split_lines_and_features_any_text(parts: list[str]) -> None:
    text = "\n".join(parts)
    lines = split_lines(text)
    for ln in lines:
        assert ln.text == text[ln.start:ln.end] and ln.text.strip() == ln.text and ln.text
        assert "\n" not in ln.text
    X = line_features(lines)
    assert X.shape == (len(lines), len(FEATURE_NAMES))
