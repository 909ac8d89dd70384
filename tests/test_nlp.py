"""The shared spaCy parse: long texts are parsed in pieces with offsets kept."""

from __future__ import annotations

import pytest

from newsaudit import nlp as nlp_module
from newsaudit.nlp import chunks, load, parse_long


def test_chunks_join_back_and_cut_at_line_breaks(example_text: str) -> None:
    pieces = chunks(example_text, size=400)
    assert "".join(pieces) == example_text
    assert len(pieces) > 3
    assert all(len(p) <= 400 for p in pieces)
    # At a line break where the piece's second half has one, else at a space.
    assert all(p.endswith(("\n", " ")) for p in pieces[:-1])
    assert sum(p.endswith("\n") for p in pieces[:-1]) >= len(pieces) // 2


def test_chunks_without_line_breaks_cut_at_spaces() -> None:
    text = "word " * 1000
    pieces = chunks(text, size=300)
    assert "".join(pieces) == text
    assert all(p.endswith(" ") and len(p) <= 300 for p in pieces)


def test_long_text_parsed_in_pieces_keeps_offsets(example_text: str,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    whole = load()(example_text)
    monkeypatch.setattr(nlp_module, "CHUNK_CHARS", 1500)
    doc = parse_long(load(), example_text)
    assert doc.text == example_text
    assert len(doc) == len(whole)
    # Every entity points at its characters; pieces of 1,500 characters change
    # little of what the recogniser finds (production pieces are 100,000).
    for ent in doc.ents:
        assert example_text[ent.start_char:ent.end_char] == ent.text
    ents = {(e.start_char, e.end_char, e.label_) for e in doc.ents}
    whole_ents = {(e.start_char, e.end_char, e.label_) for e in whole.ents}
    assert len(ents & whole_ents) >= 0.8 * len(whole_ents)
    assert len(list(doc.sents)) >= len(list(whole.sents))


def test_indexed_lookups_equal_spacys(example_text: str) -> None:
    from newsaudit.nlp import doc_text, ents_starting, ents_within, sents_starting

    doc = load()(example_text)
    assert doc_text(doc) == doc.text
    assert doc_text(doc) is doc_text(doc)  # built once
    n = len(example_text)
    assert [e.text for e in ents_starting(doc, 0, n)] == [e.text for e in doc.ents]
    mid = n // 2
    assert [e.start_char for e in ents_starting(doc, mid, n)] == [
        e.start_char for e in doc.ents if e.start_char >= mid]
    for sent in list(doc.sents)[:15]:
        assert [e.text for e in ents_within(sent)] == [e.text for e in sent.ents]
    assert [s.start for s in sents_starting(doc, mid, n)] == [
        s.start for s in doc.sents if s.start_char >= mid]


def test_cap_runs_blanks_long_runs_keeps_offsets() -> None:
    from newsaudit.nlp import MAX_TOKEN_CHARS, cap_runs

    words = "He said “yes” ... and left!!! "
    base64 = "QUJD" * 60
    text = words + base64 + " then " + "“" * 20_000 + " and " + "-" * 30 + " ok"
    capped, skipped = cap_runs(text)
    assert len(capped) == len(text)
    assert [text[s:e] for s, e in skipped] == [base64, "“" * 20_000, "-" * 30]
    assert capped.startswith(words) and capped.endswith(" then " + " " * 20_000 + " and "
                                                        + " " * 30 + " ok")
    assert cap_runs("x" * MAX_TOKEN_CHARS) == ("x" * MAX_TOKEN_CHARS, [])


def test_long_quote_run_in_a_paragraph_is_noted_and_the_rest_parsed() -> None:
    import newsaudit

    para = ("The minister said the talks would go on, and the envoy said nothing at all "
            "about it today in the capital. ")
    text = "Talks Stall\n" + para * 3 + "\n" + para + "“" * 20_000 + " " + para + "\n" + para
    d = newsaudit.analyze(text).to_dict()
    runs = [n for n in d["notes"] if n["kind"] == "skipped_run"]
    assert len(runs) == 1 and d["text"][runs[0]["start"]:runs[0]["end"]] == "“" * 20_000
    assert len([a for a in d["attributions"] if a["cue"]["text"] == "said"]) >= 4


def test_cap_runs_spaced_punctuation() -> None:
    from newsaudit.nlp import MAX_PUNCT_TOKENS, cap_runs

    kept = "a * * * b . . . c " + " ".join(["—"] * MAX_PUNCT_TOKENS) + " d"
    assert cap_runs(kept) == (kept, [])
    text = "He said " + "“ " * 5000 + "and left."
    capped, skipped = cap_runs(text)
    assert len(capped) == len(text) and capped.endswith(" and left.")
    assert [text[s:e] for s, e in skipped] == ["“ " * 4999 + "“"]


def test_finding_across_a_skipped_run_shows_the_page_text() -> None:
    import newsaudit
    from newsaudit import schema

    text = ("Talks\nThe minister said “the talks would go on, " + "x" * 5000
            + " and that is all”, he said today in the capital of the country.\n"
            "The envoy said nothing at all about it today in the capital, officials said.\n")
    d = newsaudit.analyze(text).to_dict()
    schema.validate(d)  # every span's text is text[start:end]
    quoted = [a for a in d["attributions"] if a["content"]["text"].startswith("“the talks")]
    assert quoted and "x" * 5000 in quoted[0]["content"]["text"]
