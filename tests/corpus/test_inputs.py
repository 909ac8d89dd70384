"""Corpus inputs: every format read as records with stable ids, bad parts recorded."""

from __future__ import annotations

import csv
import gzip
import io
import json
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from newsaudit.corpus.inputs import Record, derive_id, input_kind, read_inputs
from newsaudit.errors import InputError

ARTICLE = ("WASHINGTON (Reuters) - The Senate passed the bill on Tuesday, officials said.\n"
           "\"We will keep going,\" Senator Jane Smith told reporters.\n")
PAGE = ("<html><head><title>Talks stall</title></head><body><article><h1>Talks stall</h1>"
        "<p>Negotiators left Geneva on Friday without a deal, a former diplomat said.</p>"
        "</article></body></html>")


def write_warc(path: Path, pages: list[tuple[str, str, str]]) -> None:
    """A WARC.gz with a warcinfo record and one response per (url, content type, body)."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with open(path, "wb") as fh:
        writer = WARCWriter(fh, gzip=path.name.endswith(".gz"))
        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "test"}))
        for url, ctype, body in pages:
            headers = StatusAndHeaders("200 OK", [("Content-Type", ctype)], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(
                url, "response", payload=io.BytesIO(body.encode()), http_headers=headers))


def test_input_kind_by_name(tmp_path: Path) -> None:
    for name, kind in [("a.jsonl.gz", "jsonl"), ("b.csv", "csv"), ("c.parquet", "parquet"),
                       ("d.warc.gz", "warc"), ("e.html", "file"), ("f.TXT", "file")]:
        (tmp_path / name).write_bytes(b"x")
        assert input_kind(tmp_path / name) == kind
    assert input_kind(tmp_path) == "folder"
    (tmp_path / "g.docx").write_bytes(b"x")
    with pytest.raises(InputError, match="not a corpus input"):
        input_kind(tmp_path / "g.docx")
    with pytest.raises(InputError, match="no such file"):
        read_inputs([tmp_path / "missing.jsonl"])


def test_folder_reads_text_and_html_sorted_with_stable_ids(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "page.html").write_text(PAGE)
    (tmp_path / "a.txt").write_text(ARTICLE)
    (tmp_path / "notes.md").write_text("not an article")
    (tmp_path / "latin1.txt").write_bytes("Caf\xe9 owners said prices rose.".encode("latin-1"))
    recs = list(read_inputs([tmp_path]))
    assert [r.position for r in recs] == [0, 1, 2]
    assert recs[0].text == ARTICLE and recs[0].html is None
    assert recs[1].html == PAGE and recs[1].text is None
    assert recs[2].text == "Café owners said prices rose."
    assert recs[0].id == derive_id(str(tmp_path.resolve()), "a.txt")
    assert [r.id for r in read_inputs([tmp_path])] == [r.id for r in recs]
    assert len({r.id for r in recs}) == 3


def test_jsonl_columns_given_ids_and_bad_lines(tmp_path: Path) -> None:
    rows = [
        {"id": "n1", "text": ARTICLE, "source": "Reuters", "published": "2020-01-02",
         "title": "Bill passes"},
        {"html": PAGE, "url": "https://example.com/talks"},
        {"url": "https://example.com/only-a-url"},
        {"title": "no body"},
    ]
    path = tmp_path / "c.jsonl.gz"
    with gzip.open(path, "wt", encoding="utf-8") as fh:
        for row in rows:
            fh.write(json.dumps(row) + "\n")
        fh.write("{not json\n")
        fh.write("[1, 2]\n")
    recs = list(read_inputs([path]))
    assert len(recs) == 6
    assert recs[0] == Record(id="n1", text=ARTICLE, source="Reuters", published="2020-01-02",
                             title="Bill passes", input=str(path.resolve()), position=0)
    assert recs[1].html == PAGE and recs[1].url == "https://example.com/talks"
    assert recs[1].id == derive_id(str(path.resolve()), 1)
    assert recs[2].url and recs[2].text is None and recs[2].error is None
    assert recs[3].error == "row 3 has no text/html/url value"
    assert recs[4].error is not None and "not JSON" in recs[4].error
    assert recs[5].error is not None and "not a JSON object" in recs[5].error


def test_column_mapping(tmp_path: Path) -> None:
    path = tmp_path / "allsides.jsonl"
    path.write_text(json.dumps({"content_original": ARTICLE, "source": "AP", "date": "2019"})
                    + "\n")
    (rec,) = read_inputs([path], columns={"text": "content_original", "published": "date"})
    assert rec.text == ARTICLE and rec.published == "2019" and rec.source == "AP"
    with pytest.raises(InputError, match="unknown record field"):
        read_inputs([path], columns={"body": "content"})


def test_csv_and_tsv(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    with open(path, "w", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["id", "text", "title"])
        w.writerow(["x1", ARTICLE, "Bill passes"])
        w.writerow(["", "Second article text, with a comma.", ""])
    recs = list(read_inputs([path]))
    assert recs[0].id == "x1" and recs[0].text == ARTICLE and recs[0].title == "Bill passes"
    assert recs[1].id == derive_id(str(path.resolve()), 1) and recs[1].title is None
    tsv = tmp_path / "t.tsv"
    tsv.write_text("text\turl\nSome text\thttps://a.example/1\n")
    (rec,) = read_inputs([tsv])
    assert rec.text == "Some text" and rec.url == "https://a.example/1"


def test_parquet_typed_columns(tmp_path: Path) -> None:
    import datetime as dt

    path = tmp_path / "t.parquet"
    table = pa.table({
        "text": [ARTICLE, None, "Third."],
        "published": [dt.datetime(2021, 5, 1, 12, 0), None, None],
        "extra": [1, 2, 3],
    })
    pq.write_table(table, path, row_group_size=2)
    recs = list(read_inputs([path]))
    assert [r.position for r in recs] == [0, 1, 2]
    assert recs[0].published == "2021-05-01T12:00:00"
    assert recs[1].error is not None and recs[2].text == "Third."


def test_warc_html_responses_only(tmp_path: Path) -> None:
    path = tmp_path / "crawl.warc.gz"
    write_warc(path, [("https://example.com/a", "text/html; charset=utf-8", PAGE),
                      ("https://example.com/logo.png", "image/png", "PNGDATA"),
                      ("https://example.com/b", "text/html", PAGE.replace("Geneva", "Vienna"))])
    recs = list(read_inputs([path]))
    assert [r.url for r in recs] == ["https://example.com/a", "https://example.com/b"]
    assert "Vienna" in (recs[1].html or "")
    assert all(len(r.id) == 36 for r in recs)  # the WARC-Record-ID's UUID
    assert [r.id for r in read_inputs([path])] == [r.id for r in recs]


def test_corrupt_file_recorded_and_next_input_read(tmp_path: Path) -> None:
    good = tmp_path / "good.jsonl.gz"
    with gzip.open(good, "wt") as fh:
        for i in range(50):
            fh.write(json.dumps({"text": f"Article {i} " * 200}) + "\n")
    data = good.read_bytes()
    broken = tmp_path / "broken.jsonl.gz"
    broken.write_bytes(data[: len(data) // 2])
    bad_parquet = tmp_path / "bad.parquet"
    bad_parquet.write_bytes(b"PAR1 this is not a parquet file")
    recs = list(read_inputs([broken, bad_parquet, good]))
    broken_recs = [r for r in recs if r.input == str(broken.resolve())]
    assert broken_recs[-1].error is not None and "broken.jsonl.gz" in broken_recs[-1].error
    assert all(r.error is None for r in broken_recs[:-1])
    assert broken_recs[-1].position == len(broken_recs) - 1
    (pq_err,) = [r for r in recs if r.input == str(bad_parquet.resolve())]
    assert pq_err.error is not None and pq_err.position == 0
    assert sum(r.input == str(good.resolve()) for r in recs) == 50
