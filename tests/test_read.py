"""Reading text, bytes and paths into an Article with the text exactly as read."""

from __future__ import annotations

from pathlib import Path

import pytest

import newsaudit
from newsaudit.errors import BinaryInputError, EmptyInputError, InputError, InputTooLargeError
from newsaudit.options import Options
from newsaudit.read import decode, looks_like_html, read

SENTENCE = "Le ministre a déclaré que la réforme serait adoptée avant l'été, à Genève."


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "latin-1", "cp1252"])
def test_read_bytes_in_any_encoding(encoding: str) -> None:
    data = (SENTENCE + " " + SENTENCE.replace("ministre", "président") + "\n").encode(encoding)
    assert read(data).text.strip() == (SENTENCE + " " + SENTENCE.replace("ministre", "président"))


def test_read_cp1252_smart_quotes() -> None:
    text, _enc = decode("“Quoted,” she said — it’s over.".encode("cp1252"))
    assert text == "“Quoted,” she said — it’s over."


@pytest.mark.parametrize(("data", "error"), [
    (b"", EmptyInputError),
    (b"  \n\t ", EmptyInputError),
    (b"\x89PNG\r\n\x1a\n\x00\x00", BinaryInputError),
    (b"%PDF-1.7\n", BinaryInputError),
    (b"abc\x00def", BinaryInputError),
    (b"PK\x03\x04rest", BinaryInputError),
])
def test_read_bad_bytes(data: bytes, error: type[Exception]) -> None:
    with pytest.raises(error):
        read(data)


def test_read_too_large_text() -> None:
    with pytest.raises(InputTooLargeError, match="at most 1 MB"):
        read("word " * 300_000, options=Options(max_bytes=2**20))


def test_read_path_and_str_path(tmp_path: Path, example_text: str) -> None:
    p = tmp_path / "a.txt"
    p.write_text(example_text, encoding="utf-8")
    assert read(p).text == example_text
    assert read(str(p)).text == example_text
    assert read(p).meta.origin["path"] == str(p)


def test_read_plain_string_is_the_article() -> None:
    assert read("Just one sentence of text.").text == "Just one sentence of text."


def test_read_missing_and_directory(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        read(tmp_path / "nope.txt")
    with pytest.raises(InputError, match="is a directory"):
        read(tmp_path)


@pytest.mark.parametrize(("text", "expected"), [
    ("<!DOCTYPE html><html><body><p>x</p></body></html>", True),
    ("<div><p>Hello</p></div>", True),
    ("True Pundit\n\nPolitics Security World", False),
    ("<3 this article", False),
])
def test_read_html_detection(text: str, expected: bool) -> None:
    assert looks_like_html(text) is expected


def test_read_report_text_equals_input_crlf_normalised() -> None:
    report = newsaudit.analyze("Headline here today\r\n\r\nThe council approved the budget on "
                               "Tuesday after a long debate, officials said.\r\n")
    assert "\r" not in report.to_dict()["text"]


# Two AllSides records as a user might save them (JSONL, CSV), and one as text.
_RECORDS = [{"source": "NPR Online News", "url": "https://www.npr.org/2018/08/08/636568530/",
             "content_original": "Voters in Missouri have overwhelmingly rejected a "
                                 "right-to-work law passed by the state\u2019s Legislature."},
            {"source": "Reuters", "url": "https://www.reuters.com/article/x",
             "content_original": "WASHINGTON (Reuters) - The U.S. Senate voted on Tuesday."}]


@pytest.mark.parametrize(("name", "kind", "named"), [
    ("two.jsonl", "JSONL", True), ("two.ndjson", "JSONL", True), ("small.csv", "CSV", True),
    ("small.tsv", "CSV", True), ("two.txt", "JSONL", False),
])
def test_read_corpus_file_points_to_batch(tmp_path: Path, name: str, kind: str,
                                          named: bool) -> None:
    import csv
    import json

    from newsaudit.errors import CorpusInputError

    path = tmp_path / name
    if kind == "JSONL":
        path.write_text("".join(json.dumps(r) + "\n" for r in _RECORDS), encoding="utf-8")
    else:
        with path.open("w", newline="", encoding="utf-8") as fh:
            w = csv.DictWriter(fh, fieldnames=list(_RECORDS[0]),
                               delimiter="\t" if name.endswith(".tsv") else ",")
            w.writeheader()
            w.writerows(_RECORDS)
    with pytest.raises(CorpusInputError, match=f"a {kind} file of records") as info:
        read(path)
    assert ("newsaudit batch " + str(path) in str(info.value)) is named
    assert "newsaudit batch" in str(info.value) and info.value.exit_code == 2


def test_read_jsonl_string_is_refused() -> None:
    import json

    from newsaudit.errors import CorpusInputError

    with pytest.raises(CorpusInputError, match="newsaudit batch"):
        read("".join(json.dumps(r) + "\n" for r in _RECORDS))
    # One JSON-looking line in an article is not a corpus.
    assert read('{"a": 1} is how the config starts, the engineer said.\nMore text.').text


def test_cli_analyze_corpus_file_exit_2(tmp_path: Path, capsys) -> None:
    import json

    from newsaudit.cli import main

    path = tmp_path / "two.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in _RECORDS), encoding="utf-8")
    assert main(["analyze", str(path)]) == 2
    err = capsys.readouterr().err
    assert "newsaudit batch" in err and "Traceback" not in err
